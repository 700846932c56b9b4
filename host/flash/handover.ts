// Step one of every flash: ask a glove that runs Pijat firmware to give its console (REPL) to
// the USB link (the `console` command, PROTOCOL.md 3.4), so that the upload reaches the REPL
// instead of the firmware's command parser. A version 1 glove (known from its descriptor) gets
// a binary `stop` frame instead, whose version 1 meaning was the same.
import { CommandSender } from '../../shared/protocol/command-text';
import { ACK_OK, CMD_CONSOLE, CMD_DESCRIBE, CMD_STOP } from '../../shared/protocol/constants';
import { Decoder } from '../../shared/protocol/decoder';
import type { Descriptor } from '../../shared/protocol/types';
import type { ByteLink, Clock } from './link';

export interface HandoverTiming {
  /** A link that stays quiet this long (no frame, no ack) belongs to a console already, ms. */
  silentMs: number;
  /** The most time given to a glove that streams but has not acked yet, ms. */
  maxMs: number;
  /** The command is sent again this often until it is acked, ms. */
  resendMs: number;
}

/**
 * 3 s: a version 1 glove needs up to 2 s to announce its version (its descriptor), then its
 * `stop` is acked at once.
 */
export const HANDOVER_TIMING: HandoverTiming = { silentMs: 1000, maxMs: 3000, resendMs: 400 };

/**
 * - handed_over: the glove acked `console` (version 2) or `stop` (a version 1 glove, whose stop
 *   gave the console back): the link belongs to its REPL now.
 * - silent: no frame came back: no Pijat firmware streams there (a fresh board, one started
 *   with the power-up recovery, or one whose console was handed over before). What was sent is
 *   then only typed text for a REPL, which the flasher clears before the upload.
 * - no_answer: frames arrive but the command was not acked.
 */
export type ConsoleHandover = 'handed_over' | 'silent' | 'no_answer';

export interface HandoverReport {
  result: ConsoleHandover;
  /** The glove's latest descriptor, if one arrived (the firmware that ran before the flash). */
  descriptor: Descriptor | undefined;
  /** Intact frames heard. */
  frames: number;
  /** Commands sent, and their bytes (on a REPL: typed text, to erase before anything else). */
  asked: number;
  sentBytes: number;
}

export interface HandoverOptions {
  /**
   * Ask for a descriptor too (`describe` before `console`, in one write, until one came): a
   * version 2 glove answers it before it stops, so the report says which firmware and board ran.
   */
  describe?: boolean;
}

/** Asks the glove on `link` to give its console to the link (PROTOCOL.md 3.4). */
export async function askForConsole(link: ByteLink, clock: Clock, timing: HandoverTiming = HANDOVER_TIMING, opts: HandoverOptions = {}): Promise<HandoverReport> {
  const decoder = new Decoder();
  const commands = new CommandSender();
  const asked = new Set<number>();
  let frames = 0;
  let descriptor: Descriptor | undefined;
  let acked = false;
  let askNow = false;
  let sentBytes = 0;

  const ask = (): void => {
    const parts: Uint8Array[] = [];
    if (opts.describe === true && descriptor === undefined && commands.text) parts.push(commands.encode(CMD_DESCRIBE));
    // Text `console` unless the glove said it speaks version 1; there `stop` returns the console.
    asked.add(commands.nextSeq);
    parts.push(commands.encode(commands.text ? CMD_CONSOLE : CMD_STOP));
    const bytes = Buffer.concat(parts);
    sentBytes += bytes.length;
    link.write(bytes).catch(() => {});
  };
  const report = (result: ConsoleHandover): HandoverReport => ({ result, descriptor, frames, asked: asked.size, sentBytes });
  const off = link.onData((chunk) => {
    decoder.push(chunk, (m) => {
      frames++;
      const wasText = commands.text;
      commands.observe(m);
      if (m.type === 'descriptor') descriptor = m;
      if (m.type === 'ack' && asked.has(m.cmd_seq) && (m.cmd === CMD_CONSOLE || m.cmd === CMD_STOP) && m.result === ACK_OK) acked = true;
      else if (wasText && !commands.text) askNow = true; // a version 1 descriptor: ask again in its encoding
    });
  });

  try {
    const t0 = clock.now();
    let nextAsk = t0 + timing.resendMs;
    ask();
    for (;;) {
      if (acked) return report('handed_over');
      const waited = clock.now() - t0;
      if (frames === 0 && waited >= timing.silentMs) return report('silent');
      if (waited >= timing.maxMs) return report('no_answer');
      if (askNow || clock.now() >= nextAsk) {
        askNow = false;
        ask();
        nextAsk = clock.now() + timing.resendMs;
      }
      const until = Math.min(nextAsk, t0 + (frames === 0 ? timing.silentMs : timing.maxMs));
      await clock.until(() => acked || askNow, Math.max(1, until - clock.now()));
    }
  } finally {
    off();
  }
}

/**
 * Backspaces enough to erase the commands a REPL took as typed text (after a silent handover),
 * so that the upload tool's first line break does not run them. Extra ones do nothing.
 */
export function eraseTyped(report: HandoverReport): Uint8Array {
  return new Uint8Array(report.sentBytes).fill(0x08);
}
