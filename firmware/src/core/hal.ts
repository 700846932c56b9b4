// The hardware abstraction every board provides to the sampling core.
//
// The per-sample path calls `now`, `readFsr`, `readImu`, `crc32` and `write` once each (readImu
// once per IMU). On Espruino they are thin wrappers over native calls; Kaluma wraps its own APIs.
//
// Everything here must follow ../shared/ESPRUINO.md: no destructuring, spread, default or
// rest parameters, no methods in object literals or classes, Map/Set, `**`, `?.`.

export interface Hal {
  /** Board code of the descriptor (BOARD_ESPRUINO_PICO, BOARD_KALUMA_PICO, BOARD_ESPRUINO_RP2040). */
  board: number;
  /** u32 derived from the MCU serial number; stable across power cycles. */
  deviceId: number;
  /** The highest sample rate this board sustains (measured on its engine: hardware/README.md). */
  maxRateHz: number;
  /** Seconds, monotonic, float. */
  now: () => number;
  /**
   * Reads the 4 FSRs in protocol order into `s16[6..9]` (bytes 12..19 of the sample frame) as
   * analog fraction * 65535. Once per sample.
   */
  readFsr: (s16: Uint16Array) => void;
  /** One burst read of `count` bytes from register `reg` (write reg, repeated start, read). Throws when the sensor does not answer. */
  readReg: (addr: number, reg: number, count: number) => Uint8Array;
  /** One register write, one transaction `S addr+W reg value P`. Throws when the sensor does not answer. */
  writeReg: (addr: number, reg: number, value: number) => void;
  /** (Re)configures the I2C bus; called at start and before an IMU re-init. */
  i2cSetup: () => void;
  /** CRC-32 (zlib), unsigned: command checks and ids. */
  crc32: (bytes: Uint8Array) => number;
  /**
   * The frame check this board sends (PROTOCOL.md 2.2), OR-ed into every type byte: 0 for
   * CRC-32 (native on Espruino), 0x80 for Fletcher-32 (boards without a native CRC).
   */
  checkKind: number;
  /** The check of one frame, given its CRC-32 range (bytes 1..2+len) and its words (bytes 0..2+len as u16). */
  frameCheck: (crcRange: Uint8Array, words: Uint16Array) => number;
  /** Raw bytes to the host. */
  write: (bytes: Uint8Array) => void;
  setLeds: (red: boolean, green: boolean) => void;
  setMotor: (on: boolean) => void;
  /** Moves the REPL off the host link for good and delivers host bytes to `onData`. */
  takeConsole: (onData: (data: string | Uint8Array) => void) => void;
  /** Gives the REPL back to the host link (the `console` command, before a firmware upload). */
  releaseConsole: () => void;
  /**
   * Runs `house` every `houseMs` ms until release(), and, while `tick` is set, `tick` every
   * `periodS` seconds without drift. Calling it again replaces tick and period; house stays.
   */
  schedule: (house: () => void, houseMs: number, tick: (() => void) | undefined, periodS: number) => void;
  /** Interpreter memory in use, percent of the heap (0 when the board cannot say). Once a second. */
  memoryPercent: () => number;
  /** Stops house and tick (a boot of saved code restored the snapshot's timers). */
  unschedule: () => void;
  /** Calls `onChange(down)` on every debounced button edge. */
  watchButton: (onChange: (down: boolean) => void) => void;
  /** Stops the schedule, the button watch, the data subscription and onBoot; safe to call twice. */
  release: () => void;
  /** Runs `fn` at every boot of saved code (Espruino E.on('init')); no-op where there is no save(). */
  onBoot: (fn: () => void) => void;
}
