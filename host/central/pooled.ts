// The pre/post cohort table (issue 7's, as the report page draws it) over any set of sessions:
// one lab's SQLite store or the central database's pooled rows, filtered by lab, cohort and
// period. The phase of a session and the statistics come from the report page's own helpers,
// so the pooled table is computed exactly as each lab's page computes its own.
import type pg from 'pg';
import { criterionKey } from '../../shared/i18n/report';
import { phaseOf, stats } from '../web/report/format';
import type { Store } from '../store/index';

export interface CohortRow {
  lab: string;
  cohort: string;
  label: string;
  started: string;
  score_total: number | null;
  /** [criterion id, score] of the saved report. */
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

export interface PooledFilter {
  lab?: string;
  cohort?: string;
  /** ISO dates: sessions started on or after `from` and before `to`. */
  from?: string;
  to?: string;
}

/** The pre/post table of these sessions: as host/web/report/main.ts's renderCohort computes it. */
export function prePostTable(rows: CohortRow[]): PrePostTable {
  const byPhase = { pre: [] as CohortRow[], post: [] as CohortRow[] };
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

/** One lab's sessions as cohort rows (its SQLite store), oldest first. */
export function storeRows(store: Store, lab: string, filter: PooledFilter = {}): CohortRow[] {
  const out: CohortRow[] = [];
  for (const s of store.listSessions()) {
    const cohort = s.cohort ?? '';
    if (filter.cohort !== undefined && cohort !== filter.cohort) continue;
    if (filter.lab !== undefined && lab !== filter.lab) continue;
    const t = Date.parse(s.started);
    if (filter.from !== undefined && t < Date.parse(filter.from)) continue;
    if (filter.to !== undefined && t >= Date.parse(filter.to)) continue;
    const report = s.total !== null ? store.getReport(s.id) : undefined;
    out.push({
      lab,
      cohort,
      label: s.label ?? '',
      started: new Date(s.started).toISOString(),
      score_total: s.total,
      criteria: report ? report.score.criteria.map((c) => [c.id, c.score]) : null,
    });
  }
  return out;
}

/** The pooled rows' query: $1 lab, $2 cohort, $3 from, $4 to (null: any). */
export const POOLED_SQL = `SELECT s.lab, coalesce(t.cohort, '') AS cohort, coalesce(s.label, '') AS label, s.started, r.total AS score_total,
r.criteria
     FROM pijat.sessions s
     LEFT JOIN pijat.trainees t ON t.uuid = s.trainee_uuid
     LEFT JOIN pijat.reports r ON r.session_uuid = s.uuid
     WHERE ($1::text IS NULL OR s.lab = $1) AND ($2::text IS NULL OR coalesce(t.cohort, '') = $2)
       AND ($3::timestamptz IS NULL OR s.started >= $3) AND ($4::timestamptz IS NULL OR s.started < $4)
     ORDER BY s.started, s.uuid`;

/** Every lab's sessions in the central database as cohort rows (what the role may read), oldest first. */
export async function pooledRows(c: pg.PoolClient | pg.Pool, filter: PooledFilter = {}): Promise<CohortRow[]> {
  const r = await c.query<{ lab: string; cohort: string; label: string; started: Date; score_total: number | null; criteria: [string, number][] | null }>(
    POOLED_SQL,
    [filter.lab ?? null, filter.cohort ?? null, filter.from ?? null, filter.to ?? null],
  );
  return r.rows.map((x) => ({ ...x, started: x.started.toISOString(), score_total: x.score_total === null ? null : Number(x.score_total) }));
}

/** Cohort names with their session counts per lab (the programme-wide overview). */
export async function pooledCohorts(c: pg.PoolClient | pg.Pool): Promise<{ lab: string; cohort: string; sessions: number }[]> {
  const r = await c.query<{ lab: string; cohort: string; sessions: string }>(
    `SELECT s.lab, coalesce(t.cohort, '') AS cohort, count(*) AS sessions
     FROM pijat.sessions s LEFT JOIN pijat.trainees t ON t.uuid = s.trainee_uuid
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return r.rows.map((x) => ({ lab: x.lab, cohort: x.cohort, sessions: Number(x.sessions) }));
}
