// `npx tsx scripts/bench.ts vs-pandas`: `pijat score` against a pandas + scipy script doing the
// same job (scripts/bench/vs_pandas.py), side by side on a simulated 1-hour two-hand 100 Hz
// recording. Each tool runs RUNS times, interleaved (the machine may be shared and noisy: a busy
// moment hits every tool alike), as a whole process (interpreter start, imports, reading the
// file, scoring, printing JSON) under /usr/bin/time for CPU time and peak RSS; the start-up of
// each runtime alone is timed too, so the work beyond it can be told apart. The verdicts use the
// medians: pandas / pijat on the CSV at least 3x, the raw capture at least 2 M frames/s. Then
// the results are compared with each other and with the simulator's truth (pass count, pass
// edges, circles, cadence, mean force, in-band share, bilateral fraction) so a reader can see
// both tools did the same job.
//
// The CSV is made by the project's own code: the simulator's bytes through createPipeline
// (decode + calibrate) and host/io/csv.ts's CsvWriter, 17 columns (thumbs, knuckles, IMU).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simulate, type Truth } from '../../host/sim/index';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { writeCaptureCsv } from '../bench-support/capture-csv';
import { buildCli } from '../build-cli';
import { buildNative } from '../../native/build';
import { nativeScorer } from '../../host/native/addon';

const RUNS = 7;
/** Targets (issue 8): pandas' time over pijat's on the CSV, and raw-capture frames per second. */
const TARGET_RATIO = 3;
const TARGET_RAW_FPS = 2_000_000;
const SIM = { scenario: 'good', seed: 7, duration_s: 3600 } as const;
const PY_SCRIPT = resolve('scripts/bench/vs_pandas.py');
const PIJAT = resolve('bin/pijat.mjs');
const TIME = '/usr/bin/time';

interface Run { ms: number; cpuMs: number | null; rssMiB: number | null; stdout: string }
interface Timing { tool: string; runs: Run[] }

/** Interpreters tried, in order: Debian's (python3-pandas, python3-scipy), then the one in PATH. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

/** The first interpreter that imports pandas and scipy, or null. */
function findPython(): string | null {
  for (const py of PYTHONS) {
    const r = spawnSync(py, ['-c', 'import pandas, scipy.signal'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

/** The CLI bundle and the compiled scorer of the code as it is now (a stale build would time old code). */
async function build(): Promise<void> {
  const t0 = performance.now();
  await buildCli();
  const native = await buildNative();
  console.log(`built dist/pijat.mjs in ${Math.round(performance.now() - t0)} ms; compiled scorer: ${native}` +
    `${nativeScorer() ? '' : ' (not loadable: pijat score runs the TypeScript engine in every row)'}`);
}

interface Recording { bin: string; csv: string; frames: number; binBytes: number; csvBytes: number; truth: Truth }

/** Simulated session -> raw capture file and CSV file (decoded and calibrated by the pipeline). */
function makeRecording(dir: string): Recording {
  const sim = simulate(SIM);
  const bytes = sim.bytes();
  const bin = join(dir, 'hour.bin');
  const binFd = openSync(bin, 'w');
  writeSync(binFd, bytes);
  closeSync(binFd);

  const csv = join(dir, 'hour.csv');
  const frames = writeCaptureCsv(bytes, csv, loadBuiltinProfile('sop-000'));
  return { bin, csv, frames, binBytes: bytes.length, csvBytes: readFileSync(csv).length, truth: sim.truth };
}

/** One whole-process run: wall time around the spawn; peak RSS and CPU time from GNU time. */
function runOnce(cmd: string, args: string[], dir: string, extraEnv: Record<string, string> = {}): Run {
  const useTime = existsSync(TIME);
  const statsFile = join(dir, 'time.txt');
  const [file, argv] = useTime ? [TIME, ['-f', '%M %U %S', '-o', statsFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  // PIJAT_DATA: a data folder without a store, so no glove calibration of this machine's user
  // is looked up (the pandas script has none either).
  const env = { ...process.env, PIJAT_DATA: join(dir, 'no-store'), ...extraEnv };
  const r = spawnSync(file, argv, { encoding: 'utf8', maxBuffer: 64 << 20, env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  if (!useTime) return { ms, cpuMs: null, rssMiB: null, stdout: r.stdout };
  const [kib, user, sys] = readFileSync(statsFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (user! + sys!) * 1000, rssMiB: kib! / 1024, stdout: r.stdout };
}

/** RUNS runs of each command, interleaved so that a busy moment on the machine hits all alike. */
function timeAll(cmds: { tool: string; cmd: string; args: string[]; env?: Record<string, string> }[], dir: string): Timing[] {
  const out: Timing[] = cmds.map(({ tool }) => ({ tool, runs: [] }));
  for (let run = 0; run < RUNS; run++) cmds.forEach((c, i) => out[i]!.runs.push(runOnce(c.cmd, c.args, dir, c.env)));
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// ------------------------------------------------------------------ comparing the results

/** The figures every source reports, in one shape. */
interface Figures {
  passes: { start_s: number; end_s: number; cadence_hz: number | null; circles: number }[];
  cadenceL: number | null;
  cadenceR: number | null;
  forceL: number | null;
  forceR: number | null;
  inBand: number | null;
  bilateral: number | null;
}

/** The fields pijat's report and vs_pandas.py's JSON share. */
interface ToolReport {
  passes: { start_s: number; end_s: number; cadence_hz: number | null; circles: number }[];
  cadence: { left_hz: number | null; right_hz: number | null };
  pressure: { left: { mean_n: number | null }; right: { mean_n: number | null }; in_band_fraction: number | null };
  bilateral_fraction: number | null;
}

function fromReport(json: string): Figures {
  const r = JSON.parse(json) as ToolReport;
  return {
    passes: r.passes.map((p) => ({ start_s: p.start_s, end_s: p.end_s, cadence_hz: p.cadence_hz, circles: p.circles })),
    cadenceL: r.cadence.left_hz, cadenceR: r.cadence.right_hz,
    forceL: r.pressure.left.mean_n, forceR: r.pressure.right.mean_n,
    inBand: r.pressure.in_band_fraction, bilateral: r.bilateral_fraction,
  };
}

function fromTruth(t: Truth): Figures {
  return {
    passes: t.passes.map((p) => ({ start_s: p.start_s, end_s: p.end_s, cadence_hz: p.cadence_hz, circles: p.circles })),
    cadenceL: t.left.cadence_hz, cadenceR: t.right.cadence_hz,
    forceL: t.left.mean_force_n, forceR: t.right.mean_force_n,
    inBand: t.in_band_fraction, bilateral: t.bilateral_fraction,
  };
}

const fmt = (x: number | null, d = 3): string => (x === null ? 'null' : x.toFixed(d));
const meanOf = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Per-pass differences of b against a (passes matched in order): mean and max of |b - a|. */
function passDiffs(a: Figures, b: Figures): string[] {
  const n = Math.min(a.passes.length, b.passes.length);
  const start: number[] = [];
  const end: number[] = [];
  const cad: number[] = [];
  const circ: number[] = [];
  for (let i = 0; i < n; i++) {
    const pa = a.passes[i]!;
    const pb = b.passes[i]!;
    start.push(Math.abs(pb.start_s - pa.start_s));
    end.push(Math.abs(pb.end_s - pa.end_s));
    circ.push(Math.abs(pb.circles - pa.circles));
    if (pa.cadence_hz !== null && pb.cadence_hz !== null) cad.push(Math.abs(pb.cadence_hz / pa.cadence_hz - 1) * 100);
  }
  const mm = (xs: number[], d: number, unit: string): string =>
    xs.length ? `${meanOf(xs).toFixed(d)} / ${Math.max(...xs).toFixed(d)}${unit}` : '-';
  return [
    `${a.passes.length} vs ${b.passes.length}`,
    mm(start, 3, ' s'), mm(end, 3, ' s'), mm(circ, 1, ''), mm(cad, 2, ' %'),
  ];
}

function compare(truth: Figures, raw: Figures, csv: Figures, pandas: Figures): void {
  const pairs: [string, Figures, Figures][] = [
    ['pijat CSV vs truth', truth, csv],
    ['pandas vs truth', truth, pandas],
    ['pandas vs pijat CSV', csv, pandas],
    ['pijat CSV vs pijat raw', raw, csv],
  ];
  console.log('\npasses (matched in order; |difference| mean / max over the passes):');
  console.table(pairs.map(([name, a, b]) => {
    const [count, start, end, circles, cad] = passDiffs(a, b);
    return { comparison: name, 'pass count': count, 'start, s': start, 'end, s': end, circles, cadence: cad };
  }));

  const pct = (a: number | null, b: number | null): string =>
    a === null || b === null || a === 0 ? '-' : `${(((b - a) / a) * 100).toFixed(2)} %`;
  const pts = (a: number | null, b: number | null): string =>
    a === null || b === null ? '-' : `${((b - a) * 100).toFixed(2)} pt`;
  const row = (measure: string, pick: (f: Figures) => number | null, diff: typeof pct) => ({
    measure,
    truth: fmt(pick(truth)),
    'pijat raw': fmt(pick(raw)),
    'pijat CSV': fmt(pick(csv)),
    pandas: fmt(pick(pandas)),
    'pijat CSV - truth': diff(pick(truth), pick(csv)),
    'pandas - truth': diff(pick(truth), pick(pandas)),
    'pandas - pijat CSV': diff(pick(csv), pick(pandas)),
  });
  console.log('session figures (truth: the simulator\'s plan, never the signal):');
  console.table([
    row('cadence left, Hz', (f) => f.cadenceL, pct),
    row('cadence right, Hz', (f) => f.cadenceR, pct),
    row('mean force left, N', (f) => f.forceL, pct),
    row('mean force right, N', (f) => f.forceR, pct),
    row('in-band share', (f) => f.inBand, pts),
    row('bilateral fraction', (f) => f.bilateral, pts),
  ]);
}

export async function main(): Promise<void> {
  const python = findPython();
  if (!python) {
    console.log(`skipped: no Python with pandas and scipy (tried ${PYTHONS.join(', ')}); on Debian: apt-get install python3-pandas python3-scipy`);
    return;
  }
  await build();
  const dir = mkdtempSync(join(tmpdir(), 'pijat-vs-pandas-'));
  try {
    const t0 = performance.now();
    const rec = makeRecording(dir);
    console.log(`recording: simulate ${JSON.stringify(SIM)}, ${rec.frames.toLocaleString('en')} frames; ` +
      `raw ${(rec.binBytes / 2 ** 20).toFixed(1)} MiB, CSV ${(rec.csvBytes / 2 ** 20).toFixed(1)} MiB (17 columns), ` +
      `made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const ver = spawnSync(python, ['-c', 'import sys, pandas, scipy, numpy; print(sys.version.split()[0], pandas.__version__, scipy.__version__, numpy.__version__)'], { encoding: 'utf8' });
    const [pyV, pdV, spV, npV] = ver.stdout.trim().split(' ');
    console.log(`node ${process.version}; ${python}: Python ${pyV}, pandas ${pdV}, scipy ${spV}, numpy ${npV}; ` +
      `${RUNS} runs each, interleaved${existsSync(TIME) ? ', CPU and peak RSS from /usr/bin/time -f "%M %U %S"' : ''}`);

    const node = process.execPath;
    const timings = timeAll([
      { tool: 'pijat score hour.csv --json', cmd: node, args: [PIJAT, 'score', rec.csv, '--json'] },
      { tool: 'python3 vs_pandas.py hour.csv', cmd: python, args: [PY_SCRIPT, rec.csv] },
      { tool: 'pijat score hour.bin --json (raw)', cmd: node, args: [PIJAT, 'score', rec.bin, '--json'] },
      { tool: 'start-up only: pijat --version', cmd: node, args: [PIJAT, '--version'] },
      { tool: 'start-up only: import pandas, scipy', cmd: python, args: ['-c', 'import numpy, pandas, scipy.signal'] },
      // The TypeScript engine alone (what a machine without a C++ compiler runs), for comparison.
      { tool: 'PIJAT_NATIVE=0 pijat score hour.csv', cmd: node, args: [PIJAT, 'score', rec.csv, '--json'], env: { PIJAT_NATIVE: '0' } },
      { tool: 'PIJAT_NATIVE=0 pijat score hour.bin', cmd: node, args: [PIJAT, 'score', rec.bin, '--json'], env: { PIJAT_NATIVE: '0' } },
    ], dir);
    const same = (a: number, b: number): string => (timings[a]!.runs[0]!.stdout === timings[b]!.runs[0]!.stdout ? 'identical' : 'DIFFERENT');
    console.log(`reports, compiled scorer against the TypeScript engine: CSV ${same(0, 5)}, raw ${same(2, 6)}`);

    const scoring = (tool: string): boolean => !tool.startsWith('start-up');
    console.table(timings.map(({ tool, runs }) => {
      const ms = runs.map((r) => r.ms);
      const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== null);
      const rss = runs.map((r) => r.rssMiB).filter((x): x is number => x !== null);
      const best = Math.min(...ms);
      return {
        tool,
        'wall best, s': (best / 1000).toFixed(2),
        'wall median, s': (median(ms) / 1000).toFixed(2),
        'CPU best, s': cpu.length ? (Math.min(...cpu) / 1000).toFixed(2) : 'n/a',
        'peak RSS, MiB': rss.length ? Math.max(...rss).toFixed(0) : 'n/a',
        'frames/s (wall best)': scoring(tool) ? Math.round(rec.frames / (best / 1000)).toLocaleString('en') : '-',
      };
    }));
    const best = timings.map((t) => Math.min(...t.runs.map((r) => r.ms)) / 1000);
    console.log(`beyond start-up (wall best minus its start-up best): pijat CSV ${(best[0]! - best[3]!).toFixed(2)} s, ` +
      `pandas ${(best[1]! - best[4]!).toFixed(2)} s, pijat raw ${(best[2]! - best[3]!).toFixed(2)} s`);
    const med = timings.map((t) => median(t.runs.map((r) => r.ms)) / 1000);
    const cpuMed = timings.map((t) => {
      const cpu = t.runs.map((r) => r.cpuMs).filter((x): x is number => x !== null);
      return cpu.length ? median(cpu) / 1000 : NaN;
    });
    const ratio = med[1]! / med[0]!;
    const fps = rec.frames / med[2]!;
    const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    console.log(`\nfrom this run (${RUNS} interleaved runs each, medians of whole-process wall time):`);
    console.log(`  pijat score hour.csv ${med[0]!.toFixed(3)} s, pandas + scipy ${med[1]!.toFixed(3)} s: pijat is ` +
      `x${ratio.toFixed(2)} faster (target x${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}); ` +
      `by CPU time x${(cpuMed[1]! / cpuMed[0]!).toFixed(2)}`);
    console.log(`  pijat score hour.bin ${med[2]!.toFixed(3)} s for ${rec.frames.toLocaleString('en')} frames: ` +
      `${Math.round(fps).toLocaleString('en')} frames/s (target ${TARGET_RAW_FPS.toLocaleString('en')}: ${verdict(fps >= TARGET_RAW_FPS)})`);
    const [csv, pandas, raw] = timings.slice(0, 3).map((t) => fromReport(t.runs[0]!.stdout));
    compare(fromTruth(rec.truth), raw!, csv!, pandas!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
