// The session store: one SQLite file (better-sqlite3, WAL) per data folder. Used by the `pijat`
// commands and the class server. Every statement is prepared once per open store.
//
// Durability: journal_mode=WAL with synchronous=NORMAL. In WAL mode each commit is appended to
// the -wal file before the call returns, so a killed process (kill -9, a crash, a closed
// terminal) loses nothing that was committed; only an OS crash or power cut can lose the last
// few commits, and the file stays consistent either way. synchronous=FULL would add an fsync per
// commit (two per second while recording) for that rare case, which costs more on the slow
// disks of lab laptops than the ~1 s of a session it could save.
import { createRequire } from 'node:module';
import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import type { Report } from '../../shared/engine/report-schema';
import { CLI } from '../../shared/i18n/cli';
import { CHECKLIST_ITEMS, CHECKLIST_PHASES, DOCUMENTATION_FIELDS, OUTCOME_DAYS, OUTCOME_ITEMS } from '../../shared/i18n/sop';
import type { ChecklistPhase, DocumentationField } from '../../shared/i18n/sop';
import { both, type Entry } from '../../shared/i18n/index';
import { RosterError, StoreError, diagnose } from './errors';
import { ROSTER } from '../../shared/i18n/roster';
import { normalNim, searchKey, validNim, type RosterRow } from '../../shared/roster-csv';
import { STORE } from '../../shared/i18n/store';
import { storeFile } from './paths';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, readIdentity } from './schema';

export type SessionStatus = 'live' | 'complete' | 'interrupted';

export interface Trainee {
  id: number;
  /** Global id, made at creation (schema version 2): the key in a central database. */
  uuid: string;
  name: string;
  cohort: string | null;
  created: string;
  /** Student number (schema version 3), trimmed and in capitals; null when none. */
  nim: string | null;
  /** Soft delete (ms since the epoch): hidden everywhere, purged after UNDO_MS. */
  deleted_at: number | null;
}

/** What a soft delete answers: how long it can be undone. */
export interface Deleted {
  kind: 'trainee' | 'session';
  id: number;
  /** ms since the epoch; restore before this. */
  undo_until: number;
}

export interface TraineeChange {
  nim?: string | null;
  name?: string;
  cohort?: string | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** false on a dry run, or when rows were bad and not skipped. */
  written: boolean;
}

export interface Session {
  id: number;
  /** Global id, made at creation (schema version 2): the key in a central database. */
  uuid: string;
  trainee_id: number | null;
  trainee: string | null;
  cohort: string | null;
  /** The trainee's NIM, if any. */
  nim: string | null;
  profile: string;
  device_id: number | null;
  started: string;
  ended: string | null;
  status: SessionStatus;
  label: string | null;
  source: string;
  client: string | null;
  pid: number | null;
  host: string | null;
  /** Last sign of life of the owning process, ms since the epoch. */
  heartbeat: number | null;
  chunks: number;
  bytes: number;
  /** Frames counted by the recorder (0 when it did not count). */
  frames: number;
  /** Host seconds from the start to the last stored byte. */
  recorded_s: number;
  /** From the saved report, if any. */
  total: number | null;
  verdict: string | null;
  /** Soft delete (ms since the epoch); null for every session a list shows. */
  deleted_at: number | null;
}

export interface StartSession {
  /** Trainee name (created if it does not exist) or id. */
  trainee?: string | number | null;
  profile: string;
  device_id?: number | null;
  label?: string | null;
  source: string;
  client?: string | null;
  /** Defaults to now. */
  started?: Date;
  /** Owning process; defaults to this one. */
  pid?: number;
}

export interface FrameChunk {
  seq: number;
  t0_s: number;
  t1_s: number;
  frames: number | null;
  bytes: Buffer;
}

export interface ChecklistEntry {
  id: string;
  phase: ChecklistPhase;
  phase_label: Entry;
  label: Entry;
  source: string;
  /** null = not ticked either way yet. */
  done: boolean | null;
}

export interface Documentation {
  /** When the massage was given (ISO 8601). */
  massage_at: string | null;
  duration_min: number | null;
  mother_response: string | null;
  milk_change: string | null;
  follow_up: string | null;
}

export interface OutcomeRow {
  id: string;
  label: Entry;
  source: string;
  /** Index 0..2 = days 1..3; null = not recorded. */
  days: (boolean | null)[];
}

export interface OutcomeSheet {
  client: string;
  items: OutcomeRow[];
}

export interface CalibrationRecord<T = unknown> {
  device_id: number;
  saved: string;
  data: T;
}

export interface OpenOptions {
  /** false: refuse to create a missing store (readers). Default true. */
  create?: boolean;
  /** A live session whose owner shows no sign of life for this long is interrupted. */
  staleMs?: number;
  /** How long a statement waits for another process's write lock (SQLite busy_timeout), ms. */
  busyTimeoutMs?: number;
  /** ms since the epoch for deletes, their undo window and the purge (tests move it). */
  clock?: () => number;
}

/** How long a deleted trainee or session can be restored; after that it is purged for good. */
export const UNDO_MS = 10 * 60_000;

/** Data folders are the owner's only (trainee names): 0700; store files 0600. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Tightens `path` to `mode` when group or others have any access; the error when it cannot. */
function restrict(path: string, mode: number): Error | null {
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
    return null;
  } catch (err) {
    return err as Error;
  }
}

/** A live session on another host (or a reused pid) counts as gone after this silence. */
export const DEFAULT_STALE_MS = 2 * 60_000;

let loaded: typeof BetterSqlite3 | undefined;
function sqlite(): typeof BetterSqlite3 {
  // Loaded on first use so that commands which never store (score, inspect) start fast.
  loaded ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return loaded;
}

function nowIso(): string {
  return new Date().toISOString();
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const SESSION_SELECT = `
  SELECT s.*, t.name AS trainee, t.cohort AS cohort, t.nim AS nim, sc.total AS total, sc.verdict AS verdict
  FROM sessions s
  LEFT JOIN trainees t ON t.id = s.trainee_id
  LEFT JOIN scores sc ON sc.session_id = s.id`;

export class Store {
  readonly db: Database;
  private readonly st: ReturnType<typeof prepareAll>;
  private readonly host = hostname();
  /** Things the user should know about this store (both languages), e.g. permissions that could not be tightened. */
  readonly notices: { entry: Entry; params: Record<string, string> }[] = [];

  /** ms since the epoch (OpenOptions.clock). */
  readonly now: () => number;

  private constructor(
    readonly file: string,
    db: Database,
    clock?: () => number,
  ) {
    this.db = db;
    this.st = prepareAll(db);
    this.now = clock ?? Date.now;
  }

  /** Opens (creating unless told not to) the store in a data folder, migrating it if needed. */
  static open(dataDir: string, opts: OpenOptions = {}): Store {
    const file = storeFile(dataDir);
    if (opts.create === false && !existsSync(file)) {
      throw new StoreError(CLI.store_missing, { dir: dataDir, file });
    }
    try {
      mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES') throw diagnose(err, file, dataDir);
      throw new StoreError(CLI.store_cannot_create, { dir: dataDir, reason: (err as Error).message });
    }
    return Store.openFile(file, opts);
  }

  /** Opens a store file by path (tests, tools). */
  static openFile(file: string, opts: OpenOptions = {}): Store {
    if (existsSync(file) && statSync(file).isDirectory()) {
      throw new StoreError(CLI.store_not_sqlite, { file, reason: 'a folder' });
    }
    const dir = dirname(file);
    // A reader may look into a store on a read-only drive; a writer is told at once.
    const readOnly = opts.create === false && existsSync(file) && !(writable(dir) && writable(file));
    if (!readOnly && existsSync(dir) && !writable(dir)) {
      throw diagnose(Object.assign(new Error('the folder is not writable'), { code: 'EACCES' }), file, dir);
    }
    let Db: typeof BetterSqlite3;
    let db: Database;
    try {
      Db = sqlite();
      if (!readOnly && !existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
      db = new Db(file, { timeout: opts.busyTimeoutMs ?? 5000, readonly: readOnly, fileMustExist: readOnly });
    } catch (err) {
      throw diagnose(err, file, dir);
    }
    try {
      migrate(db, file, readOnly);
      if (!readOnly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
    } catch (err) {
      db.close();
      throw diagnose(err, file, dir);
    }
    const store = new Store(file, db, opts.clock);
    if (!readOnly) {
      const bad = restrict(dir, DIR_MODE) ?? restrict(file, FILE_MODE);
      if (bad) store.notices.push({ entry: STORE.permissions_open, params: { dir, file, reason: bad.message } });
    }
    if (!readOnly) {
      try {
        store.markInterrupted();
        store.purge();
      } catch (err) {
        // A full disk or a lock held elsewhere only delays this to the next open.
        const e = diagnose(err, file, dir);
        if (e.fault !== 'full' && e.fault !== 'locked') {
          db.close();
          throw e;
        }
      }
    }
    return store;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- trainees ------------------------------------------------------------------------------

  /** A new trainee; names may repeat, a NIM may not (among trainees not deleted). */
  createTrainee(name: string, cohort: string | null = null, nim: string | null = null): Trainee {
    const n = this.checkNim(nim, null);
    const r = this.st.insertTrainee.run(name, cohort === '' ? null : cohort, nowIso(), n);
    // Read back: the global id is made by a trigger (schema version 2).
    return this.st.traineeAny.get(Number(r.lastInsertRowid)) as Trainee;
  }

  /** The only trainee of that name, created when there is none; several of that name: an error asking for the NIM. */
  ensureTrainee(name: string, cohort: string | null = null): Trainee {
    const same = this.st.traineesByName.all(name) as Trainee[];
    if (same.length > 1) throw new RosterError('name_ambiguous', ROSTER.name_ambiguous, { n: same.length, name }, 'name');
    return same[0] ?? this.createTrainee(name, cohort);
  }

  /**
   * The trainee a recording is for: by NIM first (created with that NIM, name and cohort when
   * new), else by name (ensureTrainee).
   */
  resolveTrainee(who: { nim?: string | null; name?: string | null; cohort?: string | null }): Trainee {
    const nim = who.nim ? this.checkNim(who.nim, null, false) : null;
    if (nim) {
      const t = this.st.traineeByNim.get(nim) as Trainee | undefined;
      if (t) return t;
      if (!who.name) throw new RosterError('nim_needs_name', ROSTER.nim_needs_name, { nim }, 'name');
      return this.createTrainee(who.name, who.cohort ?? null, nim);
    }
    if (!who.name) throw new RosterError('unknown_trainee', ROSTER.no_trainee, { trainee: '-' }, 'name');
    return this.ensureTrainee(who.name, who.cohort ?? null);
  }

  /** The first trainee (lowest id) of that name, not deleted. */
  getTrainee(name: string): Trainee | undefined {
    return (this.st.traineesByName.all(name) as Trainee[])[0];
  }

  /** A trainee by id; deleted ones only when asked. */
  findTrainee(id: number, withDeleted = false): Trainee | undefined {
    const t = this.st.traineeAny.get(id) as Trainee | undefined;
    return t && (withDeleted || t.deleted_at === null) ? t : undefined;
  }

  /** A trainee by NIM; with `withDeleted`, a deleted one too when no live one has it (the latest deleted). */
  findTraineeByNim(nim: string, withDeleted = false): Trainee | undefined {
    const n = normalNim(nim);
    const t = this.st.traineeByNim.get(n) as Trainee | undefined;
    return t ?? (withDeleted ? (this.st.deletedByNim.get(n) as Trainee | undefined) : undefined);
  }

  listTrainees(cohort?: string): Trainee[] {
    this.purge();
    return (cohort === undefined ? this.st.trainees.all() : this.st.traineesOfCohort.all(cohort)) as Trainee[];
  }

  /** The roster: `q` matches name or NIM (any case, any accents), sorted by name. */
  searchTrainees(filter: { cohort?: string; q?: string } = {}): Trainee[] {
    const q = filter.q ? searchKey(filter.q.trim()) : '';
    const key = (t: Trainee): string => searchKey(t.name);
    return this.listTrainees(filter.cohort)
      .filter((t) => q === '' || key(t).includes(q) || (t.nim !== null && searchKey(t.nim).includes(q)))
      .sort((a, b) => key(a).localeCompare(key(b)) || a.name.localeCompare(b.name) || a.id - b.id);
  }

  /** Changes a trainee's NIM, name or cohort ('' or null clears NIM and cohort). */
  updateTrainee(id: number, change: TraineeChange): Trainee {
    const t = this.requireTrainee(id);
    const nim = change.nim === undefined ? t.nim : this.checkNim(change.nim, id);
    const name = change.name ?? t.name;
    const cohort = change.cohort === undefined ? t.cohort : change.cohort === '' ? null : change.cohort;
    if (nim !== t.nim || name !== t.name || cohort !== t.cohort) this.st.updateTrainee.run(nim, name, cohort, id);
    return this.requireTrainee(id);
  }

  /** Hides a trainee and their sessions until restored or purged; refused while one of them is live. */
  deleteTrainee(id: number): Deleted {
    const t = this.requireTrainee(id);
    const live = this.st.liveOfTrainee.get(id) as { id: number } | undefined;
    if (live) throw new RosterError('trainee_live', ROSTER.trainee_live, { trainee: t.id, session: live.id }, 'id');
    const at = this.now();
    this.db.transaction(() => {
      this.st.hideTrainee.run(at, id);
      this.st.hideSessionsOf.run(at, id);
    })();
    return { kind: 'trainee', id, undo_until: at + UNDO_MS };
  }

  /** Brings a deleted trainee back with the sessions deleted with them (not those deleted before). */
  restoreTrainee(id: number): Trainee {
    this.purge();
    const t = this.st.traineeAny.get(id) as Trainee | undefined;
    if (!t) this.goneOrUnknown('trainee', id);
    if (t.deleted_at === null) throw new RosterError('not_deleted', withWhat(ROSTER.not_deleted, ROSTER.what_trainee, { trainee: id }), {}, 'id');
    if (t.nim !== null) this.checkNim(t.nim, id);
    this.db.transaction(() => {
      this.st.showSessionsOf.run(id, t.deleted_at);
      this.st.showTrainee.run(id);
    })();
    return this.requireTrainee(id);
  }

  /**
   * Adds or updates roster rows by NIM (a known NIM gets the row's name, and cohort when the
   * file has that column). Nothing is written on a dry run, nor when `bad` rows exist and
   * `skipBad` is not set; the counts say what was (or would be) done either way.
   */
  importRoster(rows: readonly RosterRow[], opts: { dryRun?: boolean; skipBad?: boolean; bad?: number } = {}): ImportResult {
    const result: ImportResult = { created: 0, updated: 0, unchanged: 0, written: false };
    const plan: (() => void)[] = [];
    for (const r of rows) {
      const t = this.st.traineeByNim.get(r.nim) as Trainee | undefined;
      if (!t) {
        result.created++;
        plan.push(() => this.createTrainee(r.name, r.cohort ?? null, r.nim));
        continue;
      }
      const cohort = r.cohort === undefined ? t.cohort : r.cohort === '' ? null : r.cohort;
      if (t.name === r.name && t.cohort === cohort) {
        result.unchanged++;
        continue;
      }
      result.updated++;
      plan.push(() => this.st.updateTrainee.run(t.nim, r.name, cohort, t.id));
    }
    if (opts.dryRun || ((opts.bad ?? 0) > 0 && !opts.skipBad)) return result;
    this.db.transaction(() => plan.forEach((f) => f()))();
    result.written = true;
    return result;
  }

  /** Deleted trainees and sessions whose undo window has passed are removed for good. */
  purge(): void {
    if (this.db.readonly) return;
    const before = this.now() - UNDO_MS;
    if (!this.st.anyExpired.get(before, before)) return;
    this.db.transaction(() => {
      const at = this.now();
      this.st.notePurgedSessions.run(at, before);
      this.st.purgeSessions.run(before);
      this.st.notePurgedTrainees.run(at, before);
      this.st.purgeTrainees.run(before);
      this.st.forgetPurged.run(at - 7 * 24 * 3_600_000);
    })();
  }

  // --- sessions ------------------------------------------------------------------------------

  startSession(input: StartSession): Session {
    let traineeId: number | null = null;
    if (typeof input.trainee === 'number') traineeId = this.requireTrainee(input.trainee).id;
    else if (typeof input.trainee === 'string') traineeId = this.ensureTrainee(input.trainee).id;
    const started = (input.started ?? new Date()).toISOString();
    const r = this.st.insertSession.run({
      trainee_id: traineeId,
      profile: input.profile,
      device_id: input.device_id ?? null,
      started,
      label: input.label ?? null,
      source: input.source,
      client: input.client ?? null,
      pid: input.pid ?? process.pid,
      host: this.host,
      heartbeat: Date.now(),
    });
    return this.getSession(Number(r.lastInsertRowid));
  }

  /** Stores one chunk of raw bytes and counts it in the session; one transaction per chunk. */
  appendFrames(sessionId: number, bytes: Uint8Array, t0_s: number, t1_s: number, frames: number | null = null): number {
    // BEGIN IMMEDIATE: take the write lock before reading the next seq, so a writer in another
    // process can only make this wait (busy_timeout), never fail with SQLITE_BUSY_SNAPSHOT.
    return this.st.append.immediate(sessionId, bytes, t0_s, t1_s, frames);
  }

  /**
   * Runs `fn` with another SQLite busy timeout: the recorder waits less than a command would,
   * since a chunk it cannot write now is held and retried, and a long wait would freeze the
   * live view (better-sqlite3 waits synchronously).
   */
  withBusyTimeout<T>(ms: number, fn: () => T): T {
    const before = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${Math.round(ms)}`);
    try {
      return fn();
    } finally {
      this.db.pragma(`busy_timeout = ${before}`);
    }
  }

  /** The owning process is alive (called by the recorder about once a second). */
  heartbeat(sessionId: number): void {
    this.st.heartbeat.run(Date.now(), sessionId);
  }

  /** The glove's id becomes known only when its descriptor arrives. */
  setDeviceId(sessionId: number, deviceId: number): void {
    this.st.setDevice.run(deviceId, sessionId);
  }

  setSessionLabel(sessionId: number, label: string | null): void {
    this.requireSession(sessionId);
    this.st.setLabel.run(label, sessionId);
  }

  /** Assigns the session to a trainee (id, or name created when missing) or to nobody. */
  setSessionTrainee(sessionId: number, trainee: number | string | null): void {
    this.requireSession(sessionId);
    const id = typeof trainee === 'string' ? this.ensureTrainee(trainee).id : trainee === null ? null : this.requireTrainee(trainee).id;
    this.st.setTrainee.run(id, sessionId);
  }

  /** The mother (or practice partner) massaged: keys the outcome sheet. */
  setSessionClient(sessionId: number, client: string | null): void {
    this.requireSession(sessionId);
    this.st.setClient.run(client, sessionId);
  }

  finishSession(sessionId: number, status: Exclude<SessionStatus, 'live'> = 'complete'): Session {
    this.requireSession(sessionId);
    this.st.finish.run(status, nowIso(), sessionId);
    return this.getSession(sessionId);
  }

  /**
   * With an id: marks that session interrupted. Without: marks every live session whose owner is
   * gone (its process has exited on this host, or it has been silent for `staleMs`). Returns
   * the ids it marked. Runs on every open, so a killed recorder's session is never left live.
   */
  markInterrupted(sessionId?: number, staleMs = DEFAULT_STALE_MS): number[] {
    if (sessionId !== undefined) {
      this.requireSession(sessionId);
      this.st.interrupt.run(sessionId);
      return [sessionId];
    }
    const now = Date.now();
    const gone: number[] = [];
    for (const s of this.st.liveSessions.all() as { id: number; pid: number | null; host: string | null; heartbeat: number | null }[]) {
      const silent = s.heartbeat === null || now - s.heartbeat > staleMs;
      const sameHost = s.host === this.host;
      const dead = sameHost && (s.pid === null || !pidAlive(s.pid));
      if (dead || silent) gone.push(s.id);
    }
    if (gone.length > 0) {
      this.db.transaction(() => {
        for (const id of gone) this.st.interrupt.run(id);
      })();
    }
    return gone;
  }

  getSession(sessionId: number): Session {
    return this.requireSession(sessionId);
  }

  /** A session by id; deleted ones only when asked. */
  findSession(sessionId: number, withDeleted = false): Session | undefined {
    const s = this.st.session.get(sessionId) as Session | undefined;
    return s && (withDeleted || s.deleted_at === null) ? s : undefined;
  }

  /** Hides a session until restored or purged; a live one must be stopped first. */
  deleteSession(sessionId: number): Deleted {
    const s = this.findSession(sessionId);
    if (!s) throw new RosterError('unknown_session', ROSTER.no_session, { session: sessionId }, 'id');
    if (s.status === 'live') throw new RosterError('session_live', ROSTER.session_live, { session: sessionId }, 'id');
    const at = this.now();
    this.st.hideSession.run(at, sessionId);
    return { kind: 'session', id: sessionId, undo_until: at + UNDO_MS };
  }

  restoreSession(sessionId: number): Session {
    this.purge();
    const s = this.findSession(sessionId, true);
    if (!s) this.goneOrUnknown('session', sessionId);
    if (s.deleted_at === null) throw new RosterError('not_deleted', withWhat(ROSTER.not_deleted, ROSTER.what_session, { session: sessionId }), {}, 'id');
    if (s.trainee_id !== null && !this.findTrainee(s.trainee_id)) {
      throw new RosterError('trainee_deleted', ROSTER.trainee_deleted, { session: sessionId, name: s.trainee ?? '-', trainee: s.trainee_id }, 'id');
    }
    this.st.showSession.run(sessionId);
    return this.getSession(sessionId);
  }

  listSessions(filter: { trainee?: string; status?: SessionStatus } = {}): Session[] {
    if (filter.trainee !== undefined && !this.getTrainee(filter.trainee)) {
      throw new StoreError(CLI.store_no_trainee, { name: filter.trainee, file: this.file });
    }
    this.purge();
    const rows = this.st.sessions.all({ trainee: filter.trainee ?? null, status: filter.status ?? null });
    return rows as Session[];
  }

  /** The stored chunks in order, one at a time (a long session is never loaded whole). */
  *readFrames(sessionId: number): IterableIterator<FrameChunk> {
    this.requireSession(sessionId);
    yield* this.st.chunks.iterate(sessionId) as IterableIterator<FrameChunk>;
  }

  // --- scores --------------------------------------------------------------------------------

  saveReport(sessionId: number, report: Report): void {
    this.requireSession(sessionId);
    this.st.saveScore.run(sessionId, report.profile, report.score.total, report.verdict, JSON.stringify(report), nowIso());
  }

  getReport(sessionId: number): Report | undefined {
    const row = this.st.score.get(sessionId) as { report: string } | undefined;
    return row ? (JSON.parse(row.report) as Report) : undefined;
  }

  // --- checklist, documentation, outcome -------------------------------------------------------

  /** Ticks (true), crosses (false) or clears (null) checklist items of a session. */
  setChecklist(sessionId: number, entries: Record<string, boolean | null>): void {
    this.requireSession(sessionId);
    const known = new Set(CHECKLIST_ITEMS.map((c) => c.id));
    for (const id of Object.keys(entries)) {
      if (!known.has(id)) throw new StoreError(CLI.store_bad_item, { item: id, known: [...known].join(', ') });
    }
    const at = nowIso();
    this.db.transaction(() => {
      for (const [id, done] of Object.entries(entries)) {
        if (done === null) this.st.clearCheck.run(sessionId, id);
        else this.st.setCheck.run(sessionId, id, done ? 1 : 0, at);
      }
    })();
  }

  getChecklist(sessionId: number): ChecklistEntry[] {
    this.requireSession(sessionId);
    const rows = this.st.checklist.all(sessionId) as {
      id: string; phase: ChecklistPhase; label_id: string; label_en: string; source: string; done: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      phase: r.phase,
      phase_label: CHECKLIST_PHASES[r.phase],
      label: { id: r.label_id, en: r.label_en },
      source: r.source,
      done: r.done === null ? null : r.done === 1,
    }));
  }

  /** Sets the given documentation fields (seed 003); fields not given keep their value. */
  setDocumentation(sessionId: number, doc: Partial<Documentation>): void {
    this.requireSession(sessionId);
    const known = Object.keys(DOCUMENTATION_FIELDS) as DocumentationField[];
    for (const f of Object.keys(doc)) {
      if (!known.includes(f as DocumentationField)) {
        throw new StoreError(CLI.store_bad_field, { field: f, known: known.join(', ') });
      }
    }
    const merged: Documentation = { ...emptyDocumentation(), ...this.getDocumentation(sessionId), ...doc };
    this.st.setDoc.run({ session_id: sessionId, ...merged, updated: nowIso() });
  }

  getDocumentation(sessionId: number): Documentation | undefined {
    const row = this.st.doc.get(sessionId) as (Documentation & { updated: string }) | undefined;
    if (!row) return undefined;
    const { massage_at, duration_min, mother_response, milk_change, follow_up } = row;
    return { massage_at, duration_min, mother_response, milk_change, follow_up };
  }

  /** Records one yes/no (null clears) of the 3-day outcome sheet (seed 000) for a client. */
  setOutcome(client: string, day: number, itemId: string, yes: boolean | null): void {
    if (!(OUTCOME_DAYS as readonly number[]).includes(day)) throw new StoreError(CLI.store_bad_day, { day });
    if (!OUTCOME_ITEMS.some((o) => o.id === itemId)) {
      throw new StoreError(CLI.store_bad_outcome, { item: itemId, known: OUTCOME_ITEMS.map((o) => o.id).join(', ') });
    }
    if (yes === null) this.st.clearOutcome.run(client, day, itemId);
    else this.st.setOutcome.run(client, day, itemId, yes ? 1 : 0, nowIso());
  }

  getOutcome(client: string): OutcomeSheet {
    const marks = this.st.outcomes.all(client) as { day: number; item_id: string; yes: number }[];
    const items: OutcomeRow[] = (this.st.outcomeItems.all() as { id: string; label_id: string; label_en: string; source: string }[])
      .map((o) => ({ id: o.id, label: { id: o.label_id, en: o.label_en }, source: o.source, days: OUTCOME_DAYS.map(() => null) }));
    for (const m of marks) {
      const row = items.find((i) => i.id === m.item_id);
      if (row) row.days[m.day - 1] = m.yes === 1;
    }
    return { client, items };
  }

  // --- calibration -----------------------------------------------------------------------------

  saveCalibration<T>(deviceId: number, data: T): CalibrationRecord<T> {
    const saved = nowIso();
    this.st.saveCal.run(deviceId, JSON.stringify(data), saved);
    return { device_id: deviceId, saved, data };
  }

  getCalibration<T = unknown>(deviceId: number): CalibrationRecord<T> | undefined {
    const row = this.st.cal.get(deviceId) as { device_id: number; data: string; saved: string } | undefined;
    return row ? { device_id: row.device_id, saved: row.saved, data: JSON.parse(row.data) as T } : undefined;
  }

  // --- helpers -----------------------------------------------------------------------------------

  private requireSession(sessionId: number): Session {
    const s = this.findSession(sessionId);
    if (!s) throw new StoreError(CLI.store_no_session, { session: sessionId, file: this.file });
    return s;
  }

  private requireTrainee(id: number): Trainee {
    const t = this.findTrainee(id);
    if (!t) throw new RosterError('unknown_trainee', ROSTER.no_trainee, { trainee: id }, 'id');
    return t;
  }

  /** A missing row: purged after its undo window (410 undo_expired) or never there (404). */
  private goneOrUnknown(kind: 'trainee' | 'session', id: number): never {
    if (this.st.wasPurged.get(kind, id)) {
      const what = kind === 'trainee' ? withWhat(ROSTER.undo_expired, ROSTER.what_trainee, { trainee: id })
        : withWhat(ROSTER.undo_expired, ROSTER.what_session, { session: id });
      throw new RosterError('undo_expired', what, { minutes: UNDO_MS / 60_000 }, 'id');
    }
    if (kind === 'trainee') throw new RosterError('unknown_trainee', ROSTER.no_trainee, { trainee: id }, 'id');
    throw new RosterError('unknown_session', ROSTER.no_session, { session: id }, 'id');
  }

  /** A NIM in its stored form (null for none), refused when malformed or used by another trainee. */
  private checkNim(nim: string | null | undefined, self: number | null, unique = true): string | null {
    if (nim === null || nim === undefined || nim.trim() === '') return null;
    const n = normalNim(nim);
    if (!validNim(n)) throw new RosterError('bad_nim', ROSTER.bad_nim, { nim: n.slice(0, 40) }, 'nim');
    const other = unique ? (this.st.traineeByNim.get(n) as Trainee | undefined) : undefined;
    if (other && other.id !== self) throw new RosterError('nim_exists', ROSTER.nim_exists, { nim: n, name: other.name, trainee: other.id }, 'nim');
    return n;
  }
}

/** `entry` with its {what} filled by `what` in the same language. */
function withWhat(entry: Entry, what: Entry, params: Record<string, string | number>): Entry {
  const w = both(what, params);
  return { id: entry.id.replace('{what}', w.id), en: entry.en.replace('{what}', w.en) };
}

export function emptyDocumentation(): Documentation {
  return { massage_at: null, duration_min: null, mother_response: null, milk_change: null, follow_up: null };
}

function migrate(db: Database, file: string, readOnly = false): void {
  const { appId, version, tables } = readIdentity(db);
  if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
    throw new StoreError(CLI.store_foreign, { file });
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreError(CLI.store_too_new, { file, found: version, known: SCHEMA_VERSION });
  }
  if (readOnly && version < SCHEMA_VERSION) {
    throw Object.assign(new Error('an older store on a read-only drive cannot be updated'), { code: 'SQLITE_READONLY' });
  }
  // Off while migrating (a pragma a transaction cannot change): rebuilding a table must not run
  // the ON DELETE actions of the rows that refer to it. openFile() turns them on again.
  if (version < SCHEMA_VERSION && !readOnly) db.pragma('foreign_keys = OFF');
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    db.transaction(() => {
      // Another process may have applied it between our read and our lock.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

function prepareAll(db: Database) {
  const insertChunk = db.prepare(
    'INSERT INTO frames (session_id, seq, t0_s, t1_s, frames, bytes) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const countChunk = db.prepare(
    `UPDATE sessions SET chunks = chunks + 1, bytes = bytes + ?, frames = frames + ?, recorded_s = max(recorded_s, ?),
       heartbeat = ? WHERE id = ?`,
  );
  const nextSeq = db.prepare('SELECT chunks FROM sessions WHERE id = ?').pluck() as Statement<[number], number | undefined>;
  const append = db.transaction((sessionId: number, bytes: Uint8Array, t0: number, t1: number, frames: number | null): number => {
    const seq = nextSeq.get(sessionId);
    if (seq === undefined) throw new Error(`session ${sessionId} does not exist`);
    insertChunk.run(sessionId, seq, t0, t1, frames, bytes);
    countChunk.run(bytes.length, frames ?? 0, t1, Date.now(), sessionId);
    return seq;
  });
  return {
    insertTrainee: db.prepare('INSERT INTO trainees (name, cohort, created, nim) VALUES (?, ?, ?, ?)'),
    traineesByName: db.prepare('SELECT * FROM trainees WHERE name = ? AND deleted_at IS NULL ORDER BY id'),
    traineeByNim: db.prepare('SELECT * FROM trainees WHERE nim = ? AND deleted_at IS NULL'),
    traineeAny: db.prepare('SELECT * FROM trainees WHERE id = ?'),
    deletedByNim: db.prepare('SELECT * FROM trainees WHERE nim = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC LIMIT 1'),
    trainees: db.prepare('SELECT * FROM trainees WHERE deleted_at IS NULL ORDER BY name, id'),
    traineesOfCohort: db.prepare('SELECT * FROM trainees WHERE cohort = ? AND deleted_at IS NULL ORDER BY name, id'),
    updateTrainee: db.prepare('UPDATE trainees SET nim = ?, name = ?, cohort = ? WHERE id = ?'),
    liveOfTrainee: db.prepare(`SELECT id FROM sessions WHERE trainee_id = ? AND status = 'live' AND deleted_at IS NULL LIMIT 1`),
    hideTrainee: db.prepare('UPDATE trainees SET deleted_at = ? WHERE id = ?'),
    showTrainee: db.prepare('UPDATE trainees SET deleted_at = NULL WHERE id = ?'),
    // A trainee's sessions are hidden with the same mark, so a restore brings back exactly those.
    hideSessionsOf: db.prepare('UPDATE sessions SET deleted_at = ? WHERE trainee_id = ? AND deleted_at IS NULL'),
    showSessionsOf: db.prepare('UPDATE sessions SET deleted_at = NULL WHERE trainee_id = ? AND deleted_at = ?'),
    hideSession: db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?'),
    showSession: db.prepare('UPDATE sessions SET deleted_at = NULL WHERE id = ?'),
    anyExpired: db.prepare(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM sessions WHERE deleted_at <= ?) OR EXISTS (SELECT 1 FROM trainees WHERE deleted_at <= ?)`,
    ),
    notePurgedSessions: db.prepare(
      `INSERT OR REPLACE INTO purged (kind, row_id, uuid, purged_at) SELECT 'session', id, uuid, ? FROM sessions WHERE deleted_at <= ?`,
    ),
    purgeSessions: db.prepare('DELETE FROM sessions WHERE deleted_at <= ?'),
    notePurgedTrainees: db.prepare(
      `INSERT OR REPLACE INTO purged (kind, row_id, uuid, purged_at) SELECT 'trainee', id, uuid, ? FROM trainees WHERE deleted_at <= ?`,
    ),
    purgeTrainees: db.prepare('DELETE FROM trainees WHERE deleted_at <= ?'),
    forgetPurged: db.prepare('DELETE FROM purged WHERE purged_at < ?'),
    wasPurged: db.prepare('SELECT 1 FROM purged WHERE kind = ? AND row_id = ?'),
    insertSession: db.prepare(
      `INSERT INTO sessions (id, trainee_id, profile, device_id, started, status, label, source, client, pid, host, heartbeat)
       VALUES ((SELECT MAX(last_id, COALESCE((SELECT MAX(id) FROM sessions), 0)) + 1 FROM id_marks WHERE kind = 'session'),
         @trainee_id, @profile, @device_id, @started, 'live', @label, @source, @client, @pid, @host, @heartbeat)`,
    ),
    session: db.prepare(`${SESSION_SELECT} WHERE s.id = ?`),
    sessions: db.prepare(
      `${SESSION_SELECT} WHERE s.deleted_at IS NULL AND (@trainee IS NULL OR t.name = @trainee) AND (@status IS NULL OR s.status = @status)
       ORDER BY s.started, s.id`,
    ),
    liveSessions: db.prepare(`SELECT id, pid, host, heartbeat FROM sessions WHERE status = 'live'`),
    heartbeat: db.prepare('UPDATE sessions SET heartbeat = ? WHERE id = ?'),
    setDevice: db.prepare('UPDATE sessions SET device_id = ? WHERE id = ?'),
    setLabel: db.prepare('UPDATE sessions SET label = ? WHERE id = ?'),
    setTrainee: db.prepare('UPDATE sessions SET trainee_id = ? WHERE id = ?'),
    setClient: db.prepare('UPDATE sessions SET client = ? WHERE id = ?'),
    finish: db.prepare('UPDATE sessions SET status = ?, ended = ? WHERE id = ?'),
    // An interrupted session ended at its owner's last sign of life.
    interrupt: db.prepare(
      `UPDATE sessions SET status = 'interrupted',
         ended = coalesce(ended, strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(heartbeat, 0) / 1000.0, 'unixepoch'))
       WHERE id = ? AND status = 'live'`,
    ),
    append,
    chunks: db.prepare('SELECT seq, t0_s, t1_s, frames, bytes FROM frames WHERE session_id = ? ORDER BY seq'),
    saveScore: db.prepare(
      `INSERT INTO scores (session_id, profile, total, verdict, report, scored) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(session_id) DO UPDATE SET profile = excluded.profile, total = excluded.total,
         verdict = excluded.verdict, report = excluded.report, scored = excluded.scored`,
    ),
    score: db.prepare('SELECT report FROM scores WHERE session_id = ?'),
    setCheck: db.prepare(
      `INSERT INTO checklist (session_id, item_id, done, updated) VALUES (?, ?, ?, ?)
       ON CONFLICT(session_id, item_id) DO UPDATE SET done = excluded.done, updated = excluded.updated`,
    ),
    clearCheck: db.prepare('DELETE FROM checklist WHERE session_id = ? AND item_id = ?'),
    checklist: db.prepare(
      `SELECT i.id, i.phase, i.label_id, i.label_en, i.source, c.done FROM checklist_items i
       LEFT JOIN checklist c ON c.item_id = i.id AND c.session_id = ? ORDER BY i.position`,
    ),
    setDoc: db.prepare(
      `INSERT INTO documentation (session_id, massage_at, duration_min, mother_response, milk_change, follow_up, updated)
       VALUES (@session_id, @massage_at, @duration_min, @mother_response, @milk_change, @follow_up, @updated)
       ON CONFLICT(session_id) DO UPDATE SET massage_at = excluded.massage_at, duration_min = excluded.duration_min,
         mother_response = excluded.mother_response, milk_change = excluded.milk_change,
         follow_up = excluded.follow_up, updated = excluded.updated`,
    ),
    doc: db.prepare('SELECT * FROM documentation WHERE session_id = ?'),
    setOutcome: db.prepare(
      `INSERT INTO outcomes (client, day, item_id, yes, updated) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(client, day, item_id) DO UPDATE SET yes = excluded.yes, updated = excluded.updated`,
    ),
    clearOutcome: db.prepare('DELETE FROM outcomes WHERE client = ? AND day = ? AND item_id = ?'),
    outcomes: db.prepare('SELECT day, item_id, yes FROM outcomes WHERE client = ?'),
    outcomeItems: db.prepare('SELECT * FROM outcome_items ORDER BY position'),
    saveCal: db.prepare(
      `INSERT INTO calibration (device_id, data, saved) VALUES (?, ?, ?)
       ON CONFLICT(device_id) DO UPDATE SET data = excluded.data, saved = excluded.saved`,
    ),
    cal: db.prepare('SELECT * FROM calibration WHERE device_id = ?'),
  };
}
