// A Node `vm` sandbox that supplies the Espruino Pico built-ins the glove firmware uses, with a
// virtual clock and simulated hardware, so that firmware/dist/pijat-espruino.js runs unchanged.
// What the interpreter does that matters here is mimicked: the console device decides where
// host bytes go (REPL or USB.on('data')), moving the console prints "-> LoopbackA", uncaught
// errors print "Uncaught ..." on the console, clearing an unknown timer or watch throws, save()
// and a reboot run the E.on('init') handlers with timers, watches and listeners kept.
import vm from 'node:vm';
import { crc32 } from '../../../shared/protocol/crc32';
import type { Hand } from './hand';
import { Mpu6050, flattenI2cData } from './mpu6050';
import { VirtualTime } from './virtual-time';

type Listener = (...args: unknown[]) => void;

class Emitter {
  private listeners = new Map<string, Listener[]>();
  on = (event: string, fn: Listener): void => {
    const list = this.listeners.get(event) ?? [];
    list.push(fn);
    this.listeners.set(event, list);
  };
  removeListener = (event: string, fn: Listener): void => {
    const list = this.listeners.get(event) ?? [];
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  };
  removeAllListeners = (event?: string): void => {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
  };
  emit(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Espruino Pin object: prints as its port name. */
class Pin {
  constructor(readonly name: string, readonly port: string) {}
  toString(): string {
    return this.port;
  }
}

export const PICO_SERIAL = '33FFD605-41573033-15720843';

export interface EspruinoOptions {
  hand: Hand;
  /** ADC pin names in protocol FSR order (from hardware/pinmap.json). */
  fsrPins: string[];
  /** IMU addresses: left, right. */
  imuAddresses?: [number, number];
  /** Keep every written byte for written() (default true; the benchmark turns it off). */
  keepAll?: boolean;
}

export class EspruinoSandbox {
  readonly time = new VirtualTime(1000);
  readonly context: vm.Context;
  hand: Hand;
  readonly imus: Mpu6050[];
  /** Where the REPL is: host bytes go to it instead of USB.on('data') while it is on USB. */
  consoleDevice: 'USB' | 'LoopbackA' | 'none' = 'USB';
  /** Bytes the glove wrote to USB since the last take(). */
  private out: number[] = [];
  /** Every byte the glove wrote to USB. */
  private allOut: number[] = [];
  /** Text typed into the REPL (host bytes while the console was on USB). */
  replInput = '';
  /** FSR raw counts handed out by analogRead, per FSR index, in order. */
  readonly fsrGiven: number[][] = [[], [], [], []];
  /** Last value written per pin name (digitalWrite). */
  readonly pins = new Map<string, boolean>();
  /** Every digitalWrite, with the time. */
  readonly pinHistory: { t: number; pin: string; value: boolean }[] = [];
  /** Options of every I2C1.setup() call. */
  readonly i2cSetups: Record<string, unknown>[] = [];
  readonly E = new Emitter();
  readonly USB = new Emitter();
  private watches = new Map<number, { fn: Listener; pin: unknown; opts: unknown }>();
  private nextWatch = 1;
  readonly LED1 = new Pin('LED1', 'B2');
  readonly LED2 = new Pin('LED2', 'B12');
  readonly BTN = new Pin('BTN', 'C13');
  /** Calls of analogRead per pin name. */
  analogReads = 0;

  private readonly keepAll: boolean;

  constructor(opts: EspruinoOptions) {
    this.hand = opts.hand;
    this.keepAll = opts.keepAll ?? true;
    const addrs = opts.imuAddresses ?? [0x68, 0x69];
    this.imus = [
      new Mpu6050(addrs[0], (t) => this.hand.left(t), () => this.time.now),
      new Mpu6050(addrs[1], (t) => this.hand.right(t), () => this.time.now),
    ];
    this.time.onUncaught = (text) => this.print(text);
    const fsrIndex = new Map(opts.fsrPins.map((p, i) => [p, i]));
    const pinName = (p: unknown): string => (p instanceof Pin ? p.name : String(p));
    const usbWrite = (data: unknown): void => {
      if (typeof data === 'string') this.emitBytes([...data].map((c) => c.charCodeAt(0) & 0xff));
      else if (data !== null && typeof data === 'object' && 'length' in data) this.emitBytes(Array.from(data as ArrayLike<number>, (b) => b & 0xff));
      else this.emitBytes([...String(data)].map((c) => c.charCodeAt(0) & 0xff));
    };
    const imuAt = (addr: number): Mpu6050 => {
      const m = this.imus.find((x) => x.address === addr);
      if (!m) throw new Error('I2C Error: Timeout (start)');
      return m;
    };
    const E = Object.assign(this.E, {
      CRC32: (data: unknown): number => {
        if (typeof data === 'string') return crc32(Uint8Array.from([...data].map((c) => c.charCodeAt(0) & 0xff)));
        return crc32(Uint8Array.from(data as ArrayLike<number>));
      },
      setConsole: (device: unknown): void => {
        this.moveConsole(device === null ? 'none' : String(device) === 'LoopbackA' ? 'LoopbackA' : 'USB');
      },
      getTemperature: (): number => 25,
    });
    const USB = Object.assign(this.USB, {
      write: usbWrite,
      print: (s: unknown): void => usbWrite(String(s)),
      setConsole: (): void => this.moveConsole('USB'),
    });
    const LoopbackA = Object.assign(new Emitter(), {
      write: (): void => undefined,
      setConsole: (): void => this.moveConsole('LoopbackA'),
    });
    const I2C1 = {
      setup: (o: Record<string, unknown>): void => {
        this.i2cSetups.push({ ...o, scl: pinName(o.scl), sda: pinName(o.sda) });
      },
      writeTo: (addr: number, ...data: unknown[]): void => imuAt(addr).write(flattenI2cData(data)),
      readFrom: (addr: number, count: number): Uint8Array => Uint8Array.from(imuAt(addr).read(count)),
    };
    const sandbox: Record<string, unknown> = {
      E, USB, LoopbackA, I2C1,
      LED1: this.LED1, LED2: this.LED2, BTN: this.BTN,
      getTime: (): number => this.time.now,
      getSerial: (): string => PICO_SERIAL,
      analogRead: (pin: unknown): number => {
        this.analogReads++;
        const i = fsrIndex.get(pinName(pin));
        if (i === undefined) return 0;
        const raw = this.hand.fsr(this.time.now)[i]!;
        this.fsrGiven[i]!.push(raw);
        return raw / 65535;
      },
      digitalWrite: (pin: unknown, value: unknown): void => {
        this.pins.set(pinName(pin), Boolean(value));
        this.pinHistory.push({ t: this.time.now, pin: pinName(pin), value: Boolean(value) });
      },
      digitalRead: (pin: unknown): number => (this.pins.get(pinName(pin)) ? 1 : 0),
      pinMode: (): void => undefined,
      setWatch: (fn: Listener, pin: unknown, opts: unknown): number => {
        const id = this.nextWatch++;
        this.watches.set(id, { fn, pin, opts });
        return id;
      },
      clearWatch: (id?: number): void => {
        if (id === undefined) this.watches.clear();
        else if (!this.watches.delete(id)) throw new Error('Unknown Watch');
      },
      setInterval: this.time.setInterval,
      setTimeout: this.time.setTimeout,
      clearInterval: this.time.clearInterval,
      clearTimeout: this.time.clearTimeout,
      print: (...a: unknown[]): void => this.print(`${a.join(' ')}\r\n`),
      console: { log: (...a: unknown[]): void => this.print(`${a.join(' ')}\r\n`) },
      save: (): void => this.save(),
    };
    this.context = vm.createContext(sandbox);
    sandbox.global = this.context;
  }

  private emitBytes(bytes: number[]): void {
    for (const b of bytes) this.out.push(b);
    if (this.keepAll) for (const b of bytes) this.allOut.push(b);
  }

  /** Console text: on USB it lands in the byte stream, elsewhere it is lost. */
  private print(text: string): void {
    if (this.consoleDevice === 'USB') this.emitBytes([...text].map((c) => c.charCodeAt(0) & 0xff));
  }

  private moveConsole(to: 'USB' | 'LoopbackA' | 'none'): void {
    if (to !== this.consoleDevice && to !== 'USB') this.print(`\r\n-> ${to === 'none' ? 'null' : to}\r\n`);
    this.consoleDevice = to;
  }

  /** Runs a firmware file's text in the sandbox, exactly as given. */
  load(code: string, filename = 'pijat-espruino.js'): void {
    vm.runInContext(code, this.context, { filename });
  }

  /** Bytes written since the previous take(). */
  take(): Uint8Array {
    const b = Uint8Array.from(this.out);
    this.out = [];
    return b;
  }

  /** Every byte written so far. */
  written(): Uint8Array {
    return Uint8Array.from(this.allOut);
  }

  /** Host -> glove bytes: to USB.on('data') as a string, or to the REPL while it is on USB. */
  sendToDevice(bytes: Uint8Array): void {
    const text = String.fromCharCode(...bytes);
    if (this.consoleDevice === 'USB') this.replInput += text;
    else this.time.call(() => this.USB.emit('data', text));
  }

  /** BTN edge (debounced by the watch). */
  press(down: boolean): void {
    for (const w of [...this.watches.values()]) {
      if (w.pin === this.BTN) this.time.call(() => w.fn({ state: down, time: this.time.now, lastTime: this.time.now }));
    }
  }

  /** save(): Espruino snapshots RAM, then runs the init handlers as at a boot. */
  save(): void {
    this.time.call(() => this.E.emit('init'));
  }

  /** Power cycle after save(): RAM as saved (timers, watches, listeners kept), console back on USB, init handlers run. */
  reboot(): void {
    this.consoleDevice = 'USB';
    this.time.call(() => this.E.emit('init'));
  }

  watchCount(): number {
    return this.watches.size;
  }

  dataListeners(): number {
    return this.USB.count('data');
  }

  initListeners(): number {
    return this.E.count('init');
  }
}
