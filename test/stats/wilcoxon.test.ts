// The Wilcoxon signed-rank test against scipy.stats.wilcoxon (the reference a researcher uses)
// on fixed data, and against values that follow from the definition.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { erfc, normalSf } from '../../shared/stats/normal';
import { rankAverage, signedRankPmf, wilcoxonSignedRank } from '../../shared/stats/wilcoxon';
import { pythonWith } from '../support/python';

// Pre and post scores as a cohort page has them (integers 0-100, so ties happen).
const CASES: Record<string, [number[], number[]]> = {
  'ten pairs, no ties (exact)': [
    [51, 48, 60, 55, 42, 70, 38, 65, 58, 47],
    [80, 75, 62, 90, 61, 85, 79, 66, 88, 73],
  ],
  'mixed signs, no ties (exact)': [
    [60, 72, 55, 81, 64, 70, 58, 66],
    [75, 70, 57, 74, 82, 91, 61, 62],
  ],
  'integer scores with tied differences (exact, as scipy 1.10)': [
    [50, 55, 60, 62, 48, 51, 70, 66, 59, 45, 52, 61],
    [60, 65, 70, 60, 58, 61, 80, 64, 69, 55, 62, 59],
  ],
  'a zero difference (normal approximation)': [
    [50, 55, 60, 62, 48, 51, 70, 66, 59, 45, 52, 61, 57],
    [60, 65, 70, 60, 58, 61, 80, 64, 69, 55, 62, 59, 57],
  ],
  'sixty pairs (normal approximation with ties)': [
    Array.from({ length: 60 }, (_, i) => 40 + ((i * 37) % 41)),
    Array.from({ length: 60 }, (_, i) => 40 + ((i * 37) % 41) + ((i * 13) % 23) - 6),
  ],
};

describe('Wilcoxon signed-rank test', () => {
  it('follows from the definition where the answer is known', () => {
    // Ten pairs all improving: R- = 0, exact two-sided p = 2 / 2^10.
    const r = wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 4, 6, 8, 10, 12, 14, 16, 18, 20])!;
    expect(r).toMatchObject({ n: 10, statistic: 0, method: 'exact', zeros: 0 });
    expect(r.p).toBeCloseTo(2 / 1024, 15);
    expect(signedRankPmf(3)).toEqual([1, 1, 1, 2, 1, 1, 1].map((c) => c / 8));
    expect(rankAverage([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
    expect(wilcoxonSignedRank([5, 5], [5, 5])).toBeNull();
    expect(erfc(0)).toBe(1);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalSf(6)).toBeCloseTo(9.865876450376981e-10, 22);
  });

  const py = pythonWith(['scipy']);
  it.skipIf(!py)(`agrees with scipy.stats.wilcoxon on ${Object.keys(CASES).length} fixed data sets${py ? '' : ' (skipped: no Python with scipy; apt-get install python3-scipy)'}`, () => {
    const script = [
      'import json, sys, warnings',
      'from scipy.stats import wilcoxon',
      'warnings.simplefilter("ignore")',
      'cases = json.load(sys.stdin)',
      'out = {}',
      'for k, (pre, post) in cases.items():',
      '    r = wilcoxon(post, pre)',
      '    out[k] = [float(r.statistic), float(r.pvalue)]',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(py!, ['-c', script], { input: JSON.stringify(CASES), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const ref = JSON.parse(run.stdout) as Record<string, [number, number]>;
    for (const [name, [pre, post]] of Object.entries(CASES)) {
      const ours = wilcoxonSignedRank(pre, post)!;
      expect(ours.statistic, name).toBe(ref[name]![0]);
      expect(Math.abs(ours.p - ref[name]![1]) / ref[name]![1], `${name}: p ${ours.p} vs scipy ${ref[name]![1]}`).toBeLessThan(1e-9);
    }
  });
});
