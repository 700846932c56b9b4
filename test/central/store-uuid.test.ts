// The store's version 2 migration: global ids for the rows of an existing (version 1) store,
// ids made at creation for new rows, and the change log the incremental sync reads.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { APPLICATION_ID, MIGRATIONS } from '../../host/store/schema';
import { Store } from '../../host/store/index';
import { nextBatch } from '../../host/central/local';

const Db = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function versionOneStore(file: string): void {
  const db = new Db(file);
  MIGRATIONS[0]!.up(db);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 1');
  db.prepare(`INSERT INTO trainees (name, cohort, created) VALUES ('Siti', '2025-A', '2025-04-01T08:00:00.000Z')`).run();
  for (let i = 0; i < 50; i++) {
    db.prepare(
      `INSERT INTO sessions (trainee_id, profile, started, ended, status, source, label) VALUES (1, 'sop-000', ?, ?, 'complete', 'sim', ?)`,
    ).run(`2025-04-01T08:${String(i).padStart(2, '0')}:00.000Z`, `2025-04-01T08:${String(i).padStart(2, '0')}:30.000Z`, i % 2 ? 'post' : 'pre');
  }
  db.close();
}

describe('store version 2: global ids and the change log', () => {
  it('gives every row of an existing store a distinct UUID, logs them all, and keeps the ids on reopening', () => {
    dir = mkdtempSync(join(tmpdir(), 'pijat-uuid-'));
    const file = join(dir, 'pijat.sqlite');
    versionOneStore(file);
    const store = Store.openFile(file);
    const uuids = store.listSessions().map((s) => s.uuid);
    expect(uuids).toHaveLength(50);
    expect(uuids.every((u) => UUID.test(u))).toBe(true);
    expect(new Set(uuids).size).toBe(50);
    expect(UUID.test(store.getTrainee('Siti')!.uuid)).toBe(true);
    const batch = nextBatch(store, 0, 10_000)!;
    expect(batch.sessions.map((s) => s.uuid).sort()).toEqual([...uuids].sort());
    expect(batch.trainees.map((t) => t.name)).toEqual(['Siti']);
    store.close();
    const again = Store.openFile(file);
    expect(again.listSessions().map((s) => s.uuid)).toEqual(uuids);
    again.close();
  });

  it('makes a UUID at creation and logs each change of a session, its report, checklist and documentation', () => {
    dir = mkdtempSync(join(tmpdir(), 'pijat-uuid-'));
    const store = Store.open(dir);
    const t = store.createTrainee('Ani', '2026-A');
    expect(UUID.test(t.uuid)).toBe(true);
    const s = store.startSession({ trainee: t.id, profile: 'sop-000', source: 'sim' });
    expect(UUID.test(s.uuid)).toBe(true);
    const log = (): number => (store.db.prepare('SELECT count(*) AS n FROM sync_changes').get() as { n: number }).n;
    const before = log();
    store.heartbeat(s.id);
    store.appendFrames(s.id, new Uint8Array([1, 2, 3]), 0, 0.5);
    expect(log()).toBe(before); // chunks and heartbeats are not logged
    store.setSessionLabel(s.id, 'pre');
    store.setChecklist(s.id, { [store.getChecklist(s.id)[0]!.id]: true });
    store.setDocumentation(s.id, { duration_min: 15 });
    store.finishSession(s.id);
    expect(log()).toBe(before + 4);
    const b = nextBatch(store, before, 100)!;
    expect(b.sessions.map((x) => x.uuid)).toEqual([s.uuid]);
    expect(b.sessions[0]!.label).toBe('pre');
    expect(b.checklist).toHaveLength(1);
    expect(b.documentation[0]!.duration_min).toBe(15);
    store.close();
  });
});
