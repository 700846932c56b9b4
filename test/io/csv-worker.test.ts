import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CsvError, readCsvFile, writeCsv } from '../../host/io/csv';
import { readCsvInWorker, startCsvWorker } from '../../host/io/csv-worker';
import type { EngineSample } from '../../shared/engine/types';
import { synth } from '../engine/synth';

// The worker as the CLI bundle has it (scripts/build-cli.ts), built into a temporary folder.
let dir = '';
let script = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-csv-worker-'));
  script = join(dir, 'csv-worker.mjs');
  await build({
    entryPoints: [resolve('host/io/csv-worker.ts')], outfile: script, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inWorker(path: string, file = path): Promise<{ rows: EngineSample[]; result: Awaited<ReturnType<typeof readCsvFile>> }> {
  const rows: EngineSample[] = [];
  const p = readCsvInWorker(path, file, (s) => rows.push(structuredClone(s)), undefined, script);
  if (!p) throw new Error('no worker');
  return p.then((result) => ({ rows, result }));
}

function inThread(path: string, file = path): { rows: EngineSample[]; result: ReturnType<typeof readCsvFile> } {
  const rows: EngineSample[] = [];
  const result = readCsvFile(path, (s) => rows.push(structuredClone(s)), file);
  return { rows, result };
}

describe('CSV parsed on a worker thread', () => {
  it('delivers the same samples, in order, and the same result as the reader on this thread', async () => {
    const samples: EngineSample[] = [];
    synth({ rate_hz: 100, duration_s: 120, bouts: [[2, 110]], cadence_hz: 1.7, left: {}, right: {} }, (s) => samples.push(structuredClone(s)));
    // 12,000 rows: several batches of 4096 and a partial one; the right IMU invalid on every 7th row.
    const text = writeCsv(samples.map((s, i) => (i % 7 === 0 ? { ...s, right: { ...s.right, imu_ok: false } } : s)), { imu: true, knuckles: true });
    const path = join(dir, 'session.csv');
    writeFileSync(path, text);
    const a = await inWorker(path, 'session.csv');
    const b = inThread(path, 'session.csv');
    expect(a.rows.length).toBe(12_000);
    expect(a.rows).toEqual(b.rows);
    expect(a.result).toEqual(b.result);
    expect(a.rows.filter((r) => !r.right.imu_ok).length).toBe(Math.ceil(12_000 / 7));
  });

  it('an error in the file arrives as the same CsvError (file:line, column, both languages) after the rows before it', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i / 100},1,${i === 4321 ? 'NA' : 2}`);
    const path = join(dir, 'bad.csv');
    writeFileSync(path, `t_s,left_thumb_n,right_thumb_n\n${rows.join('\n')}\n`);
    let seen = 0;
    const err = await readCsvInWorker(path, 'bad.csv', () => { seen++; }, undefined, script)!.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(CsvError);
    const e = err as CsvError;
    expect(e.message).toBe('bad.csv:4323: column right_thumb_n holds "NA", not a measured value. Leave the cell empty when a value is missing.');
    expect([e.line, e.column, e.exitCode]).toEqual([4323, 'right_thumb_n', 2]);
    expect(e.entry.id).toContain('bukan nilai terukur');
    expect(seen).toBe(4321);
  });

  it('warnings (a cut-off last row) and t_s in milliseconds behave as on this thread', async () => {
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, 't_s,left_thumb_n,right_thumb_n\n0,1,2\n0.01,3,4\n0.02,5');
    const { rows, result } = await inWorker(cut, 'cut.csv');
    expect(rows.length).toBe(2);
    expect(result.warnings[0]!.message).toBe('cut.csv:4: the last row is cut off (2 of 3 fields) and was skipped; everything before it was scored.');
    const ms = join(dir, 'ms.csv');
    writeFileSync(ms, `t_s,left_thumb_n,right_thumb_n\n${Array.from({ length: 50 }, (_, i) => `${i * 10},1,2`).join('\n')}\n`);
    const err = await inWorker(ms, 'ms.csv').then(() => null, (e: unknown) => e);
    expect((err as CsvError).message).toMatch(/^ms\.csv:2: t_s advances by 10 per row \(lines 2 to 18\).*divide t_s by 1000\.$/);
  });

  it('batches wait for run(): started early and consumed after the worker finished, nothing is lost', async () => {
    const path = join(dir, 'late.csv');
    writeFileSync(path, `t_s,left_thumb_n,right_thumb_n\n${Array.from({ length: 9000 }, (_, i) => `${i / 100},${(i % 50) / 10},2`).join('\n')}\n`);
    const w = startCsvWorker(path, 'late.csv', script)!;
    await new Promise((r) => setTimeout(r, 1500));
    let n = 0;
    let sum = 0;
    const result = await w.run((smp) => { n++; sum += smp.left.thumb_n; });
    expect([n, result.rows]).toEqual([9000, 9000]);
    expect(sum).toBeCloseTo(180 * 122.5, 6); // 180 cycles of 0, 0.1 ... 4.9
  });

  it('without a bundled worker (running from the sources) the caller reads the file itself', () => {
    expect(readCsvInWorker('x.csv', 'x.csv', () => {}, undefined, null)).toBeNull();
  });
});
