// Damage injection for byte streams: bit flips, lost chunks and Espruino console text, as a
// flaky USB link and a glove whose console was not yet moved off USB produce them. Pure and
// deterministic: the same bytes and options always give the same result.

export interface DamageOptions {
  seed: number;
  /** Probability per input byte that one of its bits is flipped. */
  flipRate?: number;
  /** Probability per input byte that a lost chunk of 1..maxLen bytes starts there. */
  dropChunks?: { rate: number; maxLen: number };
  /** Probability per input byte that a console line is inserted before it. */
  consoleText?: { rate: number };
  /** Probability per input byte that the 1..maxLen bytes before it are sent again (a replay). */
  duplicateChunks?: { rate: number; maxLen: number };
  /** Apply the damage only to input bytes before this offset (a noisy start); default all. */
  until?: number;
}

/** One thing done, located by its offset in the input (text: inserted before that byte). */
export interface DamageEvent {
  kind: 'flip' | 'drop' | 'text' | 'dup';
  at: number;
  /** flip: 1; drop: bytes removed; text, dup: bytes inserted. */
  length: number;
}

export interface DamageResult {
  bytes: Uint8Array;
  flips: number;
  droppedChunks: number;
  droppedBytes: number;
  consoleLines: number;
  consoleBytes: number;
  duplicatedChunks: number;
  duplicatedBytes: number;
  events: DamageEvent[];
}

/** What the Espruino console prints on the USB link (ESPRUINO.md). */
export const CONSOLE_TEXT = [
  '-> LoopbackA\r\n',
  'Uncaught Error: I2C timeout\r\n at line 12 col 5\r\n',
  '>',
  '\r\n=undefined\r\n',
  '\r\n>',
  'Uncaught InternalError: Timeout on I2C Write BUSY\r\n',
  '-> USB\r\n',
];
const CONSOLE_BYTES = CONSOLE_TEXT.map((s) => Uint8Array.from(s, (ch) => ch.charCodeAt(0)));

/** mulberry32: a small, fast, seeded PRNG; returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function damage(input: Uint8Array, opts: DamageOptions): DamageResult {
  const rand = mulberry32(opts.seed);
  const flipRate = opts.flipRate ?? 0;
  const dropRate = opts.dropChunks?.rate ?? 0;
  const dropMax = Math.max(1, Math.floor(opts.dropChunks?.maxLen ?? 1));
  const textRate = opts.consoleText?.rate ?? 0;
  const dupRate = opts.duplicateChunks?.rate ?? 0;
  const dupMax = Math.max(1, Math.floor(opts.duplicateChunks?.maxLen ?? 1));
  const until = opts.until ?? Infinity;

  let out = new Uint8Array(input.length + 64);
  let n = 0;
  const room = (k: number): void => {
    if (n + k <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, n + k));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  const r: DamageResult = {
    bytes: out, flips: 0, droppedChunks: 0, droppedBytes: 0, consoleLines: 0, consoleBytes: 0,
    duplicatedChunks: 0, duplicatedBytes: 0, events: [],
  };

  let i = 0;
  while (i < input.length) {
    if (i >= until) {
      room(input.length - i);
      out.set(input.subarray(i), n);
      n += input.length - i;
      break;
    }
    if (dupRate > 0 && i > 0 && rand() < dupRate) {
      const len = Math.min(1 + Math.floor(rand() * dupMax), i);
      room(len);
      out.set(input.subarray(i - len, i), n);
      n += len;
      r.duplicatedChunks++;
      r.duplicatedBytes += len;
      r.events.push({ kind: 'dup', at: i, length: len });
    }
    if (textRate > 0 && rand() < textRate) {
      const text = CONSOLE_BYTES[Math.floor(rand() * CONSOLE_BYTES.length)]!;
      room(text.length);
      out.set(text, n);
      n += text.length;
      r.consoleLines++;
      r.consoleBytes += text.length;
      r.events.push({ kind: 'text', at: i, length: text.length });
    }
    if (dropRate > 0 && rand() < dropRate) {
      const len = Math.min(1 + Math.floor(rand() * dropMax), input.length - i);
      r.droppedChunks++;
      r.droppedBytes += len;
      r.events.push({ kind: 'drop', at: i, length: len });
      i += len;
      continue;
    }
    let b = input[i]!;
    if (flipRate > 0 && rand() < flipRate) {
      b ^= 1 << Math.floor(rand() * 8);
      r.flips++;
      r.events.push({ kind: 'flip', at: i, length: 1 });
    }
    room(1);
    out[n++] = b;
    i++;
  }
  r.bytes = out.slice(0, n);
  return r;
}

/** The bytes with input[at - len, at) sent a second time right after themselves (a replay). */
export function repeatBytes(input: Uint8Array, at: number, len: number): Uint8Array {
  const out = new Uint8Array(input.length + len);
  out.set(input.subarray(0, at), 0);
  out.set(input.subarray(at - len, at), at);
  out.set(input.subarray(at), at + len);
  return out;
}

/** The bytes without input[from, to) (an outage: the glove streamed, nothing arrived). */
export function cutBytes(input: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(input.length - (to - from));
  out.set(input.subarray(0, from), 0);
  out.set(input.subarray(to), from);
  return out;
}
