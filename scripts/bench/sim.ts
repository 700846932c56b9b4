// Speed of the simulated glove: `npx tsx scripts/bench.ts sim`. One hour at 100 Hz
// (360,000 samples) per scenario, generated as blocks (the --out path) and as one array per
// frame (frames()); plus the plan + truth set-up alone.
import { performance } from 'node:perf_hooks';
import { simulate } from '../../host/sim/index';

interface Row {
  what: string;
  ms: number;
  frames: number;
  bytes: number;
}

function run(what: string, scenario: string, mode: 'chunks' | 'frames' | 'setup'): Row {
  const t0 = performance.now();
  const s = simulate({ scenario, seed: 1, duration_s: 3600 });
  let frames = 0;
  let bytes = 0;
  if (mode === 'chunks') {
    const count = { frames: 0 };
    for (const c of s.chunks(1 << 18, count)) bytes += c.length;
    frames = count.frames;
  } else if (mode === 'frames') {
    for (const f of s.frames()) {
      frames++;
      bytes += f.length;
    }
  }
  return { what, ms: performance.now() - t0, frames, bytes };
}

export async function main(): Promise<void> {
  run('warm-up', 'good', 'chunks');
  const rows: Row[] = [
    run('good, 1 h, plan + truth only', 'good', 'setup'),
    run('good, 1 h, chunks() (--out)', 'good', 'chunks'),
    run('good, 1 h, frames()', 'good', 'frames'),
    run('irregular, 1 h, chunks()', 'irregular', 'chunks'),
    run('too-fast, 1 h, chunks()', 'too-fast', 'chunks'),
  ];
  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(`${'case'.padEnd(w)}  ${'ms'.padStart(7)}  ${'frames'.padStart(8)}  ${'MB'.padStart(6)}  ${'frames/s'.padStart(10)}  ${'x real time'.padStart(11)}`);
  for (const r of rows) {
    const fps = r.frames ? Math.round(r.frames / (r.ms / 1000)) : 0;
    const rt = r.frames ? Math.round(3600 / (r.ms / 1000)) : 0;
    console.log(
      `${r.what.padEnd(w)}  ${r.ms.toFixed(0).padStart(7)}  ${String(r.frames).padStart(8)}  ${(r.bytes / 1e6).toFixed(1).padStart(6)}  ${String(fps).padStart(10)}  ${String(rt).padStart(11)}`,
    );
  }
}
