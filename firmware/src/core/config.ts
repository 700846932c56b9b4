// What the sampling core needs to know about one glove, resolved from hardware/pinmap.json
// by the board file at build time.

export interface FsrConfig {
  /** HAND_LEFT / HAND_RIGHT */
  hand: number;
  /** SITE_THUMB / SITE_KNUCKLE */
  site: number;
}

export interface ImuConfig {
  hand: number;
  /** 7-bit I2C address: 0x68 (AD0 low) or 0x69 (AD0 high). */
  address: number;
}

export interface GloveConfig {
  /** Exactly 4, in protocol sample order. */
  fsr: FsrConfig[];
  /** Exactly 2: left (IMU 0), right (IMU 1). */
  imu: ImuConfig[];
  /** Nominal FSR curve for the descriptor: newtons = p0 * c ^ p1. */
  fsrP0: number;
  fsrP1: number;
  /** "major.minor.patch" */
  version: string;
}
