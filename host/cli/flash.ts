// `pijat flash --port PATH [--board espruino|kaluma] [--no-save] [--print]`: uploads the built
// glove firmware. Espruino Pico: the `espruino` npm CLI (optional dependency) sends
// firmware/dist/pijat-espruino.js and then `save()`. Raspberry Pi Pico: the documented Kaluma
// route, `npx @kaluma/cli flash firmware/dist/pijat-kaluma.js --port PATH`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { t } from '../../shared/i18n/index';
import { FIRMWARE } from '../../shared/i18n/firmware';
import { EXIT_FAILURE, runCommand, UserError } from './errors';
import { examples, h, langOf, langOption } from './options';

export type Board = 'espruino' | 'kaluma';

export interface FlashPlan {
  board: Board;
  port: string;
  file: string;
  /** Program and arguments to run. */
  command: string;
  args: string[];
  /** Whether `save()` follows the upload (Espruino only). */
  save: boolean;
}

/** Seconds to wait for the espruino CLI to exit after "Upload Complete" before ending it. */
const EXIT_GRACE_S = 10;

/** The checkout (or installed package) root: the nearest folder above this file with package.json. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export function firmwareFile(root: string, board: Board): string {
  return join(root, 'firmware', 'dist', `pijat-${board}.js`);
}

function espruinoCli(root: string): string {
  try {
    return createRequire(join(root, 'package.json')).resolve('espruino/bin/espruino-cli.js');
  } catch {
    throw new UserError(FIRMWARE.no_espruino_cli);
  }
}

/**
 * A serial port path that exists (Windows COM ports cannot be stat'ed, so they pass), or a
 * network-attached board as tcp://host:port, which the espruino CLI also speaks.
 */
function checkPort(port: string | undefined): string {
  if (port === undefined || port.trim() === '') throw new UserError(FIRMWARE.no_port);
  const unchecked = /^COM\d+$/i.test(port) || port.startsWith('\\\\.\\') || port.startsWith('tcp://');
  if (!unchecked && !existsSync(port)) throw new UserError(FIRMWARE.port_missing, { port });
  return port;
}

/** What `pijat flash` will run; throws a UserError naming what is missing and the fix. */
export function planFlash(opts: { port?: string; board?: string; save?: boolean }, root = packageRoot()): FlashPlan {
  const board = opts.board ?? 'espruino';
  if (board !== 'espruino' && board !== 'kaluma') throw new UserError(FIRMWARE.bad_board, { board });
  const port = checkPort(opts.port);
  const file = firmwareFile(root, board);
  if (!existsSync(file)) throw new UserError(FIRMWARE.not_built, { file: relative(process.cwd(), file) || file });
  const save = opts.save !== false;
  if (board === 'kaluma') {
    return { board, port, file, command: 'npx', args: ['--yes', '@kaluma/cli', 'flash', file, '--port', port], save };
  }
  // A local copy of the board's JSON: `--board PICO_R1_3` alone would download it, and skills labs are often offline.
  const boardJson = join(root, 'firmware', 'espruino-board', 'PICO_R1_3.json');
  // --no-ble: the CLI would otherwise load its Bluetooth stack, which crashes on machines without D-Bus
  const args = [espruinoCli(root), '--no-ble', '-p', port, '--board', boardJson, file];
  if (save) args.push('-e', 'save()');
  return { board, port, file, command: process.execPath, args, save };
}

/** The plan as one line a person can paste into a shell. */
export function commandLine(plan: FlashPlan): string {
  const quote = (a: string): string => (/^[\w@%+=:,./\\-]+$/.test(a) ? a : `"${a.replace(/"/g, '\\"')}"`);
  const cmd = plan.command === process.execPath ? 'node' : plan.command;
  return [cmd, ...plan.args].map(quote).join(' ');
}

/** Runs the plan, echoing the tool's output; resolves when the upload is done. */
export function runFlash(plan: FlashPlan, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(plan.command, plan.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32' && plan.command === 'npx',
    });
    let tail = '';
    let uploaded = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const onOutput = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      out.write(text);
      tail = (tail + text).slice(-400);
      // The glove starts streaming after save(), which keeps the espruino CLI waiting for silence: end it ourselves.
      if (!uploaded && /Upload Complete/.test(tail)) {
        uploaded = true;
        graceTimer = setTimeout(() => child.kill(), EXIT_GRACE_S * 1000);
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', (err) => {
      if (graceTimer) clearTimeout(graceTimer);
      reject(plan.board === 'kaluma'
        ? new UserError(FIRMWARE.kaluma_failed, { code: err.message, file: plan.file, port: plan.port }, EXIT_FAILURE)
        : err);
    });
    child.on('close', (code) => {
      if (graceTimer) clearTimeout(graceTimer);
      const lastLine = tail.trim().split('\n').slice(-3).join(' | ');
      if (plan.board === 'kaluma') {
        if (code === 0) resolvePromise();
        else reject(new UserError(FIRMWARE.kaluma_failed, { code: String(code), file: plan.file, port: plan.port }, EXIT_FAILURE));
        return;
      }
      if (/Unable to connect/.test(tail)) reject(new UserError(FIRMWARE.no_connect, { port: plan.port }, EXIT_FAILURE));
      else if (uploaded) resolvePromise();
      else reject(new UserError(FIRMWARE.upload_failed, { port: plan.port, code: String(code), tail: lastLine }, EXIT_FAILURE));
    });
  });
}

export function register(program: Command): void {
  program
    .command('flash')
    .description(h(FIRMWARE.cmd_flash))
    .option('--port <path>', h(FIRMWARE.opt_port))
    .addOption(new Option('--board <board>', h(FIRMWARE.opt_board)).default('espruino'))
    .option('--no-save', h(FIRMWARE.opt_no_save))
    .option('--print', h(FIRMWARE.opt_print))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat flash --port /dev/ttyACM0', FIRMWARE.ex_flash],
      ['pijat flash --port COM5 --board kaluma', FIRMWARE.ex_flash_kaluma],
      ['pijat flash --port /dev/ttyACM0 --print', FIRMWARE.ex_flash_print],
    ]))
    .action((opts: { port?: string; board?: string; save?: boolean; print?: boolean; lang?: string }) => {
      const lang = langOf(opts);
      return runCommand(lang, async () => {
        const plan = planFlash(opts);
        const line = commandLine(plan);
        if (opts.print) {
          process.stdout.write(`${line}\n`);
          return;
        }
        if (plan.board === 'kaluma' && opts.save === false) process.stdout.write(`${t(FIRMWARE.kaluma_no_save, lang)}\n`);
        process.stdout.write(`${t(FIRMWARE.running, lang, { command: line })}\n`);
        await runFlash(plan);
        process.stdout.write(`${t(plan.save || plan.board === 'kaluma' ? FIRMWARE.uploaded : FIRMWARE.uploaded_no_save, lang, { port: plan.port })}\n`);
      });
    });
}
