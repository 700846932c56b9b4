// Kaluma HAL (Raspberry Pi Pico / RP2040) and the entry point of firmware/dist/pijat-kaluma.js.
// The RP2040 has three ADC inputs on the Pico's header (GP26-28), so the four FSRs go through a
// 74HC4051 analog multiplexer on one ADC pin with three select GPIOs (pinmap "kaluma.mux").
//
// Why the glove runs its own loop: Kaluma's event loop hands every USB byte to its REPL (echoed,
// run on CR, soft reset on Ctrl-D) before a program can read it. A program that never returns
// to the event loop and reads the native stdin itself gets every byte. So, once streaming has
// started, one loop runs the sample tick (timed in microseconds, without drift), housekeeping,
// the button and the host's commands, and sleeps in between (sleep_us: the CPU waits for an
// interrupt). It ends only on the `console` command, or when the host sends Ctrl-C (0x03),
// which Kaluma's USB layer turns into an abort that no JavaScript can catch: both hand the
// REPL back for `pijat flash`. Protocol v2 commands never contain a 0x03.
import { kaluma as map, fsr_divider as divider } from '../../../hardware/pinmap.json';
import { BOARD_KALUMA_PICO } from '../../../shared/protocol/constants';
import { crc32, crc32Text } from '../core/crc32';
import { fletcher32, fletcher32Sample } from '../core/fletcher';
import { boot } from '../core/glove';
import type { Hal } from '../core/hal';
import { configFromPinmap } from '../core/pinmap';
import { S } from '../core/stream-state';

// Kaluma built-ins, declared for the type checker only (module scope, nothing emitted).
interface KalumaI2C {
  write(data: Uint8Array, address: number): number;
  memRead(length: number, address: number, memAddress: number): Uint8Array;
  close(): void;
}
interface NativeStreams {
  StdInNative: new () => { read(): Uint8Array | null };
  StdOutNative: new () => { write(data: Uint8Array): boolean };
}
declare const analogRead: (pin: number) => number;
declare const digitalWrite: (pin: number | number[], value: number) => void;
declare const digitalRead: (pin: number) => number;
declare const pinMode: (pin: number | number[], mode: number) => void;
declare const micros: () => number;
declare const delayMicroseconds: (us: number) => void;
declare const OUTPUT: number;
declare const INPUT_PULLUP: number;
declare const INPUT_PULLDOWN: number;
declare const board: {
  name: string;
  uid?: string;
  i2c(bus: number, options: { baudrate: number; scl: number; sda: number }): KalumaI2C;
};
declare const process: {
  binding?: ((name: string) => NativeStreams) & { stream?: string };
  stdout: { write(data: Uint8Array): unknown };
  stdin: { read(): Uint8Array | null };
  memoryUsage(): { heapTotal: number; heapUsed: number } | undefined;
};
/** "major.minor.patch", set by firmware/build.ts from package.json. */
declare const PIJAT_FW_VERSION: string;

/**
 * Highest rate this board sustains (hardware/README.md): each analogRead sleeps 1 ms in Kaluma
 * (4 ms a sample for the 4 FSRs) and the interpreter needs the rest of the period.
 */
const MAX_RATE_HZ = PIJAT_MAX_RATE_HZ ?? 100;
/** A build-time override for benchmarks (firmware/build.ts); null in a release build. */
declare const PIJAT_MAX_RATE_HZ: number | null;
/** Frames carry Fletcher-32 (type bit 7): a CRC-32 in JerryScript costs ~2 ms a sample. */
const CHECK_FLETCHER32 = 0x80;

function makeHal(): Hal {
  const adcPin = map.mux.adc_pin;
  /** Kaluma's digitalWrite(array, value) puts the value's least significant bit on the last pin: [S2, S1, S0]. */
  const select = [map.mux.select_pins[2], map.mux.select_pins[1], map.mux.select_pins[0]];
  const ch0 = map.fsr[0].mux_channel;
  const ch1 = map.fsr[1].mux_channel;
  const ch2 = map.fsr[2].mux_channel;
  const ch3 = map.fsr[3].mux_channel;
  const buttonPin = map.button.pin;
  const buttonHigh = map.button.active_high;
  const ar = analogRead;
  const dw = digitalWrite;
  const us = micros;
  const sleepUs = delayMicroseconds;
  const st = S;

  // The native streams: process.stdin/stdout are getters that run require('stream') at every access.
  const streams = typeof process.binding === 'function' ? process.binding(process.binding.stream || 'stream') : undefined;
  const stdin = streams !== undefined ? new streams.StdInNative() : process.stdin;
  const stdout = streams !== undefined ? new streams.StdOutNative() : process.stdout;

  let bus: KalumaI2C | undefined;
  const w2 = new Uint8Array(2);

  let house: (() => void) | undefined;
  let houseUs = 50000;
  let tick: (() => void) | undefined;
  let periodUs = 10000;
  let nextTick = 0;
  let nextHouse = 0;
  let running = false;
  let onData: ((data: Uint8Array) => void) | undefined;
  let onButton: ((down: boolean) => void) | undefined;
  let buttonDown = false;

  function readFsr(s: Uint16Array): void {
    dw(select, ch0);
    s[6] = ar(adcPin) * 65535 + 0.5;
    dw(select, ch1);
    s[7] = ar(adcPin) * 65535 + 0.5;
    dw(select, ch2);
    s[8] = ar(adcPin) * 65535 + 0.5;
    dw(select, ch3);
    s[9] = ar(adcPin) * 65535 + 0.5;
  }

  function pollButton(): void {
    if (onButton === undefined) return;
    const down = (digitalRead(buttonPin) === 1) === buttonHigh;
    if (down !== buttonDown) {
      buttonDown = down;
      onButton(down);
    }
  }

  /** The glove's own loop (see the top of this file). */
  function loop(): void {
    running = true;
    nextHouse = us() + houseUs;
    while (running) {
      try {
        let t = us();
        if (tick !== undefined && t >= nextTick) {
          tick();
          nextTick += periodUs;
          // far behind (a long stall): restart the schedule instead of bursting; the rate check reports it
          if (t - nextTick > 4 * periodUs) nextTick = t + periodUs;
        }
        if (t >= nextHouse) {
          nextHouse += houseUs;
          if (t - nextHouse > houseUs) nextHouse = t + houseUs;
          pollButton();
          if (house !== undefined) house();
        }
        const d = stdin.read();
        if (d !== null && d !== undefined && onData !== undefined) onData(d);
        t = us();
        let until = nextHouse;
        if (tick !== undefined && nextTick < until) until = nextTick;
        const wait = until - t;
        if (wait > 2000) sleepUs(2000);
        else if (wait > 100) sleepUs(wait - 50);
      } catch (e) {
        st.faults++;
      }
    }
  }

  return {
    board: BOARD_KALUMA_PICO,
    deviceId: typeof board.uid === 'string' && board.uid.length > 0 ? crc32Text(board.uid) : crc32Text('kaluma-' + board.name),
    maxRateHz: MAX_RATE_HZ,
    now: function (): number {
      return us() / 1e6;
    },
    readFsr: readFsr,
    readReg: function (addr: number, reg: number, count: number): Uint8Array {
      if (bus === undefined) throw new Error('I2C not set up');
      return bus.memRead(count, addr, reg);
    },
    writeReg: function (addr: number, reg: number, value: number): void {
      if (bus === undefined) throw new Error('I2C not set up');
      w2[0] = reg;
      w2[1] = value;
      bus.write(w2, addr); // one transaction: S addr+W reg value P
    },
    i2cSetup: function (): void {
      if (bus !== undefined) {
        try {
          bus.close();
        } catch (e) {
          // not open
        }
      }
      bus = board.i2c(map.i2c.bus, { baudrate: map.i2c.bitrate, scl: map.i2c.scl, sda: map.i2c.sda });
    },
    crc32: crc32,
    checkKind: CHECK_FLETCHER32,
    frameCheck: function (crcRange: Uint8Array, words: Uint16Array): number {
      return words.length === 24 ? fletcher32Sample(words) : fletcher32(words);
    },
    write: function (bytes: Uint8Array): void {
      stdout.write(bytes);
    },
    setLeds: function (red: boolean, green: boolean): void {
      // The LED going off first: red and green are never lit together, not even between writes.
      if (red) {
        dw(map.led_green, green ? 1 : 0);
        dw(map.led_red, 1);
      } else {
        dw(map.led_red, 0);
        dw(map.led_green, green ? 1 : 0);
      }
    },
    setMotor: function (on: boolean): void {
      dw(map.motor, on ? 1 : 0);
    },
    takeConsole: function (handler: (data: string | Uint8Array) => void): void {
      onData = handler;
      // enter the loop after the caller (start) has finished
      if (!running) setTimeout(loop, 0);
      running = true;
    },
    releaseConsole: function (): void {
      running = false; // the loop ends after this pass; Kaluma's event loop and REPL take over
    },
    schedule: function (h: () => void, houseMs: number, t: (() => void) | undefined, periodS: number): void {
      house = h;
      houseUs = houseMs * 1000;
      tick = t;
      if (t !== undefined) {
        periodUs = Math.round(periodS * 1e6);
        nextTick = us() + periodUs;
      }
    },
    memoryPercent: function (): number {
      try {
        const m = process.memoryUsage();
        return m !== undefined && m.heapTotal > 0 ? Math.round((100 * m.heapUsed) / m.heapTotal) : 0;
      } catch (e) {
        return 0;
      }
    },
    unschedule: function (): void {
      house = undefined;
      tick = undefined;
    },
    watchButton: function (onChange: (down: boolean) => void): void {
      pinMode(buttonPin, buttonHigh ? INPUT_PULLDOWN : INPUT_PULLUP);
      buttonDown = (digitalRead(buttonPin) === 1) === buttonHigh;
      onButton = onChange;
    },
    release: function (): void {
      house = undefined;
      tick = undefined;
      onButton = undefined;
      onData = undefined;
      running = false;
    },
    onBoot: function (): void {
      // Kaluma runs the flashed program at every boot; there is no save() snapshot to resume.
    },
  };
}

pinMode([map.mux.select_pins[0], map.mux.select_pins[1], map.mux.select_pins[2]], OUTPUT);
pinMode([map.led_red, map.led_green, map.motor], OUTPUT);

boot(makeHal(), configFromPinmap(map.fsr, map.imu, divider, PIJAT_FW_VERSION));
