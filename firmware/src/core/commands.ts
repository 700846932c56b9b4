// Incremental parser of the host's commands, protocol v2 (PROTOCOL.md 3.4): `{` hex `}`, where
// the hex digits carry seq u16, cmd u8, the arguments and a CRC-32 of those bytes. Every byte of
// a command is printable ASCII, so none can be a control character to a REPL or a USB layer.
// Bytes arrive in chunks of any size (Espruino hands a string, Kaluma a Uint8Array); anything
// outside braces is ignored, `{` restarts, any other byte inside abandons the command.

/** Decoded body: seq (2), cmd (1), arguments, CRC (4). */
const MIN_BODY = 7;
const MAX_BODY = 64;
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }

const body = new Uint8Array(MAX_BODY);
/** Hex digits taken inside the current command; -1: not inside a command. */
let digits = -1;
let crc32: (bytes: Uint8Array) => number = () => 0;
/** Called with (cmd, cmdSeq, argument count); the arguments are read with arg8 / argU16. */
let onCommand: (cmd: number, cmdSeq: number, argLen: number) => void = () => undefined;

export function initCommands(crc: (bytes: Uint8Array) => number, handler: (cmd: number, cmdSeq: number, argLen: number) => void): void {
  crc32 = crc;
  onCommand = handler;
  digits = -1;
}

function nibble(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

function finish(): void {
  const n = digits;
  digits = -1;
  if ((n & 1) !== 0) return;
  const len = n / 2;
  if (len < MIN_BODY || len > MAX_BODY) return;
  const stored = body[len - 4] + body[len - 3] * 256 + body[len - 2] * 65536 + body[len - 1] * 16777216;
  if (crc32(new Uint8Array(body.buffer, 0, len - 4)) !== stored) return;
  onCommand(body[2], body[0] + body[1] * 256, len - 7);
}

function take(b: number): void {
  if (b === OPEN) {
    digits = 0;
    return;
  }
  if (digits < 0) return;
  if (b === CLOSE) {
    finish();
    return;
  }
  const v = nibble(b);
  if (v < 0 || digits >= 2 * MAX_BODY) {
    digits = -1;
    return;
  }
  const i = digits >> 1;
  body[i] = (digits & 1) === 0 ? v << 4 : body[i] | v;
  digits++;
}

/** Feeds host bytes; each complete, intact command is handed to the handler. */
export function feed(data: string | Uint8Array): void {
  if (typeof data === 'string') {
    for (let i = 0; i < data.length; i++) take(data.charCodeAt(i) & 0xff);
  } else {
    for (let i = 0; i < data.length; i++) take(data[i]);
  }
}

/** Argument byte i (0 = the first byte after cmd). */
export function arg8(i: number): number {
  return body[3 + i];
}

/** u16 little-endian argument at argument byte i. */
export function argU16(i: number): number {
  return body[3 + i] + body[4 + i] * 256;
}
