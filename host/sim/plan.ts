// The generative plan of a session: when each pass starts and ends, when each thumb touches and
// lifts, where every single circle starts, and the force level, depth and posture per pass and
// hand. The signal (model.ts) and the truth (truth.ts) are both computed from this plan.
import type { Hand } from '../../shared/protocol/types';
import { Rng, hash32 } from './prng';
import type { ScenarioSpec, Span } from './scenarios';

const DEG = Math.PI / 180;
/** Rest before the first pass (the host estimates IMU bias here) and after the last, s. */
const LEAD_IN_S: Span = [2, 4];
const TAIL_S: Span = [2, 4];
/** The two thumbs start and stop a pass within this much of each other, s. */
const HAND_OFFSET_S = 0.3;
/** Short lifts inside a pass: duration (always < 1.5 s) and keep-away from the pass edges. */
const LIFT_S: Span = [0.35, 1.3];
const LIFT_EDGE_S = 6;
const LIFT_SPACING_S = 3;
const MIN_CUT_PASS_S = 15;

/** One continuous contact of a thumb. */
export interface Bout {
  start_s: number;
  end_s: number;
  /**
   * Start time of every circle in the bout: circles[0] = start_s; the last entry is at or after
   * end_s (the boundary of the last, possibly unfinished, circle). Length >= 2.
   */
  circles: number[];
}

export interface HandPass {
  active: boolean;
  /** First touch and last lift of this hand in the pass (the pass's times when inactive). */
  start_s: number;
  end_s: number;
  bouts: Bout[];
  /** Force level while pressing before drift and rhythm, N. */
  level_n: number;
  drift_amp: number;
  drift_period_s: number;
  drift_phase: number;
  /** Depth of the force rhythm within a circle. */
  modulation: number;
  knuckle_share: number;
  radius_m: number;
  /** Mean cadence this hand aims at in this pass, Hz. */
  cadence_hz: number;
  /** Hand pitch at the neck and its change down to the scapula, rad. */
  pitch0_rad: number;
  pitch_travel_rad: number;
}

export interface PassPlan {
  /** 1-based. */
  index: number;
  /** First touch and last lift of either thumb. */
  start_s: number;
  end_s: number;
  left: HandPass;
  right: HandPass;
  short_lifts: number;
}

export interface HandPose {
  pitch_rad: number;
  roll_rad: number;
  sway_phase: [number, number];
}

export interface SessionPlan {
  scenario: string;
  seed: number;
  /** Length of the recording, s. */
  length_s: number;
  passes: PassPlan[];
  /** The hand that never touches (scenario one-hand), else null. */
  idle: Hand | null;
  rest: { left: HandPose; right: HandPose };
}

function pick(rng: Rng, s: Span): number {
  return rng.range(s[0], s[1]);
}

function clamp(x: number, s: Span): number {
  return Math.min(s[1], Math.max(s[0], x));
}

/** Circle start times from `start` until past `end`. */
function makeCircles(
  rng: Rng, start: number, end: number, cadenceHz: number, cv: number,
  wander: number, wanderPeriod: number, wanderPhase: number,
): number[] {
  const out = [start];
  let t = start;
  while (t < end) {
    const local = (1 / cadenceHz) * (1 + wander * Math.sin((2 * Math.PI * t) / wanderPeriod + wanderPhase));
    const period = local * Math.min(1.8, Math.max(0.5, 1 + cv * rng.normal()));
    t += period;
    out.push(t);
  }
  return out;
}

/** [start, end] minus the given sorted, disjoint gaps. */
function subtract(start: number, end: number, gaps: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let s = start;
  for (const [a, b] of gaps) {
    if (b <= s || a >= end) continue;
    if (a > s) out.push([s, a]);
    s = Math.max(s, b);
  }
  if (s < end) out.push([s, end]);
  return out;
}

interface SessionDraw {
  cadence: number;
  force: number;
  imbalance: number;
  idle: Hand | null;
  rest: { left: HandPose; right: HandPose };
}

function makePass(
  rng: Rng, spec: ScenarioSpec, s: SessionDraw, index: number, start: number,
): PassPlan {
  const duration = pick(rng, spec.pass_s);
  // Pass to pass variation, kept inside the scenario's ranges (its promise).
  const cadence = clamp(s.cadence * (1 + 0.03 * rng.clippedNormal(0, 1, -2, 2)), spec.cadence_hz);
  const force = clamp(s.force * (1 + 0.04 * rng.clippedNormal(0, 1, -2, 2)), spec.force_n);
  const cv = pick(rng, spec.cadence_cv);
  const wander = pick(rng, spec.cadence_wander);
  const starts = { left: start + rng.range(0, HAND_OFFSET_S), right: start + rng.range(0, HAND_OFFSET_S) };
  const ends = { left: start + duration - rng.range(0, HAND_OFFSET_S), right: start + duration - rng.range(0, HAND_OFFSET_S) };

  // Short lifts: both thumbs (re-positioning) or one.
  const nLifts = poisson(rng, (spec.lifts_per_min * duration) / 60);
  const at: number[] = [];
  for (let i = 0; i < nLifts; i++) at.push(rng.range(start + LIFT_EDGE_S, start + duration - LIFT_EDGE_S));
  at.sort((a, b) => a - b);
  const gaps: Record<Hand, [number, number][]> = { left: [], right: [] };
  let last = -Infinity;
  let shortLifts = 0;
  for (const a of at) {
    if (a - last < LIFT_SPACING_S || duration < 2 * LIFT_EDGE_S) continue;
    last = a;
    shortLifts++;
    const u = rng.next();
    for (const hand of ['left', 'right'] as const) {
      const both = u < 0.6;
      if (!both && (u < 0.8) !== (hand === 'left')) continue;
      const a0 = a + (both ? rng.range(-0.1, 0.1) : 0);
      gaps[hand].push([a0, a0 + pick(rng, LIFT_S)]);
    }
  }

  const hands = {} as Record<Hand, HandPass>;
  for (const hand of ['left', 'right'] as const) {
    const active = s.idle !== hand;
    const sign = hand === 'left' ? 1 : -1;
    const level = force * (1 + (sign * s.imbalance) / 2) * (1 + 0.02 * rng.clippedNormal(0, 1, -2, 2));
    const cad = cadence * (1 + 0.015 * rng.clippedNormal(0, 1, -2, 2));
    const wanderPeriod = rng.range(20, 40);
    const wanderPhase = rng.range(0, 2 * Math.PI);
    const bouts: Bout[] = active
      ? subtract(starts[hand], ends[hand], gaps[hand]).map(([a, b]) => ({
        start_s: a,
        end_s: b,
        circles: makeCircles(rng, a, b, cad, cv, wander, wanderPeriod, wanderPhase),
      }))
      : [];
    hands[hand] = {
      active,
      start_s: active ? starts[hand] : start,
      end_s: active ? ends[hand] : start + duration,
      bouts,
      level_n: level,
      drift_amp: pick(rng, spec.force_drift),
      drift_period_s: rng.range(25, 60),
      drift_phase: rng.range(0, 2 * Math.PI),
      modulation: pick(rng, spec.modulation),
      knuckle_share: pick(rng, spec.knuckle_share),
      radius_m: pick(rng, spec.radius_m),
      cadence_hz: cad,
      pitch0_rad: s.rest[hand].pitch_rad + 2 * DEG * rng.clippedNormal(0, 1, -2, 2),
      pitch_travel_rad: rng.range(8, 15) * DEG,
    };
  }
  const activeHands = (['left', 'right'] as const).filter((h) => hands[h].active);
  return {
    index,
    start_s: Math.min(...activeHands.map((h) => hands[h].start_s)),
    end_s: Math.max(...activeHands.map((h) => hands[h].end_s)),
    left: hands.left,
    right: hands.right,
    short_lifts: shortLifts,
  };
}

function poisson(rng: Rng, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Cuts a hand's pass at `t`: bouts after it go, the bout across it ends there. */
function cutHand(h: HandPass, t: number): void {
  h.bouts = h.bouts.filter((b) => b.start_s < t);
  for (const b of h.bouts) {
    if (b.end_s > t) {
      b.end_s = t;
      let i = 1;
      while (b.circles[i]! < t) i++;
      b.circles.length = i + 1;
    }
  }
  h.end_s = Math.min(h.end_s, t);
  if (h.bouts.length > 0) h.end_s = h.bouts[h.bouts.length - 1]!.end_s;
}

/**
 * The plan of one session. Without `duration_s` its length is the scenario's natural one
 * (its passes plus the rests); with it, passes continue with the same habits until the
 * duration and the last one is cut where the recording ends.
 */
export function makePlan(spec: ScenarioSpec, seed: number, duration_s?: number): SessionPlan {
  const rng = new Rng(seed, hash32(`plan:${spec.name}`));
  const nPasses = rng.int(spec.passes[0], spec.passes[1]);
  const rest = {
    left: {
      pitch_rad: rng.range(32, 38) * DEG,
      roll_rad: rng.range(9, 15) * DEG,
      sway_phase: [rng.range(0, 6.283), rng.range(0, 6.283)] as [number, number],
    },
    right: {
      pitch_rad: rng.range(32, 38) * DEG,
      roll_rad: -rng.range(9, 15) * DEG,
      sway_phase: [rng.range(0, 6.283), rng.range(0, 6.283)] as [number, number],
    },
  };
  const draw: SessionDraw = {
    cadence: pick(rng, spec.cadence_hz),
    force: pick(rng, spec.force_n),
    imbalance: rng.clippedNormal(0, spec.imbalance_sd, -2.5 * spec.imbalance_sd, 2.5 * spec.imbalance_sd),
    idle: spec.hands === 'one' ? (rng.chance(0.5) ? 'left' : 'right') : null,
    rest,
  };
  const passes: PassPlan[] = [];
  let t = pick(rng, LEAD_IN_S);
  // With a duration, a pass only starts if at least MIN_CUT_PASS_S of it fits.
  const more = (): boolean =>
    duration_s === undefined ? passes.length < nPasses : t < duration_s - MIN_CUT_PASS_S;
  while (more()) {
    const p = makePass(rng, spec, draw, passes.length + 1, t);
    passes.push(p);
    t = p.end_s + pick(rng, spec.pause_s);
  }
  const last = passes[passes.length - 1];
  const length = duration_s ?? (last ? last.end_s : 0) + pick(rng, TAIL_S);
  for (const p of passes) {
    if (p.end_s <= length) continue;
    cutHand(p.left, length);
    cutHand(p.right, length);
    const hs = [p.left, p.right].filter((h) => h.active && h.bouts.length > 0);
    p.end_s = hs.length > 0 ? Math.max(...hs.map((h) => h.end_s)) : length;
  }
  return {
    scenario: spec.name,
    seed,
    length_s: length,
    passes: passes.filter((p) => [p.left, p.right].some((h) => h.active && h.bouts.length > 0)),
    idle: draw.idle,
    rest,
  };
}
