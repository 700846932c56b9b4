// Interlink FSR 402 in the glove's voltage divider (hardware/pinmap.json "fsr_divider"): the FSR
// between 3.3 V and the ADC node, a fixed resistor from the node to GND, a 12-bit ADC referenced
// to the same 3.3 V. Force (newtons) -> FSR resistance -> node voltage -> counts.
//
// FSR 402 datasheet curve (force vs resistance, log-log): conductance roughly proportional to
// force; ~6 kOhm at 1 N, ~1 kOhm at 10 N; above the break force (~0.2 N) the part turns on, below
// it the sensor is an open circuit (> 10 MOhm); it bottoms out near 200 Ohm at full press.
// This is the power law R = R1N * F^-k through those two points (k = log10(6) ~ 0.778), which is
// the same curve the pin map's nominal calibration (p0, p1) inverts.
import { fsr_divider as divider } from '../../../hardware/pinmap.json';

/** Ohms of the resistor from the ADC node to GND. */
export const DIVIDER_OHMS: number = divider.resistor_ohms;
/** FSR 402 resistance at 1 N. */
export const FSR_OHMS_AT_1N = 6000;
/** FSR 402 resistance at 10 N. */
export const FSR_OHMS_AT_10N = 1000;
/** Below this force the FSR is an open circuit. */
export const FSR_BREAK_FORCE_N = 0.2;
/** What "open" means here (datasheet: > 10 MOhm). */
export const FSR_OPEN_OHMS = 20e6;
/** Fully pressed, the resistance stops falling. */
export const FSR_MIN_OHMS = 200;
/** Exponent of the power law. */
export const FSR_EXPONENT = Math.log10(FSR_OHMS_AT_1N / FSR_OHMS_AT_10N);
/** 12-bit ADC full scale. */
export const ADC_FULL_SCALE = 4095;

/** FSR 402 resistance in ohms for a force in newtons. */
export function fsrOhms(newtons: number): number {
  if (!(newtons >= FSR_BREAK_FORCE_N)) return FSR_OPEN_OHMS; // also NaN
  return Math.max(FSR_MIN_OHMS, FSR_OHMS_AT_1N * Math.pow(newtons, -FSR_EXPONENT));
}

/** Node voltage as a fraction of the 3.3 V supply (0..1). */
export function dividerFraction(newtons: number, resistorOhms: number = DIVIDER_OHMS): number {
  const r = fsrOhms(newtons);
  return resistorOhms / (resistorOhms + r);
}

/** The 12-bit ADC reading (0..4095) of the node. */
export function adcCounts(newtons: number, resistorOhms: number = DIVIDER_OHMS): number {
  const c = Math.round(dividerFraction(newtons, resistorOhms) * ADC_FULL_SCALE);
  return c < 0 ? 0 : c > ADC_FULL_SCALE ? ADC_FULL_SCALE : c;
}

/** Force in newtons on FSR `channel` (0..3, wire-protocol order) at emulated time t seconds. */
export type ForceFn = (channel: number, t: number) => number;

/**
 * A declarative force (usable both here and in the Espruino Linux prelude, where a TypeScript
 * function cannot go): a constant, or `max(0, mean + amplitude * sin(2 pi (hz t + phase)))`.
 */
export type ForceSpec = number | { readonly mean: number; readonly amplitude: number; readonly hz: number; readonly phase?: number };

export function forceFromSpec(spec: ForceSpec, t: number): number {
  if (typeof spec === 'number') return spec;
  const v = spec.mean + spec.amplitude * Math.sin(2 * Math.PI * (spec.hz * t + (spec.phase ?? 0)));
  return v > 0 ? v : 0;
}

/** A ForceFn from one spec per channel (missing channels: no force). */
export function forcesFromSpecs(specs: readonly ForceSpec[]): ForceFn {
  return (channel, t) => {
    const s = specs[channel];
    return s === undefined ? 0 : forceFromSpec(s, t);
  };
}

/**
 * The default hands: thumbs pressing rhythmically at 1 Hz (0..~12 N, in and out of the open
 * region), knuckles steadier and lighter, left and right out of phase.
 */
export const MASSAGE_FORCES: readonly ForceSpec[] = [
  { mean: 5, amplitude: 7, hz: 1, phase: 0 },
  { mean: 5, amplitude: 7, hz: 1, phase: 0.5 },
  { mean: 2.5, amplitude: 1.5, hz: 1, phase: 0.25 },
  { mean: 2.5, amplitude: 1.5, hz: 1, phase: 0.75 },
];

/** Accepts what createGlove/the Linux prelude take: a function, specs, or nothing (the default). */
export function toForceFn(forces: ForceFn | readonly ForceSpec[] | undefined): ForceFn {
  if (forces === undefined) return forcesFromSpecs(MASSAGE_FORCES);
  if (typeof forces === 'function') return forces;
  return forcesFromSpecs(forces);
}
