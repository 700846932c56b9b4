// The thumb/knuckle force sensor: an Interlink FSR 402 in a voltage divider read by the ADC.
// Figures from ../shared/ESPRUINO.md (Sensors): resistance ~100 kOhm at light touch (0.2 N) down
// to ~200 Ohm at 20 N, roughly a power law; +-6 % part to part; hysteresis +10 %.
import type { Rng } from './prng';

/** Measuring resistor of the divider: raw = 65535 * Rm / (Rm + Rfsr). */
export const DIVIDER_OHM = 10_000;
/** Power-law exponent of the nominal part: R = A * F^-k through (0.2 N, 100 kOhm), (20 N, 200 Ohm). */
export const NOMINAL_K = Math.log(100_000 / 200) / Math.log(20 / 0.2);
/** Nominal resistance at 1 N. */
export const NOMINAL_A_OHM = 100_000 * Math.pow(0.2, NOMINAL_K);
/** Resistance with no load (an open FSR reads above 1 MOhm). */
const OPEN_OHM = 10_000_000;
/** Hysteresis: unloading reads a resistance up to this fraction lower than loading. */
const HYSTERESIS = 0.1;
const HYSTERESIS_TAU_S = 0.08;
/** Curvature of log R against log F around CURVE_CENTRE_N: the deviation from a pure power law. */
const CURVE_CENTRE_N = 5;
/** The ADC: 12 bits, noise in LSB (rms). */
const ADC_BITS = 12;
const ADC_NOISE_LSB = 0.6;

/** One physical FSR part. */
export interface FsrPart {
  /** Resistance at 1 N of the part's power law, ohm. */
  a_ohm: number;
  k: number;
  /** Coefficient of (ln F/5N)^2 in ln R: the part's non-linearity. */
  curvature: number;
}

export function makeFsrPart(rng: Rng): FsrPart {
  return {
    a_ohm: NOMINAL_A_OHM * Math.exp(0.06 * rng.clippedNormal(0, 1, -2.5, 2.5)),
    k: NOMINAL_K * (1 + 0.03 * rng.clippedNormal(0, 1, -2.5, 2.5)),
    curvature: 0.016 * (1 + 0.3 * rng.clippedNormal(0, 1, -2, 2)),
  };
}

/**
 * The force range a glove's factory calibration is fitted over, newtons: from about the
 * lightest passing force (3.5 N in sop-000) to just past its too-hard limit (15 N). A 2-16 N
 * fit read worse at the usual 5-8 N (bench accuracy: force error per pass max 1.63 % against
 * 1.50 %).
 */
export const FIT_RANGE_N: readonly [number, number] = [3, 16];
const FIT_POINTS = 32;

/**
 * The descriptor's calibration constants for a part (PROTOCOL.md 3.1): newtons = p0 * c^p1
 * with c = Rm / Rfsr, the power law that fits the part's curve best over FIT_RANGE_N (least
 * squares of ln R on ln F, points even in ln F), as a factory calibration fits each part on
 * weights (a log-log least squares like fitFsr, here on the noise-free curve). By calculation
 * the nominal curvature leaves the fit within about 0.6 % over that range; read back through
 * the ADC, 20 parts stay within 1.6 % (test/sim/physics.test.ts). The exact inverse of the
 * power-law part alone (no curvature) read 1.4 % low at 15 N.
 */
export function fsrCalibration(part: FsrPart): { p0: number; p1: number; p2: number } {
  const [lo, hi] = FIT_RANGE_N;
  let su = 0, sy = 0, suu = 0, suy = 0;
  for (let i = 0; i < FIT_POINTS; i++) {
    const u = Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (FIT_POINTS - 1);
    const dc = u - Math.log(CURVE_CENTRE_N);
    const y = Math.log(part.a_ohm) - part.k * u + part.curvature * dc * dc;
    su += u; sy += y; suu += u * u; suy += u * y;
  }
  const slope = (FIT_POINTS * suy - su * sy) / (FIT_POINTS * suu - su * su);
  const k = -slope;
  const a = Math.exp((sy - slope * su) / FIT_POINTS);
  return { p0: Math.pow(a / DIVIDER_OHM, 1 / k), p1: 1 / k, p2: 0 };
}

/** Resistance of a part at force F (no hysteresis). */
export function fsrResistance(part: FsrPart, forceN: number): number {
  if (forceN <= 1e-3) return OPEN_OHM;
  const lf = Math.log(forceN);
  const dc = lf - Math.log(CURVE_CENTRE_N);
  const r = Math.exp(Math.log(part.a_ohm) - part.k * lf + part.curvature * dc * dc);
  return (r * OPEN_OHM) / (r + OPEN_OHM);
}

/** A mounted FSR with its hysteresis state and the ADC behind it. */
export class FsrSensor {
  private prevF = 0;
  private peakF = 0;
  private hyst = 0;

  constructor(readonly part: FsrPart, private readonly rng: Rng) {}

  /** Raw ADC value (0..65535, as the firmware sends it) for the true force at this sample. */
  raw(forceN: number, dt_s: number): number {
    const f = forceN > 0 ? forceN : 0;
    let target = 0;
    if (f >= this.prevF) this.peakF = f;
    else if (this.peakF > 0) target = (HYSTERESIS * (this.peakF - f)) / this.peakF;
    this.hyst += (target - this.hyst) * (1 - Math.exp(-dt_s / HYSTERESIS_TAU_S));
    this.prevF = f;
    const r = fsrResistance(this.part, f) * (1 - this.hyst);
    const frac = DIVIDER_OHM / (DIVIDER_OHM + r);
    const full = (1 << ADC_BITS) - 1;
    let code = Math.round(frac * full + ADC_NOISE_LSB * this.rng.normal());
    if (code < 0) code = 0;
    else if (code > full) code = full;
    return Math.round((code * 65535) / full);
  }
}
