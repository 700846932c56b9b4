// Codes <-> names for boards and channels (PROTOCOL.md section 3.1).
import {
  BOARD_ESPRUINO_PICO, BOARD_KALUMA_PICO, BOARD_SIMULATOR, BOARD_UNKNOWN, BOARD_ESPRUINO_RP2040,
  KIND_ACCEL, KIND_FSR, KIND_GYRO, UNIT_DPS, UNIT_G, UNIT_NEWTON,
} from './constants';
import type { BoardName, Channel, ChannelKind, Hand } from './types';

const BOARDS: BoardName[] = ['unknown', 'espruino-pico', 'kaluma-pico', 'simulator', 'espruino-rp2040'];

export function boardCode(b: BoardName): number {
  switch (b) {
    case 'espruino-pico': return BOARD_ESPRUINO_PICO;
    case 'kaluma-pico': return BOARD_KALUMA_PICO;
    case 'simulator': return BOARD_SIMULATOR;
    case 'espruino-rp2040': return BOARD_ESPRUINO_RP2040;
    default: return BOARD_UNKNOWN;
  }
}

export function boardName(code: number): BoardName {
  return BOARDS[code] ?? 'unknown';
}

const KINDS: (ChannelKind | undefined)[] = [undefined, 'fsr', 'accel', 'gyro'];
const UNITS: (Channel['unit'] | undefined)[] = [undefined, 'N', 'g', 'dps'];
const FSR_SITES = ['thumb', 'knuckle'] as const;
const AXES = ['x', 'y', 'z'] as const;

export function channelName(kind: ChannelKind, hand: Hand, site: Channel['site']): string {
  if (kind === 'fsr') return `${hand}_${site}`;
  return `${hand}_${kind === 'accel' ? 'a' : 'g'}${site}`;
}

/** Decodes a channel entry's codes; undefined when a code is out of range. */
export function channelFromCodes(
  kind: number, hand: number, site: number, unit: number, p0: number, p1: number, p2: number,
): Channel | undefined {
  const k = KINDS[kind];
  const u = UNITS[unit];
  // The unit follows the kind (PROTOCOL.md 3.1): FSR newtons, accelerometer g, gyroscope deg/s.
  if (!k || !u || unit !== kind || (hand !== 0 && hand !== 1)) return undefined;
  const s = k === 'fsr' ? FSR_SITES[site] : AXES[site];
  if (!s) return undefined;
  const h: Hand = hand === 0 ? 'left' : 'right';
  return { kind: k, hand: h, site: s, unit: u, name: channelName(k, h, s), p0, p1, p2 };
}

export function channelCodes(ch: Channel): { kind: number; hand: number; site: number; unit: number } {
  const kind = ch.kind === 'fsr' ? KIND_FSR : ch.kind === 'accel' ? KIND_ACCEL : KIND_GYRO;
  const site = ch.kind === 'fsr' ? FSR_SITES.indexOf(ch.site as 'thumb') : AXES.indexOf(ch.site as 'x');
  const unit = ch.unit === 'N' ? UNIT_NEWTON : ch.unit === 'g' ? UNIT_G : UNIT_DPS;
  return { kind, hand: ch.hand === 'left' ? 0 : 1, site, unit };
}
