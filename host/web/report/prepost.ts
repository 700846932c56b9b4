// The cohort page's pre/post table (seed 001's layout: n, mean, median, min, max of the total
// score for sessions labelled pre and post; the mean per criterion and its change). The cohort
// page draws it from one lab's sessions; `pijat central` from every lab's (host/central/pooled.ts).
import { criterionKey } from '../../../shared/i18n/report';
import { phaseOf, stats } from './format';

export interface PrePostRow {
  label: string;
  score_total: number | null;
  /** [criterion id, score] of the saved report (null: no report at hand). */
  criteria: [string, number][] | null;
}

export interface PhaseStats {
  phase: 'pre' | 'post';
  n: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface CriterionChange {
  criterion: string;
  pre_mean: number | null;
  post_mean: number | null;
  change: number | null;
}

export interface PrePostTable {
  sessions: number;
  phases: PhaseStats[];
  criteria: CriterionChange[];
  unlabelled: number;
}

/** The pre/post table of these sessions (an unlabelled or unscored session is counted apart). */
export function prePostTable(rows: PrePostRow[]): PrePostTable {
  const byPhase = { pre: [] as PrePostRow[], post: [] as PrePostRow[] };
  let unlabelled = 0;
  for (const r of rows) {
    const ph = phaseOf(r.label);
    if (ph && r.score_total !== null) byPhase[ph].push(r);
    else unlabelled++;
  }
  const phases = (['pre', 'post'] as const).map((phase): PhaseStats => {
    const st = stats(byPhase[phase].map((r) => r.score_total!));
    return { phase, n: st?.n ?? 0, mean: st?.mean ?? null, median: st?.median ?? null, min: st?.min ?? null, max: st?.max ?? null };
  });
  const crit = new Map<string, { pre: number[]; post: number[] }>();
  for (const ph of ['pre', 'post'] as const) {
    for (const r of byPhase[ph]) {
      if (!r.criteria) continue;
      const perKey = new Map<string, number[]>();
      for (const [id, score] of r.criteria) {
        const k = criterionKey(id);
        perKey.set(k, [...(perKey.get(k) ?? []), score]);
      }
      for (const [k, xs] of perKey) {
        const e = crit.get(k) ?? { pre: [], post: [] };
        e[ph].push(xs.reduce((a, b) => a + b, 0) / xs.length);
        crit.set(k, e);
      }
    }
  }
  const criteria = [...crit].map(([criterion, e]): CriterionChange => {
    const pre = stats(e.pre)?.mean ?? null;
    const post = stats(e.post)?.mean ?? null;
    return { criterion, pre_mean: pre, post_mean: post, change: pre !== null && post !== null ? post - pre : null };
  });
  return { sessions: rows.length, phases, criteria, unlabelled };
}
