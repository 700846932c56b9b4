// The class server: node:http + ws. Pages from dist/web/, the REST API (api.ts), the WebSocket
// (hub.ts) and the gloves (sources.ts -> glove.ts). Binds 127.0.0.1 unless told otherwise; on
// any other address every request needs the access token (auth.ts) and the server speaks HTTPS
// (tls.ts). Reports and exports are replayed in worker threads (export-pool.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { both, type Lang } from '../../shared/i18n/index';
import { serverErrors } from '../../shared/i18n/web-class';
import { WS_PATH, LIVE_RATE_HZ } from '../../shared/live-messages';
import type { Profile } from '../../shared/profiles/schema';
import { Store } from '../store/index';
import { apiRoutes } from './api';
import { createAuth, generateToken, isLoopbackHost, type AuthResult } from './auth';
import { Classroom } from './classroom';
import { HttpError, closeAfter, httpError, redactPaths, sendError, sendText } from './http-util';
import { Hub, type HubOptions } from './hub';
import { ExportPool } from './export-pool';
import { generatedTls, suppliedTls, type TlsMaterial } from './tls';
import { GloveWatcher, type WatcherOptions } from './sources';
import { serveStatic } from './static';

export interface ServerOptions {
  /** Default 127.0.0.1. Anything else turns the token on. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Folder of the session store. */
  dataDir: string;
  /** Number of simulated gloves. */
  sim?: number;
  /** Watch the USB ports for gloves (default true). */
  gloves?: boolean;
  /** Serial ports to open whatever they are (a pty, an unknown board). */
  ports?: string[];
  profile: Profile;
  /** Folder of the built pages (default dist/web/ of the checkout). */
  webRoot?: string;
  /** Fixed token (tests); default random when the host is not loopback. */
  token?: string;
  /** Language of the console messages (a glove's port that cannot be opened); default 'id'. */
  lang?: Lang;
  /** Scenario names for the simulated gloves, used in turn. */
  scenarios?: string[];
  /** Seed of the first simulated glove. */
  seed?: number;
  /** Simulated sample rate, Hz. */
  simRateHz?: number;
  /** Simulated gloves run this many times faster than real time (tests). */
  simSpeed?: number;
  pollMs?: number;
  /**
   * HTTPS off loopback (ignored on loopback, which stays plain HTTP): 'auto' (default) makes a
   * certificate on first use and keeps it in the data folder; or the school's PEM files; or
   * false for plain HTTP on the LAN (not recommended).
   */
  tls?: 'auto' | { certFile: string; keyFile: string } | false;
  /** WebSocket limits (queue, heartbeat, clients). */
  hub?: HubOptions;
  /** Worker threads for reports and exports (default: cores - 1, at most 2). */
  exportWorkers?: number;
  /** Reports and exports waiting for a worker at most (default 64; more get 503). */
  exportQueue?: number;
}

export interface RunningServer {
  url: string;
  /** The URL to open or share (with ?token= in LAN mode). */
  openUrl: string;
  host: string;
  port: number;
  token: string | null;
  classroom: Classroom;
  hub: Hub;
  /** The certificate in use (LAN mode over HTTPS), else null. */
  tls: TlsMaterial | null;
  close(): Promise<void>;
}

/** $PIJAT_WEB_ROOT, else dist/web/ beside this checkout (from the sources or the dist/ bundle). */
export function defaultWebRoot(): string {
  if (process.env.PIJAT_WEB_ROOT) return resolve(process.env.PIJAT_WEB_ROOT);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    dir = dirname(dir);
  }
  return resolve('dist', 'web');
}

const UNAUTHORIZED_PAGE = (e: { id: string; en: string }): string =>
  `<!doctype html><meta charset="utf-8"><title>401</title><body style="font-family:system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">` +
  `<h1>401</h1><p>${e.id}</p><p lang="en">${e.en}</p></body>`;

function authError(r: Exclude<AuthResult, { ok: true }>): HttpError {
  if (r.reason === 'bad_host') return httpError(403, 'bad_host');
  return httpError(401, r.reason === 'bad_token' ? 'bad_token' : 'unauthorized');
}

/** The request target as a URL; null unless it is a plain path ('//host/x' would change host). */
function urlOf(req: IncomingMessage): URL | null {
  const target = req.url ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(req.url ?? '/', 'http://pijat.invalid');
  } catch {
    return null;
  }
}

/**
 * Where to send the browser after `?token=`: the same path, only when it is a plain path on
 * this server (one leading '/', no backslash, no control character); '/' otherwise.
 * ('/.//evil.example/' normalises to '//evil.example/', which a browser reads as another host.)
 */
export function safeRedirect(pathAndQuery: string): string {
  if (!/^\/(?![/\\])/.test(pathAndQuery) || /[\\\u0000-\u001f\u007f]/.test(pathAndQuery)) return '/';
  return pathAndQuery;
}

/** Whether an Origin header (if any) names this very server. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

function rejectUpgrade(socket: Duplex, status: number, code: string, text: { id: string; en: string }, extra = ''): void {
  const body = JSON.stringify({ error: { code, id: text.id, en: text.en } });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${extra}` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  const token = loopback ? null : (o.token ?? generateToken());
  const webRoot = o.webRoot ?? defaultWebRoot();

  const store = Store.open(o.dataDir);
  const wanted = loopback ? false : (o.tls ?? 'auto');
  let tls: TlsMaterial | null = null;
  try {
    tls = wanted === false ? null : wanted === 'auto' ? generatedTls(o.dataDir) : suppliedTls(wanted.certFile, wanted.keyFile);
  } catch (e) {
    store.close();
    throw e;
  }
  let port = o.port ?? 8080;
  const auth = createAuth(token, () => port, tls !== null);
  const room = new Classroom(store, o.profile);
  const hub = new Hub(
    () => room.hello(),
    (m) => (m.type === 'subscribe' ? { type: 'ok', ref: m.ref ?? null } : room.command(m)),
    o.hub,
  );
  room.hub = hub;
  const exports = new ExportPool(store.file, o.profile, { workers: o.exportWorkers, maxQueue: o.exportQueue });
  const api = apiRoutes(room, exports);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = urlOf(req);
    if (!url) throw httpError(400, 'bad_field', { field: 'url', reason: 'not a valid URL' }, 'url');
    const a = auth.check(req, url);
    if (!a.ok) {
      const e = authError(a);
      if (!url.pathname.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')) {
        sendText(res, e.status, 'text/html; charset=utf-8', UNAUTHORIZED_PAGE(e.text));
        return;
      }
      throw e;
    }
    // A page on another site must not change anything here (stop a session, add a trainee):
    // an Origin must be this server's (and the API asks for JSON or the token, api.ts).
    if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req)) {
      throw httpError(403, 'bad_origin', { origin: String(req.headers.origin) });
    }
    if (a.via === 'query') {
      res.setHeader('Set-Cookie', auth.cookie());
      if (!url.pathname.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD')) {
        // The token leaves the address bar (and the history) at once; the cookie carries it.
        url.searchParams.delete('token');
        res.writeHead(303, { Location: safeRedirect(url.pathname + url.search), 'Content-Length': 0 });
        res.end();
        return;
      }
    }
    if (url.pathname.startsWith('/api/')) {
      await api.handle(req, res, url);
      return;
    }
    if (url.pathname === WS_PATH) throw httpError(404, 'not_found', { path: url.pathname });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'method_not_allowed', both(serverErrors.method_not_allowed, { method: req.method ?? '?', path: url.pathname, allow: 'GET, HEAD' }), undefined, { Allow: 'GET, HEAD' });
    }
    // The front page (dist/web/index.html): the class view, the practice page, the demo. A web
    // folder without one sends the instructor to the class view.
    if (url.pathname === '/') {
      if (await serveStatic(webRoot, '/index.html', res, req.method === 'HEAD')) return;
      res.writeHead(302, { Location: '/class/', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (await serveStatic(webRoot, url.pathname, res, req.method === 'HEAD')) return;
    throw httpError(404, 'not_found', { path: url.pathname });
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError) {
        if (e.headers.Connection === 'close') closeAfter(req, res);
        sendError(res, e);
      } else {
        const reason = e instanceof Error ? e.message : String(e);
        process.stderr.write(`pijat serve: ${req.method} ${req.url}: ${reason}\n`);
        // The console has the whole reason; the reply names no path of this machine.
        sendError(res, httpError(500, 'internal', { reason: redactPaths(reason, o.dataDir) }));
      }
    });
  };
  const server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, onRequest) : createServer(onRequest);
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = urlOf(req);
    if (!url || url.pathname !== WS_PATH) {
      rejectUpgrade(socket, 404, 'not_found', both(serverErrors.not_found, { path: url ? url.pathname : '?' }));
      return;
    }
    const a = auth.check(req, url);
    if (!a.ok) {
      const e = authError(a);
      rejectUpgrade(socket, e.status, e.code, e.text);
      return;
    }
    // A page on another site must not open our socket with the user's cookie.
    if (!sameOrigin(req)) {
      rejectUpgrade(socket, 403, 'bad_origin', both(serverErrors.bad_origin, { origin: String(req.headers.origin) }));
      return;
    }
    if (!hub.hasRoom()) {
      hub.refused();
      rejectUpgrade(socket, 503, 'too_many_clients', both(serverErrors.too_many_clients, { max: hub.maxClients }), 'Retry-After: 10\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.add(ws));
  });

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 8080, host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (e) {
    hub.closeAll();
    await exports.close();
    store.close();
    throw e;
  }
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : (o.port ?? 8080);

  const watcherOptions: WatcherOptions = {
    classroom: room,
    profile: o.profile,
    sim: o.sim ?? 0,
    serial: o.gloves ?? true,
    ports: o.ports,
    scenarios: o.scenarios,
    seed: o.seed,
    simRateHz: o.simRateHz,
    simSpeed: o.simSpeed,
    pollMs: o.pollMs,
    lang: o.lang,
  };
  const watcher = new GloveWatcher(watcherOptions);
  await watcher.start();

  const ticker = setInterval(() => room.tick(), Math.round(1000 / LIVE_RATE_HZ));

  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `${tls ? 'https' : 'http'}://${shownHost}:${port}/`;
  let closed = false;
  return {
    url,
    openUrl: token ? `${url}?token=${token}` : url,
    host,
    port,
    token,
    classroom: room,
    hub,
    tls,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      await watcher.stop();
      room.stopAll();
      hub.closeAll();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await exports.close();
      store.close();
    },
  };
}
