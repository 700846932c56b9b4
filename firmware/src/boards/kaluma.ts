// Kaluma HAL (Raspberry Pi Pico / RP2040) and the entry point of firmware/dist/pijat-kaluma.js.
// The RP2040 has three ADC inputs (GP26-28), so the four FSRs go through a 74HC4051 analog
// multiplexer on one ADC pin with three select GPIOs (hardware/pinmap.json "kaluma.mux").
//
// Kaluma keeps its REPL on USB: frames go out with process.stdout.write and host commands are
// polled with process.stdin.read() where the firmware provides it. See firmware/README.md.
import { kaluma as map, fsr_divider as divider } from '../../../hardware/pinmap.json';
import { BOARD_KALUMA_PICO } from '../../../shared/protocol/constants';
import { jsCrc } from '../core/crc32';
import { boot } from '../core/glove';
import type { Hal, I2cLike } from '../core/hal';
import { configFromPinmap } from '../core/pinmap';

// Kaluma built-ins, declared for the type checker only (module scope, nothing emitted).
interface KalumaI2C {
  memWrite(data: Uint8Array, address: number, memAddress: number): number;
  memRead(length: number, address: number, memAddress: number): Uint8Array | null;
  close(): void;
}
declare const analogRead: (pin: number) => number;
declare const digitalWrite: (pin: number | number[], value: number) => void;
declare const digitalRead: (pin: number) => number;
declare const pinMode: (pin: number | number[], mode: number) => void;
declare const setWatch: (fn: (pin: number) => void, pin: number, events: number, debounce: number) => number;
declare const clearWatch: (id: number) => void;
declare const millis: () => number;
declare const OUTPUT: number;
declare const INPUT_PULLUP: number;
declare const INPUT_PULLDOWN: number;
declare const CHANGE: number;
declare const board: {
  name: string;
  uid?: string;
  i2c(bus: number, options: { baudrate: number; scl: number; sda: number }): KalumaI2C;
};
declare const process: {
  stdout: { write(data: Uint8Array): number };
  stdin?: { read(): Uint8Array | null };
};
/** "major.minor.patch", set by firmware/build.ts from package.json. */
declare const PIJAT_FW_VERSION: string;

const adcPin = map.mux.adc_pin;
/** Kaluma's digitalWrite(array, value) puts the value's least significant bit on the last pin: [S2, S1, S0]. */
const select = [map.mux.select_pins[2], map.mux.select_pins[1], map.mux.select_pins[0]];
const ch0 = map.fsr[0].mux_channel;
const ch1 = map.fsr[1].mux_channel;
const ch2 = map.fsr[2].mux_channel;
const ch3 = map.fsr[3].mux_channel;
const buttonHigh = map.button.active_high;

/** Each read: select the mux channel, then convert (analogRead waits ~1 ms, ample settling). */
function readFsr(s: Uint16Array): void {
  digitalWrite(select, ch0);
  s[6] = analogRead(adcPin) * 65535 + 0.5;
  digitalWrite(select, ch1);
  s[7] = analogRead(adcPin) * 65535 + 0.5;
  digitalWrite(select, ch2);
  s[8] = analogRead(adcPin) * 65535 + 0.5;
  digitalWrite(select, ch3);
  s[9] = analogRead(adcPin) * 65535 + 0.5;
}

let bus: KalumaI2C | undefined;
let reg = 0;
const one = new Uint8Array(1);

/** Espruino-shaped I2C on top of Kaluma's memRead/memWrite (which return null / -1 on failure). */
const i2c: I2cLike = {
  writeTo: function (addr: number, r: number, value?: number): void {
    if (value === undefined) {
      reg = r;
      return;
    }
    one[0] = value;
    if (bus === undefined || bus.memWrite(one, addr, r) < 0) throw new Error('I2C write failed');
  },
  readFrom: function (addr: number, count: number): Uint8Array {
    const d = bus === undefined ? null : bus.memRead(count, addr, reg);
    if (d === null) throw new Error('I2C read failed');
    return d;
  },
};

function i2cSetup(): void {
  if (bus !== undefined) {
    try {
      bus.close();
    } catch (e) {
      // not open
    }
  }
  bus = board.i2c(map.i2c.bus, { baudrate: map.i2c.bitrate, scl: map.i2c.scl, sda: map.i2c.sda });
}

function setLeds(red: boolean, green: boolean): void {
  digitalWrite(map.led_red, red ? 1 : 0);
  digitalWrite(map.led_green, green ? 1 : 0);
}

function setMotor(on: boolean): void {
  digitalWrite(map.motor, on ? 1 : 0);
}

const link = {
  write: function (bytes: Uint8Array): void {
    process.stdout.write(bytes);
  },
};

let pollTimer: ReturnType<typeof setInterval> | undefined;
let dataHandler: ((data: Uint8Array) => void) | undefined;
function poll(): void {
  const stdin = process.stdin;
  if (stdin === undefined || dataHandler === undefined) return;
  const chunk = stdin.read();
  if (chunk !== null && chunk !== undefined) dataHandler(chunk);
}

function takeConsole(onData: (data: string | Uint8Array) => void): void {
  dataHandler = onData;
  if (pollTimer === undefined && process.stdin !== undefined) pollTimer = setInterval(poll, 20);
}

function releaseConsole(): void {
  // Kaluma's REPL never leaves USB; nothing to give back.
}

let watchId: number | undefined;
function watchButton(onChange: (down: boolean) => void): void {
  if (watchId !== undefined) return;
  const p = map.button.pin;
  pinMode(p, buttonHigh ? INPUT_PULLDOWN : INPUT_PULLUP);
  watchId = setWatch(function (): void {
    onChange((digitalRead(p) === 1) === buttonHigh);
  }, p, CHANGE, 25);
}

function release(): void {
  if (watchId !== undefined) {
    clearWatch(watchId);
    watchId = undefined;
  }
  if (pollTimer !== undefined) {
    clearInterval(pollTimer);
    pollTimer = undefined;
  }
  dataHandler = undefined;
}

function onBoot(): void {
  // Kaluma runs the flashed program at every boot; there is no save() snapshot to resume.
}

/** Kaluma documents no serial-number API; use board.uid where a build has it, else the board name. */
function deviceId(): number {
  const uid = board.uid;
  return jsCrc.CRC32(typeof uid === 'string' && uid.length > 0 ? uid : 'kaluma-' + board.name);
}

pinMode(select, OUTPUT);
pinMode([map.led_red, map.led_green, map.motor], OUTPUT);

const hal: Hal = {
  board: BOARD_KALUMA_PICO,
  deviceId: deviceId(),
  now: function (): number {
    return millis() / 1000;
  },
  readFsr: readFsr,
  i2c: i2c,
  i2cSetup: i2cSetup,
  crc: jsCrc,
  link: link,
  setLeds: setLeds,
  setMotor: setMotor,
  takeConsole: takeConsole,
  releaseConsole: releaseConsole,
  watchButton: watchButton,
  release: release,
  onBoot: onBoot,
};

boot(hal, configFromPinmap(map.fsr, map.imu, divider, PIJAT_FW_VERSION));
