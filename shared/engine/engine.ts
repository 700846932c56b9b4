// The streaming scoring engine: calibrated samples in, events and a live state out, and a
// session summary at the end. Pure and constant memory per channel: fixed buffers only; the
// list of passes is the one thing that grows (one entry per pass). See docs/ENGINE.md.
import type { Profile } from '../profiles/schema';
import type {
  CueId, EngineEvent, EngineSample, GapCause, GapSummary, Hand, HandSummary, LiveHand, LiveState, PassSummary, SessionSummary,
} from './types';
import { Contact } from './contact';
import { CadenceStats, HandCircles } from './circles';
import { Gains } from './cycles';
import { ForceStats, TooHard, forceBand } from './pressure';
import * as passes_ from './passes';
import { BoutStats, Segmenter, passSummary } from './passes';
import { CueDebounce, blankCueContext, pickCue } from './cues';

// Local copies: imported bindings can cost a getter call per use when run through a loader.
const BOUT_ENDED = passes_.BOUT_ENDED;
const BOUT_DROPPED = passes_.BOUT_DROPPED;
const BOUT_QUALIFIED = passes_.BOUT_QUALIFIED;

/** A longer step between samples is a data gap: the rhythm filters restart, seconds. */
export const GAP_S = 0.5;
/** Pressing shorter than this at the recording's start or stop is not reported (fragments()). */
const MIN_FRAGMENT_S = 0.05;
/** Most time one sample may stand for in time-weighted sums (a lost frame or two), seconds. */
export const MAX_STEP_S = 0.1;
/** Smoothing of the live force (and its band), seconds: about one circle. */
export const LIVE_FORCE_TAU_S = 0.5;
/** Contact is judged on the force smoothed this much (one-sample spikes do not start a pass), seconds. */
export const CONTACT_TAU_S = 0.02;
/** Cues are judged this often, seconds. */
export const CUE_STEP_S = 0.1;
/** Gaps listed one by one in the summary (all are counted). */
export const MAX_GAPS_LISTED = 200;

export interface Engine {
  push(s: EngineSample): void;
  live(): LiveState;
  /** Closes the open pass (a pass_end event) and returns the summary. Pushing afterwards starts a new pass. */
  finish(): SessionSummary;
  /** The summary of the passes finished so far, without closing the open one (changes nothing). */
  snapshot(): SessionSummary;
  /**
   * The next sample follows a break in the data of this cause: with `always`, a gap even if its
   * time step is short (a restarted device, placed right after the time reached); otherwise
   * only the cause of a gap the time step shows.
   */
  markGap(cause: GapCause, always: boolean): void;
  /** The gaps so far (the summary's gap fields). */
  gapInfo(): { gaps: GapSummary[]; gap_count: number; gap_s: number };
  /**
   * Seconds of pressing the recording began (or, after finish(), ended) with that made no pass
   * (too few circles: perhaps the end or the start of a pass, perhaps a touch); each field only
   * when there was such pressing (the report's recording fields).
   */
  fragments(): { start_fragment_s?: number; end_fragment_s?: number };
  /** Samples scored. */
  readonly samples: number;
  /** Samples ignored because their time did not increase (or was not a number). */
  readonly skipped: number;
  /** Mean sample rate so far (samples per second of recording), null before two samples. */
  rateHz(): number | null;
  /** Numbers held in internal buffers; fixed for the engine's life (checked by the tests). */
  footprint(): number;
}

class HandState {
  readonly contact: Contact;
  readonly circles = new HandCircles();
  readonly tooHard: TooHard;
  /** Live (smoothed) force. */
  force = 0;
  /** Force lightly smoothed for contact detection. */
  contactForce = NaN;
  constructor(p: Profile, readonly hand: Hand) {
    this.contact = new Contact(p.segmentation.contact_on_n, p.segmentation.contact_off_n);
    this.tooHard = new TooHard(p.too_hard_n);
  }
}

export function createEngine(profile: Profile, onEvent?: (e: EngineEvent) => void): Engine {
  const seg = profile.segmentation;
  const target = profile.criteria.force_n.target;
  const warn = profile.criteria.force_n.warn;
  const tMin = target.min, tMax = target.max;
  const L = new HandState(profile, 'left');
  const R = new HandState(profile, 'right');
  const gains = new Gains();
  const segmenter = new Segmenter(seg.pass_gap_s, seg.min_pass_s);
  const bout = new BoutStats();
  const session = new BoutStats();
  const passes: PassSummary[] = [];
  const cueCtx = blankCueContext();
  const cue = new CueDebounce();

  // Numbers written per sample live in an object's fields, not in closure variables: V8 stores
  // a new number into a closure variable as a fresh heap object (see Gains.t).
  const st = {
    t0: NaN,
    lastT: -Infinity,
    /** Time-weight of the current sample (its step, at most MAX_STEP_S). */
    w: 0,
    smoothGain: 0,
    contactGain: 1,
    smoothDt: -1,
    nextCue: -Infinity,
    gapTotal: 0,
  };
  let samples = 0;
  let skipped = 0;
  let tooHardEvents = 0;
  const gaps: GapSummary[] = [];
  let gapCount = 0;
  let gapCause: GapCause | null = null;
  let gapAlways = false;
  const fragments: { start_fragment_s?: number; end_fragment_s?: number } = {};

  const emit = onEvent ?? null;

  function closeBout(flags: number): void {
    if (flags & BOUT_ENDED) {
      const g = segmenter;
      const p = passSummary(passes.length + 1, g.closedStart, g.closedEnd, bout, g.closedGap, {
        early: g.closedEarly, late: g.closedLate, startInGap: g.closedStartInGap, endInGap: g.closedEndInGap,
      });
      passes.push(p);
      session.merge(bout);
      if (emit) emit({ type: 'pass_end', t_s: p.end_s, index: p.index, duration_s: p.duration_s });
    } else if (flags & BOUT_DROPPED) {
      const seen = segmenter.closedEnd - segmenter.closedStart - segmenter.closedGap;
      const atStart = segmenter.closedStart === st.t0;
      if (seen >= MIN_FRAGMENT_S && (atStart || segmenter.closedLate)) fragments[atStart ? 'start_fragment_s' : 'end_fragment_s'] = seen;
    }
    bout.reset();
  }

  /** Circles of the open bout so far, its busier thumb's (a bout cut by the recording's edge qualifies on them). */
  function boutCircles(): number {
    return bout.cadLeft.circles > bout.cadRight.circles ? bout.cadLeft.circles : bout.cadRight.circles;
  }

  /** Contact, live force and too-hard of one hand (before segmentation). */
  function contactAndForce(h: HandState, x: EngineSample['left'], gap: boolean): void {
    const t = gains.t;
    const contactGain = st.contactGain;
    const f = x.thumb_n;
    const c = h.contact;
    const cf = !gap && h.contactForce === h.contactForce ? h.contactForce + contactGain * (f - h.contactForce) : f;
    h.contactForce = cf;
    const change = c.update(cf, t);
    if (change !== 0) {
      if (change > 0) {
        h.circles.contactOnset(x, t);
        h.force = f;
      }
      if (emit) emit({ type: 'contact', t_s: t, hand: h.hand, on: change > 0 });
    }
    if (gap) h.circles.gap(x, t);
    if (f === f) {
      h.force += st.smoothGain * (f - h.force);
      if (h.tooHard.update(f, t)) {
        tooHardEvents++;
        if (emit) emit({ type: 'too_hard', t_s: t, hand: h.hand, force_n: f });
      }
    }
  }

  /** Circles and pressing statistics of one hand, into the current bout. */
  function rhythmAndPressure(h: HandState, x: EngineSample['left'], fs: ForceStats, cad: CadenceStats): void {
    const on = h.contact.on;
    const w = st.w;
    const circ = h.circles;
    circ.update(x, gains, h.contact);
    if (circ.circle && segmenter.inBout) {
      cad.add(circ.circlePeriod, circ.circleEvidence, circ.circleCount);
      for (let i = 0; i < circ.earlierCount; i++) cad.add(circ.earlierPeriods[i]!, circ.circleEvidence, 1);
      // The circle's own time (its peak), found up to half a circle later; period 0 = unknown.
      if (emit) emit({ type: 'circle', t_s: circ.lastCircle, hand: h.hand, period_s: circ.circlePeriod });
    }
    if (on && w > 0) {
      const f = x.thumb_n;
      fs.add(f, w, f >= tMin && f <= tMax);
    }
  }

  function push(s: EngineSample): void {
    const t = s.t_s;
    if (!(t > st.lastT)) { skipped++; return; }
    const first = samples === 0;
    const dt = first ? 0 : t - st.lastT;
    if (first) st.t0 = t;
    st.lastT = t;
    gains.t = t;
    samples++;
    const gap = dt > GAP_S || (gapAlways && !first);
    if (gap) {
      gapCount++;
      st.gapTotal += dt;
      if (gaps.length < MAX_GAPS_LISTED) gaps.push({ start_s: lastStart(t, dt), duration_s: dt, cause: gapCause ?? 'lost' });
    }
    gapCause = null;
    gapAlways = false;
    const w = Math.min(dt, MAX_STEP_S); // not a ternary with a constant: V8 would box w
    st.w = w;
    if (dt > 0 && !gap) {
      gains.set(dt);
      if (Math.abs(dt - st.smoothDt) > 1e-6) {
        st.smoothDt = dt;
        st.smoothGain = dt / (LIVE_FORCE_TAU_S + dt);
        st.contactGain = dt / (CONTACT_TAU_S + dt);
      }
    }

    contactAndForce(L, s.left, gap);
    contactAndForce(R, s.right, gap);
    const onL = L.contact.on, onR = R.contact.on;
    const any = onL || onR;

    const flags = segmenter.update(t, any, gap ? dt : 0, first, boutCircles());
    // With BOUT_ENDED, BOUT_QUALIFIED is the closed bout's (its end lay in a gap): a bout that
    // starts on this sample cannot qualify on it.
    const closedQualified = (flags & BOUT_ENDED) !== 0 && (flags & BOUT_QUALIFIED) !== 0;
    if (closedQualified && emit) emit({ type: 'pass_start', t_s: segmenter.closedStart, index: passes.length + 1 });
    if (flags & (BOUT_ENDED | BOUT_DROPPED)) closeBout(flags);
    if (flags & BOUT_QUALIFIED && !closedQualified && emit) emit({ type: 'pass_start', t_s: segmenter.start, index: passes.length + 1 });

    rhythmAndPressure(L, s.left, bout.left, bout.cadLeft);
    rhythmAndPressure(R, s.right, bout.right, bout.cadRight);
    if (segmenter.inBout && any) {
      bout.any_s += w;
      if (onL && onR) bout.both_s += w;
    }

    if (t >= st.nextCue) {
      st.nextCue = t + CUE_STEP_S;
      fillCueHand(cueCtx.left, L, t);
      fillCueHand(cueCtx.right, R, t);
      cueCtx.inPass = segmenter.inBout;
      cueCtx.passElapsed = segmenter.inBout ? segmenter.lastContact - segmenter.start - segmenter.gapInBout : 0;
      if (cue.update(pickCue(cueCtx, profile), t) && emit) emit({ type: 'cue', t_s: t, cue: cue.shown });
    }
  }

  function fillCueHand(c: typeof cueCtx.left, h: HandState, t: number): void {
    c.contact = h.contact.on;
    c.band = forceBand(c.contact, h.force, target, warn);
    c.cadence = c.contact ? h.circles.liveCadence(t) : null;
    c.cv = c.contact ? h.circles.liveCv(t) : null;
  }

  function liveHand(h: HandState, t: number): LiveHand {
    const contact = h.contact.on;
    return {
      force_n: Number.isFinite(h.force) ? h.force : 0,
      band: forceBand(contact, h.force, target, warn),
      cadence_hz: contact ? h.circles.liveCadence(t) : null,
      contact,
    };
  }

  function live(): LiveState {
    const t = samples ? st.lastT : 0;
    const left = liveHand(L, t);
    const right = liveHand(R, t);
    const known = (left.cadence_hz !== null ? 1 : 0) + (right.cadence_hz !== null ? 1 : 0);
    const inPass = segmenter.inBout;
    const last = passes[passes.length - 1];
    return {
      t_s: t,
      in_pass: inPass,
      pass_number: passes.length + (inPass ? 1 : 0),
      pass_elapsed_s: inPass ? segmenter.elapsed(t) : last ? last.duration_s : 0,
      left,
      right,
      cadence_hz: known ? ((left.cadence_hz ?? 0) + (right.cadence_hz ?? 0)) / known : null,
      cue: cue.shown as CueId,
    };
  }

  function finish(): SessionSummary {
    const flags = segmenter.closeAtEnd(boutCircles());
    if (flags & BOUT_QUALIFIED && emit) emit({ type: 'pass_start', t_s: segmenter.closedStart, index: passes.length + 1 });
    closeBout(flags);
    return snapshot();
  }

  function snapshot(): SessionSummary {
    return sessionSummary({
      samples, t0: st.t0, lastT: st.lastT, passes, session,
      sawImuLeft: L.circles.sawImu, sawImuRight: R.circles.sawImu,
      tooHardEvents, gaps, gapCount, gapTotal: st.gapTotal,
    });
  }

  /** Time of the last sample before a gap that ends at t after dt. */
  function lastStart(t: number, dt: number): number {
    return t - dt;
  }

  return {
    push,
    markGap(cause: GapCause, always: boolean): void {
      gapCause = cause;
      if (always) gapAlways = true;
    },
    gapInfo: () => ({ gaps: gaps.slice(), gap_count: gapCount, gap_s: st.gapTotal }),
    fragments: () => ({ ...fragments }),
    live,
    finish,
    snapshot,
    get samples() { return samples; },
    get skipped() { return skipped; },
    rateHz: () => sampleRate(samples, st.t0, st.lastT),
    footprint: () => L.circles.footprint() + R.circles.footprint(),
  };
}

/** What the summary is made of: the engine's state after its last sample (also the compiled scorer's result). */
export interface EngineTotals {
  samples: number;
  t0: number;
  lastT: number;
  /** The kept passes, and their statistics merged in order. */
  passes: readonly PassSummary[];
  session: BoutStats;
  sawImuLeft: boolean;
  sawImuRight: boolean;
  tooHardEvents: number;
  gaps: readonly GapSummary[];
  gapCount: number;
  gapTotal: number;
}

export function sessionSummary(x: EngineTotals): SessionSummary {
  const s = x.session;
  const press = s.left.press_s + s.right.press_s;
  const total = s.left.sum + s.right.sum;
  let work = 0;
  for (const p of x.passes) work += p.duration_s;
  return {
    duration_s: x.samples ? x.lastT - x.t0 : 0,
    work_s: work,
    samples: x.samples,
    passes: x.passes.slice(),
    left: handSummary(s.left, s.cadLeft, x.sawImuLeft),
    right: handSummary(s.right, s.cadRight, x.sawImuRight),
    in_band_fraction: press > 0 ? (s.left.inBand_s + s.right.inBand_s) / press : null,
    bilateral_fraction: work > 0 ? Math.min(1, s.both_s / work) : null,
    balance: total > 0 ? s.left.sum / total : null,
    too_hard_events: x.tooHardEvents,
    gaps: x.gaps.slice(),
    gap_count: x.gapCount,
    gap_s: x.gapTotal,
  };
}

function handSummary(fs: ForceStats, cad: CadenceStats, imu: boolean): HandSummary {
  return {
    mean_n: fs.mean(),
    sd_n: fs.sd(),
    max_n: fs.maxN(),
    in_band_fraction: fs.inBandFraction(),
    pressing_s: fs.press_s,
    circles: cad.circles,
    cadence_hz: cad.cadence(),
    cadence_confidence: cad.confidence(),
    regularity_cv: cad.cv(),
    imu,
  };
}

/** Mean sample rate (samples per second of recording, 0.1 Hz steps), null before two samples. */
export function sampleRate(samples: number, t0: number, lastT: number): number | null {
  return samples > 1 && lastT > t0 ? Math.round(((samples - 1) / (lastT - t0)) * 10) / 10 : null;
}
