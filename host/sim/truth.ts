// What really happened in a simulated session, computed from the generative plan (never
// re-estimated from the signal): the yardstick for the scoring engine's accuracy benchmark.
//
// Definitions (the same words as the engine's summary):
// - pressing: a thumb is inside one of its contact bouts (touch-down and lift ramps included);
// - pass: from the first touch to the last lift of either thumb; short lifts stay inside;
// - circles: complete circles of a thumb; cadence: circles (the unfinished one as a fraction)
//   per second of pressing, i.e. 1 / mean period;
// - mean force: the noise-free thumb force averaged over the pressing samples (sample grid);
// - in-band fraction: share of pressing samples with the force inside the band;
// - bilateral fraction: share of pass time with both thumbs pressing (exact, from intervals);
// - balance: left share of the summed thumb force.
import type { Hand } from '../../shared/protocol/types';
import { HandTrack, newHandState } from './model';
import type { Bout, HandPass, SessionPlan } from './plan';

export interface Band {
  min: number;
  max: number;
}

/** The force band the truth's in-band fractions use unless another is given, N. */
export const DEFAULT_BAND: Band = { min: 5, max: 10 };

export interface TruthHand {
  pressing_s: number;
  circles: number;
  cadence_hz: number | null;
  regularity_cv: number | null;
  mean_force_n: number | null;
  in_band_fraction: number | null;
}

export interface TruthPass {
  index: number;
  start_s: number;
  end_s: number;
  duration_s: number;
  /** Mean of the circles of the hands that worked, rounded (as the engine reports it). */
  circles: number;
  circles_left: number;
  circles_right: number;
  cadence_left_hz: number | null;
  cadence_right_hz: number | null;
  cadence_hz: number | null;
  regularity_cv: number | null;
  mean_force_left_n: number | null;
  mean_force_right_n: number | null;
  bilateral_fraction: number;
  short_lifts: number;
}

export interface Truth {
  scenario: string;
  seed: number;
  duration_s: number;
  rate_hz: number;
  band: Band;
  /** Time inside passes. */
  work_s: number;
  passes: TruthPass[];
  left: TruthHand;
  right: TruthHand;
  /** Mean of the hands' cadences that are known. */
  cadence_hz: number | null;
  /** Share of both thumbs' pressing samples inside the band. */
  in_band_fraction: number | null;
  bilateral_fraction: number;
  balance: number | null;
  /** Sample frames the device dropped (seq gaps); a burst in the last 3 samples shows no gap. */
  lost_frames: number;
}

interface Acc {
  n: number;
  sum: number;
  inBand: number;
}

function acc(): Acc {
  return { n: 0, sum: 0, inBand: 0 };
}

function cycles(b: Bout): { complete: number; fraction: number; periods: number[] } {
  const cs = b.circles;
  const periods: number[] = [];
  let i = 0;
  while (i + 1 < cs.length && cs[i + 1]! <= b.end_s) {
    periods.push(cs[i + 1]! - cs[i]!);
    i++;
  }
  const partial = i + 1 < cs.length ? (b.end_s - cs[i]!) / (cs[i + 1]! - cs[i]!) : 0;
  return { complete: periods.length, fraction: periods.length + partial, periods };
}

function cv(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (xs.length - 1);
  return Math.sqrt(v) / m;
}

interface CircleStats {
  circles: number;
  cyc: number;
  time: number;
  periods: number[];
}

function circleStats(hps: HandPass[]): CircleStats {
  const out: CircleStats = { circles: 0, cyc: 0, time: 0, periods: [] };
  for (const hp of hps) {
    if (!hp.active) continue;
    for (const b of hp.bouts) {
      const c = cycles(b);
      out.circles += c.complete;
      out.cyc += c.fraction;
      out.time += b.end_s - b.start_s;
      out.periods.push(...c.periods);
    }
  }
  return out;
}

function intersect(a: Bout[], b: Bout[]): number {
  let s = 0;
  for (const x of a) for (const y of b) s += Math.max(0, Math.min(x.end_s, y.end_s) - Math.max(x.start_s, y.start_s));
  return s;
}

function meanOf(xs: (number | null)[]): number | null {
  const k = xs.filter((x): x is number => x !== null);
  return k.length ? k.reduce((a, b) => a + b, 0) / k.length : null;
}

/** Truth of a plan sampled at `rate_hz` (the grid the mean force and in-band share use). */
export function computeTruth(plan: SessionPlan, rate_hz: number, band: Band = DEFAULT_BAND, lost_frames = 0): Truth {
  const hands: Hand[] = ['left', 'right'];
  const np = plan.passes.length;
  // Per pass (index) and one extra slot for the whole session.
  const accs: Record<Hand, Acc[]> = {
    left: Array.from({ length: np + 1 }, acc),
    right: Array.from({ length: np + 1 }, acc),
  };
  const sumF = { left: 0, right: 0 };
  const tracks = { left: new HandTrack(plan, 'left'), right: new HandTrack(plan, 'right') };
  const st = newHandState();
  const n = Math.round(plan.length_s * rate_hz);
  for (const hand of hands) {
    let p = 0;
    for (let k = 0; k < n; k++) {
      const t = k / rate_hz;
      tracks[hand].eval(t, st, false);
      if (!st.pressing) continue;
      while (p + 1 < np && plan.passes[p + 1]!.start_s <= t) p++;
      const f = st.thumb_n;
      const inb = f >= band.min && f <= band.max ? 1 : 0;
      const a = accs[hand][p]!;
      a.n++;
      a.sum += f;
      a.inBand += inb;
      const all = accs[hand][np]!;
      all.n++;
      all.sum += f;
      all.inBand += inb;
      sumF[hand] += f;
    }
  }
  const mean = (a: Acc): number | null => (a.n ? a.sum / a.n : null);

  let work = 0;
  let both = 0;
  const passes: TruthPass[] = plan.passes.map((p, i) => {
    const cl = circleStats([p.left]);
    const cr = circleStats([p.right]);
    const dur = p.end_s - p.start_s;
    const bil = p.left.active && p.right.active ? intersect(p.left.bouts, p.right.bouts) : 0;
    work += dur;
    both += bil;
    const working = [cl, cr].filter((c) => c.time > 0);
    const cadL = cl.time > 0 ? cl.cyc / cl.time : null;
    const cadR = cr.time > 0 ? cr.cyc / cr.time : null;
    return {
      index: p.index,
      start_s: p.start_s,
      end_s: p.end_s,
      duration_s: dur,
      circles: working.length ? Math.round(working.reduce((a, c) => a + c.circles, 0) / working.length) : 0,
      circles_left: cl.circles,
      circles_right: cr.circles,
      cadence_left_hz: cadL,
      cadence_right_hz: cadR,
      cadence_hz: meanOf([cadL, cadR]),
      regularity_cv: cv([...cl.periods, ...cr.periods]),
      mean_force_left_n: mean(accs.left[i]!),
      mean_force_right_n: mean(accs.right[i]!),
      bilateral_fraction: dur > 0 ? bil / dur : 0,
      short_lifts: p.short_lifts,
    };
  });

  const handTruth = (hand: Hand): TruthHand => {
    const c = circleStats(plan.passes.map((p) => p[hand]));
    const a = accs[hand][np]!;
    return {
      pressing_s: c.time,
      circles: c.circles,
      cadence_hz: c.time > 0 ? c.cyc / c.time : null,
      regularity_cv: cv(c.periods),
      mean_force_n: mean(a),
      in_band_fraction: a.n ? a.inBand / a.n : null,
    };
  };
  const left = handTruth('left');
  const right = handTruth('right');
  const pooled = accs.left[np]!.n + accs.right[np]!.n;
  const total = sumF.left + sumF.right;
  return {
    scenario: plan.scenario,
    seed: plan.seed,
    duration_s: plan.length_s,
    rate_hz,
    band,
    work_s: work,
    passes,
    left,
    right,
    cadence_hz: meanOf([left.cadence_hz, right.cadence_hz]),
    in_band_fraction: pooled ? (accs.left[np]!.inBand + accs.right[np]!.inBand) / pooled : null,
    bilateral_fraction: work > 0 ? both / work : 0,
    balance: total > 0 ? sumF.left / total : null,
    lost_frames,
  };
}
