// The class server's roster routes (host/server/API.md) as the pages call them: trainees,
// their import from a CSV, correcting and deleting sessions, undo. Every failure becomes an
// ApiError carrying the server's bilingual message (or one of ours when the server is gone).
import type { Entry } from '../../../shared/i18n/index';
import { both } from '../../../shared/i18n/index';
import { rosterStrings } from '../../../shared/i18n/web-roster';
import type { GloveInfo, SessionInfo, TraineeInfo } from '../../../shared/live-messages';

/** A trainee as the roster routes answer (with the NIM, '' when none). */
export type Trainee = TraineeInfo;
export type Session = SessionInfo & { status?: string; score_total?: number | null; verdict?: string | null };
export interface TraineeDraft {
  nim?: string;
  name: string;
  cohort?: string;
}
export interface Deleted {
  kind: 'trainee' | 'session';
  id: number;
  /** When the undo window closes, as this page's clock reads it (ms since the epoch). */
  until: number;
}
export interface ImportResult {
  created: number | unknown[];
  updated: number | unknown[];
  unchanged: number | unknown[];
  errors: { line: number; field?: string; message: Entry }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly entry: Entry,
  ) {
    super(entry.en);
  }
}

async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ body: T; res: Response }> {
  const init: RequestInit = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': contentType };
    init.body = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
  } else if (method !== 'GET') {
    // A change without a body still says it is JSON: the server refuses "simple" requests (API.md).
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = '{}';
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'offline', both(rosterStrings.offline, { reason: e instanceof Error ? e.message : String(e) }));
  }
  if (!res.ok) {
    let err: { code?: string; id?: string; en?: string } | undefined;
    try {
      err = ((await res.json()) as { error?: typeof err }).error;
    } catch {
      // not JSON: the status says it
    }
    const entry = err?.id && err.en ? { id: err.id, en: err.en } : { id: `HTTP ${res.status}`, en: `HTTP ${res.status}` };
    throw new ApiError(res.status, err?.code ?? String(res.status), entry);
  }
  return { body: (await res.json()) as T, res };
}

/** The server keeps a deleted trainee or session this long (the roster contract). */
export const UNDO_MINUTES = 10;

/**
 * The undo deadline on this page's clock (a tablet's clock may be off): the server's
 * `undo_until` less the server's Date header, which has whole seconds, so at most the window.
 */
function deadline(undoUntil: number | string, res: Response): number {
  return undoDeadline(undoUntil, res.headers.get('Date'), Date.now());
}

export function undoDeadline(undoUntil: number | string, serverDate: string | null, now: number): number {
  const until = typeof undoUntil === 'number' ? undoUntil : Date.parse(undoUntil);
  const serverNow = Date.parse(serverDate ?? '');
  const left = until - (Number.isFinite(serverNow) ? serverNow : now);
  return now + Math.min(UNDO_MINUTES * 60_000, Math.max(0, Number.isFinite(left) ? left : 0));
}

const API = '/api';

export async function listTrainees(filter: { cohort?: string; q?: string } = {}): Promise<Trainee[]> {
  const p = new URLSearchParams();
  if (filter.cohort !== undefined) p.set('cohort', filter.cohort);
  if (filter.q) p.set('q', filter.q);
  const qs = p.toString();
  const list = (await call<{ trainees: Trainee[] }>('GET', `${API}/trainees${qs ? `?${qs}` : ''}`)).body.trainees;
  return list.map((t) => ({ ...t, nim: t.nim ?? '' }));
}

export async function createTrainee(d: TraineeDraft): Promise<Trainee> {
  return (await call<{ trainee: Trainee }>('POST', `${API}/trainees`, clean(d))).body.trainee;
}

export async function updateTrainee(id: number, d: Partial<TraineeDraft>): Promise<Trainee> {
  return (await call<{ trainee: Trainee }>('PATCH', `${API}/trainees/${id}`, d)).body.trainee;
}

export async function deleteTrainee(id: number): Promise<Deleted> {
  const { body, res } = await call<{ deleted: { kind: 'trainee'; id: number; undo_until: number | string } }>('DELETE', `${API}/trainees/${id}`);
  return { kind: 'trainee', id: body.deleted.id, until: deadline(body.deleted.undo_until, res) };
}

export async function restoreTrainee(id: number): Promise<Trainee> {
  return (await call<{ trainee: Trainee }>('POST', `${API}/trainees/${id}/restore`)).body.trainee;
}

/** The CSV as the school's spreadsheet wrote it (bytes: the server reads the BOM and separator). */
export async function importTrainees(csv: Blob, opts: { dryRun: boolean; skipBad: boolean }): Promise<ImportResult> {
  const p = new URLSearchParams();
  if (opts.dryRun) p.set('dry_run', '1');
  if (opts.skipBad) p.set('skip_bad', '1');
  return (await call<ImportResult>('POST', `${API}/trainees/import?${p}`, csv, 'text/csv')).body;
}

export async function listSessions(): Promise<Session[]> {
  return (await call<{ sessions: Session[] }>('GET', `${API}/sessions`)).body.sessions;
}

export async function updateSession(id: number, change: { trainee_id?: number | null; label?: string }): Promise<Session> {
  return (await call<{ session: Session }>('PATCH', `${API}/sessions/${id}`, change)).body.session;
}

export async function deleteSession(id: number): Promise<Deleted> {
  const { body, res } = await call<{ deleted: { kind: 'session'; id: number; undo_until: number | string } }>('DELETE', `${API}/sessions/${id}`);
  return { kind: 'session', id: body.deleted.id, until: deadline(body.deleted.undo_until, res) };
}

export async function restoreSession(id: number): Promise<Session> {
  return (await call<{ session: Session }>('POST', `${API}/sessions/${id}/restore`)).body.session;
}

/** Assigns a glove's next sessions to a roster trainee, a new one, or nobody. */
export async function setGloveTrainee(glove: string, who: { trainee_id: number | null } | TraineeDraft): Promise<GloveInfo> {
  const body = 'trainee_id' in who ? who : clean(who);
  return (await call<{ glove: GloveInfo }>('PUT', `${API}/gloves/${encodeURIComponent(glove)}/trainee`, body)).body.glove;
}

/** Leaves out empty optional fields (no NIM is no NIM, not ''). */
function clean(d: TraineeDraft): TraineeDraft {
  const out: TraineeDraft = { name: d.name.trim() };
  if (d.nim?.trim()) out.nim = d.nim.trim();
  if (d.cohort?.trim()) out.cohort = d.cohort.trim();
  return out;
}

/** How many an import answer counts (the server may list the rows or give the number). */
export function countOf(x: number | unknown[]): number {
  return Array.isArray(x) ? x.length : x;
}

/** "Siti Aminah · 2021001 · Kelompok A": what tells two trainees of the same name apart. */
export function traineeLine(t: { name: string; nim?: string; cohort: string }): string {
  return [t.name, t.nim ?? '', t.cohort].filter((x) => x !== '').join(' · ');
}

/** Text as a search compares it: any case, any accents (as the server's `?q=`). */
function fold(x: string): string {
  return x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Whether a trainee matches what was typed: part of the name or of the NIM. */
export function matches(t: Trainee, q: string): boolean {
  const s = fold(q);
  if (s === '') return true;
  return fold(t.name).includes(s) || fold(t.nim).includes(s);
}

/** Best first: NIM starting with the text, then name starting with it, then the rest by name. */
export function rank(list: Trainee[], q: string): Trainee[] {
  const s = fold(q);
  const score = (t: Trainee): number =>
    s === '' ? 2 : fold(t.nim).startsWith(s) ? 0 : fold(t.name).startsWith(s) || fold(t.name).includes(` ${s}`) ? 1 : 2;
  return list
    .filter((t) => matches(t, s))
    .sort((a, b) => score(a) - score(b) || a.name.localeCompare(b.name) || a.nim.localeCompare(b.nim));
}
