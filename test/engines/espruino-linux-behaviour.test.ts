// The glove's behaviours beyond streaming (tare, identify, LED and vibration feedback, the
// button, start on a streaming glove, a second load, save() and a reboot of saved code), on the
// built firmware/dist/pijat-espruino.js in the REAL Espruino interpreter (Linux build,
// ../shared/engines) with the Espruino Pico's glove hardware in JavaScript (espruino-prelude.ts).
// The interpreter runs in real time, so the tests run concurrently (three at a time, each with
// its own gloves); LED, button and motor changes come from the prelude's pin log (times on the
// prelude's clock). Timing bounds are loose on purpose: other processes share the two cores, and
// a starved interpreter stalls, then catches up in bursts. The rate itself is checked in
// espruino-linux-firmware.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, it, type TestContext } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import { espruino as pinmap } from '../../hardware/pinmap.json';
import {
  ACK_BAD_ARGUMENT, ACK_OK, CMD_CONSOLE, CMD_DESCRIBE, CMD_FEEDBACK, CMD_IDENTIFY, CMD_SET_THRESHOLDS,
  CMD_START, CMD_TARE, EVENT_BOOT, EVENT_BUTTON_DOWN, EVENT_BUTTON_UP, EVENT_STARTED, EVENT_STOPPED,
  FEEDBACK_IN_BAND, FEEDBACK_OFF, FEEDBACK_TOO_HARD, FEEDBACK_TOO_LIGHT, FLAG_BUTTON, FLAG_IMU0_VALID,
  FLAG_PASS_MARKER, STATE_BUTTON, STATE_PASS_MARKER,
} from '../../shared/protocol/constants';
import { crc32 } from '../../shared/protocol/crc32';
import { u16le } from '../../shared/protocol/encode';
import type { Ack, Message, Sample } from '../../shared/protocol/types';
import { canSetarch, EspruinoLinux } from './espruino-linux';
import { espruinoPrelude, type PreludeOptions } from './espruino-prelude';
import { requireEngine, skipReason } from './locate';
import { adcCounts } from './models/fsr';
import { circlingHand } from './models/motion';
import { deliveredRate, type StreamFacts, streamFacts, textCommand } from './stream-facts';

const missing = skipReason('espruinoLinux');
if (missing !== undefined) console.warn(`skipping the Espruino (Linux) behaviour tests: ${missing}`);

/** The firmware waits this long after loading (or booting) before it streams. */
const START_S = 2;
const MOTOR = pinmap.motor;
/** Raw FSR value as the firmware sends it for a steady force: the Pico's 12-bit count, left-aligned. */
const raw = (newtons: number): number => adcCounts(newtons) * 16;

let firmware = '';
beforeAll(async () => {
  if (missing !== undefined) return;
  await buildFirmware();
  firmware = readFileSync(BOARDS.find((b) => b.name === 'espruino')!.out, 'utf8');
}, 60_000);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * The motor pin in the prelude's pin log: the prelude logs LED1/LED2/BTN only, so this wraps its
 * digitalWrite for the pin map's motor pin (a plain pin name on the Pico).
 */
const MOTOR_SHIM = `var __pijatMotor = { name: ${JSON.stringify(MOTOR)}, state: false };
var digitalWrite = (function (prev) {
  return function (pin, v) { if (String(pin) === __pijatMotor.name) return __pijat.write(__pijatMotor, v); return prev(pin, v); };
})(digitalWrite);
`;

interface PinEvent {
  /** Seconds on the prelude's clock (from when the interpreter ran the prelude). */
  t: number;
  pin: string;
  on: boolean;
}

interface Glove {
  e: EspruinoLinux;
  pins: () => PinEvent[];
  facts: () => StreamFacts;
  /** Sends a text command with the next host seq; returns the seq. */
  command: (cmd: number, args?: number[]) => number;
}

/**
 * At most SLOTS tests run their gloves at once: a glove costs the interpreter ~10 % of a core
 * (the prelude's sensor models are JavaScript too), and two cores are shared with the other test
 * files; a starved interpreter stalls and then catches up in bursts.
 */
const SLOTS = 3;
let freeSlots = SLOTS;
const waitingForSlot: (() => void)[] = [];
async function slot(ctx: TestContext): Promise<void> {
  if (freeSlots > 0) freeSlots--;
  else await new Promise<void>((r) => waitingForSlot.push(r));
  ctx.onTestFinished(() => {
    const next = waitingForSlot.shift();
    if (next !== undefined) next();
    else freeSlots++;
  });
}

/** A glove on prelude + motor shim + `program` (default: the firmware), stopped when the test ends. */
function glove(ctx: TestContext, opts: PreludeOptions & { program?: string } = {}): Glove {
  const dir = mkdtempSync(path.join(tmpdir(), 'pijat-behaviour-'));
  const pinLog = path.join(dir, 'pins.log');
  writeFileSync(pinLog, '');
  const e = EspruinoLinux.spawn({ ...opts, program: MOTOR_SHIM + (opts.program ?? firmware), pinLog });
  ctx.onTestFinished(async () => {
    await e.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  let seq = 1000;
  let cached: { length: number; facts: StreamFacts } | undefined;
  return {
    e,
    pins: () => readPinLog(pinLog),
    // decoded again only when bytes arrived: the gloves share two cores with the decoding
    facts: () => {
      const bytes = e.received;
      if (cached === undefined || cached.length !== bytes.length) cached = { length: bytes.length, facts: streamFacts(bytes) };
      return cached.facts;
    },
    command: (cmd, args = []) => {
      seq++;
      e.send(textCommand(seq, cmd, args));
      return seq;
    },
  };
}

function readPinLog(file: string): PinEvent[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => {
    const [t, pin, v] = l.trim().split(/\s+/);
    return { t: Number(t), pin: pin!, on: v === '1' };
  });
}

/** A pin's level at time t (its last change at or before t; off before any). */
function levelAt(events: readonly PinEvent[], pin: string, t: number): boolean {
  let on = false;
  for (const ev of events) if (ev.pin === pin && ev.t <= t) on = ev.on;
  return on;
}

/** A message in a few words, for failure messages. */
function brief(m: Message): string {
  const what = m.type === 'status' ? `status ${m.event}/${m.arg}` : m.type === 'ack' ? `ack ${m.cmd_seq}:${m.result}` : m.type;
  return `${what} seq ${m.seq} at ${m.t_s.toFixed(3)} s`;
}

/** Polls the stream until `pred` holds; throws with what arrived when `ms` pass first. */
async function until(g: Glove, what: string, pred: (f: StreamFacts) => boolean, ms = 5000): Promise<StreamFacts> {
  const end = Date.now() + ms;
  for (;;) {
    const f = g.facts();
    if (pred(f)) return f;
    if (g.e.exit !== undefined) throw new Error(`the interpreter exited (${JSON.stringify(g.e.exit)}) while waiting for ${what}: ${g.e.stderr}`);
    if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms; last messages: ${f.messages.filter((m) => m.type !== 'sample').slice(-8).map(brief).join(', ')}`);
    await sleep(50);
  }
}

/** Polls the pin log until `pred` holds; throws with the log when `ms` pass first. */
async function untilPins(g: Glove, what: string, pred: (events: PinEvent[]) => boolean, ms = 5000): Promise<PinEvent[]> {
  const end = Date.now() + ms;
  for (;;) {
    const events = g.pins();
    if (pred(events)) return events;
    if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms; pin log: ${JSON.stringify(events.slice(-8))}`);
    await sleep(50);
  }
}

const ONE = 'one 10 ms interval';
/**
 * ONE when the samples from `from` seconds on (device time) come at 100 Hz give or take 30 %,
 * else their rate: a second sampling interval would deliver 200 Hz. The rate's accuracy is
 * espruino-linux-firmware.test.ts's business; here several real-time interpreters share two
 * cores with whatever else runs, and a stalled one catches up in bursts.
 */
function intervals(samples: readonly Sample[], from: number): string {
  const end = samples.at(-1)!.t_s;
  if (end - from < 1.5) throw new Error(`only ${(end - from).toFixed(2)} s of samples after ${from} s`);
  const rate = deliveredRate(samples, from, end + 1e-6);
  return Math.abs(rate - 100) < 30 ? ONE : `${rate.toFixed(1)} Hz`;
}

/** A text command with more argument bytes than a body may hold (the encoder refuses to make one). */
function longCommand(seq: number, cmd: number, nArgs: number): string {
  const body = [seq & 0xff, seq >> 8, cmd, ...new Array<number>(nArgs).fill(0)];
  const crc = crc32(Uint8Array.from(body));
  body.push(crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24);
  return `{${body.map((b) => b.toString(16).padStart(2, '0')).join('')}}`;
}

const streaming = (f: StreamFacts): boolean => f.samples.length > 0;
const acked = (seq: number) => (f: StreamFacts): boolean => f.acks.some((a) => a.cmd_seq === seq);
const ackOf = (f: StreamFacts, seq: number): Ack => {
  const a = f.acks.filter((x) => x.cmd_seq === seq);
  if (a.length !== 1) throw new Error(`expected one ack for seq ${seq}, got ${a.length}`);
  return a[0]!;
};

/** Messages after `m` (by position in the stream), samples left out. */
function eventsAfter(f: StreamFacts, m: Message): Message[] {
  return f.messages.slice(f.messages.indexOf(m) + 1).filter((x) => x.type !== 'sample');
}

describe.skipIf(missing !== undefined).concurrent('glove behaviours on the real Espruino interpreter (Linux build)', () => {
  // longest first; three at a time (slot())
  it('lights green in band, red too hard, blinks green too light; forced cues and a vibration pulse that ends', async (ctx) => {
    const { expect } = ctx;
    await slot(ctx);
    // thumbs (FSR 0 and 1; the harder one counts): in band until 3.5 s, too hard until 4.5 s, then too light
    const forces = { js: `function (ch, t) {
      if (ch === 1) return 1;
      if (ch > 1) return 3;
      return t < 3.5 ? 4 : t < 4.5 ? 12 : 0.5;
    }` };
    const g = glove(ctx, { forces });
    await until(g, 'streaming', streaming, 6000);
    const th = g.command(CMD_SET_THRESHOLDS, u16le(raw(2), raw(8)));
    await until(g, 'the thresholds ack', acked(th));
    await sleep(6700 - g.e.now());
    let pins = g.pins();
    expect([levelAt(pins, 'LED1', 3.2), levelAt(pins, 'LED2', 3.2)]).toEqual([false, true]);
    expect([levelAt(pins, 'LED1', 4.3), levelAt(pins, 'LED2', 4.3)]).toEqual([true, false]);
    const light = pins.filter((p) => p.t > 4.7 && p.t < 6.5);
    expect(light.filter((p) => p.pin === 'LED1').every((p) => !p.on)).toBe(true);
    const green = light.filter((p) => p.pin === 'LED2');
    expect(green.some((p) => p.on)).toBe(true);
    expect(green.some((p) => !p.on)).toBe(true);
    // slow: on for one quarter second in four
    const greenOn = green.filter((p) => p.on).map((p) => p.t);
    for (let i = 1; i < greenOn.length; i++) expect(greenOn[i]! - greenOn[i - 1]!).toBeGreaterThan(0.9);

    // forced: too hard with a 200 ms pulse; the motor goes off by itself
    const hard = g.command(CMD_FEEDBACK, [FEEDBACK_TOO_HARD, ...u16le(200)]);
    await until(g, 'the feedback ack', acked(hard));
    pins = await untilPins(g, 'the motor off again', (x) => x.filter((p) => p.pin === MOTOR).length >= 2);
    await sleep(100);
    pins = g.pins();
    const motor = pins.filter((p) => p.pin === MOTOR);
    expect(motor.map((p) => p.on)).toEqual([true, false]);
    const pulse = motor[1]!.t - motor[0]!.t;
    expect(pulse).toBeGreaterThan(0.14); // 4 housekeeping runs of 50 ms after the one that started it
    expect(pulse).toBeLessThan(0.6);
    expect([levelAt(pins, 'LED1', motor[1]!.t), levelAt(pins, 'LED2', motor[1]!.t)]).toEqual([true, false]);
    // the thumb is still too light, but a forced cue stays until the host changes it
    const hardFrom = motor[0]!.t;
    expect(pins.filter((p) => p.t > hardFrom + 0.01 && p.pin.startsWith('LED')).every((p) => p.pin === 'LED1' ? p.on : !p.on)).toBe(true);

    const band = g.command(CMD_FEEDBACK, [FEEDBACK_IN_BAND, ...u16le(0)]);
    await until(g, 'the in-band ack', acked(band));
    await sleep(100);
    const tBand = g.pins().at(-1)!.t;
    pins = g.pins();
    expect([levelAt(pins, 'LED1', tBand), levelAt(pins, 'LED2', tBand)]).toEqual([false, true]);
    const light2 = g.command(CMD_FEEDBACK, [FEEDBACK_TOO_LIGHT, ...u16le(0)]);
    await until(g, 'the too-light ack', acked(light2));
    await untilPins(g, 'two slow blinks', (x) => x.filter((p) => p.t > tBand + 0.05 && p.pin === 'LED2' && p.on).length >= 2);
    const blink = g.pins().filter((p) => p.t > tBand + 0.05);
    expect(blink.filter((p) => p.pin === 'LED1').every((p) => !p.on)).toBe(true);
    expect(blink.filter((p) => p.pin === 'LED2' && p.on).length).toBeGreaterThanOrEqual(2);
    const off = g.command(CMD_FEEDBACK, [FEEDBACK_OFF, ...u16le(0)]);
    const badMode = g.command(CMD_FEEDBACK, [9, 0, 0]);
    const badThresholds = g.command(CMD_SET_THRESHOLDS, u16le(5000, 100));
    const f = await until(g, 'the last acks', acked(badThresholds));
    await sleep(600);
    pins = g.pins();
    const tOff = pins.at(-1)!.t;
    expect([levelAt(pins, 'LED1', tOff), levelAt(pins, 'LED2', tOff)]).toEqual([false, false]);
    expect(pins.filter((p) => p.pin === MOTOR)).toHaveLength(2); // no pulse without vibrate_ms
    expect([off, badMode, badThresholds].map((s) => ackOf(f, s).result)).toEqual([ACK_OK, ACK_BAD_ARGUMENT, ACK_BAD_ARGUMENT]);
  }, 30_000);

  it('after save(), a reboot of the saved code streams once, 2 s after boot', async (ctx) => {
    const { expect } = ctx;
    await slot(ctx);
    const dir = mkdtempSync(path.join(tmpdir(), 'pijat-save-'));
    const runs: Interpreter[] = [];
    ctx.onTestFinished(async () => {
      for (const r of runs) await r.kill();
      rmSync(dir, { recursive: true, force: true });
    });
    writeFileSync(path.join(dir, 'program.js'), espruinoPrelude() + firmware);
    // the upload: the file, then `save()` typed at the REPL while it is still on USB
    const first = new Interpreter(dir, ['program.js']);
    runs.push(first);
    await sleep(500);
    first.send('save()\r');
    await first.until((b) => streamFacts(b).samples.length > 200, 7000);
    let f = streamFacts(first.received);
    expect(first.received.subarray(0, f.leadingJunk).toString('latin1')).toMatch(/Compressed \d+ bytes/);
    expect(f.statuses.filter((s) => s.event === EVENT_STARTED)).toHaveLength(1);
    expect(intervals(f.samples, 0.3)).toBe(ONE);
    await first.kill();

    // power cycle: the interpreter started without a file loads the saved code from ./espruino.flash
    const boot = new Interpreter(dir, []);
    runs.push(boot);
    await boot.until((b) => streamFacts(b).samples.length > 250, 7000);
    f = streamFacts(boot.received);
    expect(boot.received.subarray(0, f.leadingJunk).toString('latin1')).toMatch(/Loading \d+ bytes from flash/);
    const firstFrameMs = boot.arrival(boot.received.indexOf(0xa5, f.leadingJunk));
    expect(firstFrameMs).toBeGreaterThan(START_S * 1000 - 100);
    expect(firstFrameMs).toBeLessThan(START_S * 1000 + 1500);
    expect(f.messages[0]).toMatchObject({ type: 'descriptor', sample_rate_hz: 100 });
    expect(f.statuses.filter((s) => s.event === EVENT_STARTED)).toHaveLength(1);
    expect(f.statuses.filter((s) => s.event === EVENT_BOOT)).toHaveLength(1);
    expect(f.counters.crc_errors).toBe(0);
    expect(f.counters.lost_frames).toBe(0);
    expect(intervals(f.samples, 0.3)).toBe(ONE);
    expect(f.counters.junk_bytes).toBe(f.leadingJunk);
  }, 30_000);

  it('sends button down/up and toggles the pass marker; after the console command the button resumes streaming', async (ctx) => {
    const { expect } = ctx;
    await slot(ctx);
    const presses = [{ at: 3, seconds: 0.2 }, { at: 3.6, seconds: 0.2 }, { at: 6, seconds: 0.1 }];
    const g = glove(ctx, { buttonPresses: presses });
    let f = await until(g, 'two presses', (x) => x.statuses.filter((s) => s.event === EVENT_BUTTON_UP).length >= 2, 6000);
    await sleep(300);
    const con = g.command(CMD_CONSOLE);
    f = await until(g, 'the console ack', acked(con));
    const buttons = f.statuses.filter((s) => s.event === EVENT_BUTTON_DOWN || s.event === EVENT_BUTTON_UP);
    expect(buttons.map((s) => s.event)).toEqual([EVENT_BUTTON_DOWN, EVENT_BUTTON_UP, EVENT_BUTTON_DOWN, EVENT_BUTTON_UP]);
    expect(buttons.map((s) => s.state & (STATE_BUTTON | STATE_PASS_MARKER))).toEqual([
      STATE_BUTTON | STATE_PASS_MARKER, STATE_PASS_MARKER, STATE_BUTTON, 0,
    ]);
    // the samples between the statuses carry the same bits
    const bits = (s: Sample): number => s.flags & (FLAG_BUTTON | FLAG_PASS_MARKER);
    const between = (a: Message, b: Message | undefined): Sample[] => f.messages
      .slice(f.messages.indexOf(a) + 1, b === undefined ? undefined : f.messages.indexOf(b))
      .filter((m): m is Sample => m.type === 'sample');
    const phases = [between(buttons[0]!, buttons[1]), between(buttons[1]!, buttons[2]), between(buttons[2]!, buttons[3]), between(buttons[3]!, ackOf(f, con))];
    expect(phases.every((p) => p.length > 0), `samples per phase: ${phases.map((p) => p.length).join(', ')}`).toBe(true);
    expect(phases.map((p) => [...new Set(p.map(bits))])).toEqual([[FLAG_BUTTON | FLAG_PASS_MARKER], [FLAG_PASS_MARKER], [FLAG_BUTTON], [0]]);

    // console: stopped, and no frames while the REPL has the link
    expect(eventsAfter(f, ackOf(f, con))[0]).toMatchObject({ type: 'status', event: EVENT_STOPPED });
    const quiet = g.e.received.length;
    await sleep(5800 - g.e.now());
    expect(g.e.received.length).toBe(quiet);
    // the press at 6 s brings the stream back, descriptor first, and commands are taken again
    const resumed = await until(g, 'the resumed stream', (x) => x.samples.length > f.samples.length + 180, 6000);
    const after = resumed.messages.slice(f.messages.length);
    expect(after[0]).toMatchObject({ type: 'descriptor', sample_rate_hz: 100 });
    expect(after.filter((m) => m.type === 'status').map((m) => m.type === 'status' && m.event)).toContain(EVENT_STARTED);
    // and it takes commands again
    const d = g.command(CMD_DESCRIBE);
    const last = await until(g, 'the describe ack', acked(d));
    expect(ackOf(last, d).result).toBe(ACK_OK);
    expect(last.counters.crc_errors).toBe(0);
    expect(intervals(last.samples, after[0]!.t_s + 0.3)).toBe(ONE);
  }, 30_000);

  it('never runs two sampling intervals when the bundle is loaded twice, at once or while streaming', async (ctx) => {
    const { expect } = ctx;
    await slot(ctx);
    const press = [{ at: 6.5, seconds: 0.1 }];
    const atOnce = glove(ctx, { program: `${firmware}\n${firmware}`, buttonPresses: press });
    const later = glove(ctx, { program: `${firmware}\nsetTimeout(function () {\n${firmware}\n}, 3000);\n`, buttonPresses: press });
    // the second copy stops the first (status stopped) and starts 2 s after it loaded
    await until(later, 'the stop by the second copy', (x) => x.statuses.some((s) => s.event === EVENT_STOPPED), 6000);
    await sleep(4200);
    const commands = [atOnce, later].map((g) => g.command(CMD_DESCRIBE));
    for (const [i, g] of [atOnce, later].entries()) {
      await until(g, 'the ack and the button up', (x) => acked(commands[i]!)(x) && x.statuses.some((s) => s.event === EVENT_BUTTON_UP));
      await sleep(200);
      const f = g.facts();
      const name = i === 0 ? 'loaded twice at once' : 'loaded again while streaming';
      const starts = f.statuses.filter((s) => s.event === EVENT_STARTED);
      expect(starts, name).toHaveLength(i === 0 ? 1 : 2);
      const from = starts.at(-1)!.t_s + 0.3;
      const lastStream = f.samples.filter((s) => s.t_s >= from);
      expect(lastStream.length, name).toBeGreaterThan(100);
      expect(intervals(f.samples, from), name).toBe(ONE);
      // one data listener, one button watch
      expect(f.acks.filter((a) => a.cmd_seq === commands[i]), name).toHaveLength(1);
      const buttons = f.statuses.filter((s) => s.event === EVENT_BUTTON_DOWN || s.event === EVENT_BUTTON_UP);
      expect(buttons.map((s) => s.event), name).toEqual([EVENT_BUTTON_DOWN, EVENT_BUTTON_UP]);
      expect(f.samples.at(-1)!.flags & FLAG_PASS_MARKER, name).toBe(FLAG_PASS_MARKER);
      expect(f.counters.crc_errors, name).toBe(0);
    }
  }, 30_000);

  it('sends the steady forces and a still hand exactly; tare stores the FSR average as p2; identify blinks the LEDs in turn', async (ctx) => {
    const { expect } = ctx;
    await slot(ctx);
    const forces = [4, 1, 0.5, 10];
    const g = glove(ctx, { forces, motion: { radiusM: 0, rockDps: 0 } });
    await until(g, 'streaming', (f) => f.samples.some((s) => (s.flags & FLAG_IMU0_VALID) !== 0), 6000);
    const id = g.command(CMD_IDENTIFY, [2]);
    const tare = g.command(CMD_TARE);
    const f = await until(g, 'the tared descriptor', (x) => x.acks.some((a) => a.cmd_seq === tare) &&
      x.descriptors.some((d) => d.t_s > ackOf(x, tare).t_s + 0.45));
    // identify runs 2 s, then paints the cue (none: both off)
    const pins = await untilPins(g, 'the end of identify', (x) => x.length >= 2 && x.at(-1)!.t - x[0]!.t > 1.5 && !levelAt(x, 'LED1', 1e9) && !levelAt(x, 'LED2', 1e9));
    await sleep(300);
    const all = g.facts();

    // values as the sensors gave them: FSR bit for bit, the IMU bursts big-endian at +-4 g / +-500 deg/s
    expect(f.samples.every((s) => s.fsr.every((v, i) => v === raw(forces[i]!)))).toBe(true);
    const still = circlingHand({ radiusM: 0, rockDps: 0, noise: false });
    for (const imu of [0, 1]) {
      const m = still(imu, 0);
      const expected = [m.ax * 8192, m.ay * 8192, m.az * 8192, m.gx * 65.5, m.gy * 65.5, m.gz * 65.5];
      const valid = f.samples.filter((s) => (s.flags & (1 << imu)) !== 0);
      expect(valid.length).toBeGreaterThan(10);
      for (const s of valid) {
        s.imu.slice(6 * imu, 6 * imu + 6).forEach((v, a) => {
          expect(Math.abs(v - expected[a]!), `imu ${imu} axis ${a}: ${v} vs ${expected[a]}`).toBeLessThanOrEqual(a < 3 ? 45 : 6);
        });
      }
    }

    // tare: acked, then after 0.5 s of samples a descriptor with the averages as p2; later ones keep them
    const tareAck = ackOf(all, tare);
    expect(tareAck.result).toBe(ACK_OK);
    expect(f.descriptors[0]!.channels.slice(0, 4).map((c) => c.p2)).toEqual([0, 0, 0, 0]);
    const tared = all.descriptors.filter((d) => d.t_s > tareAck.t_s);
    expect(tared.length).toBeGreaterThanOrEqual(2);
    const firstTared = tared.find((d) => d.channels[0]!.p2 !== 0)!;
    // 0.5 s of samples at 100 Hz
    const averaged = all.messages.slice(all.messages.indexOf(tareAck), all.messages.indexOf(firstTared)).filter((m) => m.type === 'sample');
    expect(averaged).toHaveLength(50);
    for (const d of tared.filter((x) => x.t_s >= firstTared.t_s)) expect(d.channels.slice(0, 4).map((c) => c.p2)).toEqual(forces.map(raw));

    // identify 2 s: red and green take turns (never both on), then both off (no thresholds set)
    expect(ackOf(all, id).result).toBe(ACK_OK);
    const leds = pins.filter((p) => p.pin === 'LED1' || p.pin === 'LED2');
    const times = [...new Set(leds.map((p) => p.t))];
    const states = times.map((t) => [levelAt(leds, 'LED1', t + 1e-3), levelAt(leds, 'LED2', t + 1e-3)] as const);
    expect(states.some(([r, gr]) => r && gr)).toBe(false);
    expect(states.filter(([r]) => r).length).toBeGreaterThanOrEqual(3);
    expect(states.filter(([, gr]) => gr).length).toBeGreaterThanOrEqual(3);
    const span = leds.at(-1)!.t - leds[0]!.t;
    expect(span).toBeGreaterThan(1.5); // 7 quarter seconds, more when the machine stalls the interpreter
    expect(span).toBeLessThan(3);
    expect(states.at(-1)).toEqual([false, false]);
  }, 30_000);

  it('start on a streaming glove only re-sends the descriptor; the command reader skips junk, damage and split commands', async (ctx) => {
    const { expect } = ctx;
    await slot(ctx);
    const g = glove(ctx);
    await until(g, 'streaming', streaming, 6000);
    const start = g.command(CMD_START);
    let f = await until(g, 'the start ack', acked(start));
    await sleep(300);
    f = g.facts();
    const startAck = ackOf(f, start);
    expect(startAck.result).toBe(ACK_OK);
    const next = eventsAfter(f, startAck);
    expect(next[0]).toMatchObject({ type: 'descriptor', sample_rate_hz: 100 });
    expect(f.statuses.filter((s) => s.event === EVENT_STARTED || s.event === EVENT_BOOT)).toHaveLength(2); // the first start only

    // split over three writes, after junk; an abandoned and a damaged command get no answer
    const split = textCommand(7001, CMD_DESCRIBE);
    g.e.send('junk\r\n1+1\r');
    g.e.send(split.subarray(0, 5));
    await sleep(30);
    g.e.send(split.subarray(5, 11));
    await sleep(30);
    g.e.send(split.subarray(11));
    const damaged = Buffer.from(textCommand(7002, CMD_DESCRIBE));
    damaged[3] = damaged[3] === 0x30 ? 0x31 : 0x30; // a seq digit: the CRC no longer matches
    g.e.send(damaged);
    g.e.send('{0102');
    g.e.send(textCommand(7003, CMD_DESCRIBE)); // its `{` abandons the half command
    g.e.send(Buffer.from(textCommand(7004, CMD_DESCRIBE)).toString('latin1').toUpperCase()); // upper-case hex is read too
    g.e.send(textCommand(7005, CMD_SET_THRESHOLDS, [...u16le(0, 0), 1, 2, 3, 4, 5, 6, 7, 8])); // extra bytes: ignored
    g.e.send(textCommand(7006, CMD_SET_THRESHOLDS, [1, 2, 3])); // too few
    g.e.send(longCommand(7007, CMD_DESCRIBE, 58)); // a body of 65 bytes: too long
    g.e.send(textCommand(7008, CMD_DESCRIBE));
    await until(g, 'the last ack', acked(7008));
    f = await until(g, '2.2 s of samples', (x) => x.samples.at(-1)!.t_s > 2.2);
    expect(f.acks.filter((a) => a.cmd_seq > 7000).map((a) => [a.cmd_seq, a.result])).toEqual([
      [7001, ACK_OK], [7003, ACK_OK], [7004, ACK_OK], [7005, ACK_OK], [7006, ACK_BAD_ARGUMENT], [7008, ACK_OK],
    ]);
    expect(f.counters.crc_errors).toBe(0);
    expect(f.counters.junk_bytes).toBe(f.leadingJunk); // no REPL answer to the typed text
    // one sampling interval throughout (two would deliver 200 Hz)
    expect(intervals(f.samples, 0.5)).toBe(ONE);
  }, 30_000);
});

/**
 * The Linux interpreter in a directory of its own (save() writes ./espruino.flash there, and an
 * interpreter started without a file loads it), with stdin held open like EspruinoLinux does.
 */
class Interpreter {
  private readonly child: ChildProcess;
  private readonly parts: Buffer[] = [];
  private readonly times: { end: number; t: number }[] = [];
  private total = 0;
  private exited = false;
  private readonly t0 = performance.now();

  constructor(cwd: string, args: string[]) {
    const binary = requireEngine('espruinoLinux');
    const [cmd, argv] = canSetarch()
      ? ['setarch', [process.arch === 'x64' ? 'x86_64' : process.arch, '-R', binary, ...args]]
      : [binary, args];
    this.child = spawn(cmd, argv as string[], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout!.on('data', (d: Buffer) => {
      this.parts.push(d);
      this.total += d.length;
      this.times.push({ end: this.total, t: performance.now() - this.t0 });
    });
    this.child.stdin!.on('error', () => undefined);
    this.child.on('close', () => {
      this.exited = true;
    });
  }

  get received(): Buffer {
    return Buffer.concat(this.parts, this.total);
  }

  /** Wall-clock ms since spawn at which byte `offset` arrived. */
  arrival(offset: number): number {
    return this.times.find((c) => c.end > offset)?.t ?? Infinity;
  }

  send(text: string): void {
    this.child.stdin!.write(Buffer.from(text, 'latin1'));
  }

  async until(pred: (b: Buffer) => boolean, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!pred(this.received)) {
      if (this.exited || Date.now() > end) throw new Error(`interpreter ${this.exited ? 'exited' : 'timed out'}: ${JSON.stringify(this.received.toString('latin1').slice(0, 600))}`);
      await sleep(100);
    }
  }

  /** SIGKILL: in interactive mode (no file) the interpreter ignores SIGTERM. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const closed = new Promise<void>((r) => this.child.once('close', () => r()));
    this.child.kill('SIGKILL');
    await closed;
  }
}
