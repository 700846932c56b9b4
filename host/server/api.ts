// The REST API (host/server/API.md). Inputs are validated with zod; errors answer 4xx with both
// languages and the field at fault.
import { csvDialect } from '../../shared/csv-text';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { lastSynced } from '../central/local';
import { both } from '../../shared/i18n/index';
import { serverErrors } from '../../shared/i18n/web-class';
import { CHECKLIST_ITEMS, CHECKLIST_PHASES } from '../../shared/i18n/sop';
import { Router, type RouteContext } from './router';
import { HttpError, SECURITY_HEADERS, httpError, publicParams, readBody, readJson, sendJson, sendJsonText, sendText, validate } from './http-util';
import { ROSTER } from '../../shared/i18n/roster';
import type { Entry } from '../../shared/i18n/index';
import { parseRoster, RosterFileError } from '../../shared/roster-csv';
import { Classroom, CommandError, traineeInfo } from './classroom';
import { cohortCsv } from './export';
import { ExportsBusy, type ExportPool } from './export-pool';
import { textFields } from '../../shared/live-messages';
import { RosterError, StoreError, STORE_FILE, type RosterCode, type Session } from '../store/index';

// The same text rules as the WebSocket (shared/live-messages.ts): trimmed, no control or bidi
// characters, not invisible only.
const { Name, Cohort, Label, Nim } = textFields();

const TraineeBody = z.object({ nim: Nim.optional(), name: Name, cohort: Cohort.optional() }).strict();
const TraineePatch = z.object({ nim: Nim.optional(), name: Name.optional(), cohort: Cohort.optional() }).strict();
const SessionPatch = z
  .object({ trainee_id: z.union([z.number().int().positive(), z.null()]).optional(), label: Label.optional() })
  .strict();
const StartBody = z
  .object({ glove: z.string().min(1).max(128), label: Label.optional(), trainee_id: z.number().int().positive().optional() })
  .strict();
const TickBody = z.object({ checked: z.boolean() }).strict();
const GloveTraineeBody = z.union([
  z.object({ trainee_id: z.number().int().positive() }).strict(),
  z.object({ trainee_id: z.null() }).strict(),
  z.object({ name: Name, cohort: Cohort.optional(), nim: Nim.optional() }).strict(),
]);
/** PATCH /api/sessions/:id once took only a label; it is the session patch now. */
const LabelBody = SessionPatch;
/** Every request body the API validates, by name (tests check each one's error messages). */
export const API_BODIES = { TraineeBody, TraineePatch, StartBody, LabelBody, SessionPatch, TickBody, GloveTraineeBody };
/** A roster file sent to POST /api/trainees/import. */
export const MAX_ROSTER_BYTES = 1024 * 1024;
/** An id in a path: plain decimal digits only ('1e3', '0x10', '1.0', '007' are refused). */
const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .meta({ pijat_expect: 'id' })
  .transform(Number);
const TraineeQuery = z.object({ cohort: z.string().max(120).optional(), q: z.string().max(120).optional() });
const ImportQuery = z.object({ dry_run: z.enum(['0', '1']).optional(), skip_bad: z.enum(['0', '1']).optional() });
const SessionQuery = z.object({
  trainee: z.string().max(120).optional(),
  trainee_id: IdParam.optional(),
  cohort: z.string().max(120).optional(),
  glove: z.string().max(128).optional(),
  label: z.string().max(200).optional(),
});

function query(ctx: RouteContext): Record<string, string> {
  return Object.fromEntries(ctx.url.searchParams.entries());
}

function sessionId(ctx: RouteContext): number {
  return validate(IdParam, ctx.params.id, 'id');
}

/** HTTP status of each roster refusal (host/store RosterError). */
const ROSTER_STATUS: Record<RosterCode, number> = {
  nim_exists: 409, bad_nim: 400, unknown_trainee: 404, unknown_session: 404, name_ambiguous: 409, nim_needs_name: 400,
  trainee_live: 409, trainee_on_glove: 409, session_live: 409, undo_expired: 410, not_deleted: 409, trainee_deleted: 409,
};

/** A roster file's own errors (not UTF-8, no title line, ...): 400 on the field "file". */
function rosterFileError(entry: Entry, params?: Record<string, string | number>): HttpError {
  return new HttpError(400, 'bad_csv', both(entry, params), 'file');
}

/** The body of POST /api/trainees/import: CSV text (text/csv), UTF-8 with or without a byte-order mark. */
async function readCsv(req: IncomingMessage): Promise<string> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^text\/csv\b/i.test(type)) throw new HttpError(415, 'csv_only', both(ROSTER.csv_only, { type: type || '(none)' }));
  const raw = await readBody(req, MAX_ROSTER_BYTES);
  if (raw.length === 0) throw rosterFileError(ROSTER.csv_empty);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw rosterFileError(ROSTER.csv_not_utf8);
  }
}

/** Turns the classroom's and the store's errors into HTTP errors. */
function wrap(fn: (ctx: RouteContext) => Promise<void> | void) {
  return async (ctx: RouteContext): Promise<void> => {
    try {
      await fn(ctx);
    } catch (e) {
      if (e instanceof CommandError) throw new HttpError(e.status, e.code, e.text, e.field);
      if (e instanceof RosterError) {
        throw new HttpError(ROSTER_STATUS[e.code], e.code, both(e.entry, publicParams(e.params, STORE_FILE)), e.field);
      }
      if (e instanceof RosterFileError) throw rosterFileError(e.entry, e.params);
      if (e instanceof StoreError) throw new HttpError(400, 'store', both(e.entry, publicParams(e.params, STORE_FILE)));
      if (e instanceof ExportsBusy) {
        throw new HttpError(503, 'exports_busy', both(serverErrors.exports_busy, { n: e.waiting }), undefined, { 'Retry-After': '5' });
      }
      throw e;
    }
  };
}

/**
 * A request that changes something must be one a page on another site cannot send without a
 * CORS preflight (JSON), or carry the token itself (Authorization). Together with the Origin
 * check (index.ts) this keeps `POST /stop` with a text/plain body and no Origin out.
 */
function notSimple(req: IncomingMessage): void {
  // text/csv (a roster import) is no "simple" type either: a browser asks before sending it.
  if (/^(application\/json|text\/csv)\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''))) return;
  if (String(req.headers.authorization ?? '').length > 0) return;
  throw httpError(415, 'not_simple');
}

export function apiRoutes(room: Classroom, exports: ExportPool): Router {
  const r = new Router(notSimple);
  const { store } = room;
  const sessionView = (s: Session) => ({
    session: { ...room.sessionInfo(s), status: s.status },
    report: store.getReport(s.id) ?? null,
    checklist: { items: CHECKLIST_ITEMS, ticked: room.ticked(s.id) },
  });

  r.add('GET', '/api/gloves', wrap(({ res }) => sendJson(res, 200, { gloves: room.list() })));

  // When this lab last sent its sessions to a central database (docs/CENTRAL.md), for the class view.
  r.add('GET', '/api/sync', wrap(({ res }) => {
    const last = lastSynced(store);
    sendJson(res, 200, { synced: last?.synced ?? null, central: last ? last.target.split('|')[0] : null });
  }));

  r.add(
    'PUT',
    '/api/gloves/:id/trainee',
    wrap(async ({ req, res, params }) => {
      const body = await readJson(req, GloveTraineeBody);
      const who = 'name' in body ? { name: body.name, cohort: body.cohort, nim: body.nim } : body.trainee_id === null ? null : { id: body.trainee_id };
      sendJson(res, 200, { glove: room.setTrainee(params.id!, who) });
    }),
  );

  r.add('GET', '/api/checklist', ({ res }) => sendJson(res, 200, { items: CHECKLIST_ITEMS, phases: CHECKLIST_PHASES }));

  r.add(
    'GET',
    '/api/trainees',
    wrap((ctx) => {
      const q = validate(TraineeQuery, query(ctx), 'query');
      sendJson(ctx.res, 200, { trainees: store.searchTrainees(q).map(traineeInfo) });
    }),
  );

  r.add(
    'POST',
    '/api/trainees',
    wrap(async ({ req, res }) => {
      const body = await readJson(req, TraineeBody);
      sendJson(res, 201, { trainee: traineeInfo(store.createTrainee(body.name, body.cohort ? body.cohort : null, body.nim || null)) });
    }),
  );

  r.add(
    'POST',
    '/api/trainees/import',
    wrap(async (ctx) => {
      const q = validate(ImportQuery, query(ctx), 'query');
      const parsed = parseRoster(await readCsv(ctx.req));
      const result = store.importRoster(parsed.rows, { dryRun: q.dry_run === '1', skipBad: q.skip_bad === '1', bad: parsed.errors.length });
      sendJson(ctx.res, 200, { ...result, errors: parsed.errors });
    }),
  );

  r.add(
    'PATCH',
    '/api/trainees/:id',
    wrap(async (ctx) => {
      const id = validate(IdParam, ctx.params.id, 'id');
      room.traineeById(id, 'id');
      const body = await readJson(ctx.req, TraineePatch);
      sendJson(ctx.res, 200, { trainee: room.editTrainee(id, body) });
    }),
  );

  r.add(
    'DELETE',
    '/api/trainees/:id',
    wrap((ctx) => {
      sendJson(ctx.res, 200, { deleted: room.deleteTrainee(validate(IdParam, ctx.params.id, 'id')) });
    }),
  );

  r.add(
    'POST',
    '/api/trainees/:id/restore',
    wrap((ctx) => {
      sendJson(ctx.res, 200, { trainee: room.restoreTrainee(validate(IdParam, ctx.params.id, 'id')) });
    }),
  );

  r.add(
    'GET',
    '/api/sessions',
    wrap((ctx) => {
      const q = validate(SessionQuery, query(ctx), 'query');
      const rows = store
        .listSessions(q.trainee !== undefined ? { trainee: q.trainee } : {})
        .filter((s) => q.trainee_id === undefined || s.trainee_id === q.trainee_id)
        .filter((s) => q.cohort === undefined || (s.cohort ?? '') === q.cohort)
        .filter((s) => q.label === undefined || (s.label ?? '') === q.label)
        .map((s) => ({ ...room.sessionInfo(s), status: s.status, score_total: s.total, verdict: s.verdict }))
        .filter((s) => q.glove === undefined || s.glove === q.glove);
      sendJson(ctx.res, 200, { sessions: rows });
    }),
  );

  r.add(
    'POST',
    '/api/sessions',
    wrap(async ({ req, res }) => {
      const body = await readJson(req, StartBody);
      sendJson(res, 201, { session: room.start(body.glove, { label: body.label, trainee_id: body.trainee_id }) });
    }),
  );

  r.add(
    'GET',
    '/api/sessions/:id',
    wrap((ctx) => {
      sendJson(ctx.res, 200, sessionView(room.session(sessionId(ctx), 'id')));
    }),
  );

  r.add(
    'PATCH',
    '/api/sessions/:id',
    wrap(async (ctx) => {
      const id = sessionId(ctx);
      room.session(id, 'id');
      const body = await readJson(ctx.req, SessionPatch);
      sendJson(ctx.res, 200, { session: room.editSession(id, body) });
    }),
  );

  r.add(
    'DELETE',
    '/api/sessions/:id',
    wrap((ctx) => {
      sendJson(ctx.res, 200, { deleted: room.deleteSession(sessionId(ctx)) });
    }),
  );

  r.add(
    'POST',
    '/api/sessions/:id/restore',
    wrap((ctx) => {
      sendJson(ctx.res, 200, { session: room.restoreSession(sessionId(ctx)) });
    }),
  );

  r.add(
    'POST',
    '/api/sessions/:id/stop',
    wrap((ctx) => {
      const s = room.session(sessionId(ctx), 'id');
      const info = room.sessionInfo(s);
      const g = room.gloves.get(info.glove);
      if (!g || g.session?.id !== s.id || s.status !== 'live') {
        throw httpError(409, 'session_not_running', { session: s.id }, 'id');
      }
      sendJson(ctx.res, 200, room.stop(g.id));
    }),
  );

  r.add(
    'PUT',
    '/api/sessions/:id/checklist/:item',
    wrap(async (ctx) => {
      const id = sessionId(ctx);
      room.session(id, 'id');
      const body = await readJson(ctx.req, TickBody);
      sendJson(ctx.res, 200, { ticked: room.tick_(id, ctx.params.item!, body.checked) });
    }),
  );

  r.add(
    'GET',
    '/api/sessions/:id/report',
    wrap(async (ctx) => {
      const id = sessionId(ctx);
      const s = room.session(id, 'id');
      // Replayed in a worker; a finished session's series is cached by its stored size.
      const series = await exports.series(s.id, s.status === 'live' ? undefined : `${s.id}:${s.bytes}:${s.status}`);
      const view = JSON.stringify(sessionView(room.session(id, 'id')));
      sendJsonText(ctx.res, 200, `${view.slice(0, -1)},"series":${series}}`);
    }),
  );

  r.add(
    'GET',
    '/api/sessions/:id/csv',
    wrap(async (ctx) => {
      const s = room.session(sessionId(ctx), 'id');
      if (!exports.hasRoom()) throw new ExportsBusy(exports.waiting);
      // Streamed from a worker as the client reads it: never built whole in memory.
      ctx.res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="pijat-session-${s.id}.csv"`,
      });
      if (ctx.req.method === 'HEAD') {
        ctx.res.end();
        return;
      }
      await exports.csv(s.id, ctx.res);
      ctx.res.end();
    }),
  );

  r.add(
    'GET',
    '/api/cohorts/:cohort/csv',
    wrap((ctx) => {
      const cohort = validate(z.string().max(120), ctx.params.cohort, 'cohort');
      const sessions = store.listSessions().filter((s) => (s.cohort ?? '') === cohort);
      if (sessions.length === 0) throw httpError(404, 'unknown_cohort', { cohort }, 'cohort');
      const safe = cohort.replace(/[^A-Za-z0-9_-]+/g, '_') || 'cohort';
      // ?dialect=excel-id: semicolons and decimal commas, as Excel set to Indonesian reads CSV.
      const q = validate(z.object({ dialect: z.enum(['standard', 'excel-id']).optional() }), query(ctx), 'query');
      const dialect = csvDialect(q.dialect);
      // A byte-order mark tells Excel the file is UTF-8 (names with accents).
      sendText(ctx.res, 200, 'text/csv; charset=utf-8', `${q.dialect === 'excel-id' ? '\ufeff' : ''}${cohortCsv(store, sessions, dialect)}`, {
        'Content-Disposition': `attachment; filename="pijat-cohort-${safe}${q.dialect === 'excel-id' ? '-excel' : ''}.csv"`,
      });
    }),
  );

  return r;
}
