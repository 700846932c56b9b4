// Errors the store raises for things a user can fix (a wrong file, an unknown session, a
// read-only or full disk, a locked file, a broken native module). They carry an i18n entry so
// every front end can say it in the user's language; `message` is the English text for logs.
// `diagnose` turns whatever SQLite, the file system or the module loader threw into the true
// reason, so that a healthy file is never called damaged.
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalizedError, type Entry } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { STORE } from '../../shared/i18n/store';

export class StoreError extends LocalizedError {
  /** Set by diagnose(): what kind of fault this is. */
  fault?: StoreFault;
}

/** Why a store operation failed, as far as the user is concerned. */
export type StoreFault = 'full' | 'read_only' | 'locked' | 'io' | 'native_missing' | 'native_mismatch' | 'not_sqlite' | 'other';

function codeOf(err: unknown): string {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : '';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function notWritable(path: string): string | null {
  try {
    accessSync(path, constants.W_OK);
    return null;
  } catch (err) {
    const c = codeOf(err);
    return c === 'ENOENT' ? null : c || messageOf(err);
  }
}

/** Less than 64 KiB free for an unprivileged writer on the file system of `path` (or its folder). */
function diskFull(path: string): boolean {
  for (const p of [path, dirname(path)]) {
    try {
      const st = statfsSync(p);
      return st.bavail * st.bsize < 65536;
    } catch {
      // try the folder
    }
  }
  return false;
}

/** Classifies an error thrown by better-sqlite3, node:fs or the module loader. */
export function faultOf(err: unknown, paths: string[] = []): StoreFault {
  const code = codeOf(err);
  const msg = messageOf(err);
  if (/NODE_MODULE_VERSION|compiled against a different Node|invalid ELF header|wrong ELF class|was compiled against/i.test(msg)) {
    return 'native_mismatch';
  }
  if (code === 'ERR_DLOPEN_FAILED') return 'native_mismatch';
  if ((code === 'MODULE_NOT_FOUND' && /better-sqlite3|better_sqlite3/.test(msg)) || /Could not locate the bindings file/.test(msg)) {
    return 'native_missing';
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || (code === 'SQLITE_IOERR_WRITE' && /disk is full/.test(msg))) return 'full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'not_sqlite';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code.startsWith('E')) {
    // A read-only mount or folder shows up as "cannot open" or an I/O error: ask the file system.
    for (const p of paths) if (notWritable(p)) return 'read_only';
    // SQLite reports a full disk met while growing its -shm file as an I/O error.
    for (const p of paths) if (diskFull(p)) return 'full';
    return code.startsWith('SQLITE_IOERR') ? 'io' : 'other';
  }
  return 'other';
}

/** The StoreError that says what went wrong opening or writing `file` (in `dir`) and what to do. */
export function diagnose(err: unknown, file: string, dir: string): StoreError {
  if (err instanceof StoreError) return err;
  const fault = faultOf(err, [dir, file]);
  const code = codeOf(err);
  const reason = code ? `${code}: ${messageOf(err)}` : messageOf(err);
  const entry: Entry = {
    full: STORE.full, read_only: STORE.read_only, locked: STORE.locked, io: STORE.cannot_open,
    native_missing: STORE.native_missing, native_mismatch: STORE.native_mismatch,
    not_sqlite: CLI.store_not_sqlite, other: STORE.cannot_open,
  }[fault];
  const e = new StoreError(entry, { file, dir, reason, node: process.versions.node }, fault === 'other' || fault === 'io' ? 1 : 2);
  e.fault = fault;
  return e;
}

/** The short "why" and "fix" of a fault, for the recorder's messages. */
export function faultWords(fault: StoreFault): { why: Entry; fix: Entry } {
  switch (fault) {
    case 'full': return { why: STORE.why_full, fix: STORE.fix_full };
    case 'read_only': return { why: STORE.why_read_only, fix: STORE.fix_read_only };
    case 'locked': return { why: STORE.why_locked, fix: STORE.fix_locked };
    case 'io': return { why: STORE.why_io, fix: STORE.fix_io };
    default: return { why: STORE.why_other, fix: STORE.fix_other };
  }
}

/** What a roster change (trainee or session: add, edit, delete, restore) was refused for. */
export type RosterCode =
  | 'nim_exists' | 'bad_nim' | 'unknown_trainee' | 'unknown_session' | 'name_ambiguous' | 'nim_needs_name'
  | 'trainee_live' | 'trainee_on_glove' | 'session_live' | 'undo_expired' | 'not_deleted' | 'trainee_deleted';

/** A roster change the store refuses; `code` lets the class server answer the right status. */
export class RosterError extends StoreError {
  constructor(
    readonly code: RosterCode,
    entry: Entry,
    params: Record<string, string | number> = {},
    /** The input at fault (nim, name, id, ...). */
    readonly field?: string,
  ) {
    super(entry, params);
  }
}
