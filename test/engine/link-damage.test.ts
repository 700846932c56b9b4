// A clean passing capture hurt the way real links hurt it (issue 8): bytes replayed, a noisy
// start, an outage, a second capture appended. Each keeps the clean capture's verdict, its pass
// count and its pass edges within 1 s; the damage is counted, and an outage is a gap with its
// length that pauses the pass timer.
import { describe, expect, it } from 'vitest';
import { createPipeline, findDescriptor } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { decodeAll } from '../../shared/protocol/decoder';
import type { Report } from '../../shared/engine/report-schema';
import { simulate } from '../../host/sim/index';
import { cutBytes, damage, repeatBytes } from '../../host/sim/damage';
import { concat, offsetAt, restartedAt } from '../protocol/helpers';

const profile = loadBuiltinProfile('sop-000');

type Mode = 'search' | 'file' | 'live';

/** 'search': pijat score (the first descriptor anywhere); 'file': a pipeline on a recording; 'live': 2 s held. */
function scoreRaw(bytes: Uint8Array, mode: Mode = 'search'): { report: Report; counters: ReturnType<typeof decodeAll>['counters'] } {
  const p = createPipeline({
    profile, source: mode === 'live' ? 'live' : 'raw', descriptor: mode === 'search' ? findDescriptor(bytes) : null,
  });
  p.push(bytes);
  const report = p.report();
  return { report, counters: { ...p.counters } };
}

/** Same verdict, pass count and pass edges within `tol` s (start and end shifted by `shift` from pass `from` on). */
function expectSamePasses(got: Report, clean: Report, tol = 1, shift = 0, from = Infinity): void {
  expect(got.verdict).toBe(clean.verdict);
  expect(got.passes).toHaveLength(clean.passes.length);
  got.passes.forEach((p, i) => {
    const d = i + 1 >= from ? shift : 0;
    expect(Math.abs(p.start_s - (clean.passes[i]!.start_s + d)), `pass ${i + 1} start`).toBeLessThan(tol);
    expect(Math.abs(p.end_s - (clean.passes[i]!.end_s + d)), `pass ${i + 1} end`).toBeLessThan(tol);
  });
}


describe.each([1, 4])('a clean passing capture (good, seed %i) hurt on the link', (seed) => {
  const clean = simulate({ scenario: 'good', seed }).bytes();
  const ref = scoreRaw(clean).report;

  it('is a passing capture to begin with', () => {
    expect(ref.verdict).toBe('pass');
    expect(ref.passes.length).toBe(3);
    expect(ref.recording.duplicates).toBe(0);
    expect(ref.recording.restarts).toBe(0);
  });

  it('96 bytes replayed mid-pass: 2 duplicates dropped, nothing else changes', () => {
    const mid = (ref.passes[0]!.start_s + ref.passes[0]!.end_s) / 2;
    const at = offsetAt(clean, mid);
    const { report, counters } = scoreRaw(repeatBytes(clean, at, 96));
    expect(counters.duplicates).toBe(2);
    expect(counters.restarts).toBe(0);
    expect(report.duration_s).toBeCloseTo(ref.duration_s, 6);
    expectSamePasses(report, ref, 0.05);
    expect(report.score.total).toBe(ref.score.total);
  });

  it('20 replayed chunks of up to 4 KiB: dropped as duplicates, same passes and verdict', () => {
    const hurt = damage(clean, { seed: seed + 7, duplicateChunks: { rate: 20 / clean.length, maxLen: 4096 } });
    expect(hurt.duplicatedChunks).toBeGreaterThanOrEqual(12);
    const { report, counters } = scoreRaw(hurt.bytes);
    expect(counters.duplicates).toBeGreaterThan(hurt.duplicatedBytes / 52 - 2 * hurt.duplicatedChunks);
    expect(counters.restarts).toBe(0);
    expect(counters.lost_frames).toBeLessThan(hurt.duplicatedChunks + 5);
    expect(report.duration_s).toBeCloseTo(ref.duration_s, 1);
    expectSamePasses(report, ref, 0.5);
  });

  it('a noisy start (bit errors 1e-2 for the first 2 minutes): the samples before the first intact descriptor are kept', () => {
    const until = offsetAt(clean, 120);
    const hurt = damage(clean, { seed: seed + 11, flipRate: 1e-2, until });
    const { report, counters } = scoreRaw(hurt.bytes);
    expect(counters.crc_errors).toBeGreaterThan(1000);
    expect(report.recording.samples / ref.recording.samples).toBeGreaterThan(0.8);
    expectSamePasses(report, ref);
    // A pipeline given the file without the search holds the samples too...
    const { report: file } = scoreRaw(hurt.bytes, 'file');
    expect(file.recording.samples).toBe(report.recording.samples);
    expectSamePasses(file, ref);
    // ...where a live link keeps only 2 s before the first intact descriptor.
    const { report: live } = scoreRaw(hurt.bytes, 'live');
    expect(live.recording.samples).toBeLessThan(report.recording.samples - 1000);
  });

  it('a 5 s outage mid-pass: a gap of 5 s, the pass timer paused, the pass not split', () => {
    const p = ref.passes[1]!;
    const from = offsetAt(clean, (p.start_s + p.end_s) / 2);
    const to = offsetAt(clean, (p.start_s + p.end_s) / 2 + 5);
    const { report, counters } = scoreRaw(cutBytes(clean, from, to));
    expect(counters.lost_frames).toBeGreaterThan(450);
    expectSamePasses(report, ref);
    const q = report.passes[1]!;
    expect(q.gap_s).toBeGreaterThan(4.9);
    expect(q.gap_s).toBeLessThan(5.1);
    expect(Math.abs(q.duration_s - (p.duration_s - q.gap_s!))).toBeLessThan(0.1);
    expect(report.recording.gap_count).toBeGreaterThanOrEqual(1);
    const big = report.recording.gaps!.filter((g) => g.duration_s > 4);
    expect(big).toHaveLength(1);
    expect(big[0]!.cause).toBe('lost');
    expect(report.notes!.some((n) => n.en.includes('pass timer was paused'))).toBe(true);
  });

  it('a 25 s outage over the end of pass 1: 3 passes, the first ended in the gap and judged on what was seen, same verdict', () => {
    const p = ref.passes[0]!;
    // The pause after it (12.5 s for seed 1, 14.7 s for seed 4) is still seen for over 3 s.
    expect(ref.passes[1]!.start_s - p.end_s).toBeGreaterThan(5 + 3 + 1);
    const { report } = scoreRaw(cutBytes(clean, offsetAt(clean, p.end_s - 20), offsetAt(clean, p.end_s + 5)));
    expect(report.passes).toHaveLength(3);
    const q = report.passes[0]!;
    expect(q.ended_in_gap).toBe(true);
    expect(q.started_in_gap).toBe(false);
    expect(Math.abs(q.end_s - (p.end_s - 20))).toBeLessThan(0.1);
    expect(q.duration_s).toBeLessThan(p.duration_s - 19);
    const c = report.score.criteria.find((x) => x.id === 'pass_duration_s.1')!;
    expect(c.passed).toBe(true);
    expect(c.messages.en).toContain('ended in a data gap');
    expect(c.messages.id).toContain('berakhir di dalam celah data');
    expect(report.verdict).toBe(ref.verdict);
    expect(report.passes.slice(1).every((x) => !x.started_in_gap && !x.ended_in_gap)).toBe(true);
  });

  it('an outage over the start of pass 2: the pass started in the gap, same passes and verdict', () => {
    const p = ref.passes[1]!;
    const { report } = scoreRaw(cutBytes(clean, offsetAt(clean, p.start_s - 5), offsetAt(clean, p.start_s + 25)));
    expect(report.passes).toHaveLength(3);
    expect(report.passes[1]!.started_in_gap).toBe(true);
    expect(report.passes[1]!.ended_in_gap).toBe(false);
    expect(Math.abs(report.passes[1]!.start_s - (p.start_s + 25))).toBeLessThan(0.1);
    expect(report.score.criteria.find((x) => x.id === 'pass_duration_s.2')!.passed).toBe(true);
    expect(report.verdict).toBe(ref.verdict);
  });

  it('an outage inside pass 2 that leaves 110 s recorded: not judged too short, since the missing time may have been work', () => {
    const p = ref.passes[1]!;
    const len = p.duration_s - 110;
    const from = p.start_s + 30;
    const { report } = scoreRaw(cutBytes(clean, offsetAt(clean, from), offsetAt(clean, from + len)));
    expect(report.passes).toHaveLength(3);
    const q = report.passes[1]!;
    expect(Math.abs(q.gap_s! - len)).toBeLessThan(0.1);
    expect(q.duration_s).toBeLessThan(111);
    const c = report.score.criteria.find((x) => x.id === 'pass_duration_s.2')!;
    expect(c.passed).toBe(true);
    expect(c.score).toBe(100);
    expect(c.messages.en).toContain('without data; with that time it reaches');
    expect(c.messages.id).toContain('tanpa data; bersama waktu itu mencapai');
    expect(report.verdict).toBe(ref.verdict);
  });

  it('the capture appended to itself: the copy is all duplicates, the report is the clean one', () => {
    const { report, counters } = scoreRaw(concat([clean, clean]));
    expect(counters.duplicates).toBe(counters.frames / 2);
    expect(counters.lost_frames).toBe(ref.recording.lost_frames);
    expect(counters.restarts).toBe(0);
    expect(report.duration_s).toBeCloseTo(ref.duration_s, 6);
    expectSamePasses(report, ref, 0.01);
    expect(report.score.total).toBe(ref.score.total);
  });

  it('two captures appended (the glove restarted in a pause): one restart, no lost frames, same passes', () => {
    const t0 = decodeAll(clean).messages[0]!.t_s;
    const bytes = restartedAt(clean, t0 + (ref.passes[1]!.end_s + ref.passes[2]!.start_s) / 2);
    const { report, counters } = scoreRaw(bytes);
    expect(counters.restarts).toBe(1);
    expect(counters.lost_frames).toBeLessThan(ref.recording.lost_frames + 3);
    expectSamePasses(report, ref, 0.1);
    expect(report.recording.gaps!.some((g) => g.cause === 'restart')).toBe(true);
  });
});

describe('two whole sessions appended', () => {
  it('count no lost frames across the seam and score both sessions\' passes in order', () => {
    const a = simulate({ scenario: 'good', seed: 2 }).bytes();
    const b = simulate({ scenario: 'short-passes', seed: 3 }).bytes();
    const ra = scoreRaw(a).report;
    const rb = scoreRaw(b).report;
    const { report, counters } = scoreRaw(concat([a, b]));
    expect(counters.restarts).toBe(1);
    // Two deterministic simulations can send a byte-identical status (same seq, time and state):
    // taken as a replay, dropped, and the frame after it counts one lost frame.
    expect(counters.lost_frames).toBeGreaterThanOrEqual(ra.recording.lost_frames + rb.recording.lost_frames);
    expect(counters.lost_frames).toBeLessThanOrEqual(ra.recording.lost_frames + rb.recording.lost_frames + counters.duplicates);
    expect(report.passes).toHaveLength(ra.passes.length + rb.passes.length);
    const shift = report.passes[ra.passes.length]!.start_s - rb.passes[0]!.start_s;
    expect(Math.abs(shift - ra.duration_s)).toBeLessThan(0.1);
    report.passes.forEach((p, i) => {
      const want = i < ra.passes.length ? ra.passes[i]! : rb.passes[i - ra.passes.length]!;
      const d = i < ra.passes.length ? 0 : shift;
      expect(Math.abs(p.start_s - want.start_s - d)).toBeLessThan(0.1);
      expect(Math.abs(p.end_s - want.end_s - d)).toBeLessThan(0.1);
    });
  });
});
