// `pijat flash` from start to end, for every board:
//   Kaluma:  one link for everything: console handover, YMODEM upload, `.load`, then the check.
//   Espruino (Pico, RP2040): the console handover on our own link, which is closed again; the
//            espruino CLI uploads (and saves); then the link is opened again for the check.
// The check: the new firmware must announce itself (its descriptor) with the expected version and
// board; otherwise the flash fails with a message that says what to do.
import { readFileSync } from 'node:fs';
import type { BoardName, Descriptor } from '../../shared/protocol/types';
import { FIRMWARE } from '../../shared/i18n/firmware';
import type { Entry } from '../../shared/i18n/index';
import { EXIT_USAGE, FlashError, quiet, withAdvice, type Say } from './errors';
import { runEspruinoCli } from './espruino';
import { askForConsole, eraseTyped, HANDOVER_TIMING, type ConsoleHandover, type HandoverReport, type HandoverTiming } from './handover';
import { flashKaluma } from './kaluma';
import { realClock, sleep, type Clock, type OpenLink } from './link';
import { DESCRIPTOR_BOARD, type Board, type FlashPlan } from './plan';
import { isTcpPort, TcpLink } from './tcp';
import { awaitDescriptor, judge, VERIFY_MS, type Heard } from './verify';
import type { YmodemOptions } from './ymodem';

/** Opens the plan's port: a serial port (115200 8N1; the rate means nothing on USB) or tcp://HOST:PORT. */
export async function openPort(port: string): Promise<OpenLink> {
  if (isTcpPort(port)) {
    try {
      return await TcpLink.open(port);
    } catch (e) {
      throw new FlashError(FIRMWARE.tcp_failed, { port, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  const { SerialTransport } = await import('../transport/serial');
  return SerialTransport.open(port, { reconnect: false });
}

export interface FlashEnv {
  /** Opens the board's link (default: openPort). */
  open: (port: string) => Promise<OpenLink>;
  clock: Clock;
  say: Say;
  /** Where the espruino CLI's output is echoed. */
  out: NodeJS.WritableStream;
  timing: HandoverTiming;
  /** How long the check waits for the new firmware's descriptor, ms on the clock. */
  verifyMs: number;
  ymodem: YmodemOptions | undefined;
  /** Runs the Espruino upload (default: the espruino CLI). */
  uploadEspruino: (plan: FlashPlan, out: NodeJS.WritableStream) => Promise<void>;
}

export interface FlashOutcome {
  board: Board;
  handover: ConsoleHandover;
  /** The firmware that streamed before, if it said so. */
  before: Descriptor | undefined;
  /** The new firmware's descriptor. */
  after: Descriptor;
  /** Milliseconds on the clock: the whole flash, and the part until the new firmware was started. */
  ms: number;
  uploadMs: number;
}

/** What to do when a board's console cannot be reached by command: its power-up recovery. */
export function recoveryFor(board: Board): Entry {
  if (board === 'kaluma') return FIRMWARE.recovery_kaluma;
  if (board === 'espruino-rp2040') return FIRMWARE.recovery_espruino_rp2040;
  return FIRMWARE.recovery_espruino;
}


/** The --board that uploads firmware for a descriptor's board. */
const BOARD_OPTION: Partial<Record<BoardName, Board>> = { 'espruino-pico': 'espruino', 'espruino-rp2040': 'espruino-rp2040', 'kaluma-pico': 'kaluma' };

/** Stops before any upload when the glove says it is another board than --board names. */
export function checkBoard(plan: FlashPlan, report: HandoverReport): void {
  const d = report.descriptor;
  if (d === undefined) return;
  const board = BOARD_OPTION[d.board];
  if (board === undefined || board === plan.board) return;
  throw new FlashError(FIRMWARE.board_mismatch, { port: plan.port, version: d.firmware_version, found: d.board, expected: DESCRIPTOR_BOARD[plan.board], board }, EXIT_USAGE);
}

async function withLink<T>(env: FlashEnv, port: string, body: (link: OpenLink) => Promise<T>): Promise<T> {
  const link = await env.open(port);
  try {
    return await body(link);
  } finally {
    await link.close().catch(() => {});
  }
}

/** Uploads the plan's file, starts it and checks that it runs. */
export async function flashGlove(plan: FlashPlan, partial: Partial<FlashEnv> = {}): Promise<FlashOutcome> {
  const env: FlashEnv = {
    open: openPort,
    clock: realClock,
    say: quiet,
    out: process.stdout,
    timing: HANDOVER_TIMING,
    verifyMs: VERIFY_MS,
    ymodem: undefined,
    uploadEspruino: runEspruinoCli,
    ...partial,
  };
  const { clock, say } = env;
  const t0 = clock.now();
  const program = readFileSync(plan.file);
  let handover: ConsoleHandover;
  let before: Descriptor | undefined;
  let uploadMs: number;
  let heard: Heard;

  if (plan.board === 'kaluma') {
    ({ handover, before, uploadMs, heard } = await withLink(env, plan.port, async (link) => {
      const r = await flashKaluma(link, clock, program, {
        port: plan.port, timing: env.timing, say, ymodem: env.ymodem, name: 'pijat-kaluma.js', onHandover: (h) => checkBoard(plan, h),
      });
      const uploadMs = clock.now() - t0;
      say(FIRMWARE.checking, { port: plan.port });
      return { handover: r.handover.result, before: r.handover.descriptor, uploadMs, heard: await awaitDescriptor(link, clock, env.verifyMs) };
    }));
  } else {
    const r = await withLink(env, plan.port, async (link) => {
      const report = await askForConsole(link, clock, env.timing, { describe: true });
      if (report.result === 'silent') await link.write(eraseTyped(report)).catch(() => {});
      return report;
    });
    handover = r.result;
    before = r.descriptor;
    checkBoard(plan, r);
    if (handover === 'handed_over') say(FIRMWARE.console_handed_over, { port: plan.port });
    else if (handover === 'no_answer') say(FIRMWARE.console_no_answer, { port: plan.port });
    // Let the board switch its console over before the CLI opens the port.
    await sleep(clock, 200);
    await env.uploadEspruino(plan, env.out);
    uploadMs = clock.now() - t0;
    say(FIRMWARE.checking, { port: plan.port });
    heard = await withLink(env, plan.port, (link) => awaitDescriptor(link, clock, env.verifyMs));
  }

  const verdict = judge(heard, { board: DESCRIPTOR_BOARD[plan.board], version: plan.version });
  if (verdict.ok) return { board: plan.board, handover, before, after: verdict.descriptor, ms: clock.now() - t0, uploadMs };
  const advice = recoveryFor(plan.board);
  const seconds = Math.round(env.verifyMs / 1000);
  switch (verdict.problem) {
    case 'silent':
      throw new FlashError(withAdvice(FIRMWARE.verify_silent, advice), { port: plan.port, seconds });
    case 'no_descriptor':
      throw new FlashError(withAdvice(FIRMWARE.verify_no_descriptor, advice), { port: plan.port, seconds });
    case 'wrong_board':
      throw new FlashError(FIRMWARE.verify_wrong_board, { port: plan.port, found: verdict.descriptor.board, expected: DESCRIPTOR_BOARD[plan.board] });
    case 'wrong_version':
      throw new FlashError(withAdvice(FIRMWARE.verify_wrong_version, advice), { port: plan.port, found: verdict.descriptor.firmware_version, expected: plan.version ?? '?' });
  }
}
