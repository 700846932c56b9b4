// Thumb force while pressing: time-weighted mean, SD, maximum and the time inside the
// profile's target band; too-hard excursions; the live force band.
import type { Range } from '../profiles/schema';
import type { ForceBand } from './types';

/** Time-weighted force statistics of one thumb while it presses. */
export class ForceStats {
  press_s = 0;
  /** Integral of force over pressing time, N*s. */
  sum = 0;
  sumSq = 0;
  max = -Infinity;
  inBand_s = 0;

  add(f: number, w: number, inBand: boolean): void {
    this.press_s += w;
    this.sum += f * w;
    this.sumSq += f * f * w;
    if (f > this.max) this.max = f;
    if (inBand) this.inBand_s += w;
  }
  merge(o: ForceStats): void {
    this.press_s += o.press_s; this.sum += o.sum; this.sumSq += o.sumSq;
    if (o.max > this.max) this.max = o.max;
    this.inBand_s += o.inBand_s;
  }
  reset(): void {
    this.press_s = 0; this.sum = 0; this.sumSq = 0; this.max = -Infinity; this.inBand_s = 0;
  }
  mean(): number | null {
    return this.press_s > 0 ? this.sum / this.press_s : null;
  }
  sd(): number | null {
    if (this.press_s <= 0) return null;
    const m = this.sum / this.press_s;
    return Math.sqrt(Math.max(0, this.sumSq / this.press_s - m * m));
  }
  maxN(): number | null {
    return this.press_s > 0 ? this.max : null;
  }
  inBandFraction(): number | null {
    return this.press_s > 0 ? this.inBand_s / this.press_s : null;
  }
}

/** Re-arms once the force stayed below this share of too_hard_n ... */
export const TOO_HARD_REARM = 0.9;
/** ... for this long, seconds: a circle's force ripple around the limit is one excursion. */
export const TOO_HARD_REARM_S = 1;

/** One event per excursion above too_hard_n. */
export class TooHard {
  private armed = true;
  private belowSince = -Infinity;

  constructor(private readonly limit: number) {}

  /** True when an excursion began on this sample. */
  update(f: number, t: number): boolean {
    if (f > this.limit) {
      this.belowSince = Infinity;
      if (this.armed) { this.armed = false; return true; }
      return false;
    }
    if (!this.armed) {
      if (f < this.limit * TOO_HARD_REARM || f !== f) {
        if (this.belowSince === Infinity) this.belowSince = t;
        if (t - this.belowSince >= TOO_HARD_REARM_S) this.armed = true;
      } else {
        this.belowSince = Infinity;
      }
    }
    return false;
  }
}

/**
 * Live band of a thumb from its smoothed force and contact: against the profile's target
 * (criteria.force_n.target, what the report counts as in band) and its tolerance (warn).
 */
export function forceBand(contact: boolean, f: number, target: Range, warn: Range): ForceBand {
  if (!contact) return 'off';
  if (f < warn.min) return 'low';
  if (f > warn.max) return 'high';
  if (f < target.min) return 'below';
  if (f > target.max) return 'above';
  return 'in';
}
