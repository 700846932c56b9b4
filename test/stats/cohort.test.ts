// A cohort's pre/post comparison: who is paired with whom, and the figures of each table.
import { describe, expect, it } from 'vitest';
import { compareCohort, phaseOf, type CohortSession } from '../../shared/stats/cohort';
import { wilcoxonSignedRank } from '../../shared/stats/wilcoxon';

const s = (trainee: number | null, phase: 'pre' | 'post' | null, day: number, total: number | null, passed: boolean | null, force?: number): CohortSession => ({
  trainee, phase, started: day * 86_400_000, total, passed, criteria: force === undefined ? {} : { force_n: force, cadence_hz: 50 },
});

describe('cohort comparison', () => {
  const sessions = [
    s(1, 'pre', 0, 40, false, 20), s(1, 'pre', 1, 50, false, 30), // trainee 1: the later pre (50) counts
    s(2, 'pre', 0, 60, true, 60), s(3, 'pre', 0, 45, false, 40),
    s(1, 'post', 8, 90, true, 90), s(2, 'post', 8, 70, true, 80), s(3, 'post', 8, 45, false, 40), // trainee 3: no change
    s(4, 'post', 8, 95, true, 100), // no pre: not paired
    s(5, 'pre', 0, null, null), // too little data: left out
    s(null, 'post', 9, 80, true, 85), // no trainee: in the tables, not paired
    s(2, null, 3, 66, true, 70), // unlabelled: left out
  ];
  const c = compareCohort(sessions);

  it('describes each phase and its pass rate over every scored session', () => {
    expect(c.phases[0]).toEqual({ phase: 'pre', total: { n: 4, mean: 48.75, median: 47.5, min: 40, max: 60 }, passRate: 0.25 });
    expect(c.phases[1]).toEqual({ phase: 'post', total: { n: 5, mean: 76, median: 80, min: 45, max: 95 }, passRate: 0.8 });
    expect(c.leftOut).toBe(2);
  });

  it('pairs each trainee by id with her latest session of each phase', () => {
    const total = c.paired.find((p) => p.key === 'total')!;
    // pairs: 1 (50 -> 90), 2 (60 -> 70), 3 (45 -> 45); the zero difference is dropped by the test
    expect(total.pairs).toBe(3);
    expect(total.medianChange).toBe(10);
    expect(total.test).toEqual(wilcoxonSignedRank([50, 60, 45], [90, 70, 45]));
    expect(total.test).toMatchObject({ n: 2, zeros: 1, method: 'approx', statistic: 0 });
    const force = c.paired.find((p) => p.key === 'force_n')!;
    expect(force.pairs).toBe(3);
    expect(force.medianChange).toBe(20);
  });

  it('gives the mean per criterion before and after', () => {
    const force = c.criteria.find((k) => k.key === 'force_n')!;
    expect(force.pre!.mean).toBeCloseTo((20 + 30 + 60 + 40) / 4, 12);
    expect(force.post!.mean).toBeCloseTo((90 + 80 + 40 + 100 + 85) / 5, 12);
    expect(force.change).toBeCloseTo(79 - 37.5, 12);
  });

  it('reads the labels instructors give', () => {
    expect(['pre', 'Pre-test', 'sebelum latihan', 'ujian pretest'].map(phaseOf)).toEqual(['pre', 'pre', 'pre', 'pre']);
    expect(['post', 'Post test', 'Sesudah'].map(phaseOf)).toEqual(['post', 'post', 'post']);
    expect(['latihan 2', '', null, 'prepare'].map(phaseOf)).toEqual([null, null, null, null]);
  });
});
