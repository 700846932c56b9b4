// The physics of one hand at one instant, from the plan: thumb and knuckle force, and what the
// IMU on the back of the hand feels (gravity through the hand's tilt, the small rocking and
// circling that the thumb's circles cause, the move back up to the neck between passes).
import type { Hand } from '../../shared/protocol/types';
import type { HandPass, HandPose, PassPlan, SessionPlan } from './plan';

const DEG = Math.PI / 180;
const G = 9.80665;
const TWO_PI = 2 * Math.PI;
/** Touch-down and lift ramps of the thumb force, s. */
export const RAMP_S = 0.2;
/** Rocking of the back of the hand for a 1.25 cm thumb circle, rad; scales with the radius. */
const ROCK_RAD_PER_M = (2.5 * DEG) / 0.0125;
/** The back of the hand moves this fraction of the thumb's circle. */
const BACK_OF_HAND_SHARE = 0.3;
/** Between passes the hands go back up to the neck: distance, duration, delay after the lift. */
const RETURN_M = 0.15;
const RETURN_S = 1.2;
const RETURN_DELAY_S = 0.2;
/** Slow postural sway, amplitude and frequencies. */
const SWAY_RAD = 0.8 * DEG;
const SWAY_HZ: [number, number] = [0.23, 0.31];

/** One hand's true state at one instant. */
export interface HandState {
  /** 1 while the thumb presses fully, 0 when off, between while touching down or lifting. */
  contact: number;
  /** The hand is inside one of its bouts (pressing). */
  pressing: boolean;
  thumb_n: number;
  knuckle_n: number;
  /** Accelerometer reading (specific force), g; gyroscope, deg/s; sensor axes x, y, z. */
  ax: number;
  ay: number;
  az: number;
  gx: number;
  gy: number;
  gz: number;
}

export function newHandState(): HandState {
  return { contact: 0, pressing: false, thumb_n: 0, knuckle_n: 0, ax: 0, ay: 0, az: 1, gx: 0, gy: 0, gz: 0 };
}

function ramp(x: number): number {
  return x >= RAMP_S ? 1 : x <= 0 ? 0 : 0.5 - 0.5 * Math.cos((Math.PI * x) / RAMP_S);
}

/** Evaluates one hand along a plan; fastest when called with increasing times. */
export class HandTrack {
  private p = -1;
  private b = 0;
  private c = 0;
  private lastT = -Infinity;
  private readonly passes: PassPlan[];
  private readonly pose: HandPose;

  constructor(plan: SessionPlan, private readonly hand: Hand) {
    this.passes = plan.passes;
    this.pose = plan.rest[hand];
  }

  private hp(i: number): HandPass {
    return this.passes[i]![this.hand];
  }

  /** Fills `out` with the hand's state at time t (s from the start of the plan). */
  eval(t: number, out: HandState, imu = true): HandState {
    if (t < this.lastT) {
      this.p = -1;
      this.b = 0;
      this.c = 0;
    }
    this.lastT = t;
    while (this.p + 1 < this.passes.length && this.passes[this.p + 1]!.start_s <= t) {
      this.p++;
      this.b = 0;
      this.c = 0;
    }
    out.contact = 0;
    out.pressing = false;
    out.thumb_n = 0;
    out.knuckle_n = 0;
    let pitch = this.pose.pitch_rad;
    let dPitch = 0;
    let roll = this.pose.roll_rad;
    let dRoll = 0;
    let accX = 0;
    let accY = 0;
    let twist = 0;
    const hp = this.p >= 0 ? this.hp(this.p) : undefined;
    if (this.p < 0) {
      const first = this.passes[0];
      if (first && first[this.hand].active) pitch = first[this.hand].pitch0_rad;
    } else if (hp && hp.active && t < hp.end_s) {
      const span = hp.end_s - hp.start_s;
      const u = span > 0 ? Math.min(1, Math.max(0, (t - hp.start_s) / span)) : 0;
      pitch = hp.pitch0_rad + hp.pitch_travel_rad * u;
      dPitch = span > 0 && u > 0 && u < 1 ? hp.pitch_travel_rad / span : 0;
      const bouts = hp.bouts;
      while (this.b < bouts.length && bouts[this.b]!.end_s <= t) {
        this.b++;
        this.c = 0;
      }
      const bout = bouts[this.b];
      if (bout && bout.start_s <= t) {
        const cs = bout.circles;
        while (this.c + 2 < cs.length && cs[this.c + 1]! <= t) this.c++;
        const c0 = cs[this.c]!;
        const period = cs[this.c + 1]! - c0;
        const phase = TWO_PI * ((t - c0) / period);
        const w = Math.min(ramp(t - bout.start_s), ramp(bout.end_s - t));
        const level = hp.level_n * (1 + hp.drift_amp * Math.sin((TWO_PI * (t - hp.start_s)) / hp.drift_period_s + hp.drift_phase));
        const cosP = Math.cos(phase);
        out.pressing = true;
        out.contact = w;
        out.thumb_n = level * (1 + hp.modulation * cosP) * w;
        out.knuckle_n = hp.knuckle_share * level * (1 - 0.4 * hp.modulation * cosP) * w;
        if (imu) {
          const sinP = Math.sin(phase);
          const omega = TWO_PI / period;
          const rock = ROCK_RAD_PER_M * hp.radius_m * w;
          pitch += rock * cosP;
          dPitch += -rock * omega * sinP;
          roll += rock * sinP;
          dRoll += rock * omega * cosP;
          twist = 0.3 * rock * omega * Math.cos(phase + 0.5);
          const a = omega * omega * BACK_OF_HAND_SHARE * hp.radius_m * w;
          accX = -a * cosP;
          accY = -a * sinP;
        }
      }
    } else if (hp && hp.active && imu) {
      // Between passes: lift and move back up to the neck (minimum-jerk).
      const next = this.passes[this.p + 1];
      const target = next && next[this.hand].active ? next[this.hand].pitch0_rad : hp.pitch0_rad;
      const from = hp.pitch0_rad + hp.pitch_travel_rad;
      const x = (t - hp.end_s - RETURN_DELAY_S) / RETURN_S;
      if (x <= 0) pitch = from;
      else if (x >= 1) pitch = target;
      else {
        const x2 = x * x;
        const s = x2 * x * (10 - 15 * x + 6 * x2);
        const ds = 30 * x2 * (1 - x) * (1 - x);
        const dds = 60 * x - 180 * x2 + 120 * x2 * x;
        pitch = from + (target - from) * s;
        dPitch = ((target - from) * ds) / RETURN_S;
        accX = (-RETURN_M * dds) / (RETURN_S * RETURN_S);
      }
    }
    if (!imu) return out;
    const sw0 = TWO_PI * SWAY_HZ[0] * t + this.pose.sway_phase[0];
    const sw1 = TWO_PI * SWAY_HZ[1] * t + this.pose.sway_phase[1];
    pitch += SWAY_RAD * Math.sin(sw0);
    dPitch += SWAY_RAD * TWO_PI * SWAY_HZ[0] * Math.cos(sw0);
    roll += SWAY_RAD * Math.sin(sw1);
    dRoll += SWAY_RAD * TWO_PI * SWAY_HZ[1] * Math.cos(sw1);
    const cp = Math.cos(pitch);
    out.ax = -Math.sin(pitch) + accX / G;
    out.ay = cp * Math.sin(roll) + accY / G;
    out.az = cp * Math.cos(roll);
    out.gx = dRoll / DEG;
    out.gy = dPitch / DEG;
    out.gz = twist / DEG;
    return out;
  }
}
