// `pijat score FILE`: scores a raw capture or a CSV recording with an SOP profile.
// Hot path: the file is read in one go and handed to the pipeline in 1 MiB slices; nothing
// here runs per frame. The store (better-sqlite3) is opened only if a glove's descriptor asks
// for its stored calibration and a store exists.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import type { Pipeline } from '../../shared/pipeline';
import type { Report } from '../../shared/engine/report-schema';
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
 * Scores a whole recording held in memory (raw bytes or CSV text). The scoring modules are
 * imported here, not at the top, so that other commands do not pay for loading them.
 */
export async function scoreBytes(bytes: Uint8Array, file: string, opts: Opts, lang: Lang): Promise<ScoreResult> {
  const [{ createPipeline, findDescriptor }, { CsvReader, looksLikeCsv }, { resolveProfile }, { lazyStoreCalibration }] = await Promise.all([
    import('../../shared/pipeline'),
    import('../io/csv'),
    import('../profiles'),
    import('./stored-calibration'),
  ]);
  const profile = resolveProfile(opts.profile);
  if (bytes.length === 0) throw new UserError(CLI.score_empty, { file });
  const warnings: string[] = [];
  const progress = createProgress(t(CLI.progress_scoring, lang), bytes.length, { unit: 'B' });
  try {
    if (looksLikeCsv(bytes)) {
      const pipe = createPipeline({ profile, source: 'csv' });
      const reader = new CsvReader(file, (s) => pipe.pushSample(s));
      for (let off = 0; off < bytes.length; off += SLICE) {
        reader.push(bytes.subarray(off, Math.min(bytes.length, off + SLICE)));
        progress.update(Math.min(bytes.length, off + SLICE));
      }
      const res = reader.end();
      for (const w of res.warnings) warnings.push(t(w.entry, lang, w.params));
      return { report: pipe.report(), warnings };
    }
    const cal = lazyStoreCalibration(opts.data);
    try {
      // The first descriptor anywhere in the file calibrates the samples before it (a damaged start).
      const pipe = createPipeline({ profile, source: 'raw', calibration: cal.lookup, descriptor: findDescriptor(bytes) });
      for (let off = 0; off < bytes.length; off += SLICE) {
        pipe.push(bytes.subarray(off, Math.min(bytes.length, off + SLICE)));
        progress.update(Math.min(bytes.length, off + SLICE));
      }
      pipe.end();
      checkRaw(pipe, file, warnings, lang);
      return { report: pipe.report(), warnings };
    } finally {
      cal.close();
    }
  } finally {
    progress.stop();
  }
}

function checkRaw(pipe: Pipeline, file: string, warnings: string[], lang: Lang): void {
  const c = pipe.counters;
  if (c.frames === 0) {
    throw new UserError(CLI.score_no_frames, { file, bytes: c.bytes, junk: c.junk_bytes, crc: c.crc_errors });
  }
  if (!pipe.descriptor) throw new UserError(CLI.score_no_descriptor, { file, frames: c.frames });
  // The simulator and real USB links lose a frame now and then: only a damaged file is worth a warning.
  if (c.crc_errors > 0 || c.lost_frames > c.frames * 0.01) {
    warnings.push(t(CLI.score_damaged, lang, { file, crc: c.crc_errors, lost: c.lost_frames, junk: c.junk_bytes }));
  }
}

function readWhole(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError(CLI.file_unreadable, { file, reason });
  }
}

async function scoreCommand(file: string, opts: Opts): Promise<void> {
  const lang = langOf(opts);
  const { report, warnings } = await scoreBytes(readWhole(file), file, opts, lang);
  for (const w of warnings) process.stderr.write(`pijat: ${w}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(renderReport(report, lang, t(CLI.score_title, lang, { file })));
}
