// A real PostgreSQL server for tests and benchmarks: Debian's `postgresql` binaries, a fresh
// cluster in a temporary folder, run as an unprivileged user (initdb refuses root: as root the
// folder is handed to `postgres`, else `nobody`, and the programs run through setpriv), on a
// free localhost port, stopped and removed by stop(). `findPostgres()` says what is missing
// so a suite can skip with a clear message where PostgreSQL is not installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_ADMIN = 'pijat_admin';
export const PG_ADMIN_PASSWORD = 'admin-secret';

export interface PostgresBinaries {
  bin: string;
}

/** The folder holding initdb and postgres ($PIJAT_PG_BIN, /usr/lib/postgresql/N/bin, or PATH), or why not. */
export function findPostgres(): PostgresBinaries | { missing: string } {
  const dirs: string[] = [];
  if (process.env.PIJAT_PG_BIN) dirs.push(process.env.PIJAT_PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const d of (process.env.PATH ?? '').split(':')) if (d) dirs.push(d);
  for (const d of dirs) if (existsSync(join(d, 'initdb')) && existsSync(join(d, 'postgres'))) return { bin: d };
  return {
    missing:
      'PostgreSQL is not installed: initdb and postgres were not found in $PIJAT_PG_BIN, /usr/lib/postgresql/*/bin or PATH ' +
      '(Debian: apt-get install -y postgresql)',
  };
}

export interface PgServer {
  port: number;
  dir: string;
  /** Whether the server offers TLS (a throw-away self-signed certificate). */
  ssl: boolean;
  /** postgres://user:password@127.0.0.1:port/db (sslmode as given, else none in the URL). */
  url(user: string, password: string, db?: string, sslmode?: string): string;
  adminUrl(db?: string, sslmode?: string): string;
  /** A query as the administrator. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], db?: string): Promise<pg.QueryResult<T>>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface RunAs {
  uid: number;
  gid: number;
  wrap(cmd: string, args: string[]): [string, string[]];
}

function runAs(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    const u = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (u.status === 0 && g.status === 0) {
      const uid = Number(u.stdout.trim());
      const gid = Number(g.stdout.trim());
      return { uid, gid, wrap: (cmd, args) => ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', cmd, ...args]] };
    }
  }
  throw new Error('running as root, but neither a postgres nor a nobody user exists to run PostgreSQL as');
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Starts a fresh server; `max_connections` defaults to 100. */
export async function startPostgres(opts: { ssl?: boolean; maxConnections?: number } = {}): Promise<PgServer> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const who = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'pijat-pg-'));
  const data = join(dir, 'data');
  const own = (p: string): void => {
    if (who) chownSync(p, who.uid, who.gid);
  };
  own(dir);
  chmodSync(dir, 0o700);
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${PG_ADMIN_PASSWORD}\n`, { mode: 0o600 });
  own(pwfile);
  const run = (cmd: string, args: string[]): [string, string[]] => (who ? who.wrap(cmd, args) : [cmd, args]);
  const [ic, ia] = run(join(found.bin, 'initdb'), [
    '-D', data, '-U', PG_ADMIN, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync', '--locale=C',
  ]);
  const init = spawnSync(ic, ia, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    '-c', `max_connections=${opts.maxConnections ?? 100}`, '-k', dir];
  if (opts.ssl) {
    const key = join(dir, 'server.key');
    const crt = join(dir, 'server.crt');
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl could not make a test certificate: ${r.stderr}`);
    chmodSync(key, 0o600);
    own(key);
    own(crt);
    settings.push('-c', 'ssl=on', '-c', `ssl_cert_file=${crt}`, '-c', `ssl_key_file=${key}`);
  }
  const port = await freePort();
  const [pc, pa] = run(join(found.bin, 'postgres'), ['-D', data, '-p', String(port), ...settings]);
  const child = spawn(pc, pa, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let log = '';
  child.stderr!.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    running.delete(child);
    resolve();
  }));

  const url = (user: string, password: string, db = 'postgres', sslmode?: string): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}${sslmode ? `?sslmode=${sslmode}` : ''}`;
  const admin = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], db = 'postgres'): Promise<pg.QueryResult<T>> => {
    const c = new pg.Client({ host: '127.0.0.1', port, user: PG_ADMIN, password: PG_ADMIN_PASSWORD, database: db });
    await c.connect();
    try {
      return await c.query<T>(sql, params);
    } finally {
      await c.end();
    }
  };
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`postgres exited while starting: ${log}`);
    }
    try {
      await admin('SELECT 1');
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`postgres did not accept connections within 30 s: ${(err as Error).message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { port, dir, ssl: opts.ssl === true, url, adminUrl: (db = 'postgres', sslmode) => url(PG_ADMIN, PG_ADMIN_PASSWORD, db, sslmode), admin, stop };
}
