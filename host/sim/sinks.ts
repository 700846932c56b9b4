// Where the simulated glove's frames go: one fresh array per frame, or packed into blocks.
import { writeSampleFrame } from './fast-encode';

/** Receives the glove's frames in order. */
export interface FrameSink {
  sample(seq: number, t_us: number, flags: number, fsr: ArrayLike<number>, imu: ArrayLike<number>): void;
  frame(bytes: Uint8Array): void;
}

/** One Uint8Array per frame, collected until taken. */
export class FrameListSink implements FrameSink {
  private items: Uint8Array[] = [];

  sample(seq: number, t_us: number, flags: number, fsr: ArrayLike<number>, imu: ArrayLike<number>): void {
    const out = new Uint8Array(12 + 2 * fsr.length + 2 * imu.length + 4);
    writeSampleFrame(out, 0, seq, t_us, flags, fsr, imu);
    this.items.push(out);
  }

  frame(bytes: Uint8Array): void {
    this.items.push(bytes);
  }

  /** The frames since the last take, in order. */
  take(): Uint8Array[] {
    const out = this.items;
    this.items = [];
    return out;
  }
}

/** Packs frames back to back into blocks of `blockSize` bytes (the fast path for files). */
export class BlockSink implements FrameSink {
  private block: Uint8Array;
  private pos = 0;
  private full: Uint8Array[] = [];
  /** Frames written so far. */
  frames = 0;

  constructor(private readonly blockSize = 1 << 16) {
    this.block = new Uint8Array(blockSize);
  }

  private room(n: number): void {
    if (this.pos + n <= this.block.length) return;
    if (this.pos > 0) this.full.push(this.block.subarray(0, this.pos));
    this.block = new Uint8Array(Math.max(this.blockSize, n));
    this.pos = 0;
  }

  sample(seq: number, t_us: number, flags: number, fsr: ArrayLike<number>, imu: ArrayLike<number>): void {
    this.room(16 + 2 * fsr.length + 2 * imu.length);
    this.frames++;
    this.pos += writeSampleFrame(this.block, this.pos, seq, t_us, flags, fsr, imu);
  }

  frame(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.frames++;
    this.block.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Blocks filled since the last take. */
  takeFull(): Uint8Array[] {
    const out = this.full;
    this.full = [];
    return out;
  }

  /** Everything written so far and not yet taken (full blocks, then the current part). */
  flush(): Uint8Array[] {
    const out = this.takeFull();
    if (this.pos > 0) {
      out.push(this.block.subarray(0, this.pos));
      this.block = new Uint8Array(this.blockSize);
      this.pos = 0;
    }
    return out;
  }
}
