// Runs the real Espruino interpreter (Linux build) on a firmware file with the Espruino Pico's
// glove hardware supplied in JavaScript before it (espruino-prelude.ts). Its `USB` object is the
// child's stdout (writes) and stdin (`USB.on('data')`): `received` collects stdout with wall-clock
// arrival times, `send()` writes to stdin. stdin stays an open pipe this object holds: at end of
// input the Linux build feeds a stale byte to USB.on('data') for ever (and a 0x04 from stdin
// ends it). It runs under `setarch -R` when that works: reloading saved code that refers to
// native functions can segfault under address-space randomisation.
//
// Timing is x86 timing (roughly 100-280x faster than the Espruino Pico's STM32F401), and the
// prelude's analogRead/I2C1 are JavaScript rather than native calls: use the RP2040 emulator for
// cycle counts.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireEngine } from './locate';
import { espruinoPrelude, type PreludeOptions } from './espruino-prelude';

export interface EspruinoLinuxOptions extends PreludeOptions {
  /** The firmware file's bytes or text, run after the prelude. */
  readonly program: Buffer | string;
  /** Run without the prelude (the program supplies its own hardware, or needs none). */
  readonly noPrelude?: boolean;
  /** Interpreter binary (default: found by ./locate). */
  readonly binary?: string;
  /** Use `setarch -R` (default: when it works on this machine). */
  readonly setarch?: boolean;
}

export interface LinuxChunk {
  readonly offset: number;
  readonly length: number;
  /** Milliseconds since spawn (wall clock). */
  readonly t: number;
}

let setarchWorks: boolean | undefined;
/** Whether `setarch -R` can run a program here (it needs the personality syscall). */
export function canSetarch(): boolean {
  if (setarchWorks === undefined) {
    const r = spawnSync('setarch', [process.arch === 'x64' ? 'x86_64' : process.arch, '-R', 'true'], { stdio: 'ignore' });
    setarchWorks = r.status === 0;
  }
  return setarchWorks;
}

export class EspruinoLinux {
  readonly child: ChildProcess;
  readonly chunks: LinuxChunk[] = [];
  /** The file the interpreter runs (prelude + program). */
  readonly file: string;
  /** What it wrote to stderr. */
  stderr = '';
  /** Set when the process ended. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly parts: Buffer[] = [];
  private total = 0;
  private joined: Buffer | undefined;
  private readonly dir: string;
  private readonly t0: number;
  private readonly exited: Promise<void>;

  private constructor(opts: EspruinoLinuxOptions) {
    const binary = opts.binary ?? requireEngine('espruinoLinux');
    this.dir = mkdtempSync(path.join(tmpdir(), 'pijat-espruino-'));
    this.file = path.join(this.dir, 'program.js');
    const program = typeof opts.program === 'string' ? Buffer.from(opts.program, 'utf8') : opts.program;
    const prelude = opts.noPrelude === true ? Buffer.alloc(0) : Buffer.from(espruinoPrelude(opts), 'utf8');
    writeFileSync(this.file, Buffer.concat([prelude, program]));
    const useSetarch = opts.setarch ?? canSetarch();
    const [cmd, args] = useSetarch
      ? ['setarch', [process.arch === 'x64' ? 'x86_64' : process.arch, '-R', binary, this.file]]
      : [binary, [this.file]];
    this.t0 = performance.now();
    this.child = spawn(cmd, args as string[], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => {
      this.chunks.push({ offset: this.total, length: d.length, t: performance.now() - this.t0 });
      this.parts.push(d);
      this.total += d.length;
      this.joined = undefined;
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
    });
    this.child.stdin!.on('error', () => {
      // the interpreter exited while we were writing
    });
    this.exited = new Promise<void>((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
      this.child.on('error', (err) => {
        this.stderr += String(err);
        this.exit = { code: null, signal: null };
        resolve();
      });
    });
  }

  /** Starts the interpreter on prelude + program. */
  static spawn(opts: EspruinoLinuxOptions): EspruinoLinux {
    return new EspruinoLinux(opts);
  }

  /** Everything the interpreter wrote to stdout (its USB). */
  get received(): Buffer {
    if (this.joined === undefined || this.joined.length !== this.total) this.joined = Buffer.concat(this.parts, this.total);
    return this.joined;
  }

  /** Milliseconds since spawn. */
  now(): number {
    return performance.now() - this.t0;
  }

  /** Bytes to its stdin (USB.on('data')). */
  send(bytes: Uint8Array | string): void {
    if (this.exit !== undefined) throw new Error('the Espruino interpreter has exited');
    this.child.stdin!.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Resolves when stdout since `from` matches, or rejects after `ms` with what arrived. */
  async waitFor(re: RegExp, ms = 5000, from = 0): Promise<void> {
    const start = performance.now();
    while (!re.test(this.received.subarray(from).toString('latin1'))) {
      if (this.exit !== undefined) throw new Error(`Espruino exited (${JSON.stringify(this.exit)}) before ${re}: ${JSON.stringify(this.received.toString('latin1').slice(-400))} ${this.stderr}`);
      if (performance.now() - start > ms) throw new Error(`no ${re} from Espruino within ${ms} ms: ${JSON.stringify(this.received.subarray(from).toString('latin1').slice(-400))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Ends the interpreter (SIGTERM, then SIGKILL after 2 s) and removes its temporary file. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.exit === undefined) {
      this.child.stdin!.end();
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (this.exit === undefined) this.child.kill('SIGKILL');
      }, 2000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
    return this.exit!;
  }
}
