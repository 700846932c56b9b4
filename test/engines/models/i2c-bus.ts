// An I2C bus at the level the devices see it: START (or repeated START), an address byte with
// R/W, data bytes each ACKed or not, STOP. A controller (the emulated RP2040's DW_apb_i2c, or the
// fake I2C1 of the Linux prelude) drives it; the devices answer. Every transaction is logged.

export interface I2cDevice {
  /** 7-bit address. */
  readonly address: number;
  /** False while the device is absent: its address is NACKed. */
  present(t: number): boolean;
  /** After its address byte was ACKed (after START or repeated START). */
  begin(read: boolean, t: number): void;
  /** A byte the controller writes; returns ACK. */
  write(value: number, t: number): boolean;
  /** A byte the controller reads. */
  read(t: number): number;
  /** STOP, or a START that addresses someone else. */
  end(t: number): void;
}

/** One addressed segment of a transaction (S addr... or Sr addr...). */
export interface I2cSegment {
  readonly address: number;
  readonly read: boolean;
  /** Address ACKed. */
  readonly ack: boolean;
  /** Bytes written by the controller, or read from the device. */
  readonly bytes: number[];
}

/** S ... P: one or more segments (more than one = repeated starts). */
export interface I2cTransaction {
  /** Emulated seconds at START and at STOP. */
  readonly t: number;
  end: number | undefined;
  readonly segments: I2cSegment[];
}

/** Human-readable trace, e.g. `S 0x68W [0x3b] Sr 0x68R <14> P`. */
export function formatTransaction(tx: I2cTransaction): string {
  const parts: string[] = [];
  tx.segments.forEach((s, i) => {
    parts.push(i === 0 ? 'S' : 'Sr');
    parts.push(`0x${s.address.toString(16)}${s.read ? 'R' : 'W'}${s.ack ? '' : '(NACK)'}`);
    if (s.bytes.length > 0) parts.push(s.read ? `<${s.bytes.length}>` : s.bytes.map((b) => `[0x${b.toString(16)}]`).join(' '));
  });
  if (tx.end !== undefined) parts.push('P');
  return parts.join(' ');
}

export class I2cBus {
  readonly devices: readonly I2cDevice[];
  /** Transactions so far (oldest dropped past `maxLog`). */
  readonly transactions: I2cTransaction[] = [];
  maxLog = 200_000;
  private current: I2cTransaction | undefined;
  private segment: I2cSegment | undefined;
  private device: I2cDevice | undefined;

  constructor(devices: readonly I2cDevice[]) {
    this.devices = devices;
  }

  /** START, or a repeated START when a transaction is open. */
  start(t: number): void {
    if (this.current === undefined) {
      this.current = { t, end: undefined, segments: [] };
      this.transactions.push(this.current);
      if (this.transactions.length > this.maxLog) this.transactions.splice(0, this.transactions.length >> 1);
    }
    this.segment = undefined;
  }

  /** The address byte; returns ACK. */
  address(address: number, read: boolean, t: number): boolean {
    if (this.current === undefined) this.start(t);
    const dev = this.devices.find((d) => d.address === address && d.present(t));
    if (this.device !== undefined && this.device !== dev) this.device.end(t);
    this.device = dev;
    this.segment = { address, read, ack: dev !== undefined, bytes: [] };
    this.current!.segments.push(this.segment);
    if (dev !== undefined) dev.begin(read, t);
    return dev !== undefined;
  }

  write(value: number, t: number): boolean {
    this.segment?.bytes.push(value & 0xff);
    return this.device !== undefined ? this.device.write(value & 0xff, t) : false;
  }

  read(t: number): number {
    const v = this.device !== undefined ? this.device.read(t) & 0xff : 0xff; // nobody drives SDA: pulled up
    this.segment?.bytes.push(v);
    return v;
  }

  stop(t: number): void {
    if (this.device !== undefined) this.device.end(t);
    this.device = undefined;
    this.segment = undefined;
    if (this.current !== undefined) this.current.end = t;
    this.current = undefined;
  }

  /** Transactions with a segment for `address` since time `from`. */
  transactionsFor(address: number, from = 0): I2cTransaction[] {
    return this.transactions.filter((tx) => tx.t >= from && tx.segments.some((s) => s.address === address));
  }
}
