// `pijat start` (what `npm start` runs): serve the gloves that are plugged in; with none, serve
// one simulated trainee so the instructor page shows something at once (DESIGN.md contract).
import type { Command } from 'commander';
import { t } from '../../shared/i18n/index';
import { serveStrings as S } from '../../shared/i18n/web-class';
import { listGloves } from '../transport/index';
import { runCommand } from './errors';
import { dataOption, examples, h, langOf, langOption } from './options';
import { runServer, setupFrom, type ServeOpts } from './serve';

export function register(program: Command): void {
  program
    .command('start')
    .description(h(S.cmd_start))
    .option('--port <port>', h(S.opt_port), '8080')
    .addOption(dataOption())
    .option('--profile <name|path>', h(S.opt_profile))
    .option('--no-open', h(S.opt_no_open))
    .addOption(langOption())
    .addHelpText(
      'after',
      examples([
        ['pijat start', S.ex_start],
        ['pijat start --port 9000 --lang en --no-open', S.ex_start_port],
      ]),
    )
    .action((opts: ServeOpts) => runCommand(langOf(opts), () => start(opts)));
}

/** Glove boards on USB now (ports of other devices do not count). */
export async function attachedGloves(): Promise<number> {
  try {
    return (await listGloves()).filter((p) => p.board !== 'other').length;
  } catch {
    return 0;
  }
}

async function start(opts: ServeOpts): Promise<void> {
  const lang = langOf(opts);
  const n = await attachedGloves();
  const setup = setupFrom({ ...opts, host: '127.0.0.1', sim: n > 0 ? '0' : '1' });
  await runServer(setup, lang, () => {
    process.stdout.write((n > 0 ? t(S.gloves_found, lang, { n, sim: 0 }) : t(S.no_glove_sim, lang)) + '\n');
  });
}
