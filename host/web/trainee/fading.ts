// Fading feedback: less help as the trainee improves. The cues hide once she has stayed on
// target for a while and come back as soon as she misses; every hold that earned a hide makes
// the next hide come sooner (down to a floor), so the help fades over the session.
import type { LiveState } from '../../../shared/engine/types';

export interface FadingOptions {
  /** On-target time needed before the first hide, seconds. */
  first_hold_s: number;
  /** Each earned hide shortens the next hold by this much, seconds. */
  step_s: number;
  /** The hold never gets shorter than this, seconds. */
  min_hold_s: number;
  /** A miss must last this long to bring the cues back (ignores a single bad sample), seconds. */
  miss_s: number;
}

export const FADING_DEFAULTS: FadingOptions = { first_hold_s: 10, step_s: 2, min_hold_s: 4, miss_s: 0.5 };

/** True when everything the trainee controls is on target right now. */
export function onTarget(s: LiveState): boolean {
  if (!s.in_pass) return false;
  const hands = [s.left, s.right].filter((h) => h.contact);
  if (hands.length === 0) return false;
  return hands.every((h) => h.band === 'in') && s.cue === 'ok';
}

export class Fading {
  private readonly o: FadingOptions;
  private holdStart: number | null = null;
  private missStart: number | null = null;
  private hidden = false;
  private earned = 0;

  constructor(options: Partial<FadingOptions> = {}) {
    this.o = { ...FADING_DEFAULTS, ...options };
  }

  /** Seconds on target needed for the next hide. */
  holdNeeded(): number {
    return Math.max(this.o.min_hold_s, this.o.first_hold_s - this.o.step_s * this.earned);
  }

  /** Feeds the latest live state; returns true when the cues should be hidden. */
  update(s: LiveState): boolean {
    const t = s.t_s;
    if (onTarget(s)) {
      this.missStart = null;
      if (this.holdStart === null) this.holdStart = t;
      if (!this.hidden && t - this.holdStart >= this.holdNeeded()) {
        this.hidden = true;
        this.earned++;
      }
    } else {
      this.holdStart = null;
      if (this.missStart === null) this.missStart = t;
      if (this.hidden && t - this.missStart >= this.o.miss_s) this.hidden = false;
    }
    return this.hidden;
  }

  reset(): void {
    this.holdStart = null;
    this.missStart = null;
    this.hidden = false;
    this.earned = 0;
  }
}
