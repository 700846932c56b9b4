// MPU-6050: set-up at start and recovery, checked the way the datasheet allows (WHO_AM_I, a
// read-back of PWR_MGMT_1), and the health check that finds a sensor whose data froze or read
// all zero. The per-sample burst read itself is in sampler.ts.
import type { Hal } from './hal';
import { sample8 } from './frames';
import { IMU_BLOCK, SAMPLE_IMU0_BYTE } from './layout';

const REG_SMPLRT_DIV = 0x19;
const REG_CONFIG = 0x1a;
const REG_GYRO_CONFIG = 0x1b;
const REG_ACCEL_CONFIG = 0x1c;
export const REG_ACCEL_XOUT_H = 0x3b;
const REG_PWR_MGMT_1 = 0x6b;
const REG_WHO_AM_I = 0x75;
/** WHO_AM_I of the MPU-6050 (bits 6..1 of the I2C address, whatever AD0 is). */
const WHO_AM_I_MPU6050 = 0x68;
/** PWR_MGMT_1 after set-up: awake (bit 6 SLEEP clear), clock from the X gyro PLL. */
const PWR_AWAKE_PLL = 0x01;

/** Register writes of one initialisation, in order: wake + PLL clock, 200 Hz, DLPF 44 Hz, +-500 dps, +-4 g. */
export const MPU_INIT: number[] = [
  REG_PWR_MGMT_1, PWR_AWAKE_PLL, // leave sleep (it powers up asleep, 0x40), clock from the X gyro PLL
  REG_SMPLRT_DIV, 0x04, // 1 kHz / (1 + 4) = 200 Hz internal sample rate
  REG_CONFIG, 0x03, // DLPF_CFG 3: accel 44 Hz, gyro 42 Hz bandwidth
  REG_GYRO_CONFIG, 0x08, // FS_SEL 1: +-500 deg/s, 65.5 LSB per deg/s
  REG_ACCEL_CONFIG, 0x08, // AFS_SEL 1: +-4 g, 8192 LSB per g
];

let hal!: Hal;
/** Each IMU's block in the sample frame, and its accelerometer part. */
const blocks = [
  new Uint8Array(sample8.buffer, SAMPLE_IMU0_BYTE, IMU_BLOCK),
  new Uint8Array(sample8.buffer, SAMPLE_IMU0_BYTE + IMU_BLOCK, IMU_BLOCK),
];
const accels = [
  new Uint8Array(sample8.buffer, SAMPLE_IMU0_BYTE, 6),
  new Uint8Array(sample8.buffer, SAMPLE_IMU0_BYTE + IMU_BLOCK, 6),
];
/** CRC of six zero bytes: an accelerometer that reads all zero. */
let zeroAccel = 0;
/** CRC of each IMU's block at the last health check (one native call where a byte loop would cost ~1 ms in Espruino). */
const lastSeen = [0, 0];
/** Health checks in a row at which an IMU's data had not changed. */
const frozenChecks = new Uint8Array(2);
/** lastSeen holds a real reading of this IMU (not one from before it was set up). */
const primed = new Uint8Array(2);

export function initImuAccess(h: Hal): void {
  hal = h;
  zeroAccel = h.crc32(new Uint8Array(6));
}

/**
 * Configures one sensor. True only when it says it is an MPU-6050, took every register write
 * and reads back awake: a sensor that answers but stays asleep reads zeros for ever.
 */
export function imuInit(addr: number): boolean {
  try {
    if (hal.readReg(addr, REG_WHO_AM_I, 1)[0] !== WHO_AM_I_MPU6050) return false;
    for (let i = 0; i < MPU_INIT.length; i += 2) hal.writeReg(addr, MPU_INIT[i], MPU_INIT[i + 1]);
    if (hal.readReg(addr, REG_PWR_MGMT_1, 1)[0] !== PWR_AWAKE_PLL) return false;
    return hal.readReg(addr, REG_ACCEL_XOUT_H, 14).length === 14;
  } catch (e) {
    return false;
  }
}

/** Zeros IMU k's block in the sample (an IMU that is not read is sent as zeros). */
export function imuZero(k: number): void {
  sample8.fill(0, SAMPLE_IMU0_BYTE + IMU_BLOCK * k, SAMPLE_IMU0_BYTE + IMU_BLOCK * (k + 1));
  primed[k] = 0;
}

/** What a health check found: the data read all zero or stopped changing, did not change since the last check, or moved. */
export const IMU_DEAD = 0;
export const IMU_STILL = 1;
export const IMU_MOVED = 2;

/**
 * Every quarter second per IMU that is read: a live MPU-6050 never reads all zero (gravity
 * alone gives the accelerometer ~8192 counts) and its noise (a few counts rms on each axis, at
 * 200 readings a second) changes every reading, so data that did not change at two checks in a
 * row come from a sensor that froze.
 */
export function imuCheck(k: number): number {
  if (hal.crc32(accels[k]) === zeroAccel) return IMU_DEAD;
  const seen = hal.crc32(blocks[k]);
  const same = seen === lastSeen[k];
  lastSeen[k] = seen;
  if (primed[k] === 0) {
    primed[k] = 1; // the first reading: nothing to compare with yet
    frozenChecks[k] = 0;
    return IMU_STILL;
  }
  if (!same) {
    frozenChecks[k] = 0;
    return IMU_MOVED;
  }
  frozenChecks[k]++;
  return frozenChecks[k] >= 2 ? IMU_DEAD : IMU_STILL;
}
