// A scripted glove for calibration tests: 4 FSR pads whose raw counts follow a known power law
// (true p0, p1, tare) for the load currently set on each pad, with a little noise. It writes
// the real wire protocol: a descriptor every 0.5 s and samples at 100 Hz.
import { encodeDescriptor, encodeSample } from '../../shared/protocol/encode';
import { fsrRaw } from '../../shared/engine/calibration';
import type { Channel } from '../../shared/protocol/types';

export const PADS = ['left_thumb', 'right_thumb', 'left_knuckle', 'right_knuckle'] as const;
export type Pad = (typeof PADS)[number];

export interface PadTruth {
  p0: number;
  p1: number;
  tare: number;
  /** A broken pad: reads its tare whatever the load. */
  dead?: boolean;
}

export const TRUTH: Record<Pad, PadTruth> = {
  left_thumb: { p0: 6.5, p1: 1.35, tare: 1200 },
  right_thumb: { p0: 5.2, p1: 1.2, tare: 900 },
  left_knuckle: { p0: 7.8, p1: 1.5, tare: 1500 },
  right_knuckle: { p0: 4.4, p1: 1.1, tare: 700 },
};

export const DEVICE_ID = 0x51a7e;

function channel(name: Pad): Channel {
  const [hand, site] = name.split('_') as ['left' | 'right', 'thumb' | 'knuckle'];
  // Uncalibrated defaults, as a glove fresh from assembly reports them.
  return { kind: 'fsr', hand, site, unit: 'N', name, p0: 1, p1: 1, p2: 0 };
}

export class FakeGlove {
  readonly load: Record<Pad, number> = { left_thumb: 0, right_thumb: 0, left_knuckle: 0, right_knuckle: 0 };
  private seq = 0;
  private k = 0;
  private rng = 12345;

  constructor(readonly truth: Record<Pad, PadTruth> = TRUTH) {}

  descriptor(): Uint8Array {
    return encodeDescriptor({
      seq: this.seq++, t_us: this.k * 10_000, protocol_version: 1, firmware_version: '1.0.0',
      board: 'simulator', device_id: DEVICE_ID, sample_rate_hz: 100, channels: PADS.map(channel),
    });
  }

  private noise(): number {
    this.rng = (this.rng * 1103515245 + 12345) >>> 0;
    return ((this.rng >>> 16) / 65536 - 0.5) * 30;
  }

  raw(pad: Pad, newtons: number): number {
    const t = this.truth[pad];
    if (t.dead || newtons <= 0) return t.tare;
    return fsrRaw(newtons, t.p0, t.p1, t.tare);
  }

  /** The next `n` samples (10 ms apart) as bytes, with a descriptor every 50 samples. */
  next(n: number): Uint8Array {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < n; i++, this.k++) {
      if (this.k % 50 === 0) parts.push(this.descriptor());
      const fsr = PADS.map((p) => Math.max(0, Math.min(65535, Math.round(this.raw(p, this.load[p]) + this.noise()))));
      parts.push(encodeSample({ seq: this.seq++, t_us: this.k * 10_000, flags: 0, fsr, imu: [], n_imu: 0 }));
    }
    const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }
}
