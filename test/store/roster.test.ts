// The class roster in the store (schema version 3): a v2 file migrating with its data, NIMs,
// repeated names, soft delete with its undo window on an injected clock, purge, and the sync
// log that must not send deleted rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store, StoreError, RosterError, UNDO_MS, SCHEMA_VERSION, APPLICATION_ID } from '../../host/store';
import { MIGRATIONS } from '../../host/store/schema';
import { nextBatch } from '../../host/central/local';
import { cohortCsv } from '../../host/server/export';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-roster-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A store file as Pijat wrote it before the roster: schema version 2, with data. */
function makeV2Store(file: string): void {
  const db = new Database(file);
  for (const m of MIGRATIONS.filter((x) => x.version <= 2)) m.up(db);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 2');
  const at = '2026-11-01T08:00:00.000Z';
  db.prepare('INSERT INTO trainees (id, name, cohort, created) VALUES (?, ?, ?, ?)').run(3, 'Siti', 'A', at);
  db.prepare('INSERT INTO trainees (id, name, cohort, created) VALUES (?, ?, ?, ?)').run(7, 'Ayu', null, at);
  const session = db.prepare(
    `INSERT INTO sessions (id, trainee_id, profile, started, ended, status, label, source, chunks, bytes)
     VALUES (?, ?, 'sop-000', ?, ?, 'complete', ?, 'sim:good', 1, 3)`,
  );
  session.run(10, 3, at, at, 'pre');
  session.run(11, 7, at, at, 'post');
  session.run(12, null, at, at, null);
  db.prepare('INSERT INTO frames (session_id, seq, t0_s, t1_s, frames, bytes) VALUES (10, 0, 0, 0.5, 1, ?)').run(Buffer.from([1, 2, 3]));
  db.prepare(`INSERT INTO checklist (session_id, item_id, done, updated) VALUES (10, 'orient_greet', 1, ?)`).run(at);
  db.close();
}

describe('schema version 3', () => {
  it('migrates a version 2 store with its data: ids, global ids, sessions, frames, change log, triggers, foreign keys', () => {
    const file = join(dir, 'pijat.sqlite');
    makeV2Store(file);
    const before = new Database(file, { readonly: true });
    const uuids = before.prepare('SELECT id, uuid FROM trainees ORDER BY id').all();
    const sessionUuids = before.prepare('SELECT id, uuid, trainee_id FROM sessions ORDER BY id').all();
    const log = before.prepare('SELECT seq, kind, row_id FROM sync_changes ORDER BY seq').all() as { seq: number }[];
    before.close();
    expect(log.length).toBeGreaterThanOrEqual(5);

    const s = Store.openFile(file);
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(4);
    expect(s.db.prepare('SELECT id, uuid FROM trainees ORDER BY id').all()).toEqual(uuids);
    expect(s.db.prepare('SELECT id, uuid, trainee_id FROM sessions ORDER BY id').all()).toEqual(sessionUuids);
    expect(s.db.prepare('SELECT seq, kind, row_id FROM sync_changes ORDER BY seq').all()).toEqual(log);
    expect(s.listTrainees().map((t) => [t.id, t.name, t.nim, t.deleted_at])).toEqual([[7, 'Ayu', null, null], [3, 'Siti', null, null]]);
    expect(s.getSession(10)).toMatchObject({ trainee: 'Siti', cohort: 'A', nim: null, label: 'pre', deleted_at: null });
    expect([...s.readFrames(10)].map((c) => [...c.bytes])).toEqual([[1, 2, 3]]);
    expect(s.getChecklist(10).find((c) => c.id === 'orient_greet')?.done).toBe(true);
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('foreign_key_check')).toEqual([]);

    // The v2 triggers live on in the rebuilt table: a new trainee gets a global id and a log entry.
    const t = s.createTrainee('Siti', 'B', '2101001');
    expect(t.id).toBe(8);
    expect(t.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const last = s.db.prepare('SELECT kind, row_id FROM sync_changes ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ kind: 'trainee', row_id: 8 });
    s.updateTrainee(3, { nim: '2101002' });
    expect(s.db.prepare('SELECT kind, row_id FROM sync_changes ORDER BY seq DESC LIMIT 1').get()).toEqual({ kind: 'trainee', row_id: 3 });
    // The sessions still point at their trainee through a working foreign key.
    expect(() => s.db.prepare('UPDATE sessions SET trainee_id = 999 WHERE id = 12').run()).toThrow(/FOREIGN KEY/);
    s.close();

    // Opening again changes nothing.
    const again = Store.openFile(file);
    expect(again.listTrainees()).toHaveLength(3);
    again.close();
  });
});

describe('trainees with NIMs', () => {
  it('keeps two trainees called Siti apart by NIM, and refuses a NIM twice', () => {
    const s = Store.open(dir);
    const a = s.createTrainee('Siti', 'A', '2101001');
    const b = s.createTrainee('Siti', 'A', ' p07124119001 ');
    expect(a.id).not.toBe(b.id);
    expect(b.nim).toBe('P07124119001');
    const dup = (() => {
      try {
        s.createTrainee('Siti Rahma', null, '2101001');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(dup).toBeInstanceOf(RosterError);
    expect((dup as RosterError).code).toBe('nim_exists');
    expect((dup as RosterError).message).toBe('NIM 2101001 is already used by Siti (trainee 1). Check the NIM, or edit that trainee.');
    expect(() => s.createTrainee('X', null, 'bad nim!')).toThrow(/not valid/);
    // The database itself refuses a second live NIM too.
    expect(() => s.db.prepare(`INSERT INTO trainees (name, created, nim) VALUES ('Y', 'x', '2101001')`).run()).toThrow(/UNIQUE/);
    // A name alone is ambiguous now; the NIM picks one.
    expect(() => s.ensureTrainee('Siti')).toThrow(/There are 2 trainees called "Siti"/);
    expect(s.resolveTrainee({ nim: '2101001', name: 'whatever' }).id).toBe(a.id);
    const c = s.resolveTrainee({ nim: '2101003', name: 'Siti', cohort: 'B' });
    expect([c.name, c.cohort, c.nim]).toEqual(['Siti', 'B', '2101003']);
    expect(() => s.resolveTrainee({ nim: '999' })).toThrow(/give the name too/);
    // Search: name or NIM, any case, any accents, sorted by name.
    s.createTrainee('Séptiani', 'B', '2101004');
    s.createTrainee('ayu', 'B', null);
    expect(s.searchTrainees({ q: 'SEPT' }).map((t) => t.name)).toEqual(['Séptiani']);
    expect(s.searchTrainees({ q: 'p0712' }).map((t) => t.nim)).toEqual(['P07124119001']);
    expect(s.searchTrainees({ cohort: 'B' }).map((t) => t.name)).toEqual(['ayu', 'Séptiani', 'Siti']);
    // Edits: '' clears NIM and cohort; a taken NIM is refused.
    expect(s.updateTrainee(b.id, { nim: '', cohort: '' })).toMatchObject({ nim: null, cohort: null, name: 'Siti' });
    expect(() => s.updateTrainee(b.id, { nim: '2101001' })).toThrow(/already used/);
    s.close();
  });
});

describe('soft delete and restore', () => {
  it('hides a trainee with their sessions everywhere, restores them exactly, and purges after the window', () => {
    let now = Date.parse('2026-12-03T10:00:00Z');
    const s = Store.open(dir, { clock: () => now });
    const siti = s.createTrainee('Siti', 'A', '2101001');
    const ayu = s.createTrainee('Ayu', 'A', '2101002');
    const start = (trainee: number, label: string) => {
      const x = s.startSession({ trainee, profile: 'sop-000', source: 'sim:good', label });
      s.appendFrames(x.id, new Uint8Array([1, 2]), 0, 0.5);
      return s.finishSession(x.id).id;
    };
    const pre = start(siti.id, 'pre');
    const post = start(siti.id, 'post');
    const other = start(ayu.id, 'pre');
    // A session of Siti deleted on its own first: a restore of Siti must not bring it back.
    const own = s.deleteSession(post);
    expect(own).toEqual({ kind: 'session', id: post, undo_until: now + UNDO_MS });
    const syncedUpTo = (s.db.prepare('SELECT max(seq) AS n FROM sync_changes').get() as { n: number }).n;

    now += 60_000;
    const d = s.deleteTrainee(siti.id);
    expect(d).toEqual({ kind: 'trainee', id: siti.id, undo_until: now + UNDO_MS });
    const visible = () => ({
      trainees: s.listTrainees().map((t) => t.name),
      sessions: s.listSessions().map((x) => x.id),
      cohort: cohortCsv(s, s.listSessions().filter((x) => x.cohort === 'A')).trim().split('\r\n').length - 1,
    });
    expect(visible()).toEqual({ trainees: ['Ayu'], sessions: [other], cohort: 1 });
    expect(s.findSession(pre)).toBeUndefined();
    expect(() => s.getSession(pre)).toThrow(StoreError);
    expect(s.findTraineeByNim('2101001')).toBeUndefined();
    expect(s.searchTrainees({ q: 'siti' })).toEqual([]);
    // Nothing of a deleted row goes to a central database.
    const batch = nextBatch(s, 0, 10_000)!;
    expect(batch.trainees.map((t) => t.name)).toEqual(['Ayu']);
    expect(batch.sessions.map((x) => x.id)).toEqual([other]);

    // Restored within the window: back exactly, the separately deleted session still hidden.
    now += UNDO_MS - 60_001;
    expect(s.restoreTrainee(siti.id)).toMatchObject({ id: siti.id, name: 'Siti', nim: '2101001', deleted_at: null });
    expect(visible()).toEqual({ trainees: ['Ayu', 'Siti'], sessions: [pre, other], cohort: 2 });
    // The restore is logged, so a sync that skipped the deleted rows sends them now.
    const after = nextBatch(s, syncedUpTo, 10_000)!;
    expect(after.trainees.map((t) => t.id).sort()).toEqual([siti.id]);
    expect(after.sessions.map((x) => x.id)).toEqual([pre]);
    expect(() => s.restoreTrainee(siti.id)).toThrow(/is not deleted/);

    // The separately deleted session's window has passed (it was deleted 10 minutes - 1 ms + 1 min ago).
    now += 2;
    expect(s.listSessions().map((x) => x.id)).toEqual([pre, other]);
    const expired = (() => {
      try {
        s.restoreSession(post);
      } catch (e) {
        return e as RosterError;
      }
      return null;
    })();
    expect(expired?.code).toBe('undo_expired');
    expect(expired?.message).toBe('Session ' + post + ' was deleted more than 10 minutes ago and is gone; it cannot be restored.');
    expect(s.db.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get(post)).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT count(*) AS n FROM frames WHERE session_id = ?').get(post)).toEqual({ n: 0 });

    // Deleted again and left past the window: purged at the next open, restore says expired.
    s.deleteTrainee(siti.id);
    s.close();
    now += UNDO_MS;
    const s2 = Store.open(dir, { clock: () => now });
    expect(s2.db.prepare('SELECT count(*) AS n FROM trainees WHERE id = ?').get(siti.id)).toEqual({ n: 0 });
    expect(s2.db.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get(pre)).toEqual({ n: 0 });
    expect(() => s2.restoreTrainee(siti.id)).toThrow(/deleted more than 10 minutes ago/);
    expect(() => s2.restoreTrainee(999)).toThrow(/No trainee 999/);
    // The NIM is free again.
    expect(s2.createTrainee('Siti', 'A', '2101001').nim).toBe('2101001');
    s2.close();
  });

  it('never gives the number of a purged session to a new one, also after a reopen and once the purge is forgotten', () => {
    let now = Date.parse('2026-12-03T10:00:00Z');
    const s = Store.open(dir, { clock: () => now });
    const run = () => s.finishSession(s.startSession({ profile: 'sop-000', source: 'sim:good' }).id).id;
    const ids = [run(), run(), run()];
    expect(ids).toEqual([1, 2, 3]);
    s.deleteSession(3);
    now += UNDO_MS + 1;
    s.purge();
    expect(s.db.prepare('SELECT max(id) AS n FROM sessions').get()).toEqual({ n: 2 });
    expect(run()).toBe(4);
    s.deleteSession(4);
    s.close();
    // Reopened after the purge's week has passed (the purged list forgot 3 and 4).
    now += 8 * 24 * 3_600_000;
    const s2 = Store.open(dir, { clock: () => now });
    s2.purge();
    expect(s2.db.prepare('SELECT row_id FROM purged').all()).toEqual([{ row_id: 4 }]); // 3 forgotten
    s2.db.exec('DELETE FROM purged'); // and 4 as it will be a week later
    expect(s2.finishSession(s2.startSession({ profile: 'sop-000', source: 'sim:good' }).id).id).toBe(5);
    s2.close();
  });

  it('refuses to delete a live session or the trainee of one; restores a session only with its trainee', () => {
    const s = Store.open(dir);
    const t = s.createTrainee('Rina', null, '7');
    const live = s.startSession({ trainee: t.id, profile: 'sop-000', source: 'sim:good' });
    expect(() => s.deleteSession(live.id)).toThrow(/is running/);
    expect(() => s.deleteTrainee(t.id)).toThrow(/is being recorded \(session 1\)/);
    s.finishSession(live.id);
    s.deleteSession(live.id);
    s.deleteTrainee(t.id);
    expect(() => s.restoreSession(live.id)).toThrow(/Restore the trainee first: pijat trainees restore 1/);
    // A NIM taken while the trainee was deleted: the restore is refused, nothing changes.
    s.createTrainee('Rina Dua', null, '7');
    expect(() => s.restoreTrainee(t.id)).toThrow(/NIM 7 is already used by Rina Dua/);
    expect(s.listTrainees().map((x) => x.name)).toEqual(['Rina Dua']);
    s.close();
  });
});

describe('roster import', () => {
  it('creates, updates and counts unchanged rows; writes nothing on a dry run or with bad rows', () => {
    const s = Store.open(dir);
    s.createTrainee('Siti', 'A', '2101001');
    const rows = [
      { line: 2, nim: '2101001', name: 'Siti Aminah', cohort: 'A' },
      { line: 3, nim: '2101002', name: 'Ayu', cohort: 'A' },
    ];
    expect(s.importRoster(rows, { dryRun: true })).toEqual({ created: 1, updated: 1, unchanged: 0, written: false });
    expect(s.listTrainees().map((t) => t.name)).toEqual(['Siti']);
    expect(s.importRoster(rows, { bad: 1 })).toEqual({ created: 1, updated: 1, unchanged: 0, written: false });
    expect(s.listTrainees()).toHaveLength(1);
    expect(s.importRoster(rows, { bad: 1, skipBad: true })).toEqual({ created: 1, updated: 1, unchanged: 0, written: true });
    expect(s.listTrainees().map((t) => [t.nim, t.name, t.cohort])).toEqual([['2101002', 'Ayu', 'A'], ['2101001', 'Siti Aminah', 'A']]);
    // Again: nothing to do; without a cohort column the cohort stays.
    expect(s.importRoster(rows)).toEqual({ created: 0, updated: 0, unchanged: 2, written: true });
    expect(s.importRoster([{ line: 2, nim: '2101002', name: 'Ayu Lestari' }])).toMatchObject({ updated: 1 });
    expect(s.findTraineeByNim('2101002')).toMatchObject({ name: 'Ayu Lestari', cohort: 'A' });
    s.close();
  });
});
