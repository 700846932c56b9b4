// A Node `vm` sandbox that plays Kaluma on a Raspberry Pi Pico for firmware/dist/pijat-kaluma.js:
// millis(), timers on a virtual clock, GPIO with digitalWrite(array, value), one ADC pin behind a
// simulated 74HC4051 (the select pins pick which FSR the ADC sees), board.i2c() with
// memRead/memWrite on two MPU-6050s, process.stdout / process.stdin.
import vm from 'node:vm';
import type { Hand } from './hand';
import { Mpu6050 } from './mpu6050';
import { VirtualTime } from './virtual-time';

export interface KalumaOptions {
  hand: Hand;
  adcPin: number;
  /** [S0, S1, S2] */
  selectPins: number[];
  /** mux channel of each FSR, protocol order */
  channels: number[];
}

export class KalumaSandbox {
  readonly time = new VirtualTime(1000);
  readonly context: vm.Context;
  hand: Hand;
  readonly imus: Mpu6050[];
  readonly levels = new Map<number, number>();
  private out: number[] = [];
  private stdin: Uint8Array[] = [];
  /** FSR raw counts the ADC handed out, per FSR index, in order. */
  readonly fsrGiven: number[][] = [[], [], [], []];
  /** ADC reads whose mux channel carries no FSR. */
  strayReads = 0;

  constructor(opts: KalumaOptions) {
    this.hand = opts.hand;
    this.imus = [
      new Mpu6050(0x68, (t) => this.hand.left(t), () => this.time.now),
      new Mpu6050(0x69, (t) => this.hand.right(t), () => this.time.now),
    ];
    const write = (pin: number | number[], value: number): void => {
      if (Array.isArray(pin)) pin.forEach((p, i) => this.levels.set(p, (value >> (pin.length - 1 - i)) & 1));
      else this.levels.set(pin, value ? 1 : 0);
    };
    const imuAt = (addr: number): Mpu6050 | undefined => this.imus.find((m) => m.address === addr && m.plugged);
    const i2c = {
      memWrite: (data: Uint8Array, addr: number, mem: number): number => {
        const m = imuAt(addr);
        if (!m) return -1;
        m.write([mem, ...data]);
        return data.length;
      },
      memRead: (len: number, addr: number, mem: number): Uint8Array | null => {
        const m = imuAt(addr);
        if (!m) return null;
        m.write([mem]);
        return Uint8Array.from(m.read(len));
      },
      close: (): void => undefined,
    };
    const sandbox: Record<string, unknown> = {
      OUTPUT: 1, INPUT: 0, INPUT_PULLUP: 2, INPUT_PULLDOWN: 3, CHANGE: 12, RISING: 8, FALLING: 4, HIGH: 1, LOW: 0,
      millis: (): number => 1.7e12 + Math.floor(this.time.now * 1000),
      analogRead: (pin: number): number => {
        if (pin !== opts.adcPin) throw new RangeError(`analogRead(${pin}): not an ADC pin in this test`);
        const ch = opts.selectPins.reduce((acc, p, bit) => acc | ((this.levels.get(p) ?? 0) << bit), 0);
        const i = opts.channels.indexOf(ch);
        if (i < 0) {
          this.strayReads++;
          return 0;
        }
        const raw = this.hand.fsr(this.time.now)[i]!;
        this.fsrGiven[i]!.push(raw);
        return raw / 65535;
      },
      digitalWrite: write,
      digitalRead: (pin: number): number => this.levels.get(pin) ?? 1,
      pinMode: (): void => undefined,
      setWatch: (): number => 1,
      clearWatch: (): void => undefined,
      setInterval: this.time.setInterval,
      setTimeout: this.time.setTimeout,
      clearInterval: this.time.clearInterval,
      clearTimeout: this.time.clearTimeout,
      board: { name: 'pico', LED: 25, i2c: (): typeof i2c => i2c },
      process: {
        stdout: { write: (d: Uint8Array): number => { for (const b of d) this.out.push(b); return d.length; } },
        stdin: { read: (): Uint8Array | null => this.stdin.shift() ?? null },
      },
      print: (): void => undefined,
      console: { log: (): void => undefined },
    };
    this.context = vm.createContext(sandbox);
    sandbox.global = this.context;
  }

  load(code: string): void {
    vm.runInContext(code, this.context, { filename: 'pijat-kaluma.js' });
  }

  take(): Uint8Array {
    const b = Uint8Array.from(this.out);
    this.out = [];
    return b;
  }

  sendToDevice(bytes: Uint8Array): void {
    this.stdin.push(Uint8Array.from(bytes));
  }
}
