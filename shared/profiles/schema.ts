// SOP profiles: JSON data validated here. Every criterion carries its target band (full marks),
// its warning band (live cues), its pass band (the verdict), a weight and its source seed.
import { z } from 'zod';

export const Range = z
  .object({ min: z.number(), max: z.number() })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });
export type Range = z.infer<typeof Range>;

export const Criterion = z
  .object({
    target: Range,
    warn: Range,
    pass: Range,
    weight: z.number().min(0).max(10),
    source: z.string().min(1),
  })
  .refine((c) => c.pass.min <= c.target.min && c.target.max <= c.pass.max, {
    message: 'the target band must lie inside the pass band',
    path: ['target'],
  })
  // Live cues fire outside the warning band: it must hold the target and sit inside the pass band.
  .refine((c) => c.warn.min <= c.target.min && c.target.max <= c.warn.max, {
    message: 'the warning band must contain the target band',
    path: ['warn'],
  })
  .refine((c) => c.pass.min <= c.warn.min && c.warn.max <= c.pass.max, {
    message: 'the warning band must lie inside the pass band',
    path: ['warn'],
  });
export type Criterion = z.infer<typeof Criterion>;

export const Text = z.object({ id: z.string().min(1), en: z.string().min(1) });

export const Profile = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  name: Text,
  description: Text,
  criteria: z.object({
    /** Duration of each pass, seconds. */
    pass_duration_s: Criterion,
    /** Number of passes in the session. */
    pass_count: Criterion,
    /** Mean thumb force while pressing, newtons, per hand. */
    force_n: Criterion,
    /** Share of pressing time with the thumb force inside force_n.target. */
    in_band_fraction: Criterion,
    /** Circle cadence, circles per second. */
    cadence_hz: Criterion,
    /** Cycle-to-cycle variation of the circle period (coefficient of variation). */
    regularity_cv: Criterion,
    /** Share of work time with both thumbs pressing. */
    bilateral_fraction: Criterion,
    /** Left share of total thumb force, 0..1 (0.5 = balanced). */
    balance: Criterion,
    /** Optional: total work time (time inside passes), seconds, for SOPs that give a session length. */
    work_s: Criterion.optional(),
  }),
  segmentation: z.object({
    /** Thumb force that starts a contact, newtons. */
    contact_on_n: z.number().positive(),
    /** Thumb force below which a contact ends (hysteresis), newtons. */
    contact_off_n: z.number().positive(),
    /** Both thumbs off longer than this ends a pass, seconds (default 3). */
    pass_gap_s: z.number().positive(),
    /** Work bouts shorter than this are not passes, seconds. */
    min_pass_s: z.number().nonnegative(),
  }).refine((s) => s.contact_off_n < s.contact_on_n, {
    message: 'contact_off_n must be below contact_on_n',
    path: ['contact_off_n'],
  }),
  /** Force above which a too-hard event fires, newtons. */
  too_hard_n: z.number().positive(),
});
export type Profile = z.infer<typeof Profile>;
