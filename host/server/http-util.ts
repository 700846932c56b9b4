// Small helpers for node:http: JSON replies, bilingual errors, bounded body reading.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType } from 'zod';
import type { Entry } from '../../shared/i18n/index';
import { both } from '../../shared/i18n/index';
import { serverErrors as E } from '../../shared/i18n/web-class';
import { explainIssues } from './validation-message';

/** Largest request body the API accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

/** An error with its HTTP status and a message in both languages. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Entry,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(text.en);
  }
}

export function httpError(
  status: number,
  code: keyof typeof E,
  params?: Record<string, string | number>,
  field?: string,
): HttpError {
  return new HttpError(status, code, both(E[code], params), field);
}

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** A reply whose JSON text is already made (large parts built elsewhere). */
export function sendJsonText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** `{ error: { code, id, en, field? } }` with the error's status. */
export function sendError(res: ServerResponse, err: HttpError): void {
  const body: { error: { code: string; id: string; en: string; field?: string } } = {
    error: { code: err.code, id: err.text.id, en: err.text.en },
  };
  if (err.field !== undefined) body.error.field = err.field;
  sendJson(res, err.status, body, err.headers);
}

/**
 * Reads the whole body; 413 past `limit` bytes (checked on Content-Length first, then as it
 * streams). After a 413 nothing more is read: the error carries `Connection: close` and the
 * server closes the connection once the answer is out (`closeAfter`).
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): HttpError => {
      req.pause();
      const e = httpError(413, 'body_too_large', { limit });
      return new HttpError(e.status, e.code, e.text, undefined, { Connection: 'close' });
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (c: Buffer): void => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        req.off('data', onData);
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (e) => {
      if (!done) {
        done = true;
        reject(e);
      }
    });
  });
}

/**
 * For an answer that must end the connection (a 413 whose body was not read): once the answer
 * is written the socket is half-closed and nothing more is read from it; it is destroyed a
 * moment later so a client that keeps sending cannot hold it.
 */
export function closeAfter(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  socket.pause();
  res.once('finish', () => {
    socket.pause();
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}

/** A store error's parameters without paths: the store file by its name only, folders as '…'. */
export function publicParams(params: Record<string, string | number>, storeFileName: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (k === 'file') out[k] = storeFileName;
    else if (k === 'dir') out[k] = '…';
    else out[k] = typeof v === 'string' ? redactPaths(v, null) : v;
  }
  return out;
}

/** Replaces the data folder, and any other absolute path, in a text an error reply carries. */
export function redactPaths(text: string, dataDir: string | null): string {
  let out = dataDir ? text.split(dataDir).join('…') : text;
  out = out.replace(/(?:[A-Za-z]:\\|\\\\|\/)(?:[^\s"'`,;:()<>|\\/]+[\\/])+[^\s"'`,;:()<>|]*/g, '…');
  return out;
}

/** Reads a JSON body and validates it; 415/400 name what is wrong and where. */
export async function readJson<T>(req: IncomingMessage, schema: ZodType<T>): Promise<T> {
  const type = String(req.headers['content-type'] ?? '');
  const raw = await readBody(req);
  if (raw.length === 0) throw httpError(400, 'body_missing');
  // Required, not assumed: a page on another site can send a body without a Content-Type
  // without asking first (no CORS preflight), but not one labelled application/json.
  if (!/^application\/json\b/i.test(type)) throw httpError(415, 'json_only', { type: type || '(none)' });
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw httpError(400, 'bad_json', { reason: e instanceof Error ? e.message : String(e) });
  }
  return validate(schema, json, 'body');
}

/** Validates with zod; a failure becomes a 400 naming the deepest bad field and what it should be. */
export function validate<T>(schema: ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { field, text } = explainIssues(schema, r.error.issues, value, where);
  throw new HttpError(400, 'bad_field', text, field);
}
