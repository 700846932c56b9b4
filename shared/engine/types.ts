// The streaming engine's inputs and outputs. Samples in, events out (pure, no I/O).
import type { Hand } from '../protocol/types';
export type { Hand };

/** One hand's calibrated values at one instant. NaN = channel absent. */
export interface HandSample {
  thumb_n: number;
  knuckle_n: number;
  /** false when the hand has no IMU or its IMU is not valid in this frame. */
  imu_ok: boolean;
  ax_g: number;
  ay_g: number;
  az_g: number;
  gx_dps: number;
  gy_dps: number;
  gz_dps: number;
}

/**
 * One calibrated sample. Producers may reuse the same object for every push:
 * the engine must copy what it keeps.
 */
export interface EngineSample {
  /** Seconds since the recording started, increasing. */
  t_s: number;
  left: HandSample;
  right: HandSample;
  /** The glove's pass marker (button), when the source has one. */
  marker?: boolean;
}

/**
 * Where a pressing thumb's force is: 'in' the profile's target; 'below' / 'above' it but within
 * the profile's tolerance (force_n.warn: shown, no cue); 'low' / 'high' beyond the tolerance
 * (the too-light / too-hard cues); 'off' not pressing.
 */
export type ForceBand = 'off' | 'low' | 'below' | 'in' | 'above' | 'high';

/** A cue the trainee can act on now; ids index the i18n table (shared/i18n). */
export type CueId =
  | 'ok'
  | 'too_hard'
  | 'too_light'
  | 'too_fast'
  | 'too_slow'
  | 'irregular'
  | 'one_hand'
  | 'pass_too_long'
  | 'rest';

export type EngineEvent =
  | { type: 'contact'; t_s: number; hand: Hand; on: boolean }
  | { type: 'circle'; t_s: number; hand: Hand; period_s: number }
  | { type: 'pass_start'; t_s: number; index: number }
  | { type: 'pass_end'; t_s: number; index: number; duration_s: number }
  | { type: 'too_hard'; t_s: number; hand: Hand; force_n: number }
  | { type: 'cue'; t_s: number; cue: CueId };

export interface LiveHand {
  force_n: number;
  band: ForceBand;
  cadence_hz: number | null;
  contact: boolean;
}

/** What a live view shows, refreshed after every push. */
export interface LiveState {
  t_s: number;
  in_pass: boolean;
  /** 1-based number of the current (or last) pass; 0 before the first. */
  pass_number: number;
  pass_elapsed_s: number;
  left: LiveHand;
  right: LiveHand;
  cadence_hz: number | null;
  cue: CueId;
}

/** One pass (work bout) as the engine measured it. */
export interface PassSummary {
  /** 1-based. */
  index: number;
  start_s: number;
  end_s: number;
  /** end_s - start_s without the gaps inside (time without data pauses the pass timer). */
  duration_s: number;
  /** Time without data inside the pass, s. */
  gap_s?: number;
  /** The pass was already under way when the recording started (or began within EDGE_LIFT_S of it): judged on what was seen. */
  started_before_recording?: boolean;
  /** The pass was still under way when the recording stopped: judged on what was seen. */
  ended_after_recording?: boolean;
  /** The pass began on the first sample after a data gap or within EDGE_LIFT_S of it (its start may lie in the gap): judged on what was seen. */
  started_in_gap?: boolean;
  /** The thumbs were pressing when a data gap began and had lifted when it ended: judged on what was seen. */
  ended_in_gap?: boolean;
  /** Circles counted per hand in this pass. */
  circles_left: number;
  circles_right: number;
  /** Circles of the pass: the mean of the hands that worked (rounded). */
  circles: number;
  cadence_left_hz: number | null;
  cadence_right_hz: number | null;
  /** Mean of the hands' cadences that are known. */
  cadence_hz: number | null;
  /** How sure each cadence is, 0..1 (CadenceStats.confidence); null without a cadence. */
  cadence_confidence_left?: number | null;
  cadence_confidence_right?: number | null;
  /** The lower of the known hands' confidences. */
  cadence_confidence?: number | null;
  /** Coefficient of variation of the circle period, both hands pooled. */
  regularity_cv: number | null;
  mean_force_left_n: number | null;
  mean_force_right_n: number | null;
  /** Share of this pass's work time with both thumbs pressing. */
  bilateral_fraction: number;
}

export interface HandSummary {
  /** Thumb force while that thumb is pressing. */
  mean_n: number | null;
  sd_n: number | null;
  max_n: number | null;
  /** Share of that thumb's pressing time inside the profile's force band. */
  in_band_fraction: number | null;
  pressing_s: number;
  circles: number;
  cadence_hz: number | null;
  /** How sure the cadence is, 0..1; null without a cadence. */
  cadence_confidence?: number | null;
  regularity_cv: number | null;
  imu: boolean;
}

/** Why there was no data: frames lost (device time jumped), the link was down, the device restarted. */
export type GapCause = 'lost' | 'link' | 'restart';

/** A stretch of the recording without data (longer than the engine's GAP_S, or marked). */
export interface GapSummary {
  /** Time of the last sample before the gap and length of the gap, s. */
  start_s: number;
  duration_s: number;
  cause: GapCause;
}

/** Everything the scorer needs, produced by Engine.finish(). */
export interface SessionSummary {
  duration_s: number;
  /** Time inside passes. */
  work_s: number;
  samples: number;
  passes: PassSummary[];
  left: HandSummary;
  right: HandSummary;
  /** Both thumbs' pressing time inside the band over their pressing time. */
  in_band_fraction: number | null;
  bilateral_fraction: number | null;
  /** Left share of the summed thumb force, 0..1. */
  balance: number | null;
  too_hard_events: number;
  /** Gaps in the data (the first MAX_GAPS_LISTED), their number and their total length, s. */
  gaps?: GapSummary[];
  gap_count?: number;
  gap_s?: number;
}
