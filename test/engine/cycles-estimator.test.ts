// The cycle estimator from 0.3 to 4 Hz: force only, IMU only (arm circles whose second axis
// carries a strong 2x harmonic), tempo drift within a pass, and the too slow / too fast status.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/engine';
import { score } from '../../shared/engine/score';
import type { EngineSample, HandSample } from '../../shared/engine/types';
import { TEST_PROFILE, rng } from './synth';

interface Case {
  rate_hz: number;
  duration_s: number;
  /** Circle frequency at time t (s), Hz. */
  freq: (t: number) => number;
  /** Force rhythm depth (fraction of the 6 N level); 0 = steady thumb. */
  modulation: number;
  /** Gyro circle amplitude, deg/s (0 = no IMU). */
  gyro_dps: number;
  /** Amplitude of the 2x harmonic on the y axis, as a share of gyro_dps. */
  harmonic: number;
  seed: number;
}

function hand(): HandSample {
  return { thumb_n: 0, knuckle_n: Number.NaN, imu_ok: false, ax_g: Number.NaN, ay_g: Number.NaN, az_g: Number.NaN, gx_dps: Number.NaN, gy_dps: Number.NaN, gz_dps: Number.NaN };
}

/** Runs one single-handed pass; returns the pass, the true circle count and the true rate. */
function run(c: Case) {
  const r = rng(c.seed);
  const engine = createEngine(TEST_PROFILE);
  const dt = 1 / c.rate_hz;
  let phase = 0;
  const rest = 2;
  for (let t = 0; t < c.duration_s + rest; t += dt) {
    const moving = t >= rest;
    if (moving) phase += 2 * Math.PI * c.freq(t - rest) * dt;
    const left = hand();
    left.thumb_n = 6 * (1 + c.modulation * Math.cos(phase)) + 0.05 * r.n();
    if (c.gyro_dps > 0) {
      const a = moving ? c.gyro_dps : 0;
      left.imu_ok = true;
      left.ax_g = 0; left.ay_g = 0; left.az_g = 1;
      left.gx_dps = 3 + a * Math.cos(phase) + 0.5 * r.n();
      left.gy_dps = -2 + c.harmonic * a * Math.cos(2 * phase) + 0.5 * r.n();
      left.gz_dps = 1 + a * Math.sin(phase) + 0.5 * r.n();
    }
    const s: EngineSample = { t_s: t, left, right: hand() };
    engine.push(s);
  }
  const summary = engine.finish();
  const circles = phase / (2 * Math.PI);
  return { summary, pass: summary.passes[0]!, circles, rate: circles / c.duration_s };
}

const base: Case = { rate_hz: 50, duration_s: 60, freq: () => 1, modulation: 0, gyro_dps: 0, harmonic: 0, seed: 1 };

describe('cycle estimator', () => {
  it.each([
    ['0.3 Hz', 0.3], ['0.45 Hz', 0.45], ['0.8 Hz', 0.8], ['2 Hz', 2], ['3 Hz', 3],
  ])('IMU only, steady thumb, arm circles at %s with a 2x harmonic stronger than the circle on one axis: within 5 %', (_n, f) => {
    const x = run({ ...base, duration_s: 60, freq: () => f, gyro_dps: 80, harmonic: 1.3 });
    expect(x.pass.cadence_left_hz).not.toBeNull();
    expect(Math.abs(x.pass.cadence_left_hz! / x.rate - 1)).toBeLessThan(0.05);
    expect(Math.abs(x.pass.circles_left - x.circles)).toBeLessThanOrEqual(Math.max(2, 0.05 * x.circles));
    expect(x.pass.cadence_confidence_left!).toBeGreaterThan(0.5);
  });

  it('IMU only, 0.3 Hz arm circles with a weaker 2x harmonic (0.5): within 5 %', () => {
    const x = run({ ...base, duration_s: 80, freq: () => 0.3, gyro_dps: 80, harmonic: 0.5 });
    expect(Math.abs(x.pass.cadence_left_hz! / x.rate - 1)).toBeLessThan(0.05);
  });

  it.each([
    ['0.5 Hz at 25 Hz', 0.5, 25], ['1.8 Hz at 100 Hz', 1.8, 100], ['3.5 Hz at 100 Hz', 3.5, 100], ['4 Hz at 200 Hz', 4, 200],
  ])('force only, %s: within 2 %', (_n, f, rate) => {
    const x = run({ ...base, rate_hz: rate, freq: () => f, modulation: 0.2 });
    expect(Math.abs(x.pass.cadence_left_hz! / x.rate - 1)).toBeLessThan(0.02);
  });

  it('IMU only with tempo drift within the pass (0.6 -> 1.0 Hz): the rate of the circles made, within 5 %', () => {
    const x = run({ ...base, duration_s: 90, freq: (t) => 0.6 + (0.4 * t) / 90, gyro_dps: 60, harmonic: 0.5 });
    expect(Math.abs(x.pass.cadence_left_hz! / x.rate - 1)).toBeLessThan(0.05);
  });

  it('count and rate agree: circles / cadence is the circling time (within one circle)', () => {
    const x = run({ ...base, freq: () => 0.7, gyro_dps: 80, harmonic: 1 });
    const p = x.pass;
    expect(Math.abs(p.circles_left / p.cadence_left_hz! - 60)).toBeLessThan(1 / 0.7 + 0.1);
  });

  it('reports a slow tempo as too slow and a fast one as too fast, never folded into the band', () => {
    const slow = run({ ...base, freq: () => 0.45, gyro_dps: 80, harmonic: 1.3 });
    const fast = run({ ...base, rate_hz: 100, freq: () => 3.6, modulation: 0.2 });
    const rec = { source: 'csv' as const, samples: 0, rate_hz: 50, lost_frames: 0, crc_errors: 0, device_id: null };
    const rs = score(slow.summary, TEST_PROFILE, rec);
    const rf = score(fast.summary, TEST_PROFILE, rec);
    expect(rs.cadence.status).toBe('too_slow');
    expect(rs.passes[0]!.cadence_status).toBe('too_slow');
    expect(rs.cadence.status_text?.id).toBe('Tempo terlalu lambat');
    expect(rf.cadence.status).toBe('too_fast');
    expect(rf.passes[0]!.cadence_hz!).toBeGreaterThan(3.4);
  });

  it('gives a low confidence, or no cadence, for a hand that only fidgets', () => {
    const x = run({ ...base, freq: (t) => 1 + 0.8 * Math.sin(t * 3.1) * Math.sin(t * 0.7), gyro_dps: 6, harmonic: 0 });
    const conf = x.pass.cadence_confidence_left;
    expect(conf === null || conf === undefined || conf < 0.5).toBe(true);
  });
});
