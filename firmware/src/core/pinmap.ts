// Turns a board section of hardware/pinmap.json (bundled at build time) into the core's
// GloveConfig. firmware/build.ts has already checked the map (firmware/pinmap-check.ts).
import { HAND_LEFT, HAND_RIGHT, SITE_THUMB, SITE_KNUCKLE } from '../../../shared/protocol/constants';
import type { GloveConfig } from './config';

interface PinmapFsr {
  hand: string;
  site: string;
}
interface PinmapImu {
  hand: string;
  address: number;
}
interface PinmapDivider {
  nominal_p0_n: number;
  nominal_p1: number;
}

export function configFromPinmap(fsr: PinmapFsr[], imu: PinmapImu[], divider: PinmapDivider, version: string): GloveConfig {
  const cfg: GloveConfig = { fsr: [], imu: [], fsrP0: divider.nominal_p0_n, fsrP1: divider.nominal_p1, version: version };
  for (let i = 0; i < fsr.length; i++) {
    cfg.fsr.push({
      hand: fsr[i].hand === 'right' ? HAND_RIGHT : HAND_LEFT,
      site: fsr[i].site === 'knuckle' ? SITE_KNUCKLE : SITE_THUMB,
    });
  }
  for (let k = 0; k < imu.length; k++) {
    cfg.imu.push({ hand: imu[k].hand === 'right' ? HAND_RIGHT : HAND_LEFT, address: imu[k].address });
  }
  return cfg;
}
