// The pure parts of the pages: fading feedback, the chart's sliding buffer, the report's
// statistics and formatting.
import { describe, expect, it } from 'vitest';
import type { LiveHand, LiveState } from '../../shared/engine/types';
import { Fading } from '../../host/web/trainee/fading';
import { SlidingSeries } from '../../host/web/common/sliding';
import { SeriesRecorder } from '../../host/web/common/record';
import { criterionTarget, criterionValue, movingMean, toCsv } from '../../host/web/report/format';
import { RETRY_MAX_MS, RETRY_MIN_MS, retryDelay } from '../../host/web/common/live-socket';
import { CLOSE_FLOODING, CLOSE_SLOW_CLIENT } from '../../shared/live-messages';
import { phaseOf } from '../../shared/stats/cohort';
import { describe as stats } from '../../shared/stats/describe';

function hand(band: LiveHand['band'], contact = true): LiveHand {
  return { force_n: 7, band, cadence_hz: 2, contact };
}

function state(t: number, band: LiveHand['band'], inPass = true): LiveState {
  return {
    t_s: t, in_pass: inPass, pass_number: 1, pass_elapsed_s: t,
    left: hand(band), right: hand(band), cadence_hz: 2, cue: band === 'in' ? 'ok' : band === 'high' ? 'too_hard' : 'too_light',
  };
}

/** Feeds states at 10 Hz from t0 to t1 with the given band; returns the last answer. */
function run(f: Fading, t0: number, t1: number, band: LiveHand['band']): boolean {
  let hidden = false;
  for (let t = t0; t <= t1 + 1e-9; t += 0.1) hidden = f.update(state(Math.round(t * 10) / 10, band));
  return hidden;
}

describe('fading feedback', () => {
  it('hides after 10 s on target, shows again after a 0.5 s miss, and hides sooner each time', () => {
    const f = new Fading();
    expect(run(f, 0, 9.8, 'in')).toBe(false);
    expect(run(f, 9.9, 10.1, 'in')).toBe(true);
    // a single bad moment (0.3 s) does not bring the cues back
    expect(run(f, 10.2, 10.5, 'high')).toBe(true);
    expect(run(f, 10.6, 11, 'in')).toBe(true);
    expect(run(f, 11.1, 11.7, 'high')).toBe(false);
    expect(f.holdNeeded()).toBe(8);
    expect(run(f, 11.8, 19.6, 'in')).toBe(false);
    expect(run(f, 19.7, 20, 'in')).toBe(true);
    expect(f.holdNeeded()).toBe(6);
  });

  it('never hides outside a pass or when the thumbs are off', () => {
    const f = new Fading();
    for (let t = 0; t < 30; t += 0.1) expect(f.update(state(t, 'in', false))).toBe(false);
    const off = { ...state(40, 'in'), left: hand('off', false), right: hand('off', false) };
    for (let t = 40; t < 60; t += 0.1) expect(f.update({ ...off, t_s: t })).toBe(false);
  });

  it('does not go below the minimum hold', () => {
    const f = new Fading({ first_hold_s: 5, step_s: 2, min_hold_s: 4 });
    let t = 0;
    for (let k = 0; k < 5; k++) {
      t = (run(f, t, t + 6, 'in'), t + 6.1);
      run(f, t, t + 1, 'low');
      t += 1.1;
    }
    expect(f.holdNeeded()).toBe(4);
  });
});

describe('sliding series', () => {
  it('keeps the newest rows contiguous across compactions', () => {
    const s = new SlidingSeries(3, 100);
    for (let i = 0; i < 1000; i++) s.push(i, i * 2, -i);
    const [t, a, b] = s.views();
    expect(t!.length).toBe(100);
    expect(t![0]).toBe(900);
    expect(t![99]).toBe(999);
    expect(a![50]).toBe(1900);
    expect(b![99]).toBe(-999);
  });

  it('drops rows older than a time', () => {
    const s = new SlidingSeries(2, 4096);
    for (let i = 0; i < 3000; i++) s.push(i / 100, i);
    s.dropBefore(s.lastTime() - 20);
    const [t] = s.views();
    expect(t![0]).toBeCloseTo(9.99, 6);
    expect(s.length).toBe(2001);
  });
});

describe('series recorder', () => {
  it('keeps one row per step and turns cadence into circles per minute', () => {
    const r = new SeriesRecorder(0.1);
    for (let i = 0; i < 1000; i++) r.add(i / 100, 6, NaN, i < 500 ? null : 2);
    expect(r.data.t_s.length).toBe(100);
    expect(r.data.right_n[0]).toBe(0);
    expect(r.data.cadence_cpm[10]).toBeNull();
    expect(r.data.cadence_cpm[99]).toBe(120);
  });
});

describe('report figures', () => {
  it('computes mean, median, min and max as seed 001\'s pre/post table does', () => {
    expect(stats([])).toBeNull();
    expect(stats([20, 80, 59, 40, 55, 50])).toEqual({ n: 6, mean: 304 / 6, median: 52.5, min: 20, max: 80 });
    expect(stats([3, 1, 2])!.median).toBe(2);
  });

  it('reads pre/post from session labels in either language', () => {
    expect(phaseOf('pre')).toBe('pre');
    expect(phaseOf('Post-test')).toBe('post');
    expect(phaseOf('sebelum pelatihan')).toBe('pre');
    expect(phaseOf('Sesudah')).toBe('post');
    expect(phaseOf('latihan 2')).toBeNull();
    expect(phaseOf('prepare')).toBeNull();
  });

  it('writes CSV with quoting', () => {
    expect(toCsv([['a', 'b,c'], [1, null], ['say "hi"']])).toBe('a,"b,c"\r\n1,\r\n"say ""hi"""\r\n');
  });

  it('smooths with a centred moving mean that skips gaps', () => {
    const t = [0, 1, 2, 3, 4, 5];
    expect(movingMean(t, [1, 2, 3, null, 5, 6], 2)).toEqual([1.5, 2, 2.5, 4, 5.5, 5.5]);
    expect(movingMean([0, 1], [null, null], 2)).toEqual([null, null]);
  });

  it('formats values and targets per criterion and language', () => {
    expect(criterionValue('force_n.left', 6.84, 'id')).toBe('6,8 N');
    expect(criterionValue('cadence_hz', 1.8, 'en')).toBe('108 circles/min');
    expect(criterionTarget('cadence_hz', { min: 1, max: 2.5 }, 'id')).toBe('60–150 lingkaran/menit');
    expect(criterionValue('in_band_fraction', 0.873, 'en')).toBe('87 %');
    expect(criterionValue('pass_duration_s.2', 152, 'id')).toBe('2 menit 32 detik');
    expect(criterionValue('balance', null, 'en')).toBe('–');
    expect(criterionTarget('pass_duration_s.1', { min: 120, max: 180 }, 'en')).toBe('2-3 minutes');
    expect(criterionTarget('pass_count', { min: 3, max: 3 }, 'en')).toBe('3');
    expect(criterionTarget('force_n', { min: 3.5, max: 13 }, 'id')).toBe('3,5–13 N');
  });
});

describe('the one clock format', () => {
  it('is m:ss of whole seconds down, for the pages, the CLI report and the timers', async () => {
    const { formatClock } = await import('../../shared/i18n/format');
    const { clock } = await import('../../host/web/common/i18n');
    expect([0, 9.99, 60, 75.5, 3599, -3, NaN].map(formatClock)).toEqual(['0:00', '0:09', '1:00', '1:15', '59:59', '0:00', '0:00']);
    expect(clock(75.5)).toBe(formatClock(75.5));
  });
});

describe('live socket retry delay', () => {
  it('comes back at once after a slow-client eviction, slowly after flooding, else with the backoff', () => {
    expect(retryDelay(CLOSE_SLOW_CLIENT, 4000)).toBe(RETRY_MIN_MS);
    expect(retryDelay(CLOSE_FLOODING, 1000)).toBe(RETRY_MAX_MS);
    expect(retryDelay(1006, 2000)).toBe(2000);
    expect(retryDelay(1001, 1000)).toBe(1000);
  });
});
