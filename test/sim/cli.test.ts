// `pijat simulate` and `pijat inspect` as a user runs them (the CLI from the sources via tsx),
// and inspect's analysis on damaged captures.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../host/sim';
import { inspectBytes } from '../../host/cli/inspect';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'pijat-sim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pijat(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', ...args, '--lang', 'en'], {
      encoding: 'utf8', maxBuffer: 1 << 26,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('pijat simulate + inspect', () => {
  it('60 s of good at seed 1: ~6000 frames at 100 Hz, no CRC errors, the simulator descriptor', async () => {
    const out = join(dir, 'g.bin');
    const truth = join(dir, 'g.json');
    const sim = await pijat('simulate', '--scenario', 'good', '--seed', '1', '--duration', '60', '--out', out, '--truth', truth);
    expect(sim.code).toBe(0);
    expect(sim.stderr).toMatch(/wrote 6\d{3} frames/);
    const ins = await pijat('inspect', out, '--json');
    expect(ins.code).toBe(0);
    const r = JSON.parse(ins.stdout) as Record<string, unknown> & { descriptor: Record<string, unknown> };
    expect(r.frames as number).toBeGreaterThanOrEqual(6000);
    expect(r.frames as number).toBeLessThan(6200);
    expect(r.rate_hz).toBeCloseTo(100, 1);
    expect(r.duration_s).toBeCloseTo(60, 1);
    expect(r).toMatchObject({ crc_errors: 0, resyncs: 0, junk_bytes: 0 });
    for (const k of ['frames', 'crc_errors', 'resyncs', 'lost_frames', 'junk_bytes', 'bytes', 'rate_hz', 'duration_s', 'gaps', 'statuses', 'descriptor']) {
      expect(r, k).toHaveProperty(k);
    }
    expect(r.descriptor).toMatchObject({ sample_rate_hz: 100, board: 'simulator', firmware_version: '1.0.0' });
    expect((r.descriptor.channels as unknown[]).length).toBe(16);
    // The file is exactly what the library generates; the truth file is its truth.
    const lib = simulate({ scenario: 'good', seed: 1, duration_s: 60 });
    expect(Buffer.compare(readFileSync(out), Buffer.from(lib.bytes()))).toBe(0);
    expect(JSON.parse(readFileSync(truth, 'utf8'))).toEqual(JSON.parse(JSON.stringify(lib.truth)));
  });

  it('prints a readable table without --json', async () => {
    const out = join(dir, 't.bin');
    await pijat('simulate', '--duration', '5', '--out', out, '--loss', '0');
    const r = await pijat('inspect', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Frames\s+50\d/);
    expect(r.stdout).toMatch(/Rate \(device timestamps\)\s+100\.00 Hz/);
    expect(r.stdout).toMatch(/left_thumb\s+fsr\s+N/);
  });

  it('writes the same bytes to stdout when redirected', async () => {
    const r = await run(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', 'simulate', '--duration', '3', '--seed', '9'], {
      encoding: 'buffer', maxBuffer: 1 << 24,
    });
    expect(Buffer.compare(r.stdout, Buffer.from(simulate({ seed: 9, duration_s: 3 }).bytes()))).toBe(0);
  });

  it('names the valid scenarios for an unknown one', async () => {
    const r = await pijat('simulate', '--scenario', 'gentle', '--out', join(dir, 'x.bin'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown scenario "gentle"');
    expect(r.stderr).toContain('good, too-hard, too-light, too-fast, too-slow, irregular, one-hand, short-passes');
  });

  it('explains a missing, empty or non-capture file', async () => {
    const missing = await pijat('inspect', join(dir, 'nope.bin'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.bin does not exist/);
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    expect((await pijat('inspect', empty)).stderr).toMatch(/empty\.bin is empty/);
    const csv = join(dir, 'rec.csv');
    writeFileSync(csv, 't_s,left_thumb_n,right_thumb_n\n0,1,2\n0.01,1,2\n');
    const r = await pijat('inspect', csv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rec\.csv is not a raw Pijat capture/);
    expect(r.stderr).toMatch(/pijat score/);
  });
});

describe('inspectBytes', () => {
  it('counts damage: CRC errors, resyncs, junk, and reports the largest gaps with their lost frames', () => {
    const s = simulate({ scenario: 'good', seed: 2, duration_s: 20, loss_rate: 0 });
    const bytes = s.bytes();
    // Junk in front (console text), two damaged bytes, and a cut of 30 whole frames.
    const frames = [...s.frames()];
    const cutAt = 700;
    const kept = [...frames.slice(0, cutAt), ...frames.slice(cutAt + 30)];
    const body = new Uint8Array(kept.reduce((a, f) => a + f.length, 0));
    let o = 0;
    for (const f of kept) {
      body.set(f, o);
      o += f.length;
    }
    body[5000] ^= 0xff;
    body[40000] ^= 0x01;
    const junk = new TextEncoder().encode('-> LoopbackA\r\n>');
    const all = new Uint8Array(junk.length + body.length);
    all.set(junk);
    all.set(body, junk.length);
    const r = inspectBytes(all);
    expect(r.crc_errors).toBeGreaterThanOrEqual(2);
    expect(r.resyncs).toBeGreaterThanOrEqual(3);
    expect(r.junk_bytes).toBeGreaterThan(junk.length);
    expect(r.gaps.length).toBeGreaterThanOrEqual(1);
    const big = r.gaps[0]!;
    expect(big.lost_frames).toBeGreaterThanOrEqual(30);
    expect(big.duration_s).toBeGreaterThan(0.25);
    expect(r.lost_frames).toBeGreaterThanOrEqual(32);
    expect(r.rate_hz).toBeCloseTo(100, 0);
    expect(bytes.length).toBe(body.length + frames.slice(cutAt, cutAt + 30).reduce((a, f) => a + f.length, 0));
  });
});
