// The hardware abstraction every board provides to the sampling core.
//
// The per-sample path calls `now`, `readFsr`, `i2c.writeTo`, `i2c.readFrom`, `crc.CRC32` and
// `link.write`. Their shapes are Espruino's own (getTime, I2C1, E, USB), so on the reference
// board they ARE the native functions and the interpreter runs no extra JavaScript frame for
// them; Kaluma wraps its APIs into the same shapes.
//
// Everything here must follow ../shared/ESPRUINO.md: no destructuring, spread, default or
// rest parameters, no methods in object literals or classes, Map/Set, `**`, `?.`.

/** Espruino's I2C1 shape. Both methods throw when the sensor does not acknowledge. */
export interface I2cLike {
  /** writeTo(addr, reg) sets the register pointer; writeTo(addr, reg, value) writes a register. */
  writeTo(addr: number, reg: number, value?: number): void;
  readFrom(addr: number, count: number): Uint8Array;
}

/** Espruino's USB shape: raw bytes to the host. */
export interface LinkLike {
  write(bytes: Uint8Array): unknown;
}

/** Espruino's E.CRC32 shape: standard CRC-32 (zlib), unsigned result. */
export interface CrcLike {
  CRC32(bytes: Uint8Array | string): number;
}

export interface Hal {
  /** Board code of the descriptor (BOARD_ESPRUINO_PICO, BOARD_KALUMA_PICO). */
  board: number;
  /** u32 derived from the MCU serial number; stable across power cycles. */
  deviceId: number;
  /** Seconds, monotonic, float (Espruino getTime()). */
  now: () => number;
  /**
   * Reads the 4 FSRs in protocol order into `s16[6..9]` (bytes 12..19 of the sample frame) as
   * analog fraction * 65535. Once per sample.
   */
  readFsr: (s16: Uint16Array) => void;
  i2c: I2cLike;
  /** (Re)configures the I2C bus; called at start and before an IMU re-init. */
  i2cSetup: () => void;
  crc: CrcLike;
  link: LinkLike;
  setLeds: (red: boolean, green: boolean) => void;
  setMotor: (on: boolean) => void;
  /** Moves the REPL off the host link and delivers host bytes to `onData` (subscribing once). */
  takeConsole: (onData: (data: string | Uint8Array) => void) => void;
  /** Gives the REPL back to the host link (after `stop`). */
  releaseConsole: () => void;
  /** Calls `onChange(down)` on every debounced button edge. */
  watchButton: (onChange: (down: boolean) => void) => void;
  /** Undoes watchButton, the data subscription and onBoot; safe to call twice. */
  release: () => void;
  /** Runs `fn` at every boot of saved code (Espruino E.on('init')); no-op where there is no save(). */
  onBoot: (fn: () => void) => void;
}
