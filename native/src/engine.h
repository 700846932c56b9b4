// The per-sample part of the scoring engine (shared/engine), compiled, for `pijat score` on a
// file. It is a port of the TypeScript, operation for operation, so that its sums are the same
// doubles: everything it returns goes through the same TypeScript summaries and score(). The
// TypeScript stays the reference (live links, the browser, any input this path declines);
// test/native/ checks that both give the same report. See native/README.md.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

namespace pijat {

/** One hand of a calibrated sample (shared/engine/types.ts HandSample). */
struct HandIn {
  double thumb_n, knuckle_n, ax_g, ay_g, az_g, gx_dps, gy_dps, gz_dps;
  bool imu_ok;
};

/** A calibrated sample (EngineSample without the marker, which scoring does not read). */
struct SampleIn {
  double t_s;
  HandIn left, right;
};

/** What the engine takes from the profile (createEngine). */
struct EngineParams {
  double contact_on_n, contact_off_n;  // profile.segmentation
  double too_hard_n;                   // profile.too_hard_n
  double pass_gap_s, min_pass_s;       // profile.segmentation
  double target_min, target_max;       // profile.criteria.force_n.target
};

/** ForceStats' fields (shared/engine/pressure.ts). */
struct ForceAcc {
  double press_s = 0, sum = 0, sumSq = 0, max = -INFINITY, inBand_s = 0;
};

/** CadenceStats' fields (shared/engine/circles.ts). */
struct CadenceAcc {
  double circles = 0, n = 0, sum = 0, sumSq = 0, evidence = 0;
};

/** BoutStats' fields (shared/engine/passes.ts). */
struct BoutAcc {
  ForceAcc left, right;
  CadenceAcc cadLeft, cadRight;
  double any_s = 0, both_s = 0;
};

/** A kept pass as closeBout() sees it: the arguments of passSummary(). */
struct PassOut {
  double start, end, gap;
  bool early, late, startInGap, endInGap;
  BoutAcc stats;
};

/** A listed gap (cause is always 'lost': a file has no link events, and restarts are declined). */
struct GapOut {
  double start_s, duration_s;
};

/** The engine's state after finish(), enough for the TypeScript to build SessionSummary. */
struct EngineResult {
  double samples = 0, skipped = 0, t0 = NAN, lastT = -INFINITY;
  double tooHardEvents = 0, gapCount = 0, gapTotal = 0;
  /** fragments(): NaN when absent. */
  double startFragment = NAN, endFragment = NAN;
  bool sawImuLeft = false, sawImuRight = false;
  std::vector<GapOut> gaps;
  std::vector<PassOut> passes;
};

/** createEngine() without events, cues or the live state: push() every sample, then finish(). */
class Engine {
 public:
  explicit Engine(const EngineParams& p);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  void push(const SampleIn& s);
  /** Closes the open bout (closeAtEnd) and returns the state; call once. */
  EngineResult finish();

 private:
  struct Impl;
  Impl* impl;
};

}  // namespace pijat
