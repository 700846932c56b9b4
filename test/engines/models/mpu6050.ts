// InvenSense MPU-6050 at register level, following the datasheet (PS-MPU-6000A-00 rev 3.4) and the
// register map (RM-MPU-6000A-00 rev 4.2), not the firmware:
// - power-up: every register 0x00 except PWR_MGMT_1 (0x6B) = 0x40 (SLEEP) and WHO_AM_I (0x75) =
//   0x68; asleep, the data registers read zero until SLEEP (bit 6) is cleared.
// - WHO_AM_I holds bits 6:1 of the address and ignores AD0: 0x68 at 0x68 and at 0x69.
// - a write is ONE transaction `S addr+W reg value... P`: the first byte after the address is the
//   register pointer, the following bytes are written at pointer, pointer+1, ...; a repeated
//   START begins a new transaction, so `S addr+W reg Sr addr+W value` makes value a new pointer.
// - reads (`S addr+W reg Sr addr+R ...` or `S addr+R ...` from the last pointer) auto-increment;
//   sensor data are latched for the duration of a read (the shadow registers), big-endian.
// - ACCEL_CONFIG AFS_SEL (bits 4:3) = +-2/4/8/16 g = 16384/8192/4096/2048 LSB per g;
//   GYRO_CONFIG FS_SEL (bits 4:3) = +-250/500/1000/2000 deg/s = 131/65.5/32.8/16.4 LSB per deg/s;
//   TEMP = (T - 36.53) * 340.
// - new samples at the sample rate = gyro output rate (8 kHz, or 1 kHz with DLPF_CFG 1..6)
//   / (1 + SMPLRT_DIV); INT_STATUS DATA_RDY_INT (bit 0) is set by a new sample, cleared by reading.
// - PWR_MGMT_1 DEVICE_RESET (bit 7) resets every register to its power-up value.
// Fault injection: absent for a window (address NACK; by default it comes back freshly powered,
// i.e. asleep), or frozen for a window (the same data bytes on every read).
import type { I2cDevice } from './i2c-bus';
import type { ImuSample, MotionFn } from './motion';

export const REG = {
  SMPLRT_DIV: 0x19,
  CONFIG: 0x1a,
  GYRO_CONFIG: 0x1b,
  ACCEL_CONFIG: 0x1c,
  INT_ENABLE: 0x38,
  INT_STATUS: 0x3a,
  ACCEL_XOUT_H: 0x3b,
  TEMP_OUT_H: 0x41,
  GYRO_XOUT_H: 0x43,
  SIGNAL_PATH_RESET: 0x68,
  USER_CTRL: 0x6a,
  PWR_MGMT_1: 0x6b,
  PWR_MGMT_2: 0x6c,
  FIFO_COUNTH: 0x72,
  FIFO_R_W: 0x74,
  WHO_AM_I: 0x75,
} as const;

export interface ImuFault {
  /** 0 = left hand (first pin-map IMU, 0x68), 1 = right hand (0x69). */
  readonly imu: number;
  /** absent: address NACKed. frozen: ACKs, but the data bytes never change. */
  readonly kind: 'absent' | 'frozen';
  /** Emulated seconds the fault starts (default 0) and ends (default never). */
  readonly from?: number;
  readonly to?: number;
  /** absent only: the device comes back freshly powered, asleep (default true: a loose cable). */
  readonly resetOnReturn?: boolean;
}

export interface Mpu6050Options {
  readonly address: number;
  /** Index passed to the motion function (and matched by faults). */
  readonly imu: number;
  readonly motion: MotionFn;
  readonly faults?: readonly ImuFault[];
}

/** Registers the host can write (everything else in 0x00..0x75 is read-only or reserved). */
function writable(reg: number): boolean {
  if (reg >= 0x3b && reg <= 0x60) return false; // sensor and external sensor data
  return reg !== REG.WHO_AM_I && reg !== REG.INT_STATUS && reg !== REG.FIFO_COUNTH && reg !== REG.FIFO_COUNTH + 1 && reg < 0x76;
}

function clamp16(v: number): number {
  const r = Math.round(v);
  return r > 32767 ? 32767 : r < -32768 ? -32768 : r;
}

export class Mpu6050 implements I2cDevice {
  readonly address: number;
  readonly imu: number;
  readonly regs = new Uint8Array(128);
  /** Every register write (after the pointer byte), for tests. */
  readonly writes: { t: number; reg: number; value: number }[] = [];
  /** Reads of the data block (a read transaction starting at ACCEL_XOUT_H). */
  bursts = 0;
  private readonly motion: MotionFn;
  private readonly faults: readonly ImuFault[];
  private ptr = 0;
  private expectPointer = false;
  private readonly shadow = new Uint8Array(14);
  private lastAccess = -Infinity;
  private lastIntSample = -1;

  constructor(opts: Mpu6050Options) {
    this.address = opts.address;
    this.imu = opts.imu;
    this.motion = opts.motion;
    this.faults = (opts.faults ?? []).filter((f) => f.imu === opts.imu);
    this.reset();
  }

  /** Power-on / DEVICE_RESET state. */
  reset(): void {
    this.regs.fill(0);
    this.regs[REG.PWR_MGMT_1] = 0x40;
    this.regs[REG.WHO_AM_I] = 0x68;
    this.ptr = 0;
    this.expectPointer = false;
    this.lastIntSample = -1;
  }

  get asleep(): boolean {
    return (this.regs[REG.PWR_MGMT_1]! & 0x40) !== 0;
  }

  /** Samples per second the data registers update at. */
  get sampleRateHz(): number {
    const dlpf = this.regs[REG.CONFIG]! & 7;
    const gyroRate = dlpf >= 1 && dlpf <= 6 ? 1000 : 8000;
    return gyroRate / (1 + this.regs[REG.SMPLRT_DIV]!);
  }

  /** LSB per g and per deg/s at the configured full scales. */
  get accelLsbPerG(): number {
    return 16384 / (1 << ((this.regs[REG.ACCEL_CONFIG]! >> 3) & 3));
  }
  get gyroLsbPerDps(): number {
    return 131 / (1 << ((this.regs[REG.GYRO_CONFIG]! >> 3) & 3));
  }

  private active(kind: ImuFault['kind'], t: number): ImuFault | undefined {
    return this.faults.find((f) => f.kind === kind && t >= (f.from ?? 0) && t < (f.to ?? Infinity));
  }

  present(t: number): boolean {
    // A device that was cut off between two accesses comes back freshly powered.
    for (const f of this.faults) {
      if (f.kind !== 'absent' || f.to === undefined || f.resetOnReturn === false) continue;
      if (this.lastAccess < f.to && f.to <= t) this.reset();
    }
    this.lastAccess = t;
    return this.active('absent', t) === undefined;
  }

  /** Index of the sample the data registers hold at time t (frozen: the one at the fault's start). */
  sampleIndex(t: number): number {
    const frozen = this.active('frozen', t);
    return Math.floor((frozen !== undefined ? (frozen.from ?? 0) : t) * this.sampleRateHz);
  }

  /** [ax, ay, az, temp, gx, gy, gz] in counts at time t, as the data registers hold them. */
  counts(t: number): number[] {
    if (this.asleep) return [0, 0, 0, 0, 0, 0, 0];
    const ts = this.sampleIndex(t) / this.sampleRateHz;
    const m: ImuSample = this.motion(this.imu, ts);
    const a = this.accelLsbPerG;
    const g = this.gyroLsbPerDps;
    return [
      clamp16(m.ax * a), clamp16(m.ay * a), clamp16(m.az * a),
      clamp16((m.tempC - 36.53) * 340),
      clamp16(m.gx * g), clamp16(m.gy * g), clamp16(m.gz * g),
    ];
  }

  private latch(t: number): void {
    const c = this.counts(t);
    for (let i = 0; i < 7; i++) {
      const v = c[i]! & 0xffff;
      this.shadow[2 * i] = v >> 8;
      this.shadow[2 * i + 1] = v & 0xff;
    }
  }

  begin(read: boolean, t: number): void {
    if (read) {
      this.latch(t);
      if (this.ptr === REG.ACCEL_XOUT_H) this.bursts++;
    }
    this.expectPointer = !read;
  }

  write(value: number, t: number): boolean {
    if (this.expectPointer) {
      this.ptr = value & 0x7f;
      this.expectPointer = false;
      return true;
    }
    const reg = this.ptr;
    this.writes.push({ t, reg, value });
    if (writable(reg)) {
      if (reg === REG.PWR_MGMT_1 && (value & 0x80) !== 0) {
        this.reset();
        return true;
      }
      this.regs[reg] = value;
    }
    this.ptr = (this.ptr + 1) & 0x7f;
    return true;
  }

  read(t: number): number {
    const reg = this.ptr;
    let v: number;
    if (reg >= REG.ACCEL_XOUT_H && reg < REG.ACCEL_XOUT_H + 14) v = this.shadow[reg - REG.ACCEL_XOUT_H]!;
    else if (reg === REG.INT_STATUS) {
      const s = this.asleep ? this.lastIntSample : this.sampleIndex(t);
      v = s !== this.lastIntSample ? 0x01 : 0x00;
      this.lastIntSample = s;
    } else if (reg === REG.FIFO_R_W) v = 0; // FIFO disabled and empty
    else v = this.regs[reg]!;
    if (reg !== REG.FIFO_R_W) this.ptr = (this.ptr + 1) & 0x7f; // FIFO_R_W does not increment
    return v;
  }

  end(): void {
    this.expectPointer = false;
  }
}

/** Datasheet model pair at the pin map's addresses. */
export function imuPair(addresses: readonly number[], motion: MotionFn, faults: readonly ImuFault[] = []): Mpu6050[] {
  return addresses.map((address, imu) => new Mpu6050({ address, imu, motion, faults }));
}
