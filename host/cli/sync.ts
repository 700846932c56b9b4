// `pijat sync`: sends the lab's changes to the central PostgreSQL (host/central/sync.ts).
import type { Command } from 'commander';
import { t } from '../../shared/i18n/index';
import { CENTRAL as C } from '../../shared/i18n/central';
import { CLI } from '../../shared/i18n/cli';
import { Store, resolveDataDir } from '../store/index';
import { syncStore } from '../central/sync';
import { UserError, runCommand } from './errors';
import { dataOption, examples, h, intArg, langOf, langOption } from './options';

interface Opts {
  to?: string;
  withNames?: boolean;
  frames?: boolean;
  full?: boolean;
  batch?: string;
  json?: boolean;
  data?: string;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('sync')
    .description(h(C.cmd_sync))
    .option('--to <url>', h(C.opt_to))
    .option('--with-names', h(C.opt_with_names))
    .option('--frames', h(C.opt_frames))
    .option('--full', h(C.opt_full))
    .option('--batch <n>', h(C.opt_batch))
    .option('--json', h(CLI.opt_json))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat sync --to postgres://pijat_lab_puskesmas_3:SANDI@pusat.example:5432/pijat', C.ex_sync],
      ['PIJAT_CENTRAL=postgres://... pijat sync --with-names', C.ex_sync_env],
    ]))
    .action((opts: Opts) => runCommand(langOf(opts), () => sync(opts)));
}

async function sync(opts: Opts): Promise<void> {
  const lang = langOf(opts);
  const url = opts.to ?? process.env.PIJAT_CENTRAL;
  if (!url) throw new UserError(C.no_url);
  const batch = intArg('--batch', opts.batch, 1);
  const store = Store.open(resolveDataDir(opts.data));
  try {
    const r = await syncStore(store, url, {
      withNames: opts.withNames === true,
      frames: opts.frames === true,
      full: opts.full === true,
      batch,
      onProgress: opts.json ? undefined : (p) => process.stdout.write(`${t(C.sync_progress, lang, { ...p })}\n`),
    });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      return;
    }
    const tls = t(r.tls ? C.tls_on : C.tls_off, lang);
    if (r.changes === 0) {
      process.stdout.write(`${t(C.sync_nothing, lang, { where: r.where, lab: r.lab, tls })}\n`);
      return;
    }
    process.stdout.write(
      `${t(C.sync_done, lang, { where: r.where, lab: r.lab, tls, sessions: r.sessions, trainees: r.trainees, frames: r.frameChunks })}\n`,
    );
    if (!opts.withNames) process.stdout.write(`${t(C.sync_names_note, lang)}\n`);
  } finally {
    store.close();
  }
}
