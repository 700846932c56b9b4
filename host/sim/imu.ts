// The MPU-6050 on the back of each hand: ranges, noise and untrimmed offsets as in
// ../shared/ESPRUINO.md (Sensors).
import type { Rng } from './prng';

/** Counts per g at +-4 g. */
export const ACCEL_COUNTS_PER_G = 8192;
/** Counts per degree/second at +-500 dps. */
export const GYRO_COUNTS_PER_DPS = 65.5;
/** Noise densities. */
const GYRO_NOISE_DPS_RTHZ = 0.005;
const ACCEL_NOISE_G_RTHZ = 400e-6;
/** Hand tremor and mounting wobble on top of the sensor noise (rms). */
const TREMOR_DPS = 0.3;
const TREMOR_G = 0.003;

/** One IMU part: its untrimmed offsets (unknown to the device; the host estimates them at rest). */
export interface ImuPart {
  accel_bias_g: [number, number, number];
  gyro_bias_dps: [number, number, number];
}

export function makeImuPart(rng: Rng): ImuPart {
  return {
    accel_bias_g: [rng.range(-0.05, 0.05), rng.range(-0.05, 0.05), rng.range(-0.08, 0.08)],
    gyro_bias_dps: [rng.range(-20, 20), rng.range(-20, 20), rng.range(-20, 20)],
  };
}

/** Rms noise per sample at a sample rate (bandwidth = rate / 2). */
export function imuNoise(rateHz: number): { accel_g: number; gyro_dps: number } {
  const bw = rateHz / 2;
  return {
    accel_g: Math.hypot(ACCEL_NOISE_G_RTHZ * Math.sqrt(bw), TREMOR_G),
    gyro_dps: Math.hypot(GYRO_NOISE_DPS_RTHZ * Math.sqrt(bw), TREMOR_DPS),
  };
}

/** Rounds to an i16 count, saturating as the sensor does at full scale. */
export function toCounts(value: number, countsPerUnit: number): number {
  const c = Math.round(value * countsPerUnit);
  return c > 32767 ? 32767 : c < -32768 ? -32768 : c;
}
