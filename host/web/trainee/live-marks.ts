// What the moving marks of the live view show, from a LiveState and the profile: the fill and
// marker of each hand's gauge, the pass timer's bar. Pure, so the page (text, colours) and the
// painter (canvas, in the scoring worker) read the same numbers.
import type { ForceBand, LiveHand, LiveState } from '../../../shared/engine/types';
import type { Profile } from '../../../shared/profiles/schema';
import type { Shape } from '../common/icons';

/** Top of the gauge's scale, newtons: room above "too hard", rounded up to 5 N. */
export function gaugeMax(p: Profile): number {
  const band = p.criteria.force_n.target;
  return Math.ceil(Math.max(p.too_hard_n * 1.2, band.max * 1.5) / 5) * 5;
}

/** Right end of the pass timer's track, seconds. */
export function timerMax(p: Profile): number {
  const d = p.criteria.pass_duration_s;
  return Math.max(d.pass.max, d.target.max) * 1.1;
}

export function bandShape(b: ForceBand): Shape {
  // above / below the target within its tolerance: the same direction to correct, in words of its own
  return b === 'low' || b === 'below' ? 'up' : b === 'high' || b === 'above' ? 'down' : b === 'in' ? 'ok' : 'off';
}

export interface HandMark {
  /** Shown force, newtons (never negative). */
  force: number;
  /** Height of the fill and the marker, 0..1 of the scale. */
  frac: number;
  shape: Shape;
}

export function handMark(h: LiveHand | null, scaleMax: number): HandMark {
  const force = h && Number.isFinite(h.force_n) ? Math.max(0, h.force_n) : 0;
  return { force, frac: Math.min(1, force / scaleMax), shape: bandShape(h ? h.band : 'off') };
}

export type TimerState = 'rest' | 'short' | 'in' | 'long';

export interface TimerMark {
  /** Seconds of the current (or last) pass. */
  elapsed: number;
  /** Length of the bar, 0..1 of the track. */
  frac: number;
  state: TimerState;
}

export function timerMark(s: LiveState | null, p: Profile): TimerMark {
  const d = p.criteria.pass_duration_s.target;
  const elapsed = s && (s.in_pass || s.pass_number > 0) ? s.pass_elapsed_s : 0;
  const inPass = s !== null && s.in_pass;
  const state: TimerState = !inPass ? 'rest' : elapsed < d.min ? 'short' : elapsed <= d.max ? 'in' : 'long';
  return { elapsed, frac: Math.min(1, Math.max(0, elapsed / timerMax(p))), state };
}
