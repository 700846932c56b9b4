// `pijat flash --port PATH [--board espruino|espruino-rp2040|kaluma] [--no-save] [--file FILE] [--print]`:
// uploads the built glove firmware and checks that it runs (host/flash/run.ts):
// - a glove already running Pijat firmware is first asked for its console (REPL), the `console`
//   command of PROTOCOL.md 3.4, so that the upload reaches the REPL and not the firmware;
// - Espruino Pico / Espruino on an RP2040: the `espruino` npm CLI (optional dependency) sends
//   firmware/dist/pijat-espruino[-rp2040].js and then `save()`;
// - Raspberry Pi Pico with Kaluma: pijat sends firmware/dist/pijat-kaluma.js itself over Kaluma's
//   `.flash -w` YMODEM receiver and starts it with `.load`;
// - then the new firmware must announce itself with package.json's version, or the command fails
//   with what to do (the board's power-up recovery).
import { Option, type Command } from 'commander';
import { t, type Entry, type Lang, type Params } from '../../shared/i18n/index';
import { FIRMWARE } from '../../shared/i18n/firmware';
import { askForConsole, type ConsoleHandover, type HandoverTiming } from '../flash/handover';
import { realClock } from '../flash/link';
import { runEspruinoCli } from '../flash/espruino';
import { commandLine, planFlash, type FlashPlan } from '../flash/plan';
import { flashGlove } from '../flash/run';
import type { Transport } from '../transport/types';
import { runCommand } from './errors';
import { examples, h, langOf, langOption } from './options';

export { commandLine, firmwareFile, packageRoot, planFlash, type Board, type FlashPlan } from '../flash/plan';
export { HANDOVER_TIMING, type ConsoleHandover, type HandoverTiming } from '../flash/handover';
export { flashGlove, type FlashEnv, type FlashOutcome } from '../flash/run';

/** Asks the glove on `transport` to give its console to the USB link (PROTOCOL.md 3.4), in real time. */
export async function handOverConsole(transport: Transport, timing?: HandoverTiming): Promise<ConsoleHandover> {
  return (await askForConsole(transport, realClock, timing)).result;
}

/** Runs the plan's espruino CLI upload alone (no handover, no check), echoing its output. */
export function runFlash(plan: FlashPlan, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  return runEspruinoCli(plan, out);
}

interface FlashOptions {
  port?: string;
  board?: string;
  save?: boolean;
  print?: boolean;
  file?: string;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('flash')
    .description(h(FIRMWARE.cmd_flash))
    .option('--port <path>', h(FIRMWARE.opt_port))
    .addOption(new Option('--board <board>', h(FIRMWARE.opt_board)).default('espruino'))
    .option('--no-save', h(FIRMWARE.opt_no_save))
    .option('--file <path>', h(FIRMWARE.opt_file))
    .option('--print', h(FIRMWARE.opt_print))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat flash --port /dev/ttyACM0', FIRMWARE.ex_flash],
      ['pijat flash --port /dev/ttyACM0 --board espruino-rp2040', FIRMWARE.ex_flash_rp2040],
      ['pijat flash --port COM5 --board kaluma', FIRMWARE.ex_flash_kaluma],
      ['pijat flash --port /dev/ttyACM0 --print', FIRMWARE.ex_flash_print],
    ]))
    .action((opts: FlashOptions) => {
      const lang = langOf(opts);
      return runCommand(lang, async () => {
        const plan = planFlash(opts);
        const say = (entry: Entry, params?: Params): void => {
          process.stdout.write(`${t(entry, lang, params)}\n`);
        };
        if (opts.print) {
          process.stdout.write(`${commandLine(plan)}\n`);
          if (plan.board === 'kaluma') say(FIRMWARE.kaluma_print_note);
          return;
        }
        if (plan.board === 'kaluma' && opts.save === false) say(FIRMWARE.kaluma_no_save);
        const outcome = await flashGlove(plan, {
          say,
          uploadEspruino: (p, out) => {
            say(FIRMWARE.running, { command: commandLine(p) });
            return runEspruinoCli(p, out);
          },
        });
        reportSuccess(plan, outcome.after.firmware_version, outcome.before?.firmware_version, outcome.ms, lang);
      });
    });
}

function reportSuccess(plan: FlashPlan, version: string, before: string | undefined, ms: number, lang: Lang): void {
  const lines = [t(FIRMWARE.flashed, lang, { version, port: plan.port, board: plan.board, seconds: (ms / 1000).toFixed(1) })];
  if (before !== undefined) lines.push(t(FIRMWARE.flashed_before, lang, { version: before }));
  if (!plan.save && plan.board !== 'kaluma') lines.push(t(FIRMWARE.flashed_no_save, lang));
  process.stdout.write(`${lines.join('\n')}\n`);
}
