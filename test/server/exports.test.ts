// Reports and CSV exports are replayed in worker threads and streamed: the same bytes as the
// in-process functions of export.ts, a client that leaves mid-export frees its worker, and ten
// reports (plus a CSV) of 60-minute sessions leave the live view's event loop free.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../host/sim/index';
import { sessionCsv, sessionSeries } from '../../host/server/export';
import { exportStall } from '../../scripts/bench/faults/server';
import { json, raw, startTestServer, type TestServer } from './helpers';

describe('exports from the worker threads', () => {
  let t: TestServer;
  let short: number;
  let long: number;
  beforeAll(async () => {
    t = await startTestServer({ sim: 0 });
    const store = t.server.classroom.store;
    const put = (minutes: number, seed: number): number => {
      const s = store.startSession({ trainee: null, profile: 'sop-000', device_id: null, label: null, source: 'sim:good#sim-1' });
      let k = 0;
      for (const c of simulate({ scenario: 'good', seed, duration_s: minutes * 60 }).chunks(16 * 1024)) {
        store.appendFrames(s.id, c, k * 0.5, k * 0.5 + 0.5);
        k++;
      }
      store.finishSession(s.id, 'complete');
      return s.id;
    };
    short = put(2, 3);
    long = put(15, 4);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('streams the same CSV and series the in-process replay makes', async () => {
    const { store, profile } = t.server.classroom;
    const csv = await raw(t.server.port, 'GET', `/api/sessions/${short}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-length']).toBeUndefined(); // streamed (chunked), not built first
    const expected = sessionCsv(store, short, profile);
    expect(expected.length).toBeGreaterThan(100_000);
    expect(csv.body).toBe(expected);
    const report = await json(t.server.port, 'GET', `/api/sessions/${short}/report`);
    expect(report.status).toBe(200);
    expect(report.json.series).toEqual(JSON.parse(JSON.stringify(sessionSeries(store, short, profile))));
    expect(report.json.session.id).toBe(short);
  });

  it('frees the worker when the client leaves mid-export', async () => {
    // Several CSV downloads dropped after their first bytes: the pool must not stay busy with them.
    for (let i = 0; i < 4; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: t.server.port, path: `/api/sessions/${long}/csv` }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
        req.end();
      });
    }
    const t0 = Date.now();
    const r = await json(t.server.port, 'GET', `/api/sessions/${short}/report`);
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('answers 404 for an unknown session without starting a replay', async () => {
    expect((await raw(t.server.port, 'GET', '/api/sessions/99999/csv')).status).toBe(404);
    expect((await raw(t.server.port, 'GET', '/api/sessions/99999/report')).status).toBe(404);
  });
});

describe('a bounded queue of exports', () => {
  it('answers 503 with Retry-After, in both languages, past the queue, and serves again after', async () => {
    const t = await startTestServer({ sim: 0, exportWorkers: 1, exportQueue: 2 });
    try {
      const store = t.server.classroom.store;
      const s = store.startSession({ trainee: null, profile: 'sop-000', device_id: null, label: null, source: 'sim:good#sim-1' });
      let k = 0;
      for (const c of simulate({ scenario: 'good', seed: 5, duration_s: 300 }).chunks(16 * 1024)) store.appendFrames(s.id, c, k * 0.5, ++k * 0.5);
      store.finishSession(s.id, 'complete');
      const answers = await Promise.all(Array.from({ length: 6 }, () => raw(t.server.port, 'GET', `/api/sessions/${s.id}/csv`)));
      const statuses = answers.map((a) => a.status).sort();
      // One running, two waiting; the others refused at once.
      expect(statuses).toEqual([200, 200, 200, 503, 503, 503]);
      const busy = answers.find((a) => a.status === 503)!;
      expect(busy.headers['retry-after']).toBe('5');
      const e = JSON.parse(busy.body).error as { code: string; id: string; en: string };
      expect(e.code).toBe('exports_busy');
      expect(e.id).toContain('Coba lagi');
      expect(e.en).toContain('Try again');
      expect(new Set(answers.filter((a) => a.status === 200).map((a) => a.body.length)).size).toBe(1);
      expect((await raw(t.server.port, 'GET', `/api/sessions/${s.id}/csv`)).status).toBe(200);
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe('ten reports of 60-minute sessions while gloves stream', () => {
  it('leave the live view under 50 ms of stall', async () => {
    const r = await exportStall(10, 1, 60);
    console.log(`exports: ${JSON.stringify(r)}`);
    expect(r.statuses).toEqual(Array(11).fill(200));
    // A 60-minute report carries its 10 Hz series (36,000 points); the CSV is every sample.
    expect(r.report_bytes / 10).toBeGreaterThan(500_000);
    expect(r.csv_bytes).toBeGreaterThan(20_000_000);
    // What the main thread itself was busy for (Linux); the raw lag also counts waiting for a
    // CPU on a loaded machine, so its median is what is held to the target here.
    if (r.busy_stall_max_ms !== null) expect(r.busy_stall_max_ms).toBeLessThan(50);
    expect(r.lag_ms.p50).toBeLessThan(50);
    expect(r.live_gap_max_ms).toBeGreaterThan(0);
  }, 240_000);
});
