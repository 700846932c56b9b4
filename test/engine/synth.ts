// Synthetic glove signals with known truth, for the engine tests.
import type { Profile } from '../../shared/profiles/schema';
import type { EngineSample } from '../../shared/engine/types';
import { blankSample } from '../../shared/engine/calibration';

/** A profile with round numbers, independent of the built-in profiles' tuning. */
export const TEST_PROFILE: Profile = {
  id: 'test',
  name: { id: 'uji', en: 'test' },
  description: { id: 'uji', en: 'test' },
  criteria: {
    pass_duration_s: { target: { min: 120, max: 180 }, warn: { min: 100, max: 200 }, pass: { min: 90, max: 240 }, weight: 2, source: 'test' },
    pass_count: { target: { min: 3, max: 3 }, warn: { min: 2, max: 4 }, pass: { min: 2, max: 4 }, weight: 1, source: 'test' },
    force_n: { target: { min: 4, max: 10 }, warn: { min: 3, max: 12 }, pass: { min: 2.5, max: 14 }, weight: 3, source: 'test' },
    in_band_fraction: { target: { min: 0.7, max: 1 }, warn: { min: 0.5, max: 1 }, pass: { min: 0.4, max: 1 }, weight: 2, source: 'test' },
    cadence_hz: { target: { min: 1.5, max: 2.5 }, warn: { min: 1.2, max: 2.8 }, pass: { min: 1, max: 3 }, weight: 2, source: 'test' },
    regularity_cv: { target: { min: 0, max: 0.15 }, warn: { min: 0, max: 0.25 }, pass: { min: 0, max: 0.35 }, weight: 1, source: 'test' },
    bilateral_fraction: { target: { min: 0.8, max: 1 }, warn: { min: 0.6, max: 1 }, pass: { min: 0.5, max: 1 }, weight: 2, source: 'test' },
    balance: { target: { min: 0.4, max: 0.6 }, warn: { min: 0.35, max: 0.65 }, pass: { min: 0.3, max: 0.7 }, weight: 1, source: 'test' },
  },
  segmentation: { contact_on_n: 1, contact_off_n: 0.5, pass_gap_s: 3, min_pass_s: 10 },
  too_hard_n: 15,
};

/** A deterministic PRNG (mulberry32) and a normal deviate. */
export function rng(seed: number): { u: () => number; n: () => number } {
  let a = seed >>> 0;
  const u = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const n = (): number => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  return { u, n };
}

export interface HandSpec {
  /** Mean thumb force while pressing, N. */
  force: number;
  /** Amplitude of the force ripple within a circle, N. */
  ripple: number;
  /** Gyro amplitude, deg/s (0: no rotation). */
  gyro: number;
  /** false: IMU absent (NaN, imu_ok false). */
  imu: boolean;
  /** Pressing at all. */
  active: boolean;
}

export interface SynthSpec {
  rate_hz: number;
  duration_s: number;
  /** Pressing intervals [start, end] in seconds (both hands unless a hand is inactive). */
  bouts: [number, number][];
  cadence_hz: number;
  left: Partial<HandSpec>;
  right: Partial<HandSpec>;
  /** Force noise SD, N; gyro noise SD, deg/s. */
  force_noise?: number;
  gyro_noise?: number;
  gyro_bias?: number;
  /** Timestamp jitter as a share of the sample interval (0..0.45). */
  jitter?: number;
  /** Data gaps [start, end]: no samples in them (lost frames). */
  gaps?: [number, number][];
  seed?: number;
}

const HAND: HandSpec = { force: 6, ripple: 1.5, gyro: 40, imu: true, active: true };

/** Calls `each` with one reused EngineSample per sample. */
export function synth(spec: SynthSpec, each: (s: EngineSample) => void): void {
  const r = rng(spec.seed ?? 1);
  const s = blankSample();
  const dt = 1 / spec.rate_hz;
  const n = Math.floor(spec.duration_s * spec.rate_hz);
  const fn = spec.force_noise ?? 0.1;
  const gn = spec.gyro_noise ?? 1;
  const bias = spec.gyro_bias ?? 2;
  const hands = [{ ...HAND, ...spec.left }, { ...HAND, ...spec.right }];
  const w = 2 * Math.PI * spec.cadence_hz;
  for (let i = 0; i < n; i++) {
    const t = i * dt + (spec.jitter ? (r.u() - 0.5) * 2 * spec.jitter * dt : 0);
    if (spec.gaps?.some(([a, b]) => t >= a && t < b)) continue;
    s.t_s = t;
    let inBout = false;
    let ramp = 0;
    for (const [a, b] of spec.bouts) {
      if (t >= a && t <= b) {
        inBout = true;
        ramp = Math.min(1, (t - a) / 0.2, (b - t) / 0.2);
      }
    }
    for (let k = 0; k < 2; k++) {
      const h = hands[k]!;
      const out = k === 0 ? s.left : s.right;
      const pressing = inBout && h.active;
      const phase = w * t + k * 0.7;
      out.thumb_n = Math.max(0, (pressing ? ramp * (h.force + h.ripple * Math.sin(phase)) : 0) + fn * r.n());
      out.knuckle_n = NaN;
      out.imu_ok = h.imu;
      const g = pressing ? h.gyro : 0;
      out.gx_dps = h.imu ? bias + g * Math.cos(phase) + gn * r.n() : NaN;
      out.gy_dps = h.imu ? -bias + 0.6 * g * Math.sin(phase) + gn * r.n() : NaN;
      out.gz_dps = h.imu ? 0.5 * bias + 0.1 * g * Math.sin(2 * phase) + gn * r.n() : NaN;
      out.ax_g = h.imu ? 0.02 * r.n() : NaN;
      out.ay_g = h.imu ? 0.02 * r.n() : NaN;
      out.az_g = h.imu ? 1 + 0.02 * r.n() : NaN;
    }
    each(s);
  }
}

/** Pushes samples built by `f` (left and right thumb force at time t), no IMU. */
export function forceSeries(rate_hz: number, duration_s: number, f: (t: number) => [number, number], each: (s: EngineSample) => void): void {
  const s = blankSample();
  for (let i = 0; i < duration_s * rate_hz; i++) {
    const t = i / rate_hz;
    const [l, r] = f(t);
    s.t_s = t;
    s.left.thumb_n = l;
    s.right.thumb_n = r;
    each(s);
  }
}
