// What the two MPU-6050s on the backs of the hands feel: gravity (with a small tilt per hand),
// the hand circling on the skin at a cadence, the wrist rocking with it, per-sensor offsets within
// the datasheet's untrimmed limits, and small deterministic noise at the datasheet's noise
// density. Physical units: accelerations in g, rotation rates in deg/s, temperature in deg C.
//
// Everything here is plain arithmetic with the same constants as the ES5 copy in
// ../espruino-prelude.ts (the Linux interpreter runs that one), and the noise is an exact integer
// generator (MINSTD), so both produce the same numbers for the same time.

export interface ImuSample {
  /** Specific force along the sensor axes, in g (flat and still: az = +1). */
  readonly ax: number;
  readonly ay: number;
  readonly az: number;
  /** Rotation rates, deg/s. */
  readonly gx: number;
  readonly gy: number;
  readonly gz: number;
  readonly tempC: number;
}

/** Motion of IMU `imu` (0 = left hand at 0x68, 1 = right hand at 0x69) at emulated time t seconds. */
export type MotionFn = (imu: number, t: number) => ImuSample;

export interface HandMotion {
  /** Circles per second (default 1). */
  readonly cadenceHz?: number;
  /** Radius of the circle the hand draws, metres (default 0.025). */
  readonly radiusM?: number;
  /** Tilt of each hand about its x axis, degrees (default 12; the right hand tilts the other way). */
  readonly tiltDeg?: number;
  /** Peak rocking rate of the wrist, deg/s (default 25). */
  readonly rockDps?: number;
  /** Noise on (default) or off. */
  readonly noise?: boolean;
  /** Noise seed (default 1). */
  readonly seed?: number;
}

const G = 9.80665;
/** Datasheet: 400 ug/sqrt(Hz); 0.005 deg/s/sqrt(Hz); over the ~44 Hz band the firmware sets. */
const ACCEL_NOISE_G = 400e-6 * Math.sqrt(44);
const GYRO_NOISE_DPS = 0.005 * Math.sqrt(44);
/** Untrimmed offsets, inside the datasheet's +-50/80 mg and +-20 deg/s. */
const ACCEL_OFFSET_G: readonly (readonly number[])[] = [
  [0.021, -0.013, 0.034],
  [-0.017, 0.024, -0.028],
];
const GYRO_BIAS_DPS: readonly (readonly number[])[] = [
  [1.6, -0.9, 0.4],
  [-0.7, 1.1, -1.3],
];
const MINSTD_M = 2147483647;

/**
 * Uniform noise in [-1, 1] for (imu, axis, millisecond n): a few rounds of MINSTD, exact in
 * doubles on every engine.
 */
export function unitNoise(seed: number, imu: number, axis: number, n: number): number {
  let h = (((n % (MINSTD_M - 1)) + MINSTD_M - 1) % (MINSTD_M - 1)) + 1;
  h = (h + imu * 7919 + axis * 104729 + seed * 15485863) % (MINSTD_M - 1) + 1;
  for (let i = 0; i < 3; i++) h = (h * 48271) % MINSTD_M;
  return (h / MINSTD_M) * 2 - 1;
}

/** The default glove motion: a hand circling at 1 Hz, noise on. */
export function circlingHand(opts: HandMotion = {}): MotionFn {
  const f = opts.cadenceHz ?? 1;
  const r = opts.radiusM ?? 0.025;
  const tilt = ((opts.tiltDeg ?? 12) * Math.PI) / 180;
  const rock = opts.rockDps ?? 25;
  const noisy = opts.noise ?? true;
  const seed = opts.seed ?? 1;
  const w = 2 * Math.PI * f;
  const aCirc = (r * w * w) / G;
  // Uniform noise with the datasheet's rms: half-width = rms * sqrt(3).
  const an = noisy ? ACCEL_NOISE_G * Math.sqrt(3) : 0;
  const gn = noisy ? GYRO_NOISE_DPS * Math.sqrt(3) : 0;
  return (imu, t) => {
    const side = imu === 0 ? 1 : -1;
    const ph = w * t + (imu === 0 ? 0 : Math.PI);
    const n = Math.floor(t * 1000);
    const ao = ACCEL_OFFSET_G[imu] ?? [0, 0, 0];
    const gb = GYRO_BIAS_DPS[imu] ?? [0, 0, 0];
    return {
      ax: -aCirc * Math.cos(ph) + ao[0]! + an * unitNoise(seed, imu, 0, n),
      ay: -aCirc * Math.sin(ph) + side * Math.sin(tilt) + ao[1]! + an * unitNoise(seed, imu, 1, n),
      az: Math.cos(tilt) + ao[2]! + an * unitNoise(seed, imu, 2, n),
      gx: rock * Math.cos(ph) + gb[0]! + gn * unitNoise(seed, imu, 3, n),
      gy: rock * Math.sin(ph) + gb[1]! + gn * unitNoise(seed, imu, 4, n),
      gz: 0.2 * rock * Math.sin(2 * ph) + gb[2]! + gn * unitNoise(seed, imu, 5, n),
      tempC: 29 + imu * 0.5,
    };
  };
}

/** A hand lying still (gravity, offsets and noise only). */
export function stillHand(opts: { noise?: boolean; seed?: number } = {}): MotionFn {
  return circlingHand({ radiusM: 0, rockDps: 0, ...opts });
}

/** Accepts a function, options for circlingHand, or nothing (the default). */
export function toMotionFn(motion: MotionFn | HandMotion | undefined): MotionFn {
  if (motion === undefined) return circlingHand();
  if (typeof motion === 'function') return motion;
  return circlingHand(motion);
}
