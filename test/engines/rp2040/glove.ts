// The emulated glove: a Raspberry Pi Pico (RP2040 in rp2040js) running a real engine image, with
// the glove's sensors wired as on the board, a USB host, and the program loaded the way a user
// loads it.
//
// Boards (pins from hardware/pinmap.json where the pin map has them):
// - 'kaluma': Kaluma 1.2.1. Four FSR dividers through a 74HC4051 (S0..S2 = kaluma.mux.select_pins,
//   Z = kaluma.mux.adc_pin, FSR i on Y = kaluma.fsr[i].mux_channel); the MPU-6050s on I2C
//   controller kaluma.i2c.bus at kaluma.imu[].address; the button on kaluma.button.pin
//   (active_high false: pull-up, pressing pulls it low); GP22 held high, which is Kaluma's "run
//   the flashed program at boot" pin.
// - 'espruino-rp2040': Espruino 2v29 built for the Pico, wired per the pin map's
//   "espruino_rp2040" section when it has one (FSR pins "Dn" = GPn on ADC channel n - 26; the I2C
//   controller of its SDA pin (GP8 -> I2C0, which is Espruino's I2C1 default D8 = SDA, D9 = SCL on
//   this build); the button pin and polarity), else the same defaults: FSR i on ADCi (GP26 + i),
//   I2C0, button on GP15 (D15) to GND with the pull-up.
//
// Loading:
// - 'preload' (Kaluma): the program's bytes in flash at 0xfc000 + 4 * 4096 followed by a NUL, as
//   Kaluma's `.flash -w` leaves it; the program runs from power-on.
// - 'ymodem' (Kaluma): what `kaluma flash` does over the REPL: "\r", ".flash -w\r", 500 ms, the
//   YMODEM transfer, 500 ms, "\r", ".load\r". Needs the flash-chip model.
// - 'repl-upload' (Espruino): what the Espruino CLI does: wait for a prompt, then its exact bytes
//   ("\x10reset();\n", 250 ms, "\x10print()\n" + reformatted code), honouring XON/XOFF, then
//   wait for the prompt.
// - 'none': boot only.
import * as pinmap from '../../../hardware/pinmap.json';
import { loadBootrom, requireEngine } from '../locate';
import { type ForceFn, type ForceSpec, toForceFn } from '../models/fsr';
import { I2cBus } from '../models/i2c-bus';
import { type HandMotion, type MotionFn, toMotionFn } from '../models/motion';
import { type ImuFault, Mpu6050 } from '../models/mpu6050';
import { type AdcStats, attachAdc, directFsrs, muxedFsrs } from './adc';
import { espruinoCliBytes, uploadParts } from './espruino-upload';
import { attachI2c } from './i2c';
import { Rp2040Machine } from './machine';
import { idleMapFor } from './idle';
import { type UsbChunk, UsbHost } from './usb-host';
import { YmodemSender, type YmodemResult } from './ymodem';

export type BoardName = 'kaluma' | 'espruino-rp2040';
export type LoadMode = 'preload' | 'ymodem' | 'repl-upload' | 'none';

/** A REPL prompt at the end of the output: Espruino's "\n>"; Kaluma's "ESC 7 > " and its cursor queries. */
const PROMPTS: Readonly<Record<BoardName, RegExp>> = {
  'espruino-rp2040': /\n>$/,
  kaluma: /\x1b7> (\x1b\[[0-9;]*[A-Za-z]|\x1b8)*$/,
};

/** Where `.flash -w` stores the program: KALUMA_FLASH_OFFSET + KALUMA_PROG_SECTOR_BASE sectors. */
export const KALUMA_PROGRAM_OFFSET = 0xfc000 + 4 * 4096;
const kalumaMap = pinmap.kaluma;

/** The pin map's "espruino_rp2040" section, read loosely: it may not exist in every checkout. */
interface EspruinoRp2040Map {
  readonly fsr?: readonly { readonly pin: string }[];
  readonly i2c?: { readonly sda?: string };
  readonly imu?: readonly { readonly address: number }[];
  readonly button?: { readonly pin: string; readonly active_high: boolean };
}

/** GPIO number of an Espruino RP2040 pin name ("D26" -> 26). */
function gpioOf(name: string): number {
  const m = /^D(\d+)$/.exec(name);
  if (m === null) throw new Error(`not an Espruino RP2040 pin name: ${name}`);
  return Number(m[1]);
}

export interface EspruinoRp2040Wiring {
  /** ADC channel of each FSR (wire-protocol order). */
  readonly fsrAdcChannels: readonly number[];
  /** RP2040 I2C controller of the IMUs. */
  readonly i2c: number;
  readonly imuAddresses: readonly number[];
  readonly buttonGpio: number;
  readonly buttonActiveHigh: boolean;
}

/** The Espruino RP2040 wiring: from the pin map when it has the section, else the defaults. */
export function espruinoRp2040Wiring(): EspruinoRp2040Wiring {
  const map = (pinmap as unknown as { espruino_rp2040?: EspruinoRp2040Map }).espruino_rp2040;
  const fsr = map?.fsr;
  return {
    fsrAdcChannels: fsr !== undefined ? fsr.map((f) => gpioOf(f.pin) - 26) : [0, 1, 2, 3],
    i2c: map?.i2c?.sda !== undefined ? Math.floor(gpioOf(map.i2c.sda) / 2) % 2 : 0,
    imuAddresses: map?.imu?.map((i) => i.address) ?? [0x68, 0x69],
    buttonGpio: map?.button !== undefined ? gpioOf(map.button.pin) : 15,
    buttonActiveHigh: map?.button?.active_high ?? false,
  };
}
/** Kaluma's "load the flashed script at boot" pin. */
export const KALUMA_LOAD_SCRIPT_GPIO = 22;

export interface GloveOptions {
  readonly board: BoardName;
  /** The program file's bytes (or text). Omit to boot the bare engine. */
  readonly program?: Buffer | string;
  /** Default: 'preload' on Kaluma, 'repl-upload' on Espruino; 'none' without a program. */
  readonly load?: LoadMode;
  /** Newtons per FSR (wire-protocol order) over emulated time; default MASSAGE_FORCES. */
  readonly forces?: ForceFn | readonly ForceSpec[];
  /** What the IMUs feel; default circlingHand(). */
  readonly motion?: MotionFn | HandMotion;
  readonly imuFaults?: readonly ImuFault[];
  /** The button held down from power-on. */
  readonly buttonDown?: boolean;
  /** Engine files (default: found by ../locate). */
  readonly image?: string;
  readonly bootrom?: string;
  /**
   * Opt-in: calibrate the engine's idle loop (a bare boot of the same image, cached per process)
   * so that workFraction() can tell the program's CPU use from the engine's polling. Costs a few
   * per cent of speed and, once per image, a bare boot (~2 s wall).
   */
  readonly idleProfile?: boolean;
  /** Emulated seconds allowed for the REPL to come up / for the load to finish. */
  readonly bootTimeout?: number;
  readonly loadTimeout?: number;
}

export interface GpioEvent {
  readonly t: number;
  readonly pin: number;
  readonly high: boolean;
}

/** A point in the run, to measure windows (rates, CPU cycles) against. */
export interface Mark {
  readonly t: number;
  readonly cycles: number;
  readonly idleCycles: number;
  readonly offset: number;
}

export class Glove {
  readonly board: BoardName;
  /** The engine image it runs. */
  readonly image: string;
  readonly machine: Rp2040Machine;
  readonly usb: UsbHost;
  readonly bus: I2cBus;
  readonly imus: readonly Mpu6050[];
  readonly adc: AdcStats;
  readonly gpioEvents: GpioEvent[] = [];
  /** Offset in `received` where the loaded program's own output begins, and when. */
  startOffset = 0;
  startedAt = 0;
  /** How the load went (ymodem), and how the upload was framed (repl-upload). */
  ymodem: YmodemResult | undefined;
  uploadExact: boolean | undefined;
  private readonly buttonPin: number;
  private readonly buttonActiveHigh: boolean;

  constructor(opts: GloveOptions) {
    this.board = opts.board;
    this.image = opts.image ?? requireEngine(opts.board === 'kaluma' ? 'kaluma' : 'espruinoRp2040');
    this.machine = new Rp2040Machine(loadBootrom(opts.bootrom), this.image);
    const mcu = this.machine.mcu;
    const forces = toForceFn(opts.forces);
    const motion = toMotionFn(opts.motion);
    const faults = opts.imuFaults ?? [];
    let addresses: readonly number[];
    let i2cIndex: number;
    if (opts.board === 'kaluma') {
      addresses = kalumaMap.imu.map((i) => i.address);
      i2cIndex = kalumaMap.i2c.bus;
      this.buttonPin = kalumaMap.button.pin;
      this.buttonActiveHigh = kalumaMap.button.active_high;
      this.adc = attachAdc(
        mcu,
        muxedFsrs(mcu, { adcPin: kalumaMap.mux.adc_pin, selectPins: kalumaMap.mux.select_pins, fsrChannels: kalumaMap.fsr.map((f) => f.mux_channel) }, forces),
      );
      mcu.gpio[KALUMA_LOAD_SCRIPT_GPIO]!.setInputValue(true);
    } else {
      const w = espruinoRp2040Wiring();
      addresses = w.imuAddresses;
      i2cIndex = w.i2c;
      this.buttonPin = w.buttonGpio;
      this.buttonActiveHigh = w.buttonActiveHigh;
      this.adc = attachAdc(mcu, directFsrs(forces, w.fsrAdcChannels));
    }
    this.imus = addresses.map((address, imu) => new Mpu6050({ address, imu, motion, faults }));
    this.bus = new I2cBus(this.imus);
    attachI2c(mcu, i2cIndex, this.bus);
    this.usb = new UsbHost(mcu);
    this.pressButton(opts.buttonDown ?? false);
    mcu.gpio.forEach((g, pin) => {
      g.addListener((state) => {
        if (state === 0 || state === 1) {
          this.gpioEvents.push({ t: this.now(), pin, high: state === 1 });
          if (this.gpioEvents.length > 500_000) this.gpioEvents.splice(0, 250_000);
        }
      });
    });
  }

  /** Emulated seconds since power-on. */
  now(): number {
    return this.machine.seconds;
  }

  /** Core cycles executed since power-on (not counting sleep). */
  get cycles(): number {
    return this.machine.cycles;
  }

  /** clk_sys in Hz. */
  get clockHz(): number {
    return this.machine.clockHz;
  }

  /** Every byte the device sent over USB. */
  get received(): Buffer {
    return this.usb.received;
  }

  /** Arrival of each USB IN transfer (offset in `received`, emulated time, cycles). */
  get chunks(): readonly UsbChunk[] {
    return this.usb.chunks;
  }

  /** What the device sent before the program's own output (banners, prompts, upload echo). */
  get console(): string {
    return this.usb.received.subarray(0, this.startOffset).toString('latin1');
  }

  /** What the device sent since the program was loaded. */
  get stream(): Buffer {
    return this.usb.received.subarray(this.startOffset);
  }

  /** Emulated arrival time of byte `offset` of `received`. */
  arrivalOf(offset: number): number | undefined {
    const c = this.usb.chunks;
    let lo = 0;
    let hi = c.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const ch = c[mid]!;
      if (offset < ch.offset) hi = mid - 1;
      else if (offset >= ch.offset + ch.length) lo = mid + 1;
      else return ch.t;
    }
    return undefined;
  }

  mark(): Mark {
    return { t: this.now(), cycles: this.cycles, idleCycles: this.machine.idleCycles, offset: this.usb.receivedLength };
  }

  /**
   * Cycles / (seconds * clk_sys) since `from`: the share of time the core was not asleep in
   * WFI/WFE. The engines' idle loops poll instead of sleeping, so this counts them as busy
   * (Espruino ~1.0 always; Kaluma sleeps only in the SDK's sleep, e.g. analogRead()'s 1 ms wait).
   */
  busyFraction(from: Mark): number {
    const dt = this.now() - from.t;
    return dt > 0 ? (this.cycles - from.cycles) / (dt * this.clockHz) : 0;
  }

  /**
   * (cycles - idle-loop cycles) / (seconds * clk_sys) since `from`: the CPU the program uses
   * (needs `idleProfile: true`; a lower bound, see machine.ts).
   */
  workFraction(from: Mark): number {
    if (this.machine.idleMap === undefined) throw new Error('workFraction() needs createGlove({ idleProfile: true })');
    const dt = this.now() - from.t;
    const work = this.cycles - from.cycles - (this.machine.idleCycles - from.idleCycles);
    return dt > 0 ? work / (dt * this.clockHz) : 0;
  }

  /** Runs `seconds` of emulated time (yielding to the event loop as it goes). */
  async run(seconds: number): Promise<void> {
    await this.machine.run(seconds);
  }

  /** Runs until `done()` holds or `maxSeconds` passed; returns whether it held. */
  async runUntil(done: () => boolean, maxSeconds: number): Promise<boolean> {
    if (done()) return true;
    return this.machine.run(maxSeconds, done);
  }

  /** Queues host-to-device bytes (delivered in packets of at most 64 bytes as the device takes them). */
  send(bytes: Uint8Array | string): void {
    this.usb.send(bytes);
  }

  pressButton(down: boolean): void {
    this.machine.mcu.gpio[this.buttonPin]!.setInputValue(down === this.buttonActiveHigh);
  }

  /** The level a GPIO is driven to (false when it is an input). */
  pin(gpio: number): boolean {
    return this.machine.mcu.gpio[gpio]!.value === 1;
  }

  /** Runs until the device's output since `from` matches, or `maxSeconds`. */
  async expectOutput(re: RegExp, maxSeconds: number, from = 0): Promise<boolean> {
    return this.runUntil(() => re.test(this.usb.received.subarray(from).toString('latin1')), maxSeconds);
  }

  /** The REPL's line ending: Kaluma runs a line on CR, Espruino on LF. */
  get newline(): string {
    return this.board === 'kaluma' ? '\r' : '\n';
  }

  /**
   * Types `line` into the engine's REPL (once it answers) and returns what came back up to the
   * next prompt (Kaluma's colours and cursor queries included).
   */
  async replEval(line: string, maxSeconds = 2): Promise<string> {
    if (!this.replReady && !(await this.waitForRepl(6))) throw new Error('the REPL does not answer');
    const from = this.usb.receivedLength;
    this.send(line + this.newline);
    if (!(await this.expectOutput(PROMPTS[this.board], maxSeconds, from + line.length))) {
      throw new Error(`no prompt after ${JSON.stringify(line)} within ${maxSeconds} emulated s: ${JSON.stringify(this.usb.received.subarray(from).toString('latin1'))}`);
    }
    return this.usb.received.subarray(from).toString('latin1');
  }

  // ------------------------------------------------------------------ loading

  private replReady = false;

  /** Boots until the REPL answers a newline with a prompt; returns false on timeout. */
  async waitForRepl(maxSeconds: number): Promise<boolean> {
    const end = this.now() + maxSeconds;
    if (!(await this.runUntil(() => this.usb.connected, maxSeconds))) return false;
    while (this.now() < end) {
      const from = this.usb.receivedLength;
      this.send(this.newline);
      if (await this.expectOutput(PROMPTS[this.board], Math.min(0.2, end - this.now()), from)) {
        this.replReady = true;
        return true;
      }
    }
    return false;
  }

  async loadYmodem(program: Buffer, bootTimeout: number, loadTimeout: number): Promise<void> {
    if (!(await this.waitForRepl(bootTimeout))) throw new Error(`Kaluma REPL did not answer within ${bootTimeout} emulated s`);
    await this.run(0.05);
    this.send('\r');
    this.send('.flash -w\r');
    await this.run(0.5);
    const sender = new YmodemSender('usercode', program, (b) => this.send(b));
    const off = this.usb.onData((d) => sender.onData(d));
    const done = await this.runUntil(() => sender.done, loadTimeout);
    off();
    this.ymodem = sender.result;
    if (!done || sender.result?.ok !== true) throw new Error(`YMODEM transfer failed: ${JSON.stringify(sender.result)} after ${loadTimeout} emulated s`);
    await this.run(0.5);
    this.startOffset = this.usb.receivedLength;
    this.startedAt = this.now();
    this.send('\r');
    this.send('.load\r');
  }

  async loadReplUpload(program: Buffer, bootTimeout: number, loadTimeout: number): Promise<void> {
    const { bytes, exact } = await espruinoCliBytes(program);
    this.uploadExact = exact;
    if (!(await this.waitForRepl(bootTimeout))) throw new Error(`Espruino REPL did not answer within ${bootTimeout} emulated s`);
    // getEspruinoPrompt(): "\n", up to 500 ms for '>', else Ctrl-C, 500 ms, Ctrl-C.
    let from = this.usb.receivedLength;
    this.send('\n');
    if (!(await this.expectOutput(/>$/, 0.5, from))) {
      this.send('\x03');
      await this.run(0.5);
      this.send('\x03');
    }
    this.usb.flowControl = true;
    from = this.usb.receivedLength;
    const t0 = this.now();
    for (const part of uploadParts(bytes)) {
      this.send(part.bytes);
      if (!(await this.runUntil(() => this.usb.pending === 0, loadTimeout))) throw new Error('the device stopped taking upload bytes');
      if (part.pauseMs > 0) await this.run(part.pauseMs / 1000);
    }
    const left = Math.max(0.1, loadTimeout - (this.now() - t0));
    const prompt = await this.expectOutput(/\n>$/, left, from);
    this.usb.flowControl = false;
    if (!prompt) throw new Error(`no prompt after the upload within ${loadTimeout} emulated s`);
    this.startOffset = this.usb.receivedLength;
    this.startedAt = this.now();
  }
}

/**
 * Builds the glove, boots the engine and loads the program; resolves when the program has been
 * handed over (preload: at power-on, once USB is connected).
 */
export async function createGlove(opts: GloveOptions): Promise<Glove> {
  const g = new Glove(opts);
  if (opts.idleProfile === true) {
    g.machine.idleMap = await idleMapFor(opts.board, g.image, opts.bootrom, () => createGlove({ board: opts.board, image: g.image, bootrom: opts.bootrom }));
  }
  const program = opts.program === undefined ? undefined : typeof opts.program === 'string' ? Buffer.from(opts.program, 'utf8') : opts.program;
  const load: LoadMode = opts.load ?? (program === undefined ? 'none' : opts.board === 'kaluma' ? 'preload' : 'repl-upload');
  const bootTimeout = opts.bootTimeout ?? 6;
  const loadTimeout = opts.loadTimeout ?? 120;
  if (load !== 'none' && program === undefined) throw new Error(`load '${load}' needs a program`);
  if ((load === 'preload' || load === 'ymodem') && opts.board !== 'kaluma') throw new Error(`load '${load}' is Kaluma's; Espruino takes 'repl-upload'`);
  if (load === 'repl-upload' && opts.board !== 'espruino-rp2040') throw new Error("load 'repl-upload' is Espruino's");
  switch (load) {
    case 'preload': {
      const flash = g.machine.mcu.flash;
      flash.set(program!, KALUMA_PROGRAM_OFFSET);
      flash[KALUMA_PROGRAM_OFFSET + program!.length] = 0;
      await g.runUntil(() => g.usb.connected, bootTimeout);
      break;
    }
    case 'ymodem':
      await g.loadYmodem(program!, bootTimeout, loadTimeout);
      break;
    case 'repl-upload':
      await g.loadReplUpload(program!, bootTimeout, loadTimeout);
      break;
    case 'none':
      await g.runUntil(() => g.usb.connected, bootTimeout);
      g.startOffset = 0;
      break;
  }
  return g;
}
