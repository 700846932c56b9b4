// The ways test/fixtures/real/variants.ts changes a recording (for `npm run bench --
// real-variants`) do what they say, and a clean circular motion keeps its cadence through
// every one of them: the sensor's mounting, the sample rate, rest and repeats, the other wrist
// and the size of the circles are not what the estimator measures.
import { describe, expect, it } from 'vitest';
import type { ImuTrace } from '../fixtures/real/recordings';
import { scoreTrace } from '../fixtures/real/score-real';
import { VARIANTS, randomRotation, resample, rotate, withRest } from '../fixtures/real/variants';

/** An arm circling at `hz` for `seconds`, sampled at 50 Hz: the gyro vector turns once per circle. */
function circling(hz: number, seconds: number): ImuTrace {
  const n = seconds * 50;
  const t = new Float64Array(n);
  const a = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const g = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const ti = i / 50, w = 2 * Math.PI * hz * ti;
    t[i] = ti;
    a[0]![i] = 0.1 * Math.sin(w); a[1]![i] = 0.1 * Math.cos(w); a[2]![i] = 1;
    g[0]![i] = 60 * Math.cos(w); g[1]![i] = 60 * Math.sin(w); g[2]![i] = 8 * Math.sin(2 * w);
  }
  return { t, a, g };
}

const norm = (tr: ImuTrace, i: number): number => Math.hypot(tr.g[0]![i]!, tr.g[1]![i]!, tr.g[2]![i]!);

describe('variants of a recording', () => {
  const tr = circling(0.6, 40);

  it('a rotation keeps every gyro vector\'s length and turns the axes', () => {
    const m = randomRotation(11);
    const r = rotate(tr, m);
    for (const i of [0, 333, 1999]) expect(norm(r, i)).toBeCloseTo(norm(tr, i), 9);
    expect(Math.abs(r.g[2]![0]! - tr.g[2]![0]!)).toBeGreaterThan(1);
  });

  it('resampling keeps the span and the signal (a 0.6 Hz sine read back at the new times)', () => {
    for (const hz of [25, 200]) {
      const r = resample(tr, hz);
      expect(r.t[1]! - r.t[0]!).toBeCloseTo(1 / hz, 9);
      expect(r.t[r.t.length - 1]!).toBeGreaterThan(tr.t[tr.t.length - 1]! - 1 / hz);
      const i = Math.round(12.3 * hz);
      expect(r.g[0]![i]!).toBeCloseTo(60 * Math.cos(2 * Math.PI * 0.6 * r.t[i]!), 0);
    }
  });

  it('rest adds still time around and between copies, and the motion keeps its own sample times', () => {
    const r = withRest(tr, 5, 2, 1, true);
    const span = tr.t[tr.t.length - 1]! - tr.t[0]!;
    expect(r.t[r.t.length - 1]! - r.t[0]!).toBeCloseTo(2 * span + 15, 0);
    for (let i = 1; i < r.t.length; i++) expect(r.t[i]!).toBeGreaterThan(r.t[i - 1]!);
    // 5 s of rest (250 samples) first: a gyro of about 1 deg/s of noise, then the motion itself.
    let sq = 0;
    for (let i = 0; i < 250; i++) sq += r.g[0]![i]! ** 2;
    expect(Math.sqrt(sq / 250)).toBeGreaterThan(0.7);
    expect(Math.sqrt(sq / 250)).toBeLessThan(1.3);
    expect(r.g[0]![250]!).toBe(tr.g[0]![0]!);
    expect(r.t[251]! - r.t[250]!).toBeCloseTo(tr.t[1]! - tr.t[0]!, 9);
  });

  it.each(VARIANTS.map((v) => [v.name, v] as const))('%s: a clean 0.6 Hz circling keeps its cadence within 2 %', (_name, v) => {
    const x = scoreTrace(v.make(tr), { circles: 24, rate_hz: 0.6, kind: 'label' });
    expect(x.passes).toBe(1);
    expect(x.cadence_error!).toBeLessThan(0.02);
  });
});
