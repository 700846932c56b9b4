// Speed of the scoring chain: `npx tsx scripts/bench.ts engine`.
// 1. Throughput of decode + calibrate + score on one core, frames/s (target >= 1,000,000),
//    on a simulated 1-hour two-hand 100 Hz capture pushed in 64 KiB chunks.
// 2. Live latency: one frame pushed at a time, from the call with the frame's last byte to the
//    engine state having changed (push() is synchronous), p50/p99 (target p99 < 5 ms).
// 3. Scoring a 1-hour two-hand recording from a file, raw and CSV: wall time and peak memory,
//    each in a fresh child process so maxRSS is that job's alone.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../host/sim/index';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { readCsvFile } from '../../host/io/csv';
import { writeCaptureCsv } from '../bench-support/capture-csv';

const HOUR_S = 3600;
const profile = loadBuiltinProfile('sop-000');

function frameCount(bytes: Uint8Array): number {
  const p = createPipeline({ profile });
  p.push(bytes);
  p.end();
  return p.counters.frames;
}

/** CPU time of this process (user + system), ms: steadier than wall time on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function throughput(bytes: Uint8Array, frames: number): { fps: number; ms: number; cpuFps: number; cpu: number } {
  let best = Infinity;
  let bestCpu = Infinity;
  for (let run = 0; run < 7; run++) {
    const p = createPipeline({ profile });
    const t0 = performance.now();
    const c0 = cpuMs();
    for (let o = 0; o < bytes.length; o += 1 << 16) p.push(bytes.subarray(o, Math.min(bytes.length, o + (1 << 16))));
    p.report();
    best = Math.min(best, performance.now() - t0);
    bestCpu = Math.min(bestCpu, cpuMs() - c0);
  }
  return { fps: frames / (best / 1000), ms: best, cpuFps: frames / (bestCpu / 1000), cpu: bestCpu };
}

function latency(): { p50: number; p99: number; max: number; n: number } {
  const sim = simulate({ scenario: 'good', seed: 2, duration_s: 600 });
  const p = createPipeline({ profile });
  const times: number[] = [];
  let k = 0;
  for (const frame of sim.frames()) {
    const t0 = process.hrtime.bigint();
    p.push(frame);
    p.live();
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    if (k++ > 1000) times.push(dt); // after warm-up
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length * 0.5)]!,
    p99: times[Math.floor(times.length * 0.99)]!,
    max: times[times.length - 1]!,
    n: times.length,
  };
}

/** Child process: score one file and print {ms, rss, heap} as JSON. */
function child(mode: string, file: string): void {
  const t0 = performance.now();
  const p = createPipeline({ profile, source: mode === 'csv' ? 'csv' : 'raw' });
  if (mode === 'csv') {
    readCsvFile(file, (s) => p.pushSample(s));
  } else {
    const fd = openSync(file, 'r');
    const buf = new Uint8Array(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      p.push(buf.subarray(0, n));
    }
    closeSync(fd);
  }
  const r = p.report();
  const ms = performance.now() - t0;
  const mem = process.memoryUsage();
  const u = process.cpuUsage();
  process.stdout.write(JSON.stringify({
    ms, cpu: (u.user + u.system) / 1000, passes: r.passes.length, samples: r.recording.samples,
    maxRssMiB: process.resourceUsage().maxRSS / 1024, heapMiB: mem.heapUsed / 2 ** 20,
  }));
}

function runChild(mode: string, file: string): { ms: number; cpu: number; passes: number; samples: number; maxRssMiB: number; heapMiB: number } {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, 'child', mode, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ReturnType<typeof runChild>;
}

/** Baseline: a child that only loads the modules (what Node + tsx + the code cost by themselves). */
function baseline(): number {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, 'child-idle'], { encoding: 'utf8' });
  return Number(r.stdout.trim().split('\n').pop());
}

export async function main(): Promise<void> {
  const sim = simulate({ scenario: 'good', seed: 1, duration_s: HOUR_S });
  const bytes = sim.bytes();
  const frames = frameCount(bytes);
  const tp = throughput(bytes, frames);
  const lat = latency();

  const dir = mkdtempSync(join(tmpdir(), 'pijat-bench-'));
  try {
    const rawFile = join(dir, 'hour.bin');
    writeFileSync(rawFile, bytes);
    const csvFile = join(dir, 'hour.csv');
    writeCaptureCsv(bytes, csvFile, profile);
    const csvBytes = readFileSync(csvFile).length;
    const idle = baseline();
    const raw = runChild('raw', rawFile);
    const csv = runChild('csv', csvFile);

    console.log(`1-hour two-hand 100 Hz capture: ${frames.toLocaleString('en')} frames, ${(bytes.length / 2 ** 20).toFixed(1)} MiB raw, ` +
      `${(csvBytes / 2 ** 20).toFixed(1)} MiB CSV (17 columns)`);
    console.table([
      { measure: 'decode + calibrate + score, wall (best of 7)', value: `${Math.round(tp.fps).toLocaleString('en')} frames/s`, target: '>= 1,000,000 frames/s', time: `${tp.ms.toFixed(0)} ms` },
      { measure: 'decode + calibrate + score, CPU time (best of 7)', value: `${Math.round(tp.cpuFps).toLocaleString('en')} frames/s`, target: '>= 1,000,000 frames/s', time: `${tp.cpu.toFixed(0)} ms` },
      { measure: 'live latency p50 (frame pushed -> state)', value: `${(lat.p50 * 1000).toFixed(1)} us`, target: '-', time: `${lat.n} frames` },
      { measure: 'live latency p99', value: `${(lat.p99 * 1000).toFixed(1)} us`, target: '< 5 ms', time: `max ${lat.max.toFixed(2)} ms` },
      { measure: 'score 1-hour raw file (child process)', value: `${raw.ms.toFixed(0)} ms wall`, target: '< 1-2 s', time: `maxRSS ${raw.maxRssMiB.toFixed(0)} MiB` },
      { measure: 'score 1-hour CSV file (child process)', value: `${csv.ms.toFixed(0)} ms wall`, target: '< 1-2 s', time: `maxRSS ${csv.maxRssMiB.toFixed(0)} MiB` },
      { measure: 'child baseline (Node + tsx + modules)', value: '-', target: '-', time: `maxRSS ${idle.toFixed(0)} MiB` },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') child(process.argv[3]!, process.argv[4]!);
if (process.argv[2] === 'child-idle') process.stdout.write(String(process.resourceUsage().maxRSS / 1024));
