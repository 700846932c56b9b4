// The REST API of the class server: validation (400 naming the field, in both languages), 404,
// 405, 413, malformed JSON, and a whole session through the API against a real SQLite store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, raw, startTestServer, waitFor, type TestServer } from './helpers';

let t: TestServer;
let port: number;

beforeAll(async () => {
  t = await startTestServer({ sim: 1, simSpeed: 20 });
  port = t.server.port;
});
afterAll(async () => {
  await t?.close();
});

function expectBilingual(body: Record<string, unknown>): { code: string; id: string; en: string; field?: string } {
  const e = body.error as { code: string; id: string; en: string; field?: string };
  expect(typeof e.code).toBe('string');
  expect(e.id.length).toBeGreaterThan(5);
  expect(e.en.length).toBeGreaterThan(5);
  expect(e.id).not.toBe(e.en);
  return e;
}

describe('validation', () => {
  it('a body with a wrong type answers 400 naming the field', async () => {
    const r = await json(port, 'POST', '/api/trainees', { name: 5 });
    expect(r.status).toBe(400);
    const e = expectBilingual(r.json);
    expect(e.field).toBe('name');
    expect(e.en).toContain('"name"');
  });

  it('a glove trainee with a number for a name answers 400 naming "name" and the expected text, in both languages', async () => {
    const r = await json(port, 'PUT', '/api/gloves/sim-1/trainee', { name: 123 });
    expect(r.status).toBe(400);
    const e = expectBilingual(r.json);
    expect(e).toEqual({
      code: 'bad_field',
      field: 'name',
      en: 'Field "name" must be a visible text of 1-120 characters, without control or text-direction (bidi) characters; got 123.',
      id: 'Kolom "name" harus berupa teks 1-120 karakter yang terlihat, tanpa karakter kontrol atau karakter arah teks (bidi); yang diterima: 123.',
    });
  });

  it('a missing field answers 400 naming it', async () => {
    const r = await json(port, 'POST', '/api/sessions', { label: 'pre' });
    expect(r.status).toBe(400);
    expect(expectBilingual(r.json).field).toBe('glove');
  });

  it('an unknown field is refused, not ignored', async () => {
    const r = await json(port, 'POST', '/api/trainees', { name: 'Siti', admin: true });
    expect(r.status).toBe(400);
    expectBilingual(r.json);
  });

  it('a blank name is refused', async () => {
    const r = await json(port, 'POST', '/api/trainees', { name: '   ' });
    expect(r.status).toBe(400);
    expect(expectBilingual(r.json).field).toBe('name');
  });

  it('malformed JSON answers 400 and the server keeps serving', async () => {
    const r = await json(port, 'POST', '/api/trainees', '{"name": "Siti",');
    expect(r.status).toBe(400);
    expect(expectBilingual(r.json).code).toBe('bad_json');
    expect((await json(port, 'GET', '/api/gloves')).status).toBe(200);
  });

  it('an empty body answers 400', async () => {
    const r = await raw(port, 'POST', '/api/trainees', { headers: { 'Content-Type': 'application/json' }, body: '' });
    expect(r.status).toBe(400);
  });

  it('a body that is not JSON answers 415', async () => {
    const r = await raw(port, 'POST', '/api/trainees', { headers: { 'Content-Type': 'text/plain' }, body: 'name=Siti' });
    expect(r.status).toBe(415);
  });

  it('a body over 64 KiB answers 413 (declared and streamed)', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(100_000) });
    const r = await json(port, 'POST', '/api/trainees', big);
    expect(r.status).toBe(413);
    expectBilingual(r.json);
    // Chunked, without a Content-Length: the limit holds while streaming too.
    const chunked = await raw(port, 'POST', '/api/trainees', {
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(chunked.status).toBe(413);
  });

  it('a non-numeric session id answers 400 naming it', async () => {
    const r = await json(port, 'GET', '/api/sessions/abc');
    expect(r.status).toBe(400);
    expect(expectBilingual(r.json).field).toBe('id');
  });
});

describe('routes', () => {
  it('unknown API routes answer 404 with a message', async () => {
    const r = await json(port, 'GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(expectBilingual(r.json).en).toContain('/api/nothing-here');
  });

  it('unknown pages answer 404', async () => {
    expect((await raw(port, 'GET', '/nope.html')).status).toBe(404);
  });

  it('a wrong method answers 405 with Allow', async () => {
    const r = await json(port, 'DELETE', '/api/gloves');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET');
    expectBilingual(r.json);
    const page = await raw(port, 'POST', '/class/index.html', { body: 'x' });
    expect(page.status).toBe(405);
  });

  it('unknown ids answer 404 naming the field', async () => {
    const s = await json(port, 'GET', '/api/sessions/999');
    expect(s.status).toBe(404);
    expect(s.json.error.field).toBe('id');
    const g = await json(port, 'POST', '/api/sessions', { glove: 'no-such-glove' });
    expect(g.status).toBe(404);
    expect(g.json.error.field).toBe('glove');
  });
});

describe('a session through the API', () => {
  it('assigns a trainee, starts, labels, ticks, stops, reports and exports', async () => {
    const gloves = await json(port, 'GET', '/api/gloves');
    expect(gloves.status).toBe(200);
    expect(gloves.json.gloves.map((g: { id: string }) => g.id)).toEqual(['sim-1']);

    const tr = await json(port, 'PUT', '/api/gloves/sim-1/trainee', { name: 'Siti Aminah', cohort: 'A-2025' });
    expect(tr.status).toBe(200);
    expect(tr.json.glove.trainee).toMatchObject({ name: 'Siti Aminah', cohort: 'A-2025' });
    // Since the roster (schema 3) a name may repeat; a NIM may not (test/server/roster.test.ts).
    const nim = await json(port, 'POST', '/api/trainees', { name: 'Dewi', nim: 'd-01' });
    expect([nim.status, nim.json.trainee?.nim]).toEqual([201, 'D-01']);
    const dup = await json(port, 'POST', '/api/trainees', { name: 'Dewi Lain', nim: 'D-01' });
    expect([dup.status, dup.json.error.code, dup.json.error.field]).toEqual([409, 'nim_exists', 'nim']);

    const glove = t.server.classroom.gloves.get('sim-1')!;
    const st = await json(port, 'POST', '/api/sessions', { glove: 'sim-1', label: 'pre' });
    const atStart = glove.samples();
    expect(st.status).toBe(201);
    const id = st.json.session.id as number;
    expect(st.json.session).toMatchObject({ glove: 'sim-1', label: 'pre', stopped_at: null });
    expect(st.json.session.trainee.name).toBe('Siti Aminah');

    const again = await json(port, 'POST', '/api/sessions', { glove: 'sim-1' });
    expect(again.status).toBe(409);

    const lab = await json(port, 'PATCH', `/api/sessions/${id}`, { label: 'post' });
    expect(lab.status).toBe(200);
    expect(lab.json.session.label).toBe('post');

    const badItem = await json(port, 'PUT', `/api/sessions/${id}/checklist/not_an_item`, { checked: true });
    expect(badItem.status).toBe(400);
    expect(badItem.json.error.field).toBe('item');
    const tick = await json(port, 'PUT', `/api/sessions/${id}/checklist/orient_greet`, { checked: true });
    expect(tick.status).toBe(200);
    expect(tick.json.ticked).toEqual(['orient_greet']);
    const badTick = await json(port, 'PUT', `/api/sessions/${id}/checklist/orient_greet`, { checked: 'yes' });
    expect(badTick.status).toBe(400);
    expect(badTick.json.error.field).toBe('checked');

    // Let the (20x fast) simulated trainee work a while: frames reach the store.
    await waitFor('recorded samples', () => glove.samples() - atStart > 3100, 15_000);
    const stop = await json(port, 'POST', `/api/sessions/${id}/stop`, undefined, { 'Content-Type': 'application/json' });
    expect(stop.status).toBe(200);
    expect(stop.json.session.stopped_at).toBeGreaterThan(0);
    expect(stop.json.report.recording.samples).toBeGreaterThan(3000);
    expect(['pass', 'fail', 'insufficient_data']).toContain(stop.json.report.verdict);
    const stopAgain = await json(port, 'POST', `/api/sessions/${id}/stop`, undefined, { 'Content-Type': 'application/json' });
    expect(stopAgain.status).toBe(409);

    const rep = await json(port, 'GET', `/api/sessions/${id}/report`);
    expect(rep.status).toBe(200);
    expect(rep.json.report.recording.samples).toBe(stop.json.report.recording.samples);
    expect(rep.json.checklist.ticked).toEqual(['orient_greet']);
    expect(rep.json.checklist.items.length).toBeGreaterThan(10);
    // 10 Hz series over the stored bytes: one point per 0.1 s of recording.
    const n = rep.json.series.t_s.length;
    const samples = stop.json.report.recording.samples as number;
    expect(n).toBeGreaterThan(samples / 10 - 5);
    expect(n).toBeLessThan(samples / 10 + 5);
    expect(rep.json.series.left_n.length).toBe(n);
    // The live cadence at each step: known once circles are seen, and a plausible circling rate.
    const cadence = (rep.json.series.cadence_hz as (number | null)[]).filter((x): x is number => x !== null);
    expect(rep.json.series.cadence_hz.length).toBe(n);
    expect(cadence.length).toBeGreaterThan(n / 2);
    const median = cadence.sort((a, b) => a - b)[Math.floor(cadence.length / 2)]!;
    expect(median).toBeGreaterThan(0.5);
    expect(median).toBeLessThan(3.5);

    const csv = await raw(port, 'GET', `/api/sessions/${id}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['t_s', 'left_thumb_n', 'right_thumb_n']);
    expect(lines.length - 1).toBe(samples);

    const list = await json(port, 'GET', '/api/sessions?cohort=A-2025');
    expect(list.json.sessions.map((s: { id: number }) => s.id)).toEqual([id]);
    expect(list.json.sessions[0].status).toBe('complete');

    const cohort = await raw(port, 'GET', '/api/cohorts/A-2025/csv');
    expect(cohort.status).toBe(200);
    const rows = cohort.body.trim().split('\r\n');
    expect(rows).toHaveLength(2);
    const head = rows[0]!.split(',');
    const cells = rows[1]!.split(',');
    expect(cells[head.indexOf('trainee')]).toBe('Siti Aminah');
    expect(cells[head.indexOf('label')]).toBe('post');
    expect(cells[head.indexOf('checklist_ticked')]).toBe('1');
    // rounded figures (the criterion scores of a long session: test/server/cohort-csv.test.ts)
    for (const c of ['mean_force_left_n', 'cadence_hz', 'in_band_fraction']) expect(cells[head.indexOf(c)], c).toMatch(/^-?\d+(\.\d{1,2})?$/);
    // local time with its zone, not UTC ISO
    expect(cells[head.indexOf('started')]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);

    // For Excel set to Indonesian: a BOM, semicolons and decimal commas, the same cells
    const excel = await raw(port, 'GET', '/api/cohorts/A-2025/csv?dialect=excel-id');
    expect(excel.status).toBe(200);
    expect(excel.body.startsWith('\ufeff')).toBe(true);
    const xrows = excel.body.slice(1).trim().split('\r\n');
    const xhead = xrows[0]!.split(';');
    const xcells = xrows[1]!.split(';');
    expect(xhead).toEqual(head);
    expect(xcells[xhead.indexOf('mean_force_left_n')]).toBe(cells[head.indexOf('mean_force_left_n')]!.replace('.', ','));
    expect(xcells[xhead.indexOf('trainee')]).toBe('Siti Aminah');
    expect((await raw(port, 'GET', '/api/cohorts/A-2025/csv?dialect=xls')).status).toBe(400);
    expect((await raw(port, 'GET', '/api/cohorts/nobody/csv')).status).toBe(404);
  });
});
