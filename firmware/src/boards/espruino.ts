// Espruino HAL (reference board: Espruino Pico, PICO_R1_3) and the entry point of
// firmware/dist/pijat-espruino.js. Pins come from hardware/pinmap.json at build time.
//
// Console: while streaming, the REPL sits on LoopbackA and host bytes arrive through
// USB.on('data'). It comes back to USB on a `stop` command, or when BTN is held while
// powering up (Espruino then skips the saved code). See firmware/README.md.
import { espruino as map, fsr_divider as divider } from '../../../hardware/pinmap.json';
import { BOARD_ESPRUINO_PICO } from '../../../shared/protocol/constants';
import { configFromPinmap } from '../core/pinmap';
import { boot } from '../core/glove';
import type { Hal, I2cLike } from '../core/hal';

// Espruino built-ins, declared for the type checker only (module scope, nothing emitted).
type EspPin = string | { toString(): string };
interface EspSerial {
  write(data: Uint8Array | string): void;
  on(event: 'data', fn: (data: string) => void): void;
  removeListener(event: 'data', fn: (data: string) => void): void;
  setConsole(force: boolean): void;
}
interface EspI2C extends I2cLike {
  setup(options: { scl: EspPin; sda: EspPin; bitrate: number }): void;
}
declare const analogRead: (pin: EspPin) => number;
declare const digitalWrite: (pin: EspPin, value: boolean) => void;
declare const getTime: () => number;
declare const getSerial: () => string;
declare const setWatch: (fn: (e: { state: boolean }) => void, pin: EspPin, options: { repeat: boolean; edge: string; debounce: number }) => number;
declare const clearWatch: (id: number) => void;
declare const E: {
  CRC32(data: Uint8Array | string): number;
  setConsole(device: string | null, options: { force: boolean }): void;
  on(event: 'init', fn: () => void): void;
  removeListener(event: 'init', fn: () => void): void;
};
declare const USB: EspSerial;
declare const LoopbackA: EspSerial;
declare const I2C1: EspI2C;
declare const I2C2: EspI2C;
declare const I2C3: EspI2C;
declare const LED1: EspPin;
declare const LED2: EspPin;
declare const BTN: EspPin;
/** "major.minor.patch", set by firmware/build.ts from package.json. */
declare const PIJAT_FW_VERSION: string;

/**
 * Pin map names of the board's built-in pins resolve to Espruino's objects, others stay names
 * ("A5"; Espruino accepts a pin name wherever it takes a pin). A build without the built-in
 * (the Linux interpreter) gets the name, so loading never throws a ReferenceError.
 */
function pin(name: string): EspPin {
  if (name === 'LED1' && typeof LED1 !== 'undefined') return LED1;
  if (name === 'LED2' && typeof LED2 !== 'undefined') return LED2;
  if (name === 'BTN' && typeof BTN !== 'undefined') return BTN;
  return name;
}

const fsr0 = pin(map.fsr[0].pin);
const fsr1 = pin(map.fsr[1].pin);
const fsr2 = pin(map.fsr[2].pin);
const fsr3 = pin(map.fsr[3].pin);
const ledRed = pin(map.led_red);
const ledGreen = pin(map.led_green);
const motor = pin(map.motor);
const button = pin(map.button.pin);
const buttonHigh = map.button.active_high;
const bus: EspI2C = map.i2c.bus === 'I2C2' ? I2C2 : map.i2c.bus === 'I2C3' ? I2C3 : I2C1;

function readFsr(s: Uint16Array): void {
  'ram';
  s[6] = analogRead(fsr0) * 65535 + 0.5;
  s[7] = analogRead(fsr1) * 65535 + 0.5;
  s[8] = analogRead(fsr2) * 65535 + 0.5;
  s[9] = analogRead(fsr3) * 65535 + 0.5;
}

function i2cSetup(): void {
  bus.setup({ scl: pin(map.i2c.scl), sda: pin(map.i2c.sda), bitrate: map.i2c.bitrate });
}

// Cues must never stop the stream: a pin the running build does not have is ignored.
function setLeds(red: boolean, green: boolean): void {
  try {
    digitalWrite(ledRed, red);
    digitalWrite(ledGreen, green);
  } catch (e) {
    // no such pin on this build
  }
}

function setMotor(on: boolean): void {
  try {
    digitalWrite(motor, on);
  } catch (e) {
    // no such pin on this build
  }
}

let dataHandler: ((data: string) => void) | undefined;
function takeConsole(onData: (data: string | Uint8Array) => void): void {
  if (dataHandler === undefined) {
    dataHandler = onData;
    USB.on('data', dataHandler);
  }
  try {
    LoopbackA.setConsole(true);
  } catch (e) {
    E.setConsole(null, { force: true }); // a build without LoopbackA: no console at all while streaming
  }
}

function releaseConsole(): void {
  USB.setConsole(true);
}

let watchId: number | undefined;
function watchButton(onChange: (down: boolean) => void): void {
  if (watchId !== undefined) return;
  try {
    watchId = setWatch(function (e: { state: boolean }): void {
      onChange(e.state === buttonHigh);
    }, button, { repeat: true, edge: 'both', debounce: 25 });
  } catch (e) {
    // no button on this build: the glove streams without a pass marker
  }
}

let bootHandler: (() => void) | undefined;
function onBoot(fn: () => void): void {
  if (bootHandler !== undefined) return;
  bootHandler = fn;
  E.on('init', fn);
}

function release(): void {
  if (watchId !== undefined) {
    try {
      clearWatch(watchId);
    } catch (e) {
      // already gone
    }
    watchId = undefined;
  }
  if (dataHandler !== undefined) {
    USB.removeListener('data', dataHandler);
    dataHandler = undefined;
  }
  if (bootHandler !== undefined) {
    E.removeListener('init', bootHandler);
    bootHandler = undefined;
  }
}

const hal: Hal = {
  board: BOARD_ESPRUINO_PICO,
  deviceId: E.CRC32(typeof getSerial === 'function' ? getSerial() : 'no-serial'),
  now: getTime,
  readFsr: readFsr,
  i2c: bus,
  i2cSetup: i2cSetup,
  crc: E,
  link: USB,
  setLeds: setLeds,
  setMotor: setMotor,
  takeConsole: takeConsole,
  releaseConsole: releaseConsole,
  watchButton: watchButton,
  release: release,
  onBoot: onBoot,
};

boot(hal, configFromPinmap(map.fsr, map.imu, divider, PIJAT_FW_VERSION));
