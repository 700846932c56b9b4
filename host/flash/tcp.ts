// A board reached over the network as tcp://HOST:PORT (the espruino CLI speaks it too: an
// Espruino on a serial-to-TCP bridge, or a test's interpreter behind a local server).
import net from 'node:net';
import type { OpenLink } from './link';

/** Espruino's telnet console port, the espruino CLI's default for tcp:// without a port. */
export const DEFAULT_TCP_PORT = 23;

export function isTcpPort(port: string): boolean {
  return port.startsWith('tcp://');
}

/** Host and port of tcp://HOST[:PORT]. */
export function parseTcpPort(port: string): { host: string; port: number } {
  const rest = port.slice('tcp://'.length).replace(/\/+$/, '');
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(rest);
  if (m === null) throw new Error(`not a tcp://HOST:PORT address: ${port}`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] === undefined ? DEFAULT_TCP_PORT : Number(m[2]) };
}

export class TcpLink implements OpenLink {
  private readonly listeners = new Set<(chunk: Uint8Array) => void>();
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      for (const l of [...this.listeners]) l(d);
    });
    socket.on('error', () => {
      // a reset by the far end ends the link; the flasher notices the silence
    });
  }

  static open(address: string, timeoutMs = 5000): Promise<TcpLink> {
    const { host, port } = parseTcpPort(address);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection to ${address} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(new TcpLink(socket));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.closed || this.socket.destroyed) return Promise.reject(new Error('the link is closed'));
    return new Promise((resolve, reject) => {
      this.socket.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.listeners.clear();
    return new Promise((resolve) => {
      if (this.socket.destroyed) {
        resolve();
        return;
      }
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 500).unref();
    });
  }
}
