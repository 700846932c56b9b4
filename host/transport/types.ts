// One small interface for every byte source the host reads a glove from: a serial port, a
// capture file replayed, or the simulated glove. Front ends (live, serve) only see this.

export type TransportStatus =
  /** The link is open (sent once, right after opening). */
  | { type: 'open'; name: string }
  /** The device went away (unplugged, port closed under us); reconnection is being tried. */
  | { type: 'disconnected'; name: string; reason: string }
  /** The device is back; `gap_s` is how long it was away. */
  | { type: 'reconnected'; name: string; gap_s: number }
  /** A finite source (a file, a simulation with an end) has delivered everything. */
  | { type: 'end'; name: string }
  /** A problem that did not close the link. */
  | { type: 'error'; name: string; message: string }
  /** Closed by close(). */
  | { type: 'closed'; name: string };

export interface Transport {
  readonly kind: 'serial' | 'file' | 'sim';
  /** Port path, file path, or `sim:<scenario>:<seed>`. */
  readonly name: string;
  /** Chunks of bytes as they arrive. Data starts flowing once the first data listener is added. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onStatus(listener: (status: TransportStatus) => void): () => void;
  /** Bytes to the device (commands). */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Listener bookkeeping shared by the transports. */
export abstract class BaseTransport implements Transport {
  abstract readonly kind: Transport['kind'];
  abstract readonly name: string;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly statusListeners = new Set<(status: TransportStatus) => void>();
  private flowing = false;
  /** Statuses sent before anyone listened (e.g. 'open'), replayed to the first status listener. */
  private early: TransportStatus[] = [];

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    if (!this.flowing) {
      this.flowing = true;
      this.startFlow();
    }
    return () => {
      this.dataListeners.delete(listener);
    };
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.statusListeners.add(listener);
    if (this.early.length > 0) {
      const early = this.early;
      this.early = [];
      for (const s of early) listener(s);
    }
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  protected emitData(chunk: Uint8Array): void {
    for (const l of this.dataListeners) l(chunk);
  }

  protected emitStatus(status: TransportStatus): void {
    if (this.statusListeners.size === 0) {
      this.early.push(status);
      return;
    }
    for (const l of this.statusListeners) l(status);
  }

  /** Called once, when the first data listener arrives. */
  protected abstract startFlow(): void;

  abstract write(bytes: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;
}
