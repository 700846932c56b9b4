// MPU-6050: configuration at start / recovery, and the per-sample burst read converted from
// the sensor's big-endian registers into the sample frame's little-endian i16 slots.
import type { Hal, I2cLike } from './hal';
import { sampleI16 } from './frames';

const REG_SMPLRT_DIV = 0x19;
const REG_CONFIG = 0x1a;
const REG_GYRO_CONFIG = 0x1b;
const REG_ACCEL_CONFIG = 0x1c;
const REG_ACCEL_XOUT_H = 0x3b;
const REG_PWR_MGMT_1 = 0x6b;

/** Register writes of one initialisation, in order: wake + PLL clock, 200 Hz, DLPF 44 Hz, +-500 dps, +-4 g. */
export const MPU_INIT: number[] = [
  REG_PWR_MGMT_1, 0x01, // leave sleep, clock from the X gyro PLL
  REG_SMPLRT_DIV, 0x04, // 1 kHz / (1 + 4) = 200 Hz internal sample rate
  REG_CONFIG, 0x03, // DLPF_CFG 3: accel 44 Hz, gyro 42 Hz bandwidth
  REG_GYRO_CONFIG, 0x08, // FS_SEL 1: +-500 deg/s, 65.5 LSB per deg/s
  REG_ACCEL_CONFIG, 0x08, // AFS_SEL 1: +-4 g, 8192 LSB per g
];

let i2c!: I2cLike;

export function initImuAccess(hal: Hal): void {
  i2c = hal.i2c;
}

/** Configures one sensor and checks that it answers a burst read. */
export function imuInit(addr: number): boolean {
  try {
    for (let i = 0; i < MPU_INIT.length; i += 2) i2c.writeTo(addr, MPU_INIT[i], MPU_INIT[i + 1]);
    i2c.writeTo(addr, REG_ACCEL_XOUT_H);
    return i2c.readFrom(addr, 14).length === 14;
  } catch (e) {
    return false;
  }
}

/**
 * One burst of 14 bytes from ACCEL_XOUT_H: ax ay az (bytes 0-5), temperature (6-7, skipped),
 * gx gy gz (8-13) into sampleI16[i .. i+5]. False when the sensor did not answer.
 */
export function imuInto(addr: number, i: number): boolean {
  'ram';
  let d: Uint8Array;
  try {
    i2c.writeTo(addr, REG_ACCEL_XOUT_H);
    d = i2c.readFrom(addr, 14);
  } catch (e) {
    return false;
  }
  if (d.length !== 14) return false;
  sampleI16[i] = (d[0] << 8) | d[1];
  sampleI16[i + 1] = (d[2] << 8) | d[3];
  sampleI16[i + 2] = (d[4] << 8) | d[5];
  sampleI16[i + 3] = (d[8] << 8) | d[9];
  sampleI16[i + 4] = (d[10] << 8) | d[11];
  sampleI16[i + 5] = (d[12] << 8) | d[13];
  return true;
}

/** Zeros an IMU's six slots (an invalid IMU is sent as zeros). */
export function imuZero(i: number): void {
  for (let k = 0; k < 6; k++) sampleI16[i + k] = 0;
}
