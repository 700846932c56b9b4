// The real Espruino interpreter (Linux build) as a *board* that firmware is flashed to, for the
// flash tests. Unlike espruino-linux.ts (which runs one file and ends when it has no timers
// left, so that the `reset()` an upload starts with would end it), this runs the interpreter in
// its interactive mode, in a folder of its own:
// - its console (REPL) is on stdin/stdout, its `USB` device, as on a fresh board;
// - it never ends by itself (only quit(), two Ctrl-C on an empty line within 5 s, or a signal);
// - save() writes `espruino.flash` in its folder, and powerUp() starts the interpreter again
//   there, which loads the saved code as a board does at power-up;
// - serve() makes it reachable as tcp://127.0.0.1:PORT, which the espruino CLI speaks: each
//   connection gets the board's later output, and its bytes go to the board.
// Runs under `setarch -R` where that works (reloading saved code that refers to native functions
// can segfault under address-space randomisation).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canSetarch } from './espruino-linux';
import { requireEngine } from './locate';

export interface BoardBridge {
  /** tcp://127.0.0.1:PORT */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

export class EspruinoLinuxBoard {
  /** The board's folder (its flash file). */
  readonly dir: string;
  /** Every byte the board sent, over all its power-ups. */
  private parts: Buffer[] = [];
  private total = 0;
  private joined: Buffer | undefined;
  private readonly listeners = new Set<(d: Buffer) => void>();
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** How the latest run ended (undefined while it runs). */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  stderr = '';

  constructor(private readonly binary: string = requireEngine('espruinoLinux')) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'pijat-espruino-board-'));
  }

  /** Starts the interpreter (again): saved code in the folder loads as at a board's power-up. */
  powerUp(): void {
    if (this.child !== undefined && this.exit === undefined) throw new Error('the board is running; powerDown() first');
    const args = canSetarch() ? [process.arch === 'x64' ? 'x86_64' : process.arch, '-R', this.binary] : [];
    const child = spawn(args.length > 0 ? 'setarch' : this.binary, args, { cwd: this.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.exit = undefined;
    child.stdout!.on('data', (d: Buffer) => {
      this.parts.push(d);
      this.total += d.length;
      this.joined = undefined;
      for (const l of [...this.listeners]) l(d);
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
    });
    child.stdin!.on('error', () => {
      // it ended while we wrote
    });
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
      child.on('error', (err) => {
        this.stderr += String(err);
        this.exit = { code: null, signal: null };
        resolve();
      });
    });
  }

  /** Ends the interpreter (the board loses power: what was not saved is gone). */
  async powerDown(): Promise<void> {
    const child = this.child;
    if (child === undefined || this.exit !== undefined) return;
    child.stdin!.end();
    child.kill('SIGKILL');
    await this.exited;
  }

  get running(): boolean {
    return this.child !== undefined && this.exit === undefined;
  }

  get received(): Buffer {
    if (this.joined === undefined || this.joined.length !== this.total) {
      this.joined = Buffer.concat(this.parts, this.total);
      this.parts = [this.joined];
    }
    return this.joined;
  }

  get receivedLength(): number {
    return this.total;
  }

  onData(listener: (d: Buffer) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  send(bytes: Uint8Array | string): void {
    if (!this.running) throw new Error(`the Espruino board is not running (${JSON.stringify(this.exit)}): ${this.stderr.slice(-300)}`);
    this.child!.stdin!.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Resolves when the output since `from` matches, or rejects after `ms`. */
  async waitFor(re: RegExp, ms: number, from = 0): Promise<void> {
    const end = Date.now() + ms;
    while (!re.test(this.received.subarray(from).toString('latin1'))) {
      if (!this.running) throw new Error(`the Espruino board ended (${JSON.stringify(this.exit)}) before ${re}: ${this.stderr.slice(-300)}`);
      if (Date.now() > end) throw new Error(`no ${re} from the Espruino board within ${ms} ms: ${JSON.stringify(this.received.subarray(from).toString('latin1').slice(-300))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The board as tcp://127.0.0.1:PORT (see the top of this file). */
  serve(): Promise<BoardBridge> {
    let count = 0;
    const sockets = new Set<net.Socket>();
    const server = net.createServer((s) => {
      count++;
      sockets.add(s);
      s.setNoDelay(true);
      const off = this.onData((d) => {
        if (!s.destroyed) s.write(d);
      });
      s.on('data', (d: Buffer) => {
        if (this.running) this.send(d);
      });
      s.on('close', () => {
        off();
        sockets.delete(s);
      });
      s.on('error', () => undefined);
    });
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const port = (server.address() as net.AddressInfo).port;
        resolve({
          url: `tcp://127.0.0.1:${port}`,
          connections: () => count,
          close: () => new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
        });
      });
    });
  }

  /** Powers down and removes the folder. */
  async dispose(): Promise<void> {
    await this.powerDown();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
