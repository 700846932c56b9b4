// The stored calibration's schema (zod), apart from calibration.ts so that scoring a file does
// not load zod (about a third of `pijat score`'s start-up).
import { z } from 'zod';
import { fill, type Params } from '../i18n/index';
import { CALIBRATION_INVALID } from '../i18n/calibration';
import type { DeviceCalibration } from './calibration';

const FsrParamsSchema = z.object({
  p0: z.number().positive(),
  p1: z.number().positive(),
  p2: z.number().min(0).max(65535),
});
const Vec3Schema = z.object({ x: z.number(), y: z.number(), z: z.number() });
export const DeviceCalibrationSchema = z.object({
  device_id: z.number().int().min(0).max(0xffffffff),
  fsr: z.record(z.string().regex(/^(left|right)_(thumb|knuckle)$/, 'a channel name like left_thumb'), FsrParamsSchema),
  gyro_bias: z.object({ left: Vec3Schema.optional(), right: Vec3Schema.optional() }).optional(),
});

/** A stored calibration that does not validate; `entry` + `params` give it in both languages. */
export class CalibrationError extends Error {
  readonly entry = CALIBRATION_INVALID;
  readonly exitCode = 2;
  constructor(readonly params: Params) {
    super(fill(CALIBRATION_INVALID.en, params));
    this.name = 'CalibrationError';
  }
}

/** Validates a stored calibration; `where` names its origin in the error (file, row). */
export function parseDeviceCalibration(json: unknown, where: string): DeviceCalibration {
  const r = DeviceCalibrationSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new CalibrationError({ where, field: issue.path.join('.') || '-', reason: issue.message });
}
