// The cohort CSV of a real (simulated, stored) session: every criterion's score filled in
// (per-pass and per-hand scores averaged), figures rounded, the start in local time with its zone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cohortCsv, COHORT_COLUMNS } from '../../host/server/export';
import { simulate } from '../../host/sim';
import { Store } from '../../host/store';
import { CSV_EXCEL_ID } from '../../shared/csv-text';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';

const dir = mkdtempSync(join(tmpdir(), 'pijat-cohort-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cohort CSV', () => {
  const profile = loadBuiltinProfile('sop-000');
  const raw = simulate({ scenario: 'good', seed: 21 }).bytes();
  const pipe = createPipeline({ profile, source: 'live' });
  pipe.push(raw);
  const report = pipe.report();
  const store = Store.open(join(dir, 'data'));
  store.createTrainee('Siti', 'A-2025');
  const s = store.startSession({ trainee: 'Siti', profile: 'sop-000', source: 'sim:good:21', label: 'post' });
  store.appendFrames(s.id, raw, 0, 600);
  store.saveReport(s.id, report);
  store.finishSession(s.id);

  it('fills every criterion score, rounds figures, and gives the local start time with its zone', () => {
    const [head, row] = cohortCsv(store, store.listSessions(), undefined, 7 * 60).trim().split('\r\n').map((l) => l.split(','));
    expect(head).toEqual([...COHORT_COLUMNS]);
    const cell = (c: string): string => row![head!.indexOf(c)]!;
    expect(report.score.criteria.length).toBeGreaterThan(5);
    for (const key of ['pass_duration_s', 'pass_count', 'force_n', 'in_band_fraction', 'cadence_hz', 'regularity_cv', 'bilateral_fraction', 'balance']) {
      const xs = report.score.criteria.filter((c) => c.id.split('.')[0] === key).map((c) => c.score);
      expect(xs.length, key).toBeGreaterThan(0);
      expect(Number(cell(`score_${key}`)), key).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 1);
    }
    for (const c of ['mean_force_left_n', 'mean_force_right_n', 'cadence_hz', 'in_band_fraction', 'balance']) expect(cell(c), c).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(cell('started')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+07:00$/);
    const utc = new Date(store.listSessions()[0]!.started).getTime();
    expect(Date.parse(cell('started').replace(' ', 'T').replace(' +07:00', '+07:00'))).toBe(Math.floor(utc / 1000) * 1000);

    const excel = cohortCsv(store, store.listSessions(), CSV_EXCEL_ID, 7 * 60).trim().split('\r\n').map((l) => l.split(';'));
    expect(excel[1]![head!.indexOf('mean_force_left_n')]).toBe(cell('mean_force_left_n').replace('.', ','));
  });
});
