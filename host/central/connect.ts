// Connecting to the central PostgreSQL: the URL (postgres://user:password@host:port/db?sslmode=),
// TLS with libpq's sslmode meanings, and connection failures said in the user's language with
// the host named and the password never shown.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { CENTRAL as C } from '../../shared/i18n/central';
import { LocalizedError } from '../../shared/i18n/index';
import { CentralError } from './errors';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface CentralTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
  sslmode: SslMode;
  sslrootcert: string | undefined;
  /** host:port/database, for messages and the lab's sync state (no user, no password). */
  where: string;
}

/** Parses a postgres:// URL; the error names the URL without its password. */
export function parseCentralUrl(url: string): CentralTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CentralError(C.bad_url, { url: hidePassword(url) });
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new CentralError(C.bad_url, { url: hidePassword(url) });
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(u.username);
  if (!u.hostname || !database || !user) throw new CentralError(C.bad_url, { url: hidePassword(url) });
  const mode = (u.searchParams.get('sslmode') ?? 'prefer') as SslMode;
  if (!SSL_MODES.includes(mode)) throw new CentralError(C.bad_sslmode, { mode, modes: SSL_MODES.join(', ') });
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port ? Number(u.port) : 5432;
  return {
    host,
    port,
    database,
    user,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    sslmode: mode,
    sslrootcert: u.searchParams.get('sslrootcert') ?? undefined,
    where: `${u.hostname}:${port}/${database}`,
  };
}

/** The URL with its password replaced by ***. */
export function hidePassword(url: string): string {
  return url.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

function sslOption(t: CentralTarget, tls: boolean): pg.ClientConfig['ssl'] {
  if (!tls) return false;
  if (t.sslmode === 'verify-ca' || t.sslmode === 'verify-full') {
    const ca = t.sslrootcert ? readFileSync(t.sslrootcert, 'utf8') : undefined;
    // verify-ca checks the chain only; verify-full also the host name (Node's default check).
    const opts: { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined } = { rejectUnauthorized: true };
    if (ca) opts.ca = ca;
    if (t.sslmode === 'verify-ca') opts.checkServerIdentity = () => undefined;
    return opts;
  }
  // require / prefer / allow: encrypted, certificate not checked (libpq's meaning).
  return { rejectUnauthorized: false };
}

export function clientConfig(t: CentralTarget, tls: boolean): pg.ClientConfig {
  return {
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    password: t.password,
    ssl: sslOption(t, tls),
    connectionTimeoutMillis: 10_000,
    application_name: 'pijat',
  };
}

function noTls(err: unknown): boolean {
  return err instanceof Error && /does not support SSL/i.test(err.message);
}

/**
 * Whether to use TLS with this server: disable never; require and verify-* always; prefer (the
 * default) and allow when the server offers it (one probe connection).
 */
export async function decideTls(t: CentralTarget): Promise<boolean> {
  if (t.sslmode === 'disable') return false;
  if (t.sslmode !== 'prefer' && t.sslmode !== 'allow') return true;
  const probe = new pg.Client(clientConfig(t, true));
  try {
    await probe.connect();
    return true;
  } catch (err) {
    if (noTls(err)) return false;
    throw explain(err, t);
  } finally {
    await probe.end().catch(() => {});
  }
}

export interface Central {
  target: CentralTarget;
  pool: pg.Pool;
  tls: boolean;
  close(): Promise<void>;
}

/** A pool of connections to the central database; the first connection is made (and checked) here. */
export async function openCentral(url: string, max = 4): Promise<Central> {
  const target = parseCentralUrl(url);
  const tls = await decideTls(target);
  const pool = new pg.Pool({ ...clientConfig(target, tls), max });
  // An idle connection dropped by the server must not crash the process.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw explain(err, target);
  }
  return { target, pool, tls, close: () => pool.end() };
}

/** A driver or server error turned into a message naming the host and the fix. */
export function explain(err: unknown, t: CentralTarget): Error {
  // Already said in the user's words (a bad date, an unknown lab code...).
  if (err instanceof LocalizedError) return err;
  const e = err as { code?: string; message?: string };
  const p = { where: t.where, user: t.user, reason: e.code ?? e.message ?? String(err) };
  switch (e.code) {
    case 'ECONNREFUSED':
      return new CentralError(C.conn_refused, p, 1);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CentralError(C.conn_unknown_host, p, 1);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new CentralError(C.conn_timeout, p, 1);
    case '28P01':
    case '28000':
      return new CentralError(C.conn_auth, p, 1);
    case '3D000':
      return new CentralError(C.conn_no_database, p, 1);
    case '42501':
      return new CentralError(C.denied, p, 1);
    case '3F000':
    case '42P01':
      return new CentralError(C.not_initialised, p, 1);
  }
  if (noTls(err)) return new CentralError(C.conn_no_tls, p, 1);
  if (/timeout/i.test(e.message ?? '')) return new CentralError(C.conn_timeout, p, 1);
  if (/certificate|self[- ]signed|SSL|TLS/i.test(e.message ?? '')) return new CentralError(C.conn_tls, { ...p, reason: e.message ?? '' }, 1);
  return new CentralError(C.conn_failed, { ...p, reason: e.message ?? String(err) }, 1);
}
