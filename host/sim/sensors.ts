// The glove's sensors reading the hands: four FSRs (left thumb, right thumb, left knuckle,
// right knuckle, the reference glove's order) and two IMUs, as raw values the firmware sends.
import type { Channel, Hand } from '../../shared/protocol/types';
import { channelName } from '../../shared/protocol/names';
import { FsrSensor, fsrCalibration, makeFsrPart, type FsrPart } from './fsr';
import { ACCEL_COUNTS_PER_G, GYRO_COUNTS_PER_DPS, imuNoise, makeImuPart, toCounts, type ImuPart } from './imu';
import type { HandState } from './model';
import { Rng } from './prng';

export const N_FSR = 4;
export const N_IMU = 2;
const HANDS: Hand[] = ['left', 'right'];

/** The parts of one simulated glove (fixed per seed: the same glove every time). */
export interface GloveParts {
  fsr: FsrPart[];
  imu: ImuPart[];
}

export function makeParts(seed: number): GloveParts {
  const rng = new Rng(seed, 0x5e75);
  return {
    fsr: [makeFsrPart(rng), makeFsrPart(rng), makeFsrPart(rng), makeFsrPart(rng)],
    imu: [makeImuPart(rng), makeImuPart(rng)],
  };
}

/** Descriptor channels: FSRs with their calibration, then ax..gz per IMU (offsets unknown: 0). */
export function gloveChannels(parts: GloveParts, tare: readonly number[] = [0, 0, 0, 0]): Channel[] {
  const out: Channel[] = [];
  const fsrSites: [Hand, 'thumb' | 'knuckle'][] = [['left', 'thumb'], ['right', 'thumb'], ['left', 'knuckle'], ['right', 'knuckle']];
  fsrSites.forEach(([hand, site], i) => {
    const c = fsrCalibration(parts.fsr[i]!);
    out.push({ kind: 'fsr', hand, site, unit: 'N', name: channelName('fsr', hand, site), p0: c.p0, p1: c.p1, p2: tare[i] ?? 0 });
  });
  for (const hand of HANDS) {
    for (const axis of ['x', 'y', 'z'] as const) {
      out.push({ kind: 'accel', hand, site: axis, unit: 'g', name: channelName('accel', hand, axis), p0: 1 / ACCEL_COUNTS_PER_G, p1: 0, p2: 0 });
    }
    for (const axis of ['x', 'y', 'z'] as const) {
      out.push({ kind: 'gyro', hand, site: axis, unit: 'dps', name: channelName('gyro', hand, axis), p0: 1 / GYRO_COUNTS_PER_DPS, p1: 0, p2: 0 });
    }
  }
  return out;
}

/** Turns true hand states into raw sensor values, with noise, offsets and FSR hysteresis. */
export class GloveSensors {
  private readonly fsr: FsrSensor[];
  private readonly rng: Rng;
  private noise = imuNoise(100);
  private noiseRate = 100;

  constructor(private readonly parts: GloveParts, seed: number) {
    this.rng = new Rng(seed, 0xa0c5);
    this.fsr = parts.fsr.map((p) => new FsrSensor(p, this.rng));
  }

  /** Writes fsr[0..3] (u16) and imu[0..11] (i16 counts) for the two hands at one sample. */
  read(left: HandState, right: HandState, dt_s: number, fsr: number[] | Uint16Array, imu: number[] | Int16Array): void {
    const rate = 1 / dt_s;
    if (rate !== this.noiseRate) {
      this.noiseRate = rate;
      this.noise = imuNoise(rate);
    }
    fsr[0] = this.fsr[0]!.raw(left.thumb_n, dt_s);
    fsr[1] = this.fsr[1]!.raw(right.thumb_n, dt_s);
    fsr[2] = this.fsr[2]!.raw(left.knuckle_n, dt_s);
    fsr[3] = this.fsr[3]!.raw(right.knuckle_n, dt_s);
    this.readImu(left, this.parts.imu[0]!, imu, 0);
    this.readImu(right, this.parts.imu[1]!, imu, 6);
  }

  private readImu(h: HandState, part: ImuPart, imu: number[] | Int16Array, o: number): void {
    const na = this.noise.accel_g;
    const ng = this.noise.gyro_dps;
    const r = this.rng;
    const ab = part.accel_bias_g;
    const gb = part.gyro_bias_dps;
    imu[o] = toCounts(h.ax + ab[0] + na * r.normal(), ACCEL_COUNTS_PER_G);
    imu[o + 1] = toCounts(h.ay + ab[1] + na * r.normal(), ACCEL_COUNTS_PER_G);
    imu[o + 2] = toCounts(h.az + ab[2] + na * r.normal(), ACCEL_COUNTS_PER_G);
    imu[o + 3] = toCounts(h.gx + gb[0] + ng * r.normal(), GYRO_COUNTS_PER_DPS);
    imu[o + 4] = toCounts(h.gy + gb[1] + ng * r.normal(), GYRO_COUNTS_PER_DPS);
    imu[o + 5] = toCounts(h.gz + gb[2] + ng * r.normal(), GYRO_COUNTS_PER_DPS);
  }
}
