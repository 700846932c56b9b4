// The trainee page's live host (what runs in its scoring worker) driven through its messages in
// Node, without canvases: bytes in uneven chunks give the same report as the one pipeline,
// LiveState goes out paced, stale sessions are ignored; and the pure parts of the marks and the
// chart (gauge and timer readings, tick steps).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../host/sim/index';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import type { LiveHand, LiveState } from '../../shared/engine/types';
import { LIVE_MS, LiveHost, type FromHost } from '../../host/web/trainee/live-host';
import { gaugeMax, handMark, timerMark, timerMax } from '../../host/web/trainee/live-marks';
import { tickStep } from '../../host/web/trainee/chart-painter';

const profile = loadBuiltinProfile('sop-000');

function collect(): { host: LiveHost; out: FromHost[] } {
  const out: FromHost[] = [];
  return { host: new LiveHost((m) => out.push(m)), out };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('live host (the scoring worker)', () => {
  it('scores bytes fed in uneven chunks exactly as the pipeline does', () => {
    const bytes = simulate({ scenario: 'good', seed: 11, duration_s: 150 }).bytes();
    const { host, out } = collect();
    host.handle({ type: 'configure', profile, lang: 'id' });
    host.handle({ type: 'start', id: 1, profile });
    for (let i = 0, k = 0; i < bytes.length; k++) {
      const n = [1, 7, 300, 4096, 63][k % 5]!;
      host.handle({ type: 'bytes', id: 1, bytes: bytes.slice(i, i + n) });
      i += n;
    }
    host.handle({ type: 'finish', id: 1 });
    const done = out.find((m) => m.type === 'finished');
    expect(done?.type === 'finished' && done.id).toBe(1);
    const record = done?.type === 'finished' ? done.record : null;
    expect(record).not.toBeNull();

    const p = createPipeline({ profile, source: 'live' });
    p.push(bytes);
    const expected = p.report();
    expect(record!.report.score.total).toBe(expected.score.total);
    expect(record!.report.verdict).toBe(expected.verdict);
    expect(record!.report.passes.length).toBe(expected.passes.length);
    expect(record!.report.recording.samples).toBe(expected.recording.samples);
    // the report's series: 10 samples a second of the 150 s
    expect(record!.series.t_s.length).toBeGreaterThan(1400);
    expect(record!.series.t_s.length).toBeLessThan(1520);
    // the last state went out before the end
    const lives = out.filter((m) => m.type === 'live');
    expect(lives.length).toBeGreaterThan(0);
    expect(out.indexOf(lives[lives.length - 1]!)).toBeLessThan(out.indexOf(done!));
  });

  it('sends LiveState at most once per LIVE_MS however fast bytes come', async () => {
    const frames = [...simulate({ scenario: 'good', seed: 2, duration_s: 30 }).frames()];
    const { host, out } = collect();
    host.handle({ type: 'start', id: 7, profile });
    const t0 = performance.now();
    let i = 0;
    while (performance.now() - t0 < 400) {
      host.handle({ type: 'bytes', id: 7, bytes: frames[i++ % frames.length]! });
      await sleep(2);
    }
    await sleep(LIVE_MS * 2);
    const lives = out.filter((m): m is Extract<FromHost, { type: 'live' }> => m.type === 'live');
    // ~400 ms of bytes: no more than one state per LIVE_MS (and at least a few)
    expect(lives.length).toBeGreaterThanOrEqual(2);
    expect(lives.length).toBeLessThanOrEqual(Math.ceil(400 / LIVE_MS) + 2);
    expect(lives.every((m) => m.id === 7)).toBe(true);
    // versions only grow: the page never goes back to an older state
    for (let k = 1; k < lives.length; k++) expect(lives[k]!.version).toBeGreaterThan(lives[k - 1]!.version);
    expect(lives[lives.length - 1]!.device).toMatch(/simulator/);
  });

  it('ignores bytes of an old session and answers null for a session with no samples', () => {
    const bytes = simulate({ scenario: 'good', seed: 5, duration_s: 20 }).bytes();
    const { host, out } = collect();
    host.handle({ type: 'start', id: 1, profile });
    host.handle({ type: 'start', id: 2, profile });
    host.handle({ type: 'bytes', id: 1, bytes });
    host.handle({ type: 'finish', id: 2 });
    expect(out).toContainEqual({ type: 'finished', id: 2, record: null });
    host.handle({ type: 'finish', id: 1 });
    expect(out).toContainEqual({ type: 'finished', id: 1, record: null });
  });
});

describe('live marks', () => {
  const hand = (force_n: number, band: LiveHand['band']): LiveHand => ({ force_n, band, cadence_hz: 2, contact: true });

  it('puts the fill at force / scale top, shaped by the band', () => {
    // sop-000: too hard 15 N, target 5-10 N -> scale up to 20 N
    expect(gaugeMax(profile)).toBe(20);
    expect(handMark(hand(5, 'in'), 20)).toEqual({ force: 5, frac: 0.25, shape: 'ok' });
    expect(handMark(hand(30, 'high'), 20)).toEqual({ force: 30, frac: 1, shape: 'down' });
    expect(handMark(hand(-2, 'low'), 20)).toEqual({ force: 0, frac: 0, shape: 'up' });
    // outside the target within its tolerance: the direction to correct, in the low/high colours
    expect(handMark(hand(11, 'above'), 20).shape).toBe('down');
    expect(handMark(hand(4.5, 'below'), 20).shape).toBe('up');
    expect(handMark(hand(Number.NaN, 'off'), 20)).toEqual({ force: 0, frac: 0, shape: 'off' });
    expect(handMark(null, 20)).toEqual({ force: 0, frac: 0, shape: 'off' });
  });

  it('colours the pass timer by where the pass stands against the target duration', () => {
    const d = profile.criteria.pass_duration_s.target;
    const s = (elapsed: number, in_pass: boolean, pass_number = 1): LiveState => ({
      t_s: 100, in_pass, pass_number, pass_elapsed_s: elapsed, left: hand(7, 'in'), right: hand(7, 'in'), cadence_hz: 2, cue: 'ok',
    });
    const end = timerMax(profile);
    expect(timerMark(s(d.min - 1, true), profile)).toEqual({ elapsed: d.min - 1, frac: (d.min - 1) / end, state: 'short' });
    expect(timerMark(s(d.min, true), profile).state).toBe('in');
    expect(timerMark(s(d.max + 1, true), profile).state).toBe('long');
    expect(timerMark(s(d.max, false), profile).state).toBe('rest');
    expect(timerMark(s(5, false, 0), profile)).toEqual({ elapsed: 0, frac: 0, state: 'rest' });
    expect(timerMark(null, profile).frac).toBe(0);
    expect(timerMark(s(end * 2, true), profile).frac).toBe(1);
  });

  it('spaces chart ticks at 1, 2, 2.5 or 5 x 10^k, at least the asked pixels apart', () => {
    expect(tickStep(20, 1230, 50)).toBe(1);
    expect(tickStep(20, 120, 30)).toBe(5);
    expect(tickStep(20, 100, 30)).toBe(10);
    expect(tickStep(25, 300, 30)).toBe(2.5);
    expect(tickStep(20, 400, 50)).toBe(2.5);
    for (const [range, px, min] of [[20, 1230, 50], [18, 97, 30], [0.5, 200, 40]] as const) {
      const s = tickStep(range, px, min);
      expect((s / range) * px).toBeGreaterThanOrEqual(min);
    }
  });
});
