import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRawWorker, type Feed } from '../../host/io/raw-worker';
import { simulate } from '../../host/sim/index';
import { noteUnusable } from '../../shared/engine/calibration';
import { createEngine } from '../../shared/engine/engine';
import { score } from '../../shared/engine/score';
import { createPipeline, findDescriptor, recordingOf } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';

// The worker as the CLI bundle has it (scripts/build-cli.ts), built into a temporary folder.
let dir = '';
let script = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-raw-worker-'));
  script = join(dir, 'raw-worker.mjs');
  await build({
    entryPoints: [resolve('host/io/raw-worker.ts')], outfile: script, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const profile = loadBuiltinProfile('sop-000');
const SLICE = 1 << 20;

/** The report `pijat score` makes on its own thread: first descriptor per 1 MiB slice, then the pipeline. */
function inThread(bytes: Uint8Array) {
  let descriptor = null;
  for (let off = 0; off < bytes.length && descriptor === null; off += SLICE) descriptor = findDescriptor(bytes.subarray(off, off + SLICE));
  const pipe = createPipeline({ profile, source: 'raw', descriptor });
  for (let off = 0; off < bytes.length; off += SLICE) pipe.push(bytes.subarray(off, off + SLICE));
  const report = pipe.report();
  return { report, counters: { ...pipe.counters }, drops: { ...pipe.drops } };
}

/** The file's bytes in slices of `slice` (as score.ts reads it, 1 MiB, or smaller to switch sooner). */
function feedOf(bytes: Uint8Array, slice = SLICE): Feed {
  return (push) => {
    for (let off = 0; off < bytes.length; off += slice) if (push(bytes.subarray(off, Math.min(bytes.length, off + slice))) === false) return;
  };
}

async function inWorker(path: string, bytes: Uint8Array, maxOwnBytes?: number) {
  const w = startRawWorker(path, profile, script);
  if (!w) throw new Error('no worker');
  const engine = createEngine(profile);
  let lastBytes = 0;
  const res = await w.run(engine, feedOf(bytes), { onBytes: (b) => { lastBytes = b; }, maxOwnBytes });
  const report = noteUnusable(score(engine.finish(), profile, recordingOf('raw', engine, res.counters, res.descriptor, 0)), res);
  return { report, res, lastBytes };
}

describe('raw capture decoded on a worker thread', () => {
  it('scores a damaged capture (a restart, CRC errors, junk, a cut-off end) exactly as the pipeline on this thread', async () => {
    const a = simulate({ scenario: 'good', seed: 3, duration_s: 150 }).bytes();
    const b = simulate({ scenario: 'irregular', seed: 4, duration_s: 100 }).bytes();
    // Two captures back to back (the second one's clock starts again: a restart), 3 MiB+ in all.
    const bytes = new Uint8Array(a.length + 777 + b.length - 5);
    bytes.set(a, 0);
    for (let i = 0; i < 777; i++) bytes[a.length + i] = (i * 37) & 0xff; // junk between them
    bytes.set(b.subarray(0, b.length - 5), a.length + 777); // the last frame cut off
    for (let k = 1; k <= 40; k++) bytes[Math.floor((k * bytes.length) / 41)]! ^= 0x5a; // CRC errors
    const path = join(dir, 'damaged.bin');
    writeFileSync(path, bytes);

    const want = inThread(bytes);
    // All from the worker, the first 300 KiB here and the rest from the worker, and whatever the
    // race between this thread and the worker gives: always the same calls to the engine.
    for (const maxOwnBytes of [0, 300 << 10, undefined]) {
      const got = await inWorker(path, bytes, maxOwnBytes);
      expect(got.report).toEqual(want.report);
      expect(got.res.counters).toEqual(want.counters);
      expect(got.res.drops).toEqual(want.drops);
      expect(got.lastBytes).toBe(bytes.length);
    }
    // The damage is there to be carried over: frames lost to CRC errors, a restart, its gap.
    expect(want.counters.crc_errors).toBeGreaterThan(0);
    expect(want.counters.restarts).toBe(1);
    expect(want.report.recording.gap_count).toBeGreaterThanOrEqual(1);
    expect(want.report.passes.length).toBeGreaterThanOrEqual(1);
    expect(want.report.passes.reduce((n, p) => n + p.circles, 0)).toBeGreaterThan(100);
    expect(want.report.recording.samples).toBeGreaterThan(20_000); // several batches of 4096
  });

  it('a file without frames gives counters that say so (the caller names the problem)', async () => {
    const path = join(dir, 'noise.bin');
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13 + 7) & 0x7f);
    writeFileSync(path, bytes);
    const got = await inWorker(path, bytes, 0);
    expect(got.res.counters.frames).toBe(0);
    expect(got.res.counters.junk_bytes).toBe(5000);
    expect(got.res.descriptor).toBeNull();
    expect(got.report.recording.samples).toBe(0);
  });

  it('an unreadable file rejects with the error, it does not hang', async () => {
    const w = startRawWorker(join(dir, 'absent.bin'), profile, script)!;
    await expect(w.run(createEngine(profile), feedOf(new Uint8Array(0)), { maxOwnBytes: 0 })).rejects.toThrow(/ENOENT.*absent\.bin/);
  });
});
