// Session summaries built by hand for score() tests: `goodSummary` sits inside every target
// band of sop-000 (3 passes of 2 min 30 s, 7 N both thumbs, 1.8 circles/s, steady, both hands).
import type { HandSummary, PassSummary, SessionSummary } from '../../shared/engine/types';

export interface Shape {
  passes: number[];
  force: [number, number];
  cadence: number;
  cv: number;
  bilateral: number;
  inBand: number;
  balance?: number;
  tooHard?: number;
}

export const GOOD: Shape = {
  passes: [150, 150, 150],
  force: [7, 7],
  cadence: 1.8,
  cv: 0.1,
  bilateral: 0.95,
  inBand: 0.92,
};

export function summaryOf(shape: Partial<Shape> = {}): SessionSummary {
  const s = { ...GOOD, ...shape };
  const passes: PassSummary[] = [];
  let t = 5;
  for (const [i, d] of s.passes.entries()) {
    const circles = Math.round(d * s.cadence);
    passes.push({
      index: i + 1,
      start_s: t,
      end_s: t + d,
      duration_s: d,
      circles_left: circles,
      circles_right: circles,
      circles,
      cadence_left_hz: s.cadence,
      cadence_right_hz: s.cadence,
      cadence_hz: s.cadence,
      regularity_cv: s.cv,
      mean_force_left_n: s.force[0],
      mean_force_right_n: s.force[1],
      bilateral_fraction: s.bilateral,
    });
    t += d + 20;
  }
  const work = s.passes.reduce((a, b) => a + b, 0);
  const hand = (force: number): HandSummary => ({
    mean_n: force,
    sd_n: force * 0.15,
    max_n: force * 1.4,
    in_band_fraction: s.inBand,
    pressing_s: work,
    circles: Math.round(work * s.cadence),
    cadence_hz: s.cadence,
    regularity_cv: s.cv,
    imu: true,
  });
  return {
    duration_s: t,
    work_s: work,
    samples: Math.round(t * 100),
    passes,
    left: hand(s.force[0]),
    right: hand(s.force[1]),
    in_band_fraction: s.inBand,
    bilateral_fraction: s.bilateral,
    balance: s.balance ?? s.force[0] / (s.force[0] + s.force[1]),
    too_hard_events: s.tooHard ?? 0,
  };
}

export const RECORDING = {
  source: 'csv' as const,
  samples: 60_000,
  rate_hz: 100,
  lost_frames: 0,
  crc_errors: 0,
  device_id: null,
};
