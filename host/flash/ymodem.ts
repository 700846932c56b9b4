// A YMODEM (batch, CRC-16) sender for one file: what Kaluma's `.flash -w` receives
// (src/ymodem.c of Kaluma 1.2.1). Written for Pijat after reading that receiver and the sender
// of @kaluma/cli 1.4.0; the registry's @kaluma/cli 1.0.0 has no `flash` command.
//
// The exchange (sender S, receiver R):
//   R: 'C' (once a second until a block arrives)   S: block 0 = "name\0size " (SOH, 128 bytes)
//   R: ACK 'C'                                      S: block 1, 2, ... (STX, 1024 bytes each,
//   R: ACK after each                                  the last one padded with 0x1A)
//   S: EOT   R: ACK   S: block 0 all zero (end of the batch)   R: ACK
// CAN CAN from the receiver ends the transfer. Kaluma acks the first EOT (a classic receiver NAKs
// it once; both work here). The sender gives up after `retries` tries of one block and then
// cancels (CAN CAN ...), so that the REPL comes back.
//
// The receiver sets the pace: a block goes again only when the receiver asks for it, never on a
// guess that it is slow. Kaluma's receiver (what it does matters, not what a textbook receiver
// would do):
// - It reads each packet with a 1 s timeout (start byte, then the whole rest) and sends 'C' when
//   that runs out, or for each byte it cannot take as the start of a packet (the rest of a
//   packet that came too slowly counts byte by byte). Once the transfer has begun, a sixth such
//   error in a row gets CAN CAN instead. So a block must arrive in one go, and an extra copy
//   must not be sent on a guess.
// - It NAKs a packet with an unexpected number: a second copy of a block it has taken already.
//   (It NAKs no damaged packet; that gets a 'C'.)
// So, here:
// - A 'C' that comes soon after a block was written (`settleMs`) is not taken as a request: it
//   may have been sent just before the block arrived, whose ACK is then on the way. If the block
//   did not arrive, Kaluma asks again a second later, and that 'C' is a request.
// - 'C's that were waiting in the input when a block is written asked for what is being sent.
// - A NAK that answers an extra copy of a block (sent again after a 'C', whose first copy made it
//   after all) is expected and ignored; only a NAK that answers the last copy sent asks again.
// - A long silence (`blockMs`: Kaluma, waiting, would have asked every second) gets the block
//   once more, for a receiver that never asks again; after `retries` tries the transfer ends.
import type { ByteLink, Clock } from './link';

export const SOH = 0x01;
export const STX = 0x02;
export const EOT = 0x04;
export const ACK = 0x06;
export const NAK = 0x15;
export const CAN = 0x18;
export const CRC_REQUEST = 0x43; // 'C'
const BACKSPACE = 0x08;
/** Padding of the last data block (CP/M end of file); Kaluma cuts the file at its size anyway. */
export const PAD = 0x1a;

export const BLOCK_1K = 1024;
export const BLOCK_128 = 128;

/** CRC-16/XMODEM (polynomial 0x1021, initial 0), as YMODEM sends it: big-endian after the data. */
export function crc16Xmodem(data: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < data.length; i++) {
    crc ^= data[i]! << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** One block: start byte, number, its complement, the payload, CRC-16 big-endian. */
export function ymodemBlock(number: number, payload: Uint8Array): Uint8Array {
  const size = payload.length;
  if (size !== BLOCK_128 && size !== BLOCK_1K) throw new Error(`a YMODEM block holds 128 or 1024 bytes, not ${size}`);
  const out = new Uint8Array(3 + size + 2);
  out[0] = size === BLOCK_1K ? STX : SOH;
  out[1] = number & 0xff;
  out[2] = 0xff - (number & 0xff);
  out.set(payload, 3);
  const crc = crc16Xmodem(payload);
  out[3 + size] = crc >> 8;
  out[4 + size] = crc & 0xff;
  return out;
}

/** Block 0 of a file: its name, a NUL, its size in decimal and a space, then NULs. */
export function headerBlock(name: string, size: number): Uint8Array {
  const text = Buffer.from(`${name}\0${size} `, 'latin1');
  const payload = new Uint8Array(text.length <= BLOCK_128 ? BLOCK_128 : BLOCK_1K);
  if (text.length > payload.length) throw new Error(`file name too long for a YMODEM header: ${name}`);
  payload.set(text, 0);
  return ymodemBlock(0, payload);
}

/** The empty block 0 that ends a batch. */
export function endOfBatchBlock(): Uint8Array {
  return ymodemBlock(0, new Uint8Array(BLOCK_128));
}

/** The data blocks of a file, numbered from 1 (wrapping at 256). */
export function dataBlocks(data: Uint8Array): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let start = 0, n = 1; start < data.length; start += BLOCK_1K, n++) {
    const payload = new Uint8Array(BLOCK_1K).fill(PAD);
    payload.set(data.subarray(start, Math.min(start + BLOCK_1K, data.length)), 0);
    blocks.push(ymodemBlock(n, payload));
  }
  return blocks;
}

export interface YmodemOptions {
  /** Time for the receiver's first 'C', ms. */
  startMs?: number;
  /**
   * Time without any answer to a data block before it goes again (or, after `retries` tries,
   * the transfer ends), ms. Kaluma asks every second while it waits: this is a dead receiver.
   */
  blockMs?: number;
  /** The same for block 0, which takes longer: Kaluma erases its whole program area first. */
  headerMs?: number;
  /** A 'C' this soon after a block was written may have crossed it on the way: not a request, ms. */
  settleMs?: number;
  /** Tries per block before giving up. */
  retries?: number;
  /** After each acked data block: bytes of the file sent so far, and the file size. */
  onProgress?: (sent: number, total: number) => void;
  /** What the receiver sent already (since it started), read before anything that arrives later. */
  received?: Uint8Array;
}

export type YmodemFailure =
  /** No 'C' came: nothing is receiving. */
  | 'no_receiver'
  /** The receiver cancelled (CAN CAN): Kaluma does so when the file is too large or flash writing failed. */
  | 'cancelled'
  /** A block went unanswered or was refused `retries` times. */
  | 'no_answer';

export interface YmodemResult {
  ok: boolean;
  failure?: YmodemFailure;
  /** Data blocks acked, of `blocks`. */
  acked: number;
  blocks: number;
  /** Blocks sent again (when the receiver asked, or after a long silence). */
  resent: number;
  /** Milliseconds on the link's clock from the first 'C' to the last ACK. */
  ms: number;
}

/**
 * Kaluma 1.2.1 erases its 512 KB program area before it acks block 0: on a Pico's W25Q16 typically
 * ~1 s, by the datasheet's maxima up to ~16 s.
 */
const DEFAULTS: Required<Omit<YmodemOptions, 'onProgress' | 'received'>> = { startMs: 10_000, blockMs: 10_000, headerMs: 30_000, settleMs: 500, retries: 8 };

/** One byte from the receiver that means something here, and when it came (clock ms). */
interface Answer {
  byte: number;
  at: number;
}

/**
 * Sends one file over `link`, whose receiver is already waiting (after Kaluma's "Transfer a file
 * via YMODEM" line). Bytes that arrived before the call are not looked at, except `received`.
 */
export async function sendYmodem(link: ByteLink, clock: Clock, name: string, data: Uint8Array, opts: YmodemOptions = {}): Promise<YmodemResult> {
  const o = { ...DEFAULTS, ...opts };
  const blocks = dataBlocks(data);
  const queue: Answer[] = [];
  let cancels = 0;
  const take = (chunk: Uint8Array, at: number): void => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === CAN) {
        cancels++;
        if (cancels >= 2) queue.push({ byte: CAN, at });
      } else {
        cancels = 0;
        if (b === ACK || b === NAK || b === CRC_REQUEST) queue.push({ byte: b, at });
      }
    }
  };
  if (opts.received !== undefined) take(opts.received, -Infinity);
  const off = link.onData((chunk) => take(chunk, clock.now()));
  const next = async (ms: number): Promise<Answer | undefined> => {
    if (queue.length === 0 && ms > 0) await clock.until(() => queue.length > 0, ms);
    return queue.shift();
  };
  let acked = 0;
  let resent = 0;
  let t0 = clock.now();
  const result = (ok: boolean, failure?: YmodemFailure): YmodemResult => ({
    ok, ...(failure !== undefined ? { failure } : {}), acked, blocks: blocks.length, resent, ms: clock.now() - t0,
  });
  // The classic cancel: eight CANs (two in a row at a block start end the transfer), then eight
  // backspaces that erase the rest from a line editor that reads them afterwards.
  const cancel = (): Promise<void> => link.write(Uint8Array.of(...Array<number>(8).fill(CAN), ...Array<number>(8).fill(BACKSPACE))).catch(() => {});

  /** Answers (ACK or NAK) still to come for extra copies of blocks already acked: Kaluma NAKs them. */
  let owed = 0;

  /**
   * Sends `block` until the receiver acks it. `cAsks`: whether a 'C' can ask for it (not for EOT,
   * whose 'C' from a classic receiver asks for the next file).
   */
  const deliver = async (block: Uint8Array, waitMs: number, cAsks: boolean): Promise<YmodemFailure | undefined> => {
    /** Copies of this block written and not answered yet by ACK or NAK. */
    let pending = 0;
    let writtenAt = 0;
    const write = async (): Promise<void> => {
      // 'C's still waiting asked for what is being written now.
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.byte === CRC_REQUEST) queue.splice(i, 1);
      await link.write(block);
      writtenAt = clock.now();
      pending++;
    };
    await write();
    for (let attempt = 1; ; attempt++) {
      // Wait for what the receiver says about the copies written; true: it asks for the block again.
      let again = false;
      while (!again) {
        const a = await next(writtenAt + waitMs - clock.now());
        if (a === undefined) {
          // A long silence: whatever was written is not going to be answered.
          pending = 0;
          owed = 0;
          again = true;
        } else if (a.byte === CAN) {
          return 'cancelled';
        } else if (a.byte === ACK) {
          // Copies of this block still under way get NAKed as duplicates.
          owed += Math.max(0, pending - 1);
          return undefined;
        } else if (a.byte === NAK) {
          if (owed > 0) owed--; // an extra copy of an earlier block
          else if (pending > 1) pending--; // an earlier copy of this one; the last is still under way
          else {
            pending = 0;
            again = true;
          }
        } else if (cAsks && a.at - writtenAt >= o.settleMs) {
          again = true; // a 'C': the receiver waited a whole timeout after the block should have come
        }
      }
      if (attempt >= o.retries) return 'no_answer';
      resent++;
      await write();
    }
  };

  try {
    // The receiver asks with 'C'; anything else before it (REPL text) is ignored.
    for (;;) {
      const a = await next(o.startMs);
      if (a === undefined) return result(false, 'no_receiver');
      if (a.byte === CAN) return result(false, 'cancelled');
      if (a.byte === CRC_REQUEST) break;
    }
    t0 = clock.now();
    let failure = await deliver(headerBlock(name, data.length), o.headerMs, true);
    if (failure !== undefined) {
      if (failure !== 'cancelled') await cancel();
      return result(false, failure);
    }
    // After ACK of block 0 the receiver sends 'C' for block 1: wait for it (briefly) before sending on.
    await clock.until(() => queue.length > 0, o.settleMs);
    for (let i = 0; i < blocks.length; i++) {
      failure = await deliver(blocks[i]!, o.blockMs, true);
      if (failure !== undefined) {
        if (failure !== 'cancelled') await cancel();
        return result(false, failure);
      }
      acked++;
      o.onProgress?.(Math.min((i + 1) * BLOCK_1K, data.length), data.length);
    }
    failure = await deliver(Uint8Array.of(EOT), o.blockMs, false);
    if (failure !== undefined) {
      if (failure !== 'cancelled') await cancel();
      return result(false, failure);
    }
    // A classic receiver sends 'C' for the next file's block 0; Kaluma sends nothing and waits.
    await clock.until(() => queue.length > 0, 50);
    failure = await deliver(endOfBatchBlock(), o.blockMs, true);
    if (failure !== undefined) return result(false, failure);
    return result(true);
  } finally {
    off();
  }
}
