// The cohort comparison (issue 7's pre/post table, pass rate, per-criterion means and the paired
// Wilcoxon test) from one lab's SQLite store or from the central database's pooled rows,
// filtered by lab, cohort and period. The comparison itself is shared/stats/cohort.ts, the
// cohort page's own, so the pooled table is computed exactly as each lab's page computes its own.
import type pg from 'pg';
import { criterionKey } from '../../shared/i18n/report';
import { compareCohort, phaseOf, type CohortComparison, type CohortSession } from '../../shared/stats/cohort';
import type { Store } from '../store/index';

export interface CohortRow {
  lab: string;
  cohort: string;
  label: string;
  /** ISO time. */
  started: string;
  /** The trainee's global id (pairs a trainee's pre and post across the whole programme). */
  trainee: string | null;
  score_total: number | null;
  verdict: string | null;
  /** [criterion id, score] of the saved report. */
  criteria: [string, number][] | null;
}

export interface PooledFilter {
  lab?: string;
  cohort?: string;
  /** ISO dates: sessions started on or after `from` and before `to`. */
  from?: string;
  to?: string;
}

/** Cohort rows as the cohort page turns its sessions into shared/stats/cohort.ts's input. */
export function cohortSessions(rows: readonly CohortRow[]): CohortSession[] {
  return rows.map((r) => {
    // One value per criterion: per-hand criteria (force_n.left, force_n.right) averaged.
    const perKey = new Map<string, number[]>();
    for (const [id, score] of r.criteria ?? []) perKey.set(criterionKey(id), [...(perKey.get(criterionKey(id)) ?? []), score]);
    const criteria: Record<string, number> = {};
    for (const [k, xs] of perKey) criteria[k] = xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      trainee: r.trainee,
      phase: phaseOf(r.label),
      started: Date.parse(r.started),
      total: r.score_total,
      passed: r.verdict === 'pass' ? true : r.verdict === 'fail' ? false : null,
      criteria,
    };
  });
}

/** The pre/post comparison of these sessions: the cohort page's own (shared/stats/cohort.ts). */
export function prePostTable(rows: readonly CohortRow[]): CohortComparison & { sessions: number } {
  return { sessions: rows.length, ...compareCohort(cohortSessions(rows)) };
}

export type PrePostTable = ReturnType<typeof prePostTable>;

/** One lab's sessions as cohort rows (its SQLite store), oldest first. */
export function storeRows(store: Store, lab: string, filter: PooledFilter = {}): CohortRow[] {
  const out: CohortRow[] = [];
  const traineeUuid = new Map(store.listTrainees().map((t) => [t.id, t.uuid]));
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
      trainee: s.trainee_id === null ? null : (traineeUuid.get(s.trainee_id) ?? null),
      score_total: s.total,
      verdict: s.verdict,
      criteria: report ? report.score.criteria.map((c) => [c.id, c.score]) : null,
    });
  }
  return out;
}

/** The pooled rows' query: $1 lab, $2 cohort, $3 from, $4 to (null: any). */
export const POOLED_SQL = `SELECT s.lab, coalesce(t.cohort, '') AS cohort, coalesce(s.label, '') AS label, s.started, s.trainee_uuid AS trainee,
       r.total AS score_total, r.verdict,
r.criteria
     FROM pijat.sessions s
     LEFT JOIN pijat.trainees t ON t.uuid = s.trainee_uuid
     LEFT JOIN pijat.reports r ON r.session_uuid = s.uuid
     WHERE ($1::text IS NULL OR s.lab = $1) AND ($2::text IS NULL OR coalesce(t.cohort, '') = $2)
       AND ($3::timestamptz IS NULL OR s.started >= $3) AND ($4::timestamptz IS NULL OR s.started < $4)
     ORDER BY s.started, s.uuid`;

/** Every lab's sessions in the central database as cohort rows (what the role may read), oldest first. */
export async function pooledRows(c: pg.PoolClient | pg.Pool, filter: PooledFilter = {}): Promise<CohortRow[]> {
  const r = await c.query<Omit<CohortRow, 'started'> & { started: Date }>(
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
