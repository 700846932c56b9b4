// A tiny route table: `GET /api/sessions/:id`. Unknown paths answer 404, known paths with
// another method 405 (with an Allow header).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, httpError } from './http-util';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}
export type Handler = (ctx: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private routes: Route[] = [];

  /** `guard`: runs before any handler that changes something (not GET/HEAD); throws to refuse. */
  constructor(private readonly guard?: (req: IncomingMessage) => void) {}

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Runs the matching handler; throws HttpError 404/405 when none matches. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const segs = url.pathname.split('/').filter(Boolean);
    const allowed: string[] = [];
    for (const r of this.routes) {
      const params = match(r.parts, segs);
      if (!params) continue;
      if (r.method === req.method || (r.method === 'GET' && req.method === 'HEAD')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') this.guard?.(req);
        await r.handler({ req, res, url, params });
        return;
      }
      allowed.push(r.method);
    }
    if (allowed.length > 0) {
      const allow = [...new Set(allowed)].join(', ');
      const e = httpError(405, 'method_not_allowed', { method: req.method ?? '?', path: url.pathname, allow });
      throw new HttpError(e.status, e.code, e.text, undefined, { Allow: allow });
    }
    throw httpError(404, 'not_found', { path: url.pathname });
  }
}

function match(parts: string[], segs: string[]): Record<string, string> | null {
  if (parts.length !== segs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':')) {
      let v: string;
      try {
        v = decodeURIComponent(segs[i]);
      } catch {
        return null;
      }
      params[parts[i].slice(1)] = v;
    } else if (parts[i] !== segs[i]) return null;
  }
  return params;
}
