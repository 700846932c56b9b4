// Passes (work bouts): a bout starts at the first thumb contact and ends at the last contact
// before both thumbs stayed off longer than segmentation.pass_gap_s; a shorter lift stays
// inside the bout. Bouts shorter than segmentation.min_pass_s are dropped. Each bout carries
// its own statistics, merged into the session's only when it is kept as a pass.
//
// A bout cut by an edge of the recording (thumbs already pressing on its first sample or
// touching within EDGE_LIFT_S of it, or still pressing on its last) is only part of a pass. It
// is kept when it was seen for min_pass_s like any bout, or when a thumb made EDGE_MIN_CIRCLES
// circles in it, however short; it is marked (started_before_recording, ended_after_recording)
// and score() judges its length on what was seen. Why circles and not time: a pass of the SOP
// (seed 000) is 2-3 minutes of small circles with both thumbs, so the seen head or tail of a
// real pass is circling; a touch (placing the hands, oiling the back, the towel and outward
// strokes after the massage in seed 004) makes no circles and must not become a pass, since a
// phantom pass fails pass_count (3, exactly).
//
// A data gap (an unplugged glove, a lost stretch) is an edge of what was seen too: a bout that
// begins within EDGE_LIFT_S of the first sample after a gap, or whose thumbs were pressing on
// the last sample before a gap and had lifted on the first one after it, may have begun or
// ended inside it. It is kept and marked the same way (started_in_gap, ended_in_gap); so is a
// bout with a gap inside, since the time without data may have been work. The gap itself never
// counts as a lift: a pass ends only on a lift seen for pass_gap_s (a gap that swallowed a
// whole pause joins the passes on either side; no rule can tell that from an outage mid-pass).
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
  /** Time without data (gaps) between the bout's start and lastContact, and since lastContact. */
  gapInBout = 0;
  gapSinceContact = 0;
  /** The bout may have been under way when the recording started (pressing within EDGE_LIFT_S of its first sample). */
  early = false;
  /** The bout began within EDGE_LIFT_S of the first sample after a data gap (its start may lie in the gap). */
  startInGap = false;
  /** The thumbs pressed on the last sample before a gap and not on the first after it, and have not pressed since. */
  private endInGap = false;
  /** A thumb pressed on the latest sample. */
  private pressing = false;
  /** Time of the recording's first sample or of the first sample after the latest gap, and which. */
  private edgeT = -Infinity;
  private edgeIsGap = false;
  /** Start, end, gap time and edge flags of the bout closed by the last update(), close() or closeAtEnd(). */
  closedStart = 0;
  closedEnd = 0;
  closedGap = 0;
  closedEarly = false;
  closedLate = false;
  closedStartInGap = false;
  closedEndInGap = false;

  constructor(private readonly gapS: number, private readonly minPassS: number) {}

  /**
   * `any`: a thumb presses on this sample; `gapDt`: the time without data just before it (0
   * when none), which counts neither as a lift nor as pass time; `first`: the recording's first
   * sample; `circles`: the circles of the open bout so far, its busier thumb's (an early bout
   * qualifies on them). Returns BOUT_* flags; an ending is reported first.
   */
  update(t: number, any: boolean, gapDt = 0, first = false, circles = 0): number {
    let r = 0;
    const wasPressing = this.pressing;
    this.pressing = any;
    if (this.inBout) {
      this.gapSinceContact += gapDt;
      if (gapDt > 0 && wasPressing && !any) this.endInGap = true;
      if (t - this.lastContact - this.gapSinceContact > this.gapS) r = this.close(circles);
    }
    if (first || gapDt > 0) {
      this.edgeT = t;
      this.edgeIsGap = !first;
    }
    if (any) {
      if (!this.inBout) {
        this.inBout = true;
        this.qualified = false;
        this.start = t;
        this.gapInBout = 0;
        this.gapSinceContact = 0;
        // Touching within EDGE_LIFT_S of an edge: the thumbs may have been in a short lift
        // inside a pass already under way.
        const nearEdge = t - this.edgeT <= EDGE_LIFT_S;
        this.early = nearEdge && !this.edgeIsGap;
        this.startInGap = nearEdge && this.edgeIsGap;
        r |= BOUT_STARTED;
      }
      this.gapInBout += this.gapSinceContact;
      this.gapSinceContact = 0;
      this.lastContact = t;
      this.endInGap = false;
      if (!this.qualified && t - this.start - this.gapInBout >= this.minPassS) {
        this.qualified = true;
        r |= BOUT_QUALIFIED;
      }
    }
    // A pass seen only from its middle, or with a data gap inside, is kept on its circles (the
    // detector reports a circle up to half a circle late, so this is checked through a lift too).
    const partSeen = this.early || this.startInGap || this.gapInBout > 0;
    if (this.inBout && !this.qualified && partSeen && !(r & BOUT_STARTED) && circles >= EDGE_MIN_CIRCLES) {
      this.qualified = true;
      r |= BOUT_QUALIFIED;
    }
    return r;
  }

  /** Time the open bout has run, without its gaps. */
  elapsed(t: number): number {
    return this.inBout ? t - this.start - this.gapInBout - this.gapSinceContact : 0;
  }

  /**
   * Closes the open bout: BOUT_ENDED, BOUT_DROPPED or 0. One whose end lay in a data gap is
   * kept on its `circles` like a bout cut by the recording's edge (BOUT_QUALIFIED with
   * BOUT_ENDED when only that kept it).
   */
  close(circles = 0): number {
    if (!this.inBout) return 0;
    let r = 0;
    if (!this.qualified && this.endInGap && circles >= EDGE_MIN_CIRCLES) {
      this.qualified = true;
      r = BOUT_QUALIFIED;
    }
    this.inBout = false;
    this.closedStart = this.start;
    this.closedEnd = this.lastContact;
    this.closedGap = this.gapInBout;
    this.closedEarly = this.early;
    this.closedLate = false;
    this.closedStartInGap = this.startInGap;
    this.closedEndInGap = this.endInGap;
    this.endInGap = false;
    return r | (this.qualified ? BOUT_ENDED : BOUT_DROPPED);
  }

  /**
   * Closes the open bout at the end of the recording. One still pressing on the last sample was
   * cut by the stop: marked, and kept on its circles like a bout seen from its middle
   * (BOUT_QUALIFIED with BOUT_ENDED when only that kept it).
   */
  closeAtEnd(circles: number): number {
    if (!this.inBout) return 0;
    const cut = this.pressing;
    let r = 0;
    if (cut && !this.qualified && circles >= EDGE_MIN_CIRCLES) {
      this.qualified = true;
      r = BOUT_QUALIFIED;
    }
    r |= this.close(circles);
    this.closedLate = cut;
    return r;
  }
}

/**
 * A bout whose first contact comes this soon after the recording's first sample (or after a
 * data gap) may have been under way: the edge fell in one of the trainee's short lifts inside a
 * pass (re-placing the thumbs). The simulated trainee's short lifts last 0.35-1.3 s, and her
 * first touch comes 2.05 s or more after the recording starts (660 sessions, all scenarios).
 * Kept short because a trainee who starts her first pass this soon after "start" gets the same
 * mark and her first pass is not judged too short; real lifts were not measured (an assumption).
 */
export const EDGE_LIFT_S = 1;

/**
 * Circles of one thumb that make a bout cut by an edge of the recording a pass: 1.2-3 s of work
 * in sop-000's cadence band (1-2.5 circles/s), more than a press and release can fake.
 */
export const EDGE_MIN_CIRCLES = 3;

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

/** Which edges of a pass were not seen: the recording's start or stop, or a data gap. */
export interface PassEdges {
  early: boolean;
  late: boolean;
  startInGap: boolean;
  endInGap: boolean;
}

const SEEN_WHOLE: PassEdges = { early: false, late: false, startInGap: false, endInGap: false };

export function passSummary(index: number, start: number, end: number, s: BoutStats, gap = 0, edges: PassEdges = SEEN_WHOLE): PassSummary {
  const duration = Math.max(0, end - start - gap);
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
    duration_s: duration,
    gap_s: gap,
    started_before_recording: edges.early,
    ended_after_recording: edges.late,
    started_in_gap: edges.startInGap,
    ended_in_gap: edges.endInGap,
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
    bilateral_fraction: duration > 0 ? Math.min(1, s.both_s / duration) : 0,
  };
}
