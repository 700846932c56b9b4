// The store under faults, on real file systems: a full tmpfs while recording (held in memory,
// bounded, written when space returns), a read-only mount, a file locked by another process, a
// missing or foreign native module, and the file modes of the data folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRecorder, faultOf, Store, StoreError, storeFile, type RecorderNotice } from '../../host/store';
import { STORE } from '../../shared/i18n/store';
import { CLI } from '../../shared/i18n/cli';
import { mountTmpfs, type Tmpfs } from './tmpfs';
import { until } from '../support/until';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');
let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pijat-faults-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const mode = (p: string): number => statSync(p).mode & 0o777;

function chunk(id: number, size = 2048): Buffer {
  const b = Buffer.alloc(size, id & 0xff);
  b.writeUInt32LE(id, 0);
  return b;
}

describe('file modes', () => {
  it('a new data folder is 0700 and the store file 0600 (also its -wal and -shm)', () => {
    const d = join(tmp, 'modes', 'new');
    const store = Store.open(d);
    store.startSession({ profile: 'sop-000', source: 'test' });
    expect(mode(d)).toBe(0o700);
    for (const f of ['pijat.sqlite', 'pijat.sqlite-wal', 'pijat.sqlite-shm']) {
      if (existsSync(join(d, f))) expect(mode(join(d, f)), f).toBe(0o600);
    }
    expect(existsSync(join(d, 'pijat.sqlite-wal'))).toBe(true);
    store.close();
  });

  it('an existing folder 0755 and store 0644 are tightened on open', () => {
    const d = join(tmp, 'modes', 'old');
    Store.open(d).close();
    chmodSync(d, 0o755);
    chmodSync(storeFile(d), 0o644);
    const store = Store.open(d);
    expect(mode(d)).toBe(0o700);
    expect(mode(storeFile(d))).toBe(0o600);
    expect(store.notices).toEqual([]);
    store.close();
  });
});

describe('on a real small file system (tmpfs)', () => {
  let fs: Tmpfs | string = '';
  beforeAll(() => {
    fs = mountTmpfs(6);
  });
  afterAll(() => {
    if (typeof fs !== 'string') fs.unmount();
  });

  it('a full disk: the recorder holds chunks (bounded), stored data stay readable, held data are written when space returns', async (ctx) => {
    if (typeof fs === 'string') return ctx.skip(fs);
    const d = join(fs.dir, 'full');
    const store = Store.open(d);
    const session = store.startSession({ profile: 'sop-000', source: 'test' });
    const notices: RecorderNotice[] = [];
    const rec = createRecorder(store, session.id, { chunkMs: 50, maxHeldBytes: 60 * 1024, onNotice: (n) => notices.push(n) });
    let id = 0;
    const write = (n: number): void => {
      for (let k = 0; k < n; k++) {
        rec.write(chunk(id++), id);
        rec.flush();
      }
    };
    write(20);
    expect(rec.chunks).toBe(20);
    const filler = fs.fill();
    write(10);
    expect(rec.fault).toBe('full');
    expect(rec.held_bytes).toBeGreaterThan(0);
    const holding = notices.find((n) => n.kind === 'holding')!;
    expect(holding.fault).toBe('full');
    expect(holding.message.en).toContain('the disk is full');
    expect(holding.message.en).toContain('of at most 0.059 MB');
    expect(holding.message.id).toContain('disk penuh');
    // What was stored stays readable by another connection while the disk is full.
    const reader = Store.open(d, { create: false });
    expect([...reader.readFrames(session.id)].length).toBe(20);
    reader.close();
    // Past the bound (60 KiB = 30 chunks of 2 KiB) new chunks are dropped and that is said.
    write(40);
    expect(rec.dropped_bytes).toBeGreaterThan(0);
    expect(rec.held_bytes).toBeLessThanOrEqual(60 * 1024);
    expect(notices.some((n) => n.kind === 'dropping')).toBe(true);
    const held = rec.held_bytes;
    const dropped = rec.dropped_bytes;
    rmSync(filler);
    await until('the held chunks to be written', () => {
      rec.flush();
      return rec.held_bytes === 0;
    }, 15_000);
    expect(rec.fault).toBeNull();
    const resumed = notices.filter((n) => n.kind === 'resumed');
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.message.en).toContain('not recorded');
    write(5);
    rec.close();
    const stored = [...store.readFrames(session.id)].map((c) => c.bytes.readUInt32LE(0));
    // every chunk written before the fault, every one held, those after recovery; none twice, in order
    expect(stored.length).toBe(20 + held / 2048 + 5);
    expect(stored.length + dropped / 2048).toBe(id);
    expect(stored.slice(0, 20 + held / 2048)).toEqual(Array.from({ length: 20 + held / 2048 }, (_, k) => k));
    for (let k = 1; k < stored.length; k++) expect(stored[k]!).toBeGreaterThan(stored[k - 1]!);
    expect(store.getSession(session.id)).toMatchObject({ chunks: stored.length, bytes: stored.length * 2048 });
    store.finishSession(session.id);
    store.close();
  });

  it('a read-only drive: writers are told it is read-only (not damaged), readers still read', async (ctx) => {
    if (typeof fs === 'string') return ctx.skip(fs);
    const d = join(fs.dir, 'ro');
    const store = Store.open(d);
    const s = store.startSession({ profile: 'sop-000', source: 'test', trainee: 'Siti' });
    store.appendFrames(s.id, chunk(1), 0, 0.5, 1);
    store.finishSession(s.id);
    store.close();
    fs.remount('ro');
    try {
      let err: unknown;
      try { Store.open(d); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).entry).toBe(STORE.read_only);
      expect((err as StoreError).message).not.toContain('Move that file');
      // A reader too (SQLite cannot read a WAL store on a read-only drive without its -shm file).
      let rerr: unknown;
      try { Store.open(d, { create: false }).close(); } catch (e) { rerr = e; }
      if (rerr !== undefined) expect((rerr as StoreError).entry).toBe(STORE.read_only);
      const live = spawnSync(process.execPath, [BIN, 'live', '--sim', 'good', '--duration', '1', '--data', d], { encoding: 'utf8', timeout: 30_000 });
      expect(live.status).toBe(2);
      expect(live.stderr).toContain('hanya-baca');
      expect(live.stderr).not.toMatch(/\n\s+at /);
      const en = spawnSync(process.execPath, [BIN, 'sessions', '--data', d, '--lang', 'en'], { encoding: 'utf8', timeout: 30_000 });
      if (en.status !== 0) expect(en.stderr).toContain('is read-only');
      else expect(en.stdout).toContain('Siti');
      expect(`${en.stdout}${en.stderr}`).not.toContain('Move that file');
    } finally {
      fs.remount('rw');
    }
  });
});

describe('diagnoses', () => {
  it('a store locked by another program is called locked, not damaged', async () => {
    const d = join(tmp, 'locked');
    Store.open(d).close();
    const holder = spawn(process.execPath, ['-e', `
      const Db = require(${JSON.stringify(join(ROOT, 'node_modules', 'better-sqlite3'))});
      const db = new Db(${JSON.stringify(storeFile(d))});
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      db.exec("INSERT INTO trainees (name, created) VALUES ('x', 'now')");
      process.stdout.write('locked\\n');
      setTimeout(() => {}, 20000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    holder.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    try {
      await until('the other process to lock the store', () => out.includes('locked'), 10_000);
      let err: unknown;
      try { Store.open(d, { busyTimeoutMs: 200 }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).entry).toBe(STORE.locked);
      expect((err as StoreError).entry).not.toBe(CLI.store_not_sqlite);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a damaged file is still called not a Pijat store (move it away)', () => {
    const d = join(tmp, 'junk');
    mkdirSync(d, { recursive: true });
    writeFileSync(storeFile(d), 'this is not SQLite, just text that is long enough to be a header'.repeat(20));
    let err: unknown;
    try { Store.open(d); } catch (e) { err = e; }
    expect((err as StoreError).entry).toBe(CLI.store_not_sqlite);
  });

  it('the native module built for another Node, or not a library at all, is called so', () => {
    const notElf = join(tmp, 'not-elf.node');
    writeFileSync(notElf, 'not a shared library');
    let err: unknown;
    try { process.dlopen({ exports: {} }, notElf); } catch (e) { err = e; }
    expect(faultOf(err)).toBe('native_mismatch');
    // What Node says when the module was built for another ABI (its wording since Node 12).
    const abi = Object.assign(new Error(`The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 108. This version of Node.js requires\nNODE_MODULE_VERSION ${process.versions.modules}.`), { code: 'ERR_DLOPEN_FAILED' });
    expect(faultOf(abi)).toBe('native_mismatch');
  });

  it('pijat with better-sqlite3 missing: its own bilingual message and fix, exit 2, no stack trace', () => {
    // A copy of the built CLI beside a node_modules that has every package but better-sqlite3.
    const app = join(tmp, 'no-native');
    cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true, filter: (src) => !src.includes(`${join('dist', 'web')}`) });
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    const real = join(ROOT, 'node_modules');
    for (const name of readdirSync(real)) {
      if (name !== 'better-sqlite3' && name !== 'bindings') symlinkSync(join(real, name), join(app, 'node_modules', name));
    }
    writeFileSync(join(app, 'package.json'), '{"type":"module"}');
    const data = join(tmp, 'no-native-data');
    for (const lang of ['id', 'en']) {
      const r = spawnSync(process.execPath, [join(app, 'dist', 'pijat.mjs'), 'live', '--sim', 'good', '--duration', '1', '--data', data, '--lang', lang], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('better-sqlite3');
      expect(r.stderr).toContain(lang === 'id' ? 'tidak terpasang' : 'is not installed');
      expect(r.stderr).toContain('npm install');
      expect(r.stderr).not.toContain('Move that file');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
