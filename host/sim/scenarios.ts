// What the simulated trainee does. Each scenario gives ranges; the seed picks values inside
// them, so one scenario with many seeds is many plausible sessions of the same kind.
// `good` follows the SOP of seed 000 (../shared/seeds/000_e02def2a319071ce.txt): both hands,
// firm small circles, passes of 2-3 minutes, repeated 3 times.

export type Span = readonly [number, number];

export interface ScenarioSpec {
  /** The name users type; its one-line description is SCENARIO_TEXT in shared/i18n/sim.ts. */
  name: string;
  /** Number of passes in the natural session. */
  passes: Span;
  /** Pass duration, s. */
  pass_s: Span;
  /** Pause between passes (both thumbs off), s; always above 3 s. */
  pause_s: Span;
  /** Mean circle cadence, Hz. */
  cadence_hz: Span;
  /** Cycle-to-cycle variation of the circle period (coefficient of variation). */
  cadence_cv: Span;
  /** Slow wander of the cadence within a pass (fraction). */
  cadence_wander: Span;
  /** Mean thumb force while pressing (average of the two hands), N. */
  force_n: Span;
  /** Standard deviation of the left/right force difference, as a fraction of the force. */
  imbalance_sd: number;
  /** Slow drift of the force level within a pass (fraction). */
  force_drift: Span;
  /** Depth of the force rhythm within each circle (fraction of the level). */
  modulation: Span;
  /** Share of the fist's load on the index knuckle, relative to the thumb. */
  knuckle_share: Span;
  /** Thumb circle radius, m. */
  radius_m: Span;
  /** Short lifts (< 1.5 s) inside a pass, per minute. */
  lifts_per_min: number;
  /** 'one': one hand (chosen by the seed) does not touch. */
  hands: 'both' | 'one';
}

const GOOD: ScenarioSpec = {
  name: 'good',
  passes: [3, 3],
  pass_s: [120, 180],
  pause_s: [8, 20],
  cadence_hz: [1.5, 2.2],
  cadence_cv: [0.05, 0.08],
  cadence_wander: [0.02, 0.05],
  force_n: [6, 8],
  imbalance_sd: 0.06,
  force_drift: [0.03, 0.08],
  modulation: [0.12, 0.2],
  knuckle_share: [0.25, 0.45],
  radius_m: [0.01, 0.015],
  lifts_per_min: 0.6,
  hands: 'both',
};

export const SCENARIOS: Readonly<Record<string, ScenarioSpec>> = {
  good: GOOD,
  'too-hard': {
    ...GOOD,
    name: 'too-hard',
    force_n: [12.5, 16],
  },
  'too-light': {
    ...GOOD,
    name: 'too-light',
    force_n: [2, 3],
    modulation: [0.15, 0.22],
  },
  'too-fast': {
    ...GOOD,
    name: 'too-fast',
    cadence_hz: [3.3, 4],
    radius_m: [0.008, 0.012],
  },
  'too-slow': {
    ...GOOD,
    name: 'too-slow',
    cadence_hz: [0.4, 0.55],
  },
  irregular: {
    ...GOOD,
    name: 'irregular',
    cadence_cv: [0.4, 0.5],
    cadence_wander: [0.15, 0.25],
    force_drift: [0.15, 0.25],
    imbalance_sd: 0.12,
    lifts_per_min: 2,
  },
  'one-hand': {
    ...GOOD,
    name: 'one-hand',
    hands: 'one',
  },
  'short-passes': {
    ...GOOD,
    name: 'short-passes',
    passes: [3, 4],
    pass_s: [30, 75],
    pause_s: [6, 15],
  },
  // Harder cases the real recordings showed (test/fixtures/real): slow, wide circles whose
  // thumb force hardly follows them, so the IMU must carry the rhythm; irregular force.
  'slow-circles': {
    ...GOOD,
    name: 'slow-circles',
    cadence_hz: [0.3, 0.5],
    modulation: [0.04, 0.08],
    force_drift: [0.12, 0.2],
    radius_m: [0.02, 0.03],
  },
  // Large motion of the whole hand with a near-steady thumb: the gyro counts.
  'steady-thumb': {
    ...GOOD,
    name: 'steady-thumb',
    cadence_hz: [0.8, 1.6],
    modulation: [0.02, 0.04],
    force_drift: [0.12, 0.2],
    radius_m: [0.02, 0.03],
  },
  // The tempo wanders by a quarter within each pass.
  'tempo-drift': {
    ...GOOD,
    name: 'tempo-drift',
    cadence_hz: [1.2, 2.2],
    cadence_wander: [0.2, 0.3],
  },
};

export const SCENARIO_NAMES: readonly string[] = Object.keys(SCENARIOS);

export function getScenario(name: string): ScenarioSpec | undefined {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, name) ? SCENARIOS[name] : undefined;
}
