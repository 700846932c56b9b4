// The gyro cycle detector on an arm winding up from rest (shimmer P04 of the real recordings):
// lobes that grow lobe by lobe still count as circles, but the time between them is not taken
// as a circle's length; lobes of a wound-up motion that vary in size keep all their periods.
import { describe, expect, it } from 'vitest';
import { CycleDetector, Gains, RAMP_RATIO, windingUp } from '../../shared/engine/cycles';
import { GYRO_FLOOR_DPS } from '../../shared/engine/circles';

/** Feeds one sine per entry (its period s, its height deg/s) at 50 Hz; returns each completed cycle's period (0 = unknown). */
function feed(cycles: [number, number][]): number[] {
  const det = new CycleDetector(GYRO_FLOOR_DPS, true);
  const g = new Gains();
  const dt = 0.02;
  g.set(dt);
  const out: number[] = [];
  let t = 0;
  for (let i = 0; i < 2 / dt; i++, t += dt) det.update(0, t, g); // rest
  for (const [period, height] of cycles) {
    const n = Math.round(period / dt);
    for (let i = 0; i < n; i++, t += dt) {
      if (det.update(height * Math.sin((2 * Math.PI * i) / n), t, g)) out.push(det.period);
    }
  }
  return out;
}

describe('cycle detector: an arm winding up', () => {
  it('a lobe RAMP_RATIO times the last counted one or more is a wind-up', () => {
    expect(windingUp(0, 50)).toBe(false);
    expect(windingUp(20, 20 * RAMP_RATIO)).toBe(true);
    expect(windingUp(20, 20 * RAMP_RATIO * 0.95)).toBe(false);
    expect(windingUp(100, 60)).toBe(false);
  });

  it('swings growing 2.5-fold each, a third short, count but give no period; the full circles after them give theirs', () => {
    const swings: [number, number][] = [[1.4, 12], [1.4, 30], [1.5, 75]];
    const full: [number, number][] = Array.from({ length: 10 }, () => [2.1, 150] as [number, number]);
    const periods = feed([...swings, ...full]);
    expect(periods.length).toBeGreaterThanOrEqual(11);
    // every period measured across the wind-up is left out
    const measured = periods.filter((p) => p > 0);
    expect(measured.length).toBeGreaterThanOrEqual(8);
    for (const p of measured) expect(Math.abs(p / 2.1 - 1)).toBeLessThan(0.05);
  });

  it('a wound-up motion whose lobes vary in size (0.7-1.4 times the one before) keeps every period', () => {
    const heights = [100, 140, 100, 70, 95, 130, 100, 75, 100, 120, 90, 120];
    const periods = feed(heights.map((h, i) => [i % 2 ? 1.6 : 1.9, h] as [number, number]));
    const measured = periods.slice(2); // the first cycles have no chain yet
    expect(measured.length).toBeGreaterThanOrEqual(8);
    for (const p of measured) expect(p).toBeGreaterThan(0);
  });
});
