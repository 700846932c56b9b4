// Shared by the browser suites and scripts/bench/browser.ts: build the pages into a temporary
// folder, serve them with a tiny static server, drive Debian's Chromium through playwright-core,
// and a fake navigator.serial (the real port chooser cannot be automated).
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '../../host/web/build';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const NO_CHROMIUM = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (browser tests skipped)`;

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Builds dist/web into a fresh temporary folder (the suites never race the real dist/). */
export async function buildPages(): Promise<{ dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pijat-web-'));
  await buildWeb(dir);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** A static file server on 127.0.0.1 (a secure context, as Web Serial needs). */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"id":"tidak ada","en":"not found"}}');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface FakeSerialOptions {
  /** USB ids the fake port reports. */
  usbVendorId: number;
  usbProductId: number;
  /** A port granted before: getPorts() returns it without the chooser. */
  granted: boolean;
  /** open() fails with this DOMException name (busy port: 'NetworkError'). */
  openError: string | null;
}

/**
 * Installed with page.addInitScript before any page script: navigator.serial with one fake
 * port whose readable stream the test feeds through window.__fakeSerial.
 * Must stay self-contained (Playwright serialises it into the page).
 */
export function installFakeSerial(o: FakeSerialOptions): void {
  type Ctl = ReadableStreamDefaultController<Uint8Array>;
  const w = window as unknown as { __fakeSerial: Record<string, unknown> };
  let controller: Ctl | null = null;
  let granted = o.granted;
  const api: Record<string, unknown> = {
    requestOptions: null as unknown,
    openOptions: null as unknown,
    opened: 0,
    closed: 0,
    feedBase64(b64: string, chunk: number): number {
      const bin = atob(b64);
      const all = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) all[i] = bin.charCodeAt(i);
      for (let i = 0; i < all.length; i += chunk) controller!.enqueue(all.slice(i, i + chunk));
      return all.length;
    },
    feed(bytes: number[]): void {
      controller!.enqueue(new Uint8Array(bytes));
    },
    end(): void {
      controller!.close();
    },
    lose(): void {
      controller!.error(new DOMException('The device has been lost.', 'NetworkError'));
    },
    /** Chunks fed but not yet read by the page. */
    queued(): number {
      return controller ? 1 - (controller.desiredSize ?? 1) : 0;
    },
    /** A replug: Chrome fires 'connect' with a new SerialPort object for the same device. */
    replug(): void {
      const fresh = new FakePort();
      ports.push(fresh);
      const ev = new Event('connect', { bubbles: true });
      Object.defineProperty(ev, 'target', { value: fresh });
      serial.dispatchEvent(ev);
    },
    requests: 0,
    get isOpen(): boolean {
      return controller !== null;
    },
  };
  class FakePort extends EventTarget {
    readable: ReadableStream<Uint8Array> | null = null;
    writable: WritableStream<Uint8Array> | null = null;
    getInfo(): { usbVendorId: number; usbProductId: number } {
      return { usbVendorId: o.usbVendorId, usbProductId: o.usbProductId };
    }
    async open(opts: unknown): Promise<void> {
      if (o.openError) throw new DOMException('Failed to open serial port.', o.openError);
      if (this.readable) throw new DOMException('The port is already open.', 'InvalidStateError');
      api.openOptions = opts;
      api.opened = (api.opened as number) + 1;
      this.readable = new ReadableStream<Uint8Array>({
        start: (c) => {
          controller = c;
        },
      });
    }
    async close(): Promise<void> {
      this.readable = null;
      controller = null;
      api.closed = (api.closed as number) + 1;
    }
  }
  const ports = [new FakePort()];
  const serial = new EventTarget() as EventTarget & Record<string, unknown>;
  serial.requestPort = async (opts: unknown) => {
    api.requestOptions = opts;
    api.requests = (api.requests as number) + 1;
    granted = true;
    return ports[ports.length - 1];
  };
  serial.getPorts = async () => (granted ? [ports[ports.length - 1]] : []);
  Object.defineProperty(Navigator.prototype, 'serial', { get: () => serial, configurable: true });
  w.__fakeSerial = api;
}

/**
 * The init script as source text. tsx (used by the benchmark) wraps functions in a `__name`
 * helper that does not exist in the page, so a no-op one is defined first.
 */
export function fakeSerialScript(o: FakeSerialOptions): { content: string } {
  return { content: `var __name = (f) => f;\n(${installFakeSerial.toString()})(${JSON.stringify(o)});` };
}

/** Feeds bytes into the fake port in `chunk`-byte reads (base64 keeps the transfer compact). */
export async function feedSerial(page: Page, bytes: Uint8Array, chunk = 4096): Promise<void> {
  const step = 1 << 20; // keep each evaluate argument modest
  for (let i = 0; i < bytes.length; i += step) {
    const b64 = Buffer.from(bytes.subarray(i, i + step)).toString('base64');
    await page.evaluate(([b, c]) => (window as unknown as { __fakeSerial: { feedBase64(b: string, c: number): number } }).__fakeSerial.feedBase64(b, c), [b64, chunk] as const);
  }
}
