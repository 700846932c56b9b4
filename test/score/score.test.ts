import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MIN_CIRCLES, MIN_WORK_S, PASS_MARK, PRODUCT_FLOOR, bandScore, score,
} from '../../shared/engine/score';
import { Report } from '../../shared/engine/report-schema';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import type { Criterion } from '../../shared/profiles/schema';
import { criterionLabel } from '../../shared/i18n/report';
import { RECORDING, summaryOf } from './summaries';

const sop = loadBuiltinProfile('sop-000');
const run = (shape: Parameters<typeof summaryOf>[0] = {}, profile = sop) => score(summaryOf(shape), profile, RECORDING);

function criterion(r: ReturnType<typeof score>, id: string) {
  const c = r.score.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} in ${r.score.criteria.map((x) => x.id).join(', ')}`);
  return c;
}

/** Every text a trainee reads in a report, with where it came from. */
function texts(r: ReturnType<typeof score>): [string, { id: string; en: string }][] {
  return [
    ...r.score.criteria.map((c): [string, { id: string; en: string }] => [`criterion ${c.id}`, c.messages]),
    ...r.deductions.map((d): [string, { id: string; en: string }] => [`deduction ${d.criterion}`, d.reason]),
    ...(r.notes ?? []).map((n, i): [string, { id: string; en: string }] => [`note ${i}`, n]),
  ];
}

describe('bandScore: the shape of a sub-score', () => {
  const c: Criterion = {
    target: { min: 5, max: 10 }, warn: { min: 4, max: 12 }, pass: { min: 3, max: 13 }, weight: 1, source: 'x',
  };
  it('is 100 inside the target band, edges included', () => {
    for (const v of [5, 7.5, 10]) expect(bandScore(v, c, 1)).toEqual({ score: 100, side: 'in', passed: true });
  });
  it('falls linearly to the pass mark at the pass-band edge', () => {
    expect(bandScore(4, c, 1).score).toBeCloseTo(80, 9); // halfway between 5 and 3
    expect(bandScore(3, c, 1)).toMatchObject({ score: PASS_MARK, side: 'low', passed: true });
    expect(bandScore(11.5, c, 1).score).toBeCloseTo(80, 9); // halfway between 10 and 13
    expect(bandScore(13, c, 1)).toMatchObject({ score: PASS_MARK, side: 'high', passed: true });
  });
  it('falls steeply to 0 beyond the pass band (over half the target-to-pass gap, at least minFall)', () => {
    // low side: gap 2 N -> fall over 1 N
    expect(bandScore(2.5, c, 0.1)).toMatchObject({ side: 'low', passed: false });
    expect(bandScore(2.5, c, 0.1).score).toBeCloseTo(30, 9);
    expect(bandScore(2, c, 0.1).score).toBe(0);
    expect(bandScore(-50, c, 0.1).score).toBe(0);
    // minFall wins when larger: 2 N
    expect(bandScore(2, c, 2).score).toBeCloseTo(30, 9);
    // high side: gap 3 N -> 1.5 N
    expect(bandScore(13.75, c, 0.1).score).toBeCloseTo(30, 9);
    expect(bandScore(14.5, c, 0.1).score).toBe(0);
  });
  it('is steeper outside the pass band than inside it', () => {
    const inside = (bandScore(3.5, c, 0.1).score - bandScore(3, c, 0.1).score) / 0.5;
    const outside = (bandScore(3, c, 0.1).score - bandScore(2.5, c, 0.1).score) / 0.5;
    expect(outside).toBeGreaterThan(2 * inside);
  });
});

describe('score()', () => {
  it('gives a summary inside every target 100 and a pass, with no deductions', () => {
    const r = run();
    expect(Report.parse(r)).toEqual(r);
    expect(r.verdict).toBe('pass');
    expect(r.score.total).toBe(100);
    expect(r.deductions).toEqual([]);
    expect(r.score.criteria.every((c) => c.score === 100 && c.passed)).toBe(true);
    // per pass, per hand, and the other criteria once each
    expect(r.score.criteria.map((c) => c.id)).toEqual([
      'pass_duration_s.1', 'pass_duration_s.2', 'pass_duration_s.3', 'pass_count',
      'force_n.left', 'force_n.right', 'in_band_fraction', 'cadence_hz', 'regularity_cv',
      'bilateral_fraction', 'balance',
    ]);
    expect(r.profile).toBe('sop-000');
    expect(r.passes.map((p) => p.duration_s)).toEqual([150, 150, 150]);
    expect(r.pressure.band_n).toEqual({ min: 5, max: 10 });
  });

  it('says what went right too, with the numbers', () => {
    const r = run({ bilateral: 0.94, force: [7.25, 6.8] });
    expect(criterion(r, 'bilateral_fraction').messages.en).toBe('both thumbs pressed together 94 % of the time');
    expect(criterion(r, 'bilateral_fraction').messages.id).toBe('kedua ibu jari menekan bersamaan 94 % dari waktu kerja');
    expect(criterion(r, 'force_n.left').messages.en).toBe('the left thumb pressed 7.3 N on average, within the target of 5-10 N');
    expect(criterion(r, 'force_n.left').messages.id).toBe('ibu jari kiri menekan rata-rata 7,3 N, dalam target 5-10 N');
    expect(criterion(r, 'pass_duration_s.1').messages.en).toBe('pass 1 lasted 2 min 30 s, within the 2-3 minutes the SOP asks for');
    expect(criterion(r, 'cadence_hz').messages.en).toContain('108 circles a minute, within the target of 60-150 a minute');
  });

  it('fails a pass of 100 s and says so in minutes and seconds against the 2-3 minutes of the SOP', () => {
    const r = run({ passes: [150, 100, 150] });
    expect(r.verdict).toBe('fail');
    expect(r.score.total).toBeLessThan(PASS_MARK);
    const c = criterion(r, 'pass_duration_s.2');
    expect(c.passed).toBe(false);
    expect(c.value).toBe(100);
    const d = r.deductions.find((x) => x.criterion === 'pass_duration_s.2');
    expect(d).toBeDefined();
    expect(d!.points).toBeGreaterThan(0);
    expect(d!.reason.en).toBe('pass 2 lasted 1 min 40 s; the SOP asks for 2-3 minutes');
    expect(d!.reason.id).toBe('putaran 2 berlangsung 1 menit 40 detik; SOP meminta 2-3 menit');
    // the other passes are fine
    expect(criterion(r, 'pass_duration_s.1').passed).toBe(true);
    expect(r.deductions.some((x) => x.criterion === 'pass_duration_s.1')).toBe(false);
  });

  it('fails one-handed work even when everything else is perfect, below the pass mark', () => {
    const r = run({ bilateral: 0.05 });
    expect(r.verdict).toBe('fail');
    expect(r.score.total).not.toBeNull();
    expect(r.score.total!).toBeLessThan(PASS_MARK);
    const b = criterion(r, 'bilateral_fraction');
    expect(b.passed).toBe(false);
    expect(b.score).toBe(0);
    expect(b.messages.en).toBe(
      'both thumbs pressed together only 5 % of the time; the SOP asks for both sides of the spine at once (at least 90 %)');
    // all the other criteria are at 100: they cannot hide the failure
    expect(r.score.criteria.filter((c) => c.id !== 'bilateral_fraction').every((c) => c.score === 100)).toBe(true);
  });

  it('holds the total below the pass mark when a criterion only just fails, and says why', () => {
    // 3.4 N: just under sop-000's pass band (3.5 N); the product alone would stay high
    const r = run({ force: [3.4, 7] });
    expect(criterion(r, 'force_n.left').passed).toBe(false);
    expect(criterion(r, 'force_n.left').score).toBeLessThan(PASS_MARK);
    expect(r.score.total).toBe(PASS_MARK - 1);
    const cap = r.deductions.find((d) => d.criterion === 'cap');
    expect(cap).toBeDefined();
    expect(cap!.points).toBeGreaterThan(0);
    expect(cap!.reason.en).toBe('Thumb force did not pass, so the total is held below the pass mark of 60');
    expect(cap!.reason.id).toContain('batas lulus 60');
    expect(r.deductions.find((d) => d.criterion === 'force_n.left')!.reason.en)
      .toBe('the left thumb pressed 3.4 N on average, too light; the target is 5-10 N');
  });

  it('judges a missing hand as failed (not measurable) instead of skipping it', () => {
    const s = summaryOf();
    s.right = { ...s.right, mean_n: null, in_band_fraction: null, pressing_s: 0, circles: 0, cadence_hz: null, regularity_cv: null };
    const r = score(s, sop, RECORDING);
    expect(Report.parse(r)).toEqual(r);
    const c = criterion(r, 'force_n.right');
    expect(c).toMatchObject({ passed: false, score: 0, value: null });
    expect(c.messages.en).toContain('the right thumb was never detected pressing');
    expect(r.verdict).toBe('fail');
  });

  it('gives no score for too little work or too few circles', () => {
    const short = run({ passes: [25] });
    expect(short.verdict).toBe('insufficient_data');
    expect(short.score.total).toBeNull();
    expect(short.score.criteria).toEqual([]);
    expect(short.deductions).toEqual([]);
    expect(Report.parse(short)).toEqual(short);
    expect(short.notes![0]!.en).toBe(
      'Not enough data to score: 25 s of work and 45 circles were recorded; at least 30 s of work and 10 circles are needed. ' +
        'Work time counts only inside passes that last at least 20 s.');
    expect(short.notes![0]!.id).toContain('25 detik');

    const few = run({ passes: [60], cadence: 0.15 }); // 9 circles in a minute
    expect(few.verdict).toBe('insufficient_data');
    expect(few.score.total).toBeNull();

    // just enough of both scores
    const enough = run({ passes: [MIN_WORK_S], cadence: MIN_CIRCLES / MIN_WORK_S + 0.01 });
    expect(enough.verdict).not.toBe('insufficient_data');
    expect(enough.score.total).not.toBeNull();
  });

  it('notes presses above too_hard_n', () => {
    const r = run({ tooHard: 3 });
    expect(r.notes!.map((n) => n.en)).toContain("The force went above 15 N 3 times: too hard for the mother's back.");
    expect(r.notes!.map((n) => n.id)).toContain('Tekanan melewati 15 N sebanyak 3 kali: terlalu keras untuk punggung ibu.');
  });

  it('judges the total work time where the profile sets one (ward-003: 10-15 minutes)', () => {
    const ward = loadBuiltinProfile('ward-003');
    const good = run({ passes: [240, 240, 240], force: [3.5, 3.5], cadence: 1.4 }, ward);
    expect(criterion(good, 'work_s')).toMatchObject({ passed: true, score: 100, value: 720 });
    expect(good.verdict).toBe('pass');
    const short = run({ passes: [150, 150, 150], force: [3.5, 3.5], cadence: 1.4 }, ward);
    expect(criterion(short, 'work_s').passed).toBe(false);
    expect(criterion(short, 'work_s').messages.en).toBe('the massage lasted only 7 min 30 s in all; the SOP asks for 10-15 minutes');
    expect(short.verdict).toBe('fail');
    // firm pressure that passes sop-000 is too hard for the ward
    const firm = run({ passes: [240, 240, 240], force: [9, 9], cadence: 1.4 }, ward);
    expect(criterion(firm, 'force_n.left').passed).toBe(false);
  });

  it('leaves criteria with weight 0 out of the total and the verdict', () => {
    const p = loadBuiltinProfile('sop-000');
    p.criteria.balance.weight = 0;
    const r = run({ balance: 0.9 }, p);
    expect(criterion(r, 'balance').passed).toBe(false);
    expect(r.verdict).toBe('pass');
    expect(r.score.total).toBe(100);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over many summaries

const shapes = fc.record({
  passes: fc.array(fc.integer({ min: 20, max: 300 }), { minLength: 1, maxLength: 5 }),
  force: fc.tuple(fc.double({ min: 0.5, max: 20, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true })),
  cadence: fc.double({ min: 0.3, max: 4, noNaN: true }),
  cv: fc.double({ min: 0, max: 0.8, noNaN: true }),
  bilateral: fc.double({ min: 0, max: 1, noNaN: true }),
  inBand: fc.double({ min: 0, max: 1, noNaN: true }),
  tooHard: fc.integer({ min: 0, max: 5 }),
});
const profileIds = fc.constantFrom('sop-000', 'clinic-004', 'ward-003');

/** The definition of the total, written out independently of score.ts. */
function expectedTotal(criteria: { score: number; weight: number; passed: boolean }[]): number {
  const counted = criteria.filter((c) => c.weight > 0);
  const w = counted.reduce((a, c) => a + c.weight, 0);
  let product = 1;
  for (const c of counted) product *= (Math.max(c.score, PRODUCT_FLOOR) / 100) ** (c.weight / w);
  const rounded = Math.round(100 * product);
  return counted.every((c) => c.passed) ? rounded : Math.min(rounded, PASS_MARK - 1);
}

describe('score() properties', () => {
  it('total = weighted geometric mean of the sub-scores, held below the pass mark by any failure; deductions add up to 100 - total', () => {
    fc.assert(
      fc.property(shapes, profileIds, (shape, id) => {
        const r = score(summaryOf(shape), loadBuiltinProfile(id), RECORDING);
        Report.parse(r);
        if (r.verdict === 'insufficient_data') {
          expect(r.score.total).toBeNull();
          return;
        }
        const total = r.score.total!;
        expect(total).toBe(expectedTotal(r.score.criteria));
        const points = r.deductions.reduce((a, d) => a + d.points, 0);
        expect(points).toBe(100 - total);
        for (const d of r.deductions) expect(Number.isInteger(d.points) && d.points >= 0).toBe(true);
        // the verdict and the total agree: pass exactly when the total reaches the pass mark
        expect(r.verdict === 'pass').toBe(total >= PASS_MARK);
        expect(r.verdict === 'pass').toBe(r.score.criteria.every((c) => c.passed || c.weight === 0));
        // every failed criterion is listed among the deductions, and every sub-score matches its flag
        for (const c of r.score.criteria) {
          if (!c.passed && c.weight > 0) expect(r.deductions.some((d) => d.criterion === c.id)).toBe(true);
          expect(c.passed ? c.score >= PASS_MARK : c.score < PASS_MARK).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes every message in both languages, filled in, and different from each other', () => {
    fc.assert(
      fc.property(shapes, profileIds, (shape, id) => {
        const r = score(summaryOf(shape), loadBuiltinProfile(id), RECORDING);
        for (const [where, m] of texts(r)) {
          for (const lang of ['id', 'en'] as const) {
            expect(m[lang].trim().length, `${where} ${lang}`).toBeGreaterThan(0);
            expect(m[lang], `${where} ${lang}`).not.toMatch(/\{\w+\}|NaN|undefined/);
          }
          expect(m.id, where).not.toBe(m.en);
        }
        for (const c of r.score.criteria) expect(c.message).toBe(c.messages.en);
      }),
      { numRuns: 200 },
    );
  });

  it('improving one criterion never turns a failed criterion into a pass', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const oneHand = score(summaryOf({ ...shape, bilateral: 0.05 }), sop, RECORDING);
        if (oneHand.verdict === 'insufficient_data') return;
        expect(oneHand.verdict).toBe('fail');
        expect(oneHand.score.total!).toBeLessThan(PASS_MARK);
      }),
      { numRuns: 100 },
    );
  });
});

describe('criterionLabel', () => {
  it('names qualified criterion ids for tables', () => {
    expect(criterionLabel('pass_duration_s.2', 'en')).toBe('Length of each pass (pass 2)');
    expect(criterionLabel('force_n.left', 'id')).toBe('Kekuatan tekanan (kiri)');
    expect(criterionLabel('bilateral_fraction', 'en')).toBe('Both thumbs together');
    expect(criterionLabel('cap', 'id')).toBe('Batas lulus');
  });
});
