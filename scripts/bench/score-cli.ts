// Whole-process speed of `pijat score` on a 1-hour raw capture (360,000 sample frames at
// 100 Hz): node start, module loading, reading the file, decoding, scoring, printing JSON.
// Target (issue 8): at least 2,000,000 frames/s. Uses dist/pijat.mjs when built, else a bundle
// made here. Runs are interleaved and medians taken (the machine may be shared and noisy).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { simulate } from '../../host/sim';
import { Decoder } from '../../shared/protocol/decoder';

const RUNS = 7;
const TARGET_FPS = 2_000_000;

async function bundle(splitting: boolean): Promise<string> {
  const dir = resolve('node_modules/.cache/pijat-bench', splitting ? 'split' : 'single');
  await build({
    entryPoints: ['host/cli/main.ts'],
    ...(splitting ? { outdir: dir, splitting: true, entryNames: 'pijat' } : { outfile: join(dir, 'pijat.mjs') }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return join(dir, splitting ? 'pijat.js' : 'pijat.mjs');
}

function timeRun(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.toString()}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function main(): Promise<void> {
  const dir = join(tmpdir(), 'pijat-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'hour-seed1.bin');
  if (!existsSync(file)) writeFileSync(file, simulate({ scenario: 'good', seed: 1, duration_s: 3600 }).bytes());
  const dec = new Decoder();
  let samples = 0;
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(file);
  dec.push(bytes, (m) => { if (m.type === 'sample') samples++; });
  const frames = dec.counters.frames;

  const rows: [string, string, number][] = [];
  const dist = resolve('dist/pijat.mjs');
  const targets: [string, string][] = existsSync(dist)
    ? [['dist/pijat.mjs', dist]]
    : [['bundle (as scripts/build-cli.ts)', await bundle(false)]];
  targets.push(['bundle with splitting (lazy chunks)', await bundle(true)]);
  const starts: number[][] = targets.map(() => []);
  const scores: number[][] = targets.map(() => []);
  for (const [, bin] of targets) timeRun([bin, '--version']);
  for (let r = 0; r < RUNS; r++) {
    targets.forEach(([, bin], i) => {
      starts[i]!.push(timeRun([bin, '--version']));
      scores[i]!.push(timeRun([bin, 'score', file, '--json']));
    });
  }
  targets.forEach(([name], i) => {
    rows.push([name, 'pijat --version', median(starts[i]!)]);
    rows.push([name, 'pijat score (1 h) --json', median(scores[i]!)]);
  });
  console.log(`capture: ${file}, ${(bytes.length / 1e6).toFixed(1)} MB, ${frames} frames (${samples} samples)`);
  console.log('bundle                               | command                   | median ms | frames/s');
  console.log('-------------------------------------|---------------------------|-----------|---------');
  for (const [name, cmd, ms] of rows) {
    const rate = cmd.startsWith('pijat score') ? Math.round(frames / (ms / 1000)).toLocaleString('en') : '-';
    console.log(`${name.padEnd(37)}| ${cmd.padEnd(26)}| ${ms.toFixed(0).padStart(9)} | ${rate}`);
  }
  const fps = frames / (rows[1]![2] / 1000);
  console.log(`${rows[1]![0]}: ${Math.round(fps).toLocaleString('en')} frames/s whole process ` +
    `(target ${TARGET_FPS.toLocaleString('en')}: ${fps >= TARGET_FPS ? 'met' : 'NOT met'})`);
}
