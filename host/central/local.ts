// What the lab's SQLite store has to send: the change log written by the store's triggers
// (host/store/schema.ts, version 2), read in order, and the rows a change refers to.
import type { Store } from '../store/index';

export interface LocalTrainee {
  id: number;
  uuid: string;
  name: string;
  cohort: string | null;
  created: string;
}

export interface LocalSession {
  id: number;
  uuid: string;
  trainee_uuid: string | null;
  profile: string;
  device_id: number | null;
  started: string;
  ended: string | null;
  status: string;
  label: string | null;
  source: string;
  client: string | null;
  chunks: number;
  bytes: number;
  frames: number;
  recorded_s: number;
}

export interface LocalReport {
  session_uuid: string;
  profile: string;
  total: number | null;
  verdict: string;
  report: string;
  scored: string;
}

export interface LocalCheck {
  session_uuid: string;
  item_id: string;
  done: number;
  updated: string;
}

export interface LocalDoc {
  session_uuid: string;
  massage_at: string | null;
  duration_min: number | null;
  mother_response: string | null;
  milk_change: string | null;
  follow_up: string | null;
  updated: string;
}

export interface SyncState {
  target: string;
  last_seq: number;
  synced: string | null;
  sessions: number;
}

export interface ChangeBatch {
  /** Highest change number in the batch: the lab's sync state moves here once it is stored centrally. */
  upto: number;
  trainees: LocalTrainee[];
  sessions: LocalSession[];
  reports: LocalReport[];
  checklist: LocalCheck[];
  documentation: LocalDoc[];
  /** Sessions whose checklist is replaced centrally (cleared items must disappear there too). */
  checklistOf: string[];
}

export function readState(store: Store, target: string): SyncState {
  const row = store.db.prepare('SELECT * FROM sync_state WHERE target = ?').get(target) as SyncState | undefined;
  return row ?? { target, last_seq: 0, synced: null, sessions: 0 };
}

/** The last sync to any central database, for the class view. */
export function lastSynced(store: Store): SyncState | undefined {
  return store.db.prepare('SELECT * FROM sync_state WHERE synced IS NOT NULL ORDER BY synced DESC LIMIT 1').get() as SyncState | undefined;
}

export function saveState(store: Store, target: string, lastSeq: number, sent: number, finished: boolean): void {
  store.db
    .prepare(
      `INSERT INTO sync_state (target, last_seq, synced, sessions) VALUES (@target, @seq, @synced, @sent)
       ON CONFLICT(target) DO UPDATE SET last_seq = excluded.last_seq, synced = coalesce(excluded.synced, sync_state.synced),
         sessions = sync_state.sessions + excluded.sessions`,
    )
    .run({ target, seq: lastSeq, synced: finished ? new Date().toISOString() : null, sent });
}

export function pendingChanges(store: Store, target: string): number {
  const since = readState(store, target).last_seq;
  return (store.db.prepare('SELECT count(*) AS n FROM sync_changes WHERE seq > ?').get(since) as { n: number }).n;
}

/**
 * The next batch after change `since`: at most `limit` changes in order, resolved to the rows
 * they name now (a row changed five times is sent once, as it is now). Null when nothing is left.
 * Soft-deleted trainees and sessions (schema version 3) are not sent; a restore logs them again.
 */
export function nextBatch(store: Store, since: number, limit: number): ChangeBatch | null {
  const db = store.db;
  const changes = db.prepare('SELECT seq, kind, row_id FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?').all(since, limit) as {
    seq: number;
    kind: 'trainee' | 'session';
    row_id: number;
  }[];
  if (changes.length === 0) return null;
  const traineeIds = new Set<number>();
  const sessionIds = new Set<number>();
  for (const c of changes) (c.kind === 'trainee' ? traineeIds : sessionIds).add(c.row_id);

  const sessionRow = db.prepare(
    `SELECT s.id, s.uuid, t.uuid AS trainee_uuid, s.trainee_id, s.profile, s.device_id, s.started, s.ended, s.status, s.label,
       s.source, s.client, s.chunks, s.bytes, s.frames, s.recorded_s
     FROM sessions s LEFT JOIN trainees t ON t.id = s.trainee_id WHERE s.id = ? AND s.deleted_at IS NULL`,
  );
  const sessions: LocalSession[] = [];
  for (const id of sessionIds) {
    const s = sessionRow.get(id) as (LocalSession & { trainee_id: number | null }) | undefined;
    if (!s) continue;
    // A session's trainee goes with it, so the central foreign key always holds.
    if (s.trainee_id !== null) traineeIds.add(s.trainee_id);
    const { trainee_id: _, ...rest } = s;
    sessions.push(rest);
  }
  const traineeRow = db.prepare('SELECT id, uuid, name, cohort, created FROM trainees WHERE id = ? AND deleted_at IS NULL');
  const trainees: LocalTrainee[] = [];
  for (const id of traineeIds) {
    const t = traineeRow.get(id) as LocalTrainee | undefined;
    if (t) trainees.push(t);
  }
  const reportRow = db.prepare('SELECT profile, total, verdict, report, scored FROM scores WHERE session_id = ?');
  const checkRows = db.prepare('SELECT item_id, done, updated FROM checklist WHERE session_id = ? ORDER BY item_id');
  const docRow = db.prepare(
    'SELECT massage_at, duration_min, mother_response, milk_change, follow_up, updated FROM documentation WHERE session_id = ?',
  );
  const reports: LocalReport[] = [];
  const checklist: LocalCheck[] = [];
  const documentation: LocalDoc[] = [];
  for (const s of sessions) {
    const r = reportRow.get(s.id) as Omit<LocalReport, 'session_uuid'> | undefined;
    if (r) reports.push({ session_uuid: s.uuid, ...r });
    for (const c of checkRows.all(s.id) as Omit<LocalCheck, 'session_uuid'>[]) checklist.push({ session_uuid: s.uuid, ...c });
    const d = docRow.get(s.id) as Omit<LocalDoc, 'session_uuid'> | undefined;
    if (d) documentation.push({ session_uuid: s.uuid, ...d });
  }
  return {
    upto: changes[changes.length - 1]!.seq,
    trainees,
    sessions,
    reports,
    checklist,
    documentation,
    checklistOf: sessions.map((s) => s.uuid),
  };
}
