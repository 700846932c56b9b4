// The one cue a trainee sees now, and its debouncing: a new cue must stay the most important
// one for CUE_HOLD_S before it replaces the shown cue, so the display does not flicker with
// every circle. Leaving 'rest' is the exception: a thumb that presses is never at rest, and
// the force gauge beside the cue already shows the touch (it said "Rest" beside "12.1 N Too
// hard" for a second after each touch-down).
import type { Profile } from '../profiles/schema';
import type { CueId, ForceBand } from './types';

export const CUE_HOLD_S = 1;

export interface CueHand {
  contact: boolean;
  band: ForceBand;
  cadence: number | null;
  cv: number | null;
}

export interface CueContext {
  inPass: boolean;
  passElapsed: number;
  left: CueHand;
  right: CueHand;
}

export function blankCueContext(): CueContext {
  const hand = (): CueHand => ({ contact: false, band: 'off', cadence: null, cv: null });
  return { inPass: false, passElapsed: 0, left: hand(), right: hand() };
}

/**
 * The most important cue, in this order: safety first (too hard), then the pass limit, then
 * what most changes the dose (one hand idle, too light), then rhythm (too fast, too slow,
 * irregular). 'rest' whenever no thumb presses.
 */
export function pickCue(c: CueContext, p: Profile): CueId {
  const l = c.left, r = c.right;
  if (!l.contact && !r.contact) return 'rest';
  if (l.band === 'high' || r.band === 'high') return 'too_hard';
  const cr = p.criteria;
  if (c.inPass && c.passElapsed > cr.pass_duration_s.warn.max) return 'pass_too_long';
  if (l.contact !== r.contact) return 'one_hand';
  if (l.band === 'low' || r.band === 'low') return 'too_light';
  let sum = 0, n = 0;
  if (l.cadence !== null) { sum += l.cadence; n++; }
  if (r.cadence !== null) { sum += r.cadence; n++; }
  if (n > 0) {
    const cad = sum / n;
    if (cad > cr.cadence_hz.warn.max) return 'too_fast';
    if (cad < cr.cadence_hz.warn.min) return 'too_slow';
  }
  const cv = Math.max(l.cv ?? 0, r.cv ?? 0);
  if (cv > cr.regularity_cv.warn.max) return 'irregular';
  return 'ok';
}

export class CueDebounce {
  shown: CueId = 'rest';
  private candidate: CueId = 'rest';
  private since = -Infinity;

  /** True when the shown cue changed on this call. */
  update(cand: CueId, t: number): boolean {
    if (cand !== this.candidate) {
      this.candidate = cand;
      this.since = t;
    }
    if (cand !== this.shown && (this.shown === 'rest' || t - this.since >= CUE_HOLD_S)) {
      this.shown = cand;
      return true;
    }
    return false;
  }
}
