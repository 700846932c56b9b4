// `pijat sync`: the lab's changes since its last sync, pushed to the central database in
// batches. Each batch is one PostgreSQL transaction of upserts keyed by the global ids, and the
// lab's sync state moves past a batch only after that transaction has committed; so a sync
// stopped anywhere and run again sends at most one batch twice, and upserting it again changes
// nothing: the central state is the same, without duplicates.
import type pg from 'pg';
import type { Store } from '../store/index';
import { CENTRAL as C } from '../../shared/i18n/central';
import { CentralError } from './errors';
import { explain, openCentral, type Central } from './connect';
import { CENTRAL_SCHEMA_VERSION, centralVersion } from './schema';
import { nextBatch, pendingChanges, readState, saveState, type ChangeBatch } from './local';

export interface SyncOptions {
  /** Send trainee names and the client field (default: pseudonyms, no client). */
  withNames?: boolean;
  /** Send the raw frames of finished sessions too. */
  frames?: boolean;
  /** Send everything again, as if never synced (after the central database was restored from a backup). */
  full?: boolean;
  /** Changes per batch (one transaction each). */
  batch?: number;
  onProgress?: (p: SyncProgress) => void;
}

export interface SyncProgress {
  lab: string;
  done: number;
  total: number;
  sessions: number;
}

export interface SyncResult {
  lab: string;
  where: string;
  tls: boolean;
  /** Distinct sessions and trainees sent in this run. */
  sessions: number;
  trainees: number;
  frameChunks: number;
  changes: number;
  synced: string | null;
}

/** Stable pseudonym of a trainee: lab code and the start of its random global id. */
export function pseudonym(lab: string, traineeUuid: string): string {
  return `${lab}-${traineeUuid.slice(0, 8)}`;
}

/** The lab the connected role belongs to, or a clear error when it is none. */
export async function labOf(c: pg.PoolClient, central: Central): Promise<string> {
  const version = await centralVersion(c);
  if (version === 0) throw new CentralError(C.not_initialised, { where: central.target.where, user: central.target.user, reason: '' }, 1);
  if (version > CENTRAL_SCHEMA_VERSION) {
    throw new CentralError(C.central_too_new, { where: central.target.where, found: version, known: CENTRAL_SCHEMA_VERSION }, 1);
  }
  const r = await c.query<{ lab: string | null }>('SELECT pijat.my_lab() AS lab');
  const lab = r.rows[0]?.lab;
  if (!lab) throw new CentralError(C.not_a_lab, { where: central.target.where, user: central.target.user }, 2);
  return lab;
}

/** Pushes everything the lab changed since its last sync with this central database. */
export async function syncStore(store: Store, url: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const central = await openCentral(url, 1);
  try {
    return await syncWith(store, central, opts);
  } finally {
    await central.close().catch(() => {});
  }
}

export async function syncWith(store: Store, central: Central, opts: SyncOptions = {}): Promise<SyncResult> {
  const c = await central.pool.connect();
  try {
    const lab = await labOf(c, central);
    const target = `${central.target.where}|${lab}`;
    const limit = opts.batch ?? 500;
    if (opts.full) saveState(store, target, 0, 0, false);
    const total = pendingChanges(store, target);
    const result: SyncResult = { lab, where: central.target.where, tls: central.tls, sessions: 0, trainees: 0, frameChunks: 0, changes: 0, synced: null };
    let since = readState(store, target).last_seq;
    // A row whose changes straddle two batches is sent in both; it is counted once.
    const sessions = new Set<string>();
    const trainees = new Set<string>();
    for (;;) {
      const batch = nextBatch(store, since, limit);
      if (!batch) break;
      const changes = (store.db.prepare('SELECT count(*) AS n FROM sync_changes WHERE seq > ? AND seq <= ?').get(since, batch.upto) as { n: number }).n;
      await pushBatch(c, lab, batch, opts.withNames === true);
      if (opts.frames) result.frameChunks += await pushFrames(c, store, batch);
      saveState(store, target, batch.upto, batch.sessions.length, false);
      since = batch.upto;
      for (const x of batch.sessions) sessions.add(x.uuid);
      for (const x of batch.trainees) trainees.add(x.uuid);
      result.sessions = sessions.size;
      result.trainees = trainees.size;
      result.changes += changes;
      opts.onProgress?.({ lab, done: result.changes, total, sessions: result.sessions });
    }
    saveState(store, target, since, 0, true);
    result.synced = readState(store, target).synced;
    return result;
  } catch (err) {
    throw explain(err, central.target);
  } finally {
    c.release();
  }
}

async function inTransaction(c: pg.PoolClient, body: () => Promise<void>): Promise<void> {
  await c.query('BEGIN');
  try {
    await body();
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

async function pushBatch(c: pg.PoolClient, lab: string, b: ChangeBatch, withNames: boolean): Promise<void> {
  const json = (rows: unknown[]): string => JSON.stringify(rows);
  await inTransaction(c, async () => {
    if (b.trainees.length > 0) {
      const rows = b.trainees.map((t) => ({
        uuid: t.uuid,
        pseudonym: pseudonym(lab, t.uuid),
        name: withNames ? t.name : null,
        cohort: t.cohort,
        created: t.created,
      }));
      await c.query(
        `INSERT INTO pijat.trainees (uuid, lab, pseudonym, name, cohort, created)
         SELECT x.uuid, pijat.my_lab(), x.pseudonym, x.name, x.cohort, x.created
         FROM jsonb_to_recordset($1::jsonb) AS x(uuid uuid, pseudonym text, name text, cohort text, created timestamptz)
         ON CONFLICT (uuid) DO UPDATE SET pseudonym = excluded.pseudonym, name = excluded.name, cohort = excluded.cohort,
           created = excluded.created`,
        [json(rows)],
      );
    }
    if (b.sessions.length > 0) {
      const rows = b.sessions.map((s) => ({ ...s, local_id: s.id, client: withNames ? s.client : null }));
      await c.query(
        `INSERT INTO pijat.sessions (uuid, lab, local_id, trainee_uuid, profile, device_id, started, ended, status, label, source,
           client, chunks, bytes, frames, recorded_s)
         SELECT x.uuid, pijat.my_lab(), x.local_id, x.trainee_uuid, x.profile, x.device_id, x.started, x.ended, x.status, x.label,
           x.source, x.client, x.chunks, x.bytes, x.frames, x.recorded_s
         FROM jsonb_to_recordset($1::jsonb) AS x(uuid uuid, local_id integer, trainee_uuid uuid, profile text, device_id bigint,
           started timestamptz, ended timestamptz, status text, label text, source text, client text, chunks integer, bytes bigint,
           frames bigint, recorded_s double precision)
         ON CONFLICT (uuid) DO UPDATE SET local_id = excluded.local_id, trainee_uuid = excluded.trainee_uuid,
           profile = excluded.profile, device_id = excluded.device_id, started = excluded.started, ended = excluded.ended,
           status = excluded.status, label = excluded.label, source = excluded.source, client = excluded.client,
           chunks = excluded.chunks, bytes = excluded.bytes, frames = excluded.frames, recorded_s = excluded.recorded_s`,
        [json(rows)],
      );
    }
    if (b.reports.length > 0) {
      await c.query(
        `INSERT INTO pijat.reports (session_uuid, lab, profile, total, verdict, report, criteria, scored)
         SELECT x.session_uuid, pijat.my_lab(), x.profile, x.total, x.verdict, x.report::jsonb,
           coalesce((SELECT jsonb_agg(jsonb_build_array(c->>'id', (c->>'score')::float8))
                       FROM jsonb_array_elements(x.report::jsonb->'score'->'criteria') AS c), '[]'::jsonb),
           x.scored
         FROM jsonb_to_recordset($1::jsonb) AS x(session_uuid uuid, profile text, total double precision, verdict text,
           report text, scored timestamptz)
         ON CONFLICT (session_uuid) DO UPDATE SET profile = excluded.profile, total = excluded.total, verdict = excluded.verdict,
           report = excluded.report, criteria = excluded.criteria, scored = excluded.scored`,
        [json(b.reports)],
      );
    }
    if (b.checklistOf.length > 0) {
      await c.query('DELETE FROM pijat.checklist WHERE session_uuid = ANY($1::uuid[])', [b.checklistOf]);
    }
    if (b.checklist.length > 0) {
      await c.query(
        `INSERT INTO pijat.checklist (session_uuid, lab, item_id, done, updated)
         SELECT x.session_uuid, pijat.my_lab(), x.item_id, x.done = 1, x.updated
         FROM jsonb_to_recordset($1::jsonb) AS x(session_uuid uuid, item_id text, done integer, updated timestamptz)`,
        [json(b.checklist)],
      );
    }
    if (b.documentation.length > 0) {
      await c.query(
        `INSERT INTO pijat.documentation (session_uuid, lab, massage_at, duration_min, mother_response, milk_change, follow_up, updated)
         SELECT x.session_uuid, pijat.my_lab(), x.massage_at, x.duration_min, x.mother_response, x.milk_change, x.follow_up, x.updated
         FROM jsonb_to_recordset($1::jsonb) AS x(session_uuid uuid, massage_at text, duration_min double precision,
           mother_response text, milk_change text, follow_up text, updated timestamptz)
         ON CONFLICT (session_uuid) DO UPDATE SET massage_at = excluded.massage_at, duration_min = excluded.duration_min,
           mother_response = excluded.mother_response, milk_change = excluded.milk_change, follow_up = excluded.follow_up,
           updated = excluded.updated`,
        [json(b.documentation)],
      );
    }
  });
}

/** The raw chunks of the batch's finished sessions that the central database lacks. */
async function pushFrames(c: pg.PoolClient, store: Store, b: ChangeBatch): Promise<number> {
  let sent = 0;
  for (const s of b.sessions) {
    if (s.status === 'live' || s.chunks === 0) continue;
    const have = await c.query<{ n: number }>('SELECT coalesce(max(seq) + 1, 0)::int AS n FROM pijat.frames WHERE session_uuid = $1', [s.uuid]);
    const from = have.rows[0]?.n ?? 0;
    const chunks = store.db.prepare('SELECT seq, t0_s, t1_s, frames, bytes FROM frames WHERE session_id = ? AND seq >= ? ORDER BY seq');
    let rows: { seq: number; t0_s: number; t1_s: number; frames: number | null; bytes: Buffer }[] = [];
    const flush = async (): Promise<void> => {
      if (rows.length === 0) return;
      await c.query(
        `INSERT INTO pijat.frames (session_uuid, lab, seq, t0_s, t1_s, frames, bytes)
         SELECT $1, pijat.my_lab(), x.seq, x.t0_s, x.t1_s, x.frames, decode(x.b64, 'base64')
         FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, t0_s double precision, t1_s double precision, frames integer, b64 text)
         ON CONFLICT (session_uuid, seq) DO NOTHING`,
        [s.uuid, JSON.stringify(rows.map((r) => ({ seq: r.seq, t0_s: r.t0_s, t1_s: r.t1_s, frames: r.frames, b64: r.bytes.toString('base64') })))],
      );
      sent += rows.length;
      rows = [];
    };
    for (const r of chunks.iterate(s.id, from) as IterableIterator<(typeof rows)[number]>) {
      rows.push(r);
      if (rows.length >= 200) await flush();
    }
    await flush();
  }
  return sent;
}
