// The Espruino HAL, shared by the Espruino Pico (boards/espruino.ts) and Espruino on the
// RP2040 (boards/espruino-rp2040.ts); each passes its own section of hardware/pinmap.json.
//
// Console: from the first start on, the REPL sits on LoopbackA and host bytes arrive through
// USB.on('data'), streaming or stopped. It comes back to USB only on the `console` command
// (before a firmware upload), or when BTN is held while powering up (Espruino then skips the
// saved code). See firmware/README.md.
//
// Everything is built inside makeEspruinoHal so that the functions the sample path calls find
// their names in a small scope (Espruino walks scopes as linked lists).
import { fsr_divider as divider } from '../../../hardware/pinmap.json';
import { boot } from '../core/glove';
import type { Hal } from '../core/hal';
import { configFromPinmap } from '../core/pinmap';

// Espruino built-ins, declared for the type checker only (module scope, nothing emitted).
type EspPin = string | { toString(): string };
interface EspSerial {
  write(data: Uint8Array | string): void;
  on(event: 'data', fn: (data: string) => void): void;
  removeListener(event: 'data', fn: (data: string) => void): void;
  setConsole(force: boolean): void;
}
interface EspI2C {
  setup(options: { scl: EspPin; sda: EspPin; bitrate: number }): void;
  writeTo(addr: number, reg: number, value?: number): void;
  readFrom(addr: number, count: number): Uint8Array;
  readReg?: (addr: number, reg: number, count: number) => Uint8Array;
}
declare const analogRead: (pin: EspPin) => number;
declare const digitalWrite: (pin: EspPin, value: boolean) => void;
declare const getTime: () => number;
declare const getSerial: () => string;
declare const setWatch: (fn: (e: { state: boolean }) => void, pin: EspPin, options: { repeat: boolean; edge: string; debounce: number }) => number;
declare const clearWatch: (id: number) => void;
declare const pinMode: (pin: EspPin, mode: string) => void;
declare const E: {
  CRC32(data: Uint8Array | string): number;
  setConsole(device: string | null, options: { force: boolean }): void;
  on(event: 'init', fn: () => void): void;
  removeListener(event: 'init', fn: () => void): void;
};
declare const process: { memory(gc: boolean): { usage: number; total: number } };
declare const USB: EspSerial;
declare const LoopbackA: EspSerial;
declare const I2C1: EspI2C;
declare const I2C2: EspI2C;
declare const I2C3: EspI2C;
declare const LED1: EspPin;
declare const LED2: EspPin;
declare const BTN: EspPin;

export interface EspruinoSection {
  fsr: { pin: string; hand: string; site: string }[];
  imu: { hand: string; address: number }[];
  i2c: { bus: string; scl: string; sda: string; bitrate: number };
  led_red: string;
  led_green: string;
  button: { pin: string; active_high: boolean };
  motor: string;
}

/**
 * Pin map names of the board's built-in pins resolve to Espruino's objects, others stay names
 * ("A5", "D26"; Espruino accepts a pin name wherever it takes a pin).
 */
function pin(name: string): EspPin {
  if (name === 'LED1' && typeof LED1 !== 'undefined') return LED1;
  if (name === 'LED2' && typeof LED2 !== 'undefined') return LED2;
  if (name === 'BTN' && typeof BTN !== 'undefined') return BTN;
  return name;
}

/**
 * The FSR pins the running board cannot read: an unknown name makes analogRead return NaN,
 * which a Uint16Array would store as 0 without a word. Checked once at load.
 */
export function badAnalogPins(map: EspruinoSection): string[] {
  const bad: string[] = [];
  for (let i = 0; i < map.fsr.length; i++) {
    let v = NaN;
    try {
      v = analogRead(pin(map.fsr[i].pin));
    } catch (e) {
      v = NaN;
    }
    if (typeof v !== 'number' || v !== v) bad.push(map.fsr[i].pin);
  }
  return bad;
}

export function makeEspruinoHal(map: EspruinoSection, boardCode: number, maxRateHz: number): Hal {
  const fsr0 = pin(map.fsr[0].pin);
  const fsr1 = pin(map.fsr[1].pin);
  const fsr2 = pin(map.fsr[2].pin);
  const fsr3 = pin(map.fsr[3].pin);
  const ar = analogRead;
  const ledRed = pin(map.led_red);
  const ledGreen = pin(map.led_green);
  const motor = pin(map.motor);
  const button = pin(map.button.pin);
  const buttonHigh = map.button.active_high;
  const bus: EspI2C = map.i2c.bus === 'I2C2' ? I2C2 : map.i2c.bus === 'I2C3' ? I2C3 : I2C1;
  const usb = USB;
  const esp = E;
  const hasReadReg = typeof bus.readReg === 'function';

  let houseId: ReturnType<typeof setInterval> | undefined;
  let tickId: ReturnType<typeof setInterval> | undefined;
  let dataHandler: ((data: string) => void) | undefined;
  let watchId: number | undefined;
  let bootHandler: (() => void) | undefined;

  function clear(id: ReturnType<typeof setInterval> | undefined): undefined {
    if (id !== undefined) {
      try {
        clearInterval(id);
      } catch (e) {
        // gone already (a reset timer list)
      }
    }
    return undefined;
  }

  function readFsr(s: Uint16Array): void {
    'ram';
    s[6] = ar(fsr0) * 65535; // the store truncates: at most 1 count of 65535 low
    s[7] = ar(fsr1) * 65535;
    s[8] = ar(fsr2) * 65535;
    s[9] = ar(fsr3) * 65535;
  }

  // Cues must never stop the stream: a pin the running build does not have is ignored.
  function setLeds(red: boolean, green: boolean): void {
    try {
      // The LED going off first: red and green are never lit together, not even between the
      // two writes (a stalled interpreter held both on for over 1 ms on the Linux build).
      if (red) {
        digitalWrite(ledGreen, green);
        digitalWrite(ledRed, true);
      } else {
        digitalWrite(ledRed, false);
        digitalWrite(ledGreen, green);
      }
    } catch (e) {
      // no such pin on this build
    }
  }

  return {
    board: boardCode,
    deviceId: E.CRC32(typeof getSerial === 'function' ? getSerial() : 'no-serial'),
    maxRateHz: maxRateHz,
    now: getTime,
    readFsr: readFsr,
    // bound natives: the sample path then runs no JavaScript wrapper for them
    readReg: hasReadReg
      ? (bus.readReg as (addr: number, reg: number, count: number) => Uint8Array).bind(bus)
      : function (addr: number, reg: number, count: number): Uint8Array {
        bus.writeTo(addr, reg);
        return bus.readFrom(addr, count);
      },
    writeReg: function (addr: number, reg: number, value: number): void {
      bus.writeTo(addr, reg, value); // one transaction: S addr+W reg value P
    },
    i2cSetup: function (): void {
      bus.setup({ scl: pin(map.i2c.scl), sda: pin(map.i2c.sda), bitrate: map.i2c.bitrate });
    },
    crc32: function (bytes: Uint8Array): number {
      return E.CRC32(bytes);
    },
    checkKind: 0, // CRC-32: native E.CRC32
    frameCheck: esp.CRC32 as (crcRange: Uint8Array) => number, // native, called with (crcRange, words): the second is ignored
    write: usb.write.bind(usb) as (bytes: Uint8Array) => void,
    setLeds: setLeds,
    setMotor: function (on: boolean): void {
      try {
        digitalWrite(motor, on);
      } catch (e) {
        // no such pin on this build
      }
    },
    takeConsole: function (onData: (data: string | Uint8Array) => void): void {
      if (dataHandler === undefined) {
        dataHandler = onData;
        usb.on('data', dataHandler);
      }
      try {
        LoopbackA.setConsole(true);
      } catch (e) {
        E.setConsole(null, { force: true }); // a build without LoopbackA: no console at all while streaming
      }
    },
    releaseConsole: function (): void {
      usb.setConsole(true);
    },
    schedule: function (house: () => void, houseMs: number, tick: (() => void) | undefined, periodS: number): void {
      if (houseId === undefined) houseId = setInterval(house, houseMs);
      tickId = clear(tickId);
      if (tick !== undefined) tickId = setInterval(tick, periodS * 1000);
    },
    memoryPercent: function (): number {
      try {
        const m = process.memory(false); // false: no garbage collection first
        return m.total > 0 ? Math.round((100 * m.usage) / m.total) : 0;
      } catch (e) {
        return 0;
      }
    },
    unschedule: function (): void {
      houseId = clear(houseId);
      tickId = clear(tickId);
    },
    watchButton: function (onChange: (down: boolean) => void): void {
      if (watchId !== undefined) return;
      try {
        if (!buttonHigh) pinMode(button, 'input_pullup'); // a button to GND
        watchId = setWatch(function (e: { state: boolean }): void {
          onChange(e.state === buttonHigh);
        }, button, { repeat: true, edge: 'both', debounce: 25 });
      } catch (e) {
        // no button on this build: the glove streams without a pass marker
      }
    },
    release: function (): void {
      houseId = clear(houseId);
      tickId = clear(tickId);
      if (watchId !== undefined) {
        try {
          clearWatch(watchId);
        } catch (e) {
          // already gone
        }
        watchId = undefined;
      }
      if (dataHandler !== undefined) {
        usb.removeListener('data', dataHandler);
        dataHandler = undefined;
      }
      if (bootHandler !== undefined) {
        E.removeListener('init', bootHandler);
        bootHandler = undefined;
      }
    },
    onBoot: function (fn: () => void): void {
      if (bootHandler !== undefined) return;
      bootHandler = fn;
      E.on('init', fn);
    },
  };
}

/**
 * Boots the glove on an Espruino board, or, when the pin map names an analog pin the board does
 * not have, says so on the console (still USB at load: the upload shows it) and does not start.
 */
export function bootEspruino(map: EspruinoSection, section: string, boardCode: number, maxRateHz: number, version: string): void {
  const bad = badAnalogPins(map);
  if (bad.length > 0) {
    console.log('Pijat: this board has no analog pin ' + bad.join(', ') + ' (hardware/pinmap.json, "' + section + '".fsr). Fix the pin map, rebuild and flash again. The glove will not start.');
    return;
  }
  boot(makeEspruinoHal(map, boardCode, maxRateHz), configFromPinmap(map.fsr, map.imu, divider, version));
}
