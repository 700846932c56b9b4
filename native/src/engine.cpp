// The per-sample part of shared/engine (engine.ts createEngine without events, cues and the
// live state; passes.ts Segmenter and BoutStats; pressure.ts ForceStats and TooHard;
// contact.ts; circles.ts CadenceStats and HandCircles; cycles.ts; calibration.ts GyroBias),
// ported operation for operation so that every sum is the same double. Names follow the
// TypeScript; read both side by side. Float32Array -> float, number -> double, Math.round(x)
// -> jsRound. Build with -ffp-contract=off (a fused multiply-add rounds once where the
// TypeScript rounds twice) and never with -ffast-math (it breaks the NaN checks x == x).
//
// Not ported, because nothing of it reaches the summary: the events (emit), the cues
// (CueDebounce, pickCue, fillCueHand, CUE_STEP_S), live(), the live force (HandState.force and
// st.smoothGain: only liveHand and fillCueHand read them), Segmenter.elapsed, HandCircles'
// liveCadence/liveCv/median (their ring of periods is kept: decide() writes it), markGap (a
// file has no link events and restarts are declined: every gap's cause is 'lost'),
// passSummary and the session BoutStats (the TypeScript rebuilds them from EngineResult).
//
// Laid out for speed, with the same doubles: the two hands' own work (contact, too-hard,
// circles) runs apart, the left hand a block of samples at a time on a second thread, and the
// part that joins the hands (segmenter, bout statistics) after it in sample order (see
// Engine::Impl); ringAcf sums several lags per pass, each in its own vector lane, each in the
// TypeScript's order. Every sum keeps its terms and their order: no reassociation, no
// horizontal sums.
#include "engine.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace pijat {
namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();
const double Inf = std::numeric_limits<double>::infinity();
const double PI = 3.141592653589793;  // == Math.PI

// JS Math.round: the integer closest to x, ties toward +Infinity (exact, unlike floor(x + 0.5)).
inline double jsRound(double x) {
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1;
  return r;
}
// JS Math.max / Math.min of two numbers (NaN propagates as in JS).
inline double jsMax(double a, double b) {
  if (a != a || b != b) return NaN;
  return a > b ? a : b;
}
inline double jsMin(double a, double b) {
  if (a != a || b != b) return NaN;
  return a < b ? a : b;
}

/**
 * The fields of a HandIn that the engine reads (knuckle and accelerometer are not): a block of
 * samples (Engine::Impl) keeps these only.
 */
struct Hand {
  double thumb_n, gx_dps, gy_dps, gz_dps;
  bool imu_ok;
  Hand() = default;
  explicit Hand(const HandIn& h) : thumb_n(h.thumb_n), gx_dps(h.gx_dps), gy_dps(h.gy_dps), gz_dps(h.gz_dps), imu_ok(h.imu_ok) {}
};

// ------------------------------------------------------------------ cycles.ts

const double MIN_PERIOD_S = 0.15;
const double MAX_PERIOD_S = 4;
const double BAND_LOW_HZ = 0.4;
const double BAND_LOW_SLOW_HZ = 0.25;
const double BAND_HIGH_HZ = 6;
const double BAND_HIGH_FORCE_HZ = 10;
const double ENVELOPE_TAU_S = 2;
const double CLIP = 3;
const double HYSTERESIS = 0.5;
const double GRID_DT_S = 0.04;
const int RING = 256;
const int LOBE = 512;
const double PEAK_DROP = 0.1;
const int MASK = RING - 1;
const int RECENT = 5;
const double SCORE_GAIN = 0.35;
const double STALE_S = 4.5;
const double STALE_PERIODS = 2.5;
const double STALE_MIN_S = 1;
const double ESTIMATE_S = 1;
const int LAG_MIN = 6;
const int LAG_MAX = 100;
const double FIRST_PEAK_SHARE = 0.8;
const int MAX_SPLIT = 3;
const double LONG_SHARE = 1.6;
const double SPLIT_TOLERANCE = 0.3;
const double SPLIT_MIN_WINDOW = 3;
const double NARROW_MIN_SCORE = 0.5;
const double HARMONIC_SHARE = 0.6;
const double GUARD_MIN_SCORE = 0.6;
const double RAMP_RATIO = 1.8;
const int BACKLOG = 4;
const double TIMING_HZ = 8;

// Same expression shapes as the TypeScript: 1 / (2 * Math.PI * f) = 1 / ((2 * PI) * f).
const double HP_TAU = 1 / (2 * PI * BAND_LOW_HZ);
const double HP_SLOW_TAU = 1 / (2 * PI * BAND_LOW_SLOW_HZ);
const double LP_TAU = 1 / (2 * PI * BAND_HIGH_HZ);
const double LP_FORCE_TAU = 1 / (2 * PI * BAND_HIGH_FORCE_HZ);
const double TIMING_TAU = 1 / (2 * PI * TIMING_HZ);

inline bool windingUp(double lastPeak, double peak) { return lastPeak > 0 && peak >= RAMP_RATIO * lastPeak; }

/** One-pole filter gains for the current sample interval; shared by every detector of an engine. */
struct Gains {
  double t = 0, dt = -1, hp = 0, hpSlow = 0, lp = 0, lpForce = 0, env = 0, timing = 0;
  /** Refreshes the gains when dt changed (by more than 1 us). */
  void set(double d) {
    if (std::fabs(d - dt) < 1e-6) return;
    dt = d;
    hp = d / (HP_TAU + d);
    hpSlow = d / (HP_SLOW_TAU + d);
    lp = d / (LP_TAU + d);
    lpForce = d / (LP_FORCE_TAU + d);
    env = d / (ENVELOPE_TAU_S + d);
    timing = d / (TIMING_TAU + d);
  }
};

/** Time at which the segment (t0, y0)-(t1, y1) passes `level`. */
inline double cross(double t0, double y0, double t1, double y1, double level) {
  const double dy = y1 - y0;
  return dy != 0 ? t0 + ((level - y0) / dy) * (t1 - t0) : t1;
}

/**
 * Two doubles side by side (GCC/Clang vector extension: SSE2 on x86-64, NEON on arm64). Its +
 * and * work lane by lane with the rounding of scalar double code (-ffp-contract=off: no fused
 * multiply-add); it never sums across lanes.
 */
#if defined(__GNUC__)
typedef double V2 __attribute__((vector_size(16)));
#else
struct V2 {  // the same lane-by-lane arithmetic in scalars (MSVC)
  double lane[2];
  double operator[](int i) const { return lane[i]; }
};
inline V2 operator*(const V2& a, const V2& b) { return V2{{a.lane[0] * b.lane[0], a.lane[1] * b.lane[1]}}; }
inline V2& operator+=(V2& a, const V2& b) {
  a.lane[0] += b.lane[0];
  a.lane[1] += b.lane[1];
  return a;
}
#endif
// x86 with GCC or Clang: ringAcf also has a 256-bit version (acfPairsAvx), used when the CPU has AVX.
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define PIJAT_AVX 1
typedef double V4 __attribute__((vector_size(32)));
inline bool hasAvx() {
  static const bool yes = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx") != 0;
  }();
  return yes;
}
#else
#define PIJAT_AVX 0
#endif
inline V2 load2(const double* p) {
  V2 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/** Stores the normalised value at lag l; returns the highest so far over lo..hi. */
inline double acfAt(float* acf, int l, int lo, int hi, double sxx, double sxy, double syy, double best) {
  const double d = std::sqrt(sxx * syy);
  const double r = d > 0 ? sxy / d : 0;
  acf[l - LAG_MIN + 1] = (float)r;
  return l >= lo && l <= hi && r > best ? r : best;
}

struct CycleDetector {
  /** Time of the last cycle (its peak). */
  double lastCross = -Inf;
  /** Period ending at the last cycle, seconds; 0 when it was out of range (first after a pause). */
  double period = 0;
  /** Smoothed normalised autocorrelation at the current period, 0..1. */
  double score = 0;
  double cycles = 0;
  /** Period from the autocorrelation (0 = none yet), seconds; `score` is its peak. */
  double estimate = 0;
  /** Set false while the signal cannot count (a hand not pressing): the estimate is skipped. */
  bool estimating = true;
  /** Circles the last cycle stood for beyond itself (missed lobes). */
  double missed = 0;
  double harmonics = 0;

  double base = NaN;
  double settleUntil = -Inf;
  double smooth = 0, lp1 = 0, lp2 = 0, env = 0;
  int side = 0;
  bool lowSinceRestart = false;
  int firstLobe = 0;
  double lobeT[LOBE];
  float lobeY[LOBE];
  int lobeLen = -1;
  double crossT[BACKLOG];
  double crossP[BACKLOG];
  int nCross = 0, iCross = 0;
  double lobePeak = 0, lastPeak = 0;
  const double floor2;
  const bool slowBand;
  double recent[RECENT];
  double scratch[RECENT];
  int nRecent = 0, iRecent = 0;
  // The TypeScript's Float32Array ring, its values (rounded to float) kept as doubles and twice
  // over: ring + pos is the ring unrolled oldest first (unroll() without the copy).
  double ring[2 * RING];
  int pos = 0;
  double nextGrid = NaN;
  double nextEstimate = -Inf;
  double windowFrom = -Inf;
  double estimateSpan = 0;
  float acf[LAG_MAX + 2];
  int lagLo = LAG_MIN, lagHi = LAG_MAX;
  /** The value the next step() feeds. */
  double input = 0;
  // Scratch of the autocorrelation (the TypeScript's module-level EVEN_SQ; a member here so
  // that engines on several threads do not share it): the running sums of the squares at the
  // unrolled ring's even positions.
  double evenSq[RING / 2 + 1];

  CycleDetector(double floor, bool slow) : floor2(floor * floor), slowBand(slow) {
    std::memset(lobeT, 0, sizeof lobeT);
    std::memset(lobeY, 0, sizeof lobeY);
    std::memset(crossT, 0, sizeof crossT);
    std::memset(crossP, 0, sizeof crossP);
    std::memset(recent, 0, sizeof recent);
    std::memset(scratch, 0, sizeof scratch);
    std::memset(ring, 0, sizeof ring);
    std::memset(acf, 0, sizeof acf);
    std::memset(evenSq, 0, sizeof evenSq);
  }

  /** Restarts the filters from value x (after a gap, a touch-down or an axis change), ignoring `settle_s` of input. */
  void restart(double x, double t, double settle_s = 0) {
    settleUntil = t + settle_s;
    base = x;
    smooth = x;
    lp1 = 0;
    lp2 = 0;
    side = 0;
    lowSinceRestart = false;
    firstLobe = 0;
    lobeLen = -1;
    lastPeak = 0;
    nCross = 0;
    if (nextGrid != nextGrid) nextGrid = t;
  }

  /** Forgets the periodicity window at time t. */
  void clearWindow(double t) {
    std::fill(ring, ring + 2 * RING, 0.0);
    windowFrom = t;
  }

  /** A data gap: forget the envelope, the grid and the period chain too. */
  void reset(double x, double t) {
    restart(x, t);
    env = 0;
    std::fill(ring, ring + 2 * RING, 0.0);
    windowFrom = t;
    nextGrid = t;
    lastCross = -Inf;
    score = 0;
    estimate = 0;
  }

  double rms() const { return std::sqrt(env); }

  /** Score that counts now: 0 when no cycle was seen for a while. */
  double evidence(double t) const {
    const double e = estimate;
    const double stale = e > 0 ? jsMin(STALE_S, jsMax(STALE_MIN_S, STALE_PERIODS * e)) : STALE_S;
    return t - lastCross > stale ? 0 : score;
  }

  /** Time of the i-th cycle before the last one (i = 0: the last one); NaN when not kept. */
  double cycleBefore(int i) const {
    if (i < 0 || i >= nCross) return NaN;
    return crossT[(iCross - 1 - i + 2 * BACKLOG) % BACKLOG];
  }

  /** Period that ended at the i-th cycle before the last one, as judged then (0 = unknown or not kept). */
  double periodBefore(int i) const {
    if (i < 0 || i >= nCross) return 0;
    return crossP[(iCross - 1 - i + 2 * BACKLOG) % BACKLOG];
  }

  double medianPeriod() {
    const int n = nRecent;
    if (n == 0) return 0;
    double* a = scratch;
    for (int i = 0; i < n; i++) {
      const double x = recent[i];
      int j = i - 1;
      while (j >= 0 && a[j] > x) { a[j + 1] = a[j]; j--; }
      a[j + 1] = x;
    }
    return (n & 1) ? a[n >> 1] : 0.5 * (a[(n >> 1) - 1] + a[n >> 1]);
  }

  /** Feeds `input` at time g.t; true when a cycle completed. */
  bool step(const Gains& g) {
    const double x = input, t = g.t;
    if (base != base) reset(x, t);
    if (t < settleUntil) {
      // Settling after a restart (a thumb touching down): follow the level, no rhythm yet.
      base = x;
      smooth = x;
      return false;
    }
    const double sm = smooth + g.timing * (x - smooth);
    smooth = sm;
    const double b = base + (slowBand ? g.hpSlow : g.hp) * (x - base);
    base = b;
    const double glp = slowBand ? g.lp : g.lpForce;
    const double l1 = lp1 + glp * (x - b - lp1);
    lp1 = l1;
    const double y = lp2 + glp * (l1 - lp2);
    lp2 = y;
    const double y2 = y * y;
    const double power = env > floor2 ? env : floor2;
    const double lim2 = CLIP * CLIP * power;
    env += g.env * ((y2 < lim2 ? y2 : lim2) - env);
    if (t - nextGrid > 1) { std::fill(ring, ring + 2 * RING, 0.0); nextGrid = t; windowFrom = t; }  // resumed after an outage
    if (t >= nextGrid) {
      double v = y;
      if (y2 > lim2) { const double lim = std::sqrt(lim2); v = y > 0 ? lim : -lim; }
      const double vf = (float)v;  // the Float32Array's rounding
      do {
        ring[pos] = vf;
        ring[pos + RING] = vf;
        pos = (pos + 1) & MASK;
        nextGrid += GRID_DT_S;
      } while (t >= nextGrid);
      if (t >= nextEstimate && estimating) {
        nextEstimate = t + ESTIMATE_S;
        estimateSpan = t - windowFrom;
        estimatePeriod();
      }
    }
    const double th2 = HYSTERESIS * HYSTERESIS * power;
    bool crossed = false;
    if (side == 0 && y < 0) lowSinceRestart = true;
    if (firstLobe == 1 && y < 0) firstLobe = 2;
    if (y > 0 && y2 > th2) {
      if (side < 0) { lobeLen = 0; lobePeak = 0; firstLobe = 0; }
      else if (side == 0 && lowSinceRestart) { lobeLen = 0; lobePeak = 0; firstLobe = 1; }
      else if (side == 0 || firstLobe == 2) { lobeLen = -1; firstLobe = 0; }  // joined mid-lobe, or merged
      side = 1;
    } else if (y < 0 && y2 > th2) {
      if (side > 0 && lobeLen > 0) crossed = cycle(lobeCentre());
      side = -1;
    }
    if (side > 0 && y > lobePeak) lobePeak = y;
    if (side > 0 && lobeLen >= 0 && lobeLen < LOBE) {
      lobeT[lobeLen] = t;
      lobeY[lobeLen] = (float)sm;
      lobeLen++;
    }
    return crossed;
  }

  /** Midpoint of where the raw signal crosses a level just below the lobe's peak (interpolated). */
  double lobeCentre() const {
    const int n = lobeLen;
    const double* ts = lobeT;
    const float* ys = lobeY;
    int m = 0;
    for (int i = 1; i < n; i++) if (ys[i] > ys[m]) m = i;
    const double level = (double)ys[m] - PEAK_DROP * 2.83 * std::sqrt(env);
    int i = m;
    while (i > 0 && (double)ys[i - 1] >= level) i--;
    const double up = i > 0 ? cross(ts[i - 1], ys[i - 1], ts[i], ys[i], level) : ts[0];
    int j = m;
    while (j < n - 1 && (double)ys[j + 1] >= level) j++;
    const double down = j < n - 1 ? cross(ts[j], ys[j], ts[j + 1], ys[j + 1], level) : ts[n - 1];
    return 0.5 * (up + down);
  }

  bool cycle(double tc) {
    double p = tc - lastCross;
    // A second lobe inside one circle (a harmonic of the motion): not a circle.
    if (slowBand && estimate > 0 && score >= GUARD_MIN_SCORE && p < HARMONIC_SHARE * estimate) {
      harmonics++;
      return false;
    }
    lastCross = tc;
    cycles++;
    crossT[iCross] = tc;
    crossP[iCross] = 0;
    iCross = (iCross + 1) % BACKLOG;
    if (nCross < BACKLOG) nCross++;
    const bool windUp = slowBand && windingUp(lastPeak, lobePeak);
    lastPeak = lobePeak;
    // A lobe the trigger missed: a period of about 2 or 3 estimated periods is that many circles.
    missed = 0;
    if (estimate > 0 && score >= GUARD_MIN_SCORE && estimateSpan >= SPLIT_MIN_WINDOW * estimate) {
      const double ratio = p / estimate;
      const double k = jsRound(ratio);
      if (k >= 2 && k <= MAX_SPLIT && std::fabs(ratio - k) <= SPLIT_TOLERANCE) {
        missed = k - 1;
        p /= k;
      } else if (ratio >= LONG_SHARE) {
        p = 0;  // a pause or a lost stretch, not one circle's length
      }
    }
    if (windUp) p = 0;
    if (p >= MIN_PERIOD_S && p <= MAX_PERIOD_S) {  // p = 0 (unknown) fails this too
      period = p;
      crossP[(iCross + BACKLOG - 1) % BACKLOG] = missed > 0 ? 0 : p;
      recent[iRecent] = p;
      iRecent = (iRecent + 1) % RECENT;
      if (nRecent < RECENT) nRecent++;
      if (!(estimate > 0)) {
        const double r = autocorr(medianPeriod() / GRID_DT_S);
        score += SCORE_GAIN * (r - score);
      }
    } else {
      period = 0;
    }
    return true;
  }

  void estimatePeriod() {
    searchLags();
    const int lo = lagLo, hi = lagHi;
    const double best = ringAcf(lo, hi);
    pickPeriod(lo, hi, best);
  }

  void searchLags() {
    double lo = LAG_MIN, hi = LAG_MAX;
    if (estimate > 0 && score >= NARROW_MIN_SCORE) {
      const double l0 = estimate / GRID_DT_S;
      lo = jsMax(LAG_MIN, std::floor(0.45 * l0));
      hi = jsMin(LAG_MAX, std::ceil(2.2 * l0));
    }
    lagLo = (int)lo;
    lagHi = (int)hi;
  }

  void pickPeriod(int lo, int hi, double best) {
    if (!(best > 0)) { estimate = 0; score = 0; return; }
    for (int l = lo; l <= hi; l++) {
      const int i = l - LAG_MIN + 1;
      const double r = acf[i];
      if (r >= FIRST_PEAK_SHARE * best && r >= (double)acf[i - 1] && r >= (double)acf[i + 1]) {
        const double a = acf[i - 1], c = acf[i + 1];
        const double den = a - 2 * r + c;
        const double shift = den < 0 ? jsMax(-0.5, jsMin(0.5, (0.5 * (a - c)) / den)) : 0;
        estimate = (l + shift) * GRID_DT_S;
        score = r;
        return;
      }
    }
    estimate = 0;
    score = 0;
  }

  /** The ring unrolled, oldest (`pos`) first. */
  const double* unroll() const { return ring + pos; }

  /**
   * Normalised autocorrelation of the ring over every second product, lags lo - 1..hi + 1 into
   * acf[l - LAG_MIN + 1]; returns the highest value over lo..hi (0 when none is positive).
   */
  double ringAcf(int lo, int hi) {
    const double* x = unroll();
    double* sq = evenSq;
    double s = 0;
    sq[0] = 0;
    for (int m = 0, i = 0; i < RING; m++, i += 2) { const double v = x[i]; s += v * v; sq[m + 1] = s; }
    double best = 0;
    // An odd lag alone, then the lags in pairs (an even one and the next, which take the same
    // products), several pairs per pass over the ring (8 with AVX, else 4); a last even lag alone.
    int l = lo - 1;
    if ((l & 1) && l <= hi + 1) best = acfSingle(x, l++, lo, hi, best);
#if PIJAT_AVX
    if (hasAvx()) {
      while ((hi + 2 - l) >> 1 >= 8) { best = acfPairsAvx<4>(x, l, lo, hi, best); l += 16; }
      if ((hi + 2 - l) >> 1 >= 4) { best = acfPairsAvx<2>(x, l, lo, hi, best); l += 8; }
    }
#endif
    while (l + 1 <= hi + 1) {
      const int pairs = (hi + 2 - l) >> 1;
      if (pairs >= 4) { best = acfPairs<4>(x, l, lo, hi, best); l += 8; }
      else if (pairs == 3) { best = acfPairs<3>(x, l, lo, hi, best); l += 6; }
      else if (pairs == 2) { best = acfPairs<2>(x, l, lo, hi, best); l += 4; }
      else { best = acfPairs<1>(x, l, lo, hi, best); l += 2; }
    }
    if (l <= hi + 1) best = acfSingle(x, l, lo, hi, best);
    return best;
  }

  /** ringAcf's lag l alone. */
  double acfSingle(const double* x, int l, int lo, int hi, double best) {
    const int n = RING - l;
    double sxy = 0, syy = 0;
    for (int i = 0; i < n; i += 2) {
      const double y = x[i + l];
      sxy += x[i] * y; syy += y * y;
    }
    return acfAt(acf, l, lo, hi, evenSq[(n + 1) >> 1], sxy, syy, best);
  }

  /**
   * ringAcf's lags l .. l + 2G - 1 (l even) in one pass. Pair p (lags l + 2p and l + 2p + 1) has
   * sums s_p = [sxy, sxy'] and y_p = [syy, syy'], two lanes of a V2: each lane takes the same
   * products in the same order as a scalar sum over i (i = 0, 2, .. < RING - l - 2p), so the
   * doubles are the same; the G pairs give the CPU 2G independent chains.
   */
  template <int G>
  double acfPairs(const double* x, int l, int lo, int hi, double best) {
    // The loops over p are unrolled so that the 2G sums stay in registers.
    V2 sp[G], yp[G];
#pragma GCC unroll 4
    for (int p = 0; p < G; p++) { sp[p] = V2{0, 0}; yp[p] = V2{0, 0}; }
    const int n = RING - l;
    const int nAll = n - 2 * (G - 1);  // every pair runs this far
    int i = 0;
    for (; i < nAll; i += 2) {
      const V2 v = {x[i], x[i]};
#pragma GCC unroll 4
      for (int p = 0; p < G; p++) {
        const V2 ab = load2(x + i + l + 2 * p);
        sp[p] += v * ab;
        yp[p] += ab * ab;
      }
    }
#pragma GCC unroll 4
    for (int p = 0; p < G - 1; p++) {  // the smaller lags' last products, in order
      for (int j = i; j < n - 2 * p; j += 2) {
        const V2 v = {x[j], x[j]};
        const V2 ab = load2(x + j + l + 2 * p);
        sp[p] += v * ab;
        yp[p] += ab * ab;
      }
    }
#pragma GCC unroll 4
    for (int p = 0; p < G; p++) {
      const int m = n - 2 * p;
      best = acfAt(acf, l + 2 * p, lo, hi, evenSq[(m + 1) >> 1], sp[p][0], yp[p][0], best);
      best = acfAt(acf, l + 2 * p + 1, lo, hi, evenSq[m >> 1], sp[p][1], yp[p][1], best);
    }
    return best;
  }

#if PIJAT_AVX
  /**
   * acfPairs<2Q> with 256-bit vectors: Q vectors of two pairs (four lags) each, the same sums
   * lane by lane; the tails (where the lanes of a vector stop apart) in pairs as acfPairs.
   */
  template <int Q>
  __attribute__((target("avx"))) double acfPairsAvx(const double* x, int l, int lo, int hi, double best) {
    V4 sq[Q], yq[Q];
#pragma GCC unroll 4
    for (int q = 0; q < Q; q++) { sq[q] = V4{0, 0, 0, 0}; yq[q] = V4{0, 0, 0, 0}; }
    const int n = RING - l;
    const int nAll = n - 2 * (2 * Q - 1);  // every pair runs this far
    int i = 0;
    for (; i < nAll; i += 2) {
      const V4 v = {x[i], x[i], x[i], x[i]};
#pragma GCC unroll 4
      for (int q = 0; q < Q; q++) {
        V4 a;
        std::memcpy(&a, x + i + l + 4 * q, sizeof a);
        sq[q] += v * a;
        yq[q] += a * a;
      }
    }
    V2 sp[2 * Q], yp[2 * Q];
#pragma GCC unroll 4
    for (int q = 0; q < Q; q++) {
      sp[2 * q] = V2{sq[q][0], sq[q][1]};
      sp[2 * q + 1] = V2{sq[q][2], sq[q][3]};
      yp[2 * q] = V2{yq[q][0], yq[q][1]};
      yp[2 * q + 1] = V2{yq[q][2], yq[q][3]};
    }
    for (int p = 0; p < 2 * Q - 1; p++) {  // the smaller lags' last products, in order
      for (int j = i; j < n - 2 * p; j += 2) {
        const V2 v = {x[j], x[j]};
        const V2 ab = load2(x + j + l + 2 * p);
        sp[p] += v * ab;
        yp[p] += ab * ab;
      }
    }
    for (int p = 0; p < 2 * Q; p++) {
      const int m = n - 2 * p;
      best = acfAt(acf, l + 2 * p, lo, hi, evenSq[(m + 1) >> 1], sp[p][0], yp[p][0], best);
      best = acfAt(acf, l + 2 * p + 1, lo, hi, evenSq[m >> 1], sp[p][1], yp[p][1], best);
    }
    return best;
  }
#endif

  /** Normalised autocorrelation at a lag of `lag` grid steps: the better of floor(lag) and floor(lag) + 1. */
  double autocorr(double lag) {
    const double l0d = std::floor(lag);
    if (l0d < 2 || l0d + 1 > RING / 2) return 0;  // also false for NaN, as in JS
    const int l0 = (int)l0d;
    const double* x = unroll();
    const int n = RING - l0 - 1;
    double s0 = 0, s1 = 0, xx = 0, y0 = 0, y1 = 0;
    for (int i = 0; i < n; i++) {
      const double v = x[i];
      const double a = x[i + l0];
      const double b = x[i + l0 + 1];
      s0 += v * a; s1 += v * b; xx += v * v; y0 += a * a; y1 += b * b;
    }
    const double d0 = std::sqrt(xx * y0);
    const double d1 = std::sqrt(xx * y1);
    const double r0 = d0 > 0 ? s0 / d0 : 0;
    const double r1 = d1 > 0 ? s1 / d1 : 0;
    const double r = r0 > r1 ? r0 : r1;
    return r > 0 ? r : 0;
  }
};

// ------------------------------------------------------------------ calibration.ts GyroBias

const double STILL_SD_DPS = 1.5;
const double MAX_BIAS_DPS = 25;
const double STILL_BLOCK_S = 1;
const double BIAS_UPDATE = 0.3;

/** Zero-rate offset of one hand's gyroscope (1 s blocks; still ones set and follow the bias). */
struct GyroBias {
  double bias[3] = {0, 0, 0};
  bool known = false;
  double blockVar[3] = {0, 0, 0};
  double blocks = 0;
  double sum[3] = {0, 0, 0};
  double sumSq[3] = {0, 0, 0};
  double n = 0;
  double start = NaN;

  void push(double t, double gx, double gy, double gz) {
    if (n == 0) start = t;
    sum[0] += gx; sum[1] += gy; sum[2] += gz;
    sumSq[0] += gx * gx; sumSq[1] += gy * gy; sumSq[2] += gz * gz;
    n++;
    if (t - start >= STILL_BLOCK_S && n >= 8) closeBlock();
  }
  void interrupt() {
    n = 0;
    sum[0] = sum[1] = sum[2] = 0;
    sumSq[0] = sumSq[1] = sumSq[2] = 0;
  }
  void closeBlock() {
    const double nn = n;
    bool still = true;
    for (int a = 0; a < 3; a++) {
      const double m = sum[a] / nn;
      const double v = jsMax(0, sumSq[a] / nn - m * m);
      blockVar[a] = v;
      if (v > STILL_SD_DPS * STILL_SD_DPS || std::fabs(m) > MAX_BIAS_DPS) still = false;
    }
    if (still) {
      for (int a = 0; a < 3; a++) {
        const double m = sum[a] / nn;
        bias[a] = known ? bias[a] + BIAS_UPDATE * (m - bias[a]) : m;
      }
      known = true;
    }
    blocks++;
    interrupt();
  }
};

// ------------------------------------------------------------------ contact.ts

/** Thumb contact with hysteresis: on at or above onN, off below offN; NaN is no contact. */
struct Contact {
  bool on = false;
  double since = -Inf;
  double lastOn = -Inf;
  const double onN, offN;
  Contact(double on_n, double off_n) : onN(on_n), offN(off_n) {}

  /** +1 when contact began on this sample, -1 when it ended, 0 otherwise. */
  int update(double force, double t) {
    if (on) {
      if (force >= offN) { lastOn = t; return 0; }
      on = false;  // also when force is NaN
      since = t;
      return -1;
    }
    if (force >= onN) {
      on = true;
      since = t;
      lastOn = t;
      return 1;
    }
    return 0;
  }
};

// ------------------------------------------------------------------ circles.ts

const double FORCE_FLOOR_N = 0.08;
const double GYRO_FLOOR_DPS = 3;
const double TOUCHDOWN_SETTLE_S = 0.25;
const double SOURCE_MARGIN = 0.1;
const double FORCE_TRUSTED = 0.4;
const double GYRO_MIN_EVIDENCE = 0.4;
const double GYRO_ACTIVE_DPS = 10;
const double TRUST_GAP = 0.2;
const double CONTACT_GRACE_S = 0.4;
const int LIVE_PERIODS = 8;
const double AXIS_TAU_S = 10;
const double AXIS_HP_HZ = 0.2;
const double AXIS_HP_TAU = 1 / (2 * PI * AXIS_HP_HZ);
const double AXIS_STEP_S = 0.04;
const double EARLY_AGREE = 1.3;
const double SWITCH_MATCH = 0.3;

/** Counters of circles and their periods (circles.ts CadenceStats; fields as CadenceAcc). */
inline void cadenceAdd(CadenceAcc& c, double period, double evidence, double count) {
  c.circles += count;
  c.evidence += evidence * count;
  if (period > 0) { c.n += count; c.sum += period * count; c.sumSq += period * period * count; }
}

struct HandCircles {
  CycleDetector force{FORCE_FLOOR_N, false};
  CycleDetector gyro{GYRO_FLOOR_DPS, true};
  GyroBias bias;
  /** Unit vector of the gyro's dominant principal axis. */
  double axis[3] = {0.577, 0.577, 0.577};
  double circleEvidence = 0;
  double circleCount = 1;
  int earlierCount = 0;
  double earlierPeriods[BACKLOG] = {0, 0, 0, 0};
  bool useGyro = false;
  /** Set by update(): a circle was counted on this sample. */
  bool circle = false;
  double circlePeriod = 0;
  double lastCircle = -Inf;
  /** The hand had valid IMU data at least once. */
  bool sawImu = false;

  // The live periods (only the live cadence reads them; kept so that decide() stays whole).
  double periods[LIVE_PERIODS] = {0, 0, 0, 0, 0, 0, 0, 0};
  int nPeriods = 0, iPeriods = 0;
  bool imuWasOk = false;
  bool forceChain = false, gyroChain = false;
  double slow[3] = {0, 0, 0};
  double cov[6] = {0, 0, 0, 0, 0, 0};
  double ang[3] = {0, 0, 0};
  bool axisInit = false;
  double lastImuT = NaN;
  double nextAxisStep = -Inf;
  /** Last touch-down (or data gap). */
  double onset = -Inf;

  /** Restart after a data gap. */
  void gap(const Hand& h, double t) {
    if (h.thumb_n == h.thumb_n) force.reset(h.thumb_n, t);
    gyro.reset(gyroValue(h), t);
    bias.interrupt();
    nPeriods = 0;
    iPeriods = 0;
    onset = t;
  }

  /** The thumb just touched: restart the force filters from the new level. */
  void contactOnset(const Hand& h, double t) {
    onset = t;
    if (h.thumb_n == h.thumb_n) force.restart(h.thumb_n, t, TOUCHDOWN_SETTLE_S);
    force.clearWindow(t);
  }

  double gyroValue(const Hand& h) const {
    const double* b = bias.bias;
    const double* e = axis;
    return (h.gx_dps - b[0]) * e[0] + (h.gy_dps - b[1]) * e[1] + (h.gz_dps - b[2]) * e[2];
  }

  /** Follows the dominant principal axis of the gyro (covariance of the turned angle, power iteration). */
  void followAxis(const Hand& h, const Gains& g) {
    const double t = g.t;
    const double dt = t - lastImuT;
    lastImuT = t;
    const double x = h.gx_dps, y = h.gy_dps, z = h.gz_dps;
    double* s = slow;
    double* c = cov;
    double* e = axis;
    if (!axisInit || !(dt > 0) || dt > 0.5) {
      if (!axisInit) { axisInit = true; for (int i = 0; i < 6; i++) c[i] = 0; }
      ang[0] = ang[1] = ang[2] = 0;
      s[0] = x; s[1] = y; s[2] = z;
      return;
    }
    const double hp = dt / (AXIS_HP_TAU + dt);
    s[0] += hp * (x - s[0]); s[1] += hp * (y - s[1]); s[2] += hp * (z - s[2]);
    double* w = ang;
    const double leak = dt / AXIS_HP_TAU;
    w[0] += dt * (x - s[0]) - leak * w[0]; w[1] += dt * (y - s[1]) - leak * w[1]; w[2] += dt * (z - s[2]) - leak * w[2];
    const double dx = w[0], dy = w[1], dz = w[2];
    const double k = dt / (AXIS_TAU_S + dt);
    c[0] += k * (dx * dx - c[0]); c[1] += k * (dx * dy - c[1]); c[2] += k * (dx * dz - c[2]);
    c[3] += k * (dy * dy - c[3]); c[4] += k * (dy * dz - c[4]); c[5] += k * (dz * dz - c[5]);
    if (t < nextAxisStep) return;
    nextAxisStep = t + AXIS_STEP_S;
    const double ex = e[0], ey = e[1], ez = e[2];
    const double nx = c[0] * ex + c[1] * ey + c[2] * ez;
    const double ny = c[1] * ex + c[3] * ey + c[4] * ez;
    const double nz = c[2] * ex + c[4] * ey + c[5] * ez;
    const double len = std::sqrt(nx * nx + ny * ny + nz * nz);
    if (len > 1e-9) { e[0] = nx / len; e[1] = ny / len; e[2] = nz / len; }
  }

  /** One sample at time g.t; `contact`: this hand's thumb contact. */
  void update(const Hand& h, const Gains& g, const Contact& contact) {
    circle = false;
    const double t = g.t;
    bool fCross = false, gCross = false;
    const bool on = contact.on;
    const bool active = on || t - contact.lastOn <= CONTACT_GRACE_S;
    force.estimating = active;
    gyro.estimating = active;
    if (h.thumb_n == h.thumb_n) {
      force.input = h.thumb_n;
      fCross = force.step(g);
    }
    const bool imuOk = h.imu_ok;
    if (imuOk) {
      sawImu = true;
      bias.push(t, h.gx_dps, h.gy_dps, h.gz_dps);
      followAxis(h, g);
      const double gv = gyroValue(h);
      if (!imuWasOk) gyro.restart(gv, t);
      gyro.input = gv;
      gCross = gyro.step(g);
    } else if (imuWasOk) {
      bias.interrupt();
    }
    imuWasOk = imuOk;
    if (!fCross && !gCross) return;
    const int counted = decide(t, imuOk, fCross, gCross, on, contact.lastOn);
    // A period is a circle's length only between two counted circles of the same source.
    if (fCross) forceChain = counted == 1;
    if (gCross) gyroChain = counted == 2;
  }

  /** Picks the source and counts a circle; returns 0 (none), 1 (force) or 2 (gyro). */
  int decide(double t, bool imuOk, bool fCross, bool gCross, bool contact, double lastContact) {
    const double fs = force.evidence(t);
    const double ge = imuOk && gyro.rms() >= GYRO_ACTIVE_DPS ? gyro.evidence(t) : 0;
    const double gs = ge >= GYRO_MIN_EVIDENCE ? ge : 0;
    const bool trusted = fs >= FORCE_TRUSTED && fs >= gs - TRUST_GAP;
    if (useGyro) { if (!imuOk || trusted || fs > gs + SOURCE_MARGIN) useGyro = false; }
    else if (!trusted && gs > fs + SOURCE_MARGIN) useGyro = true;

    CycleDetector& src = useGyro ? gyro : force;
    if (!(useGyro ? gCross : fCross)) return 0;
    if (!contact && t - lastContact > CONTACT_GRACE_S) return 0;
    circle = true;
    circleEvidence = useGyro ? gs : fs;
    circleCount = 1 + src.missed;
    const double p = src.period;
    const bool chained = (useGyro ? gyroChain : forceChain) ||
                         (circlePeriod > 0 && followsLast(src, useGyro ? force : gyro, p));
    circlePeriod = p > 0 && chained && !(onset > src.lastCross - p) ? p : 0;
    earlierCount = useGyro && !(lastCircle > onset) ? creditEarlier(src) : 0;
    if (earlierCount > 0 && p > 0) circlePeriod = p;
    lastCircle = src.lastCross;
    if (circlePeriod > 0) {
      periods[iPeriods] = p;
      iPeriods = (iPeriods + 1) % LIVE_PERIODS;
      if (nPeriods < LIVE_PERIODS) nPeriods++;
    } else {
      nPeriods = 0;  // a pause: the live figures start again
      iPeriods = 0;
    }
    return useGyro ? 2 : 1;
  }

  bool followsLast(const CycleDetector& src, const CycleDetector& other, double p) const {
    const double m = SWITCH_MATCH * p, from = lastCircle;
    if (!(p > 0) || src.missed > 0 || !(std::fabs(src.cycleBefore(1) - from) <= m)) return false;
    for (int i = 0; i < BACKLOG; i++) {
      const double c = other.cycleBefore(i);
      if (c > from + m && c < src.lastCross - m) return false;
    }
    return true;
  }

  int creditEarlier(const CycleDetector& src) {
    const double e = src.estimate;
    auto agrees = [e](double q) { return q > 0 && q * EARLY_AGREE >= e && q <= EARLY_AGREE * e; };
    if (!(e > 0) || !agrees(src.periodBefore(0))) return 0;
    auto after = [this](double t) { return t > onset && t > lastCircle; };
    int n = 0;
    for (int i = 1; i < BACKLOG && after(src.cycleBefore(i)); i++) {
      const double q = src.periodBefore(i);
      const bool known = after(src.cycleBefore(i + 1)) && agrees(q);
      earlierPeriods[n++] = known ? q : 0;
      if (!known) break;
    }
    return n;
  }
};

// ------------------------------------------------------------------ pressure.ts

const double TOO_HARD_REARM = 0.9;
const double TOO_HARD_REARM_S = 1;

/** ForceStats.add. */
inline void forceAdd(ForceAcc& s, double f, double w, bool inBand) {
  s.press_s += w;
  s.sum += f * w;
  s.sumSq += f * f * w;
  if (f > s.max) s.max = f;
  if (inBand) s.inBand_s += w;
}

/** One event per excursion above too_hard_n. */
struct TooHard {
  bool armed = true;
  double belowSince = -Inf;
  const double limit;
  explicit TooHard(double l) : limit(l) {}

  /** True when an excursion began on this sample. */
  bool update(double f, double t) {
    if (f > limit) {
      belowSince = Inf;
      if (armed) { armed = false; return true; }
      return false;
    }
    if (!armed) {
      if (f < limit * TOO_HARD_REARM || f != f) {
        if (belowSince == Inf) belowSince = t;
        if (t - belowSince >= TOO_HARD_REARM_S) armed = true;
      } else {
        belowSince = Inf;
      }
    }
    return false;
  }
};

// ------------------------------------------------------------------ passes.ts

const int BOUT_ENDED = 1;
const int BOUT_DROPPED = 2;
const int BOUT_STARTED = 4;
const int BOUT_QUALIFIED = 8;
const double EDGE_LIFT_S = 1;
const double EDGE_MIN_CIRCLES = 3;

struct Segmenter {
  bool inBout = false;
  bool qualified = false;
  double start = 0;
  double lastContact = 0;
  double gapInBout = 0;
  double gapSinceContact = 0;
  bool early = false;
  bool startInGap = false;
  bool endInGap = false;
  bool pressing = false;
  double edgeT = -Inf;
  bool edgeIsGap = false;
  double closedStart = 0;
  double closedEnd = 0;
  double closedGap = 0;
  bool closedEarly = false;
  bool closedLate = false;
  bool closedStartInGap = false;
  bool closedEndInGap = false;
  const double gapS, minPassS;

  Segmenter(double gap_s, double min_pass_s) : gapS(gap_s), minPassS(min_pass_s) {}

  int update(double t, bool any, double gapDt, bool first, double circles) {
    int r = 0;
    const bool wasPressing = pressing;
    pressing = any;
    if (inBout) {
      gapSinceContact += gapDt;
      if (gapDt > 0 && wasPressing && !any) endInGap = true;
      if (t - lastContact - gapSinceContact > gapS) r = close(circles);
    }
    if (first || gapDt > 0) {
      edgeT = t;
      edgeIsGap = !first;
    }
    if (any) {
      if (!inBout) {
        inBout = true;
        qualified = false;
        start = t;
        gapInBout = 0;
        gapSinceContact = 0;
        // Touching within EDGE_LIFT_S of an edge: the thumbs may have been in a short lift
        // inside a pass already under way.
        const bool nearEdge = t - edgeT <= EDGE_LIFT_S;
        early = nearEdge && !edgeIsGap;
        startInGap = nearEdge && edgeIsGap;
        r |= BOUT_STARTED;
      }
      gapInBout += gapSinceContact;
      gapSinceContact = 0;
      lastContact = t;
      endInGap = false;
      if (!qualified && t - start - gapInBout >= minPassS) {
        qualified = true;
        r |= BOUT_QUALIFIED;
      }
    }
    // A pass seen only from its middle, or with a data gap inside, is kept on its circles.
    const bool partSeen = early || startInGap || gapInBout > 0;
    if (inBout && !qualified && partSeen && !(r & BOUT_STARTED) && circles >= EDGE_MIN_CIRCLES) {
      qualified = true;
      r |= BOUT_QUALIFIED;
    }
    return r;
  }

  int close(double circles) {
    if (!inBout) return 0;
    int r = 0;
    if (!qualified && endInGap && circles >= EDGE_MIN_CIRCLES) {
      qualified = true;
      r = BOUT_QUALIFIED;
    }
    inBout = false;
    closedStart = start;
    closedEnd = lastContact;
    closedGap = gapInBout;
    closedEarly = early;
    closedLate = false;
    closedStartInGap = startInGap;
    closedEndInGap = endInGap;
    endInGap = false;
    return r | (qualified ? BOUT_ENDED : BOUT_DROPPED);
  }

  int closeAtEnd(double circles) {
    if (!inBout) return 0;
    const bool cut = pressing;
    int r = 0;
    if (cut && !qualified && circles >= EDGE_MIN_CIRCLES) {
      qualified = true;
      r = BOUT_QUALIFIED;
    }
    r |= close(circles);
    closedLate = cut;
    return r;
  }
};

inline void boutReset(BoutAcc& b) { b = BoutAcc(); }

// ------------------------------------------------------------------ engine.ts

const double GAP_S = 0.5;
const double MIN_FRAGMENT_S = 0.05;
const double MAX_STEP_S = 0.1;
const double CONTACT_TAU_S = 0.02;
const size_t MAX_GAPS_LISTED = 200;

/** Blocks of samples in flight at once (Engine::Impl): filled, waiting, or being run. */
const int IN_FLIGHT = 4;

/**
 * One hand's own part of a sample: contact and too-hard (contactAndForce), then its circles
 * (HandCircles.update). It reads nothing that the segmenter or the bout statistics write, so
 * the two hands run apart from each other and from the serial part (see Engine::Impl).
 */
struct alignas(64) HandState {  // aligned: the two hands may run on two threads
  Contact contact;
  HandCircles circles;
  TooHard tooHard;
  /** Force lightly smoothed for contact detection. */
  double contactForce = NaN;
  // Each hand's copy of the engine's gains and st.contactGain / st.smoothDt: they depend on the
  // sample times alone, and the same sequence of set() calls gives the same doubles.
  Gains gains;
  double contactGain = 1;
  double smoothDt = -1;
  double tooHardEvents = 0;

  /** What the serial part reads of a circle counted on sample `i` of a block. */
  struct Circle {
    int i;
    int earlierCount;
    double period, evidence, count;
    double earlier[BACKLOG];
  };
  /** What run() leaves for the serial part; one per block in flight (Engine::Impl). */
  struct Out {
    /** Per sample of the block: contact.on after the sample. */
    std::vector<uint8_t> on;
    /** The block's circles, in sample order (at most one per sample). */
    std::vector<Circle> circles;
  } out[IN_FLIGHT];

  HandState(const EngineParams& p, int block) : contact(p.contact_on_n, p.contact_off_n), tooHard(p.too_hard_n) {
    for (Out& o : out) {
      o.on.resize(block);
      o.circles.reserve(64);
    }
  }

  /** contactAndForce(): contact and too-hard (the live force is not kept). */
  void contactAndForce(const Hand& x, bool gap) {
    const double t = gains.t;
    const double cg = contactGain;
    const double f = x.thumb_n;
    Contact& c = contact;
    const double cf = !gap && contactForce == contactForce ? contactForce + cg * (f - contactForce) : f;
    contactForce = cf;
    const int change = c.update(cf, t);
    if (change > 0) circles.contactOnset(x, t);
    if (gap) circles.gap(x, t);
    if (f == f) {
      if (tooHard.update(f, t)) tooHardEvents++;  // a count: adding the hands' later is exact
    }
  }

  /** This hand's part of sample i of a block (time t, step dt as push() computed them), into o. */
  void sample(const Hand& x, double t, double dt, int i, Out& o) {
    const bool gap = dt > GAP_S;
    gains.t = t;
    if (dt > 0 && !gap) {  // as push()
      gains.set(dt);
      if (std::fabs(dt - smoothDt) > 1e-6) {
        smoothDt = dt;
        contactGain = dt / (CONTACT_TAU_S + dt);
      }
    }
    contactAndForce(x, gap);
    o.on[i] = contact.on;
    // rhythmAndPressure()'s circ.update: after both hands' contactAndForce and the segmenter in
    // push(), none of which touches this hand's circles.
    HandCircles& circ = circles;
    circ.update(x, gains, contact);
    if (circ.circle) {
      Circle c;
      c.i = i;
      c.earlierCount = circ.earlierCount;
      c.period = circ.circlePeriod;
      c.evidence = circ.circleEvidence;
      c.count = circ.circleCount;
      for (int k = 0; k < circ.earlierCount; k++) c.earlier[k] = circ.earlierPeriods[k];
      o.circles.push_back(c);
    }
  }

  /** sample() over a block of n samples, into out[slot]. */
  void run(const double* ts, const double* dts, const Hand* xs, int n, int slot) {
    Out& o = out[slot];
    o.circles.clear();
    for (int i = 0; i < n; i++) sample(xs[i], ts[i], dts[i], i, o);
  }
};

/** Spin-wait hint. */
inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

/** A block of accepted samples: times, steps (dt as push() computes it) and both hands. */
struct Block {
  int n = 0;
  std::unique_ptr<double[]> t, dt;
  std::unique_ptr<Hand[]> left, right;
  /** Left uninitialised: a short session touches (and the kernel maps) only what it fills. */
  void allocate(int size) {
    if (t) return;
    t.reset(new double[size]);
    dt.reset(new double[size]);
    left.reset(new Hand[size]);
    right.reset(new Hand[size]);
  }
};

/**
 * Where the two threads wait for each other: a short bounded spin (a sleep and wake-up costs
 * more than a block's tail on a VM), then asleep on the condition variable. wake() after any
 * change that a waiter may be waiting for; it makes the system call only when someone sleeps.
 */
class Waiter {
 public:
  /** Returns true when ready(), false when stop() came first. */
  template <class F>
  bool until(F ready) {
    for (int k = 0; k < SPIN; k++) {
      if (ready()) return true;
      if (stopped.load(std::memory_order_acquire)) return false;
      cpuRelax();
    }
    std::unique_lock<std::mutex> lk(m);
    sleepers.fetch_add(1, std::memory_order_seq_cst);
    std::atomic_thread_fence(std::memory_order_seq_cst);  // pairs with wake()'s fence
    cv.wait(lk, [&] { return ready() || stopped.load(std::memory_order_acquire); });
    sleepers.fetch_sub(1, std::memory_order_relaxed);
    return ready();
  }
  void wake() {
    // The change a sleeper waits for was stored before this fence; a sleeper that is not
    // counted yet checks its ready() after its own fence and sees it.
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (sleepers.load(std::memory_order_relaxed) == 0) return;
    { std::lock_guard<std::mutex> lk(m); }  // a sleeper between its check and its sleep holds m
    cv.notify_all();
  }
  void stop() {
    stopped.store(true, std::memory_order_seq_cst);
    { std::lock_guard<std::mutex> lk(m); }
    cv.notify_all();
  }

 private:
  static const int SPIN = 2000;  // a few tens of microseconds
  std::mutex m;
  std::condition_variable cv;
  std::atomic<int> sleepers{0};
  std::atomic<bool> stopped{false};
};

}  // namespace

/**
 * push() keeps the engine.ts order per sample, in stages:
 *  - at push(): the skip test, t0/lastT, the sample count and the gaps (sample times only); the
 *    sample goes into a block;
 *  - a block of samples at a time: each hand's own part (HandState::run: contactAndForce and
 *    HandCircles.update), then, sample by sample in order, what depends on both hands and on
 *    earlier samples (serial): segmenter.update (with boutCircles()), closeBout, the bout's
 *    cadence and force statistics.
 * Each hand's part reads nothing the other hand or the serial part writes, and runs its samples
 * in order, so every double is the same as in engine.ts's sample-by-sample push().
 *
 * With a second core, a worker thread runs the blocks, in order, while the calling thread (the
 * file reader) fills the next ones: up to IN_FLIGHT blocks. Blocks are numbered 0, 1, ..; for
 * block k, three jobs:
 *  - R(k), the right hand: after R(k - 1). Run by the worker as part of block k, unless the
 *    calling thread took it at post time (help()): it does so when the worker is behind (so
 *    that a reader faster than the engine shares the engine's work) and R(k - 1) is done;
 *  - L(k) then S(k), the left hand and the serial part, after block k - 1 is done: by whoever
 *    claims block k, the worker or, when the calling thread needs a block slot back and finds
 *    the oldest block not started, the calling thread itself (takeover: a busy machine whose
 *    worker does not get a core is never slower than one thread). S(k) waits for R(k).
 * Counters (only ever increase): posted, claimed, done: blocks; rClaimed, rDone: right hands.
 * Each job's writes are published by the release store of its `done` counter and read after an
 * acquire load of it, so the threads share no data unsynchronised.
 */
struct Engine::Impl {
  static const int BLOCK = 4096;
  const double tMin, tMax;
  HandState L, R;
  Segmenter segmenter;
  BoutAcc bout;
  // st: t0, lastT, gapTotal (w, the gains and contactGain are per sample / per hand).
  double t0 = NaN;
  double lastT = -Inf;
  double gapTotal = 0;
  double samples = 0, skipped = 0, gapCount = 0;
  double startFragment = NaN, endFragment = NaN;
  std::vector<GapOut> gaps;
  std::vector<PassOut> passes;
  bool firstDone = false;  // the serial part has seen the session's first sample

  Block blocks[IN_FLIGHT];
  /** Blocks posted (the calling thread's own copy of `posted`); it fills block `filled`. */
  unsigned filled = 0;
  Block* cur = nullptr;
  bool triedWorker = false;

  // Shared with the worker (see above).
  alignas(64) std::atomic<unsigned> posted{0};
  alignas(64) std::atomic<unsigned> claimed{0};
  std::atomic<unsigned> done{0};
  alignas(64) std::atomic<unsigned> rClaimed{0};
  std::atomic<unsigned> rDone{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;  // the worker's, written before `failed`
  Waiter waiter;
  std::thread worker;  // joined by ~Impl, before the members above go

  explicit Impl(const EngineParams& p)
      : tMin(p.target_min), tMax(p.target_max), L(p, BLOCK), R(p, BLOCK), segmenter(p.pass_gap_s, p.min_pass_s) {
    blocks[0].allocate(BLOCK);
    cur = &blocks[0];
  }

  ~Impl() {
    if (worker.joinable()) {
      waiter.stop();  // a worker waiting gives up; one running finishes its job and stops
      worker.join();
    }
  }

  void closeBout(int flags) {
    if (flags & BOUT_ENDED) {
      const Segmenter& g = segmenter;
      PassOut p;
      p.start = g.closedStart;
      p.end = g.closedEnd;
      p.gap = g.closedGap;
      p.early = g.closedEarly;
      p.late = g.closedLate;
      p.startInGap = g.closedStartInGap;
      p.endInGap = g.closedEndInGap;
      p.stats = bout;
      passes.push_back(p);
    } else if (flags & BOUT_DROPPED) {
      const double seen = segmenter.closedEnd - segmenter.closedStart - segmenter.closedGap;
      const bool atStart = segmenter.closedStart == t0;
      if (seen >= MIN_FRAGMENT_S && (atStart || segmenter.closedLate)) (atStart ? startFragment : endFragment) = seen;
    }
    boutReset(bout);
  }

  /** Circles of the open bout so far, its busier thumb's. */
  double boutCircles() const {
    return bout.cadLeft.circles > bout.cadRight.circles ? bout.cadLeft.circles : bout.cadRight.circles;
  }

  /** rhythmAndPressure() without circ.update (HandState::sample did it): into the current bout. */
  void rhythmAndPressure(const HandState::Circle* c, bool on, double f, double w, ForceAcc& fs, CadenceAcc& cad) {
    if (c && segmenter.inBout) {
      cadenceAdd(cad, c->period, c->evidence, c->count);
      for (int i = 0; i < c->earlierCount; i++) cadenceAdd(cad, c->earlier[i], c->evidence, 1);
    }
    if (on && w > 0) forceAdd(fs, f, w, f >= tMin && f <= tMax);
  }

  /** The serial part of the block in slot k (both hands done), sample by sample. */
  void serial(int k) {
    const Block& b = blocks[k];
    const HandState::Out& outL = L.out[k];
    const HandState::Out& outR = R.out[k];
    const HandState::Circle* cl = outL.circles.data();
    const HandState::Circle* cr = outR.circles.data();
    const HandState::Circle* const endL = cl + outL.circles.size();
    const HandState::Circle* const endR = cr + outR.circles.size();
    for (int i = 0; i < b.n; i++) {
      const double t = b.t[i], dt = b.dt[i];
      const bool first = !firstDone;
      firstDone = true;
      const bool gap = dt > GAP_S;
      const double w = jsMin(dt, MAX_STEP_S);
      const bool onL = outL.on[i] != 0, onR = outR.on[i] != 0;
      const bool any = onL || onR;

      const int flags = segmenter.update(t, any, gap ? dt : 0, first, boutCircles());
      if (flags & (BOUT_ENDED | BOUT_DROPPED)) closeBout(flags);

      const HandState::Circle* circL = cl != endL && cl->i == i ? cl++ : nullptr;
      const HandState::Circle* circR = cr != endR && cr->i == i ? cr++ : nullptr;
      rhythmAndPressure(circL, onL, b.left[i].thumb_n, w, bout.left, bout.cadLeft);
      rhythmAndPressure(circR, onR, b.right[i].thumb_n, w, bout.right, bout.cadRight);
      if (segmenter.inBout && any) {
        bout.any_s += w;
        if (onL && onR) bout.both_s += w;
      }
    }
  }

  static int slotOf(unsigned k) { return static_cast<int>(k % IN_FLIGHT); }

  void runRight(unsigned k) {
    const int s = slotOf(k);
    const Block& b = blocks[s];
    R.run(b.t.get(), b.dt.get(), b.right.get(), b.n, s);
    rDone.store(k + 1, std::memory_order_release);
    waiter.wake();
  }

  /** Block k, claimed by this thread (block k - 1 done): its right hand unless taken, L(k), S(k). */
  bool runBlock(unsigned k) {
    unsigned r = k;
    if (rClaimed.compare_exchange_strong(r, k + 1, std::memory_order_acq_rel)) runRight(k);  // rDone == k here
    const int s = slotOf(k);
    const Block& b = blocks[s];
    L.run(b.t.get(), b.dt.get(), b.left.get(), b.n, s);
    // R(k) taken by the calling thread at post time: it runs it now, right after the post.
    if (!waiter.until([&] { return rDone.load(std::memory_order_acquire) > k; })) return false;
    serial(s);
    done.store(k + 1, std::memory_order_release);
    waiter.wake();
    return true;
  }

  /** The oldest block not started, when it can start now (its predecessor done), else -1. */
  long claimable() const {
    const unsigned c = claimed.load(std::memory_order_acquire);
    if (c == posted.load(std::memory_order_acquire) || done.load(std::memory_order_acquire) != c) return -1;
    return static_cast<long>(c);
  }

  bool claim(unsigned k) {
    return claimed.compare_exchange_strong(k, k + 1, std::memory_order_acq_rel);
  }

  void workerLoop() {
    try {
      for (;;) {
        long k = -1;
        if (!waiter.until([&] { return (k = claimable()) >= 0; })) return;  // stopped
        if (!claim(static_cast<unsigned>(k))) continue;  // the calling thread took it
        if (!runBlock(static_cast<unsigned>(k))) return;
      }
    } catch (...) {
      error = std::current_exception();  // rethrown on the calling thread
      failed.store(true, std::memory_order_release);
      waiter.wake();
    }
  }

  void rethrowIfFailed() {
    // Sticky: the worker has stopped and the engine cannot go on; every later call throws too.
    if (failed.load(std::memory_order_acquire)) std::rethrow_exception(error);
  }

  /**
   * The calling thread until done >= want: it runs the oldest block itself when the worker has
   * not started it, else waits for the worker.
   */
  void waitDone(unsigned want) {
    for (;;) {
      if (done.load(std::memory_order_acquire) >= want) return;
      rethrowIfFailed();
      long k = -1, r = -1;
      if (!waiter.until([&] {
            return done.load(std::memory_order_acquire) >= want || (k = claimable()) >= 0 ||
                   (r = rightClaimable()) >= 0 || failed.load(std::memory_order_acquire);
          })) {
        return;
      }
      if (k >= 0) {
        if (claim(static_cast<unsigned>(k))) runBlock(static_cast<unsigned>(k));
      } else if (r >= 0) {
        // Rather than wait, the next right hand: the worker then has less to do per block.
        unsigned e = static_cast<unsigned>(r);
        if (rClaimed.compare_exchange_strong(e, e + 1, std::memory_order_acq_rel)) runRight(static_cast<unsigned>(r));
      }
    }
  }

  /** The next right hand, when it can start now (posted, its predecessor done), else -1. */
  long rightClaimable() const {
    const unsigned c = rClaimed.load(std::memory_order_acquire);
    if (c == posted.load(std::memory_order_acquire) || rDone.load(std::memory_order_acquire) != c) return -1;
    return static_cast<long>(c);
  }

  /** After a post: the calling thread runs the new block's right hand when the worker is behind. */
  void help(unsigned k) {
    // Behind: besides block k, one more is posted and not done.
    if (posted.load(std::memory_order_relaxed) - done.load(std::memory_order_acquire) < 2) return;
    if (rDone.load(std::memory_order_acquire) != k) return;  // R(k - 1) not done
    unsigned r = k;
    if (rClaimed.compare_exchange_strong(r, k + 1, std::memory_order_acq_rel)) runRight(k);
  }

  /** Hands the filled block over (or runs it here without a worker) and prepares the next one. */
  void flush() {
    if (cur->n == 0) return;
    if (!triedWorker && cur->n == BLOCK) {
      // A second thread only for sessions longer than a block, and only with a second core.
      triedWorker = true;
      if (std::thread::hardware_concurrency() > 1) {
        try {
          worker = std::thread(&Impl::workerLoop, this);
        } catch (const std::system_error&) {
          // no thread: everything on this one
        }
      }
    }
    const unsigned k = filled++;
    if (worker.joinable()) {
      posted.store(k + 1, std::memory_order_release);
      waiter.wake();
      help(k);
    } else {
      posted.store(k + 1, std::memory_order_relaxed);
      claimed.store(k + 1, std::memory_order_relaxed);
      runBlock(k);  // and its right hand
    }
  }

  /** The block to fill next, once its slot is free. */
  void nextBlock() {
    if (filled >= static_cast<unsigned>(IN_FLIGHT)) waitDone(filled - IN_FLIGHT + 1);
    cur = &blocks[slotOf(filled)];
    cur->allocate(BLOCK);
    cur->n = 0;
  }

  void push(const SampleIn& s) {
    const double t = s.t_s;
    if (!(t > lastT)) { skipped++; return; }
    const bool first = samples == 0;
    const double dt = first ? 0 : t - lastT;
    if (first) t0 = t;
    lastT = t;
    samples++;
    const bool gap = dt > GAP_S;  // gapAlways is never set on this path
    if (gap) {
      gapCount++;
      gapTotal += dt;
      if (gaps.size() < MAX_GAPS_LISTED) gaps.push_back(GapOut{t - dt, dt});  // lastStart(t, dt)
    }
    Block& b = *cur;
    const int i = b.n;
    b.t[i] = t;
    b.dt[i] = dt;
    b.left[i] = Hand(s.left);
    b.right[i] = Hand(s.right);
    if (++b.n == BLOCK) {
      flush();
      nextBlock();
    }
  }

  EngineResult finish() {
    flush();
    waitDone(filled);
    const int flags = segmenter.closeAtEnd(boutCircles());
    closeBout(flags);
    EngineResult r;
    r.samples = samples;
    r.skipped = skipped;
    r.t0 = t0;
    r.lastT = lastT;
    r.tooHardEvents = L.tooHardEvents + R.tooHardEvents;
    r.gapCount = gapCount;
    r.gapTotal = gapTotal;
    r.startFragment = startFragment;
    r.endFragment = endFragment;
    r.sawImuLeft = L.circles.sawImu;
    r.sawImuRight = R.circles.sawImu;
    r.gaps = gaps;
    r.passes = passes;
    return r;
  }
};

Engine::Engine(const EngineParams& p) : impl(new Impl(p)) {}
Engine::~Engine() { delete impl; }
void Engine::push(const SampleIn& s) { impl->push(s); }
EngineResult Engine::finish() { return impl->finish(); }

}  // namespace pijat
