// An MPU-6050 on an I2C bus, at register level: a register pointer set by the first byte of a
// write, auto-increment on reads and writes, data registers 0x3B..0x48 (big-endian ax ay az
// temp gx gy gz) produced by a motion function at read time, zeros while asleep (the chip
// powers up with PWR_MGMT_1 = 0x40). An unplugged sensor makes every transfer throw, as
// Espruino's I2C does on a missing acknowledge.

export type Motion = (t: number) => [number, number, number, number, number, number];

export class Mpu6050 {
  readonly regs = new Uint8Array(128);
  private ptr = 0;
  plugged = true;
  /** Register writes in order, as [reg, value]. */
  readonly writes: [number, number][] = [];
  /** The six values (ax ay az gx gy gz) handed out by each data burst, with the time of the read. */
  readonly given: { t: number; v: number[] }[] = [];

  constructor(readonly address: number, private motion: Motion, private clock: () => number) {
    this.regs[0x6b] = 0x40; // sleep after power-up
    this.regs[0x75] = 0x68; // WHO_AM_I
  }

  private check(): void {
    if (!this.plugged) throw new Error('I2C Error: Timeout (start)');
  }

  write(bytes: number[]): void {
    this.check();
    if (bytes.length === 0) return;
    this.ptr = bytes[0]! & 0x7f;
    for (let i = 1; i < bytes.length; i++) {
      this.writes.push([this.ptr, bytes[i]!]);
      this.regs[this.ptr] = bytes[i]!;
      this.ptr = (this.ptr + 1) & 0x7f;
    }
  }

  read(count: number): number[] {
    this.check();
    if (this.ptr <= 0x3b && this.ptr + count > 0x3b) this.fillData();
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      out.push(this.regs[this.ptr]!);
      this.ptr = (this.ptr + 1) & 0x7f;
    }
    return out;
  }

  private fillData(): void {
    const asleep = (this.regs[0x6b]! & 0x40) !== 0;
    const v = asleep ? [0, 0, 0, 0, 0, 0] : this.motion(this.clock()).map((x) => Math.max(-32768, Math.min(32767, Math.round(x))) || 0);
    if (!asleep) this.given.push({ t: this.clock(), v });
    const words = [v[0]!, v[1]!, v[2]!, asleep ? 0 : 5000, v[3]!, v[4]!, v[5]!];
    words.forEach((w, i) => {
      const u = w & 0xffff;
      this.regs[0x3b + 2 * i] = u >> 8;
      this.regs[0x3c + 2 * i] = u & 0xff;
    });
  }

  /** The configuration the firmware wrote: register -> last value. */
  config(): Map<number, number> {
    return new Map(this.writes);
  }
}

/** Flattens Espruino's writeTo(addr, data...) arguments: numbers, arrays, typed arrays, strings. */
export function flattenI2cData(args: unknown[]): number[] {
  const out: number[] = [];
  for (const a of args) {
    if (typeof a === 'number') out.push(a & 0xff);
    else if (typeof a === 'string') for (let i = 0; i < a.length; i++) out.push(a.charCodeAt(i) & 0xff);
    else if (a !== null && typeof a === 'object' && 'length' in a) {
      const arr = a as ArrayLike<number>;
      for (let i = 0; i < arr.length; i++) out.push(arr[i]! & 0xff);
    }
  }
  return out;
}
