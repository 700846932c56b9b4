// `pijat export SESSION --format csv|json [--out FILE]`: a stored session for other tools.
// CSV: the DESIGN.md columns (calibrated with the glove's stored fit), streamed in blocks.
// JSON: the session, its report, the checklist, the documentation and the outcome sheet.
import { closeSync, openSync, writeSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { Store, resolveDataDir, type Session } from '../store';
import { UserError, runCommand } from './errors';
import { dataOption, examples, h, langOf, langOption } from './options';
import { sessionReport } from './report';
import { replaySession, sessionArg, sessionProfile } from './stored-session';

interface Opts {
  format?: 'csv' | 'json';
  out?: string;
  profile?: string;
  data?: string;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('export')
    .description(h(CLI.cmd_export))
    .argument('<session>', h(CLI.arg_session))
    .addOption(new Option('--format <format>', h(CLI.opt_format)).choices(['csv', 'json']))
    .option('--out <file>', h(CLI.opt_out))
    .option('--profile <name|path>', h(CLI.opt_profile_rescore))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat export 3 --format csv --out sesi-3.csv', CLI.ex_export_csv],
      ['pijat export 3 --format json > sesi-3.json', CLI.ex_export_json],
    ]))
    .action((session: string, opts: Opts) => runCommand(langOf(opts), () => exportCommand(session, opts)));
}

/** Writes text to a file (or stdout) in blocks, so a long session never sits in memory whole. */
class Output {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(readonly file: string | undefined) {
    try {
      this.fd = file ? openSync(file, 'w') : 1;
    } catch (err) {
      throw new UserError(CLI.file_unwritable, { file: file ?? '-', reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    }
  }
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    writeSync(this.fd, text);
  }
  close(): void {
    this.flush();
    if (this.file) closeSync(this.fd);
  }
}

/** --format, else what --out's name says (.json), else CSV. */
function formatOf(opts: Opts): 'csv' | 'json' {
  if (opts.format) return opts.format;
  return opts.out?.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

async function exportCommand(arg: string, opts: Opts): Promise<void> {
  const lang = langOf(opts);
  const id = sessionArg(arg);
  const store = Store.open(resolveDataDir(opts.data), { create: false });
  try {
    const session = store.getSession(id);
    if (formatOf(opts) === 'csv') await exportCsv(store, session, opts, lang);
    else await exportJson(store, session, opts, lang);
  } finally {
    store.close();
  }
}

async function exportCsv(store: Store, session: Session, opts: Opts, lang: Lang): Promise<void> {
  const { CsvWriter } = await import('../io/csv');
  const profile = await sessionProfile(session, opts.profile);
  const out = new Output(opts.out);
  let writer: InstanceType<typeof CsvWriter> | undefined;
  let rows = 0;
  try {
    await replaySession(store, session, profile, t(CLI.progress_exporting, lang), (s, pipe) => {
      if (!writer) {
        // Columns from the glove's layout: knuckles and IMU only when it has them.
        const ch = pipe.descriptor?.channels ?? [];
        writer = new CsvWriter({
          knuckles: ch.some((c) => c.kind === 'fsr' && c.site === 'knuckle'),
          imu: ch.some((c) => c.kind !== 'fsr'),
        });
        out.write(writer.header());
      }
      out.write(writer.row(s));
      rows++;
    });
  } finally {
    out.close();
  }
  if (opts.out) process.stderr.write(`${t(CLI.export_written, lang, { rows, file: opts.out })}\n`);
}

async function exportJson(store: Store, session: Session, opts: Opts, lang: Lang): Promise<void> {
  const { report } = await sessionReport(store, session, lang, opts.profile);
  const s = store.getSession(session.id);
  const doc = {
    export_version: 1,
    session: {
      id: s.id,
      trainee: s.trainee,
      nim: s.nim,
      cohort: s.cohort,
      profile: s.profile,
      device_id: s.device_id,
      started: s.started,
      ended: s.ended,
      status: s.status,
      label: s.label,
      source: s.source,
      client: s.client,
      bytes: s.bytes,
      frames: s.frames,
      recorded_s: s.recorded_s,
    },
    report,
    checklist: store.getChecklist(s.id).map((c) => ({ id: c.id, phase: c.phase, label: c.label, source: c.source, done: c.done })),
    documentation: store.getDocumentation(s.id) ?? null,
    outcome: s.client ? store.getOutcome(s.client) : null,
  };
  const out = new Output(opts.out);
  try {
    out.write(`${JSON.stringify(doc, null, 2)}\n`);
  } finally {
    out.close();
  }
}
