// An RP2040 in rp2040js with the boot ROM and a UF2 image, the flash-chip model, and a run loop
// that executes in slices: synchronously for a few tens of milliseconds of wall time, then it
// yields to the Node event loop (so vitest timeouts, child processes and sockets keep working).
// Emulated time advances by each instruction's cycles at clk_sys; while the core sleeps in
// WFI/WFE the clock jumps to the next alarm and no cycles are counted, so
// `cycles / (seconds * clk_sys)` is the CPU's busy fraction - for an engine that sleeps when idle.
// Neither engine sleeps while idle: Kaluma 1.2.1 and Espruino 2v29 on the RP2040 poll in their
// event loops (Kaluma sleeps with WFE only inside the SDK's sleep, e.g. analogRead()'s 1 ms wait). So the
// opt-in idle map: the addresses the engine executes with nothing to do (calibrated on a bare
// boot of the same image, see idle.ts); `idleCycles` counts cycles spent at those addresses, and
// (cycles - idleCycles) / (seconds * clk_sys) is the CPU the program really uses (a lower bound:
// shared code such as the USB stack's task counts as idle even when it moves the program's data).
// `cycles` counts the cycles the clock advanced by. rp2040js's core.cycles also adds 8 for every
// SIO hardware-divider operation without advancing the clock (~3 % more on Kaluma).
import { ConsoleLogger, LogLevel, Simulator, type RP2040 } from 'rp2040js';
import { FlashChip } from './flash-chip';
import { loadUf2 } from './uf2';

type Core = RP2040['core'];
type Clock = Simulator['clock'];

/** Wall milliseconds of emulation between yields to the event loop. */
const WALL_SLICE_MS = 40;
/** Instructions between checks of the wall clock and of `until`. */
const CHECK_EVERY = 4096;

const ROM_BYTES = 0x4000;
const FLASH_BASE = 0x10000000;
const FLASH_BYTES = 16 * 1024 * 1024;
const SRAM_BASE = 0x20000000;
const SRAM_BYTES = 0x42000;

/** One flag per instruction address (halfword) in ROM, XIP flash and SRAM. */
export class CodeMap {
  readonly rom = new Uint8Array(ROM_BYTES >> 1);
  readonly flash: Uint8Array;
  readonly sram = new Uint8Array(SRAM_BYTES >> 1);

  /** `flashBytes`: how much of the flash holds code (the image's extent). */
  constructor(flashBytes: number) {
    this.flash = new Uint8Array(Math.min(FLASH_BYTES, flashBytes) >> 1);
  }

  has(pc: number): boolean {
    const f = pc - FLASH_BASE;
    if (f >= 0) {
      if (f < this.flash.length * 2) return this.flash[f >> 1] === 1;
      const r = pc - SRAM_BASE;
      return r >= 0 && r < SRAM_BYTES && this.sram[r >> 1] === 1;
    }
    return pc < ROM_BYTES && this.rom[pc >> 1] === 1;
  }

  set(pc: number): void {
    const f = pc - FLASH_BASE;
    if (f >= 0 && f < this.flash.length * 2) this.flash[f >> 1] = 1;
    else if (pc >= SRAM_BASE && pc < SRAM_BASE + SRAM_BYTES) this.sram[(pc - SRAM_BASE) >> 1] = 1;
    else if (pc >= 0 && pc < ROM_BYTES) this.rom[pc >> 1] = 1;
  }

  /** Addresses flagged. */
  get size(): number {
    let n = 0;
    for (const a of [this.rom, this.flash, this.sram]) for (let i = 0; i < a.length; i++) n += a[i]!;
    return n;
  }
}

export class Rp2040Machine {
  readonly sim: Simulator;
  readonly mcu: RP2040;
  readonly core: Core;
  readonly clock: Clock;
  readonly flashChip: FlashChip;
  readonly uf2Blocks: number;
  /** Instructions executed. */
  instructions = 0;
  /** Core cycles executed (the clock advanced by exactly these while not sleeping). */
  cycles = 0;
  /** Cycles executed at addresses of `idleMap` (0 without one). */
  idleCycles = 0;
  /** When set, cycles at these addresses count as idle. */
  idleMap: CodeMap | undefined;
  /** When set, every executed address is flagged in it (calibrating an idle map). */
  recordMap: CodeMap | undefined;
  /** Bytes of flash the image occupies. */
  readonly imageBytes: number;
  /** Called after every slice (host-side pumps, logging). */
  readonly afterSlice: (() => void)[] = [];

  constructor(bootrom: Uint32Array, uf2File: string) {
    this.sim = new Simulator();
    this.mcu = this.sim.rp2040;
    this.core = this.mcu.core;
    this.clock = this.sim.clock;
    this.mcu.loadBootrom(bootrom);
    this.mcu.logger = new ConsoleLogger(LogLevel.Error);
    const image = loadUf2(uf2File, this.mcu.flash);
    this.uf2Blocks = image.blocks;
    this.imageBytes = image.end;
    this.flashChip = new FlashChip(this.mcu);
    this.core.PC = 0x10000000;
  }

  /** Emulated seconds since power-on. */
  get seconds(): number {
    return this.clock.nanos / 1e9;
  }

  /** Core clock in Hz (125 MHz with the Pico SDK's default clock tree). */
  get clockHz(): number {
    return this.mcu.clkSys;
  }

  private get hasAlarm(): boolean {
    return (this.clock as unknown as { nextAlarm: unknown }).nextAlarm != null;
  }

  /** Progress towards the next check point (kept across slices, so check points do not depend on wall time). */
  private sinceCheck = 0;

  /**
   * Runs until emulated time `targetNs`, or until `until()` holds at a check point (every few
   * thousand instructions), or until `wallMs` of wall time passed (also only at a check point).
   * Check points are counted from power-on, not from the slice's start, so where slices end in
   * wall time never changes what the emulation does. Returns true when `until()` held.
   */
  private slice(targetNs: number, wallMs: number, until?: () => boolean): boolean {
    const { core, clock } = this;
    const t0 = performance.now();
    let n = this.sinceCheck;
    let cycleNs = 1e9 / this.mcu.clkSys;
    while (clock.nanos < targetNs) {
      if (core.waiting) {
        const dt = clock.nanosToNextAlarm;
        const left = targetNs - clock.nanos;
        if (dt > 0) clock.tick(dt < left ? dt : left);
        else if (this.hasAlarm) clock.tick(0);
        else clock.tick(left);
        n += 64;
      } else if (this.idleMap === undefined && this.recordMap === undefined) {
        const c = core.executeInstruction();
        clock.tick(c * cycleNs);
        this.cycles += c;
        this.instructions++;
        n++;
      } else {
        const pc = core.PC & ~1;
        if (this.recordMap !== undefined) this.recordMap.set(pc);
        const c = core.executeInstruction();
        clock.tick(c * cycleNs);
        this.cycles += c;
        if (this.idleMap !== undefined && this.idleMap.has(pc)) this.idleCycles += c;
        this.instructions++;
        n++;
      }
      if (n >= CHECK_EVERY) {
        n = 0;
        cycleNs = 1e9 / this.mcu.clkSys;
        if (until !== undefined && until()) {
          this.sinceCheck = 0;
          return true;
        }
        if (performance.now() - t0 > wallMs) {
          this.sinceCheck = 0;
          return false;
        }
      }
    }
    this.sinceCheck = n;
    return until !== undefined && until();
  }

  /** Runs `seconds` of emulated time synchronously (for short steps inside callbacks). */
  runSync(seconds: number, until?: () => boolean): boolean {
    const target = this.clock.nanos + seconds * 1e9;
    while (this.clock.nanos < target) {
      if (this.slice(target, Infinity, until)) return true;
    }
    return until !== undefined && until();
  }

  /**
   * Runs `seconds` of emulated time, yielding to the event loop between slices; stops early
   * (and returns true) once `until()` holds.
   */
  async run(seconds: number, until?: () => boolean): Promise<boolean> {
    const target = this.clock.nanos + seconds * 1e9;
    for (;;) {
      const done = this.slice(target, WALL_SLICE_MS, until);
      for (const f of this.afterSlice) f();
      if (done) return true;
      if (this.clock.nanos >= target) return until !== undefined && until();
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}
