// `pijat start` (what `npm start` runs): serve the gloves that are plugged in; with none, serve
// one simulated trainee so the instructor page shows something at once (DESIGN.md contract).
import type { Command } from 'commander';
import { t } from '../../shared/i18n/index';
import { serveStrings as S } from '../../shared/i18n/web-class';
import { listGloves } from '../transport/index';
import { runCommand } from './errors';
import { dataOption, examples, h, langOf, langOption } from './options';
import { UserError } from './errors';
import { runServer, setupFrom, wholeNumber, type ServeOpts } from './serve';

export function register(program: Command): void {
  program
    .command('start')
    .description(h(S.cmd_start))
    .option('--port <port>', h(S.opt_port), '8080')
    .addOption(dataOption())
    .option('--profile <name|path>', h(S.opt_profile))
    .option('--no-open', h(S.opt_no_open))
    .option('--speed <x>', h(S.opt_speed), '1')
    .addOption(langOption())
    .addHelpText(
      'after',
      examples([
        ['pijat start', S.ex_start],
        ['pijat start --port 9000 --lang en --no-open', S.ex_start_port],
        ['pijat start --speed 5', S.ex_start_speed],
      ]),
    )
    .action((opts: StartOpts) => runCommand(langOf(opts), () => start(opts)));
}

/** Glove boards on USB now (ports of other devices do not count). */
export async function attachedGloves(): Promise<number> {
  try {
    return (await listGloves()).filter((p) => p.board !== 'other').length;
  } catch {
    return 0;
  }
}

type StartOpts = ServeOpts & { speed?: string };

/** --speed: 1-20 times real time for the simulated trainee. */
export function demoSpeed(value: string | undefined): number {
  const speed = wholeNumber(value, 1, 20, S.bad_speed);
  if (speed < 1) throw new UserError(S.bad_speed, { value: String(value) });
  return speed;
}

async function start(opts: StartOpts): Promise<void> {
  const lang = langOf(opts);
  const speed = demoSpeed(opts.speed);
  const n = await attachedGloves();
  const setup = { ...setupFrom({ ...opts, host: '127.0.0.1', sim: n > 0 ? '0' : '1' }), simSpeed: speed };
  await runServer(setup, lang, () => {
    process.stdout.write((n > 0 ? t(S.gloves_found, lang, { n, sim: 0 }) : t(S.no_glove_sim, lang)) + '\n');
    if (n === 0) process.stdout.write(t(speed > 1 ? S.demo_speed : S.demo_speed_hint, lang, { speed }) + '\n');
  });
}
