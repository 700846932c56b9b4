// Circles of one hand, fused from two sources: the thumb force (it rises and falls once per
// circle) and the gyroscope on the back of the hand, projected on its dominant principal axis
// (a circle turns the rotation vector once, so one axis sees one cycle per circle; the norm of
// the vector would see two). Both run all the time. Circles are counted from the force while its rhythm is clearly
// periodic, otherwise from whichever source is more periodic (normalised autocorrelation at
// its own period), with a margin so the choice does not flip-flop. Either source alone is
// enough: a CSV without IMU columns, a failed IMU, or a thumb whose force hardly changes
// within a circle.
import { BACKLOG, CycleDetector, Gains, MAX_PERIOD_S, MIN_PERIOD_S, STALE_S } from './cycles';
import { GyroBias, type Vec3 } from './calibration';
import type { HandSample } from './types';
import type { Contact } from './contact';

/** Force RMS (after the band-pass) below which the force carries no rhythm, newtons. */
export const FORCE_FLOOR_N = 0.08;
/** Gyro RMS below which the hand does not turn, deg/s. */
export const GYRO_FLOOR_DPS = 3;
/** After a touch-down the force rhythm is ignored this long (the touch-down ramp), seconds. */
export const TOUCHDOWN_SETTLE_S = 0.25;
/** A source must beat the one in use by this much periodicity to take over. */
export const SOURCE_MARGIN = 0.1;
/**
 * The thumb force is the direct measure of the thumb's circles (the gyro sees the back of the
 * hand rock, weakly when circles are slow or small): with at least this periodicity it is used
 * whatever the gyro says. Force noise alone scores below 0.25 (25-200 Hz, 0.3 N noise).
 */
export const FORCE_TRUSTED = 0.4;
/** The gyro counts circles only with at least this periodicity (fidgets and reaching are not circles). */
export const GYRO_MIN_EVIDENCE = 0.4;
/**
 * The gyro alone counts circles only while its band-passed RMS reaches this, deg/s: a hand
 * settling or fidgeting while the thumb rests (2-8 deg/s in the real recordings) is not
 * circling. A 2.5 degree rocking reaches it from about 0.9 Hz; slower, smaller circles need the
 * force's rhythm.
 */
export const GYRO_ACTIVE_DPS = 10;
/** A trusted force keeps the count unless the gyro's periodicity is higher by more than this. */
export const TRUST_GAP = 0.2;
/** Circles still count this long after the thumb left the skin (the detector lags), seconds. */
export const CONTACT_GRACE_S = 0.4;
/** Circle periods kept for the live cadence and the live regularity. */
const LIVE_PERIODS = 8;
/** Time constant of the gyro covariance whose principal axis is followed, seconds (several slow circles: over one circle the covariance of a true circle turns with it). */
export const AXIS_TAU_S = 10;
/** The covariance sees the gyro through a high-pass at this frequency (bias and posture off), Hz. */
const AXIS_HP_HZ = 0.2;
const AXIS_HP_TAU = 1 / (2 * Math.PI * AXIS_HP_HZ);
/** The axis is refined this often, seconds. */
const AXIS_STEP_S = 0.04;

/**
 * The gyro needs two or three circles of a new rhythm before it is periodic enough to count
 * (slow arm circles: 5-9 s). When it starts counting, its lobes since the touch-down that led
 * up to the first counted one, each within this factor of the period estimate, are circles
 * too: counted then, with their periods (SPAR S13 lost its first three, slower circles).
 */
export const EARLY_AGREE = 1.3;

/**
 * After a change of source, the new source's period is still a circle's length when its lobe
 * before this one was the circle last counted (by the other source), within this share of the
 * period of it, the other source saw no lobe in between (the new one would have missed a
 * circle), and that circle's period was measured (a source in its rhythm, not a first lobe).
 * Without this, the periods around every change were left out, and a change mostly follows a
 * long circle (the source in use goes stale waiting for its lobe), so an irregular trainee's
 * cadence read up to 2.3 % fast.
 */
export const SWITCH_MATCH = 0.3;

/** Counters of circles and their periods (per hand, per pass or per session). */
export class CadenceStats {
  circles = 0;
  n = 0;
  sum = 0;
  sumSq = 0;

  /** Sum of the periodicity of the source each circle was counted from (for the confidence). */
  evidence = 0;

  /** `count` circles of `period` each (a cycle that stood for missed lobes counts them too). */
  add(period: number, evidence = 0, count = 1): void {
    this.circles += count;
    this.evidence += evidence * count;
    if (period > 0) { this.n += count; this.sum += period * count; this.sumSq += period * period * count; }
  }
  merge(o: CadenceStats): void {
    this.circles += o.circles; this.n += o.n; this.sum += o.sum; this.sumSq += o.sumSq; this.evidence += o.evidence;
  }
  reset(): void {
    this.circles = 0; this.n = 0; this.sum = 0; this.sumSq = 0; this.evidence = 0;
  }
  /**
   * How sure the cadence is, 0..1: the mean periodicity (autocorrelation peak) of the source
   * each circle came from, times the share of circles whose period was measured, times
   * min(1, periods / 8) (a handful of circles is a weak estimate). Null without a cadence.
   */
  confidence(): number | null {
    if (this.n < 3 || this.circles === 0) return null;
    const c = (this.evidence / this.circles) * (this.n / this.circles) * Math.min(1, this.n / 8);
    return Math.max(0, Math.min(1, c));
  }
  /** Circles per second over the measured periods (1 / mean period); null with fewer than 3. */
  cadence(): number | null {
    return this.n >= 3 ? this.n / this.sum : null;
  }
  /** Coefficient of variation of the period; null with fewer than 4 periods. */
  cv(): number | null {
    if (this.n < 4) return null;
    const m = this.sum / this.n;
    const v = Math.max(0, this.sumSq / this.n - m * m);
    return Math.sqrt(v) / m;
  }
}

export class HandCircles {
  readonly force = new CycleDetector(FORCE_FLOOR_N);
  readonly gyro = new CycleDetector(GYRO_FLOOR_DPS, true);
  readonly bias: GyroBias;
  /** Unit vector of the gyro's dominant principal axis (the detector sees the gyro projected on it). */
  readonly axis = new Float64Array([0.577, 0.577, 0.577]);
  /** Periodicity of the source of the last counted circle. */
  circleEvidence = 0;
  /** Circles the last counted cycle stands for (more than 1 when the trigger missed lobes). */
  circleCount = 1;
  /** Earlier circles credited with it (the gyro's first rhythm) and their periods (0 = unknown), oldest last. */
  earlierCount = 0;
  readonly earlierPeriods = new Float64Array(BACKLOG);
  /** Source circles are counted from. */
  useGyro = false;
  /** Set by update(): a circle was counted on this sample. */
  circle = false;
  /** Its period, seconds (0 when unknown, e.g. the first circle after a pause). */
  circlePeriod = 0;
  lastCircle = -Infinity;
  /** The hand had valid IMU data at least once. */
  sawImu = false;

  private readonly periods = new Float64Array(LIVE_PERIODS);
  private readonly sorted = new Float64Array(LIVE_PERIODS);
  private nPeriods = 0;
  private iPeriods = 0;
  private imuWasOk = false;
  /** The last cross of each source was counted as a circle. */
  private forceChain = false;
  private gyroChain = false;
  /** High-passed gyro per axis (its slow part), and the exponentially weighted covariance. */
  private readonly slow = new Float64Array(3);
  private readonly cov = new Float64Array(6);
  private readonly ang = new Float64Array(3);
  private axisInit = false;
  private lastImuT = NaN;
  private nextAxisStep = -Infinity;

  /** Last touch-down (or data gap): a period that spans it includes a lift and is not a circle's. */
  private onset = -Infinity;

  constructor(initialBias?: Vec3) {
    this.bias = new GyroBias(initialBias);
  }

  /** Restart after a data gap. */
  gap(h: HandSample, t: number): void {
    if (h.thumb_n === h.thumb_n) this.force.reset(h.thumb_n, t);
    this.gyro.reset(this.gyroValue(h), t);
    this.bias.interrupt();
    this.nPeriods = 0;
    this.iPeriods = 0;
    this.onset = t;
  }

  /** The thumb just touched: restart the force filters from the new level (no step transient). */
  contactOnset(h: HandSample, t: number): void {
    this.onset = t;
    if (h.thumb_n === h.thumb_n) this.force.restart(h.thumb_n, t, TOUCHDOWN_SETTLE_S);
    this.force.clearWindow(t);
  }

  private gyroValue(h: HandSample): number {
    const b = this.bias.bias, e = this.axis;
    return (h.gx_dps - b[0]!) * e[0]! + (h.gy_dps - b[1]!) * e[1]! + (h.gz_dps - b[2]!) * e[2]!;
  }

  /**
   * Follows the dominant principal axis of the gyro: an exponentially weighted covariance of
   * the high-passed rates (AXIS_TAU_S) and one power-iteration step per sample. The axis turns
   * smoothly and never flips sign (C is positive semi-definite), so no restart is needed.
   */
  private followAxis(h: HandSample, g: Gains): void {
    const t = g.t;
    const dt = t - this.lastImuT;
    this.lastImuT = t;
    const x = h.gx_dps, y = h.gy_dps, z = h.gz_dps;
    const s = this.slow, c = this.cov, e = this.axis;
    if (!this.axisInit || !(dt > 0) || dt > 0.5) {
      if (!this.axisInit) { this.axisInit = true; c.fill(0); }
      this.ang.fill(0);
      s[0] = x; s[1] = y; s[2] = z;
      return;
    }
    const hp = dt / (AXIS_HP_TAU + dt);
    s[0] += hp * (x - s[0]!); s[1] += hp * (y - s[1]!); s[2] += hp * (z - s[2]!);
    // The covariance is taken of the turned angle (a leaky integral of the rate), not of the
    // rate: integration divides each component by its frequency, so a 2x harmonic (a second
    // lobe per circle on some axis) weighs 4 times less against the circle itself and the
    // axis found is the circle's, not the harmonic's.
    const w = this.ang, leak = dt / AXIS_HP_TAU;
    w[0] += dt * (x - s[0]!) - leak * w[0]!; w[1] += dt * (y - s[1]!) - leak * w[1]!; w[2] += dt * (z - s[2]!) - leak * w[2]!;
    const dx = w[0]!, dy = w[1]!, dz = w[2]!;
    const k = dt / (AXIS_TAU_S + dt);
    c[0] += k * (dx * dx - c[0]!); c[1] += k * (dx * dy - c[1]!); c[2] += k * (dx * dz - c[2]!);
    c[3] += k * (dy * dy - c[3]!); c[4] += k * (dy * dz - c[4]!); c[5] += k * (dz * dz - c[5]!);
    // One power-iteration step every AXIS_STEP_S is plenty for a covariance of 10 s.
    if (t < this.nextAxisStep) return;
    this.nextAxisStep = t + AXIS_STEP_S;
    const ex = e[0]!, ey = e[1]!, ez = e[2]!;
    const nx = c[0]! * ex + c[1]! * ey + c[2]! * ez;
    const ny = c[1]! * ex + c[3]! * ey + c[4]! * ez;
    const nz = c[2]! * ex + c[4]! * ey + c[5]! * ez;
    const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (len > 1e-9) { e[0] = nx / len; e[1] = ny / len; e[2] = nz / len; }
  }

  /** One sample at time g.t; `contact`: this hand's thumb contact. */
  update(h: HandSample, g: Gains, contact: Contact): void {
    this.circle = false;
    const t = g.t;
    let fCross = false;
    let gCross = false;
    const on = contact.on;
    const active = on || t - contact.lastOn <= CONTACT_GRACE_S;
    this.force.estimating = active;
    this.gyro.estimating = active;
    if (h.thumb_n === h.thumb_n) {
      this.force.input = h.thumb_n;
      fCross = this.force.step(g);
    }
    const imuOk = h.imu_ok;
    if (imuOk) {
      this.sawImu = true;
      this.bias.push(t, h.gx_dps, h.gy_dps, h.gz_dps);
      this.followAxis(h, g);
      const gv = this.gyroValue(h);
      if (!this.imuWasOk) this.gyro.restart(gv, t);
      this.gyro.input = gv;
      gCross = this.gyro.step(g);
    } else if (this.imuWasOk) {
      this.bias.interrupt();
    }
    this.imuWasOk = imuOk;
    if (!fCross && !gCross) return;
    const counted = this.decide(t, imuOk, fCross, gCross, on, contact.lastOn);
    // A period is a circle's length only between two counted circles of the same source: the
    // first circle after the hand started circling (or after a change of source) has none.
    if (fCross) this.forceChain = counted === 1;
    if (gCross) this.gyroChain = counted === 2;
  }

  /** Picks the source and counts a circle; returns 0 (none), 1 (force) or 2 (gyro). */
  private decide(t: number, imuOk: boolean, fCross: boolean, gCross: boolean, contact: boolean, lastContact: number): number {
    const fs = this.force.evidence(t);
    // The gyro competes only while it sees a periodic motion of circling size: a hand settling
    // or fidgeting (small or aperiodic) never takes the count from the force.
    const ge = imuOk && this.gyro.rms() >= GYRO_ACTIVE_DPS ? this.gyro.evidence(t) : 0;
    const gs = ge >= GYRO_MIN_EVIDENCE ? ge : 0;
    // The force is trusted when periodic, unless the gyro is clearly more so (a near-steady
    // thumb whose small ripple the trigger only partly sees, while the hand circles widely).
    const trusted = fs >= FORCE_TRUSTED && fs >= gs - TRUST_GAP;
    if (this.useGyro) { if (!imuOk || trusted || fs > gs + SOURCE_MARGIN) this.useGyro = false; }
    else if (!trusted && gs > fs + SOURCE_MARGIN) this.useGyro = true;

    const src = this.useGyro ? this.gyro : this.force;
    if (!(this.useGyro ? gCross : fCross)) return 0;
    if (!contact && t - lastContact > CONTACT_GRACE_S) return 0;
    this.circle = true;
    this.circleEvidence = this.useGyro ? gs : fs;
    this.circleCount = 1 + src.missed;
    const p = src.period;
    const chained = (this.useGyro ? this.gyroChain : this.forceChain) ||
      (this.circlePeriod > 0 && this.followsLast(src, this.useGyro ? this.force : this.gyro, p));
    this.circlePeriod = p > 0 && chained && !(this.onset > src.lastCross - p) ? p : 0;
    this.earlierCount = this.useGyro && !(this.lastCircle > this.onset) ? this.creditEarlier(src) : 0;
    if (this.earlierCount > 0 && p > 0) this.circlePeriod = p;
    this.lastCircle = src.lastCross;
    if (this.circlePeriod > 0) {
      this.periods[this.iPeriods] = p;
      this.iPeriods = (this.iPeriods + 1) % LIVE_PERIODS;
      if (this.nPeriods < LIVE_PERIODS) this.nPeriods++;
    } else {
      this.nPeriods = 0; // a pause: the live figures start again
      this.iPeriods = 0;
    }
    return this.useGyro ? 2 : 1;
  }

  /**
   * The source's lobe before its last one was the circle last counted, and `other` saw none
   * between; not for a period split over missed lobes (the estimate that split it may be off).
   */
  private followsLast(src: CycleDetector, other: CycleDetector, p: number): boolean {
    const m = SWITCH_MATCH * p, from = this.lastCircle;
    if (!(p > 0) || src.missed > 0 || !(Math.abs(src.cycleBefore(1) - from) <= m)) return false;
    for (let i = 0; i < BACKLOG; i++) {
      const c = other.cycleBefore(i);
      if (c > from + m && c < src.lastCross - m) return false;
    }
    return true;
  }

  /**
   * The source's cycles since the touch-down (and the last counted circle) that led up to its
   * first counted one, through a chain of periods (as the detector judged them: no wind-up, no
   * missed lobe) each within EARLY_AGREE of the estimate: fills earlierPeriods (0 = unknown
   * where the chain ends) and returns how many.
   */
  private creditEarlier(src: CycleDetector): number {
    const e = src.estimate;
    const agrees = (q: number): boolean => q > 0 && q * EARLY_AGREE >= e && q <= EARLY_AGREE * e;
    if (!(e > 0) || !agrees(src.periodBefore(0))) return 0;
    const after = (t: number): boolean => t > this.onset && t > this.lastCircle;
    let n = 0;
    for (let i = 1; i < BACKLOG && after(src.cycleBefore(i)); i++) {
      const q = src.periodBefore(i);
      const known = after(src.cycleBefore(i + 1)) && agrees(q);
      this.earlierPeriods[n++] = known ? q : 0;
      if (!known) break;
    }
    return n;
  }

  /** Live cadence: 1 / median of the recent periods; null without a recent circle. */
  liveCadence(t: number): number | null {
    if (this.nPeriods < 3 || t - this.lastCircle > STALE_S) return null;
    return 1 / this.median();
  }

  /** Live regularity: CV of the recent periods; null with fewer than 5. */
  liveCv(t: number): number | null {
    const n = this.nPeriods;
    if (n < 5 || t - this.lastCircle > STALE_S) return null;
    let s = 0, q = 0;
    for (let i = 0; i < n; i++) { const p = this.periods[i]!; s += p; q += p * p; }
    const m = s / n;
    return Math.sqrt(Math.max(0, q / n - m * m)) / m;
  }

  private median(): number {
    const n = this.nPeriods;
    const a = this.sorted;
    for (let i = 0; i < n; i++) {
      const x = this.periods[i]!;
      let j = i - 1;
      while (j >= 0 && a[j]! > x) { a[j + 1] = a[j]!; j--; }
      a[j + 1] = x;
    }
    return n & 1 ? a[n >> 1]! : 0.5 * (a[(n >> 1) - 1]! + a[n >> 1]!);
  }

  footprint(): number {
    return this.force.footprint() + this.gyro.footprint() + this.periods.length + this.sorted.length + this.axis.length + this.slow.length + this.cov.length + this.ang.length + 6;
  }
}

export { MIN_PERIOD_S, MAX_PERIOD_S };
