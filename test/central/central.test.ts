// The central PostgreSQL against a real server (Debian's postgresql, started here as an
// unprivileged user in a temporary folder, TLS on with a throw-away certificate): `pijat central`
// and `pijat sync` run as real child processes on real SQLite lab stores.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Store } from '../../host/store/index';
import { pooledRows, prePostTable, storeRows, type CohortRow, type PrePostTable } from '../../host/central/pooled';
import { startCentralView } from '../../host/central/view';
import { startBackgroundSync } from '../../host/central/background';
import { startServer } from '../../host/server/index';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { findPostgres, startPostgres, type PgServer } from '../support/postgres';
import { makeLab } from './fixture';

const ROOT = resolve(__dirname, '../..');
const found = findPostgres();
if ('missing' in found) console.warn(`test/central skipped: ${found.missing}`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function pijat(args: string[], opts: { env?: NodeJS.ProcessEnv; onLine?: (line: string, kill: () => void) => void } = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, PIJAT_LANG: 'en', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      stdout += text;
      for (const line of text.split('\n')) if (line) opts.onLine?.(line, () => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const PW = { a: 'pw-lab-a', b: 'pw-lab-b', c: 'pw-lab-c', analyst: 'pw-analyst' };

/** Every data row of one lab, in a fixed order, as text: two equal snapshots mean equal central state. */
async function snapshot(server: PgServer, db: string, lab: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const tables: [string, string][] = [
    ['trainees', 'uuid'],
    ['sessions', 'uuid'],
    ['reports', 'session_uuid'],
    ['checklist', 'session_uuid, item_id'],
    ['documentation', 'session_uuid'],
  ];
  for (const [t, key] of tables) {
    const r = await server.admin<{ row: string }>(`SELECT x::text AS row FROM pijat.${t} x WHERE lab = $1 ORDER BY ${key}`, [lab], db);
    out[t] = r.rows.map((x) => x.row);
  }
  return out;
}

function localCounts(store: Store): Record<string, number> {
  const n = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;
  return {
    trainees: n('SELECT count(*) AS n FROM trainees'),
    sessions: n('SELECT count(*) AS n FROM sessions'),
    reports: n('SELECT count(*) AS n FROM scores'),
    checklist: n('SELECT count(*) AS n FROM checklist'),
    documentation: n('SELECT count(*) AS n FROM documentation'),
  };
}

async function centralCounts(server: PgServer, lab: string, db = 'pijat'): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['trainees', 'sessions', 'reports', 'checklist', 'documentation']) {
    const r = await server.admin<{ n: string }>(`SELECT count(*) AS n FROM pijat.${t} WHERE lab = $1`, [lab], db);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}

function rounded(t: PrePostTable): unknown {
  return JSON.parse(JSON.stringify(t, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));
}

function byStart(rows: CohortRow[]): CohortRow[] {
  return [...rows].sort((a, b) => a.started.localeCompare(b.started));
}

describe.skipIf('missing' in found)('central PostgreSQL', () => {
  let server: PgServer;
  let tmp: string;
  let labA: Store;
  let labB: Store;
  let labC: Store;
  const dirs = { a: '', b: '', c: '' };
  const url = (user: string, pw: string, db = 'pijat'): string => server.url(user, pw, db);

  beforeAll(async () => {
    server = await startPostgres({ ssl: true });
    await server.admin('CREATE DATABASE pijat');
    await server.admin('CREATE DATABASE pijat_ref');
    tmp = mkdtempSync(join(tmpdir(), 'pijat-central-'));
    dirs.a = join(tmp, 'lab-a');
    dirs.b = join(tmp, 'lab-b');
    dirs.c = join(tmp, 'lab-c');
    // Overlapping cohorts: 2026-A is taught in both labs.
    labA = makeLab(dirs.a, { seed: 1, sessions: 240, cohorts: ['2026-A', '2026-B'], prefix: 'Siti' });
    labB = makeLab(dirs.b, { seed: 2, sessions: 200, cohorts: ['2026-A', '2026-C'], prefix: 'Ani' });
    labC = makeLab(dirs.c, { seed: 3, sessions: 400, cohorts: ['2026-C'], prefix: 'Dewi' });
  }, 120_000);

  afterAll(async () => {
    labA?.close();
    labB?.close();
    labC?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('central init makes the versioned schema, and again changes nothing; add-lab and add-analyst make the roles', async () => {
    const first = await pijat(['central', 'init', server.adminUrl('pijat')]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/now version 1 \(applied: 1\)/);
    const again = await pijat(['central', 'init', server.adminUrl('pijat')]);
    expect(again.stdout).toMatch(/already version 1/);
    expect((await server.admin('SELECT version FROM pijat.migrations', [], 'pijat')).rows).toEqual([{ version: 1 }]);
    for (const [code, pw] of [['lab-a', PW.a], ['lab-b', PW.b], ['lab-c', PW.c]] as const) {
      const r = await pijat(['central', 'add-lab', server.adminUrl('pijat'), code, '--password', pw, '--site', `Site ${code}`]);
      expect(r.stdout).toContain(`postgres://pijat_lab_${code.replace('-', '_')}:PASSWORD@127.0.0.1:${server.port}/pijat`);
    }
    const an = await pijat(['central', 'add-analyst', server.adminUrl('pijat'), 'analyst', '--password', PW.analyst]);
    expect(an.code).toBe(0);
    const labs = await server.admin<{ code: string; role: string }>('SELECT code, role FROM pijat.labs ORDER BY code', [], 'pijat');
    expect(labs.rows.map((r) => r.role)).toEqual(['pijat_lab_lab_a', 'pijat_lab_lab_b', 'pijat_lab_lab_c']);
    // The reference database for the resumed sync below.
    await pijat(['central', 'init', server.adminUrl('pijat_ref')]);
    await pijat(['central', 'add-lab', server.adminUrl('pijat_ref'), 'lab-c', '--password', PW.c]);
  }, 60_000);

  it('two labs sync concurrently over TLS; every row arrives once; names only from the lab that opted in', async () => {
    const [a, b] = await Promise.all([
      pijat(['sync', '--to', url('pijat_lab_lab_a', PW.a), '--data', dirs.a, '--batch', '50', '--json']),
      pijat(['sync', '--to', url('pijat_lab_lab_b', PW.b), '--data', dirs.b, '--batch', '50', '--json', '--with-names']),
    ]);
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    const ra = JSON.parse(a.stdout) as { lab: string; tls: boolean; sessions: number };
    expect(ra.lab).toBe('lab-a');
    expect(ra.tls).toBe(true);
    expect(ra.sessions).toBe(240);
    expect(await centralCounts(server, 'lab-a')).toEqual(localCounts(labA));
    expect(await centralCounts(server, 'lab-b')).toEqual(localCounts(labB));
    const names = await server.admin<{ lab: string; named: string; pseud: string }>(
      `SELECT lab, count(name) AS named, count(*) FILTER (WHERE pseudonym LIKE lab || '-%') AS pseud FROM pijat.trainees GROUP BY lab ORDER BY lab`, [], 'pijat');
    expect(names.rows).toEqual([
      { lab: 'lab-a', named: '0', pseud: String(labA.listTrainees().length) },
      { lab: 'lab-b', named: String(labB.listTrainees().length), pseud: String(labB.listTrainees().length) },
    ]);
    // A second run sends nothing.
    const again = await pijat(['sync', '--to', url('pijat_lab_lab_a', PW.a), '--data', dirs.a]);
    expect(again.stdout).toMatch(/Nothing changed since the last sync to 127\.0\.0\.1:\d+\/pijat \(lab lab-a, TLS encrypted\)/);
  }, 120_000);

  it('the pooled pre/post table equals the one computed from the two labs\' own stores', async () => {
    const analyst = new pg.Pool({ connectionString: url('analyst', PW.analyst) });
    try {
      for (const filter of [{ cohort: '2026-A' }, {}, { lab: 'lab-b' }, { from: '2026-01-10', to: '2026-01-14' }]) {
        const pooled = prePostTable(await pooledRows(analyst, filter));
        const local = prePostTable(byStart([...storeRows(labA, 'lab-a', filter), ...storeRows(labB, 'lab-b', filter)]));
        expect(rounded(pooled)).toEqual(rounded(local));
        expect(pooled.phases[0]!.total!.n).toBeGreaterThan(0);
        expect(pooled.phases[1]!.total!.n).toBeGreaterThan(0);
      }
      // Trainees are paired by their global id across the programme: the Wilcoxon test has pairs.
      const all = prePostTable(await pooledRows(analyst, {}));
      expect(all.paired[0]!.key).toBe('total');
      // (more pairs than lab A has trainees: lab B's are paired too)
      expect(all.paired[0]!.pairs).toBeGreaterThan(labA.listTrainees().length);
      expect(all.paired[0]!.test!.p).toBeGreaterThan(0);
      // The overlapping cohort really holds both labs' sessions.
      const a = prePostTable(storeRows(labA, 'lab-a', { cohort: '2026-A' }));
      const both = prePostTable(await pooledRows(analyst, { cohort: '2026-A' }));
      expect(both.sessions).toBeGreaterThan(a.sessions);
      expect(both.phases[0]!.total!.n + both.phases[1]!.total!.n).toBeGreaterThan(a.phases[0]!.total!.n + a.phases[1]!.total!.n);
      // The CLI prints the same figures.
      const cli = await pijat(['central', 'prepost', url('analyst', PW.analyst), '--cohort', '2026-A', '--json']);
      expect(rounded(JSON.parse(cli.stdout) as PrePostTable)).toEqual({ labs: 2, ...(rounded(both) as object) });
    } finally {
      await analyst.end();
    }
  }, 60_000);

  it('a lab role reads and writes only its own rows; the analyst reads all and writes nothing', async () => {
    const a = new pg.Client({ connectionString: url('pijat_lab_lab_a', PW.a) });
    await a.connect();
    try {
      const seen = await a.query<{ lab: string; n: string }>('SELECT lab, count(*) AS n FROM pijat.sessions GROUP BY lab');
      expect(seen.rows).toEqual([{ lab: 'lab-a', n: '240' }]);
      expect((await a.query("SELECT * FROM pijat.reports WHERE lab = 'lab-b'")).rowCount).toBe(0);
      expect((await a.query("SELECT * FROM pijat.trainees WHERE lab = 'lab-b'")).rowCount).toBe(0);
      const bSession = (await server.admin<{ uuid: string }>("SELECT uuid FROM pijat.sessions WHERE lab = 'lab-b' LIMIT 1", [], 'pijat')).rows[0]!.uuid;
      expect((await a.query(`UPDATE pijat.sessions SET label = 'x' WHERE uuid = $1`, [bSession])).rowCount).toBe(0);
      expect((await a.query(`DELETE FROM pijat.checklist WHERE session_uuid = $1`, [bSession])).rowCount).toBe(0);
      await expect(
        a.query(`INSERT INTO pijat.trainees (uuid, lab, pseudonym, created) VALUES (gen_random_uuid(), 'lab-b', 'x', now())`),
      ).rejects.toThrow(/row-level security/);
      await expect(a.query('SELECT * FROM pijat.labs')).rejects.toThrow(/permission denied/);
    } finally {
      await a.end();
    }
    const labBLabel = await server.admin<{ n: string }>("SELECT count(*) AS n FROM pijat.sessions WHERE lab = 'lab-b' AND label = 'x'", [], 'pijat');
    expect(labBLabel.rows[0]!.n).toBe('0');
    const an = new pg.Client({ connectionString: url('analyst', PW.analyst) });
    await an.connect();
    try {
      expect((await an.query<{ n: string }>('SELECT count(*) AS n FROM pijat.sessions')).rows[0]!.n).toBe('440');
      await expect(an.query(`DELETE FROM pijat.sessions`)).rejects.toThrow(/permission denied/);
    } finally {
      await an.end();
    }
  }, 60_000);

  it('a sync killed halfway and run again gives the same central state as an uninterrupted one, without duplicates', async () => {
    const total = (labC.db.prepare('SELECT count(*) AS n FROM sync_changes').get() as { n: number }).n;
    let killedAt = -1;
    const first = await pijat(['sync', '--to', url('pijat_lab_lab_c', PW.c), '--data', dirs.c, '--batch', '20'], {
      onLine: (line, kill) => {
        const m = /^\s*(\d+)\/(\d+) changes sent/.exec(line);
        if (killedAt < 0 && m && Number(m[1]) >= Number(m[2]) / 2) {
          killedAt = Number(m[1]);
          kill();
        }
      },
    });
    expect(first.code).toBeNull(); // killed by the signal
    expect(killedAt).toBeGreaterThan(0);
    const partial = (await centralCounts(server, 'lab-c')).sessions;
    expect(partial).toBeGreaterThan(100);
    expect(partial).toBeLessThan(400);
    const state = labC.db.prepare('SELECT last_seq FROM sync_state').get() as { last_seq: number };
    expect(state.last_seq).toBeGreaterThanOrEqual(killedAt);
    const resumed = await pijat(['sync', '--to', url('pijat_lab_lab_c', PW.c), '--data', dirs.c, '--batch', '20', '--json']);
    expect(resumed.stderr).toBe('');
    const r = JSON.parse(resumed.stdout) as { sessions: number; changes: number };
    // The rerun starts where the killed one's last committed batch ended.
    expect(r.changes).toBe(total - state.last_seq);
    expect(await centralCounts(server, 'lab-c')).toEqual(localCounts(labC));
    // The same store synced without interruption into a fresh database.
    const ref = await pijat(['sync', '--to', url('pijat_lab_lab_c', PW.c, 'pijat_ref'), '--data', dirs.c, '--batch', '1000']);
    expect(ref.code).toBe(0);
    expect(await snapshot(server, 'pijat', 'lab-c')).toEqual(await snapshot(server, 'pijat_ref', 'lab-c'));
  }, 120_000);

  it('sends only what changed: an edited label, a new session, a cleared checklist item', async () => {
    const s = labA.listSessions()[5]!;
    labA.setSessionLabel(s.id, 'post-test');
    const ticked = labA.getChecklist(s.id).find((c) => c.done !== null)!;
    labA.setChecklist(s.id, { [ticked.id]: null });
    const n = labA.startSession({ trainee: 'Siti Baru', profile: 'sop-000', source: 'sim', label: 'pre' });
    labA.finishSession(n.id);
    const r = await pijat(['sync', '--to', url('pijat_lab_lab_a', PW.a), '--data', dirs.a, '--json']);
    const out = JSON.parse(r.stdout) as { sessions: number; trainees: number };
    expect(out.sessions).toBe(2);
    const row = await server.admin<{ label: string; items: string }>(
      `SELECT s.label, (SELECT count(*) FROM pijat.checklist c WHERE c.session_uuid = s.uuid) AS items FROM pijat.sessions s WHERE uuid = $1`,
      [s.uuid], 'pijat');
    expect(row.rows[0]).toEqual({ label: 'post-test', items: String(labA.getChecklist(s.id).filter((c) => c.done !== null).length) });
    expect(await centralCounts(server, 'lab-a')).toEqual(localCounts(labA));
  }, 60_000);

  it('--frames sends the raw chunks of finished sessions, once', async () => {
    const s = labA.startSession({ trainee: 'Siti Baru', profile: 'sop-000', source: 'sim', label: 'post' });
    const chunks = [new Uint8Array([1, 2, 3, 4]), new Uint8Array(3000).fill(7), new Uint8Array([9])];
    chunks.forEach((c, i) => labA.appendFrames(s.id, c, i * 0.5, i * 0.5 + 0.4, 1));
    labA.finishSession(s.id);
    for (let run = 0; run < 2; run++) {
      const r = await pijat(['sync', '--to', url('pijat_lab_lab_a', PW.a), '--data', dirs.a, '--frames', ...(run === 1 ? ['--full'] : [])]);
      expect(r.stderr).toBe('');
    }
    const rows = await server.admin<{ seq: number; n: number; first: number }>(
      'SELECT seq, length(bytes) AS n, get_byte(bytes, 0) AS first FROM pijat.frames WHERE session_uuid = $1 ORDER BY seq', [s.uuid], 'pijat');
    expect(rows.rows).toEqual(chunks.map((c, i) => ({ seq: i, n: c.length, first: c[0] })));
  }, 60_000);

  it('connection failures name the host and the fix, never the password or a stack trace', async () => {
    const closed = (await import('node:net')).createServer();
    const port = await new Promise<number>((res) => closed.listen(0, '127.0.0.1', () => res((closed.address() as { port: number }).port)));
    await new Promise((res) => closed.close(res));
    const refused = await pijat(['sync', '--to', `postgres://pijat_lab_lab_a:sekret-123@127.0.0.1:${port}/pijat`, '--data', dirs.a]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`127.0.0.1:${port}/pijat`);
    expect(refused.stderr).toMatch(/refused the connection/);
    expect(refused.stderr).not.toContain('sekret-123');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const badPw = await pijat(['sync', '--to', url('pijat_lab_lab_a', 'wrong-pass'), '--data', dirs.a, '--lang', 'id']);
    expect(badPw.code).toBe(1);
    expect(badPw.stderr).toMatch(/menolak pengguna "pijat_lab_lab_a"/);
    expect(badPw.stderr).not.toContain('wrong-pass');
    const verify = await pijat(['sync', '--to', `${url('pijat_lab_lab_a', PW.a)}?sslmode=verify-full`, '--data', dirs.a]);
    expect(verify.stderr).toMatch(/TLS certificate .* could not be verified/);
    // With the server's certificate as the trusted root, verify-full connects.
    const trusted = await pijat(['sync', '--to', `${url('pijat_lab_lab_a', PW.a)}?sslmode=verify-full&sslrootcert=${join(server.dir, 'server.crt')}`, '--data', dirs.a, '--json']);
    expect(trusted.stderr).toBe('');
    expect((JSON.parse(trusted.stdout) as { tls: boolean }).tls).toBe(true);
    const notLab = await pijat(['sync', '--to', url('analyst', PW.analyst), '--data', dirs.a]);
    expect(notLab.stderr).toMatch(/"analyst" at 127\.0\.0\.1:\d+\/pijat is not a lab user/);
    const badDate = await pijat(['central', 'prepost', url('analyst', PW.analyst), '--from', '2026-13-01']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toBe('pijat: The date --from "2026-13-01" is not valid. Use the form YYYY-MM-DD, e.g. 2026-03-01.\n');
    const none = await pijat(['sync', '--data', dirs.a], { env: { PIJAT_CENTRAL: '' } });
    expect(none.stderr).toMatch(/--to postgres:\/\/\.\.\. or set PIJAT_CENTRAL/);
  }, 60_000);

  it('exports the pooled sessions as CSV with a data dictionary', async () => {
    const out = join(tmp, 'export');
    const r = await pijat(['central', 'export', url('analyst', PW.analyst), '--out', out, '--cohort', '2026-A']);
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(join(out, 'pijat-pooled-sessions.csv'), 'utf8').trim().split('\r\n');
    const dict = readFileSync(join(out, 'pijat-pooled-dictionary.csv'), 'utf8').trim().split('\r\n');
    const header = csv[0]!.split(',');
    expect(dict.slice(1).map((l) => l.split(',')[0])).toEqual(header);
    const expected = [labA, labB].reduce((n, s) => n + s.listSessions().filter((x) => x.cohort === '2026-A').length, 0);
    expect(csv.length - 1).toBe(expected);
    const trainee = header.indexOf('trainee');
    expect(csv.slice(1).every((l) => /^lab-[ab]-[0-9a-f]{8}$/.test(l.split(',')[trainee]!))).toBe(true);
  }, 60_000);

  it('serve --central: a read-only programme view and the report page\'s cohort API from the pooled rows', async () => {
    const view = await startCentralView({ url: url('analyst', PW.analyst), host: '127.0.0.1', port: 0, webRoot: join(tmp, 'no-web') });
    try {
      const page = await (await fetch(`${view.url}?cohort=2026-A&lang=en`)).text();
      const pooled = prePostTable(byStart([...storeRows(labA, 'lab-a', { cohort: '2026-A' }), ...storeRows(labB, 'lab-b', { cohort: '2026-A' })]));
      expect(page).toContain(`Pooled pre/post: ${pooled.sessions} sessions from 2 labs (cohort: 2026-A)`);
      expect(page).toContain(`<th>Pre</th><td>${pooled.phases[0]!.total!.n}</td>`);
      const api = (await (await fetch(`${view.url}api/sessions?cohort=2026-A`)).json()) as { sessions: { id: string; score_total: number | null }[] };
      expect(api.sessions).toHaveLength(pooled.sessions);
      const one = (await (await fetch(`${view.url}api/sessions/${api.sessions[0]!.id}`)).json()) as { report: { score: { total: number } } | null };
      expect(one.report?.score.total).toBe(api.sessions[0]!.score_total);
      expect((await fetch(`${view.url}api/sessions`, { method: 'POST' })).status).toBe(405);
      const csv = await (await fetch(`${view.url}api/central/sessions.csv?lab=lab-b`)).text();
      expect(csv.trim().split('\r\n')).toHaveLength(labB.listSessions().length + 1);
    } finally {
      await view.close();
    }
  }, 60_000);

  it('background sync from the class server, and the class view\'s last-synced time', async () => {
    const s = labB.startSession({ trainee: 'Ani Baru', profile: 'sop-000', source: 'sim', label: 'post' });
    labB.finishSession(s.id);
    const bg = startBackgroundSync(dirs.b, url('pijat_lab_lab_b', PW.b), { intervalMs: 3_600_000, onResult: () => {} });
    const r = await bg.now();
    await bg.stop();
    expect(r).not.toBeInstanceOf(Error);
    expect((await server.admin('SELECT 1 FROM pijat.sessions WHERE uuid = $1', [s.uuid], 'pijat')).rowCount).toBe(1);
    const classServer = await startServer({ dataDir: dirs.b, port: 0, sim: 0, gloves: false, profile: loadBuiltinProfile('sop-000'), webRoot: join(tmp, 'no-web') });
    try {
      const body = (await (await fetch(`${classServer.url.replace(/\/$/, '')}/api/sync`)).json()) as { synced: string; central: string };
      expect(body.central).toBe(`127.0.0.1:${server.port}/pijat`);
      expect(Date.now() - Date.parse(body.synced)).toBeLessThan(60_000);
    } finally {
      await classServer.close();
    }
  }, 60_000);

  it('never sends a deleted trainee or session; a restore is sent at the next sync', async () => {
    const t = labB.createTrainee('Ani Hapus', '2026-C', 'B-777');
    const gone = labB.startSession({ trainee: t.id, profile: 'sop-000', source: 'sim', label: 'pre' });
    labB.finishSession(gone.id);
    const alone = labB.startSession({ trainee: 'Ani Baru', profile: 'sop-000', source: 'sim', label: 'post' });
    labB.finishSession(alone.id);
    labB.deleteTrainee(t.id);
    labB.deleteSession(alone.id);
    const central = async (table: 'trainees' | 'sessions', uuid: string): Promise<number> =>
      (await server.admin(`SELECT 1 FROM pijat.${table} WHERE uuid = $1`, [uuid], 'pijat')).rowCount ?? 0;
    const sync = async (): Promise<void> => {
      const r = await pijat(['sync', '--to', url('pijat_lab_lab_b', PW.b), '--data', dirs.b]);
      expect(r.code, r.stderr).toBe(0);
    };
    await sync();
    expect([await central('trainees', t.uuid), await central('sessions', gone.uuid), await central('sessions', alone.uuid)]).toEqual([0, 0, 0]);
    labB.restoreTrainee(t.id);
    labB.restoreSession(alone.id);
    await sync();
    expect([await central('trainees', t.uuid), await central('sessions', gone.uuid), await central('sessions', alone.uuid)]).toEqual([1, 1, 1]);
  }, 60_000);
});
