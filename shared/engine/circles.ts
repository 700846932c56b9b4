// Circles of one hand, fused from two sources: the thumb force (it rises and falls once per
// circle) and the gyroscope on the back of the hand (after bias removal, the axis that moves
// most). Both run all the time. Circles are counted from the force while its rhythm is clearly
// periodic, otherwise from whichever source is more periodic (normalised autocorrelation at
// its own period), with a margin so the choice does not flip-flop. Either source alone is
// enough: a CSV without IMU columns, a failed IMU, or a thumb whose force hardly changes
// within a circle.
import { CycleDetector, Gains, MAX_PERIOD_S, MIN_PERIOD_S, STALE_S } from './cycles';
import { GyroBias, type Vec3 } from './calibration';
import type { HandSample } from './types';

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
/** Circles still count this long after the thumb left the skin (the detector lags), seconds. */
export const CONTACT_GRACE_S = 0.4;
/** Circle periods kept for the live cadence and the live regularity. */
const LIVE_PERIODS = 8;
/** The axis in use changes only to one with this many times its variance. */
const AXIS_SWITCH_RATIO = 2;

/** Counters of circles and their periods (per hand, per pass or per session). */
export class CadenceStats {
  circles = 0;
  n = 0;
  sum = 0;
  sumSq = 0;

  add(period: number): void {
    this.circles++;
    if (period > 0) { this.n++; this.sum += period; this.sumSq += period * period; }
  }
  merge(o: CadenceStats): void {
    this.circles += o.circles; this.n += o.n; this.sum += o.sum; this.sumSq += o.sumSq;
  }
  reset(): void {
    this.circles = 0; this.n = 0; this.sum = 0; this.sumSq = 0;
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
  readonly gyro = new CycleDetector(GYRO_FLOOR_DPS);
  readonly bias: GyroBias;
  /** Gyro axis fed to the detector: 0 x, 1 y, 2 z. */
  axis = 0;
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
  private blocksSeen = 0;
  private imuWasOk = false;

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
    this.force.clearWindow();
  }

  private gyroValue(h: HandSample): number {
    const a = this.axis;
    const raw = a === 0 ? h.gx_dps : a === 1 ? h.gy_dps : h.gz_dps;
    return raw - this.bias.bias[a]!;
  }

  update(h: HandSample, t: number, g: Gains, contact: boolean, lastContact: number): void {
    this.circle = false;
    let fCross = false;
    let gCross = false;
    if (h.thumb_n === h.thumb_n) fCross = this.force.update(h.thumb_n, t, g);
    const imuOk = h.imu_ok;
    if (imuOk) {
      this.sawImu = true;
      this.bias.push(t, h.gx_dps, h.gy_dps, h.gz_dps);
      if (this.bias.blocks !== this.blocksSeen) this.newBlock(h, t);
      const gv = this.gyroValue(h);
      if (!this.imuWasOk) this.gyro.restart(gv, t);
      gCross = this.gyro.update(gv, t, g);
    } else if (this.imuWasOk) {
      this.bias.interrupt();
    }
    this.imuWasOk = imuOk;
    if (!fCross && !gCross) return;

    const fs = this.force.evidence(t);
    const gs = imuOk ? this.gyro.evidence(t) : 0;
    if (this.useGyro) { if (!imuOk || fs >= FORCE_TRUSTED || fs > gs + SOURCE_MARGIN) this.useGyro = false; }
    else if (fs < FORCE_TRUSTED && gs > fs + SOURCE_MARGIN) this.useGyro = true;

    const src = this.useGyro ? this.gyro : this.force;
    if (!(this.useGyro ? gCross : fCross)) return;
    if (!contact && t - lastContact > CONTACT_GRACE_S) return;
    this.circle = true;
    const p = src.period;
    this.circlePeriod = p > 0 && !(this.onset > src.lastCross - p) ? p : 0;
    this.lastCircle = src.lastCross;
    if (this.circlePeriod > 0) {
      this.periods[this.iPeriods] = p;
      this.iPeriods = (this.iPeriods + 1) % LIVE_PERIODS;
      if (this.nPeriods < LIVE_PERIODS) this.nPeriods++;
    } else {
      this.nPeriods = 0; // a pause: the live figures start again
      this.iPeriods = 0;
    }
  }

  /** A gyro block finished: pick the axis that moved most (the circle's main rotation). */
  private newBlock(h: HandSample, t: number): void {
    this.blocksSeen = this.bias.blocks;
    const v = this.bias.blockVar;
    let best = this.axis;
    for (let a = 0; a < 3; a++) if (v[a]! > v[best]! * AXIS_SWITCH_RATIO) best = a;
    if (best !== this.axis) {
      this.axis = best;
      this.gyro.restart(this.gyroValue(h), t);
    }
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
    return this.force.footprint() + this.gyro.footprint() + this.periods.length + this.sorted.length + 6;
  }
}

export { MIN_PERIOD_S, MAX_PERIOD_S };
