// A cohort's pre/post comparison from its sessions: the table of seed 001 (mean, median, min,
// max per phase), the pass rate, the mean per criterion, and the paired change per trainee
// with the Wilcoxon signed-rank test (seed 002). Pure: the cohort page, the CSV export and the
// central database's pooled view compute it the same way.
//
// Pairing: a trainee counts once per phase, with her most recent scored session of that phase
// (the attempt an instructor would record); trainees without both phases are not paired.

import { describe, type Described } from './describe';
import { wilcoxonSignedRank, type WilcoxonResult } from './wilcoxon';

export type Phase = 'pre' | 'post';

export interface CohortSession {
  /** Who: a trainee id (not a name: two students may share one). Null: not paired. */
  trainee: string | number | null;
  phase: Phase | null;
  /** When it started (ms since the epoch): the most recent of a phase is the one paired. */
  started: number;
  /** 0..100, null when there was too little data to score. */
  total: number | null;
  passed: boolean | null;
  /** Criterion key -> 0..100 (one value per criterion: a per-hand criterion already averaged). */
  criteria: Record<string, number>;
}

export interface PhaseSummary {
  phase: Phase;
  total: Described | null;
  /** Passed / scored sessions, null with none scored. */
  passRate: number | null;
}

export interface PairedChange {
  /** 'total' or a criterion key. */
  key: string;
  pairs: number;
  /** Median of post - pre over the pairs. */
  medianChange: number | null;
  test: WilcoxonResult | null;
}

export interface CriterionChange {
  key: string;
  pre: Described | null;
  post: Described | null;
  /** post mean - pre mean. */
  change: number | null;
}

export interface CohortComparison {
  phases: [PhaseSummary, PhaseSummary];
  criteria: CriterionChange[];
  paired: PairedChange[];
  /** Sessions left out: no pre/post label, or not scored. */
  leftOut: number;
}

/** Recognises the label an instructor gives: pre / post, sebelum / sesudah, pre-test / post test. */
export function phaseOf(label: string | null | undefined): Phase | null {
  const l = (label ?? '').trim().toLowerCase();
  if (/^(pre|sebelum)\b/.test(l) || /\bpre[- ]?test\b/.test(l)) return 'pre';
  if (/^(post|sesudah)\b/.test(l) || /\bpost[- ]?test\b/.test(l)) return 'post';
  return null;
}

export function compareCohort(sessions: readonly CohortSession[]): CohortComparison {
  const scored = sessions.filter((s): s is CohortSession & { phase: Phase; total: number } => s.phase !== null && s.total !== null);
  const byPhase = (ph: Phase) => scored.filter((s) => s.phase === ph);
  const phases = (['pre', 'post'] as const).map((ph): PhaseSummary => {
    const xs = byPhase(ph);
    const judged = xs.filter((s) => s.passed !== null);
    return {
      phase: ph,
      total: describe(xs.map((s) => s.total)),
      passRate: judged.length ? judged.filter((s) => s.passed).length / judged.length : null,
    };
  }) as [PhaseSummary, PhaseSummary];

  const keys: string[] = [];
  for (const s of scored) for (const k of Object.keys(s.criteria)) if (!keys.includes(k)) keys.push(k);
  const criteria = keys.map((key): CriterionChange => {
    const pre = describe(byPhase('pre').flatMap((s) => (key in s.criteria ? [s.criteria[key]!] : [])));
    const post = describe(byPhase('post').flatMap((s) => (key in s.criteria ? [s.criteria[key]!] : [])));
    return { key, pre, post, change: pre && post ? post.mean - pre.mean : null };
  });

  // The most recent session of each phase per trainee.
  const latest = new Map<string, { pre?: CohortSession; post?: CohortSession }>();
  for (const s of scored) {
    if (s.trainee === null) continue;
    const id = String(s.trainee);
    const e = latest.get(id) ?? {};
    const cur = e[s.phase];
    if (!cur || s.started > cur.started) e[s.phase] = s;
    latest.set(id, e);
  }
  const pairs = [...latest.values()].filter((e): e is { pre: CohortSession; post: CohortSession } => !!e.pre && !!e.post);
  const pairedOf = (key: string, value: (s: CohortSession) => number | undefined): PairedChange => {
    const pre: number[] = [];
    const post: number[] = [];
    for (const p of pairs) {
      const a = value(p.pre);
      const b = value(p.post);
      if (a === undefined || b === undefined) continue;
      pre.push(a);
      post.push(b);
    }
    return {
      key,
      pairs: pre.length,
      medianChange: describe(post.map((b, i) => b - pre[i]!))?.median ?? null,
      test: wilcoxonSignedRank(pre, post),
    };
  };
  const paired = [pairedOf('total', (s) => s.total ?? undefined), ...keys.map((k) => pairedOf(k, (s) => s.criteria[k]))];
  return { phases, criteria, paired, leftOut: sessions.length - scored.length };
}
