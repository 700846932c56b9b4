import { describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/engine';
import type { EngineEvent, SessionSummary } from '../../shared/engine/types';
import { TEST_PROFILE, forceSeries, synth, type SynthSpec } from './synth';

function run(spec: Partial<SynthSpec>, events?: EngineEvent[]): SessionSummary {
  const e = createEngine(TEST_PROFILE, events ? (ev) => events.push(ev) : undefined);
  synth({ rate_hz: 100, duration_s: 100, bouts: [[5, 95]], cadence_hz: 1.8, left: {}, right: {}, ...spec }, (s) => e.push(s));
  return e.finish();
}

const relErr = (a: number | null, b: number): number => (a === null ? Infinity : Math.abs(a / b - 1));

describe('cadence', () => {
  it.each([25, 50, 100, 200])('1.8 Hz force rhythm with noise at %i Hz: within 5 %', (rate) => {
    const s = run({ rate_hz: rate, force_noise: 0.15, jitter: 0.3 });
    expect(relErr(s.left.cadence_hz, 1.8)).toBeLessThan(0.05);
    expect(relErr(s.right.cadence_hz, 1.8)).toBeLessThan(0.05);
    expect(relErr(s.passes[0]!.cadence_hz, 1.8)).toBeLessThan(0.05);
    // 90 s at 1.8 Hz = 162 circles
    expect(Math.abs(s.passes[0]!.circles - 162)).toBeLessThanOrEqual(5);
    expect(s.passes[0]!.regularity_cv).toBeLessThan(0.05);
  });

  it('works without IMU columns (force rhythm only)', () => {
    const s = run({ left: { imu: false }, right: { imu: false }, force_noise: 0.15 });
    expect(s.left.imu).toBe(false);
    expect(relErr(s.left.cadence_hz, 1.8)).toBeLessThan(0.05);
    expect(relErr(s.right.cadence_hz, 1.8)).toBeLessThan(0.05);
  });

  it('takes the cadence from the IMU when the force carries no rhythm', () => {
    const flat = { ripple: 0 };
    const s = run({ left: flat, right: flat, force_noise: 0.3, cadence_hz: 2.2 });
    expect(s.left.imu).toBe(true);
    expect(relErr(s.left.cadence_hz, 2.2)).toBeLessThan(0.05);
    expect(relErr(s.right.cadence_hz, 2.2)).toBeLessThan(0.05);
    // control: the same force without the IMU gives no trustworthy 2.2 Hz
    const blind = run({ left: { ...flat, imu: false }, right: { ...flat, imu: false }, force_noise: 0.3, cadence_hz: 2.2 });
    expect(relErr(blind.left.cadence_hz, 2.2)).toBeGreaterThan(0.05);
  });

  it('keeps the force rhythm when the IMU only sees noise', () => {
    const still = { gyro: 0 };
    const s = run({ left: still, right: still, gyro_noise: 3, cadence_hz: 1.3 });
    expect(relErr(s.left.cadence_hz, 1.3)).toBeLessThan(0.05);
    expect(relErr(s.right.cadence_hz, 1.3)).toBeLessThan(0.05);
  });

  it('follows slow and fast circling (0.6 and 3.6 Hz)', () => {
    expect(relErr(run({ cadence_hz: 0.6 }).left.cadence_hz, 0.6)).toBeLessThan(0.05);
    expect(relErr(run({ cadence_hz: 3.6 }).left.cadence_hz, 3.6)).toBeLessThan(0.05);
  });

  it('survives a 2 s data gap inside a pass', () => {
    const s = run({ gaps: [[40, 42]], jitter: 0.2 });
    expect(s.passes).toHaveLength(1);
    expect(relErr(s.left.cadence_hz, 1.8)).toBeLessThan(0.05);
  });
});

describe('passes', () => {
  it('splits two bouts 5 s apart into two passes with edges within 0.1 s', () => {
    const events: EngineEvent[] = [];
    const s = run({ duration_s: 120, bouts: [[5, 50], [55, 110]] }, events);
    expect(s.passes).toHaveLength(2);
    const [a, b] = s.passes;
    expect(Math.abs(a!.start_s - 5)).toBeLessThan(0.1);
    expect(Math.abs(a!.end_s - 50)).toBeLessThan(0.1);
    expect(Math.abs(b!.start_s - 55)).toBeLessThan(0.1);
    expect(Math.abs(b!.end_s - 110)).toBeLessThan(0.1);
    expect(a!.duration_s).toBeCloseTo(a!.end_s - a!.start_s, 9);
    expect(s.work_s).toBeCloseTo(a!.duration_s + b!.duration_s, 9);
    const passEvents = events.filter((e) => e.type === 'pass_start' || e.type === 'pass_end');
    expect(passEvents.map((e) => `${e.type}:${'index' in e ? e.index : ''}`)).toEqual(['pass_start:1', 'pass_end:1', 'pass_start:2', 'pass_end:2']);
    expect(passEvents[0]!.t_s).toBeCloseTo(a!.start_s, 9);
  });

  it('keeps a 1 s lift inside one pass', () => {
    const s = run({ bouts: [[5, 50], [51, 95]] });
    expect(s.passes).toHaveLength(1);
    expect(Math.abs(s.passes[0]!.start_s - 5)).toBeLessThan(0.1);
    expect(Math.abs(s.passes[0]!.end_s - 95)).toBeLessThan(0.1);
    // the lift is not "both thumbs pressing"
    expect(s.passes[0]!.bilateral_fraction).toBeGreaterThan(0.95);
    expect(s.passes[0]!.bilateral_fraction).toBeLessThan(0.995);
  });

  it('drops bouts shorter than min_pass_s', () => {
    const s = run({ duration_s: 80, bouts: [[5, 11], [20, 70]] });
    expect(s.passes).toHaveLength(1);
    expect(s.passes[0]!.index).toBe(1);
    expect(Math.abs(s.passes[0]!.start_s - 20)).toBeLessThan(0.1);
  });

  it('ends an open pass at finish()', () => {
    const events: EngineEvent[] = [];
    const s = run({ duration_s: 60, bouts: [[5, 100]] }, events);
    expect(s.passes).toHaveLength(1);
    expect(s.passes[0]!.end_s).toBeGreaterThan(59.9);
    expect(events.at(-1)?.type).toBe('pass_end');
  });

  it('snapshot() scores the finished passes mid-pass without disturbing the stream', () => {
    const events: EngineEvent[] = [];
    const e = createEngine(TEST_PROFILE, (ev) => events.push(ev));
    const spec = { rate_hz: 100, duration_s: 120, bouts: [[5, 50], [55, 110]] as [number, number][], cadence_hz: 1.8, left: {}, right: {} };
    let mid: SessionSummary | null = null;
    let endsBefore = 0;
    let endsAfter = 0;
    synth(spec, (s) => {
      e.push(s);
      if (mid === null && s.t_s >= 80) {
        endsBefore = events.filter((ev) => ev.type === 'pass_end').length;
        mid = e.snapshot();
        endsAfter = events.filter((ev) => ev.type === 'pass_end').length;
      }
    });
    // At 80 s pass 2 is open: the snapshot holds pass 1 only and emits no pass_end.
    expect(mid!.passes).toHaveLength(1);
    expect(endsBefore).toBe(1);
    expect(endsAfter).toBe(1);
    const end = e.finish();
    expect(end.passes).toHaveLength(2);
    expect(Math.abs(end.passes[1]!.start_s - 55)).toBeLessThan(0.1);
    expect(Math.abs(end.passes[1]!.end_s - 110)).toBeLessThan(0.1);
  });

  it('ignores samples whose time does not increase', () => {
    const e = createEngine(TEST_PROFILE);
    forceSeries(50, 30, (t) => [t > 2 ? 6 : 0, t > 2 ? 6 : 0], (s) => {
      e.push(s);
      e.push(s); // the same time again
    });
    expect(e.skipped).toBe(1500);
    expect(e.finish().samples).toBe(1500);
  });
});

describe('pressure and symmetry', () => {
  it('one hand working: bilateral fraction near 0, balance 1', () => {
    const s = run({ right: { active: false } });
    expect(s.bilateral_fraction).toBeLessThan(0.02);
    expect(s.balance).toBeGreaterThan(0.98);
    expect(s.right.mean_n).toBeNull();
    expect(s.passes[0]!.circles).toBeGreaterThan(150); // the idle hand does not halve the count
    expect(s.passes[0]!.cadence_right_hz).toBeNull();
  });

  it('both hands: bilateral near 1 and balance from the force share', () => {
    const s = run({ left: { force: 6 }, right: { force: 4 } });
    expect(s.bilateral_fraction).toBeGreaterThan(0.98);
    expect(s.balance).toBeCloseTo(0.6, 2);
  });

  it('force mean, SD and maximum while pressing, and the in-band share', () => {
    // left: 7 +- 1.5 N sine (all inside 4..10 N); right: 11 +- 1.5 N (in band below 10 N only)
    const s = run({ left: { force: 7, ripple: 1.5 }, right: { force: 11, ripple: 1.5 }, force_noise: 0.05 });
    expect(s.left.mean_n).toBeCloseTo(7, 1);
    expect(s.left.sd_n).toBeCloseTo(1.5 / Math.SQRT2, 1);
    expect(s.left.max_n).toBeGreaterThan(8.4);
    expect(s.left.max_n).toBeLessThan(8.8);
    expect(s.left.in_band_fraction).toBeGreaterThan(0.99);
    // share of a sine 11 + 1.5 sin below 10: asin(-2/3) -> 0.2677
    expect(s.right.in_band_fraction).toBeCloseTo(0.268, 1);
    expect(s.in_band_fraction).toBeCloseTo((1 + 0.268) / 2, 1);
    expect(s.passes[0]!.mean_force_left_n).toBeCloseTo(7, 1);
  });

  it('counts one too-hard event per excursion above too_hard_n', () => {
    const events: EngineEvent[] = [];
    const e = createEngine(TEST_PROFILE, (ev) => events.push(ev));
    // three excursions to 17 N (3 s each, rippling around the limit) separated by 5 s at 8 N
    forceSeries(100, 40, (t) => {
      const high = (t > 5 && t < 8) || (t > 13 && t < 16) || (t > 21 && t < 24);
      const f = high ? 15.2 + 1.8 * Math.sin(2 * Math.PI * 2 * t) : 8;
      return [f, 8];
    }, (s) => e.push(s));
    const s = e.finish();
    expect(s.too_hard_events).toBe(3);
    const hard = events.filter((x) => x.type === 'too_hard');
    expect(hard.map((x) => x.t_s > 5 && x.t_s < 5.2)).toContain(true);
    expect(hard.every((x) => x.type === 'too_hard' && x.hand === 'left' && x.force_n > 15)).toBe(true);
  });
});

describe('live state and cues', () => {
  it('shows the band per hand, the pass number and the elapsed time', () => {
    const e = createEngine(TEST_PROFILE);
    forceSeries(100, 20, (t) => [t > 2 ? 6 : 0, t > 2 ? 13 : 0], (s) => e.push(s));
    const l = e.live();
    expect(l.in_pass).toBe(true);
    expect(l.pass_number).toBe(1);
    expect(l.pass_elapsed_s).toBeCloseTo(18, 1);
    expect(l.left).toMatchObject({ band: 'in', contact: true });
    expect(l.right.band).toBe('high');
    expect(l.right.force_n).toBeCloseTo(13, 1);
    expect(l.cue).toBe('too_hard');
  });

  it('tells a force just outside the target (within the tolerance) from one on target, without a cue', () => {
    // target 4-10 N, tolerance 3-12 N: 11 N is above the target (the report counts it out of
    // band) but not too hard; 3.5 N is below it but not too light
    const e = createEngine(TEST_PROFILE);
    forceSeries(100, 20, (t) => [t > 2 ? 11 : 0, t > 2 ? 3.5 : 0], (s) => e.push(s));
    const l = e.live();
    expect(l.left.band).toBe('above');
    expect(l.right.band).toBe('below');
    expect(l.cue).not.toBe('too_hard');
    expect(l.cue).not.toBe('too_light');
    const edges = createEngine(TEST_PROFILE);
    forceSeries(100, 20, (t) => [t > 2 ? 10 : 0, t > 2 ? 4 : 0], (s) => edges.push(s));
    expect([edges.live().left.band, edges.live().right.band]).toEqual(['in', 'in']);
  });

  it('waits about a second before showing a new cue', () => {
    const cues: [number, string][] = [];
    const e = createEngine(TEST_PROFILE, (ev) => { if (ev.type === 'cue') cues.push([ev.t_s, ev.cue]); });
    // 6 N, then too light (2 N) from t = 10 s for 0.6 s only, then from t = 20 s for good
    forceSeries(100, 30, (t) => {
      const f = t < 2 ? 0 : (t >= 10 && t < 10.6) || t >= 20 ? 2 : 6;
      return [f, t < 2 ? 0 : 6];
    }, (s) => e.push(s));
    expect(cues.map((c) => c[1])).toEqual(['ok', 'too_light']);
    const light = cues[1]![0];
    expect(light).toBeGreaterThan(21); // smoothing (~0.5 s) + hold (1 s)
    expect(light).toBeLessThan(22.5);
    expect(e.live().cue).toBe('too_light');
  });

  it('leaves rest when a thumb touches down within 0.1 s (was 1 s): no "rest" beside a pressing thumb', () => {
    const e = createEngine(TEST_PROFILE);
    const seen: [number, string, boolean][] = [];
    // both thumbs lifted for 5 s, then pressing 13 N (too hard), lifted again from 15 s
    forceSeries(100, 25, (t) => (t >= 5 && t < 15 ? [13, 13] : [0, 0]), (s) => {
      e.push(s);
      const l = e.live();
      seen.push([s.t_s, l.cue, l.left.contact || l.right.contact]);
    });
    const pressing = seen.filter(([, , c]) => c);
    expect(pressing.length).toBeGreaterThan(900);
    // the cue is judged every 0.1 s: at most that long after the touch-down
    expect(pressing.filter(([t, cue]) => cue === 'rest' && t >= 5.1)).toEqual([]);
    expect(pressing.filter(([, cue]) => cue === 'too_hard').length).toBeGreaterThan(980);
    // the lift still waits its second (a short lift between circles shows no "rest")
    const rest = seen.find(([t, cue]) => t > 15 && cue === 'rest')!;
    expect(rest[0]).toBeGreaterThan(15.9);
    expect(rest[0]).toBeLessThan(16.6);
  });

  it('cues one hand, too fast and rest', () => {
    const seen = new Set<string>();
    const e = createEngine(TEST_PROFILE, (ev) => { if (ev.type === 'cue') seen.add(ev.cue); });
    synth({ rate_hz: 100, duration_s: 40, bouts: [[2, 30]], cadence_hz: 3.3, left: {}, right: { active: false } }, (s) => e.push(s));
    expect(seen.has('one_hand')).toBe(true);
    expect(e.live().cue).toBe('rest');
    const fast = new Set<string>();
    const f = createEngine(TEST_PROFILE, (ev) => { if (ev.type === 'cue') fast.add(ev.cue); });
    synth({ rate_hz: 100, duration_s: 30, bouts: [[2, 40]], cadence_hz: 3.3, left: {}, right: {} }, (s) => f.push(s));
    expect(f.live().cue).toBe('too_fast');
    expect(f.live().cadence_hz).toBeCloseTo(3.3, 1);
  });
});

describe('memory', () => {
  it('holds the same buffers after one hour of samples (constant memory)', () => {
    const e = createEngine(TEST_PROFILE);
    let before = -1;
    let n = 0;
    // one hour at 100 Hz: a 150 s pass every 160 s
    const bouts: [number, number][] = [];
    for (let t = 5; t < 3600; t += 160) bouts.push([t, t + 150]);
    synth({ rate_hz: 100, duration_s: 3600, bouts, cadence_hz: 2, left: {}, right: {}, force_noise: 0.05, gyro_noise: 0.5 }, (s) => {
      e.push(s);
      if (++n === 100) before = e.footprint();
    });
    expect(before).toBeGreaterThan(0);
    expect(e.footprint()).toBe(before);
    const s = e.finish();
    expect(s.samples).toBe(360000);
    expect(s.passes).toHaveLength(bouts.length);
  }, 60_000);
});
