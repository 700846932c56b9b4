// `pijat live --sim good` on a real small file system (tmpfs) that fills up while it records:
// it keeps running, says so in both languages, keeps what it had stored, and writes the held
// data when space returns; at the end every decoded sample is in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Store } from '../../host/store';
import { decodeAll } from '../../shared/protocol/decoder';
import { mountTmpfs, type Tmpfs } from './tmpfs';
import { until } from '../support/until';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');

describe('pijat live on a disk that fills up', () => {
  let fs: Tmpfs | string = '';
  beforeAll(() => {
    fs = mountTmpfs(8);
  });
  afterAll(() => {
    if (typeof fs !== 'string') fs.unmount();
  });

  it('keeps running, keeps what it had, and stores the held data when space returns', async (ctx) => {
    if (typeof fs === 'string') return ctx.skip(fs);
    const data = join(fs.dir, 'data');
    const child = spawn(process.execPath, [BIN, 'live', '--sim', 'good', '--seed', '4', '--duration', '16', '--data', data, '--json'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const lines = (): Record<string, unknown>[] => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const storeLines = (kind: string): Record<string, unknown>[] => lines().filter((l) => l.type === 'store' && l.kind === kind);

    await until('live to stream for a while', () => lines().filter((l) => l.type === 'live').length >= 12, 10_000);
    const filler = fs.fill();
    await until('live to say the store cannot take data', () => storeLines('holding').length > 0, 8000);
    const holding = storeLines('holding')[0]!.message as { id: string; en: string };
    expect(holding.en).toContain('the disk is full');
    expect(holding.en).toContain('Recording goes on');
    expect(holding.id).toContain('disk penuh');
    expect(holding.id).toContain('Perekaman berjalan terus');
    expect(child.exitCode).toBeNull();

    // What it had is stored and readable while the disk is full.
    const reader = Store.open(data, { create: false });
    const [s] = reader.listSessions();
    const before = [...reader.readFrames(s!.id)].length;
    reader.close();
    expect(before).toBeGreaterThan(2);

    await new Promise((r) => setTimeout(r, 2000));
    const liveBefore = lines().filter((l) => l.type === 'live').length;
    rmSync(filler);
    await until('live to say the held data were written', () => storeLines('resumed').length > 0, 12_000);
    expect(lines().filter((l) => l.type === 'live').length).toBeGreaterThan(liveBefore);

    expect(await exited, err).toBe(0);
    const end = lines().find((l) => l.type === 'report')!;
    const report = end.report as { recording: { samples: number } };
    const store = Store.open(data, { create: false });
    const session = store.getSession(end.session_id as number);
    expect(session.status).toBe('complete');
    const bytes = Buffer.concat([...store.readFrames(session.id)].map((c) => c.bytes));
    const { messages, counters } = decodeAll(bytes);
    expect(messages.filter((m) => m.type === 'sample').length).toBe(report.recording.samples);
    expect(counters.frames).toBe(session.frames);
    expect(session.bytes).toBe(bytes.length);
    expect(report.recording.samples).toBeGreaterThan(1400);
    store.close();
  }, 60_000);

  it('started on a disk that is already full: runs unrecorded, says so, and the stored sessions stay intact', async (ctx) => {
    if (typeof fs === 'string') return ctx.skip(fs);
    const data = join(fs.dir, 'data');
    const before = Store.open(data, { create: false });
    const sessions = before.listSessions().map((s) => [s.id, s.bytes]);
    before.close();
    expect(sessions.length).toBeGreaterThan(0);
    const filler = fs.fill();
    try {
      const r = spawnSync(process.execPath, [BIN, 'live', '--sim', 'good', '--duration', '3', '--data', data, '--lang', 'en'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('cannot be recorded (the disk is full)');
      expect(r.stderr).not.toMatch(/\n\s+at |SqliteError/);
      expect(r.stdout).toContain('Total');
    } finally {
      rmSync(filler);
    }
    const after = Store.open(data, { create: false });
    expect(after.listSessions().map((s) => [s.id, s.bytes])).toEqual(sessions);
    after.close();
  }, 60_000);
});
