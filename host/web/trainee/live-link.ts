// The page's side of the live host (live-host.ts): starts the scoring worker (live-worker.js,
// next to main.js), hands it the canvases (chart, gauge marks, timer bar) as OffscreenCanvases
// and the glove's bytes as transferred buffers, and passes its LiveState on. Where no worker can run it (an old browser,
// no OffscreenCanvas, a page opened from file://), the same LiveHost runs in the page instead;
// messages sent before the worker answered are kept and go to whichever host runs.
import type { LiveState } from '../../../shared/engine/types';
import type { Lang } from '../../../shared/i18n/index';
import type { Profile } from '../../../shared/profiles/schema';
import type { SessionRecord } from '../common/record';
import { CANVAS_NAMES, LiveHost, type CanvasName, type FromHost, type ToHost } from './live-host';

export type LiveUpdate = Extract<FromHost, { type: 'live' }>;

export const WORKER_URL = 'live-worker.js';
/** A worker that has not answered by then is taken as unable to start. */
const READY_TIMEOUT_MS = 4000;
/**
 * Bytes read within this long go to the worker in one message: a glove's reads come ~100 a
 * second and each message costs this thread more than the copy that joins them. Well under
 * the marks' 33 ms, so nothing shown is later for it.
 */
const BYTES_MS = 25;

export class LiveLink {
  private worker: Worker | null = null;
  private host: LiveHost | null = null;
  /** Messages waiting for the worker's 'ready' (null once a host runs). */
  private queue: ToHost[] | null = [];
  private nextId = 0;
  /** Bytes of session `pendingId` waiting for the next message to the worker. */
  private pending: Uint8Array[] = [];
  private pendingId = 0;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly finishing = new Map<number, { resolve: (r: SessionRecord | null) => void; reject: (e: Error) => void }>();
  /** Where the scoring runs; also written to <body data-scoring>. */
  where: 'starting' | 'worker' | 'page' = 'starting';

  constructor(
    private readonly canvases: Record<CanvasName, HTMLCanvasElement>,
    private readonly onLive: (u: LiveUpdate) => void,
    workerUrl = WORKER_URL,
  ) {
    const able =
      typeof Worker !== 'undefined' &&
      typeof OffscreenCanvas !== 'undefined' &&
      typeof canvases.chart.transferControlToOffscreen === 'function';
    if (!able) {
      this.runInPage();
      return;
    }
    let worker: Worker;
    try {
      worker = new Worker(workerUrl);
    } catch {
      this.runInPage(); // e.g. file:// pages may not start workers
      return;
    }
    this.worker = worker;
    const giveUp = setTimeout(() => this.workerFailed(), READY_TIMEOUT_MS);
    worker.onmessage = (e: MessageEvent<FromHost>) => {
      if (e.data.type === 'ready' && this.where === 'starting') {
        clearTimeout(giveUp);
        this.workerReady();
      } else this.receive(e.data);
    };
    worker.onerror = (e) => {
      if (this.where === 'starting') {
        clearTimeout(giveUp);
        e.preventDefault();
        this.workerFailed();
      } else this.failAll(e.message || 'worker error');
    };
  }

  configure(profile: Profile, lang: Lang): void {
    this.send({ type: 'configure', profile, lang });
  }

  /** CSS size of a canvas, from the page's ResizeObserver. */
  resize(name: CanvasName, width: number, height: number): void {
    this.send({ type: 'resize', name, width, height, dpr: window.devicePixelRatio || 1 });
  }

  /** What can be seen: hidden canvases are not drawn. */
  show(chart: boolean, gauges: boolean, timer: boolean): void {
    this.send({ type: 'visible', chart, gauges, timer });
  }

  /** A LiveState from elsewhere (the class server) for the gauges' marks and the timer. */
  state(live: LiveState | null): void {
    this.send({ type: 'state', live });
  }

  /** Starts a new scored session; returns its id. */
  start(profile: Profile): number {
    this.flush();
    const id = ++this.nextId;
    this.send({ type: 'start', id, profile });
    return id;
  }

  push(id: number, chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    if (this.host) {
      this.host.handle({ type: 'bytes', id, bytes: chunk });
      return;
    }
    if (id !== this.pendingId) this.flush();
    this.pendingId = id;
    this.pending.push(chunk);
    if (this.pendingTimer === null) this.pendingTimer = setTimeout(() => this.flush(), BYTES_MS);
  }

  /** Sends the bytes waiting, in one buffer the worker takes over (transferred, not copied). */
  private flush(): void {
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    const chunks = this.pending;
    if (chunks.length === 0) return;
    this.pending = [];
    let bytes: Uint8Array;
    const one = chunks[0]!;
    if (chunks.length === 1 && one.byteOffset === 0 && one.byteLength === one.buffer.byteLength) bytes = one;
    else {
      bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.byteLength;
      }
    }
    this.send({ type: 'bytes', id: this.pendingId, bytes }, bytes.buffer as ArrayBuffer);
  }

  /** Ends session `id`: its record, or null when nothing was scored. */
  finish(id: number): Promise<SessionRecord | null> {
    this.flush();
    return new Promise((resolve, reject) => {
      this.finishing.set(id, { resolve, reject });
      this.send({ type: 'finish', id });
    });
  }

  /** Chart points from elsewhere (the class server). */
  points(t_s: number[], left_n: (number | null)[], right_n: (number | null)[]): void {
    if (t_s.length) this.send({ type: 'points', t_s, left_n, right_n });
  }

  /** Nothing measured: empty chart, gauges and timer at zero. */
  clear(): void {
    this.send({ type: 'clear' });
  }

  private send(m: ToHost, transfer?: ArrayBuffer): void {
    if (this.queue) this.queue.push(m);
    else if (this.host) this.host.handle(m);
    else if (this.worker) this.worker.postMessage(m, transfer && this.where === 'worker' ? [transfer] : []);
  }

  private workerReady(): void {
    this.where = 'worker';
    document.body.dataset.scoring = 'worker';
    const offs: Partial<Record<CanvasName, OffscreenCanvas>> = {};
    for (const name of CANVAS_NAMES) offs[name] = this.canvases[name].transferControlToOffscreen();
    this.worker!.postMessage({ type: 'canvases', canvases: offs } satisfies ToHost, Object.values(offs));
    const q = this.queue!;
    this.queue = null;
    for (const m of q) this.worker!.postMessage(m, m.type === 'bytes' ? [m.bytes.buffer as ArrayBuffer] : []);
  }

  private workerFailed(): void {
    if (this.where !== 'starting') return;
    this.worker?.terminate();
    this.worker = null;
    this.runInPage();
  }

  private runInPage(): void {
    this.where = 'page';
    const waiting = this.pending;
    this.pending = [];
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    document.body.dataset.scoring = 'page';
    // Answers arrive after the call that caused them, as a worker's would.
    this.host = new LiveHost((m) => queueMicrotask(() => this.receive(m)));
    for (const name of CANVAS_NAMES) this.host.attachCanvas(name, this.canvases[name]);
    const q = this.queue ?? [];
    this.queue = null;
    for (const m of q) this.host.handle(m);
    for (const c of waiting) this.host.handle({ type: 'bytes', id: this.pendingId, bytes: c });
  }

  private receive(m: FromHost): void {
    if (m.type === 'live') this.onLive(m);
    else if (m.type === 'finished') {
      const f = this.finishing.get(m.id);
      this.finishing.delete(m.id);
      f?.resolve(m.record);
    } else if (m.type === 'error') this.failAll(m.message);
  }

  private failAll(message: string): void {
    console.error(`scoring: ${message}`);
    for (const f of this.finishing.values()) f.reject(new Error(message));
    this.finishing.clear();
  }
}
