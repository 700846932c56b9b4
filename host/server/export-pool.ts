// Reports and exports off the event loop. Replaying a stored session (an hour is 360,000 frames)
// takes seconds of CPU: done on the main thread it froze every glove's live view. Here worker
// threads open the store read-only and replay; the report's series comes back as JSON text, and
// the CSV comes back in chunks the main thread writes as the client reads (one chunk in flight
// per export: memory stays at a chunk, whatever the session's length). Series of finished
// sessions are kept in a small cache, so ten teachers opening one report replay it once.
//
// The worker runs this very module (guarded below), so the CLI bundle needs no extra entry; from
// the TypeScript sources the worker first registers tsx.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readlinkSync } from 'node:fs';
import { availableParallelism, constants, setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Profile } from '../../shared/profiles/schema';
import { createPipeline, findDescriptorIn, type Pipeline } from '../../shared/pipeline';
import { CsvWriter } from '../io/csv';
import { Store } from '../store/index';
import { csvWriterFor, sessionSeries } from './export';

/** Characters per CSV chunk sent from a worker (one chunk in flight per export). */
const CSV_CHUNK = 256 * 1024;
/** Series JSON kept for finished sessions: entries and total characters. */
const CACHE_ENTRIES = 16;
const CACHE_CHARS = 64 * 1024 * 1024;

interface WorkerInit {
  pijat: 'export-worker';
  file: string;
  profile: Profile;
}

type ToWorker =
  | { job: number; kind: 'series'; session: number }
  | { job: number; kind: 'csv'; session: number }
  | { job: number; kind: 'more' }
  | { job: number; kind: 'cancel' };

type FromWorker =
  | { job: number; kind: 'chunk'; text: string }
  | { job: number; kind: 'done'; text?: string }
  | { job: number; kind: 'error'; message: string };

export interface CsvSink {
  /** false: wait for 'drain' before the next chunk (a node Writable). */
  write(text: string): boolean;
  once(event: 'drain' | 'close', f: () => void): unknown;
  readonly destroyed: boolean;
}

interface Job {
  id: number;
  kind: 'series' | 'csv';
  session: number;
  sink?: CsvSink;
  resolve: (text: string) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export interface ExportPoolOptions {
  /** Worker threads (default: cores - 1, at most 2; or $PIJAT_EXPORT_WORKERS). */
  workers?: number;
  /** Exports waiting for a worker at most (default 64); more are refused with ExportsBusy. */
  maxQueue?: number;
}

/** Too many exports waiting: the caller answers 503 and asks to retry. */
export class ExportsBusy extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} exports waiting`);
  }
}

export class ExportPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private cache = new Map<string, string>();
  private cacheChars = 0;
  private inFlight = new Map<string, Promise<string>>();
  private closed = false;
  private readonly max: number;
  private readonly maxQueue: number;

  constructor(
    private readonly file: string,
    private readonly profile: Profile,
    opts: ExportPoolOptions = {},
  ) {
    const env = Number(process.env.PIJAT_EXPORT_WORKERS);
    const fallback = Math.min(2, availableParallelism() - 1);
    this.max = Math.max(1, Math.min(8, opts.workers ?? (Number.isInteger(env) && env > 0 ? env : fallback)));
    this.maxQueue = opts.maxQueue ?? 64;
  }

  /**
   * The report page's series (export.ts `sessionSeries`) as JSON text. `cacheKey`: set for a
   * finished session (its id and stored size), so the replay is done once.
   */
  series(session: number, cacheKey?: string): Promise<string> {
    if (cacheKey !== undefined) {
      const hit = this.cache.get(cacheKey);
      if (hit !== undefined) {
        this.cache.delete(cacheKey); // most recent last
        this.cache.set(cacheKey, hit);
        return Promise.resolve(hit);
      }
      const running = this.inFlight.get(cacheKey);
      if (running) return running;
    }
    const p = this.submit('series', session);
    if (cacheKey === undefined) return p;
    this.inFlight.set(cacheKey, p);
    return p.then(
      (text) => {
        this.inFlight.delete(cacheKey);
        this.remember(cacheKey, text);
        return text;
      },
      (e: unknown) => {
        this.inFlight.delete(cacheKey);
        throw e;
      },
    );
  }

  /** Exports waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Whether one more export would be taken now (a worker free, or room in the queue). */
  hasRoom(): boolean {
    return this.slots.some((s) => s.job === null) || this.slots.length < this.max || this.queue.length < this.maxQueue;
  }

  /** Streams the session's CSV into `sink` (a response whose headers are sent); resolves at the end. */
  async csv(session: number, sink: CsvSink): Promise<void> {
    await this.submit('csv', session, sink);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue) j.reject(new Error('server stopping'));
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }

  private remember(key: string, text: string): void {
    if (text.length > CACHE_CHARS / 4) return;
    this.cache.set(key, text);
    this.cacheChars += text.length;
    for (const [k, v] of this.cache) {
      if (this.cache.size <= CACHE_ENTRIES && this.cacheChars <= CACHE_CHARS) break;
      this.cache.delete(k);
      this.cacheChars -= v.length;
    }
  }

  private submit(kind: 'series' | 'csv', session: number, sink?: CsvSink): Promise<string> {
    if (this.closed) return Promise.reject(new Error('server stopping'));
    if (!this.hasRoom()) return Promise.reject(new ExportsBusy(this.queue.length));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, kind, session, sink, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.max) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      if (job.sink?.destroyed) {
        job.resolve('');
        continue;
      }
      slot.job = job;
      if (job.sink) job.sink.once('close', () => this.cancel(slot!, job));
      slot.worker.postMessage({ job: job.id, kind: job.kind, session: job.session } satisfies ToWorker);
    }
  }

  private cancel(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    slot.worker.postMessage({ job: job.id, kind: 'cancel' } satisfies ToWorker);
  }

  private spawn(): Slot {
    const init: WorkerInit = { pijat: 'export-worker', file: this.file, profile: this.profile };
    const worker = startWorker(init);
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    const fail = (e: Error): void => {
      this.slots = this.slots.filter((s) => s !== slot);
      const job = slot.job;
      slot.job = null;
      if (job) job.reject(e);
      if (!this.closed) this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`export worker stopped (exit ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    const job = slot.job;
    if (!job || job.id !== m.job) return;
    if (m.kind === 'chunk') {
      const more = (): void => {
        if (slot.job === job) slot.worker.postMessage({ job: job.id, kind: 'more' } satisfies ToWorker);
      };
      if (!job.sink || job.sink.destroyed) return;
      if (job.sink.write(m.text)) more();
      else job.sink.once('drain', more);
      return;
    }
    slot.job = null;
    if (m.kind === 'done') {
      if (job.sink && m.text) job.sink.write(m.text);
      job.resolve(m.text ?? '');
    } else job.reject(new Error(m.message));
    this.pump();
  }
}

/** A worker running this module; from the TypeScript sources it registers tsx first. */
function startWorker(init: WorkerInit): Worker {
  const self = import.meta.url;
  if (!/\.[cm]?ts$/.test(fileURLToPath(self))) return new Worker(new URL(self), { workerData: init });
  // The ESM build of tsx's API (its CommonJS build cannot register hooks from a worker).
  const tsx = pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(self)}); })`;
  return new Worker(boot, { eval: true, workerData: init, execArgv: [] });
}

// ------------------------------------------------------------------ the worker side

function isInit(d: unknown): d is WorkerInit {
  return typeof d === 'object' && d !== null && (d as WorkerInit).pijat === 'export-worker';
}

/** Linux: this thread yields to the main thread (live view) when the CPU is short. */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not Linux, or not allowed: the same work at normal priority
  }
}

async function runWorker(init: WorkerInit, port: NonNullable<typeof parentPort>): Promise<void> {
  lowerThreadPriority();
  const store = Store.openFile(init.file, { create: false });
  let wake: (() => void) | null = null;
  let cancelled = new Set<number>();
  const queue: ToWorker[] = [];
  const post = (m: FromWorker): void => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    if (m.kind === 'more' || m.kind === 'cancel') {
      if (m.kind === 'cancel') cancelled.add(m.job);
      const w = wake;
      wake = null;
      w?.();
      return;
    }
    queue.push(m);
    const w = wake;
    wake = null;
    w?.();
  });
  const next = (): Promise<void> => new Promise<void>((r) => (wake = r));

  for (;;) {
    const m = queue.shift();
    if (!m) {
      await next();
      continue;
    }
    if (m.kind !== 'series' && m.kind !== 'csv') continue;
    try {
      if (m.kind === 'series') {
        post({ job: m.job, kind: 'done', text: JSON.stringify(sessionSeries(store, m.session, init.profile)) });
      } else {
        await streamCsv(store, m.session, init.profile, async (text) => {
          post({ job: m.job, kind: 'chunk', text });
          await next();
          return !cancelled.has(m.job);
        });
        post({ job: m.job, kind: 'done' });
      }
    } catch (e) {
      post({ job: m.job, kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
    cancelled = new Set();
  }
}

/** The recording as CSV (export.ts `sessionCsv`), handed out in chunks; `emit` false stops. */
async function streamCsv(store: Store, session: number, profile: Profile, emit: (text: string) => Promise<boolean>): Promise<void> {
  let writer: CsvWriter | null = null;
  let parts: string[] = [];
  let size = 0;
  const p: Pipeline = createPipeline({
    profile,
    source: 'live',
    descriptor: findDescriptorIn(store.readFrames(session)),
    onSample: (s) => {
      if (!writer) {
        writer = csvWriterFor(p.descriptor);
        parts.push(writer.header());
      }
      const line = writer.row(s);
      parts.push(line);
      size += line.length;
    },
  });
  for (const chunk of store.readFrames(session)) {
    p.push(chunk.bytes);
    if (size >= CSV_CHUNK) {
      const text = parts.join('');
      parts = [];
      size = 0;
      if (!(await emit(text))) return;
    }
  }
  if (!writer) parts.push(new CsvWriter().header());
  if (parts.length > 0) await emit(parts.join(''));
}

if (!isMainThread && isInit(workerData) && parentPort) void runWorker(workerData, parentPort);
