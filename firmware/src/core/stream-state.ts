// The little state the per-sample path shares with the rest of the core. It is one small object
// on purpose: Espruino finds a name by walking a list, so the hot path looks things up here (a
// dozen properties) and in its own closure, never in the bundle's scope of 150 names.

export interface StreamState {
  /** now() when streaming started; t_us counts from here. */
  t0: number;
  /**
   * The sample flags: button held, pass marker, and IMU 0 / 1 valid (set once a health check saw
   * its data move; the sample path clears a bit for a sample whose read failed).
   */
  flags: number;
  /** IMU 0 / 1 answered at set-up and has not been lost since: the sample path reads it. */
  imu0: boolean;
  imu1: boolean;
  /** IMU read failures seen by the sample path, not yet handled by housekeeping. */
  imuFail0: number;
  imuFail1: number;
  /** Samples sent since streaming started. */
  sent: number;
  /** Exceptions caught in the sample path (counted, reported in status, sampling goes on). */
  faults: number;
  /** Samples left to average for a tare (0: none running). */
  tareLeft: number;
  /** Automatic LED feedback is on (thresholds set). */
  feedbackLive: boolean;
  /** tareLeft > 0 or feedbackLive: the sample path calls the core's after-sample hook. */
  extra: boolean;
}

export const S: StreamState = {
  t0: 0,
  flags: 0,
  imu0: false,
  imu1: false,
  imuFail0: 0,
  imuFail1: 0,
  sent: 0,
  faults: 0,
  tareLeft: 0,
  feedbackLive: false,
  extra: false,
};
