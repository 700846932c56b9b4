// Passes (work bouts): a bout starts at the first thumb contact and ends at the last contact
// before both thumbs stayed off longer than segmentation.pass_gap_s; a shorter lift stays
// inside the bout. Bouts shorter than segmentation.min_pass_s are dropped. Each bout carries
// its own statistics, merged into the session's only when it is kept as a pass.
import { CadenceStats } from './circles';
import { ForceStats } from './pressure';
import type { PassSummary } from './types';

/** What happened to the bout on a sample (bit flags; several can happen on one sparse sample). */
export const BOUT_ENDED = 1;
/** A bout shorter than min_pass_s ended. */
export const BOUT_DROPPED = 2;
export const BOUT_STARTED = 4;
/** The bout reached min_pass_s: it is a pass now. */
export const BOUT_QUALIFIED = 8;

export class Segmenter {
  inBout = false;
  qualified = false;
  start = 0;
  /** Time of the bout's last sample with a thumb pressing. */
  lastContact = 0;
  /** Start and end of the bout closed by the last update() or close(). */
  closedStart = 0;
  closedEnd = 0;

  constructor(private readonly gapS: number, private readonly minPassS: number) {}

  /** `any`: a thumb presses on this sample. Returns BOUT_* flags; an ending is reported first. */
  update(t: number, any: boolean): number {
    let r = 0;
    if (this.inBout && t - this.lastContact > this.gapS) r = this.close();
    if (any) {
      if (!this.inBout) {
        this.inBout = true;
        this.qualified = false;
        this.start = t;
        r |= BOUT_STARTED;
      }
      this.lastContact = t;
      if (!this.qualified && t - this.start >= this.minPassS) {
        this.qualified = true;
        r |= BOUT_QUALIFIED;
      }
    }
    return r;
  }

  /** Closes the open bout (also at the end of a recording): BOUT_ENDED, BOUT_DROPPED or 0. */
  close(): number {
    if (!this.inBout) return 0;
    this.inBout = false;
    this.closedStart = this.start;
    this.closedEnd = this.lastContact;
    return this.qualified ? BOUT_ENDED : BOUT_DROPPED;
  }
}

/** Everything measured inside one bout. */
export class BoutStats {
  readonly left = new ForceStats();
  readonly right = new ForceStats();
  readonly cadLeft = new CadenceStats();
  readonly cadRight = new CadenceStats();
  /** Time with at least one thumb pressing, and with both (bilateral = both_s / pass duration). */
  any_s = 0;
  both_s = 0;

  merge(o: BoutStats): void {
    this.left.merge(o.left); this.right.merge(o.right);
    this.cadLeft.merge(o.cadLeft); this.cadRight.merge(o.cadRight);
    this.any_s += o.any_s; this.both_s += o.both_s;
  }
  reset(): void {
    this.left.reset(); this.right.reset(); this.cadLeft.reset(); this.cadRight.reset();
    this.any_s = 0; this.both_s = 0;
  }
}

/** A hand "worked" in a pass when it pressed at least this share of the pass's pressing time. */
export const WORKED_SHARE = 0.25;

export function pooledCv(a: CadenceStats, b: CadenceStats): number | null {
  const p = new CadenceStats();
  p.merge(a);
  p.merge(b);
  return p.cv();
}

/** Confidence of each hand's cadence, and of the pass's (the lower of the hands that worked). */
function cadenceConfidence(s: BoutStats, workedL: boolean, workedR: boolean): Pick<PassSummary, 'cadence_confidence_left' | 'cadence_confidence_right' | 'cadence_confidence'> {
  const l = s.cadLeft.confidence();
  const r = s.cadRight.confidence();
  const known = [workedL ? l : null, workedR ? r : null].filter((x): x is number => x !== null);
  return { cadence_confidence_left: l, cadence_confidence_right: r, cadence_confidence: known.length ? Math.min(...known) : null };
}

export function passSummary(index: number, start: number, end: number, s: BoutStats): PassSummary {
  const workedL = s.left.press_s >= WORKED_SHARE * s.any_s && s.any_s > 0;
  const workedR = s.right.press_s >= WORKED_SHARE * s.any_s && s.any_s > 0;
  const cl = s.cadLeft.cadence();
  const cr = s.cadRight.cadence();
  let circles = 0;
  let nc = 0;
  if (workedL) { circles += s.cadLeft.circles; nc++; }
  if (workedR) { circles += s.cadRight.circles; nc++; }
  const known = (workedL && cl !== null ? 1 : 0) + (workedR && cr !== null ? 1 : 0);
  const cadence = known === 0 ? null
    : ((workedL && cl !== null ? cl : 0) + (workedR && cr !== null ? cr : 0)) / known;
  return {
    index,
    start_s: start,
    end_s: end,
    duration_s: end - start,
    circles_left: s.cadLeft.circles,
    circles_right: s.cadRight.circles,
    circles: nc ? Math.round(circles / nc) : 0,
    cadence_left_hz: cl,
    cadence_right_hz: cr,
    cadence_hz: cadence,
    regularity_cv: pooledCv(s.cadLeft, s.cadRight),
    ...cadenceConfidence(s, workedL, workedR),
    mean_force_left_n: s.left.mean(),
    mean_force_right_n: s.right.mean(),
    bilateral_fraction: end > start ? Math.min(1, s.both_s / (end - start)) : 0,
  };
}
