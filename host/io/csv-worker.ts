// A CSV recording parsed on a second thread while the caller's thread scores: parsing and the
// engine take about the same time, so `pijat score` on a CSV finishes in the time of the slower
// of the two instead of their sum. The worker runs the same CsvReader (same checks, same
// messages) and sends the samples in batches of plain numbers; an error in the file arrives as
// the same CsvError. Used from the bundle (dist/csv-worker.mjs, scripts/build-cli.ts); from
// the sources the caller reads the file on its own thread (readCsvInWorker returns null).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { blankSample } from '../../shared/engine/calibration';
import type { EngineSample, HandSample } from '../../shared/engine/types';
import type { Entry, Params } from '../../shared/i18n/index';
import { CsvError, readCsvFile, type CsvReadResult } from './csv';

/** Numbers per sample in a batch: t_s, 8 per hand, and the IMU flags (1 left, 2 right). */
const STRIDE = 18;
const BATCH = 4096;

type ToMain =
  | { type: 'rows'; data: Float64Array; n: number }
  | { type: 'end'; result: CsvReadResult }
  | { type: 'csv_error'; entry: Entry; params: Params; line: number; column?: string }
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

/** The worker's side: parse `path`, post batches, then the result or the error. */
function runWorker(path: string, file: string): void {
  const port = parentPort!;
  let data = new Float64Array(BATCH * STRIDE);
  let n = 0;
  const flush = (): void => {
    if (n === 0) return;
    const msg: ToMain = { type: 'rows', data, n };
    port.postMessage(msg, [data.buffer]);
    data = new Float64Array(BATCH * STRIDE);
    n = 0;
  };
  try {
    const result = readCsvFile(path, (s) => {
      const o = n * STRIDE;
      data[o] = s.t_s;
      putHand(data, o + 1, s.left);
      putHand(data, o + 9, s.right);
      data[o + 17] = (s.left.imu_ok ? 1 : 0) | (s.right.imu_ok ? 2 : 0);
      if (++n === BATCH) flush();
    }, file);
    flush();
    port.postMessage({ type: 'end', result } satisfies ToMain);
  } catch (err) {
    flush();
    const msg: ToMain = err instanceof CsvError
      ? { type: 'csv_error', entry: err.entry, params: err.params, line: err.line, column: err.column }
      : { type: 'failed', error: err };
    port.postMessage(msg);
  }
}

/** Where the bundled worker is, or null when running from the sources. */
function workerFile(): string | null {
  if (!import.meta.url.startsWith('file:')) return null;
  // dist/csv-worker.mjs, seen from a chunk in dist/cli/ (or from dist/ itself).
  for (const rel of ['../csv-worker.mjs', './csv-worker.mjs']) {
    const f = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(f)) return f;
  }
  return null;
}

/** A CSV file being parsed on a worker thread; run() consumes its samples. */
export interface CsvWorkerRead {
  /**
   * Calls `onSample` (one reused object) on this thread for every row, in order; resolves with
   * the reader's result or rejects with the CsvError the file deserves. Call once.
   */
  run(onSample: (s: EngineSample) => void, onRows?: (rows: number) => void): Promise<CsvReadResult>;
}

/**
 * Starts parsing the CSV file at `path` on a worker thread at once (so that the worker's start
 * overlaps whatever the caller loads meanwhile; batches wait until run()). Null when no bundled
 * worker exists: the caller then reads the file itself. `script`: the worker's file (tests pass
 * one they built).
 */
export function startCsvWorker(path: string, file: string, script: string | null = workerFile()): CsvWorkerRead | null {
  if (!script) return null;
  const worker = new Worker(script, { workerData: { pijatCsv: { path, file } } });
  const queue: ToMain[] = [];
  let consume: ((m: ToMain) => void) | null = null;
  let failure: unknown = null;
  let failed = false;
  const fail = (err: unknown): void => {
    if (consume) consume({ type: 'failed', error: err });
    else if (!failed) { failed = true; failure = err; }
  };
  worker.on('message', (m: ToMain) => (consume ? consume(m) : queue.push(m)));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`CSV worker stopped (exit ${code}) before the end of ${file}`)));
  return {
    run(onSample, onRows) {
      return new Promise<CsvReadResult>((resolve, reject) => {
        const s = blankSample();
        let rows = 0;
        let settled = false;
        const settle = (f: () => void): void => {
          if (settled) return;
          settled = true;
          f();
        };
        consume = (m) => {
          if (settled) return;
          try {
            switch (m.type) {
              case 'rows': {
                const d = m.data;
                for (let i = 0, o = 0; i < m.n; i++, o += STRIDE) {
                  s.t_s = d[o]!;
                  const flags = d[o + 17]!;
                  getHand(d, o + 1, s.left, (flags & 1) !== 0);
                  getHand(d, o + 9, s.right, (flags & 2) !== 0);
                  onSample(s);
                }
                rows += m.n;
                onRows?.(rows);
                break;
              }
              case 'end':
                settle(() => resolve(m.result));
                break;
              case 'csv_error':
                settle(() => reject(new CsvError(m.entry, m.params, m.line, m.column)));
                break;
              case 'failed':
                settle(() => reject(m.error));
                break;
            }
          } catch (err) {
            // The scoring side failed (onSample threw): stop reading.
            settle(() => reject(err));
            void worker.terminate();
          }
        };
        for (const m of queue.splice(0)) consume(m);
        if (failed) consume({ type: 'failed', error: failure });
      });
    },
  };
}

/** startCsvWorker(...).run(...) in one call; null without a bundled worker. */
export function readCsvInWorker(
  path: string, file: string, onSample: (s: EngineSample) => void, onRows?: (rows: number) => void,
  script: string | null = workerFile(),
): Promise<CsvReadResult> | null {
  const w = startCsvWorker(path, file, script);
  return w ? w.run(onSample, onRows) : null;
}

if (!isMainThread && (workerData as { pijatCsv?: unknown } | null)?.pijatCsv) {
  const { path, file } = (workerData as { pijatCsv: { path: string; file: string } }).pijatCsv;
  runWorker(path, file);
}
