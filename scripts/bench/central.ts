// Central database: N lab stores of S sessions each (with reports and checklists, without raw
// frames) synced concurrently into one real PostgreSQL (started here, as test/central does),
// for N = 5, 10, 20: sessions per second of the whole sync, and the time of the pooled cohort
// query (all labs' rows of one cohort, then the pre/post table) and of the whole programme.
//
// The labs sync from this one process, each over its own connection, as `pijat sync` does; the
// reading of SQLite and the JSON encoding of all labs share this process's one thread, so the
// figure is a floor for labs on their own laptops. PostgreSQL runs with fsync off (a test
// server), so disk flushes are not counted.
//
//   npm run bench -- central      PIJAT_BENCH_LABS=5,10,20  PIJAT_BENCH_SESSIONS=500  (defaults)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../host/store/index';
import { openCentral } from '../../host/central/connect';
import { migrateCentral } from '../../host/central/schema';
import { addLab } from '../../host/central/roles';
import { syncWith } from '../../host/central/sync';
import { POOLED_SQL, pooledRows, prePostTable } from '../../host/central/pooled';
import { findPostgres, startPostgres } from '../../test/support/postgres';
import { makeLab } from '../../test/central/fixture';

const LAB_COUNTS = (process.env.PIJAT_BENCH_LABS ?? '5,10,20').split(',').map(Number).filter((n) => n > 0);
const SESSIONS = Number(process.env.PIJAT_BENCH_SESSIONS ?? 500);
const COHORTS = ['2026-A', '2026-B', '2026-C', '2026-D'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export async function main(): Promise<void> {
  const found = findPostgres();
  if ('missing' in found) {
    console.log(`skipped: ${found.missing}`);
    return;
  }
  const maxLabs = Math.max(...LAB_COUNTS);
  const tmp = mkdtempSync(join(tmpdir(), 'pijat-bench-central-'));
  const server = await startPostgres({ maxConnections: maxLabs + 20 });
  const labs: Store[] = [];
  try {
    let t = performance.now();
    for (let i = 0; i < maxLabs; i++) {
      // Each lab teaches two of the four cohorts, so every cohort spans several labs.
      labs.push(makeLab(join(tmp, `lab-${i}`), { seed: 100 + i, sessions: SESSIONS, cohorts: [COHORTS[i % 4]!, COHORTS[(i + 1) % 4]!], prefix: `L${i}` }));
    }
    console.log(`${maxLabs} lab stores x ${SESSIONS} sessions made in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed below)`);
    console.log('labs | sessions | sync wall s | sessions/s | cohort query ms (rows) | programme query ms (rows)');
    for (const n of LAB_COUNTS) {
      const db = `bench_${n}`;
      await server.admin(`CREATE DATABASE ${db}`);
      const admin = await openCentral(server.adminUrl(db), 4);
      const c = await admin.pool.connect();
      await migrateCentral(c);
      for (let i = 0; i < n; i++) await addLab(c, `lab-${i}`, `pw-${i}`, null);
      c.release();
      const centrals = await Promise.all(Array.from({ length: n }, (_, i) => openCentral(server.url(`pijat_lab_lab_${i}`, `pw-${i}`, db), 1)));
      t = performance.now();
      const results = await Promise.all(centrals.map((central, i) => syncWith(labs[i]!, central)));
      const wall = (performance.now() - t) / 1000;
      await Promise.all(centrals.map((x) => x.close()));
      const sent = results.reduce((a, r) => a + r.sessions, 0);
      const count = Number((await admin.pool.query<{ n: string }>('SELECT count(*) AS n FROM pijat.sessions')).rows[0]!.n);
      if (count !== n * SESSIONS || sent !== count) throw new Error(`expected ${n * SESSIONS} sessions centrally, found ${count} (sent ${sent})`);
      await admin.pool.query('ANALYZE');
      const timed = async (filter: { cohort?: string }): Promise<{ ms: number; rows: number; server: number }> => {
        const ms: number[] = [];
        let rows = 0;
        for (let k = 0; k < 5; k++) {
          const t0 = performance.now();
          const r = await pooledRows(admin.pool, filter);
          prePostTable(r);
          ms.push(performance.now() - t0);
          rows = r.length;
        }
        const plan = await admin.pool.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${POOLED_SQL}`, [null, filter.cohort ?? null, null, null]);
        return { ms: median(ms), rows, server: plan.rows[0]!['QUERY PLAN'][0]['Execution Time'] };
      };
      const cohort = await timed({ cohort: '2026-A' });
      const all = await timed({});
      await admin.close();
      console.log(
        `${String(n).padStart(4)} | ${String(count).padStart(8)} | ${wall.toFixed(2).padStart(11)} | ${(count / wall).toFixed(0).padStart(10)} | ` +
          `${cohort.ms.toFixed(1).padStart(8)} (${cohort.rows}; server ${cohort.server.toFixed(1)}) | ${all.ms.toFixed(1).padStart(8)} (${all.rows}; server ${all.server.toFixed(1)})`,
      );
    }
    console.log('query times: median of 5, rows fetched over loopback and the pre/post table computed (host/central/pooled.ts);');
    console.log('server: the query\'s execution time inside PostgreSQL (EXPLAIN ANALYZE, one run)');
  } finally {
    for (const s of labs) s.close();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
