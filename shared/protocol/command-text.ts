// Version 2 text commands (PROTOCOL.md section 3.4): an incremental parser, as a device runs
// it (the simulator, tests), and the host's command sender, which picks the encoding from the
// glove's latest descriptor.
import {
  TEXT_COMMAND_CLOSE, TEXT_COMMAND_MAX_BODY, TEXT_COMMAND_MIN_BODY, TEXT_COMMAND_OPEN,
} from './constants';
import { crc32 } from './crc32';
import { encodeCommandFor, usesTextCommands } from './encode';
import type { Command, Message } from './types';

/** What a text-command parser has seen (PROTOCOL.md section 3.4). */
export interface CommandTextCounters {
  /** Bytes pushed. */
  bytes: number;
  /** Intact commands delivered. */
  commands: number;
  /** Bytes outside `{...}` (ignored). */
  ignored_bytes: number;
  /** Commands cut off by a byte that is neither a hex digit nor `}`, or restarted by a `{`. */
  abandoned: number;
  /** Commands with an odd number of digits, or a body outside 7..64 bytes (too long: dropped at the 129th digit). */
  bad_length: number;
  /** Commands whose CRC-32 did not match their body. */
  crc_errors: number;
}

export function emptyCommandTextCounters(): CommandTextCounters {
  return { bytes: 0, commands: 0, ignored_bytes: 0, abandoned: 0, bad_length: 0, crc_errors: 0 };
}

/** The value of an ASCII hex digit (either case), or -1. */
function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

/**
 * Incremental parser of text commands: bytes in (any chunking), commands out, in order. It
 * never throws on any input; an exception thrown by onCommand propagates to push()'s caller.
 */
export class CommandTextParser {
  readonly counters: CommandTextCounters = emptyCommandTextCounters();
  private readonly body = new Uint8Array(TEXT_COMMAND_MAX_BODY);
  private inside = false;
  /** Hex digits of the command so far. */
  private digits = 0;

  /** Whether a `{` has been seen and its command has not ended yet. */
  get pending(): boolean {
    return this.inside;
  }

  push(chunk: ArrayLike<number>, onCommand: (c: Command) => void): void {
    const c = this.counters;
    c.bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === TEXT_COMMAND_OPEN) {
        if (this.inside) c.abandoned++;
        this.inside = true;
        this.digits = 0;
        continue;
      }
      if (!this.inside) {
        c.ignored_bytes++;
        continue;
      }
      const v = hexValue(b);
      if (v >= 0) {
        if (this.digits >= 2 * TEXT_COMMAND_MAX_BODY) {
          c.bad_length++;
          this.inside = false;
          continue;
        }
        const k = this.digits >> 1;
        this.body[k] = (this.digits & 1) === 0 ? v << 4 : this.body[k]! | v;
        this.digits++;
        continue;
      }
      this.inside = false;
      if (b !== TEXT_COMMAND_CLOSE) {
        c.abandoned++;
        continue;
      }
      const n = this.digits >> 1;
      if ((this.digits & 1) !== 0 || n < TEXT_COMMAND_MIN_BODY) {
        c.bad_length++;
        continue;
      }
      const end = n - 4;
      const body = this.body;
      const stored = (body[end]! | (body[end + 1]! << 8) | (body[end + 2]! << 16) | (body[end + 3]! << 24)) >>> 0;
      if (crc32(body, 0, end) !== stored) {
        c.crc_errors++;
        continue;
      }
      c.commands++;
      onCommand({
        type: 'command', seq: body[0]! | (body[1]! << 8), t_us: 0, t_s: 0, cmd: body[2]!,
        args: body.slice(3, end),
      });
    }
  }

  /** Back to the state of a new parser (counters too). */
  reset(): void {
    Object.assign(this.counters, emptyCommandTextCounters());
    this.inside = false;
    this.digits = 0;
  }
}

/** Parses a whole input at once (an unfinished command at its end is left out). */
export function parseCommandText(bytes: ArrayLike<number>): { commands: Command[]; counters: CommandTextCounters } {
  const p = new CommandTextParser();
  const commands: Command[] = [];
  p.push(bytes, (c) => commands.push(c));
  return { commands, counters: { ...p.counters } };
}

/**
 * The host's side of one link to one glove: its own command sequence counter, and the
 * protocol_version of the latest descriptor, which decides the encoding (text unless the glove
 * said version 1). Feed it every decoded message (or at least every descriptor).
 */
export class CommandSender {
  private seq: number;
  /** protocol_version of the latest descriptor; undefined before the first one. */
  version: number | undefined;

  constructor(firstSeq = 0) {
    this.seq = firstSeq & 0xffff;
  }

  observe(m: Message): void {
    if (m.type === 'descriptor') this.version = m.protocol_version;
  }

  /** Whether the next command goes out as text (version 2) rather than a binary frame (version 1). */
  get text(): boolean {
    return usesTextCommands(this.version);
  }

  /** The sequence number the next command will carry. */
  get nextSeq(): number {
    return this.seq;
  }

  /** The bytes of the next command; each call takes a new sequence number. */
  encode(cmd: number, args?: ArrayLike<number>): Uint8Array {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xffff;
    return encodeCommandFor(this.version, { seq, cmd, args });
  }
}
