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
import { HttpError, SECURITY_HEADERS, httpError, publicParams, readJson, sendJson, sendJsonText, sendText, validate } from './http-util';
import { Classroom, CommandError, traineeInfo } from './classroom';
import { cohortCsv } from './export';
import { ExportsBusy, type ExportPool } from './export-pool';
import { textFields } from '../../shared/live-messages';
import { StoreError, STORE_FILE, type Session } from '../store/index';

// The same text rules as the WebSocket (shared/live-messages.ts): trimmed, no control or bidi
// characters, not invisible only.
const { Name, Cohort, Label } = textFields();

const TraineeBody = z.object({ name: Name, cohort: Cohort.optional() }).strict();
const StartBody = z
  .object({ glove: z.string().min(1).max(128), label: Label.optional(), trainee_id: z.number().int().positive().optional() })
  .strict();
const LabelBody = z.object({ label: Label }).strict();
const TickBody = z.object({ checked: z.boolean() }).strict();
const GloveTraineeBody = z.union([
  z.object({ trainee_id: z.number().int().positive() }).strict(),
  z.object({ trainee_id: z.null() }).strict(),
  z.object({ name: Name, cohort: Cohort.optional() }).strict(),
]);
/** Every request body the API validates, by name (tests check each one's error messages). */
export const API_BODIES = { TraineeBody, StartBody, LabelBody, TickBody, GloveTraineeBody };
/** An id in a path: plain decimal digits only ('1e3', '0x10', '1.0', '007' are refused). */
const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .meta({ pijat_expect: 'id' })
  .transform(Number);
const SessionQuery = z.object({
  trainee: z.string().max(120).optional(),
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

/** Turns the classroom's and the store's errors into HTTP errors. */
function wrap(fn: (ctx: RouteContext) => Promise<void> | void) {
  return async (ctx: RouteContext): Promise<void> => {
    try {
      await fn(ctx);
    } catch (e) {
      if (e instanceof CommandError) throw new HttpError(e.status, e.code, e.text, e.field);
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
  if (/^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''))) return;
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
      const who = 'name' in body ? { name: body.name, cohort: body.cohort } : body.trainee_id === null ? null : { id: body.trainee_id };
      sendJson(res, 200, { glove: room.setTrainee(params.id!, who) });
    }),
  );

  r.add('GET', '/api/checklist', ({ res }) => sendJson(res, 200, { items: CHECKLIST_ITEMS, phases: CHECKLIST_PHASES }));

  r.add(
    'GET',
    '/api/trainees',
    wrap((ctx) => {
      const q = validate(z.object({ cohort: z.string().max(120).optional() }), query(ctx), 'query');
      sendJson(ctx.res, 200, { trainees: store.listTrainees(q.cohort).map(traineeInfo) });
    }),
  );

  r.add(
    'POST',
    '/api/trainees',
    wrap(async ({ req, res }) => {
      const body = await readJson(req, TraineeBody);
      if (store.getTrainee(body.name)) {
        throw httpError(409, 'trainee_exists', { name: body.name }, 'name');
      }
      sendJson(res, 201, { trainee: traineeInfo(store.createTrainee(body.name, body.cohort ? body.cohort : null)) });
    }),
  );

  r.add(
    'GET',
    '/api/sessions',
    wrap((ctx) => {
      const q = validate(SessionQuery, query(ctx), 'query');
      const rows = store
        .listSessions(q.trainee !== undefined ? { trainee: q.trainee } : {})
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
      const body = await readJson(ctx.req, LabelBody);
      sendJson(ctx.res, 200, { session: room.label(id, body.label) });
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
