// The simulated glove as a transport: frames paced in real time (or `speed` times faster),
// commands written to it (version 2 text, or version 1 frames) go to the glove, which answers
// with acks as a real one does.
import { SimulatedGlove, type GloveOptions } from '../sim/glove';
import { BlockSink } from '../sim/sinks';
import { BaseTransport } from './types';

export interface SimLinkOptions extends GloveOptions {
  /** Times faster than real time (default 1). */
  speed?: number;
  /** How often frames are pushed, ms (default 20). */
  tickMs?: number;
  /** Report 'end' and stop once the glove has run this long, s (default: never). */
  end_s?: number;
}

export class SimLink extends BaseTransport {
  readonly kind = 'sim' as const;
  readonly name: string;
  readonly glove: SimulatedGlove;
  private readonly sink = new BlockSink(4096);
  private timer: NodeJS.Timeout | undefined;
  private wall0 = 0;
  private closed = false;

  constructor(private readonly opts: SimLinkOptions = {}) {
    super();
    this.glove = new SimulatedGlove(opts);
    this.name = `sim:${this.glove.spec.name}:${this.glove.seed}`;
    this.emitStatus({ type: 'open', name: this.name });
  }

  /** Device time the link has reached, s. */
  get time_s(): number {
    return this.wall0 === 0 ? 0 : ((performance.now() - this.wall0) / 1000) * (this.opts.speed ?? 1);
  }

  protected startFlow(): void {
    this.wall0 = performance.now();
    const step = (): void => {
      if (this.closed) return;
      let t = this.time_s;
      const end = this.opts.end_s;
      if (end !== undefined && t >= end) t = end;
      this.glove.advanceTo(t, this.sink);
      this.flush();
      if (end !== undefined && t >= end) {
        this.closed = true;
        this.emitStatus({ type: 'end', name: this.name });
        return;
      }
      this.timer = setTimeout(step, this.opts.tickMs ?? 20);
    };
    this.timer = setTimeout(step, 0);
  }

  private flushing = false;

  /**
   * Emits what the glove wrote, in order. A listener may write a command from inside the data
   * callback; its ack then joins the sink and goes out after the frames already taken,
   * as on a real wire (not ahead of them).
   */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let blocks = this.sink.flush(); blocks.length > 0; blocks = this.sink.flush()) {
        for (const b of blocks) this.emitData(b);
      }
    } finally {
      this.flushing = false;
    }
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.closed) {
      this.glove.receive(bytes, this.sink);
      this.flush();
    }
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.closed && !this.timer) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.emitStatus({ type: 'closed', name: this.name });
  }
}
