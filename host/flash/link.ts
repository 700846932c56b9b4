// What the flasher talks through: a byte link (a serial port, a tcp:// socket, or a test's
// emulated board) and a clock. Both are injected, so that the same code flashes a real glove in
// real time and an emulated one in emulated time (where waiting means running the emulator).

/** Bytes both ways. host/transport's Transport is one (SerialTransport); so is TcpLink. */
export interface ByteLink {
  write(bytes: Uint8Array): Promise<void>;
  /** Calls `listener` with every later chunk from the board; returns the unsubscribe. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

/** A link the flasher opened itself and closes when done with it. */
export interface OpenLink extends ByteLink {
  close(): Promise<void>;
}

/** Time as the board sees it: wall time for a real board, emulated time for an emulated one. */
export interface Clock {
  /** Milliseconds (any origin). */
  now(): number;
  /**
   * Resolves true as soon as `done()` holds, or false after `ms` milliseconds. An emulated
   * clock runs the emulator meanwhile (that is when its bytes arrive).
   */
  until(done: () => boolean, ms: number): Promise<boolean>;
}

/** How often the real clock looks at `done()`, ms. */
const POLL_MS = 2;

export const realClock: Clock = {
  now: () => performance.now(),
  until(done: () => boolean, ms: number): Promise<boolean> {
    const end = performance.now() + ms;
    return new Promise((resolve) => {
      const check = (): void => {
        if (done()) resolve(true);
        else if (performance.now() >= end) resolve(false);
        else setTimeout(check, POLL_MS);
      };
      check();
    });
  },
};

export function sleep(clock: Clock, ms: number): Promise<boolean> {
  return clock.until(() => false, ms);
}

/** Writes text as Latin-1 bytes (the REPL commands are ASCII). */
export function writeText(link: ByteLink, text: string): Promise<void> {
  return link.write(Uint8Array.from(Buffer.from(text, 'latin1')));
}

/**
 * Everything a link delivers from the moment it was created, kept for searching: the flasher
 * waits for REPL text ("soft reset", "Done") in it, and hands byte streams to YMODEM.
 */
export class Inbox {
  private readonly parts: Uint8Array[] = [];
  private total = 0;
  private joined: Buffer | undefined;
  private readonly off: () => void;
  private readonly taps = new Set<(chunk: Uint8Array) => void>();

  constructor(link: ByteLink) {
    this.off = link.onData((chunk) => {
      const copy = Uint8Array.from(chunk);
      this.parts.push(copy);
      this.total += copy.length;
      this.joined = undefined;
      for (const t of [...this.taps]) t(copy);
    });
  }

  /** Bytes received so far (an offset to search from later). */
  get length(): number {
    return this.total;
  }

  /** Every byte received. */
  get bytes(): Buffer {
    if (this.joined === undefined) {
      this.joined = Buffer.concat(this.parts, this.total);
      this.parts.length = 0;
      this.parts.push(this.joined);
    }
    return this.joined;
  }

  /** The bytes from `from` on, as Latin-1 text. */
  text(from = 0): string {
    return this.bytes.subarray(from).toString('latin1');
  }

  /** Calls `listener` with every later chunk; returns the unsubscribe. */
  tap(listener: (chunk: Uint8Array) => void): () => void {
    this.taps.add(listener);
    return () => {
      this.taps.delete(listener);
    };
  }

  /**
   * Waits until the text from `from` on matches `re`; returns the end offset of the match, or
   * undefined after `ms`.
   */
  async waitFor(clock: Clock, re: RegExp, ms: number, from = 0): Promise<number | undefined> {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    let end: number | undefined;
    let seen = -1;
    const found = (): boolean => {
      if (this.total === seen) return false;
      seen = this.total;
      global.lastIndex = 0;
      const m = global.exec(this.text(from));
      if (m === null) return false;
      end = from + m.index + m[0].length;
      return true;
    };
    await clock.until(found, ms);
    return end;
  }

  close(): void {
    this.off();
    this.taps.clear();
  }
}
