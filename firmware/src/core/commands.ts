// Incremental parser for command frames from the host (PROTOCOL.md 3.4): bytes arrive in
// chunks of any size (Espruino hands a string, Kaluma a Uint8Array); junk before a frame and
// frames with a bad CRC are skipped, resuming at the next sync byte.
import { SYNC, MSG_COMMAND } from '../../../shared/protocol/constants';
import type { CrcLike } from './hal';
import { CMD_MIN_LEN, CMD_MAX_LEN } from './layout';

/** Receive buffer; after a frame is delivered, its bytes are rx[0 .. len+6]. */
export const rx = new Uint8Array(CMD_MAX_LEN + 7);
let rxLen = 0;
let crc!: CrcLike;
/** Called with (cmd, cmdSeq, argument count); the argument bytes are rx[11 ..]. */
let onCommand: (cmd: number, cmdSeq: number, argLen: number) => void = () => undefined;

export function initCommands(c: CrcLike, handler: (cmd: number, cmdSeq: number, argLen: number) => void): void {
  crc = c;
  onCommand = handler;
  rxLen = 0;
}

/** Drops rx[0] and moves the buffer on to the next sync byte (or empties it). */
function resync(): void {
  let from = 1;
  while (from < rxLen && rx[from] !== SYNC) from++;
  for (let i = from; i < rxLen; i++) rx[i - from] = rx[i];
  rxLen -= from;
}

function frameLen(): number {
  return rx[1] | (rx[2] << 8);
}

/** True while the buffered bytes can still be the start of a command frame. */
function plausible(): boolean {
  if (rxLen < 4) return true;
  const len = frameLen();
  return rx[3] === MSG_COMMAND && len >= CMD_MIN_LEN && len <= CMD_MAX_LEN;
}

function tryFrame(): void {
  for (;;) {
    if (rxLen === 0) return;
    if (rx[0] !== SYNC || !plausible()) {
      resync();
      continue;
    }
    if (rxLen < 4) return;
    const len = frameLen();
    if (rxLen < len + 7) return;
    const at = len + 3;
    const stored = rx[at] + rx[at + 1] * 256 + rx[at + 2] * 65536 + rx[at + 3] * 16777216;
    if (crc.CRC32(new Uint8Array(rx.buffer, 1, len + 2)) !== stored) {
      resync();
      continue;
    }
    onCommand(rx[10], rx[4] | (rx[5] << 8), len - 8);
    rxLen = 0;
    return;
  }
}

/** Feeds host bytes; each complete, intact command frame is handed to the handler. */
export function feed(data: string | Uint8Array): void {
  const isText = typeof data === 'string';
  for (let i = 0; i < data.length; i++) {
    const b = isText ? (data as string).charCodeAt(i) & 0xff : (data as Uint8Array)[i];
    if (rxLen === 0 && b !== SYNC) continue;
    rx[rxLen++] = b;
    tryFrame();
  }
}

/** u16 little-endian argument at argument byte `i`. */
export function argU16(i: number): number {
  return rx[11 + i] | (rx[12 + i] << 8);
}
