// On-glove cues: LED colours for in band / too hard / too light, from the host's thresholds on
// the thumb FSRs (automatic) or forced by the host; identify blinking; vibration pulses.
import {
  FEEDBACK_AUTO, FEEDBACK_IN_BAND, FEEDBACK_TOO_HARD, FEEDBACK_TOO_LIGHT, FEEDBACK_OFF,
} from '../../../shared/protocol/constants';
import type { Hal } from './hal';
import { S } from './stream-state';

/** Longest vibration pulse, ms: longer requests are cut to this. */
export const MAX_VIBRATE_MS = 5000;

let setLeds: (red: boolean, green: boolean) => void = () => undefined;
let setMotor: (on: boolean) => void = () => undefined;

let mode = FEEDBACK_AUTO;
/**
 * Thresholds (raw counts on the thumb FSRs) and the cue on show (FEEDBACK_IN_BAND / TOO_HARD /
 * TOO_LIGHT / OFF), in one small object that the per-sample cue check reads (sampler.ts says why).
 */
const F = { low: 0, high: 0, shown: FEEDBACK_OFF };
/** Quarter seconds of identify blinking left. */
let identifyLeft = 0;
let now: () => number = () => 0;
/**
 * A vibration pulse is running, and when it ends (hal.now() seconds). A time, not a count of
 * housekeeping runs: after a stall the interpreter runs the missed intervals back to back, and a
 * 200 ms pulse counted in runs lasted 53 ms on the Espruino Linux build.
 */
let motorOn = false;
let motorOffAt = 0;

export function initFeedback(hal: Hal): void {
  setLeds = hal.setLeds;
  setMotor = hal.setMotor;
  now = hal.now;
}

function paint(): void {
  if (identifyLeft > 0) return;
  setLeds(F.shown === FEEDBACK_TOO_HARD, F.shown === FEEDBACK_IN_BAND);
}

function show(cue: number): void {
  F.shown = cue;
  paint();
}

/** The per-sample cue check of automatic mode, as a closure: the harder-pressing thumb decides the cue. */
export function makeAutoFeedback(): (a: number, b: number) => void {
  const f = F;
  const change = show;
  return function (a: number, b: number): void {
    'ram';
    const v = a > b ? a : b;
    const cue = v > f.high ? FEEDBACK_TOO_HARD : v >= f.low ? FEEDBACK_IN_BAND : FEEDBACK_TOO_LIGHT;
    if (cue !== f.shown) change(cue);
  };
}

/** set_thresholds: raw counts on the thumb FSRs. high = 0 switches automatic cues off. */
export function setThresholds(lo: number, hi: number): boolean {
  if (hi !== 0 && lo > hi) return false;
  F.low = lo;
  F.high = hi;
  S.feedbackLive = mode === FEEDBACK_AUTO && hi > 0;
  S.extra = S.feedbackLive || S.tareLeft > 0;
  if (!S.feedbackLive && mode === FEEDBACK_AUTO) show(FEEDBACK_OFF);
  return true;
}

/** feedback command: mode 0..4, optional vibration pulse. */
export function setFeedback(m: number, vibrateMs: number): boolean {
  if (m > FEEDBACK_OFF) return false;
  mode = m;
  S.feedbackLive = mode === FEEDBACK_AUTO && F.high > 0;
  S.extra = S.feedbackLive || S.tareLeft > 0;
  show(mode === FEEDBACK_AUTO ? FEEDBACK_OFF : mode);
  if (vibrateMs > 0) pulseMotor(vibrateMs > MAX_VIBRATE_MS ? MAX_VIBRATE_MS : vibrateMs);
  return true;
}

/** Starts a vibration pulse; housekeeping ends it (timers do not run inside Kaluma's own loop). */
export function pulseMotor(ms: number): void {
  setMotor(true);
  motorOn = true;
  motorOffAt = now() + ms / 1000;
}

/** Every housekeeping run: ends a vibration pulse when its time is up. */
export function motorTick(): void {
  if (!motorOn || now() < motorOffAt) return;
  motorOn = false;
  setMotor(false);
}

export function identify(seconds: number): void {
  const wasBlinking = identifyLeft > 0;
  identifyLeft = seconds * 4;
  if (wasBlinking && identifyLeft === 0) paint();
}

/** Every 250 ms while streaming: identify blinking and the slow blink of "too light". */
export function feedbackTick(quarter: number): void {
  if (identifyLeft > 0) {
    identifyLeft--;
    if (identifyLeft === 0) paint();
    else setLeds(quarter % 2 === 0, quarter % 2 === 1);
    return;
  }
  if (F.shown === FEEDBACK_TOO_LIGHT) setLeds(false, quarter % 4 === 0);
}

/** Everything off (stop, shutdown). */
export function feedbackOff(): void {
  identifyLeft = 0;
  F.shown = FEEDBACK_OFF;
  setLeds(false, false);
  motorOn = false;
  setMotor(false);
}

export function feedbackMode(): number {
  return mode;
}
