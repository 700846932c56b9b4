// The JSON report of a scored session (DESIGN.md contract). The JSON Schema file is
// generated from this zod schema (see scripts/build.ts).
import { z } from 'zod';

const Text = z.object({ id: z.string(), en: z.string() });

/** A circle tempo against the profile's cadence target: never folded into the band. */
export const CadenceStatus = z.enum(['too_slow', 'in_band', 'too_fast']);
export type CadenceStatusId = z.infer<typeof CadenceStatus>;

export const CriterionResult = z.object({
  id: z.string(),
  /** 0..100 for this criterion. */
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  weight: z.number(),
  /** The measured value the criterion judged (units per criterion), null when not measurable. */
  value: z.number().nullable(),
  target: z.object({ min: z.number(), max: z.number() }),
  /** English sentence; `messages` carries both languages. */
  message: z.string(),
  messages: Text,
  source: z.string(),
});

export const PassResult = z.object({
  index: z.number().int().min(1),
  start_s: z.number(),
  end_s: z.number(),
  duration_s: z.number(),
  cadence_hz: z.number().nullable(),
  /** How sure the cadence is, 0..1 (the lower of the hands'); null without a cadence. */
  cadence_confidence: z.number().min(0).max(1).nullable().optional(),
  /** The pass's cadence against the profile's target band; null without a cadence. */
  cadence_status: CadenceStatus.nullable().optional(),
  circles: z.number().int(),
  regularity_cv: z.number().nullable(),
  mean_force_left_n: z.number().nullable(),
  mean_force_right_n: z.number().nullable(),
  bilateral_fraction: z.number(),
  /** Time without data inside the pass, s (not counted in duration_s: the pass timer paused). */
  gap_s: z.number().optional(),
  /** The pass was under way when the recording started: judged on what was seen. */
  started_before_recording: z.boolean().optional(),
  /** The pass was still under way when the recording stopped: judged on what was seen. */
  ended_after_recording: z.boolean().optional(),
  /** The pass began right after a data gap (its start may lie in the gap): judged on what was seen. */
  started_in_gap: z.boolean().optional(),
  /** The pass's thumbs lifted during a data gap (its end may lie in the gap): judged on what was seen. */
  ended_in_gap: z.boolean().optional(),
});

/** A stretch without data: frames lost, the link down, or the glove restarted (length unknown in a file). */
export const GapResult = z.object({
  start_s: z.number(),
  duration_s: z.number(),
  cause: z.enum(['lost', 'link', 'restart']),
});

const HandPressure = z.object({
  mean_n: z.number().nullable(),
  sd_n: z.number().nullable(),
  max_n: z.number().nullable(),
  in_band_fraction: z.number().nullable(),
});

export const Report = z.object({
  report_version: z.literal(1),
  profile: z.string(),
  /** 'insufficient_data' when there is too little work to judge (then score.total is null). */
  verdict: z.enum(['pass', 'fail', 'insufficient_data']),
  score: z.object({
    total: z.number().min(0).max(100).nullable(),
    criteria: z.array(CriterionResult),
  }),
  /** Every point taken off, with its reason in both languages. */
  deductions: z.array(z.object({ criterion: z.string(), points: z.number(), reason: Text })),
  /** Remarks on the whole session in both languages (why there is no score, too-hard presses). */
  notes: z.array(Text).optional(),
  passes: z.array(PassResult),
  pressure: z.object({
    left: HandPressure,
    right: HandPressure,
    in_band_fraction: z.number().nullable(),
    band_n: z.object({ min: z.number(), max: z.number() }),
    too_hard_events: z.number().int(),
  }),
  cadence: z.object({
    left_hz: z.number().nullable(),
    right_hz: z.number().nullable(),
    mean_hz: z.number().nullable(),
    regularity_cv: z.number().nullable(),
    /** How sure the session cadence is, 0..1 (the lower of the hands that have one). */
    confidence: z.number().min(0).max(1).nullable().optional(),
    /** mean_hz against the profile's target band, with the words in both languages. */
    status: CadenceStatus.nullable().optional(),
    status_text: Text.nullable().optional(),
  }),
  bilateral_fraction: z.number().nullable(),
  /** Left share of the thumb force, 0..1. */
  balance: z.number().nullable(),
  duration_s: z.number(),
  work_s: z.number(),
  recording: z.object({
    source: z.enum(['raw', 'csv', 'live']),
    samples: z.number().int(),
    rate_hz: z.number().nullable(),
    lost_frames: z.number().int(),
    crc_errors: z.number().int(),
    device_id: z.number().nullable(),
    /** Frames received twice (replayed bytes): dropped. */
    duplicates: z.number().int().optional(),
    /** Times the glove's clock went back (a restart, or captures appended): new segments. */
    restarts: z.number().int().optional(),
    /** Times the link came back after going away. */
    reconnects: z.number().int().optional(),
    /** Gaps in the data: how many, their total length (s), and the first ones one by one. */
    gap_count: z.number().int().optional(),
    gap_s: z.number().optional(),
    gaps: z.array(GapResult).optional(),
    /** The recording began with this much pressing (s) that made no pass: the end of a pass or a touch. */
    start_fragment_s: z.number().optional(),
    /** The recording ended with this much pressing (s) that made no pass: the start of a pass or a touch. */
    end_fragment_s: z.number().optional(),
  }),
  /** A report of a session still running: pass-level results, the verdict only at the end. */
  in_progress: z.boolean().optional(),
});
export type Report = z.infer<typeof Report>;
export type CriterionResult = z.infer<typeof CriterionResult>;
export type PassResult = z.infer<typeof PassResult>;
export type GapResult = z.infer<typeof GapResult>;
