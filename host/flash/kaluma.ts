// Flashing a Raspberry Pi Pico that runs Kaluma 1.2.1, over its own REPL (src/repl.c):
//   1. the console: a Pijat glove is asked for it (`console`, PROTOCOL.md 3.4; the glove's own
//      loop then ends and Kaluma's REPL reads the link again). A glove that does not ack (an
//      older firmware, or any program busy in JavaScript) gets Ctrl-C (0x03), which Kaluma's USB
//      layer turns into an abort of the running JavaScript that no program can catch.
//   2. `.reset`: a soft reset without loading the program, so that nothing runs (or prints)
//      while the flash is written.
//   3. `.flash -w`: Kaluma's YMODEM receiver; the file goes over as YMODEM (./ymodem.ts) and is
//      written to the program area in flash (a NUL after it ends the program).
//   4. `.load`: Kaluma runs the program now written, as it will at every power-up.
// Checking that the new firmware runs is the caller's (./verify.ts).
import { FIRMWARE } from '../../shared/i18n/firmware';
import { FlashError, quiet, withAdvice, type Say } from './errors';
import { askForConsole, HANDOVER_TIMING, type HandoverReport, type HandoverTiming } from './handover';
import { Inbox, sleep, writeText, type ByteLink, type Clock } from './link';
import { sendYmodem, type YmodemOptions, type YmodemResult } from './ymodem';

/** Ctrl-C: Kaluma drops the whole USB packet that holds it, so it goes alone, and then a pause. */
const CTRL_C = 0x03;
const AFTER_CTRL_C_MS = 300;
/** Time for the REPL to answer a line (`.reset`, `.flash -w`), ms. */
const REPL_MS = 2000;
/** Kaluma prints the result of `.flash -w` 500 ms after the transfer. */
const RESULT_MS = 3000;

/**
 * Kaluma's program area on the Pico: 128 sectors of 4 KB (targets/rp2/boards/pico/board.h); the
 * program and the NUL after it must stay below that (src/prog.c), else the write fails midway.
 */
export const KALUMA_PROGRAM_MAX = 128 * 4096;

/** What Kaluma prints when `.flash -w` ends (src/repl.c cmd_flash). */
const RESULT_RE = /\r\n(Done|The file size is too large|Verification failed|Aborted|Failed to receive)\r\n/;

export interface KalumaFlashOptions {
  /** How messages name the port. */
  port?: string;
  /** The file name sent in the YMODEM header (Kaluma ignores it). */
  name?: string;
  timing?: HandoverTiming;
  /** Called after the handover, before anything is written; may throw to stop the flash. */
  onHandover?: (report: HandoverReport) => void;
  ymodem?: YmodemOptions;
  say?: Say;
}

export interface KalumaFlashReport {
  handover: HandoverReport;
  /** Whether Ctrl-C was needed to get the REPL. */
  interrupted: boolean;
  ymodem: YmodemResult;
  /** Milliseconds on the link's clock, handover to `.load`. */
  ms: number;
}

/** Uploads `program` to Kaluma's flash and starts it (see the top of this file). */
export async function flashKaluma(link: ByteLink, clock: Clock, program: Uint8Array, opts: KalumaFlashOptions = {}): Promise<KalumaFlashReport> {
  const say = opts.say ?? quiet;
  if (program.length + 1 >= KALUMA_PROGRAM_MAX) throw new FlashError(FIRMWARE.kaluma_too_large, { bytes: program.length });
  const t0 = clock.now();
  const inbox = new Inbox(link);
  try {
    const handover = await askForConsole(link, clock, opts.timing ?? HANDOVER_TIMING, { describe: true });
    opts.onHandover?.(handover);
    let interrupted = false;
    const interrupt = async (): Promise<void> => {
      await link.write(Uint8Array.of(CTRL_C));
      await sleep(clock, AFTER_CTRL_C_MS);
      interrupted = true;
    };
    if (handover.result === 'handed_over') {
      say(FIRMWARE.console_handed_over, { port: opts.port ?? 'USB' });
      await sleep(clock, 100); // the glove's loop ends after its current pass
    } else {
      say(handover.result === 'silent' ? FIRMWARE.kaluma_silent : FIRMWARE.kaluma_interrupt);
      await interrupt();
    }

    /** Ends any half-typed line (text commands a REPL took as typing), then `.reset`. */
    const softReset = async (): Promise<boolean> => {
      await writeText(link, '\r');
      await sleep(clock, 50);
      const from = inbox.length;
      await writeText(link, '.reset\r');
      return (await inbox.waitFor(clock, /soft reset/, REPL_MS, from)) !== undefined;
    };
    let reset = await softReset();
    if (!reset && !interrupted) {
      await interrupt();
      reset = await softReset();
    }
    if (!reset) throw new FlashError(withAdvice(FIRMWARE.kaluma_no_repl, FIRMWARE.recovery_kaluma));

    const from = inbox.length;
    await writeText(link, '.flash -w\r');
    const receiving = await inbox.waitFor(clock, /Transfer a file via YMODEM[^\n]*\n/, REPL_MS, from);
    if (receiving === undefined) {
      throw new FlashError(withAdvice(FIRMWARE.kaluma_no_receiver, FIRMWARE.recovery_kaluma), { text: shown(inbox.text(from)) });
    }
    say(FIRMWARE.kaluma_sending, { bytes: program.length });
    // a 'C' may have come with the line already
    const ymodem = await sendYmodem(link, clock, opts.name ?? 'pijat-kaluma.js', program, { ...opts.ymodem, received: inbox.bytes.subarray(receiving) });
    // Kaluma's verdict follows the transfer; the transfer itself holds no such text (only C, ACK,
    // NAK, CAN), so it is looked for from the receiver's first line on: a slow link may deliver the
    // last ACK and the verdict in one chunk.
    if (!ymodem.ok) {
      // Make sure the receiver let go (its abort key 'a' ends it while it waits for a block).
      if ((await inbox.waitFor(clock, RESULT_RE, RESULT_MS, receiving)) === undefined) {
        await writeText(link, 'a');
        await inbox.waitFor(clock, RESULT_RE, RESULT_MS, receiving);
      }
      throw new FlashError(FIRMWARE.kaluma_transfer_failed, { reason: ymodem.failure ?? 'no_answer', acked: ymodem.acked, blocks: ymodem.blocks });
    }
    const end = await inbox.waitFor(clock, RESULT_RE, RESULT_MS, receiving);
    const said = end === undefined ? undefined : RESULT_RE.exec(inbox.text(receiving))?.[1];
    if (said === 'The file size is too large') throw new FlashError(FIRMWARE.kaluma_too_large, { bytes: program.length });
    // (Kaluma 1.2.1 answers "Verification failed" to a flash write that failed.)
    if (said !== 'Done') throw new FlashError(FIRMWARE.kaluma_not_written, { text: shown(said ?? inbox.text(receiving)) });

    await writeText(link, '.load\r');
    return { handover, interrupted, ymodem, ms: clock.now() - t0 };
  } finally {
    inbox.close();
  }
}

/** Device text for a message: printable, one line, short. */
function shown(text: string): string {
  const s = text.replace(/\x1b\[[0-9;]*[A-Za-z]|\x1b[78]/g, '').replace(/[^\x20-\x7e]+/g, ' ').trim();
  if (s === '') return '(nothing)';
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
