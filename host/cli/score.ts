// `pijat score FILE`: scores a raw capture or a CSV recording with an SOP profile.
// Hot path: with the compiled scorer (native/), the file is read whole and scored in one call;
// a file it declines, or every file without it, goes through the TypeScript: read in 1 MiB
// slices into one reused buffer, each slice straight to the pipeline or the CSV reader. Nothing
// here runs per frame. Start-up matters as much as the scoring (a 1-hour file scores in a
// fraction of a second): a built-in profile is read without its schema, and the store
// (better-sqlite3) is loaded only for a raw capture when a store file exists, so scoring loads
// neither zod nor SQLite.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import type { DecoderCounters, Descriptor } from '../../shared/protocol/types';
import type { Report } from '../../shared/engine/report-schema';
import type { Profile } from '../../shared/profiles/schema';
import { builtinProfileData, isBuiltinId } from '../../shared/profiles/builtin';
import { resolveDataDir, storeFile } from '../store/paths';
import { UserError, runCommand } from './errors';
import { examples, h, langOf, langOption } from './options';
import { createProgress } from './progress';
import { renderReport } from './render-report';

interface Opts {
  profile?: string;
  json?: boolean;
  lang?: string;
  data?: string;
}

const SLICE = 1 << 20;
/**
 * A CSV file this big (about 10 minutes at 100 Hz with every column) is parsed on a worker
 * thread: below it, starting a second thread (~30 ms of CPU) costs more than it saves.
 */
const WORKER_MIN_BYTES = 4 << 20;
/**
 * A file up to this size is read whole (a 24-hour CSV at 100 Hz is about 0.9 GB): the compiled
 * scorer needs it in one piece. A larger one is read in slices by the TypeScript.
 */
const WHOLE_MAX_BYTES = 256 << 20;

export function register(program: Command): void {
  program
    .command('score')
    .description(h(CLI.cmd_score))
    .argument('<file>', h(CLI.arg_file))
    .option('--profile <name|path>', h(CLI.opt_profile), 'sop-000')
    .option('--json', h(CLI.opt_json))
    .option('--data <dir>', h(CLI.opt_data_calibration))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat score sesi.bin', CLI.ex_score_raw],
      ['pijat score latihan.csv --profile clinic-004 --lang en', CLI.ex_score_csv],
      ['pijat score sesi.bin --json > laporan.json', CLI.ex_score_json],
      ['pijat score sesi.bin --profile ./profil-kampus.json', CLI.ex_score_file],
    ]))
    .action((file: string, opts: Opts) => runCommand(langOf(opts), () => scoreCommand(file, opts)));
}

export interface ScoreResult {
  report: Report;
  /** Warnings for stderr, already in the chosen language. */
  warnings: string[];
}

/**
 * Calls `push` with the recording's bytes from the start, in order, in slices (which may be
 * reused); stops early when `push` returns false. It can be called more than once.
 */
type Feed = (push: (chunk: Uint8Array) => boolean | void) => void;

/** Scores a whole recording held in memory (raw bytes or CSV text). */
export async function scoreBytes(bytes: Uint8Array, file: string, opts: Opts, lang: Lang): Promise<ScoreResult> {
  return scoreFeed(bytes.subarray(0, SLICE), bytes.length, memoryFeed(bytes), null, bytes, file, opts, lang);
}

/** Slices of a recording held in memory. */
function memoryFeed(bytes: Uint8Array): Feed {
  return (push) => {
    for (let off = 0; off < bytes.length; off += SLICE) if (push(bytes.subarray(off, Math.min(bytes.length, off + SLICE))) === false) return;
  };
}

/** A built-in profile without its schema; a profile file through the validating parser. */
async function profileFor(name: string | undefined): Promise<Profile> {
  if (name === undefined || isBuiltinId(name)) return builtinProfileData(name ?? 'sop-000');
  const { resolveProfile } = await import('../profiles');
  return resolveProfile(name);
}

/**
 * Scores a recording given as slices of bytes (`head`: its first bytes, to tell CSV from raw);
 * `whole`: all of it in one array, for the compiled scorer (tried first when given).
 * A large CSV file on disk (`path`) is parsed on a worker thread while this one scores. The scoring
 * modules are imported here, not at the top, so that other commands do not pay for loading them.
 */
async function scoreFeed(
  head: Uint8Array, size: number, feed: Feed, path: string | null, whole: Uint8Array | null, file: string, opts: Opts, lang: Lang,
): Promise<ScoreResult> {
  if (size === 0) throw new UserError(CLI.score_empty, { file });
  // Every module scoring needs starts loading at once (one after the other, each load would
  // wait for the last); the first failure is the one reported.
  const loading = [import('../io/csv'), import('../../shared/pipeline')] as const;
  loading[1].catch(() => {}); // awaited below; unhandled only if the CSV module failed first
  const native = whole ? import('../native/score-native') : null;
  native?.catch(() => {});
  const profile = await profileFor(opts.profile);
  const { CsvReader, looksLikeCsv } = await loading[0];
  const csv = looksLikeCsv(head);
  if (csv && native) {
    // The compiled scorer, when built and the file is on its path; otherwise the TypeScript below.
    const done = (await native).scoreCsvNative(whole!, file, profile);
    if (done) return { report: done.report, warnings: done.csv.warnings.map((w) => t(w.entry, lang, w.params)) };
  }
  // The worker starts before the scoring modules load: its start-up overlaps their loading.
  const inWorker = csv && path && size >= WORKER_MIN_BYTES ? (await import('../io/csv-worker')).startCsvWorker(path, file) : null;
  const { createPipeline, findDescriptor } = await loading[1];
  const warnings: string[] = [];
  const progress = createProgress(t(CLI.progress_scoring, lang), size, { unit: 'B' });
  let done = 0;
  try {
    if (csv) {
      const pipe = createPipeline({ profile, source: 'csv' });
      const bytesPerRow = head.length / Math.max(1, countLines(head));
      let res;
      if (inWorker) res = await inWorker.run((s) => pipe.pushSample(s), (rows) => progress.update(Math.min(size, rows * bytesPerRow)));
      else {
        const reader = new CsvReader(file, (s) => pipe.pushSample(s));
        feed((chunk) => {
          reader.push(chunk);
          progress.update((done += chunk.length));
        });
        res = reader.end();
      }
      for (const w of res.warnings) warnings.push(t(w.entry, lang, w.params));
      return { report: pipe.report(), warnings };
    }
    // A glove's stored calibration (pijat calibrate) applies only if a store exists.
    const cal = existsSync(storeFile(resolveDataDir(opts.data)))
      ? (await import('./stored-calibration')).lazyStoreCalibration(opts.data)
      : null;
    try {
      // The first descriptor anywhere in the file calibrates the samples before it (a damaged
      // start): look for it first, reading on only until it is found.
      let descriptor = null as Descriptor | null;
      feed((chunk) => {
        descriptor = findDescriptor(chunk);
        return descriptor === null;
      });
      if (native && descriptor) {
        const done = (await native).scoreRawNative(whole!, profile, descriptor, cal?.lookup(descriptor.device_id));
        if (done) {
          checkRaw(done.counters, descriptor, file, warnings, lang);
          return { report: done.report, warnings };
        }
      }
      const pipe = createPipeline({ profile, source: 'raw', calibration: cal?.lookup, descriptor });
      feed((chunk) => {
        pipe.push(chunk);
        progress.update((done += chunk.length));
      });
      pipe.end();
      checkRaw(pipe.counters, pipe.descriptor, file, warnings, lang);
      return { report: pipe.report(), warnings };
    } finally {
      cal?.close();
    }
  } finally {
    progress.stop();
  }
}

function countLines(b: Uint8Array): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}

function checkRaw(c: DecoderCounters, descriptor: Descriptor | null, file: string, warnings: string[], lang: Lang): void {
  if (c.frames === 0) {
    throw new UserError(CLI.score_no_frames, { file, bytes: c.bytes, junk: c.junk_bytes, crc: c.crc_errors });
  }
  if (!descriptor) throw new UserError(CLI.score_no_descriptor, { file, frames: c.frames });
  // The simulator and real USB links lose a frame now and then: only a damaged file is worth a warning.
  if (c.crc_errors > 0 || c.lost_frames > c.frames * 0.01) {
    warnings.push(t(CLI.score_damaged, lang, { file, crc: c.crc_errors, lost: c.lost_frames, junk: c.junk_bytes }));
  }
}

function unreadable(file: string, err: unknown): UserError {
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new UserError(CLI.file_unreadable, { file, reason });
}

/** A file read whole into one buffer. */
function readWhole(fd: number, size: number, file: string): Uint8Array {
  const all = Buffer.allocUnsafe(size); // every byte is read into it (no zero-fill)
  let n = 0;
  for (let got = 1; n < all.length && got > 0; n += got) {
    try {
      got = readSync(fd, all, n, all.length - n, n);
    } catch (err) {
      throw unreadable(file, err);
    }
  }
  return all.subarray(0, n);
}

/**
 * Scores a file: whole when the compiled scorer is there (up to WHOLE_MAX_BYTES; mapped, or read
 * where it cannot be mapped), otherwise
 * in slices into one reused buffer (the pipeline and the CSV reader copy what they keep).
 */
export async function scoreFile(file: string, opts: Opts, lang: Lang): Promise<ScoreResult> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const buf = new Uint8Array(SLICE);
    const read = (pos: number | null): number => {
      try {
        return readSync(fd, buf, 0, SLICE, pos);
      } catch (err) {
        throw unreadable(file, err);
      }
    };
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      // A pipe or device (/dev/stdin): read it once, whole, and score it from memory.
      const parts: Uint8Array[] = [];
      for (let n = read(null); n > 0; n = read(null)) parts.push(buf.slice(0, n));
      const all = new Uint8Array(parts.reduce((a, b) => a + b.length, 0));
      let off = 0;
      for (const part of parts) {
        all.set(part, off);
        off += part.length;
      }
      return await scoreBytes(all, file, opts, lang);
    }
    const native = stat.size <= WHOLE_MAX_BYTES ? (await import('../native/addon')).nativeScorer() : null;
    if (native) {
      // Whole: the compiled scorer takes the file in one piece (and the rest reads it from memory).
      // The scoring modules start loading first: their files are read on libuv's threads meanwhile.
      for (const m of [import('../io/csv'), import('../../shared/pipeline'), import('../native/score-native')]) m.catch(() => {});
      const bytes = native.mapFile(fd) ?? readWhole(fd, stat.size, file);
      return await scoreFeed(bytes.subarray(0, SLICE), bytes.length, memoryFeed(bytes), file, bytes, file, opts, lang);
    }
    const first = read(0);
    const head = buf.slice(0, first);
    // Each call reads the file from its start (a raw capture is read twice: first up to its
    // first descriptor, then whole), into the one reused buffer.
    const feed: Feed = (push) => {
      for (let pos = 0, n = read(0); n > 0; pos += n, n = read(pos)) if (push(buf.subarray(0, n)) === false) return;
    };
    return await scoreFeed(head, Math.max(stat.size, first), feed, file, null, file, opts, lang);
  } finally {
    closeSync(fd);
  }
}

async function scoreCommand(file: string, opts: Opts): Promise<void> {
  const lang = langOf(opts);
  const { report, warnings } = await scoreFile(file, opts, lang);
  for (const w of warnings) process.stderr.write(`pijat: ${w}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(renderReport(report, lang, t(CLI.score_title, lang, { file })));
}
