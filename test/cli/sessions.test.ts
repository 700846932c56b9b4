// pijat sessions, report and export on a store filled through the store API with a real
// simulated session (raw bytes in 0.5 s chunks, as pijat live stores them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../host/store';
import { simulate } from '../../host/sim';
import { scoreBytes } from '../../host/cli/score';
import { Report } from '../../shared/engine/report-schema';
import { CHECKLIST_ITEMS } from '../../shared/i18n/sop';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');
let dir = '';
let data = '';
let raw: Uint8Array;
const ids: Record<string, number> = {};

function pijat(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-sessions-'));
  data = join(dir, 'data');
  raw = simulate({ scenario: 'good', seed: 21 }).bytes();
  const store = Store.open(data);
  store.createTrainee('Siti', 'A-2025');
  const a = store.startSession({ trainee: 'Siti', profile: 'sop-000', source: 'sim:good:21', label: 'post', client: 'Ibu R' });
  // 0.5 s of a 100 Hz glove is about 2,450 bytes.
  const step = 2450;
  for (let off = 0, k = 0; off < raw.length; off += step, k++) {
    store.appendFrames(a.id, raw.subarray(off, off + step), k * 0.5, k * 0.5 + 0.49);
  }
  store.setChecklist(a.id, { orient_greet: true, prep_privacy: true, equip_oil: false });
  store.setDocumentation(a.id, { massage_at: '2025-04-25T06:00:00.000Z', duration_min: 9, mother_response: 'rileks, nyaman' });
  store.setOutcome('Ibu R', 1, 'feeds_over_8', false);
  store.setOutcome('Ibu R', 2, 'feeds_over_8', true);
  // Left as if its recorder had been killed: the next open marks it interrupted.
  store.db.prepare('UPDATE sessions SET pid = ?, heartbeat = ? WHERE id = ?').run(2 ** 22 + 1, Date.now() - 3_600_000, a.id);
  const b = store.startSession({ trainee: 'Ayu', profile: 'clinic-004', source: 'sim:too-hard:1' });
  store.finishSession(b.id);
  ids.a = a.id;
  ids.b = b.id;
  store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pijat sessions / report / export', () => {
  it('lists sessions with their status, also per trainee', () => {
    const all = pijat('sessions', '--data', data, '--json');
    expect(all.status, all.stderr).toBe(0);
    const { sessions } = JSON.parse(all.stdout) as { sessions: { id: number; status: string; trainee: string; chunks: number }[] };
    expect(sessions.map((s) => [s.id, s.status, s.trainee])).toEqual([[ids.a, 'interrupted', 'Siti'], [ids.b, 'complete', 'Ayu']]);
    expect(sessions[0]!.chunks).toBe(Math.ceil(raw.length / 2450));
    const siti = JSON.parse(pijat('sessions', '--data', data, '--json', '--trainee', 'Siti').stdout) as { sessions: unknown[] };
    expect(siti.sessions).toHaveLength(1);
    const text = pijat('sessions', '--data', data);
    expect(text.stdout).toMatch(/terputus/);
    expect(text.stdout).toMatch(/A-2025/);
    const nobody = pijat('sessions', '--data', data, '--trainee', 'Nobody', '--lang', 'en');
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toMatch(/Trainee "Nobody" does not exist/);
  });

  it('report re-scores a session without a report from its raw frames, and keeps the result', async () => {
    const r = pijat('report', String(ids.a), '--data', data, '--lang', 'en');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/re-scored from the raw data/);
    expect(r.stdout).toMatch(/Trainee: Siti \(A-2025\)/);
    expect(r.stdout).toMatch(/Status: interrupted/);
    expect(r.stdout).toMatch(/Instructor checklist: 2 of 22 items done, 1 not done, 19 not filled in/);
    expect(r.stdout).toMatch(/Mother's response to the massage: rileks, nyaman/);
    expect(r.stdout).toMatch(/3-day outcome sheet, client Ibu R/);
    expect(r.stdout).toMatch(/Baby feeds more than 8 times a day\s+no\s+yes\s+-/);

    const store = Store.open(data, { create: false });
    const saved = store.getReport(ids.a)!;
    store.close();
    const direct = (await scoreBytes(raw, 'x.bin', {}, 'en')).report;
    expect(saved.passes.map((p) => p.start_s)).toEqual(direct.passes.map((p) => p.start_s));
    expect(saved.score.total).toBe(direct.score.total);
    const again = pijat('report', String(ids.a), '--data', data, '--lang', 'en');
    expect(again.stdout).not.toMatch(/re-scored/);
  });

  it('export json carries the session, report, checklist, documentation and outcome', () => {
    const r = pijat('export', String(ids.a), '--format', 'json', '--data', data);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      session: { id: number; client: string }; report: unknown;
      checklist: { id: string; done: boolean | null }[];
      documentation: { duration_min: number };
      outcome: { client: string; items: { id: string; days: (boolean | null)[] }[] };
    };
    expect(doc.session).toMatchObject({ id: ids.a, client: 'Ibu R' });
    Report.parse(doc.report);
    expect(doc.checklist).toHaveLength(CHECKLIST_ITEMS.length);
    expect(doc.checklist.find((c) => c.id === 'equip_oil')!.done).toBe(false);
    expect(doc.documentation.duration_min).toBe(9);
    expect(doc.outcome.items.find((i) => i.id === 'feeds_over_8')!.days).toEqual([false, true, null]);
  });

  it('export csv writes one calibrated row per sample in the DESIGN.md columns', () => {
    const out = join(dir, 'a.csv');
    const r = pijat('export', String(ids.a), '--format', 'csv', '--out', out, '--data', data, '--lang', 'en');
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^t_s,left_thumb_n,right_thumb_n,left_knuckle_n,right_knuckle_n,left_ax_g/);
    const store = Store.open(data, { create: false });
    const samples = store.getReport(ids.a)!.recording.samples;
    store.close();
    expect(lines.length - 1).toBe(samples);
    expect(r.stderr).toContain(`${samples} rows written to ${out}`);
  });

  it('a session without raw data, an unknown session and a missing store are clear errors', () => {
    const empty = pijat('report', String(ids.b), '--data', data, '--lang', 'en');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/Session \d+ has no stored raw data/);
    const unknown = pijat('export', '99', '--format', 'csv', '--data', data, '--lang', 'en');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Session 99 does not exist in .*pijat\.sqlite/);
    const none = pijat('report', '1', '--data', join(dir, 'nothing'), '--lang', 'en');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/No sessions are stored in/);
  });
});
