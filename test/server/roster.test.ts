// The roster through the class server's REST API, on a real server and SQLite store: search,
// add, edit, delete and restore trainees and sessions, the CSV import, and their 4xx answers in
// both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, openWs, raw, startTestServer, waitFor, type TestServer } from './helpers';
import { UNDO_MS } from '../../host/store';
import type { SessionMessage } from '../../shared/live-messages';

let t: TestServer;
let port: number;

beforeAll(async () => {
  t = await startTestServer({ sim: 1, simSpeed: 20 });
  port = t.server.port;
});
afterAll(async () => {
  await t?.close();
});

type ErrorBody = { code: string; id: string; en: string; field?: string };
function bilingual(body: Record<string, unknown>): ErrorBody {
  const e = body.error as ErrorBody;
  expect(e.id.length).toBeGreaterThan(5);
  expect(e.en.length).toBeGreaterThan(5);
  expect(e.id).not.toBe(e.en);
  return e;
}

function csv(path: string, text: string | Buffer, type = 'text/csv; charset=utf-8') {
  return raw(port, 'POST', path, { headers: { 'Content-Type': type }, body: text }).then((r) => ({
    ...r,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies: the tests read fields freely
    json: r.body ? (JSON.parse(r.body) as Record<string, any>) : {},
  }));
}

/** Moves a deleted row's mark back past the undo window, as if 10 minutes had passed. */
function age(kind: 'trainees' | 'sessions', id: number): void {
  t.server.classroom.store.db.prepare(`UPDATE ${kind} SET deleted_at = deleted_at - ? WHERE id = ?`).run(UNDO_MS + 1, id);
}

describe('trainees', () => {
  it('adds two trainees called Siti with different NIMs, refuses a NIM twice, searches by name or NIM', async () => {
    const a = await json(port, 'POST', '/api/trainees', { nim: '2101001', name: 'Siti', cohort: 'A' });
    const b = await json(port, 'POST', '/api/trainees', { nim: '2101002', name: 'Siti', cohort: 'B' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.trainee).toMatchObject({ name: 'Siti', cohort: 'A', nim: '2101001' });
    const plain = await json(port, 'POST', '/api/trainees', { name: 'Séptiani' });
    expect(plain.json.trainee).toMatchObject({ nim: '', cohort: '' });

    const dup = await json(port, 'POST', '/api/trainees', { nim: '2101001', name: 'Ayu' });
    expect(dup.status).toBe(409);
    expect(bilingual(dup.json)).toMatchObject({ code: 'nim_exists', field: 'nim' });
    expect(dup.json.error.id).toContain('NIM 2101001 sudah dipakai oleh Siti');

    const bad = await json(port, 'POST', '/api/trainees', { nim: 'no spaces!', name: 'Ayu' });
    expect(bad.status).toBe(400);
    expect(bilingual(bad.json).field).toBe('nim');
    expect(bad.json.error.en).toContain('a NIM: 1-32 letters, digits');

    const long = await json(port, 'POST', '/api/trainees', { nim: '1'.repeat(33), name: 'Ayu' });
    expect([long.status, long.json.error.field]).toEqual([400, 'nim']);

    const byNim = await json(port, 'GET', '/api/trainees?q=210100');
    expect(byNim.json.trainees.map((x: { nim: string }) => x.nim)).toEqual(['2101001', '2101002']);
    const accent = await json(port, 'GET', '/api/trainees?q=SEPTI');
    expect(accent.json.trainees.map((x: { name: string }) => x.name)).toEqual(['Séptiani']);
    const cohort = await json(port, 'GET', '/api/trainees?cohort=B');
    expect(cohort.json.trainees.map((x: { id: number }) => x.id)).toEqual([b.json.trainee.id]);
    const hostile = await json(port, 'GET', `/api/trainees?q=${'x'.repeat(500)}`);
    expect([hostile.status, bilingual(hostile.json).field]).toEqual([400, 'q']);
  });

  it('edits a trainee; 400/404/409 name the field', async () => {
    const made = await json(port, 'POST', '/api/trainees', { nim: '3001', name: 'Rina', cohort: 'A' });
    const id = made.json.trainee.id as number;
    const ok = await json(port, 'PATCH', `/api/trainees/${id}`, { name: 'Rina Wati', cohort: '' });
    expect(ok.status).toBe(200);
    expect(ok.json.trainee).toEqual({ id, name: 'Rina Wati', cohort: '', nim: '3001' });
    const taken = await json(port, 'PATCH', `/api/trainees/${id}`, { nim: '2101001' });
    expect([taken.status, bilingual(taken.json).code]).toEqual([409, 'nim_exists']);
    const unknownField = await json(port, 'PATCH', `/api/trainees/${id}`, { admin: true });
    expect([unknownField.status, bilingual(unknownField.json).field]).toEqual([400, 'admin']);
    const badId = await json(port, 'PATCH', '/api/trainees/1e3', { name: 'x' });
    expect([badId.status, bilingual(badId.json).field]).toEqual([400, 'id']);
    const missing = await json(port, 'PATCH', '/api/trainees/99999', { name: 'x' });
    expect([missing.status, bilingual(missing.json).code, missing.json.error.field]).toEqual([404, 'unknown_trainee', 'id']);
    const notJson = await raw(port, 'PATCH', `/api/trainees/${id}`, { headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
  });

  it('deletes a trainee with their sessions, hides them everywhere, restores them; after the window: 410', async () => {
    const made = await json(port, 'POST', '/api/trainees', { nim: '4001', name: 'Neni', cohort: 'C' });
    const id = made.json.trainee.id as number;
    const store = t.server.classroom.store;
    const s = store.startSession({ trainee: id, profile: 'sop-000', source: 'sim:good#old' });
    store.finishSession(s.id);

    const before = Date.now();
    const del = await json(port, 'DELETE', `/api/trainees/${id}`, undefined, { 'Content-Type': 'application/json' });
    expect(del.status).toBe(200);
    expect(del.json.deleted).toMatchObject({ kind: 'trainee', id });
    expect(del.json.deleted.undo_until - before).toBeGreaterThanOrEqual(UNDO_MS);
    expect(del.json.deleted.undo_until - Date.now()).toBeLessThanOrEqual(UNDO_MS);

    const names = async () => (await json(port, 'GET', '/api/trainees')).json.trainees.map((x: { id: number }) => x.id);
    expect(await names()).not.toContain(id);
    expect((await json(port, 'GET', '/api/sessions')).json.sessions.map((x: { id: number }) => x.id)).not.toContain(s.id);
    expect((await json(port, 'GET', `/api/sessions/${s.id}`)).status).toBe(404);
    expect((await raw(port, 'GET', '/api/cohorts/C/csv')).status).toBe(404);

    const back = await json(port, 'POST', `/api/trainees/${id}/restore`, undefined, { 'Content-Type': 'application/json' });
    expect(back.status).toBe(200);
    expect(back.json.trainee).toEqual({ id, name: 'Neni', cohort: 'C', nim: '4001' });
    expect(await names()).toContain(id);
    expect((await json(port, 'GET', `/api/sessions/${s.id}`)).status).toBe(200);
    expect((await raw(port, 'GET', '/api/cohorts/C/csv')).body).toContain('Neni,4001,');
    const again = await json(port, 'POST', `/api/trainees/${id}/restore`, undefined, { 'Content-Type': 'application/json' });
    expect([again.status, bilingual(again.json).code]).toEqual([409, 'not_deleted']);

    await json(port, 'DELETE', `/api/trainees/${id}`, undefined, { 'Content-Type': 'application/json' });
    age('trainees', id);
    age('sessions', s.id);
    const late = await json(port, 'POST', `/api/trainees/${id}/restore`, undefined, { 'Content-Type': 'application/json' });
    expect(late.status).toBe(410);
    expect(bilingual(late.json)).toMatchObject({ code: 'undo_expired', field: 'id' });
    expect(late.json.error.id).toBe(`Peserta ${id} dihapus lebih dari 10 menit yang lalu dan sudah hilang; tidak dapat dipulihkan.`);
    expect(store.db.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get(s.id)).toEqual({ n: 0 });
    const never = await json(port, 'POST', '/api/trainees/987654/restore', undefined, { 'Content-Type': 'application/json' });
    expect(never.status).toBe(404);
    // Without a JSON type or a token, a change is refused (another site cannot send it).
    expect((await raw(port, 'DELETE', `/api/trainees/${id}`)).status).toBe(415);
  });
});

describe('sessions and gloves', () => {
  it('corrects a live session\'s trainee (pages told), refuses deleting it or its trainee while it runs, then deletes and restores it', async () => {
    const x = await json(port, 'POST', '/api/trainees', { nim: '5001', name: 'Tia', cohort: 'D' });
    const y = await json(port, 'POST', '/api/trainees', { nim: '5002', name: 'Tia', cohort: 'D' });
    const pick = await json(port, 'PUT', '/api/gloves/sim-1/trainee', { trainee_id: x.json.trainee.id });
    expect(pick.json.glove.trainee).toEqual({ id: x.json.trainee.id, name: 'Tia', cohort: 'D', nim: '5001' });
    // By NIM: the existing trainee, not a new one.
    const byNim = await json(port, 'PUT', '/api/gloves/sim-1/trainee', { name: 'Tia', nim: '5002' });
    expect(byNim.json.glove.trainee.id).toBe(y.json.trainee.id);
    const ambiguous = await json(port, 'PUT', '/api/gloves/sim-1/trainee', { name: 'Tia' });
    expect([ambiguous.status, bilingual(ambiguous.json).code]).toEqual([409, 'name_ambiguous']);
    await json(port, 'PUT', '/api/gloves/sim-1/trainee', { trainee_id: x.json.trainee.id });

    const { ws, messages } = await openWs(`ws://127.0.0.1:${port}/ws`);
    const st = await json(port, 'POST', '/api/sessions', { glove: 'sim-1', label: 'pre' });
    const id = st.json.session.id as number;
    const onGlove = await json(port, 'DELETE', `/api/trainees/${x.json.trainee.id}`, undefined, { 'Content-Type': 'application/json' });
    expect([onGlove.status, bilingual(onGlove.json).code]).toEqual([409, 'trainee_on_glove']);
    const live = await json(port, 'DELETE', `/api/sessions/${id}`, undefined, { 'Content-Type': 'application/json' });
    expect([live.status, bilingual(live.json).code]).toEqual([409, 'session_live']);

    const fix = await json(port, 'PATCH', `/api/sessions/${id}`, { trainee_id: y.json.trainee.id, label: 'post' });
    expect(fix.status).toBe(200);
    expect(fix.json.session).toMatchObject({ label: 'post', trainee: { id: y.json.trainee.id, nim: '5002' } });
    const told = await waitFor('labelled', () =>
      messages.find((m): m is SessionMessage => m.type === 'session' && m.event === 'labelled' && m.session.id === id));
    expect(told.session.trainee?.nim).toBe('5002');
    expect((await json(port, 'GET', '/api/gloves')).json.gloves[0].trainee.id).toBe(y.json.trainee.id);
    ws.close();
    const badTrainee = await json(port, 'PATCH', `/api/sessions/${id}`, { trainee_id: 999999 });
    expect([badTrainee.status, bilingual(badTrainee.json).field]).toEqual([404, 'trainee_id']);
    const badBody = await json(port, 'PATCH', `/api/sessions/${id}`, { trainee_id: 'Tia' });
    expect([badBody.status, bilingual(badBody.json).field]).toEqual([400, 'trainee_id']);

    await json(port, 'POST', `/api/sessions/${id}/stop`, undefined, { 'Content-Type': 'application/json' });
    const del = await json(port, 'DELETE', `/api/sessions/${id}`, undefined, { 'Content-Type': 'application/json' });
    expect(del.status).toBe(200);
    expect(del.json.deleted).toMatchObject({ kind: 'session', id });
    expect((await json(port, 'GET', '/api/gloves')).json.gloves[0].session).toBeNull();
    expect((await json(port, 'GET', `/api/sessions?trainee_id=${y.json.trainee.id}`)).json.sessions).toEqual([]);
    expect((await json(port, 'GET', `/api/sessions/${id}/report`)).status).toBe(404);
    expect((await raw(port, 'GET', `/api/sessions/${id}/csv`)).status).toBe(404);
    const back = await json(port, 'POST', `/api/sessions/${id}/restore`, undefined, { 'Content-Type': 'application/json' });
    expect(back.status).toBe(200);
    expect(back.json.session).toMatchObject({ id, label: 'post', trainee: { nim: '5002' } });
    expect((await json(port, 'GET', `/api/sessions?trainee_id=${y.json.trainee.id}`)).json.sessions.map((s: { id: number }) => s.id)).toEqual([id]);
    const rep = await json(port, 'GET', `/api/sessions/${id}/report`);
    expect(rep.json.session.trainee).toEqual({ id: y.json.trainee.id, name: 'Tia', cohort: 'D', nim: '5002' });

    await json(port, 'DELETE', `/api/sessions/${id}`, undefined, { 'Content-Type': 'application/json' });
    age('sessions', id);
    const late = await json(port, 'POST', `/api/sessions/${id}/restore`, undefined, { 'Content-Type': 'application/json' });
    expect([late.status, bilingual(late.json).code]).toEqual([410, 'undo_expired']);
    expect((await json(port, 'DELETE', '/api/sessions/0', undefined, { 'Content-Type': 'application/json' })).status).toBe(400);
    expect((await json(port, 'DELETE', '/api/sessions/777777', undefined, { 'Content-Type': 'application/json' })).status).toBe(404);
  });
});

describe('roster import', () => {
  const file = '\ufeffNIM;Nama;Kelompok\r\n6001;Siti Aminah;E\r\n6002;"Ayu; Lestari";E\r\n;Tanpa NIM;E\r\n';

  it('previews on a dry run, refuses to write with bad rows, writes the good ones with skip_bad, updates on re-import', async () => {
    const dry = await csv('/api/trainees/import?dry_run=1', file);
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ created: 2, updated: 0, unchanged: 0, written: false });
    expect(dry.json.errors).toEqual([{
      line: 4, field: 'nim',
      message: { id: 'Baris 4: NIM kosong. Setiap peserta di daftar perlu NIM.', en: 'Line 4: the NIM is empty. Every trainee on a roster needs a NIM.' },
    }]);
    const list = async () => (await json(port, 'GET', '/api/trainees?cohort=E')).json.trainees.map((x: { nim: string; name: string }) => `${x.nim} ${x.name}`);
    expect(await list()).toEqual([]);
    const refused = await csv('/api/trainees/import', file);
    expect(refused.json).toMatchObject({ created: 2, written: false });
    expect(await list()).toEqual([]);
    const skip = await csv('/api/trainees/import?skip_bad=1', file);
    expect(skip.json).toMatchObject({ created: 2, updated: 0, written: true });
    expect(await list()).toEqual(['6002 Ayu; Lestari', '6001 Siti Aminah']);
    const again = await csv('/api/trainees/import', 'nim,name,cohort\n6001,Siti Aminah Putri,E\n6002,Ayu; Lestari,E\n');
    expect(again.json).toMatchObject({ created: 0, updated: 1, unchanged: 1, written: true, errors: [] });
    expect(await list()).toEqual(['6002 Ayu; Lestari', '6001 Siti Aminah Putri']);
  });

  it('refuses a file it cannot read: wrong type, too large, not UTF-8, no NIM column, bad query', async () => {
    const asJson = await csv('/api/trainees/import', '{}', 'application/json');
    expect([asJson.status, bilingual(asJson.json).code]).toEqual([415, 'csv_only']);
    const big = await csv('/api/trainees/import', `nim,nama\n${'1,x\n'.repeat(300_000)}`);
    expect(big.status).toBe(413);
    const latin1 = await csv('/api/trainees/import', Buffer.from('nim,nama\n1,S\xedti\n', 'latin1'));
    expect([latin1.status, bilingual(latin1.json).code, latin1.json.error.field]).toEqual([400, 'bad_csv', 'file']);
    expect(latin1.json.error.en).toContain('CSV UTF-8');
    const noNim = await csv('/api/trainees/import', 'nama,kelompok\nSiti,A\n');
    expect([noNim.status, bilingual(noNim.json).code]).toEqual([400, 'bad_csv']);
    expect(noNim.json.error.id).toContain('tidak memuat kolom nim');
    const empty = await csv('/api/trainees/import', '');
    expect([empty.status, bilingual(empty.json).code]).toEqual([400, 'bad_csv']);
    const q = await csv('/api/trainees/import?dry_run=yes', file);
    expect([q.status, bilingual(q.json).field]).toEqual([400, 'dry_run']);
  });
});
