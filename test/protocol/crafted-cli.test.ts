// The built CLI on crafted and damaged captures: `pijat score`, `inspect` and `live` (over a
// socat pty pair) never crash. Each ends with exit 0 or 2 and, when it refuses, a message in the
// user's language, never a stack trace or an uncaught error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SerialPort } from 'serialport';
import type { Channel, Message } from '../../shared/protocol/types';
import { encodeDescriptor } from '../../shared/protocol/encode';
import { buildCapture, referenceDescriptor } from './helpers';
import { patchUnit } from './descriptor-fixtures';
import { until } from '../support/until';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');
const REF = referenceDescriptor(0, 0);
const CH = REF.channels;

function capture(channels: Channel[], seconds = 12): Uint8Array {
  const m: Message[] = [{ ...REF, channels }];
  for (let k = 1; k <= seconds * 100; k++) {
    m.push({
      type: 'sample', seq: k, t_us: k * 10_000, t_s: 0, n_fsr: 4, n_imu: 2, flags: 3,
      fsr: [20000 + (k % 300) * 30, 21000, 5000, 5000], imu: [0, 0, 8192, 0, 0, 0, 0, 0, 8192, 0, 0, 0],
    });
  }
  return buildCapture(m).bytes;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

const CAPTURES: [string, () => Uint8Array][] = [
  ['IMU channels before the FSR channels', () => capture([...CH.slice(4), ...CH.slice(0, 4)])],
  ['a NaN calibration constant', () => capture(CH.map((c, i) => (i === 0 ? { ...c, p0: NaN } : c)))],
  ['infinite, negative and zero constants everywhere', () => capture(CH.map((c, i) => ({ ...c, p0: i % 2 ? -1 : Infinity, p1: i % 3 ? 0 : NaN })))],
  ['colliding channel names', () => capture([CH[0]!, CH[0]!, CH[2]!, CH[3]!, ...CH.slice(4)])],
  ['62 channels', () => capture(Array.from({ length: 62 }, (_, k) => CH[k % 16]!))],
  ['an FSR unit on an accelerometer (patched byte)', () => {
    const d = patchUnit(encodeDescriptor(REF), 4, 1);
    const rest = capture(CH).subarray(encodeDescriptor(REF).length);
    return Buffer.concat([d, rest]);
  }],
  ['a descriptor of 2 FSR for samples of 4 FSR + 2 IMU', () => {
    const samples = capture(CH).subarray(encodeDescriptor(REF).length);
    return Buffer.concat([encodeDescriptor({ ...REF, channels: CH.slice(0, 2) }), samples]);
  }],
  ['random bytes', () => { const r = rng(5); return Uint8Array.from({ length: 50_000 }, () => (r() * 256) | 0); }],
  ['random bytes full of sync bytes', () => { const r = rng(6); return Uint8Array.from({ length: 50_000 }, () => (r() < 0.3 ? 0xa5 : (r() * 256) | 0)); }],
  ['a good capture cut in the middle of a frame', () => capture(CH).subarray(0, 30_001)],
  ['bit flips every 97 bytes', () => { const b = Uint8Array.from(capture(CH)); for (let i = 0; i < b.length; i += 97) b[i]! ^= 0x10; return b; }],
  ['an empty file', () => new Uint8Array(0)],
];

function pijat(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

function expectNoCrash(r: { status: number | null; out: string }, what: string): void {
  expect([0, 2], `${what}: exit ${r.status}\n${r.out}`).toContain(r.status);
  expect(r.out, what).not.toMatch(/\n\s+at |Uncaught|TypeError|RangeError|SqliteError|\bError: /);
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-crafted-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pijat score and inspect on crafted and damaged captures', () => {
  for (const [what, make] of CAPTURES) {
    it(`never crash: ${what}`, () => {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.bin`);
      writeFileSync(file, make());
      const score = pijat(['score', file, '--lang', 'id']);
      expectNoCrash(score, `score ${what}`);
      if (score.status === 2) expect(score.out).toMatch(/^pijat: /m);
      expectNoCrash(pijat(['score', file, '--json', '--lang', 'en']), `score --json ${what}`);
      expectNoCrash(pijat(['inspect', file, '--lang', 'en']), `inspect ${what}`);
    });
  }

  it('the IMU-first capture: its descriptor is counted as one the host cannot interpret', () => {
    const file = join(dir, 'imu-first-json.bin');
    writeFileSync(file, capture([...CH.slice(4), ...CH.slice(0, 4)]));
    const r = spawnSync(process.execPath, [BIN, 'inspect', file, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/"unknown_type":\s*1/);
  });

  it('the NaN capture: scored, with the unusable channel named in both languages', () => {
    const file = join(dir, 'nan-note.bin');
    writeFileSync(file, capture(CH.map((c, i) => (i === 0 ? { ...c, p0: NaN } : c))));
    const en = pijat(['score', file, '--lang', 'en']);
    expect(en.status).toBe(0);
    expect(en.out).toContain('Channel left_thumb of glove 1007296295 is not used');
    const id = pijat(['score', file, '--lang', 'id']);
    expect(id.out).toContain('Kanal left_thumb sarung tangan 1007296295 tidak dipakai');
  });
});

describe('pijat live on crafted streams over a pty', () => {
  let link: ChildProcess | null = null;
  const a = (): string => join(dir, 'glove-a');
  const b = (): string => join(dir, 'glove-b');
  beforeAll(async () => {
    link = spawn('socat', [`pty,raw,echo=0,link=${a()}`, `pty,raw,echo=0,link=${b()}`], { stdio: 'ignore' });
    await until('socat ptys', () => existsSync(a()) && existsSync(b()), 5000);
  });
  afterAll(() => {
    link?.kill('SIGKILL');
  });

  for (const [what, make] of CAPTURES.filter(([w]) => !w.includes('empty'))) {
    it(`never crashes: ${what}`, async () => {
      const child = spawn(process.execPath, [BIN, 'live', '--port', b(), '--data', join(dir, 'live-data'), '--json'], {
        cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (x: Buffer) => { out += x.toString(); });
      child.stderr!.on('data', (x: Buffer) => { out += x.toString(); });
      const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      await until('live to start', () => out.includes('"type":"live"'), 15_000);
      const port = new SerialPort({ path: a(), baudRate: 115200 });
      await new Promise<void>((r, j) => port.on('open', () => r()).on('error', j));
      const bytes = make();
      for (let i = 0; i < bytes.length; i += 4096) {
        await new Promise<void>((r) => port.write(Buffer.from(bytes.subarray(i, i + 4096)), () => r()));
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise<void>((r) => port.drain(() => r()));
      await new Promise((r) => setTimeout(r, 600));
      await new Promise<void>((r) => port.close(() => r()));
      expect(child.exitCode, out).toBeNull();
      child.kill('SIGINT');
      const code = await exited;
      expectNoCrash({ status: code, out }, `live ${what}`);
      expect(code).toBe(0);
      expect(out).toContain('"type":"report"');
      if (what === 'a NaN calibration constant') expect(out).toContain('"type":"channel"');
    }, 40_000);
  }
});
