// The Wilcoxon signed-rank test on paired values (pre, post), two-sided, as seed 002 used it.
// It follows scipy.stats.wilcoxon's defaults (scipy 1.10, Debian 12) so that a researcher can
// check our figure with theirs: zero differences dropped ('wilcox'), no continuity correction,
// the exact null distribution when there are at most 50 pairs and no zero difference, else the
// normal approximation with the tie correction. Like scipy 1.10, the exact method with tied
// ranks truncates the rank sum to an integer; later scipy versions use the normal
// approximation there, so the method used is reported with the result.

import { normalSf } from './normal';

export interface WilcoxonResult {
  /** Pairs used (zero differences dropped). */
  n: number;
  /** min(R+, R-), scipy's `statistic`. */
  statistic: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'approx';
  /** Pairs with no difference, left out. */
  zeros: number;
}

/** Average ranks (1-based) of xs, ties sharing the mean of their ranks. */
export function rankAverage(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const ranks = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1]!] === xs[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    i = j + 1;
  }
  return ranks;
}

/** P(R+ = k) for k = 0 .. n(n+1)/2 under the null hypothesis, n pairs without ties. */
export function signedRankPmf(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  let counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) {
    const next = counts.slice();
    for (let k = r; k <= max; k++) next[k]! += counts[k - r]!;
    counts = next;
  }
  const total = 2 ** n;
  return counts.map((c) => c / total);
}

/**
 * Two-sided Wilcoxon signed-rank test of post - pre. Null when fewer than one non-zero pair
 * remains (scipy raises there; a cohort page shows "not enough pairs" instead).
 */
export function wilcoxonSignedRank(pre: readonly number[], post: readonly number[]): WilcoxonResult | null {
  if (pre.length !== post.length) throw new Error('wilcoxonSignedRank: pre and post differ in length');
  const all = pre.map((x, i) => post[i]! - x);
  if (all.length === 0) return null;
  const zeros = all.filter((d) => d === 0).length;
  const method: 'exact' | 'approx' = all.length <= 50 && zeros === 0 ? 'exact' : 'approx';
  const d = all.filter((v) => v !== 0);
  if (d.length === 0) return null;
  const n = d.length;
  const r = rankAverage(d.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  for (let i = 0; i < n; i++) {
    if (d[i]! > 0) rPlus += r[i]!;
    else rMinus += r[i]!;
  }
  const statistic = Math.min(rPlus, rMinus);
  let p: number;
  if (method === 'approx') {
    const mean = (n * (n + 1)) / 4;
    let se = n * (n + 1) * (2 * n + 1);
    const tieSizes = new Map<number, number>();
    for (const v of r) tieSizes.set(v, (tieSizes.get(v) ?? 0) + 1);
    for (const t of tieSizes.values()) if (t > 1) se -= 0.5 * t * (t * t - 1);
    se = Math.sqrt(se / 24);
    const z = (statistic - mean) / se;
    p = 2 * normalSf(Math.abs(z));
  } else {
    const pmf = signedRankPmf(n);
    const k = Math.trunc(rPlus);
    if (k === (pmf.length - 1) >> 1) p = 1;
    else {
      let less = 0;
      for (let i = 0; i <= k; i++) less += pmf[i]!;
      let greater = 0;
      for (let i = k; i < pmf.length; i++) greater += pmf[i]!;
      p = 2 * Math.min(less, greater);
    }
  }
  return { n, statistic, p: Math.min(1, Math.max(0, p)), method, zeros };
}
