// Each scenario's defining property, checked in the decoded signal (not only in its own truth),
// for several seeds; and the truth's internal consistency.
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, simulate } from '../../host/sim';
import { SCENARIO_TEXT } from '../../shared/i18n/sim';
import { decodeSession, meanWhere, rhythmHz } from './helpers';

const SEEDS = [1, 2, 3];

function pressingMean(x: Float64Array): number {
  return meanWhere(x, (i) => x[i]! > 0.5);
}

describe.each(SEEDS)('scenarios, seed %i', (seed) => {
  it('good: 3 passes of 2-3 min, both hands, ~6-8 N, 1.5-2.2 Hz, steady', () => {
    const s = simulate({ scenario: 'good', seed });
    const tr = s.truth;
    expect(tr.passes).toHaveLength(3);
    for (const p of tr.passes) {
      expect(p.duration_s).toBeGreaterThan(118);
      expect(p.duration_s).toBeLessThan(182);
      expect(p.bilateral_fraction).toBeGreaterThan(0.9);
      expect(p.cadence_hz!).toBeGreaterThan(1.4);
      expect(p.cadence_hz!).toBeLessThan(2.3);
    }
    const d = decodeSession(s);
    for (const x of [d.lt, d.rt]) {
      expect(pressingMean(x)).toBeGreaterThan(5);
      expect(pressingMean(x)).toBeLessThan(9);
    }
    expect(tr.left.regularity_cv!).toBeLessThan(0.1);
    expect(tr.in_band_fraction!).toBeGreaterThan(0.8);
  });

  it('too-hard: the mean thumb force really exceeds 12 N', () => {
    const d = decodeSession(simulate({ scenario: 'too-hard', seed }));
    expect(pressingMean(d.lt)).toBeGreaterThan(12);
    expect(pressingMean(d.rt)).toBeGreaterThan(12);
  });

  it('too-light: the mean thumb force stays near 2-3 N', () => {
    const d = decodeSession(simulate({ scenario: 'too-light', seed }));
    for (const x of [d.lt, d.rt]) {
      expect(pressingMean(x)).toBeGreaterThan(1.5);
      expect(pressingMean(x)).toBeLessThan(3.5);
    }
  });

  it('too-fast: circles near 3-3.8 Hz, visible in the force rhythm', () => {
    const s = simulate({ scenario: 'too-fast', seed });
    const d = decodeSession(s);
    const p = s.truth.passes[0]!;
    expect(s.truth.cadence_hz!).toBeGreaterThan(2.9);
    expect(rhythmHz(d.t, d.lt, p.start_s + 2, p.end_s - 2, 0.3)).toBeGreaterThan(2.8);
  });

  it('irregular: the circle period varies far more than in good', () => {
    const irr = simulate({ scenario: 'irregular', seed }).truth;
    const good = simulate({ scenario: 'good', seed }).truth;
    expect(irr.left.regularity_cv!).toBeGreaterThan(0.2);
    expect(irr.left.regularity_cv!).toBeGreaterThan(2.5 * good.left.regularity_cv!);
  });

  it('one-hand: one thumb never presses (near zero force), the other works', () => {
    const s = simulate({ scenario: 'one-hand', seed });
    const d = decodeSession(s);
    const maxL = Math.max(...d.lt);
    const maxR = Math.max(...d.rt);
    expect(Math.min(maxL, maxR)).toBeLessThan(0.05);
    expect(Math.max(pressingMean(d.lt) || 0, pressingMean(d.rt) || 0)).toBeGreaterThan(5);
    expect(s.truth.bilateral_fraction).toBe(0);
    const idle = maxL < maxR ? s.truth.left : s.truth.right;
    expect(idle.mean_force_n).toBeNull();
    expect(idle.circles).toBe(0);
  });

  it('short-passes: every pass is under 90 s', () => {
    const s = simulate({ scenario: 'short-passes', seed });
    expect(s.truth.passes.length).toBeGreaterThanOrEqual(3);
    for (const p of s.truth.passes) expect(p.duration_s).toBeLessThan(90);
    const d = decodeSession(s);
    // The force agrees: pressing time inside the longest pass.
    const p = s.truth.passes[0]!;
    const pressing = meanWhere(d.lt.map((f) => (f > 1 ? 1 : 0)), (i) => d.t[i]! > p.start_s && d.t[i]! < p.end_s);
    expect(pressing).toBeGreaterThan(0.9);
  });
});

describe('scenario table and truth', () => {
  it('describes every scenario in both languages', () => {
    for (const n of SCENARIO_NAMES) {
      const e = (SCENARIO_TEXT as Record<string, { id: string; en: string } | undefined>)[n];
      expect(e?.id.length, n).toBeGreaterThan(10);
      expect(e?.en.length, n).toBeGreaterThan(10);
    }
  });

  it('gives each scenario a natural length when no duration is given, varying with the seed', () => {
    const a = simulate({ scenario: 'good', seed: 1 }).duration_s;
    const b = simulate({ scenario: 'good', seed: 2 }).duration_s;
    expect(a).toBeGreaterThan(3 * 120 + 2 * 8);
    expect(a).toBeLessThan(3 * 180 + 2 * 20 + 10);
    expect(a).not.toBe(b);
    expect(simulate({ scenario: 'short-passes', seed: 1 }).duration_s).toBeLessThan(4 * 75 + 3 * 15 + 10);
  });

  it('cuts the session at a given duration, and continues passes past the natural length', () => {
    const short = simulate({ scenario: 'good', seed: 1, duration_s: 60 });
    expect(short.samples).toBe(6000);
    expect(short.truth.passes).toHaveLength(1);
    expect(short.truth.passes[0]!.end_s).toBeCloseTo(60, 6);
    const long = simulate({ scenario: 'good', seed: 1, duration_s: 1500 });
    expect(long.truth.passes.length).toBeGreaterThan(6);
    expect(long.truth.passes.at(-1)!.end_s).toBeLessThanOrEqual(1500);
  });

  it('keeps the truth consistent: hands sum to passes, work time, circles x period = pressing time', () => {
    const tr = simulate({ scenario: 'irregular', seed: 8 }).truth;
    const sumL = tr.passes.reduce((a, p) => a + p.circles_left, 0);
    expect(sumL).toBe(tr.left.circles);
    expect(tr.work_s).toBeCloseTo(tr.passes.reduce((a, p) => a + p.duration_s, 0), 9);
    // cadence x pressing time = circles, give or take the unfinished one per contact bout
    const bouts = tr.passes.reduce((a, p) => a + p.short_lifts + 1, 0);
    expect(Math.abs(tr.left.cadence_hz! * tr.left.pressing_s - tr.left.circles)).toBeLessThan(bouts + 1);
    expect(tr.balance!).toBeGreaterThan(0.3);
    expect(tr.balance!).toBeLessThan(0.7);
    const other = simulate({ scenario: 'irregular', seed: 8 }).truthFor({ min: 0, max: 100 });
    expect(other.in_band_fraction).toBe(1);
    expect(other.band).toEqual({ min: 0, max: 100 });
  });
});
