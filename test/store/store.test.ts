import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { Store, StoreError, storeFile, SCHEMA_VERSION, APPLICATION_ID, createRecorder, defaultDataDir } from '../../host/store';
import { CHECKLIST_ITEMS, OUTCOME_ITEMS } from '../../shared/i18n/sop';
import { Report } from '../../shared/engine/report-schema';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function sampleReport(total: number | null, verdict: 'pass' | 'fail' | 'insufficient_data'): Report {
  return Report.parse({
    report_version: 1,
    profile: 'sop-000',
    verdict,
    score: { total, criteria: [] },
    deductions: [],
    passes: [],
    pressure: {
      left: { mean_n: 12, sd_n: 2, max_n: 20, in_band_fraction: 0.8 },
      right: { mean_n: 11, sd_n: 2, max_n: 19, in_band_fraction: 0.75 },
      in_band_fraction: 0.78,
      band_n: { min: 8, max: 20 },
      too_hard_events: 1,
    },
    cadence: { left_hz: 1, right_hz: 1, mean_hz: 1, regularity_cv: 0.1 },
    bilateral_fraction: 0.9,
    balance: 0.5,
    duration_s: 600,
    work_s: 540,
    recording: { source: 'live', samples: 60000, rate_hz: 100, lost_frames: 0, crc_errors: 0, device_id: 7 },
  });
}

describe('store', () => {
  it('creates a new store with the current schema, WAL and the Pijat application id', () => {
    const s = Store.open(dir);
    expect(s.file).toBe(storeFile(dir));
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(s.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // synchronous NORMAL = 1
    expect(s.db.pragma('synchronous', { simple: true })).toBe(1);
    const items = s.db.prepare('SELECT count(*) AS n FROM checklist_items').get() as { n: number };
    expect(items.n).toBe(CHECKLIST_ITEMS.length);
    s.close();
  });

  it('migrates an existing empty SQLite file', () => {
    const file = storeFile(dir);
    writeFileSync(file, '');
    const s = Store.openFile(file);
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    s.close();
    // Reopening does not re-run migrations (would fail on CREATE TABLE).
    Store.openFile(file).close();
  });

  it('refuses a file that is not SQLite, naming the file and the fix', () => {
    const file = storeFile(dir);
    writeFileSync(file, 'this is not a database, just text '.repeat(200));
    let err: unknown;
    try {
      Store.open(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/--data DIR/);
    expect((err as StoreError).params.file).toBe(file);
  });

  it('refuses an SQLite file of another program and leaves it untouched', () => {
    const file = storeFile(dir);
    const other = new Database(file);
    other.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (\'keep me\')');
    other.close();
    expect(() => Store.open(dir)).toThrow(/another program/);
    const again = new Database(file);
    expect(again.prepare('SELECT x FROM notes').pluck().get()).toBe('keep me');
    expect(again.pragma('user_version', { simple: true })).toBe(0);
    again.close();
  });

  it('refuses a store written by a newer schema', () => {
    Store.open(dir).close();
    const db = new Database(storeFile(dir));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => Store.open(dir)).toThrow(/newer Pijat/);
  });

  it('a reader does not create a missing store', () => {
    expect(() => Store.open(join(dir, 'nothing'), { create: false })).toThrow(/No sessions are stored/);
  });

  it('round-trips trainees and sessions', () => {
    const s = Store.open(dir);
    const a = s.createTrainee('Siti', 'A-2025');
    s.createTrainee('Ayu', 'B-2025');
    // Names may repeat since schema 3 (two students called Siti): test/store/roster.test.ts.
    expect(s.listTrainees().map((t) => t.name)).toEqual(['Ayu', 'Siti']);
    expect(s.listTrainees('A-2025')).toEqual([a]);

    const live = s.startSession({ trainee: 'Siti', profile: 'sop-000', source: 'serial:/dev/ttyACM0', label: 'pre', client: 'Ibu R' });
    expect(live.status).toBe('live');
    expect(live.trainee).toBe('Siti');
    expect(live.cohort).toBe('A-2025');
    expect(live.pid).toBe(process.pid);
    s.setDeviceId(live.id, 0xdeadbeef);
    const other = s.startSession({ trainee: 'Neni', profile: 'clinic-004', source: 'sim:good' });
    expect(s.getTrainee('Neni')?.name).toBe('Neni');

    s.setSessionLabel(other.id, 'post');
    s.setSessionClient(other.id, 'Ibu S');
    s.setSessionTrainee(other.id, 'Ayu');
    expect(s.getSession(other.id)).toMatchObject({ label: 'post', client: 'Ibu S', trainee: 'Ayu', cohort: 'B-2025' });
    s.setSessionTrainee(other.id, s.getTrainee('Neni')!.id);
    expect(s.getSession(other.id).trainee).toBe('Neni');

    const done = s.finishSession(live.id);
    expect(done.status).toBe('complete');
    expect(done.device_id).toBe(0xdeadbeef);
    expect(done.ended).not.toBeNull();
    expect(Date.parse(done.ended!)).toBeGreaterThanOrEqual(Date.parse(done.started));

    expect(s.listSessions().map((x) => x.id)).toEqual([live.id, other.id]);
    expect(s.listSessions({ trainee: 'Neni' }).map((x) => x.id)).toEqual([other.id]);
    expect(s.listSessions({ status: 'complete' }).map((x) => x.id)).toEqual([live.id]);
    expect(() => s.listSessions({ trainee: 'Nobody' })).toThrow(/Nobody/);
    expect(() => s.getSession(999)).toThrow(/Session 999 does not exist/);
    s.close();
  });

  it('round-trips raw chunks byte for byte, in order, with running totals', () => {
    const s = Store.open(dir);
    const sess = s.startSession({ profile: 'sop-000', source: 'test' });
    const chunks = [0, 1, 2, 3].map((i) => Uint8Array.from({ length: 100 + i * 37 }, (_, k) => (k * 7 + i) & 0xff));
    chunks.forEach((c, i) => s.appendFrames(sess.id, c, i * 0.5, i * 0.5 + 0.49, 2 + i));
    const back = [...s.readFrames(sess.id)];
    expect(back.map((c) => c.seq)).toEqual([0, 1, 2, 3]);
    back.forEach((c, i) => {
      expect(Buffer.compare(c.bytes, Buffer.from(chunks[i]!))).toBe(0);
      expect(c.t0_s).toBe(i * 0.5);
      expect(c.frames).toBe(2 + i);
    });
    const row = s.getSession(sess.id);
    expect(row.chunks).toBe(4);
    expect(row.bytes).toBe(chunks.reduce((n, c) => n + c.length, 0));
    expect(row.frames).toBe(2 + 3 + 4 + 5);
    expect(row.recorded_s).toBeCloseTo(1.99, 6);
    s.close();
  });

  it('round-trips a report with its total and verdict columns', () => {
    const s = Store.open(dir);
    const sess = s.startSession({ profile: 'sop-000', source: 'test' });
    expect(s.getReport(sess.id)).toBeUndefined();
    s.saveReport(sess.id, sampleReport(81.5, 'pass'));
    s.saveReport(sess.id, sampleReport(64, 'fail'));
    const back = s.getReport(sess.id)!;
    expect(Report.parse(back)).toEqual(sampleReport(64, 'fail'));
    const row = s.getSession(sess.id);
    expect(row.total).toBe(64);
    expect(row.verdict).toBe('fail');
    s.saveReport(sess.id, sampleReport(null, 'insufficient_data'));
    expect(s.getSession(sess.id).total).toBeNull();
    s.close();
  });

  it('round-trips the checklist, documentation and the outcome sheet', () => {
    const s = Store.open(dir);
    const sess = s.startSession({ profile: 'sop-000', source: 'test', client: 'Ibu R' });
    const blank = s.getChecklist(sess.id);
    expect(blank.map((c) => c.id)).toEqual(CHECKLIST_ITEMS.map((c) => c.id));
    expect(blank.every((c) => c.done === null)).toBe(true);
    s.setChecklist(sess.id, { orient_greet: true, prep_privacy: false, equip_oil: true });
    s.setChecklist(sess.id, { equip_oil: null });
    const list = s.getChecklist(sess.id);
    expect(list.find((c) => c.id === 'orient_greet')).toMatchObject({ done: true, phase: 'orientation', source: '000' });
    expect(list.find((c) => c.id === 'orient_greet')!.label.id).toMatch(/salam/);
    expect(list.find((c) => c.id === 'prep_privacy')!.done).toBe(false);
    expect(list.find((c) => c.id === 'equip_oil')!.done).toBeNull();
    expect(() => s.setChecklist(sess.id, { bogus: true })).toThrow(/Unknown checklist item "bogus"/);

    expect(s.getDocumentation(sess.id)).toBeUndefined();
    s.setDocumentation(sess.id, { massage_at: '2025-04-25T06:00:00Z', duration_min: 12 });
    s.setDocumentation(sess.id, { mother_response: 'rileks', milk_change: '5-10 ml -> 80-100 ml', follow_up: 'ulang besok' });
    expect(s.getDocumentation(sess.id)).toEqual({
      massage_at: '2025-04-25T06:00:00Z', duration_min: 12, mother_response: 'rileks',
      milk_change: '5-10 ml -> 80-100 ml', follow_up: 'ulang besok',
    });
    expect(() => s.setDocumentation(sess.id, { colour: 'x' } as never)).toThrow(/colour/);

    s.setOutcome('Ibu R', 1, 'feeds_over_8', false);
    s.setOutcome('Ibu R', 2, 'feeds_over_8', true);
    s.setOutcome('Ibu R', 3, 'stool_yellow_soft', true);
    s.setOutcome('Ibu R', 3, 'calm_sleeps', true);
    s.setOutcome('Ibu R', 3, 'calm_sleeps', null);
    const sheet = s.getOutcome('Ibu R');
    expect(sheet.items.map((i) => i.id)).toEqual(OUTCOME_ITEMS.map((o) => o.id));
    expect(sheet.items[0]!.days).toEqual([false, true, null]);
    expect(sheet.items.find((i) => i.id === 'stool_yellow_soft')!.days).toEqual([null, null, true]);
    expect(sheet.items.find((i) => i.id === 'calm_sleeps')!.days).toEqual([null, null, null]);
    expect(s.getOutcome('Ibu X').items.every((i) => i.days.every((d) => d === null))).toBe(true);
    expect(() => s.setOutcome('Ibu R', 4, 'feeds_over_8', true)).toThrow(/1, 2 or 3/);
    expect(() => s.setOutcome('Ibu R', 1, 'nope', true)).toThrow(/nope/);
    s.close();
  });

  it('round-trips calibration per device id', () => {
    const s = Store.open(dir);
    expect(s.getCalibration(42)).toBeUndefined();
    const cal = { channels: { left_thumb: { p0: 3.2, p1: 1.1, p2: 120 } } };
    s.saveCalibration(42, cal);
    s.saveCalibration(43, { channels: {} });
    expect(s.getCalibration(42)!.data).toEqual(cal);
    s.saveCalibration(42, { channels: { left_thumb: { p0: 4, p1: 1, p2: 0 } } });
    expect(s.getCalibration<typeof cal>(42)!.data.channels.left_thumb.p0).toBe(4);
    expect(s.getCalibration(43)!.data).toEqual({ channels: {} });
    s.close();
  });

  it('marks a live session of a dead process interrupted on open, keeping its frames', () => {
    const s = Store.open(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    const orphan = s.startSession({ profile: 'sop-000', source: 'test', pid: dead });
    s.appendFrames(orphan.id, new Uint8Array([1, 2, 3]), 0, 0.4);
    const mine = s.startSession({ profile: 'sop-000', source: 'test' });
    s.close();

    const again = Store.open(dir);
    const o = again.getSession(orphan.id);
    expect(o.status).toBe('interrupted');
    expect(o.ended).not.toBeNull();
    expect([...again.readFrames(orphan.id)]).toHaveLength(1);
    // This process is alive and beating: its session stays live.
    expect(again.getSession(mine.id).status).toBe('live');
    // Silence longer than the stale limit counts as gone even when the pid exists.
    again.db.prepare('UPDATE sessions SET heartbeat = ? WHERE id = ?').run(Date.now() - 10_000, mine.id);
    expect(again.markInterrupted(undefined, 5_000)).toEqual([mine.id]);
    again.close();
  });

  it('a recorder commits chunks of at most 0.5 s as they close', () => {
    const s = Store.open(dir);
    const sess = s.startSession({ profile: 'sop-000', source: 'test' });
    let t = 0;
    const rec = createRecorder(s, sess.id, { now: () => t });
    // 48-byte frames every 10 ms for 2.2 s of clock time.
    for (let i = 0; i < 220; i++) {
      t = i * 10;
      rec.write(new Uint8Array(48).fill(i & 0xff), i + 1);
    }
    // Closed chunks are already in the file, before close(): visible to another connection.
    const reader = new Database(storeFile(dir), { readonly: true });
    const committed = reader.prepare('SELECT count(*) FROM frames WHERE session_id = ?').pluck().get(sess.id) as number;
    reader.close();
    expect(committed).toBe(4);
    rec.close();
    const chunks = [...s.readFrames(sess.id)];
    expect(chunks.length).toBe(5);
    for (const c of chunks) expect(c.t1_s - c.t0_s).toBeLessThanOrEqual(0.5);
    expect(chunks.reduce((n, c) => n + c.bytes.length, 0)).toBe(220 * 48);
    expect(chunks.reduce((n, c) => n + (c.frames ?? 0), 0)).toBe(220);
    expect(s.getSession(sess.id).frames).toBe(220);
    s.close();
  });

  it('chooses the per-user data folder of each platform', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/u')).toBe('/x/data/pijat');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/pijat');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/u')).toBe('/home/u/.local/share/pijat');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/pijat');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'))
      .toBe('C:\\Users\\u\\AppData\\Roaming\\pijat');
  });
});
