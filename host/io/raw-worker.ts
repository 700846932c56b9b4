// A raw capture decoded and calibrated on a second thread while the caller's thread scores:
// decoding (CRC, frames, calibration) takes about half the engine's time, so `pijat score` on a
// large capture finishes in about the engine's time instead of the sum. The worker runs the
// same pipeline (shared/pipeline.ts: the first descriptor found first, the same decoder,
// calibrator, held samples, segments and gap marks) with a sink that sends what the engine is
// told, in order, in batches of plain numbers. A worker takes tens of milliseconds to start, so
// the caller's thread does not wait for it: it decodes and scores the file itself, slice by slice,
// until the worker has caught up with it, then takes the rest from the worker (skipping what it
// did itself); if the worker never catches up (a busy machine), it simply finishes alone. Both run
// the same pipeline on the same bytes, so the engine gets exactly the same calls either way.
// Used from the bundle (dist/raw-worker.mjs, scripts/build-cli.ts); from the sources, or with a
// glove calibration from the store (a lookup that stays on the caller's thread), the caller
// decodes on its own thread (startRawWorker returns null).
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker, isMainThread, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { blankSample } from '../../shared/engine/calibration';
import type { Engine } from '../../shared/engine/engine';
import type { EngineSample, GapCause, HandSample } from '../../shared/engine/types';
import { createPipeline, findDescriptor, type PipelineDrops, type SampleSink } from '../../shared/pipeline';
import type { Profile } from '../../shared/profiles/schema';
import type { DecoderCounters, Descriptor } from '../../shared/protocol/types';
import type { ChannelProblem } from '../../shared/protocol/descriptor-check';

/** Numbers per record: the operation, t_s, 8 per hand, flags (IMU left 1, right 2, marker 4). */
const STRIDE = 19;
const BATCH = 4096;
/** Bytes read at a time (as `pijat score` reads: the first-descriptor search sees the same slices). */
const SLICE = 1 << 20;
/** Operation 0 is a sample; a gap mark is 1 + 2 x its cause's index + (always ? 1 : 0). */
const CAUSES: readonly GapCause[] = ['lost', 'link', 'restart'];

/** What the decoding side knows at the end (the pipeline's own figures). */
export interface RawWorkerResult {
  counters: DecoderCounters;
  descriptor: Descriptor | null;
  /** out_of_order counted by the caller's engine. */
  drops: PipelineDrops;
  unusable: ChannelProblem[];
  calibrated_by_host: boolean;
}

type ToMain =
  | { type: 'records'; data: Float64Array; n: number; bytes: number }
  | { type: 'end'; result: RawWorkerResult }
  | { type: 'failed'; error: unknown };

function putHand(d: Float64Array, o: number, h: HandSample): void {
  d[o] = h.thumb_n; d[o + 1] = h.knuckle_n;
  d[o + 2] = h.ax_g; d[o + 3] = h.ay_g; d[o + 4] = h.az_g;
  d[o + 5] = h.gx_dps; d[o + 6] = h.gy_dps; d[o + 7] = h.gz_dps;
}

function getHand(d: Float64Array, o: number, h: HandSample, imuOk: boolean): void {
  h.thumb_n = d[o]!; h.knuckle_n = d[o + 1]!;
  h.ax_g = d[o + 2]!; h.ay_g = d[o + 3]!; h.az_g = d[o + 4]!;
  h.gx_dps = d[o + 5]!; h.gy_dps = d[o + 6]!; h.gz_dps = d[o + 7]!;
  h.imu_ok = imuOk;
}

/** Calls `push` with the file's bytes from the start, in SLICE slices of one reused buffer, until it returns false. */
export type Feed = (push: (chunk: Uint8Array) => boolean | void) => void;

/** The worker's side: decode `path`, post batches of records to `port`, then the pipeline's figures. */
function runWorker(path: string, profile: Profile, port: MessagePort): void {
  let data = new Float64Array(BATCH * STRIDE);
  let n = 0;
  let bytes = 0;
  const flush = (): void => {
    if (n === 0) return;
    port.postMessage({ type: 'records', data, n, bytes } satisfies ToMain, [data.buffer]);
    // A batch the caller sent back, else a new one (fewer large allocations for the GC to count).
    const back = receiveMessageOnPort(port);
    data = back ? new Float64Array(back.message as ArrayBuffer) : new Float64Array(BATCH * STRIDE);
    n = 0;
  };
  const sink: SampleSink = {
    push(s: EngineSample): void {
      const o = n * STRIDE;
      data[o] = 0;
      data[o + 1] = s.t_s;
      putHand(data, o + 2, s.left);
      putHand(data, o + 10, s.right);
      data[o + 18] = (s.left.imu_ok ? 1 : 0) | (s.right.imu_ok ? 2 : 0) | (s.marker ? 4 : 0);
      if (++n === BATCH) flush();
    },
    markGap(cause: GapCause, always: boolean): void {
      data[n * STRIDE] = 1 + 2 * CAUSES.indexOf(cause) + (always ? 1 : 0);
      if (++n === BATCH) flush();
    },
  };
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = new Uint8Array(SLICE);
      const feed: Feed = (push) => {
        for (let pos = 0, k = readSync(fd, buf, 0, SLICE, 0); k > 0; pos += k, k = readSync(fd, buf, 0, SLICE, pos)) {
          if (push(buf.subarray(0, k)) === false) return;
        }
      };
      const pipe = createPipeline({ profile, source: 'raw', descriptor: firstDescriptor(feed), sink });
      feed((chunk) => {
        pipe.push(chunk);
        bytes += chunk.length;
      });
      pipe.end();
      flush();
      const result: RawWorkerResult = {
        counters: { ...pipe.counters },
        descriptor: pipe.descriptor,
        drops: { ...pipe.drops },
        unusable: [...pipe.unusable_channels],
        calibrated_by_host: pipe.calibrated_by_host,
      };
      port.postMessage({ type: 'end', result } satisfies ToMain);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    port.postMessage({ type: 'failed', error: err } satisfies ToMain);
  }
}

/** Where the bundled worker is, or null when running from the sources. */
function workerFile(): string | null {
  if (!import.meta.url.startsWith('file:')) return null;
  // dist/raw-worker.mjs, seen from a chunk in dist/cli/ (or from dist/ itself).
  for (const rel of ['../raw-worker.mjs', './raw-worker.mjs']) {
    const f = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(f)) return f;
  }
  return null;
}

/** A raw capture being decoded on a worker thread; run() feeds an engine with it. */
export interface RawWorkerRead {
  /**
   * Feeds `engine` on this thread with every calibrated sample and gap mark of the capture, in
   * order: from its own decoding of `feed` (the same file) until the worker has caught up, then
   * from the worker. Resolves with the pipeline's figures (out_of_order counted here).
   * `onBytes`: bytes decoded so far. `maxOwnBytes`: decode at most this much here, then wait for
   * the worker (tests). Call once.
   */
  run(engine: Engine, feed: Feed, opts?: { onBytes?: (bytes: number) => void; maxOwnBytes?: number }): Promise<RawWorkerResult>;
}

/**
 * Starts decoding the capture at `path` on a worker thread at once (its start overlaps whatever
 * the caller loads meanwhile). Null when no bundled worker exists. `script`: the worker's file
 * (tests pass one they built).
 */
export function startRawWorker(path: string, profile: Profile, script: string | null = workerFile()): RawWorkerRead | null {
  if (!script) return null;
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { pijatRaw: { path, profile, port: port2 } }, transferList: [port2] });
  let failure: unknown = null;
  let failed = false;
  let onFail: ((err: unknown) => void) | null = null;
  /** Takes the messages still queued on the port (they may arrive after the worker's exit). */
  let drain: (() => void) | null = null;
  const fail = (err: unknown): void => {
    if (failed) return;
    failed = true;
    failure = err;
    onFail?.(err);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    drain?.();
    fail(new Error(`decoding worker stopped (exit ${code}) before the end of ${path}`));
  });
  return {
    run(engine, feed, opts = {}) {
      const onBytes = opts.onBytes;
      const maxOwn = opts.maxOwnBytes ?? Infinity;
      const s = blankSample();
      /** Records the engine has had; records the worker has sent (the next one's index). */
      let fed = 0;
      let sent = 0;
      let result: RawWorkerResult | null = null;
      /** Feeds the worker's records not fed yet; keeps its final figures. */
      const take = (m: ToMain): void => {
        if (m.type === 'end') { result = m.result; return; }
        if (m.type === 'failed') { fail(m.error); return; }
        const d = m.data;
        const first = sent;
        sent += m.n;
        for (let i = Math.max(0, fed - first), o = i * STRIDE; i < m.n; i++, o += STRIDE) {
          const op = d[o]!;
          if (op !== 0) {
            const k = op - 1;
            engine.markGap(CAUSES[k >> 1]!, (k & 1) === 1);
          } else {
            s.t_s = d[o + 1]!;
            const flags = d[o + 18]!;
            getHand(d, o + 2, s.left, (flags & 1) !== 0);
            getHand(d, o + 10, s.right, (flags & 2) !== 0);
            s.marker = (flags & 4) !== 0;
            engine.push(s);
          }
          fed++;
        }
        const buf = d.buffer as ArrayBuffer;
        port1.postMessage(buf, [buf]); // back to the worker, for its next batch
        onBytes?.(m.bytes);
      };
      const finished = (r: RawWorkerResult): RawWorkerResult => ({ ...r, drops: { ...r.drops, out_of_order: engine.skipped } });

      // This thread's own decoding, while the worker starts and until it has caught up (or on
      // its own when the worker failed). Each record goes to the engine from whichever side
      // produced it first; the other side's copy is skipped.
      let ownNext = 0;
      const own = createPipeline({
        profile, source: 'raw', descriptor: firstDescriptor(feed),
        sink: {
          push(x: EngineSample): void { if (ownNext++ === fed) { engine.push(x); fed++; } },
          markGap(cause: GapCause, always: boolean): void { if (ownNext++ === fed) { engine.markGap(cause, always); fed++; } },
        },
      });
      let ownBytes = 0;
      let caughtUp = false;
      try {
        feed((chunk) => {
          if (ownBytes >= maxOwn) return false;
          own.push(chunk);
          ownBytes += chunk.length;
          onBytes?.(ownBytes);
          for (let r = receiveMessageOnPort(port1); r; r = receiveMessageOnPort(port1)) take(r.message as ToMain);
          caughtUp = result !== null || (!failed && sent >= fed);
          return !caughtUp;
        });
      } catch (err) {
        // The scoring side failed (or the file could not be read): stop the worker too.
        port1.close();
        void worker.terminate();
        return Promise.reject(err);
      }
      if (!caughtUp && ownBytes < maxOwn) {
        // All decoded here: the worker is not needed.
        own.end();
        port1.close();
        void worker.terminate();
        return Promise.resolve(finished({
          counters: { ...own.counters }, descriptor: own.descriptor, drops: { ...own.drops },
          unusable: [...own.unusable_channels], calibrated_by_host: own.calibrated_by_host,
        }));
      }
      return new Promise<RawWorkerResult>((resolve, reject) => {
        let settled = false;
        const settle = (f: () => void): void => {
          if (settled) return;
          settled = true;
          port1.close();
          f();
        };
        const check = (): void => {
          if (result) { const r = result; settle(() => resolve(finished(r))); }
          else if (failed) settle(() => reject(failure));
        };
        const handle = (m: ToMain): void => {
          if (settled) return;
          try {
            take(m);
          } catch (err) {
            // The scoring side failed: stop decoding.
            settle(() => reject(err));
            void worker.terminate();
            return;
          }
          check();
        };
        drain = () => {
          for (let r = settled ? undefined : receiveMessageOnPort(port1); r; r = settled ? undefined : receiveMessageOnPort(port1)) handle(r.message as ToMain);
        };
        onFail = () => check();
        port1.on('message', handle);
        check();
      });
    },
  };
}

/** The first intact descriptor, looked for slice by slice as `pijat score` does. */
function firstDescriptor(feed: Feed): Descriptor | null {
  let descriptor: Descriptor | null = null;
  feed((chunk) => {
    descriptor = findDescriptor(chunk);
    return descriptor === null;
  });
  return descriptor;
}

if (!isMainThread && (workerData as { pijatRaw?: unknown } | null)?.pijatRaw) {
  const { path, profile, port } = (workerData as { pijatRaw: { path: string; profile: Profile; port: MessagePort } }).pijatRaw;
  runWorker(path, profile, port);
}
