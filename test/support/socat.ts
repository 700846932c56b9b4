// A pair of linked pseudo-terminals made by socat, as a glove's serial device (A, the glove's
// end) and the host's (B). `start()` can be called again after `stop()` to plug the glove back
// in under the same names; every socat started is stopped by `stopAll()` (call it in afterAll).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasSocat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).error === undefined;

export interface PtyPair {
  /** The glove's end. */
  A: string;
  /** The host's end. */
  B: string;
  start(): ChildProcess;
  /** Another process to stop with the socats (the simulated glove, the host under test). */
  track(p: ChildProcess): void;
  stop(p: ChildProcess): Promise<void>;
  stopAll(): Promise<void>;
}

export function ptyPair(name: string, socatArgs: string[] = []): PtyPair {
  const base = join(tmpdir(), `pijat-${name}-${process.pid}-${Date.now()}`);
  const A = `${base}-glove`;
  const B = `${base}-host`;
  const children: ChildProcess[] = [];
  const stop = (p: ChildProcess): Promise<void> => {
    if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  };
  return {
    A,
    B,
    start() {
      const p = spawn('socat', [...socatArgs, `pty,raw,echo=0,link=${A}`, `pty,raw,echo=0,link=${B}`], { stdio: 'ignore' });
      children.push(p);
      return p;
    },
    track(p) {
      children.push(p);
    },
    stop,
    async stopAll() {
      for (const c of children) await stop(c);
    },
  };
}
