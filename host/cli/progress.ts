// One progress bar helper for every command: cli-progress on stderr, only when stderr is a
// terminal, and only once the work has run for `delayMs` (1 s), so quick jobs print nothing.
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';

export interface Progress {
  /** Current amount done, in the same unit as `total`. */
  update(done: number): void;
  stop(): void;
}

export interface ProgressOptions {
  delayMs?: number;
  stream?: NodeJS.WriteStream;
  /** Formats the numbers after the bar (default "done/total"). */
  unit?: string;
  now?: () => number;
}

const NONE: Progress = { update() {}, stop() {} };

export function createProgress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (!stream.isTTY || !(total > 0)) return NONE;
  const delayMs = opts.delayMs ?? 1000;
  const now = opts.now ?? Date.now;
  const t0 = now();
  let bar: SingleBar | undefined;
  return {
    update(done) {
      if (!bar) {
        if (now() - t0 < delayMs) return;
        // Loaded only when a bar is really shown.
        const cli = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
        bar = new cli.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total}${opts.unit ? ` ${opts.unit}` : ''} | {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 20,
          },
          cli.Presets.shades_classic,
        );
        bar.start(total, done);
        return;
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
