// A YMODEM (batch, CRC-16) sender for one file: what Kaluma's `.flash -w` receives
// (src/ymodem.c of Kaluma 1.2.1). Written for Pijat after reading that receiver and the sender
// of @kaluma/cli 1.4.0; the registry's @kaluma/cli 1.0.0 has no `flash` command.
//
// The exchange (sender S, receiver R):
//   R: 'C' (once a second until a block arrives)   S: block 0 = "name\0size " (SOH, 128 bytes)
//   R: ACK 'C'                                      S: block 1, 2, ... (STX, 1024 bytes each,
//   R: ACK after each                                  the last one padded with 0x1A)
//   S: EOT   R: ACK   S: block 0 all zero (end of the batch)   R: ACK
// A NAK, or a 'C' while data is being sent (the receiver timed out waiting), asks for the block
// again; CAN CAN from the receiver ends the transfer. Kaluma acks the first EOT (a classic
// receiver NAKs it once; both work here). The sender gives up after `retries` tries of one block
// and then cancels (CAN CAN ...), so that the REPL comes back.
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
  /** Time for the answer to one block, ms. Block 0 may take longer: Kaluma erases its program area first. */
  blockMs?: number;
  headerMs?: number;
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
  /** Blocks sent again (after a NAK, a receiver timeout, or our own timeout). */
  resent: number;
  /** Milliseconds on the link's clock from the first 'C' to the last ACK. */
  ms: number;
}

const DEFAULTS: Required<Omit<YmodemOptions, 'onProgress' | 'received'>> = { startMs: 10_000, blockMs: 5000, headerMs: 15_000, retries: 8 };

/**
 * Sends one file over `link`, whose receiver is already waiting (after Kaluma's "Transfer a file
 * via YMODEM" line). Bytes that arrived before the call are not looked at, except `received`.
 */
export async function sendYmodem(link: ByteLink, clock: Clock, name: string, data: Uint8Array, opts: YmodemOptions = {}): Promise<YmodemResult> {
  const o = { ...DEFAULTS, ...opts };
  const blocks = dataBlocks(data);
  const queue: number[] = [];
  let cancels = 0;
  const take = (chunk: Uint8Array): void => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === CAN) {
        cancels++;
        if (cancels >= 2) queue.push(CAN);
      } else {
        cancels = 0;
        if (b === ACK || b === NAK || b === CRC_REQUEST) queue.push(b);
      }
    }
  };
  if (opts.received !== undefined) take(opts.received);
  const off = link.onData(take);
  const next = async (ms: number): Promise<number | undefined> => {
    if (queue.length === 0) await clock.until(() => queue.length > 0, ms);
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

  /**
   * Sends `block` until the receiver acks it. `cRepeats`: whether a 'C' asks for it again (in the
   * data phase a 'C' means the receiver timed out waiting; right after block 0 it is the request
   * for block 1 that always follows the ACK, which is no reason to repeat anything).
   */
  const deliver = async (block: Uint8Array, waitMs: number, cRepeats: boolean): Promise<YmodemFailure | undefined> => {
    for (let attempt = 0; attempt < o.retries; attempt++) {
      if (attempt > 0) resent++;
      await link.write(block);
      for (;;) {
        const b = await next(waitMs);
        if (b === ACK) return undefined;
        if (b === CAN) return 'cancelled';
        if (b === undefined || b === NAK || (b === CRC_REQUEST && cRepeats)) break; // send it again
      }
    }
    return 'no_answer';
  };

  try {
    // The receiver asks with 'C'; anything else before it (REPL text) is ignored.
    for (;;) {
      const b = await next(o.startMs);
      if (b === undefined) return result(false, 'no_receiver');
      if (b === CAN) return result(false, 'cancelled');
      if (b === CRC_REQUEST) break;
    }
    t0 = clock.now();
    let failure = await deliver(headerBlock(name, data.length), o.headerMs, true);
    if (failure !== undefined) {
      if (failure !== 'cancelled') await cancel();
      return result(false, failure);
    }
    // After ACK of block 0 the receiver sends 'C' for block 1: take it (briefly) before sending on.
    if (queue.length === 0) await clock.until(() => queue.length > 0, 1000);
    if (queue[0] === CRC_REQUEST) queue.shift();
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
    while (queue[0] === CRC_REQUEST) queue.shift();
    failure = await deliver(endOfBatchBlock(), o.blockMs, false);
    if (failure !== undefined) return result(false, failure);
    return result(true);
  } finally {
    off();
  }
}
