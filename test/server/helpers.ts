// Shared by the server suites: a real server on 127.0.0.1 (random port, temporary store and web
// root) and raw HTTP requests whose paths are sent exactly as written (fetch would normalise them).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { startServer, type RunningServer, type ServerOptions } from '../../host/server/index';
import type { ServerMessage } from '../../shared/live-messages';

export const SECRET = 'TOP-SECRET-OUTSIDE-WEB-ROOT';

export interface TestServer {
  server: RunningServer;
  dir: string;
  webRoot: string;
  close(): Promise<void>;
}

/** A web root with a few pages, and a secret file beside it that must never be served. */
export function makeWebRoot(dir: string): string {
  const root = join(dir, 'web');
  mkdirSync(join(root, 'class'), { recursive: true });
  mkdirSync(join(root, 'empty-dir'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>index</title>');
  writeFileSync(join(root, 'class', 'index.html'), '<!doctype html><title>class</title>');
  writeFileSync(join(root, 'class', 'main.js'), 'console.log(1)');
  writeFileSync(join(root, 'class', 'main.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  writeFileSync(join(dir, 'web-secret.txt'), SECRET); // shares the root's name as a prefix
  return root;
}

export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pijat-server-'));
  const webRoot = opts.webRoot ?? makeWebRoot(dir);
  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'data'),
    sim: 1,
    gloves: false,
    profile: loadBuiltinProfile('sop-000'),
    webRoot,
    ...opts,
  });
  return {
    server,
    dir,
    webRoot,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with the path sent byte for byte. */
export function raw(
  port: number,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function json(port: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return raw(port, method, path, {
    headers: text === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: text,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies: the tests read fields freely
  }).then((r) => ({ ...r, json: r.body ? (JSON.parse(r.body) as Record<string, any>) : {} }));
}

/** Opens a WebSocket; resolves with the socket and every message it receives (in order). */
export function openWs(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: ServerMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export async function waitFor<T>(what: string, f: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
