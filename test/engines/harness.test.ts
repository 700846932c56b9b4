// Proves the engine harness itself (not the pijat firmware): the sensor models against their
// datasheets, then each real engine running a tiny program against the emulated glove.
// Tests that need an engine skip, with the reason in their title, when ../shared/engines (or
// $PIJAT_ENGINES) does not have it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { fsr_divider as divider } from '../../hardware/pinmap.json';
import { EspruinoLinux } from './espruino-linux';
import { espruinoPrelude } from './espruino-prelude';
import { enginesDir, loadBootrom, locateEngines, missingMessage, REPO_ROOT, skipReason } from './locate';
import { adcCounts, dividerFraction, FSR_OPEN_OHMS, fsrOhms } from './models/fsr';
import { formatTransaction, I2cBus } from './models/i2c-bus';
import { circlingHand, stillHand } from './models/motion';
import { type ImuFault, Mpu6050, REG } from './models/mpu6050';
import { espruinoCliBytes, espruinoPackage, fallbackUploadBytes, uploadParts } from './rp2040/espruino-upload';
import { createGlove, espruinoRp2040Wiring, KALUMA_PROGRAM_OFFSET } from './rp2040/glove';
import { crc16Xmodem } from './rp2040/ymodem';

const KALUMA_SKIP = skipReason('kaluma', 'bootrom');
const ESPRUINO_RP2040_SKIP = skipReason('espruinoRp2040', 'bootrom');
const LINUX_SKIP = skipReason('espruinoLinux');
const titled = (title: string, skip: string | undefined): string => (skip === undefined ? title : `${title} (skipped: ${skip})`);
for (const s of [KALUMA_SKIP, ESPRUINO_RP2040_SKIP, LINUX_SKIP]) if (s !== undefined) console.warn(`[engines] ${s}`);

// ---------------------------------------------------------------------------- models

function bus(faults: ImuFault[] = [], motion = stillHand({ noise: false })): { b: I2cBus; imus: Mpu6050[] } {
  const imus = [0x68, 0x69].map((address, imu) => new Mpu6050({ address, imu, motion, faults }));
  return { b: new I2cBus(imus), imus };
}

/** S addr+W reg value... P */
function writeRegs(b: I2cBus, addr: number, bytes: number[], t = 0): boolean {
  b.start(t);
  let ack = b.address(addr, false, t);
  for (const v of bytes) if (ack) ack = b.write(v, t);
  b.stop(t);
  return ack;
}

/** S addr+W reg Sr addr+R n bytes P (undefined on NACK) */
function readRegs(b: I2cBus, addr: number, reg: number, n: number, t = 0): number[] | undefined {
  b.start(t);
  if (!b.address(addr, false, t)) {
    b.stop(t);
    return undefined;
  }
  b.write(reg, t);
  b.start(t);
  b.address(addr, true, t);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(b.read(t));
  b.stop(t);
  return out;
}

const s16 = (hi: number, lo: number): number => ((((hi << 8) | lo) << 16) >> 16);

describe('FSR 402 divider model', () => {
  it('follows the datasheet curve: ~6 kOhm at 1 N, ~1 kOhm at 10 N, open below 0.2 N', () => {
    expect(fsrOhms(1)).toBeCloseTo(6000, -1);
    expect(fsrOhms(10)).toBeCloseTo(1000, -1);
    expect(fsrOhms(0.1)).toBeGreaterThan(10e6);
    expect(fsrOhms(0)).toBe(FSR_OPEN_OHMS);
    expect(fsrOhms(1000)).toBe(200);
    // roughly 1/R proportional to F
    expect(fsrOhms(2) / fsrOhms(4)).toBeGreaterThan(1.5);
  });

  it('gives node voltage and 12-bit counts that rise with force', () => {
    expect(adcCounts(0)).toBeLessThanOrEqual(1);
    let last = -1;
    for (const f of [0.2, 0.5, 1, 2, 5, 10, 20]) {
      const c = adcCounts(f);
      expect(c).toBeGreaterThan(last);
      last = c;
    }
    expect(dividerFraction(10)).toBeCloseTo(4700 / 5700, 3);
  });

  it("agrees with the pin map's nominal calibration (newtons = p0 * (raw / (65535 - raw)) ^ p1)", () => {
    for (const f of [0.5, 1, 3, 10]) {
      const raw = dividerFraction(f) * 65535;
      const n = divider.nominal_p0_n * Math.pow(raw / (65535 - raw), divider.nominal_p1);
      expect(Math.abs(n - f) / f).toBeLessThan(0.03);
    }
  });
});

describe('MPU-6050 model (datasheet behaviour)', () => {
  it('powers up asleep: WHO_AM_I 0x68 at both addresses, PWR_MGMT_1 0x40, data zero', () => {
    const { b } = bus();
    expect(readRegs(b, 0x68, REG.WHO_AM_I, 1)).toEqual([0x68]);
    expect(readRegs(b, 0x69, REG.WHO_AM_I, 1)).toEqual([0x68]);
    expect(readRegs(b, 0x68, REG.PWR_MGMT_1, 1)).toEqual([0x40]);
    expect(readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14)).toEqual(new Array(14).fill(0));
  });

  it('wakes on one write transaction S addr+W 0x6B 0x00 P; burst reads auto-increment, big-endian', () => {
    const { b, imus } = bus();
    expect(writeRegs(b, 0x68, [REG.PWR_MGMT_1, 0x00])).toBe(true);
    expect(imus[0]!.asleep).toBe(false);
    expect(imus[1]!.asleep).toBe(true);
    const d = readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14, 0.5)!;
    const m = stillHand({ noise: false })(0, Math.floor(0.5 * 8000) / 8000);
    expect(s16(d[4]!, d[5]!)).toBe(Math.round(m.az * 16384));
    expect(s16(d[0]!, d[1]!)).toBe(Math.round(m.ax * 16384));
    expect(s16(d[6]!, d[7]!)).toBe(Math.round((m.tempC - 36.53) * 340));
    expect(s16(d[8]!, d[9]!)).toBe(Math.round(m.gx * 131));
    expect(formatTransaction(b.transactions[0]!)).toBe('S 0x68W [0x6b] [0x0] P');
  });

  it('a repeated start between register and value makes the value a new register address', () => {
    const { b, imus } = bus();
    b.start(0);
    b.address(0x68, false, 0);
    b.write(REG.PWR_MGMT_1, 0);
    b.start(0); // Sr
    b.address(0x68, false, 0);
    b.write(0x00, 0);
    b.stop(0);
    expect(imus[0]!.asleep).toBe(true);
    expect(imus[0]!.regs[REG.PWR_MGMT_1]).toBe(0x40);
    expect(formatTransaction(b.transactions[0]!)).toBe('S 0x68W [0x6b] Sr 0x68W [0x0] P');
  });

  it('scales by ACCEL_CONFIG / GYRO_CONFIG full-scale bits and updates at the configured sample rate', () => {
    const motion = circlingHand({ noise: false });
    const { b } = bus([], motion);
    writeRegs(b, 0x68, [REG.PWR_MGMT_1, 0]);
    writeRegs(b, 0x68, [REG.SMPLRT_DIV, 4, 3, 1 << 3, 1 << 3]); // 200 Hz with DLPF 3; +-500 deg/s; +-4 g
    const t = 0.3333;
    const d = readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14, t)!;
    const m = motion(0, Math.floor(t * 200) / 200);
    expect(s16(d[4]!, d[5]!)).toBe(Math.round(m.az * 8192));
    expect(s16(d[8]!, d[9]!)).toBe(Math.round(m.gx * 65.5));
    // same sample within 5 ms, a new one after
    expect(readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14, Math.floor(t * 200) / 200 + 0.004)).toEqual(d);
    expect(readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14, t + 0.1)).not.toEqual(d);
    // DEVICE_RESET puts everything back to power-up
    writeRegs(b, 0x68, [REG.PWR_MGMT_1, 0x80]);
    expect(readRegs(b, 0x68, REG.PWR_MGMT_1, 1)).toEqual([0x40]);
    expect(readRegs(b, 0x68, REG.ACCEL_CONFIG, 1)).toEqual([0]);
  });

  it('injects faults: absent (NACK), absent for a window then back asleep, frozen data', () => {
    const { b } = bus([
      { imu: 1, kind: 'absent' },
      { imu: 0, kind: 'absent', from: 1, to: 2 },
      { imu: 0, kind: 'frozen', from: 3, to: 4 },
    ], circlingHand());
    expect(readRegs(b, 0x69, REG.WHO_AM_I, 1)).toBeUndefined();
    expect(b.read(0)).toBe(0xff); // nobody drives the bus
    expect(writeRegs(b, 0x68, [REG.PWR_MGMT_1, 0], 0.5)).toBe(true);
    expect(readRegs(b, 0x68, REG.WHO_AM_I, 1, 1.5)).toBeUndefined();
    expect(readRegs(b, 0x68, REG.PWR_MGMT_1, 1, 2.5)).toEqual([0x40]); // powered up again: asleep
    writeRegs(b, 0x68, [REG.PWR_MGMT_1, 0], 2.5);
    const a = readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14, 3.1);
    expect(readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14, 3.6)).toEqual(a);
    expect(readRegs(b, 0x68, REG.ACCEL_XOUT_H, 14, 4.1)).not.toEqual(a);
  });

  it('the Linux prelude computes the same FSR fraction and IMU bytes as the TypeScript models', () => {
    let now = 100;
    const ctx = vm.createContext({
      getTime: () => now,
      setTimeout: () => 0,
      digitalWrite: () => undefined,
      digitalRead: () => 0,
      setWatch: () => 0,
      clearWatch: () => undefined,
      String,
    });
    vm.runInContext(espruinoPrelude({ forces: [{ mean: 4, amplitude: 3, hz: 1 }, 10, 0, 0.5] }), ctx);
    const api = ctx as unknown as {
      analogRead(pin: string): number;
      I2C1: { writeTo(a: number, ...d: unknown[]): void; readFrom(a: number, n: number): Uint8Array };
    };
    const motion = circlingHand();
    const ts = new Mpu6050({ address: 0x68, imu: 0, motion });
    const tsBus = new I2cBus([ts]);
    writeRegs(tsBus, 0x68, [REG.PWR_MGMT_1, 0]);
    api.I2C1.writeTo(0x68, [REG.PWR_MGMT_1, 0]);
    for (const t of [0, 0.125, 0.5, 1.75]) { // exact in binary: both sides see the same sample index
      now = 100 + t;
      const f0 = 4 + 3 * Math.sin(2 * Math.PI * t);
      expect(api.analogRead('A5')).toBeCloseTo((adcCounts(f0) * 16) / 65535, 9);
      expect(api.analogRead('A6')).toBeCloseTo((adcCounts(10) * 16) / 65535, 9);
      api.I2C1.writeTo(0x68, REG.ACCEL_XOUT_H);
      expect(Array.from(api.I2C1.readFrom(0x68, 14))).toEqual(readRegs(tsBus, 0x68, REG.ACCEL_XOUT_H, 14, t));
    }
    expect(() => api.I2C1.writeTo(0x6a, 0)).toThrow(/I2C/);
  });
});

describe('upload framing', () => {
  it('YMODEM uses CRC-16/XMODEM', () => {
    expect(crc16Xmodem(Buffer.from('123456789'))).toBe(0x31c3);
  });

  it('splits an Espruino upload after reset() with a 250 ms pause, as the CLI does', () => {
    const parts = uploadParts(Buffer.from('\x10reset();\n\x10print()\n\x10var a = 1;\n\n', 'latin1'));
    expect(parts.map((p) => [p.bytes.toString('latin1'), p.pauseMs])).toEqual([
      ['\x10reset();\n', 250],
      ['\x10print()\n\x10var a = 1;\n\n', 0],
    ]);
  });

  it.skipIf(espruinoPackage() === undefined)('produces the Espruino CLI bytes (espruino package)', async () => {
    const { bytes, exact } = await espruinoCliBytes('var a = 1;\nfunction f(x) {\n  return x + 1;\n}\nprint(f(a));\n');
    expect(exact).toBe(true);
    expect(bytes.toString('latin1')).toBe('\x10reset();\n\x10print()\n\x10var a = 1;\n\x10function f(x) {\x1b\n  return x + 1;\x1b\n}\n\x10print(f(a));\n\n');
    expect(fallbackUploadBytes('print(1);').toString('latin1')).toBe('\x10reset();\n\x10print()\n\x10print(1);\n\n');
  });
});

describe('locate', () => {
  const saved = process.env.PIJAT_ENGINES;
  afterEach(() => {
    if (saved === undefined) delete process.env.PIJAT_ENGINES;
    else process.env.PIJAT_ENGINES = saved;
  });

  it('defaults to ../shared/engines and says how to fix a missing engine', () => {
    delete process.env.PIJAT_ENGINES;
    expect(enginesDir()).toBe(path.resolve(REPO_ROOT, '..', 'shared', 'engines'));
    expect(missingMessage('espruinoRp2040')).toBe(
      'Espruino RP2040 image not found in ../shared/engines (set PIJAT_ENGINES): see firmware/README.md to build it',
    );
  });

  it('honours PIJAT_ENGINES', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pijat-no-engines-'));
    try {
      process.env.PIJAT_ENGINES = dir;
      expect(locateEngines().kaluma).toBeUndefined();
      expect(skipReason('kaluma')).toBe(`Kaluma RP2040 image not found in ${dir} (set PIJAT_ENGINES): see firmware/README.md to build it`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(skipReason('bootrom') !== undefined)('reads the boot ROM binary', () => {
    const rom = loadBootrom();
    expect(rom.length).toBe(4096);
    expect(rom[0]).not.toBe(0); // initial stack pointer
  });
});

// ---------------------------------------------------------------------------- engines

/** Prints one line over USB from Kaluma's I2C, mux and ADC (the MPU write is one i2c.write). */
const KALUMA_PROGRAM = `
const { I2C } = require('i2c');
const i2c = new I2C(0, { sda: 4, scl: 5, baudrate: 400000 });
const who = i2c.memRead(1, 0x68, 0x75);
const asleep = i2c.memRead(2, 0x68, 0x3f);
i2c.write(new Uint8Array([0x6b, 0]), 0x68);
const awake = i2c.memRead(2, 0x68, 0x3f);
let missing = 'ack';
try { i2c.memRead(1, 0x6a, 0x75); } catch (e) { missing = 'nack'; }
pinMode([18, 19, 20], OUTPUT);
digitalWrite([20, 19, 18], 1);
const fsr1 = analogRead(26);
digitalWrite([20, 19, 18], 0);
const fsr0 = analogRead(26);
console.log('HARNESS who=' + who[0] + ' asleep=' + asleep[0] + ',' + asleep[1] + ' awake=' + awake[0] + ',' + awake[1] +
  ' missing=' + missing + ' fsr0=' + fsr0 + ' fsr1=' + fsr1 + ' btn=' + digitalRead(15));
`;

describe.skipIf(KALUMA_SKIP !== undefined)(titled('Kaluma 1.2.1 in rp2040js', KALUMA_SKIP), () => {
  function checkKalumaRun(out: string, g: Awaited<ReturnType<typeof createGlove>>): void {
    const m = /HARNESS who=(\d+) asleep=(\d+),(\d+) awake=(\d+),(\d+) missing=(\w+) fsr0=([\d.]+) fsr1=([\d.]+) btn=(\d)/.exec(out);
    expect(m, out).not.toBeNull();
    const [, who, a0, a1, w0, w1, missing, fsr0, fsr1, btn] = m!;
    expect(Number(who)).toBe(0x68);
    expect([Number(a0), Number(a1)]).toEqual([0, 0]); // asleep until PWR_MGMT_1 bit 6 cleared
    expect(s16(Number(w0), Number(w1))).toBeGreaterThan(15000); // ~1 g on Z at +-2 g
    expect(missing).toBe('nack'); // address NACK returns instead of hanging (TX_EMPTY fix)
    expect(Number(fsr0)).toBeCloseTo(adcCounts(0) / 4096, 3);
    expect(Number(fsr1)).toBeCloseTo(adcCounts(10) / 4096, 3);
    expect(btn).toBe('1'); // released: pulled up
    const wakes = g.bus.transactionsFor(0x68).map(formatTransaction).filter((x) => x.includes('[0x6b]'));
    expect(wakes).toEqual(['S 0x68W [0x6b] [0x0] P']);
    expect(g.imus[0]!.asleep).toBe(false);
    expect(g.imus[1]!.asleep).toBe(true);
  }

  it('runs a preloaded program (flash at 0x100000 + NUL) against the glove', async () => {
    const g = await createGlove({ board: 'kaluma', program: KALUMA_PROGRAM, load: 'preload', forces: [0, 10, 0, 0] });
    const mark = g.mark();
    expect(await g.expectOutput(/HARNESS[^\n]*\n/, 1)).toBe(true);
    checkKalumaRun(g.stream.toString('latin1'), g);
    expect(g.chunks.length).toBeGreaterThan(0);
    expect(g.arrivalOf(g.received.length - 1)).toBeLessThanOrEqual(g.now());
    const busy = g.busyFraction(mark);
    expect(busy).toBeGreaterThan(0);
    expect(busy).toBeLessThanOrEqual(1);
    expect(g.adc.conversions[0]).toBeGreaterThanOrEqual(2);
  });

  it('loads the program over the REPL with .flash -w (YMODEM) and .load', async () => {
    const g = await createGlove({ board: 'kaluma', program: KALUMA_PROGRAM, load: 'ymodem', forces: [0, 10, 0, 0] });
    expect(g.ymodem?.ok).toBe(true);
    expect(g.console).toContain('Transfer a file via YMODEM');
    const stored = Buffer.from(g.machine.mcu.flash.subarray(KALUMA_PROGRAM_OFFSET, KALUMA_PROGRAM_OFFSET + KALUMA_PROGRAM.length));
    expect(stored.toString('utf8')).toBe(KALUMA_PROGRAM);
    expect(g.machine.mcu.flash[KALUMA_PROGRAM_OFFSET + KALUMA_PROGRAM.length]).toBe(0);
    expect(g.machine.flashChip.stats.erases).toBeGreaterThan(0);
    expect(await g.expectOutput(/HARNESS[^\n]*\n/, 1, g.startOffset)).toBe(true);
    checkKalumaRun(g.stream.toString('latin1'), g);
  });
});

describe.skipIf(ESPRUINO_RP2040_SKIP !== undefined)(titled('Espruino 2v29 (RP2040 build) in rp2040js', ESPRUINO_RP2040_SKIP), () => {
  it('boots and evaluates 1+1 over its USB REPL; idle, it polls (busy ~1) but does no work', async () => {
    const g = await createGlove({ board: 'espruino-rp2040', idleProfile: true });
    expect(await g.replEval('1+1')).toMatch(/=2\r\n>$/);
    expect(await g.replEval('process.env.BOARD')).toContain('"ESPR_RP2040_PICO"');
    const m = g.mark();
    await g.run(0.1);
    expect(g.busyFraction(m)).toBeGreaterThan(0.95);
    expect(g.workFraction(m)).toBeLessThan(0.05);
    expect(g.cycles).toBeLessThanOrEqual(g.now() * g.clockHz + 1);
  });

  it('takes an upload the way the Espruino CLI sends it and reads the glove', async () => {
    const w = espruinoRp2040Wiring();
    const fsrPin = (i: number): string => `D${26 + w.fsrAdcChannels[i]!}`;
    const btn = `D${w.buttonGpio}`;
    const program = [
      'I2C1.setup({ bitrate: 400000 });',
      'I2C1.writeTo(0x68, 0x75);',
      'var who = I2C1.readFrom(0x68, 1)[0];',
      'I2C1.writeTo(0x68, [0x6b, 0]);',
      'I2C1.writeTo(0x68, 0x3f);',
      'var az = I2C1.readFrom(0x68, 2);',
      "var missing = 'ack';",
      "try { I2C1.writeTo(0x69, 0x75); } catch (e) { missing = 'nack'; }",
      `pinMode(${btn}, 'input_pullup');`,
      `setTimeout(function () { print('HARNESS who=' + who + ' az=' + ((az[0] << 8 | az[1]) << 16 >> 16) + ' missing=' + missing + ' fsr=' + analogRead(${fsrPin(0)}) + ',' + analogRead(${fsrPin(3)}) + ' btn=' + digitalRead(${btn})); }, 10);`,
      '',
    ].join('\n');
    const g = await createGlove({ board: 'espruino-rp2040', program, forces: [10, 0, 0, 1], imuFaults: [{ imu: 1, kind: 'absent' }] });
    expect(g.uploadExact).toBe(espruinoPackage() !== undefined);
    expect(g.console).toContain('Espruino is Open Source'); // the banner reset() prints
    expect(await g.expectOutput(/HARNESS[^\n]*\n/, 1, g.startOffset)).toBe(true);
    const out = g.stream.toString('latin1');
    const m = /HARNESS who=(\d+) az=(-?\d+) missing=(\w+) fsr=([\d.]+),([\d.]+) btn=(\d)/.exec(out);
    expect(m, out).not.toBeNull();
    expect(Number(m![1])).toBe(0x68);
    expect(Number(m![2])).toBeGreaterThan(15000);
    expect(m![3]).toBe('nack');
    expect(Number(m![4])).toBeCloseTo(adcCounts(10) / 4096, 3);
    expect(Number(m![5])).toBeCloseTo(adcCounts(1) / 4096, 3);
    const released = w.buttonActiveHigh ? '0' : '1';
    expect(m![6]).toBe(released);
    g.pressButton(true);
    expect(await g.replEval(`digitalRead(${btn})`)).toContain(`=${released === '1' ? 0 : 1}`);
    expect(g.bus.transactionsFor(0x68).map(formatTransaction)).toContain('S 0x68W [0x6b] [0x0] P');
    expect(g.usb.stats.outPackets).toBeGreaterThan(1);
  });
});

describe.skipIf(LINUX_SKIP !== undefined)(titled('Espruino 2v29 Linux interpreter with the Pico prelude', LINUX_SKIP), () => {
  let e: EspruinoLinux | undefined;
  afterEach(async () => {
    await e?.stop();
    e = undefined;
  });

  it('answers analogRead on the Pico pin names and I2C1 per the MPU-6050 model', async () => {
    const program = [
      'I2C1.setup({ scl: "B8", sda: "B9", bitrate: 400000 });',
      'I2C1.writeTo(0x69, 0x75);',
      'var who = I2C1.readFrom(0x69, 1)[0];',
      'I2C1.writeTo(0x68, 0x3f);',
      'var asleep = I2C1.readFrom(0x68, 2);',
      'I2C1.writeTo({ address: 0x68, stop: false }, 0x6b);',
      'I2C1.writeTo(0x68, 0);', // repeated start: 0 is a register address, not a value
      'I2C1.writeTo(0x68, 0x6b);',
      'var still = I2C1.readFrom(0x68, 1)[0];',
      'I2C1.writeTo(0x68, [0x6b, 0]);',
      'I2C1.writeTo(0x68, 0x3f);',
      'var az = I2C1.readFrom(0x68, 2);',
      'var bad = "ok"; try { I2C1.setup({ scl: "B10", sda: "B3" }); } catch (x) { bad = "refused"; }',
      'setWatch(function (ev) { print("BTN " + ev.state); }, BTN, { repeat: true, edge: "both", debounce: 25 });',
      'print("HARNESS who=" + who + " asleep=" + asleep[0] + "," + asleep[1] + " still=" + still + " az=" + ((az[0] << 8 | az[1]) << 16 >> 16) +',
      '  " bad=" + bad + " a=" + analogRead("A5") + "," + analogRead("B1") + "," + analogRead("A0"));',
      '',
    ].join('\n');
    e = EspruinoLinux.spawn({ program, forces: [10, 0, 0, 1], buttonPresses: [{ at: 0.1, seconds: 0.05 }] });
    await e.waitFor(/HARNESS[^\n]*\n/);
    const out = e.received.toString('latin1');
    const m = /HARNESS who=(\d+) asleep=(\d+),(\d+) still=(\d+) az=(-?\d+) bad=(\w+) a=([\d.]+),([\d.]+),([\d.]+)/.exec(out);
    expect(m, out).not.toBeNull();
    expect(Number(m![1])).toBe(0x68);
    expect([m![2], m![3]]).toEqual(['0', '0']);
    expect(Number(m![4])).toBe(0x40);
    expect(Number(m![5])).toBeGreaterThan(15000);
    expect(m![6]).toBe('refused');
    expect(Number(m![7])).toBeCloseTo((adcCounts(10) * 16) / 65535, 6);
    expect(Number(m![8])).toBeCloseTo((adcCounts(1) * 16) / 65535, 6);
    expect(Number(m![9])).toBe(0);
    await e.waitFor(/BTN true[\s\S]*BTN false/, 3000);
    expect(e.chunks[0]!.t).toBeGreaterThanOrEqual(0);
  });
});
