// What `pijat flash` will do, decided before anything touches the port: the board, the file,
// the version the new firmware must announce afterwards, and for Espruino boards the espruino CLI
// command. Every missing piece is a UserError that names the fix.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRMWARE } from '../../shared/i18n/firmware';
import type { BoardName } from '../../shared/protocol/types';
import { UserError } from '../cli/errors';
import { isTcpPort } from './tcp';

export const BOARDS = ['espruino', 'espruino-rp2040', 'kaluma'] as const;
export type Board = (typeof BOARDS)[number];

/** The board each firmware file announces in its descriptor (PROTOCOL.md 3.1). */
export const DESCRIPTOR_BOARD: Readonly<Record<Board, BoardName>> = {
  espruino: 'espruino-pico',
  'espruino-rp2040': 'espruino-rp2040',
  kaluma: 'kaluma-pico',
};

/** The espruino CLI's board file, kept in the checkout: `--board PICO_R1_3` alone would download it, and skills labs are often offline. */
const ESPRUINO_BOARD_JSON: Readonly<Record<Exclude<Board, 'kaluma'>, string>> = {
  espruino: 'PICO_R1_3.json',
  'espruino-rp2040': 'RP2040_PICO.json',
};

export interface FlashPlan {
  board: Board;
  port: string;
  file: string;
  /** The version the new firmware must announce; undefined (a --file of unknown version) accepts any. */
  version: string | undefined;
  /** Program and arguments of the upload tool: the espruino CLI, or (Kaluma, for --print only) the Kaluma CLI. */
  command: string;
  args: string[];
  /** Whether `save()` follows the upload (Espruino only; Kaluma always keeps the program). */
  save: boolean;
}

export interface PlanOptions {
  port?: string;
  board?: string;
  save?: boolean;
  /** Upload this file instead of the built firmware/dist/pijat-<board>.js. */
  file?: string;
  /** The version to expect after the upload (default: package.json's, for the built file). */
  version?: string;
}

/** The checkout (or installed package) root: the nearest folder above this file with package.json. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** package.json's version as the firmware build writes it ("major.minor.patch", firmware/build.ts). */
export function packageVersion(root: string): string | undefined {
  try {
    const v = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' && /^\d+\.\d+\.\d+/.test(v) ? v.replace(/[^\d.].*$/, '') : undefined;
  } catch {
    return undefined;
  }
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
export function checkPort(port: string | undefined): string {
  if (port === undefined || port.trim() === '') throw new UserError(FIRMWARE.no_port);
  const unchecked = /^COM\d+$/i.test(port) || port.startsWith('\\\\.\\') || isTcpPort(port);
  if (!unchecked && !existsSync(port)) throw new UserError(FIRMWARE.port_missing, { port });
  return port;
}

function isBoard(x: string): x is Board {
  return (BOARDS as readonly string[]).includes(x);
}

/** What `pijat flash` will run; throws a UserError naming what is missing and the fix. */
export function planFlash(opts: PlanOptions, root = packageRoot()): FlashPlan {
  const board = opts.board ?? 'espruino';
  if (!isBoard(board)) throw new UserError(FIRMWARE.bad_board, { board });
  const port = checkPort(opts.port);
  const file = opts.file !== undefined ? resolve(opts.file) : firmwareFile(root, board);
  if (!existsSync(file)) {
    const shown = relative(process.cwd(), file) || file;
    throw new UserError(opts.file !== undefined ? FIRMWARE.file_missing : FIRMWARE.not_built, { file: shown });
  }
  const version = opts.version ?? (opts.file === undefined ? packageVersion(root) : undefined);
  const save = opts.save !== false;
  if (board === 'kaluma') {
    // pijat sends the file itself (host/flash/kaluma.ts); this is the same upload with the Kaluma CLI (1.1 or later).
    return { board, port, file, version, command: 'kaluma', args: ['flash', file, '--port', port], save };
  }
  const boardJson = join(root, 'firmware', 'espruino-board', ESPRUINO_BOARD_JSON[board]);
  // --no-ble: the CLI would otherwise load its Bluetooth stack, which crashes on machines without D-Bus
  const args = [espruinoCli(root), '--no-ble', '-p', port, '--board', boardJson, file];
  if (save) args.push('-e', 'save()');
  return { board, port, file, version, command: process.execPath, args, save };
}

/** The plan's upload tool as one line a person can paste into a shell. */
export function commandLine(plan: FlashPlan): string {
  const quote = (a: string): string => (/^[\w@%+=:,./\\-]+$/.test(a) ? a : `"${a.replace(/"/g, '\\"')}"`);
  const cmd = plan.command === process.execPath ? 'node' : plan.command;
  return [cmd, ...plan.args].map(quote).join(' ');
}
