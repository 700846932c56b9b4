// Sessions as an instructor runs them (issue 8): the recording starts while the trainee is
// already in her first pass. That pass is marked as started before the recording and judged on
// what was seen, so a trainee who does the SOP right passes; while the session runs, the class
// tile shows the passes so far and "in progress", never a verdict.
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import type { Report } from '../../shared/engine/report-schema';
import { simulate } from '../../host/sim/index';
import { Glove } from '../../host/server/glove';
import { offsetAt } from '../protocol/helpers';

const profile = loadBuiltinProfile('sop-000');


function scoreRaw(bytes: Uint8Array): Report {
  const p = createPipeline({ profile, source: 'raw' });
  p.push(bytes);
  return p.report();
}

describe.each([1, 2, 5])('the good trainee (seed %i), recorded from the middle of her first pass', (seed) => {
  const clean = simulate({ scenario: 'good', seed }).bytes();
  const ref = scoreRaw(clean);

  it.each([0.3, 0.7])('from %f of pass 1: 3 passes, the first started before the recording, verdict pass', (share) => {
    const p1 = ref.passes[0]!;
    const start = p1.start_s + share * (p1.end_s - p1.start_s);
    const r = scoreRaw(clean.subarray(offsetAt(clean, start)));
    expect(ref.verdict).toBe('pass');
    expect(r.passes).toHaveLength(3);
    expect(r.passes[0]!.started_before_recording).toBe(true);
    expect(r.passes.slice(1).every((p) => p.started_before_recording === false)).toBe(true);
    // Judged on what was seen (less than the whole pass), and not failed for being short.
    expect(r.passes[0]!.duration_s).toBeLessThan(ref.passes[0]!.duration_s - 20);
    const c = r.score.criteria.find((x) => x.id === 'pass_duration_s.1')!;
    expect(c.passed).toBe(true);
    expect(c.messages.en).toContain('already under way');
    expect(c.messages.id).toContain('sebelum perekaman');
    expect(r.verdict).toBe('pass');
    expect(r.score.total).toBeGreaterThanOrEqual(60);
    // The passes that were seen whole keep their lengths.
    for (let i = 1; i < 3; i++) {
      expect(Math.abs(r.passes[i]!.duration_s - ref.passes[i]!.duration_s)).toBeLessThan(0.1);
    }
  });

  it('a recording that starts between passes marks no pass as started before it', () => {
    const gapMid = (ref.passes[0]!.end_s + ref.passes[1]!.start_s) / 2;
    const r = scoreRaw(clean.subarray(offsetAt(clean, gapMid)));
    expect(r.passes).toHaveLength(2);
    expect(r.passes.every((p) => !p.started_before_recording)).toBe(true);
  });
});

describe('the class tile while the session runs', () => {
  it('shows the passes so far and "in progress" after each pass, and the verdict only at the stop', () => {
    const bytes = simulate({ scenario: 'good', seed: 3 }).bytes();
    const ref = scoreRaw(bytes);
    let now = 0;
    const glove = new Glove({ id: 'sim-1', kind: 'sim', label: 'Sim 1', source: 'good', profile, now: () => now });
    const at = (t: number): number => offsetAt(bytes, t);
    const p1 = ref.passes[0]!;
    const sessionStart = at(p1.start_s + 0.6 * (p1.end_s - p1.start_s));
    glove.push(bytes.subarray(0, sessionStart));
    glove.restart(); // the instructor starts the session mid-pass
    const scores: NonNullable<ReturnType<Glove['info']>['score']>[] = [];
    const STEP = 4096;
    for (let off = sessionStart; off < bytes.length; off += STEP) {
      now += 50;
      glove.push(bytes.subarray(off, Math.min(bytes.length, off + STEP)));
      glove.takeUpdate();
      const s = glove.info().score;
      if (s && (scores.length === 0 || scores.at(-1)!.passes!.length !== s.passes!.length)) scores.push(s);
    }
    // A score after pass 1 and after pass 2, each in progress (pass 3 ends with the capture).
    expect(scores.map((s) => s.passes!.length)).toEqual([1, 2]);
    expect(scores.every((s) => s.in_progress === true)).toBe(true);
    expect(scores.every((s) => s.passes!.every((p) => p.passed))).toBe(true);
    const final = glove.report();
    expect(final.in_progress).toBeUndefined();
    expect(final.verdict).toBe('pass');
    expect(final.passes).toHaveLength(3);
    expect(final.passes[0]!.started_before_recording).toBe(true);
  });
});
