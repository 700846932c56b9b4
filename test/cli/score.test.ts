import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simulate } from '../../host/sim';
import { CsvWriter } from '../../host/io/csv';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { Report } from '../../shared/engine/report-schema';
import { scoreBytes } from '../../host/cli/score';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');
let dir = '';
let raw: Uint8Array;
let csv: string;
let rawFile = '';
let csvFile = '';

function pijat(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PIJAT_DATA: join(dir, 'data') } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-score-'));
  raw = simulate({ scenario: 'good', seed: 11 }).bytes();
  // The same session as a CSV: the simulator's bytes, calibrated, written in the DESIGN.md columns.
  const w = new CsvWriter({ knuckles: true, imu: true });
  const rows = [w.header()];
  const p = createPipeline({ profile: loadBuiltinProfile('sop-000'), onSample: (s) => rows.push(w.row(s)) });
  p.push(raw);
  p.end();
  csv = rows.join('');
  rawFile = join(dir, 'good.bin');
  csvFile = join(dir, 'good.csv');
  writeFileSync(rawFile, raw);
  writeFileSync(csvFile, csv);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pijat score', () => {
  it('finds the same passes in a raw capture and in the CSV of the same session', async () => {
    const a = (await scoreBytes(raw, rawFile, {}, 'en')).report;
    const b = (await scoreBytes(new TextEncoder().encode(csv), csvFile, {}, 'en')).report;
    expect(a.recording.source).toBe('raw');
    expect(b.recording.source).toBe('csv');
    expect(a.passes.length).toBe(3);
    expect(b.passes.length).toBe(a.passes.length);
    a.passes.forEach((p, i) => {
      const q = b.passes[i]!;
      expect(Math.abs(q.start_s - p.start_s)).toBeLessThan(0.05);
      expect(Math.abs(q.end_s - p.end_s)).toBeLessThan(0.05);
      expect(Math.abs(q.circles - p.circles)).toBeLessThanOrEqual(1);
      expect(q.cadence_hz!).toBeCloseTo(p.cadence_hz!, 2);
    });
    expect(b.verdict).toBe(a.verdict);
    expect(Math.abs(b.score.total! - a.score.total!)).toBeLessThan(1);
  });

  it('--json prints exactly one Report on stdout', () => {
    const r = pijat('score', rawFile, '--json');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const rep = Report.parse(JSON.parse(lines[0]!));
    expect(rep.profile).toBe('sop-000');
    expect(rep.passes).toHaveLength(3);
    expect(rep.recording.samples).toBeGreaterThan(40_000);
  });

  it('prints a readable report in the chosen language', () => {
    const en = pijat('score', csvFile, '--lang', 'en', '--profile', 'clinic-004');
    expect(en.status, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/Profile: .+ · clinic-004/);
    expect(en.stdout).toMatch(/Total: \d+ \/ 100/);
    expect(en.stdout).toMatch(/Passes \(3\)/);
    expect(en.stdout).toMatch(/Both thumbs together/);
    const id = pijat('score', rawFile);
    expect(id.stdout).toMatch(/Nilai total: \d+ \/ 100/);
    expect(id.stdout).toMatch(/Putaran \(3\)/);
  });

  it('names the line and the column of a malformed CSV, with a non-zero exit', () => {
    const lines = csv.split('\n');
    const cols = lines[0]!.split(',');
    const at = cols.indexOf('left_thumb_n');
    const row = lines[4]!.split(',');
    row[at] = 'abc';
    lines[4] = row.join(',');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, lines.join('\n'));
    const r = pijat('score', bad, '--lang', 'en');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:5`);
    expect(r.stderr).toContain('left_thumb_n');
    expect(r.stderr).toContain('"abc"');
  });

  it('refuses a file without a single frame, and a missing file, naming the file', () => {
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.from('>\r\nUncaught Error: hello\r\n'.repeat(50)));
    const r = pijat('score', junk, '--lang', 'en');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(junk);
    expect(r.stderr).toMatch(/no intact Pijat frame/);
    const gone = pijat('score', join(dir, 'nope.bin'), '--lang', 'en');
    expect(gone.status).toBe(2);
    expect(gone.stderr).toContain('nope.bin');
    expect(gone.stderr).toMatch(/ENOENT/);
  });

  it('a capture over 4 MiB read from its file in 1 MiB slices gives the report of the same bytes in memory; a large file without frames is refused the same way', async () => {
    // Two sessions back to back, about 5.5 MiB: the second starts its clock again (a restart).
    const big = simulate({ scenario: 'good', seed: 12, duration_s: 900 }).bytes();
    const bytes = new Uint8Array(big.length + raw.length);
    bytes.set(big, 0);
    bytes.set(raw, big.length);
    expect(bytes.length).toBeGreaterThan(4 << 20);
    const file = join(dir, 'big.bin');
    writeFileSync(file, bytes);
    const r = pijat('score', file, '--json');
    expect(r.status).toBe(0);
    const inThread = (await scoreBytes(bytes, file, {}, 'en')).report;
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(inThread)));
    expect(inThread.recording.restarts).toBe(1);
    expect(inThread.passes.length).toBeGreaterThan(3);

    const junk = join(dir, 'big-junk.bin');
    writeFileSync(junk, Buffer.from('>\r\nUncaught Error: hello\r\n'.repeat(200_000)));
    const j = pijat('score', junk, '--lang', 'en');
    expect(j.status).toBe(2);
    expect(j.stderr).toContain(junk);
    expect(j.stderr).toMatch(/no intact Pijat frame/);
  });

  it('scores a capture cut anywhere and wrapped in junk', async () => {
    const cut = raw.subarray(1000, raw.length - 777);
    const wrapped = new Uint8Array(cut.length + 200);
    wrapped.set(new TextEncoder().encode('Espruino boot text '.repeat(5)), 0);
    wrapped.set(cut, 100);
    const { report } = await scoreBytes(wrapped, 'wrapped.bin', {}, 'en');
    const whole = (await scoreBytes(raw, 'whole.bin', {}, 'en')).report;
    expect(report.passes).toHaveLength(3);
    // 1000 + 777 bytes cut = about 37 frames of 48 bytes; nothing else may go missing.
    expect(report.recording.samples).toBeGreaterThanOrEqual(whole.recording.samples - 40);
    // A cut frame can look like a frame start (a false sync): at most one per cut.
    expect(report.recording.crc_errors).toBeLessThanOrEqual(2);
  });

  it('prints the same bytes with the compiled scorer and with the TypeScript engine alone (PIJAT_NATIVE=0)', () => {
    const damaged = join(dir, 'damaged.bin');
    const bytes = Uint8Array.from(raw);
    for (let i = 5000; i < bytes.length; i += 40_000) bytes[i] ^= 0x10; // a few bad checksums: declined, scored by the TypeScript
    writeFileSync(damaged, bytes);
    for (const file of [rawFile, csvFile, damaged]) {
      const fast = pijat('score', file, '--json');
      const slow = spawnSync(process.execPath, [BIN, 'score', file, '--json'], {
        cwd: ROOT, encoding: 'utf8', env: { ...process.env, PIJAT_DATA: join(dir, 'data'), PIJAT_NATIVE: '0' },
      });
      expect(fast.status).toBe(0);
      expect(fast.stdout).toBe(slow.stdout);
      expect(fast.stderr).toBe(slow.stderr);
    }
    expect(pijat('score', damaged, '--json').stderr).toMatch(/damaged|rusak/i);
  });
});
