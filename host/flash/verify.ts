// The last step of every flash: listen to the link until the new firmware announces itself (its
// descriptor, PROTOCOL.md 3.1: the first frame of a stream, repeated every 2 s), and compare its
// firmware version and board with what was uploaded.
import { Decoder } from '../../shared/protocol/decoder';
import type { BoardName, Descriptor } from '../../shared/protocol/types';
import type { ByteLink, Clock } from './link';

/**
 * A glove starts streaming 2 s after its firmware is loaded and repeats its descriptor every
 * 2 s; 15 s leaves room for a busy host (the 8 s this was failed once in CI-like load).
 */
export const VERIFY_MS = 15000;

export interface Heard {
  /** The first descriptor, if one came. */
  descriptor: Descriptor | undefined;
  /** Intact frames, and bytes, heard while waiting. */
  frames: number;
  bytes: number;
}

/** Waits up to `ms` for a descriptor on `link`. */
export async function awaitDescriptor(link: ByteLink, clock: Clock, ms: number = VERIFY_MS): Promise<Heard> {
  const decoder = new Decoder();
  const heard: Heard = { descriptor: undefined, frames: 0, bytes: 0 };
  const off = link.onData((chunk) => {
    heard.bytes += chunk.length;
    decoder.push(chunk, (m) => {
      heard.frames++;
      if (m.type === 'descriptor' && heard.descriptor === undefined) heard.descriptor = m;
    });
  });
  try {
    await clock.until(() => heard.descriptor !== undefined, ms);
  } finally {
    off();
  }
  return heard;
}

export interface Expected {
  board: BoardName;
  /** "major.minor.patch"; undefined accepts any version. */
  version: string | undefined;
}

export type Verdict =
  | { ok: true; descriptor: Descriptor }
  /** Nothing at all came: the firmware does not run (or does not reach the link). */
  | { ok: false; problem: 'silent'; heard: Heard }
  /** Bytes came but no descriptor (REPL text, an error message, another program). */
  | { ok: false; problem: 'no_descriptor'; heard: Heard }
  | { ok: false; problem: 'wrong_version' | 'wrong_board'; descriptor: Descriptor };

export function judge(heard: Heard, expected: Expected): Verdict {
  const d = heard.descriptor;
  if (d === undefined) return { ok: false, problem: heard.bytes === 0 ? 'silent' : 'no_descriptor', heard };
  if (d.board !== expected.board) return { ok: false, problem: 'wrong_board', descriptor: d };
  if (expected.version !== undefined && d.firmware_version !== expected.version) return { ok: false, problem: 'wrong_version', descriptor: d };
  return { ok: true, descriptor: d };
}
