// Cycle counting on one signal (a thumb force or a gyro axis): band-pass 0.4 (gyro 0.25)-6 Hz, a Schmitt
// trigger with thresholds that follow the signal's RMS, each cycle timed at its peak, and a
// period estimate from the autocorrelation over the last ~10 s (every 1 s, lags 0.25-4 s,
// the first strong peak): its peak is the periodicity score, and a cycle shorter than 0.6 of
// that period is a harmonic (a second lobe inside one circle) and is not counted.
// Works at any sample rate and with irregular timestamps: the filters take their gains from
// each sample's dt, and the autocorrelation runs on a fixed 25 Hz grid. Constant memory.
// docs/ENGINE.md section 5 gives the reasons for each number.

/** Accepted circle periods, seconds (6.7 Hz .. 0.25 Hz). */
export const MIN_PERIOD_S = 0.15;
export const MAX_PERIOD_S = 4;
/** Pass band of the cycle filter, Hz. */
export const BAND_LOW_HZ = 0.4;
/** The gyro's band starts lower (slow arm circles; the gyro has no slow drift of its own), Hz. */
export const BAND_LOW_SLOW_HZ = 0.25;
export const BAND_HIGH_HZ = 6;
/**
 * The force's band ends higher: an irregular trainee's shortest circles (0.17-0.3 s) lost half
 * their dip through two poles at 6 Hz, so two circles merged into one (the period sum stays,
 * the count drops: the cadence read slow). The force has no harmonic to keep out; 10 Hz still
 * smooths the 25 Hz samples (Nyquist 12.5 Hz).
 */
export const BAND_HIGH_FORCE_HZ = 10;
/** Time constant of the RMS envelope that scales the thresholds, seconds. */
export const ENVELOPE_TAU_S = 2;
/** The envelope and the periodicity window see the signal clipped at +-CLIP x RMS. */
export const CLIP = 3;
/** Schmitt thresholds at +-HYSTERESIS x RMS. */
export const HYSTERESIS = 0.5;
/** The periodicity grid: 25 Hz, 256 points (10.24 s: two of the slowest circles). */
export const GRID_DT_S = 0.04;
const RING = 256;
/** Most samples kept of one lobe (half of the slowest circle at 200 Hz). */
const LOBE = 512;
/** A lobe is timed where it crosses this share of the wave's height below its peak. */
export const PEAK_DROP = 0.1;
const MASK = RING - 1;
/** Periods kept for the median that sets the autocorrelation lag. */
const RECENT = 5;
/** Weight of a new autocorrelation value in the smoothed score. */
const SCORE_GAIN = 0.35;
/** Without a cycle for this long, a detector has no evidence (score 0). */
export const STALE_S = 4.5;
/** With an estimate, a detector is stale after this many of its periods (at least STALE_MIN_S). */
const STALE_PERIODS = 2.5;
const STALE_MIN_S = 1;
/** The autocorrelation period estimate is refreshed this often, seconds. */
export const ESTIMATE_S = 1;
/** Lags searched, grid steps: 0.24 s .. 4 s (4.2 Hz .. 0.25 Hz). */
const LAG_MIN = 6;
const LAG_MAX = 100;
/** The first autocorrelation peak at least this share of the highest one is the period (not a multiple). */
const FIRST_PEAK_SHARE = 0.8;
/** A period within SPLIT_TOLERANCE of k (2..MAX_SPLIT) estimated periods is k circles of p / k. */
const MAX_SPLIT = 3;
/** Any other period this many estimates long is no circle's length (it still counts one circle). */
const LONG_SHARE = 1.6;
const SPLIT_TOLERANCE = 0.3;
/**
 * ... and only with an estimate made on at least this many of its periods of signal: just after
 * a touch-down cleared the window, a second of signal can give a false short period with a high
 * peak (a 0.24 s estimate split a 0.7 s circle in three).
 */
const SPLIT_MIN_WINDOW = 3;
/** The search narrows to the lags around the estimate when it is at least this periodic. */
const NARROW_MIN_SCORE = 0.5;
/** A cycle shorter than this share of the estimated period is a harmonic, not a circle. */
export const HARMONIC_SHARE = 0.6;
/** The estimate guards against harmonics only when at least this periodic. */
const GUARD_MIN_SCORE = 0.6;
/**
 * A gyro lobe at least this many times as high as the last counted one is an arm still winding
 * up from rest: the time since that lobe is not a circle's length (the circle still counts). On
 * the real recordings the lobes of a started motion stay within 0.6-1.5 times the one before,
 * while the first lobes after rest grow 1.9-3.8 times each, over periods up to 35 % short.
 */
export const RAMP_RATIO = 1.8;

/** Lobe times kept, for crediting the circles seen before the rhythm was recognised. */
export const BACKLOG = 4;

/** A lobe of height `peak` after one of height `lastPeak` (0 = none) is still a wind-up. */
export function windingUp(lastPeak: number, peak: number): boolean {
  return lastPeak > 0 && peak >= RAMP_RATIO * lastPeak;
}

const HP_TAU = 1 / (2 * Math.PI * BAND_LOW_HZ);
const HP_SLOW_TAU = 1 / (2 * Math.PI * BAND_LOW_SLOW_HZ);
const LP_TAU = 1 / (2 * Math.PI * BAND_HIGH_HZ);
const LP_FORCE_TAU = 1 / (2 * Math.PI * BAND_HIGH_FORCE_HZ);
/** Peaks are timed on the raw signal through one pole at this frequency (noise off, little delay). */
export const TIMING_HZ = 8;
const TIMING_TAU = 1 / (2 * Math.PI * TIMING_HZ);

/** One-pole filter gains for the current sample interval; shared by every detector of an engine. */
export class Gains {
  /**
   * Time of the sample being fed, seconds. The per-sample calls take their numbers from fields
   * (this, a detector's `input`), not arguments: V8 boxes a number passed to a call it does not
   * inline (a heap allocation each, about 16 per sample).
   */
  t = 0;
  dt = -1;
  hp = 0;
  hpSlow = 0;
  lp = 0;
  lpForce = 0;
  env = 0;
  timing = 0;
  /** Refreshes the gains when dt changed (by more than 1 us). */
  set(dt: number): void {
    if (Math.abs(dt - this.dt) < 1e-6) return;
    this.dt = dt;
    this.hp = dt / (HP_TAU + dt);
    this.hpSlow = dt / (HP_SLOW_TAU + dt);
    this.lp = dt / (LP_TAU + dt);
    this.lpForce = dt / (LP_FORCE_TAU + dt);
    this.env = dt / (ENVELOPE_TAU_S + dt);
    this.timing = dt / (TIMING_TAU + dt);
  }
}

export class CycleDetector {
  /** Time of the last cycle (its peak). */
  lastCross = -Infinity;
  /** Period ending at the last cycle, seconds; 0 when it was out of range (first after a pause). */
  period = 0;
  /** Smoothed normalised autocorrelation at the current period, 0..1. */
  score = 0;
  /** Cycles seen since creation. */
  cycles = 0;
  /** Period from the autocorrelation (0 = none yet), seconds; `score` is its peak. */
  estimate = 0;
  /** Set false while the signal cannot count (a hand not pressing): the estimate is skipped. */
  estimating = true;
  /** Circles the last cycle stood for beyond itself (missed lobes); its `period` is per circle. */
  missed = 0;
  /** Lobes not counted because they were shorter than HARMONIC_SHARE of the estimate. */
  harmonics = 0;

  private base = NaN;
  private settleUntil = -Infinity;
  /** The raw value lightly smoothed (TIMING_HZ), for timing the peaks. */
  private smooth = 0;
  private lp1 = 0;
  private lp2 = 0;
  private env = 0;
  /** -1 below the lower threshold, +1 above the upper one, 0 not known yet. */
  private side = 0;
  /** Since the restart the band-passed signal was below zero (side still 0): the next lobe rises whole. */
  private lowSinceRestart = false;
  /** The current lobe is that first one (1), and it fell below zero again without reaching -th (2). */
  private firstLobe = 0;
  /** Samples of the current lobe above +th; -1 = not a whole lobe. */
  private readonly lobeT = new Float64Array(LOBE);
  private readonly lobeY = new Float32Array(LOBE);
  private lobeLen = -1;
  /** Times of the last BACKLOG cycles and their periods as judged (0 = unknown), a ring; how many are kept. */
  private readonly crossT = new Float64Array(BACKLOG);
  private readonly crossP = new Float64Array(BACKLOG);
  private nCross = 0;
  private iCross = 0;
  /** Height of the current lobe and of the last counted one on the band-passed signal (0 = none). */
  private lobePeak = 0;
  private lastPeak = 0;
  private readonly floor2: number;
  private readonly recent = new Float64Array(RECENT);
  private readonly scratch = new Float64Array(RECENT);
  private nRecent = 0;
  private iRecent = 0;
  private readonly ring = new Float32Array(RING);
  private pos = 0;
  private nextGrid = NaN;
  private nextEstimate = -Infinity;
  /** Since when the periodicity window holds signal (cleared before), and how much of it the estimate saw, seconds. */
  private windowFrom = -Infinity;
  private estimateSpan = 0;
  private readonly acf = new Float32Array(LAG_MAX + 2);
  /** The lags estimatePeriod searches (searchLags). */
  private lagLo = LAG_MIN;
  private lagHi = LAG_MAX;

  /**
   * `floor`: the smallest RMS treated as signal (below it, thresholds stay at HYSTERESIS x floor);
   * `slowBand`: the band starts at BAND_LOW_SLOW_HZ instead of BAND_LOW_HZ.
   */
  constructor(floor: number, private readonly slowBand = false) {
    this.floor2 = floor * floor;
  }

  /** Restarts the filters from value x (after a gap, a touch-down or an axis change), ignoring `settle_s` of input. */
  restart(x: number, t: number, settle_s = 0): void {
    this.settleUntil = t + settle_s;
    this.base = x;
    this.smooth = x;
    this.lp1 = 0;
    this.lp2 = 0;
    this.side = 0;
    this.lowSinceRestart = false;
    this.firstLobe = 0;
    this.lobeLen = -1;
    this.lastPeak = 0;
    this.nCross = 0;
    if (this.nextGrid !== this.nextGrid) this.nextGrid = t;
  }

  /** Forgets the periodicity window at time t (a rhythm that restarts after a lift has a new phase). */
  clearWindow(t: number): void {
    this.ring.fill(0);
    this.windowFrom = t;
  }

  /** A data gap: forget the envelope, the grid and the period chain too. */
  reset(x: number, t: number): void {
    this.restart(x, t);
    this.env = 0;
    this.ring.fill(0);
    this.windowFrom = t;
    this.nextGrid = t;
    this.lastCross = -Infinity;
    this.score = 0;
    this.estimate = 0;
  }

  /** RMS of the band-passed signal (2 s envelope). */
  rms(): number {
    return Math.sqrt(this.env);
  }

  /** Score that counts now: 0 when no cycle was seen for STALE_S. */
  evidence(t: number): number {
    // A trigger that stopped seeing lobes (a ripple grown too small for its thresholds) has no
    // evidence after a few of its own periods, however periodic the signal still looks.
    const e = this.estimate;
    const stale = e > 0 ? Math.min(STALE_S, Math.max(STALE_MIN_S, STALE_PERIODS * e)) : STALE_S;
    return t - this.lastCross > stale ? 0 : this.score;
  }

  /** Time of the i-th cycle before the last one (i = 0: the last one); NaN when not kept. */
  cycleBefore(i: number): number {
    if (i < 0 || i >= this.nCross) return NaN;
    return this.crossT[(this.iCross - 1 - i + 2 * BACKLOG) % BACKLOG]!;
  }

  /** Period that ended at the i-th cycle before the last one, as judged then (0 = unknown or not kept). */
  periodBefore(i: number): number {
    if (i < 0 || i >= this.nCross) return 0;
    return this.crossP[(this.iCross - 1 - i + 2 * BACKLOG) % BACKLOG]!;
  }

  /** Period median of the last few cycles (0 when none). */
  medianPeriod(): number {
    const n = this.nRecent;
    if (n === 0) return 0;
    const a = this.scratch;
    for (let i = 0; i < n; i++) {
      const x = this.recent[i]!;
      let j = i - 1;
      while (j >= 0 && a[j]! > x) { a[j + 1] = a[j]!; j--; }
      a[j + 1] = x;
    }
    return n & 1 ? a[n >> 1]! : 0.5 * (a[(n >> 1) - 1]! + a[n >> 1]!);
  }

  /** The value the next step() feeds (see Gains.t). */
  input = 0;

  /** Feeds one value at time t (and sets g.t); true when a cycle completed (then `lastCross` and `period` are set). */
  update(x: number, t: number, g: Gains): boolean {
    this.input = x;
    g.t = t;
    return this.step(g);
  }

  /** update() for the engine's hot path: feeds `input` at time g.t. */
  step(g: Gains): boolean {
    const x = this.input, t = g.t;
    if (this.base !== this.base) { this.reset(x, t); }
    if (t < this.settleUntil) {
      // Settling after a restart (a thumb touching down): follow the level, no rhythm yet.
      this.base = x;
      this.smooth = x;
      return false;
    }
    const sm = this.smooth + g.timing * (x - this.smooth);
    this.smooth = sm;
    const base = this.base + (this.slowBand ? g.hpSlow : g.hp) * (x - this.base);
    this.base = base;
    const glp = this.slowBand ? g.lp : g.lpForce;
    const lp1 = this.lp1 + glp * (x - base - this.lp1);
    this.lp1 = lp1;
    const y = this.lp2 + glp * (lp1 - this.lp2);
    this.lp2 = y;
    const y2 = y * y;
    // A touch-down or a lift is a step many times the rhythm: clipped at CLIP x RMS it can
    // neither pump the thresholds up nor swamp the periodicity window for seconds after.
    const power = this.env > this.floor2 ? this.env : this.floor2;
    const lim2 = CLIP * CLIP * power;
    this.env += g.env * ((y2 < lim2 ? y2 : lim2) - this.env);
    if (t - this.nextGrid > 1) { this.ring.fill(0); this.nextGrid = t; this.windowFrom = t; } // resumed after an outage
    if (t >= this.nextGrid) {
      let v = y;
      if (y2 > lim2) { const lim = Math.sqrt(lim2); v = y > 0 ? lim : -lim; }
      do {
        this.ring[this.pos] = v;
        this.pos = (this.pos + 1) & MASK;
        this.nextGrid += GRID_DT_S;
      } while (t >= this.nextGrid);
      if (t >= this.nextEstimate && this.estimating) {
        this.nextEstimate = t + ESTIMATE_S;
        this.estimateSpan = t - this.windowFrom;
        this.estimatePeriod();
      }
    }
    const th2 = HYSTERESIS * HYSTERESIS * power;
    // A cycle is a lobe above +th followed by a fall below -th. The lobe's samples are kept;
    // its time is the midpoint of where it crosses a level just below its own peak. Timing
    // near the peak keeps each circle's length its own (crossings low on the flanks would
    // blend the lengths of neighbouring circles and understate the irregularity by ~20 %).
    let crossed = false;
    // The filters restart at zero, so a signal that dipped below zero since then and now
    // rises above +th is a whole lobe (the first circle after a touch-down, which seldom
    // reaches -th as the force settles); one that only rose may have been joined mid-lobe.
    // That lobe is still offset by the level the filters restarted from: if it dips below zero
    // and rises past +th again without reaching -th, it holds several circles, not one.
    if (this.side === 0 && y < 0) this.lowSinceRestart = true;
    if (this.firstLobe === 1 && y < 0) this.firstLobe = 2;
    if (y > 0 && y2 > th2) {
      if (this.side < 0) { this.lobeLen = 0; this.lobePeak = 0; this.firstLobe = 0; }
      else if (this.side === 0 && this.lowSinceRestart) { this.lobeLen = 0; this.lobePeak = 0; this.firstLobe = 1; }
      else if (this.side === 0 || this.firstLobe === 2) { this.lobeLen = -1; this.firstLobe = 0; } // joined mid-lobe, or merged: not a whole cycle
      this.side = 1;
    } else if (y < 0 && y2 > th2) {
      if (this.side > 0 && this.lobeLen > 0) crossed = this.cycle(this.lobeCentre());
      this.side = -1;
    }
    if (this.side > 0 && y > this.lobePeak) this.lobePeak = y;
    if (this.side > 0 && this.lobeLen >= 0 && this.lobeLen < LOBE) {
      this.lobeT[this.lobeLen] = t;
      this.lobeY[this.lobeLen] = sm;
      this.lobeLen++;
    }
    return crossed;
  }

  /** Midpoint of where the raw signal crosses a level just below the lobe's peak (interpolated). */
  private lobeCentre(): number {
    const n = this.lobeLen;
    const ts = this.lobeT, ys = this.lobeY;
    let m = 0;
    for (let i = 1; i < n; i++) if (ys[i]! > ys[m]!) m = i;
    // Lightly smoothed raw values (the band-pass would shift each peak by the lengths of the
    // circles around it); peak-to-peak height of a sine = 2.83 x RMS.
    const level = ys[m]! - PEAK_DROP * 2.83 * Math.sqrt(this.env);
    let i = m;
    while (i > 0 && ys[i - 1]! >= level) i--;
    const up = i > 0 ? cross(ts[i - 1]!, ys[i - 1]!, ts[i]!, ys[i]!, level) : ts[0]!;
    let j = m;
    while (j < n - 1 && ys[j + 1]! >= level) j++;
    const down = j < n - 1 ? cross(ts[j]!, ys[j]!, ts[j + 1]!, ys[j + 1]!, level) : ts[n - 1]!;
    return 0.5 * (up + down);
  }

  private cycle(tc: number): boolean {
    let p = tc - this.lastCross;
    // A second lobe inside one circle (a harmonic of the motion): not a circle. The next lobe
    // is measured from the last counted one, so the period stays the circle's.
    if (this.slowBand && this.estimate > 0 && this.score >= GUARD_MIN_SCORE && p < HARMONIC_SHARE * this.estimate) {
      this.harmonics++;
      return false;
    }
    this.lastCross = tc;
    this.cycles++;
    this.crossT[this.iCross] = tc;
    this.crossP[this.iCross] = 0;
    this.iCross = (this.iCross + 1) % BACKLOG;
    if (this.nCross < BACKLOG) this.nCross++;
    // An arm starting from rest swings small and quick first, each lobe far higher than the
    // last: those periods are not circles' lengths (the force's start is its touch-down instead).
    const windUp = this.slowBand && windingUp(this.lastPeak, this.lobePeak);
    this.lastPeak = this.lobePeak;
    // A lobe the trigger missed (a circle too small for the thresholds, a source coming back):
    // a period of about 2 or 3 estimated periods is that many circles.
    this.missed = 0;
    if (this.estimate > 0 && this.score >= GUARD_MIN_SCORE && this.estimateSpan >= SPLIT_MIN_WINDOW * this.estimate) {
      const ratio = p / this.estimate;
      const k = Math.round(ratio);
      if (k >= 2 && k <= MAX_SPLIT && Math.abs(ratio - k) <= SPLIT_TOLERANCE) {
        this.missed = k - 1;
        p /= k;
      } else if (ratio >= LONG_SHARE) {
        p = 0; // a pause or a lost stretch, not one circle's length
      }
    }
    if (windUp) p = 0;
    if (p >= MIN_PERIOD_S && p <= MAX_PERIOD_S) { // p = 0 (unknown) fails this too
      this.period = p;
      this.crossP[(this.iCross + BACKLOG - 1) % BACKLOG] = this.missed > 0 ? 0 : p;
      this.recent[this.iRecent] = p;
      this.iRecent = (this.iRecent + 1) % RECENT;
      if (this.nRecent < RECENT) this.nRecent++;
      if (!(this.estimate > 0)) {
        const r = this.autocorr(this.medianPeriod() / GRID_DT_S);
        this.score += SCORE_GAIN * (r - this.score);
      }
    } else {
      this.period = 0;
    }
    return true;
  }

  /**
   * Period from the normalised autocorrelation of the grid ring, lags LAG_MIN..LAG_MAX (or the
   * narrowed range of searchLags): the values by ringAcf, the choice by pickPeriod. Sets
   * `estimate` and `score` (the peak, 0..1).
   */
  private estimatePeriod(): void {
    this.searchLags();
    const lo = this.lagLo, hi = this.lagHi;
    const best = ringAcf(this.ring, this.pos, lo, hi, this.acf);
    this.pickPeriod(lo, hi, best);
  }

  /**
   * Which lags to search (into lagLo..lagHi): with a confident estimate only the lags around it
   * (its half, for a tempo that doubled, up to twice it), a quarter of the work of the full search.
   */
  private searchLags(): void {
    let lo = LAG_MIN, hi = LAG_MAX;
    if (this.estimate > 0 && this.score >= NARROW_MIN_SCORE) {
      const l0 = this.estimate / GRID_DT_S;
      lo = Math.max(LAG_MIN, Math.floor(0.45 * l0));
      hi = Math.min(LAG_MAX, Math.ceil(2.2 * l0));
    }
    this.lagLo = lo;
    this.lagHi = hi;
  }

  /**
   * The decision on the autocorrelation `acf` (index l - LAG_MIN + 1 for lag l, lo - 1..hi + 1
   * filled; `best` its highest value over lo..hi): the first local peak reaching
   * FIRST_PEAK_SHARE of the highest (a periodic signal also peaks at 2, 3.. periods), refined
   * by a parabola. Sets `estimate` and `score`.
   */
  private pickPeriod(lo: number, hi: number, best: number): void {
    const acf = this.acf;
    if (!(best > 0)) { this.estimate = 0; this.score = 0; return; }
    for (let l = lo; l <= hi; l++) {
      const i = l - LAG_MIN + 1;
      const r = acf[i]!;
      if (r >= FIRST_PEAK_SHARE * best && r >= acf[i - 1]! && r >= acf[i + 1]!) {
        const a = acf[i - 1]!, c = acf[i + 1]!;
        const den = a - 2 * r + c;
        const shift = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / den)) : 0;
        this.estimate = (l + shift) * GRID_DT_S;
        this.score = r;
        return;
      }
    }
    this.estimate = 0;
    this.score = 0;
  }

  /**
   * Normalised autocorrelation of the grid ring at a lag of `lag` grid steps: the better of
   * floor(lag) and floor(lag) + 1, both computed in one pass over the ring.
   */
  private autocorr(lag: number): number {
    const l0 = Math.floor(lag);
    if (l0 < 2 || l0 + 1 > RING / 2) return 0;
    const x = unroll(this.ring, this.pos);
    const n = RING - l0 - 1;
    let s0 = 0, s1 = 0, xx = 0, y0 = 0, y1 = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const a = x[i + l0]!;
      const b = x[i + l0 + 1]!;
      s0 += v * a; s1 += v * b; xx += v * v; y0 += a * a; y1 += b * b;
    }
    const d0 = Math.sqrt(xx * y0);
    const d1 = Math.sqrt(xx * y1);
    const r0 = d0 > 0 ? s0 / d0 : 0;
    const r1 = d1 > 0 ? s1 / d1 : 0;
    const r = r0 > r1 ? r0 : r1;
    return r > 0 ? r : 0;
  }

  /** Numbers held by this detector (fixed): for the constant-memory test. */
  footprint(): number {
    return this.ring.length + this.recent.length + this.scratch.length + this.lobeT.length + this.lobeY.length + this.acf.length;
  }
}

// Scratch of the autocorrelation (no state between calls, so one per thread): the ring
// unrolled oldest first, and the running sums of the squares at its even positions.
const LIN = new Float64Array(RING);
const EVEN_SQ = new Float64Array(RING / 2 + 1);

/** The ring unrolled into LIN, oldest (`start`) first. */
function unroll(ring: Float32Array, start: number): Float64Array {
  const x = LIN;
  const k = RING - start;
  for (let i = 0; i < k; i++) x[i] = ring[start + i]!;
  for (let i = k; i < RING; i++) x[i] = ring[i - k]!;
  return x;
}

/**
 * Normalised autocorrelation of the grid ring (oldest at `start`) over every second product
 * (the estimate only needs to tell a period from its harmonics), lags lo - 1..hi + 1 into
 * acf[l - LAG_MIN + 1]; returns the highest value over lo..hi (0 when none is positive).
 * The sums are those of the plain loop, term for term and in the same order: the lag-0 sums are
 * running sums shared by every lag, and the products come from the unrolled ring.
 */
function ringAcf(ring: Float32Array, start: number, lo: number, hi: number, acf: Float32Array): number {
  const x = unroll(ring, start);
  const sq = EVEN_SQ;
  let s = 0;
  sq[0] = 0;
  for (let m = 0, i = 0; i < RING; m++, i += 2) { const v = x[i]!; s += v * v; sq[m + 1] = s; }
  let best = 0;
  // Lags in pairs (an even one and the next, which take the same products): one pass each.
  for (let l = lo - 1; l <= hi + 1;) {
    const n = RING - l;
    if ((l & 1) === 0 && l + 1 <= hi + 1) {
      let s0 = 0, y0 = 0, s1 = 0, y1 = 0;
      for (let i = 0; i < n; i += 2) {
        const v = x[i]!, a = x[i + l]!, b = x[i + l + 1]!;
        s0 += v * a; y0 += a * a;
        s1 += v * b; y1 += b * b;
      }
      best = acfAt(acf, l, lo, hi, sq[(n + 1) >> 1]!, s0, y0, best);
      best = acfAt(acf, l + 1, lo, hi, sq[n >> 1]!, s1, y1, best);
      l += 2;
    } else {
      let sxy = 0, syy = 0;
      for (let i = 0; i < n; i += 2) {
        const y = x[i + l]!;
        sxy += x[i]! * y; syy += y * y;
      }
      best = acfAt(acf, l, lo, hi, sq[(n + 1) >> 1]!, sxy, syy, best);
      l++;
    }
  }
  return best;
}

/** Stores the normalised value at lag l; returns the highest so far over lo..hi. */
function acfAt(acf: Float32Array, l: number, lo: number, hi: number, sxx: number, sxy: number, syy: number, best: number): number {
  const d = Math.sqrt(sxx * syy);
  const r = d > 0 ? sxy / d : 0;
  acf[l - LAG_MIN + 1] = r;
  return l >= lo && l <= hi && r > best ? r : best;
}

/** Time at which the segment (t0, y0)-(t1, y1) passes `level`. */
function cross(t0: number, y0: number, t1: number, y1: number, level: number): number {
  const dy = y1 - y0;
  return dy !== 0 ? t0 + ((level - y0) / dy) * (t1 - t0) : t1;
}
