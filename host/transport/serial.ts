// A glove on a serial port (USB CDC), through node serialport. Survives the device going away:
// when the port closes under us it reports 'disconnected', retries opening the same path every
// 500 ms, and reports 'reconnected' with the gap. A missing or busy port is a clear error that
// names the port and the fix.
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { SerialPortStream } from '@serialport/stream';
import { SIM } from '../../shared/i18n/sim';
import { TransportError } from './errors';
import { BaseTransport } from './types';

export const RETRY_MS = 500;
/** How often a vanished device node is looked for while the glove is away, ms. */
export const POLL_MS = 25;

/** A serialport binding (the system's, or @serialport/binding-mock's MockBinding in tests). */
export type BindingInterface = ConstructorParameters<typeof SerialPortStream>[0]['binding'];

export interface SerialOptions {
  /** Irrelevant on USB CDC, used by real UARTs (default 115200). */
  baudRate?: number;
  /** Reopen the same path after a disconnect (default true). */
  reconnect?: boolean;
  retryMs?: number;
  /** A serialport binding (tests pass @serialport/binding-mock); default: the system's. */
  binding?: BindingInterface;
}

/** A port-opening error as a message the user can act on. */
export function openError(path: string, err: unknown): TransportError {
  const reason = err instanceof Error ? err.message : String(err);
  if (/ENOENT|No such file|File not found|cannot find the file|not found|does not exist/i.test(reason)) return new TransportError(SIM.port_missing, { port: path });
  if (/EACCES|Permission denied|Access denied/i.test(reason)) return new TransportError(SIM.port_denied, { port: path });
  if (/EBUSY|lock|Resource busy|temporarily unavailable/i.test(reason)) return new TransportError(SIM.port_busy, { port: path });
  return new TransportError(SIM.port_failed, { port: path, reason });
}

export class SerialTransport extends BaseTransport {
  readonly kind = 'serial' as const;
  private port: SerialPortStream | undefined;
  private closing = false;
  private retry: NodeJS.Timeout | undefined;
  private downSince = 0;
  private reading = false;
  private watchdog: NodeJS.Timeout | undefined;

  private constructor(readonly name: string, private readonly opts: Required<Omit<SerialOptions, 'binding'>> & { binding: BindingInterface }) {
    super();
  }

  /** Opens the port; rejects with a TransportError naming the port and the fix. */
  static async open(path: string, opts: SerialOptions = {}): Promise<SerialTransport> {
    const t = new SerialTransport(path, {
      baudRate: opts.baudRate ?? 115200,
      reconnect: opts.reconnect ?? true,
      retryMs: opts.retryMs ?? RETRY_MS,
      binding: opts.binding ?? (SerialPort.binding as unknown as BindingInterface),
    });
    try {
      await t.connect();
    } catch (err) {
      throw openError(path, err);
    }
    t.emitStatus({ type: 'open', name: path });
    return t;
  }

  get connected(): boolean {
    return this.port?.isOpen === true;
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPortStream({ binding: this.opts.binding, path: this.name, baudRate: this.opts.baudRate, autoOpen: false });
      port.open((err) => {
        if (err) {
          reject(err);
          return;
        }
        this.port = port;
        port.on('error', (e: Error) => this.emitStatus({ type: 'error', name: this.name, message: e.message }));
        port.on('close', (e: (Error & { disconnected?: boolean }) | null) => this.onPortClose(port, e));
        if (this.reading) this.attachData(port);
        this.watchPath(port);
        resolve();
      });
    });
  }

  /**
   * serialport does not always notice a hangup: a pty whose other end went away can keep
   * reading 0 bytes without an error. A device node that has disappeared (a USB glove
   * unplugged, a socat link gone) is a disconnect however quiet the port is. Only for device
   * paths of the system binding (COM ports are not files).
   */
  private watchPath(port: SerialPortStream): void {
    if (this.opts.binding !== (SerialPort.binding as unknown as BindingInterface) || !this.name.startsWith('/')) return;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (this.port !== port) {
        clearInterval(this.watchdog);
        return;
      }
      if (existsSync(this.name)) return;
      clearInterval(this.watchdog);
      this.onPortClose(port, Object.assign(new Error(`${this.name} disappeared`), { disconnected: true }));
      if (port.isOpen) port.close(() => undefined);
    }, this.opts.retryMs);
    this.watchdog.unref();
  }

  private attachData(port: SerialPortStream): void {
    port.on('data', (chunk: Buffer) => this.emitData(chunk));
  }

  protected startFlow(): void {
    this.reading = true;
    if (this.port) this.attachData(this.port);
  }

  private onPortClose(port: SerialPortStream, e: (Error & { disconnected?: boolean }) | null): void {
    if (port !== this.port) return;
    this.port = undefined;
    if (this.closing) return;
    this.downSince = Date.now();
    this.emitStatus({ type: 'disconnected', name: this.name, reason: e?.message ?? 'closed' });
    if (this.opts.reconnect) this.scheduleRetry(this.watchable() && !existsSync(this.name) ? POLL_MS : this.opts.retryMs);
  }

  /** A device path of the system binding: its node can be watched for coming back. */
  private watchable(): boolean {
    return this.opts.binding === (SerialPort.binding as unknown as BindingInterface) && this.name.startsWith('/');
  }

  /**
   * Reopens the port. Opening flushes what the device sent before (serialport's tcflush), so a
   * device node is watched every POLL_MS and opened as soon as it is back: a glove's first
   * frames after it comes back (its descriptor first) are not thrown away by a late open.
   */
  private scheduleRetry(delay = this.watchable() ? POLL_MS : this.opts.retryMs): void {
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.closing) return;
      if (this.watchable() && !existsSync(this.name)) {
        this.scheduleRetry(POLL_MS);
        return;
      }
      this.connect().then(
        () => {
          if (this.closing) {
            void this.closePort();
            return;
          }
          this.emitStatus({ type: 'reconnected', name: this.name, gap_s: (Date.now() - this.downSince) / 1000 });
        },
        () => this.scheduleRetry(this.opts.retryMs),
      );
    }, delay);
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen) return Promise.reject(new TransportError(SIM.port_write_closed, { port: this.name }));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), (err) => {
        if (err) reject(err);
        else port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  private closePort(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    clearInterval(this.watchdog);
    await this.closePort();
    this.emitStatus({ type: 'closed', name: this.name });
  }
}
