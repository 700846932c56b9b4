// A capture file as a transport: its bytes in chunks, as fast as the reader takes them or paced
// by the device timestamps inside it (real time, or `speed` times faster).
import { readFile, stat } from 'node:fs/promises';
import { Decoder } from '../../shared/protocol/decoder';
import { SIM } from '../../shared/i18n/sim';
import { TransportError } from './errors';
import { BaseTransport } from './types';

export interface FileReplayOptions {
  /** Pace the chunks by the device time stamps (default false: as fast as possible). */
  realtime?: boolean;
  /** With realtime: this many times faster than real time (default 1). */
  speed?: number;
  /** Bytes per chunk (default 4096; 512 when paced, about 10 frames). */
  chunkSize?: number;
}

/** Reads a capture, with errors that name the file and the fix. */
export async function readCapture(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new TransportError(SIM.file_is_dir, { file: path });
    size = s.size;
  } catch (err) {
    if (err instanceof TransportError) throw err;
    throw new TransportError(SIM.file_missing, { file: path });
  }
  if (size === 0) throw new TransportError(SIM.file_empty, { file: path });
  const b = await readFile(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Device time (s) reached after each slice of `bytes`, found with the real decoder. */
export function sliceTimes(bytes: Uint8Array, slice: number): number[] {
  const d = new Decoder();
  const times: number[] = [];
  let last = NaN;
  for (let o = 0; o < bytes.length; o += slice) {
    d.push(bytes.subarray(o, Math.min(bytes.length, o + slice)), (m) => {
      if (m.type !== 'command') last = m.t_s;
    });
    times.push(last);
  }
  return times;
}

export class FileReplay extends BaseTransport {
  readonly kind = 'file' as const;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(readonly name: string, private readonly bytes: Uint8Array, private readonly opts: FileReplayOptions) {
    super();
  }

  static async open(path: string, opts: FileReplayOptions = {}): Promise<FileReplay> {
    const t = new FileReplay(path, await readCapture(path), opts);
    t.emitStatus({ type: 'open', name: path });
    return t;
  }

  /** A replay of bytes already in memory (tests, stdin). */
  static fromBytes(name: string, bytes: Uint8Array, opts: FileReplayOptions = {}): FileReplay {
    return new FileReplay(name, bytes, opts);
  }

  protected startFlow(): void {
    const size = this.opts.chunkSize ?? (this.opts.realtime ? 512 : 4096);
    const b = this.bytes;
    const n = Math.ceil(b.length / size);
    const chunk = (i: number): Uint8Array => b.subarray(i * size, Math.min(b.length, (i + 1) * size));
    if (!this.opts.realtime) {
      let i = 0;
      const step = (): void => {
        if (this.closed) return;
        // A few chunks per turn of the event loop, so a big file does not block it.
        for (let k = 0; k < 64 && i < n; k++) this.emitData(chunk(i++));
        if (i < n) this.timer = setTimeout(step, 0);
        else this.emitStatus({ type: 'end', name: this.name });
      };
      this.timer = setTimeout(step, 0);
      return;
    }
    const speed = this.opts.speed ?? 1;
    const times = sliceTimes(b, size);
    const t0 = times.find((x) => !Number.isNaN(x)) ?? 0;
    const wall0 = performance.now();
    let i = 0;
    const step = (): void => {
      if (this.closed) return;
      const now = (performance.now() - wall0) / 1000;
      while (i < n && (Number.isNaN(times[i]!) || (times[i]! - t0) / speed <= now)) this.emitData(chunk(i++));
      if (i >= n) {
        this.emitStatus({ type: 'end', name: this.name });
        return;
      }
      const wait = ((times[i]! - t0) / speed - now) * 1000;
      this.timer = setTimeout(step, Math.max(1, Math.min(wait, 100)));
    };
    this.timer = setTimeout(step, 0);
  }

  /** A recording cannot answer: commands are dropped. */
  write(_bytes: Uint8Array): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.emitStatus({ type: 'closed', name: this.name });
  }
}
