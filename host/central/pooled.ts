// The rows of the pre/post cohort table (issue 7's) from one lab's SQLite store or from the
// central database's pooled rows, filtered by lab, cohort and period. The table itself is the
// report page's own (host/web/report/prepost.ts), so the pooled table is computed exactly as
// each lab's cohort page computes its own.
import type pg from 'pg';
import { prePostTable, type PrePostRow } from '../web/report/prepost';
import type { Store } from '../store/index';

export { prePostTable };
export type { CriterionChange, PhaseStats, PrePostTable } from '../web/report/prepost';

export interface CohortRow extends PrePostRow {
  lab: string;
  cohort: string;
  started: string;
}

export interface PooledFilter {
  lab?: string;
  cohort?: string;
  /** ISO dates: sessions started on or after `from` and before `to`. */
  from?: string;
  to?: string;
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
