// The text report (pijat score, pijat live at the end) shows the link's troubles: the gaps with
// their length and cause, restarts, reconnects and duplicates, and per pass the time without
// data, a pass that was under way before the recording and one that ended in a data gap, in
// both languages.
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { simulate } from '../../host/sim/index';
import { cutBytes, repeatBytes } from '../../host/sim/damage';
import { renderReport } from '../../host/cli/render-report';
import { reportWithGapOverPassEnd } from '../engine/gap-captures';

describe('gaps in the text report', () => {
  it('an outage, a replay and a mid-pass start are all shown, in English and Indonesian', () => {
    const profile = loadBuiltinProfile('sop-000');
    const clean = simulate({ scenario: 'good', seed: 2 }).bytes();
    // Start 60 s in (inside pass 1), lose 8 s of bytes 100 s in, replay 96 bytes later on.
    const per = clean.length / simulate({ scenario: 'good', seed: 2 }).duration_s;
    const a = Math.round(60 * per);
    let bytes = clean.subarray(a);
    bytes = cutBytes(bytes, Math.round(40 * per), Math.round(48 * per));
    bytes = repeatBytes(bytes, Math.round(200 * per), 96);
    const p = createPipeline({ profile, source: 'raw' });
    p.push(bytes);
    const r = p.report();
    expect(r.passes[0]!.started_before_recording).toBe(true);
    const en = renderReport(r, 'en');
    const id = renderReport(r, 'id');
    expect(r.recording.duplicates).toBeGreaterThanOrEqual(1);
    expect(en).toContain(`Data gaps: 1 (8 s in all); restarts: 0; reconnects: 0; duplicate frames dropped: ${r.recording.duplicates}`);
    expect(en).toMatch(/gap at 0:40: 8 s, frames lost/);
    expect(en).toMatch(/ 1: under way before the recording; judged on what was recorded; 8 s without data \(not counted\)/);
    expect(id).toMatch(/Celah data: 1 \(8 detik seluruhnya\)/);
    expect(id).toMatch(/celah 0:40: 8 detik, bingkai hilang/);
    expect(id).toMatch(/sudah berjalan sebelum perekaman/);
  });

  it('a pass that ended in a data gap is marked, in English and Indonesian', () => {
    const r = reportWithGapOverPassEnd();
    expect(r.passes[0]!.ended_in_gap).toBe(true);
    expect(renderReport(r, 'en')).toMatch(/ 1: ended in a data gap; judged on what was recorded\n/);
    expect(renderReport(r, 'id')).toMatch(/ 1: berakhir di dalam celah data; dinilai dari yang terekam\n/);
    expect(renderReport(r, 'en')).not.toMatch(/ 2: ended in a data gap/);
  });
});
