// Runs the built firmware/dist/pijat-espruino.js byte for byte in a Node vm sandbox that plays
// the Espruino Pico (virtual clock, two MPU-6050s, four FSRs, LEDs, button, USB) and checks what
// it sends with the project's Decoder.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import { espruino as pinmap } from '../../hardware/pinmap.json';
import {
  ACK_BAD_ARGUMENT, ACK_OK, ACK_UNKNOWN_COMMAND, CMD_DESCRIBE, CMD_FEEDBACK, CMD_IDENTIFY, CMD_SET_RATE,
  CMD_SET_THRESHOLDS, CMD_START, CMD_STOP, CMD_TARE, EVENT_BOOT, EVENT_BUTTON_DOWN, EVENT_BUTTON_UP,
  EVENT_IMU_LOST, EVENT_IMU_RECOVERED, EVENT_PERIODIC, EVENT_RATE_CHANGED, EVENT_STARTED, EVENT_STOPPED,
  FEEDBACK_TOO_HARD, FLAG_BUTTON, FLAG_IMU0_VALID, FLAG_IMU1_VALID, FLAG_PASS_MARKER, STATE_IMU1_OK,
  STATE_STREAMING,
} from '../../shared/protocol/constants';
import { crc32 } from '../../shared/protocol/crc32';
import { encodeCommand, u16le } from '../../shared/protocol/encode';
import { Capture } from './capture';
import { hotPath } from './sample-path';
import { EspruinoSandbox, PICO_SERIAL } from './sandbox/espruino';
import { type Hand, massagingHand, steadyHand } from './sandbox/hand';

let code = '';
const FSR_PINS = pinmap.fsr.map((f) => f.pin);
/** The firmware waits this long after loading before it streams (START_DELAY_MS). */
const START_S = 2;

beforeAll(async () => {
  await buildFirmware();
  code = readFileSync(BOARDS.find((b) => b.name === 'espruino')!.out, 'utf8');
});

function glove(hand: Hand = massagingHand()): { sb: EspruinoSandbox; cap: Capture } {
  const sb = new EspruinoSandbox({ hand, fsrPins: FSR_PINS });
  sb.load(code);
  return { sb, cap: new Capture(() => sb.take()) };
}

/** Advances virtual time and decodes what arrived. */
function run(sb: EspruinoSandbox, cap: Capture, seconds: number): void {
  sb.time.advance(seconds);
  cap.pull();
}

let hostSeq = 100;
function command(sb: EspruinoSandbox, cmd: number, args: number[] = []): number {
  const seq = hostSeq++;
  sb.sendToDevice(encodeCommand({ seq, cmd, args }));
  return seq;
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.filter((b) => b >= 0x20 && b < 0x7f));
}

/** The IMU values the sensor handed out at sandbox time t. */
function imuValuesAt(sb: EspruinoSandbox, k: number, t: number): number[] | undefined {
  return sb.imus[k]!.given.find((g) => Math.abs(g.t - t) < 1e-7)?.v;
}

describe('Espruino firmware in a simulated Pico', () => {
  it('streams the protocol: descriptor first, 1000 +- 1 frames in 10 s at 100 Hz, the exact sensor values', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 0.001);
    const t0 = sb.imus[0]!.given[0]!.t; // the start-up check read happens when streaming starts
    run(sb, cap, 12);

    const first = cap.messages[0]!;
    expect(first.type).toBe('descriptor');
    if (first.type !== 'descriptor') return;
    expect(first.board).toBe('espruino-pico');
    expect(first.sample_rate_hz).toBe(100);
    expect(first.device_id).toBe(crc32(Uint8Array.from(PICO_SERIAL, (c) => c.charCodeAt(0))));
    expect(first.channels.map((c) => c.name)).toEqual([
      'left_thumb', 'right_thumb', 'left_knuckle', 'right_knuckle',
      'left_ax', 'left_ay', 'left_az', 'left_gx', 'left_gy', 'left_gz',
      'right_ax', 'right_ay', 'right_az', 'right_gx', 'right_gy', 'right_gz',
    ]);
    expect(cap.statuses().slice(0, 2).map((s) => s.event)).toEqual([EVENT_BOOT, EVENT_STARTED]);

    const samples = cap.samples();
    const inWindow = samples.filter((s) => s.t_s >= 1 && s.t_s < 11);
    expect(Math.abs(inWindow.length - 1000)).toBeLessThanOrEqual(1);
    for (let i = 1; i < samples.length; i++) expect(Math.abs(samples[i]!.t_us - samples[i - 1]!.t_us - 10000)).toBeLessThanOrEqual(1);

    // seq +1 per frame over every message type, nothing lost or damaged
    for (let i = 1; i < cap.messages.length; i++) expect(cap.messages[i]!.seq).toBe((cap.messages[i - 1]!.seq + 1) & 0xffff);
    expect(cap.decoder.counters.lost_frames).toBe(0);
    expect(cap.decoder.counters.crc_errors).toBe(0);

    // the descriptor repeats at least every 2 s, the status every ~1 s
    const descT = cap.descriptors().map((d) => d.t_s);
    for (let i = 1; i < descT.length; i++) expect(descT[i]! - descT[i - 1]!).toBeLessThanOrEqual(2);
    expect(descT.length).toBeGreaterThanOrEqual(6);
    const periodic = cap.statuses().filter((s) => s.event === EVENT_PERIODIC);
    expect(periodic.length).toBeGreaterThanOrEqual(11);
    expect(periodic.every((s) => (s.state & STATE_STREAMING) !== 0)).toBe(true);

    // values: FSR bit for bit as the ADC gave them, IMU as the registers held them
    samples.forEach((s, i) => {
      expect(s.fsr).toEqual([0, 1, 2, 3].map((j) => sb.fsrGiven[j]![i]));
      expect(s.flags & (FLAG_IMU0_VALID | FLAG_IMU1_VALID)).toBe(FLAG_IMU0_VALID | FLAG_IMU1_VALID);
      const t = t0 + s.t_us / 1e6;
      expect(s.imu).toEqual([...imuValuesAt(sb, 0, t)!, ...imuValuesAt(sb, 1, t)!]);
    });

    // the console left USB before the first frame, and nothing but frames followed
    const all = sb.written();
    const firstSync = all.indexOf(0xa5);
    expect(ascii(all.subarray(0, firstSync))).toContain('-> LoopbackA');
    expect(sb.consoleDevice).toBe('LoopbackA');
    expect(cap.decoder.counters.junk_bytes).toBe(firstSync);
    expect(ascii(all)).not.toContain('Uncaught');
    expect(sb.time.uncaught).toEqual([]);
  });

  it('still streams on an interpreter without the Pico built-ins (LED1, LED2, BTN, getSerial, LoopbackA, I2C set-up)', () => {
    const sb = new EspruinoSandbox({ hand: massagingHand(), fsrPins: FSR_PINS });
    vm.runInContext('delete LED1; delete LED2; delete BTN; delete getSerial; delete LoopbackA; I2C1.setup = function () { throw new Error("Invalid pin"); };', sb.context);
    sb.load(code);
    const cap = new Capture(() => sb.take());
    run(sb, cap, START_S + 2);
    expect(cap.messages[0]!.type).toBe('descriptor');
    expect(Math.abs(cap.samples().length - 200)).toBeLessThanOrEqual(1);
    expect(sb.consoleDevice).toBe('none');
    expect(sb.time.uncaught).toEqual([]);
    command(sb, CMD_STOP);
    expect(sb.consoleDevice).toBe('USB');
  });

  it('configures both MPU-6050s (awake, +-4 g, +-500 dps, DLPF 44 Hz) on the pin map I2C pins and reads the pin map ADC pins', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 1);
    for (const imu of sb.imus) {
      const cfg = imu.config();
      expect(cfg.get(0x6b)).toBe(0x01);
      expect(cfg.get(0x1c)).toBe(0x08);
      expect(cfg.get(0x1b)).toBe(0x08);
      expect(cfg.get(0x1a)).toBe(0x03);
    }
    expect(sb.i2cSetups[0]).toEqual({ scl: pinmap.i2c.scl, sda: pinmap.i2c.sda, bitrate: pinmap.i2c.bitrate });
    expect(sb.fsrGiven.map((g) => g.length)).toEqual([100, 100, 100, 100]);
  });

  it('keeps streaming FSRs when an IMU throws, reports it lost, retries and reports it recovered', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 3);
    const t0 = sb.imus[0]!.given[0]!.t;
    const before = cap.messages.length;
    sb.imus[1]!.plugged = false;
    const lostAt = sb.time.now - t0;
    run(sb, cap, 3);
    sb.imus[1]!.plugged = true;
    const backAt = sb.time.now - t0;
    run(sb, cap, 2);

    const lost = cap.statuses(before).filter((s) => s.event === EVENT_IMU_LOST);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.arg).toBe(1);
    expect(lost[0]!.t_s - lostAt).toBeLessThan(0.011);
    expect(lost[0]!.state & STATE_IMU1_OK).toBe(0);
    expect(lost[0]!.error_count).toBeGreaterThanOrEqual(1);
    const recovered = cap.statuses(before).filter((s) => s.event === EVENT_IMU_RECOVERED);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]!.arg).toBe(1);
    expect(recovered[0]!.t_s - backAt).toBeGreaterThan(0);
    expect(recovered[0]!.t_s - backAt).toBeLessThanOrEqual(1.01);

    const all = cap.samples();
    const during = cap.samples(before).filter((s) => s.t_s > lost[0]!.t_s && s.t_s < recovered[0]!.t_s);
    expect(during.length).toBeGreaterThan(300);
    for (const s of during) {
      expect(s.flags & FLAG_IMU1_VALID).toBe(0);
      expect(s.flags & FLAG_IMU0_VALID).toBe(FLAG_IMU0_VALID);
      expect(s.imu.slice(6)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(s.imu.slice(0, 6)).toEqual(imuValuesAt(sb, 0, t0 + s.t_us / 1e6));
      const i = all.indexOf(s);
      expect(s.fsr).toEqual([0, 1, 2, 3].map((j) => sb.fsrGiven[j]![i]));
    }
    // FSR frames never paused: 100 Hz straight through the loss
    for (let i = 1; i < all.length; i++) expect(Math.abs(all[i]!.t_us - all[i - 1]!.t_us - 10000)).toBeLessThanOrEqual(1);
    const after = cap.samples(before).filter((s) => s.t_s > recovered[0]!.t_s);
    expect(after.length).toBeGreaterThan(50);
    for (const s of after) {
      expect(s.flags & FLAG_IMU1_VALID).toBe(FLAG_IMU1_VALID);
      expect(s.imu.slice(6)).toEqual(imuValuesAt(sb, 1, t0 + s.t_us / 1e6));
    }
  });

  it('reports an IMU missing at start and picks it up when it is plugged in', () => {
    const sb = new EspruinoSandbox({ hand: massagingHand(), fsrPins: FSR_PINS });
    sb.imus[0]!.plugged = false;
    sb.load(code);
    const cap = new Capture(() => sb.take());
    run(sb, cap, START_S + 2);
    expect(cap.statuses().find((s) => s.event === EVENT_IMU_LOST)?.arg).toBe(0);
    expect(cap.samples().every((s) => (s.flags & FLAG_IMU0_VALID) === 0 && s.imu[0] === 0 && s.imu[2] === 0)).toBe(true);
    sb.imus[0]!.plugged = true;
    run(sb, cap, 1.5);
    expect(cap.statuses().find((s) => s.event === EVENT_IMU_RECOVERED)?.arg).toBe(0);
    expect(cap.samples().at(-1)!.flags & FLAG_IMU0_VALID).toBe(FLAG_IMU0_VALID);
  });

  it('changes the rate on set_rate from the host (acked, new descriptor), rejects bad arguments and bad frames', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 1);
    const before = cap.messages.length;
    // junk, then the frame split over three chunks
    const frame = encodeCommand({ seq: 4242, cmd: CMD_SET_RATE, args: u16le(50) });
    sb.sendToDevice(Uint8Array.from([0x41, 0x0d, 0xa5, 0x00]));
    sb.sendToDevice(frame.subarray(0, 5));
    sb.sendToDevice(frame.subarray(5, 9));
    sb.sendToDevice(frame.subarray(9));
    run(sb, cap, 0.001);
    const fresh = cap.messages.slice(before);
    expect(fresh[0]).toMatchObject({ type: 'ack', cmd: CMD_SET_RATE, result: ACK_OK, cmd_seq: 4242 });
    expect(fresh[1]).toMatchObject({ type: 'descriptor', sample_rate_hz: 50 });
    expect(fresh[2]).toMatchObject({ type: 'status', event: EVENT_RATE_CHANGED });

    const mark = cap.messages.length;
    const startS = sb.time.now;
    run(sb, cap, 10);
    const samples = cap.samples(mark);
    expect(Math.abs(samples.length - 500)).toBeLessThanOrEqual(1);
    for (let i = 1; i < samples.length; i++) expect(Math.abs(samples[i]!.t_us - samples[i - 1]!.t_us - 20000)).toBeLessThanOrEqual(1);
    expect(sb.time.now - startS).toBeCloseTo(10, 6);
    expect(cap.descriptors(mark).every((d) => d.sample_rate_hz === 50)).toBe(true);

    const m2 = cap.messages.length;
    const badRate = command(sb, CMD_SET_RATE, u16le(300));
    const unknown = command(sb, 0x7f);
    const damaged = encodeCommand({ seq: 999, cmd: CMD_SET_RATE, args: u16le(200) });
    damaged[12] ^= 0x01; // the rate's high byte: the CRC no longer matches
    sb.sendToDevice(damaged);
    run(sb, cap, 1);
    const acks = cap.acks(m2);
    expect(acks.map((a) => [a.cmd_seq, a.result])).toEqual([[badRate, ACK_BAD_ARGUMENT], [unknown, ACK_UNKNOWN_COMMAND]]);
    expect(cap.samples(m2).length).toBe(50);
  });

  it('acks a command with extra argument bytes, and rejects one with too few', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 0.5);
    const m = cap.messages.length;
    const long = command(sb, CMD_SET_RATE, [...u16le(40), ...new Array<number>(300).fill(7)]);
    const short = command(sb, CMD_SET_THRESHOLDS, [1, 2, 3]);
    run(sb, cap, 1);
    expect(cap.acks(m).map((a) => [a.cmd_seq, a.result])).toEqual([[long, ACK_OK], [short, ACK_BAD_ARGUMENT]]);
    expect(cap.descriptors(m)[0]!.sample_rate_hz).toBe(40);
  });

  it('answers describe, identify and tare; tare stores the FSR average as p2', () => {
    const { sb, cap } = glove(steadyHand([1000, 2000, 3000, 4000]));
    run(sb, cap, START_S + 1);
    const m = cap.messages.length;
    const identifyFrom = sb.time.now;
    const d = command(sb, CMD_DESCRIBE);
    const id = command(sb, CMD_IDENTIFY, [2]);
    const tare = command(sb, CMD_TARE);
    run(sb, cap, 0.3);
    expect(cap.acks(m).map((a) => [a.cmd, a.cmd_seq, a.result])).toEqual([
      [CMD_DESCRIBE, d, ACK_OK], [CMD_IDENTIFY, id, ACK_OK], [CMD_TARE, tare, ACK_OK],
    ]);
    expect(cap.messages[m + 1]!.type).toBe('descriptor');
    run(sb, cap, 0.3);
    const tared = cap.descriptors(m).at(-1)!;
    expect(tared.channels.slice(0, 4).map((c) => c.p2)).toEqual([1000, 2000, 3000, 4000]);
    // identify blinks the LEDs in turn for 2 s, then leaves them as feedback wants (off: no thresholds)
    run(sb, cap, 2);
    const during = sb.pinHistory.filter((h) => h.t > identifyFrom && h.t <= identifyFrom + 2);
    const redOn = during.filter((h) => h.pin === 'LED1' && h.value).map((h) => h.t);
    const greenOn = during.filter((h) => h.pin === 'LED2' && h.value).map((h) => h.t);
    expect(redOn.length).toBeGreaterThanOrEqual(3);
    expect(greenOn.length).toBeGreaterThanOrEqual(3);
    expect(redOn.some((t) => greenOn.includes(t))).toBe(false);
    expect([sb.pins.get('LED1'), sb.pins.get('LED2')]).toEqual([false, false]);
  });

  it('stop returns the console to USB; the button or pijat.start() resumes streaming', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 1);
    const m = cap.messages.length;
    const s = command(sb, CMD_STOP);
    run(sb, cap, 1);
    expect(cap.messages.slice(m, m + 2)).toMatchObject([
      { type: 'ack', cmd: CMD_STOP, cmd_seq: s, result: ACK_OK },
      { type: 'status', event: EVENT_STOPPED },
    ]);
    expect(cap.samples(m)).toHaveLength(0);
    expect(sb.consoleDevice).toBe('USB');
    expect(sb.time.count(0.01)).toBe(0);
    command(sb, CMD_START); // the REPL has the link now: this goes to the REPL, not the glove
    expect(sb.replInput.length).toBeGreaterThan(0);

    sb.press(true);
    sb.press(false);
    run(sb, cap, 1);
    const resumed = cap.messages.slice(m + 2);
    expect(resumed[0]!.type).toBe('descriptor');
    expect(cap.samples(m).length).toBe(100);
    expect(sb.consoleDevice).toBe('LoopbackA');

    const m2 = cap.messages.length;
    sb.time.call(() => vm.runInContext('pijat.stop(); pijat.start();', sb.context));
    run(sb, cap, 1);
    expect(cap.messages[m2]).toMatchObject({ type: 'status', event: EVENT_STOPPED });
    expect(cap.messages[m2 + 1]!.type).toBe('descriptor');
    expect(cap.samples(m2).length).toBe(100);
  });

  it('start on a streaming glove only re-sends the descriptor', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 0.5);
    const m = cap.messages.length;
    command(sb, CMD_START);
    run(sb, cap, 0.001);
    expect(cap.messages.slice(m).map((x) => x.type)).toEqual(['ack', 'descriptor']);
    expect(sb.time.count(0.01)).toBe(1);
  });

  it('never runs two sampling intervals: loading twice, save() and a reboot after save()', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 1);
    expect(sb.time.count(0.01)).toBe(1);

    sb.load(code); // a second upload without reset()
    run(sb, cap, START_S + 1);
    expect(sb.time.count(0.01)).toBe(1);
    expect(sb.watchCount()).toBe(1);
    expect(sb.dataListeners()).toBe(1);
    expect(sb.initListeners()).toBe(1);
    let m = cap.messages.length;
    run(sb, cap, 1);
    expect(cap.samples(m).length).toBe(100);

    sb.save();
    run(sb, cap, START_S + 1);
    expect(sb.time.count(0.01)).toBe(1);
    m = cap.messages.length;
    run(sb, cap, 1);
    expect(cap.samples(m).length).toBe(100);

    sb.reboot();
    run(sb, cap, START_S + 0.5);
    expect(sb.time.count(0.01)).toBe(1);
    expect(sb.consoleDevice).toBe('LoopbackA');
    m = cap.messages.length;
    run(sb, cap, 1);
    expect(cap.samples(m).length).toBe(100);
    expect(sb.watchCount()).toBe(1);
    expect(sb.time.uncaught).toEqual([]);
    expect(cap.decoder.counters.crc_errors).toBe(0);
  });

  it('BTN sends button down/up and toggles the pass marker flag', () => {
    const { sb, cap } = glove();
    run(sb, cap, START_S + 0.5);
    const flagsAfter = (): number => cap.samples().at(-1)!.flags;
    const m = cap.messages.length;
    sb.press(true);
    run(sb, cap, 0.1);
    expect(flagsAfter() & (FLAG_BUTTON | FLAG_PASS_MARKER)).toBe(FLAG_BUTTON | FLAG_PASS_MARKER);
    sb.press(false);
    run(sb, cap, 0.1);
    expect(flagsAfter() & (FLAG_BUTTON | FLAG_PASS_MARKER)).toBe(FLAG_PASS_MARKER);
    sb.press(true);
    sb.press(false);
    run(sb, cap, 0.1);
    expect(flagsAfter() & (FLAG_BUTTON | FLAG_PASS_MARKER)).toBe(0);
    expect(cap.statuses(m).map((s) => s.event)).toEqual([EVENT_BUTTON_DOWN, EVENT_BUTTON_UP, EVENT_BUTTON_DOWN, EVENT_BUTTON_UP]);
  });

  it('lights green in band, red too hard, blinks too light, and obeys forced feedback with a vibration pulse', () => {
    const hand = steadyHand([30000, 20000, 5000, 5000]);
    const { sb, cap } = glove(hand);
    run(sb, cap, START_S + 0.5);
    const setThumbs = (a: number, b: number): void => {
      sb.hand = steadyHand([a, b, 5000, 5000]);
    };
    const leds = (): [boolean, boolean] => [sb.pins.get('LED1') ?? false, sb.pins.get('LED2') ?? false];
    command(sb, CMD_SET_THRESHOLDS, u16le(20000, 40000));
    run(sb, cap, 0.1);
    expect(leds()).toEqual([false, true]);
    setThumbs(10000, 45000);
    run(sb, cap, 0.1);
    expect(leds()).toEqual([true, false]);
    setThumbs(5000, 3000);
    const t = sb.time.now;
    run(sb, cap, 2);
    const green = sb.pinHistory.filter((h) => h.t > t && h.pin === 'LED2');
    expect(green.some((h) => h.value)).toBe(true);
    expect(green.some((h) => !h.value)).toBe(true);
    expect(sb.pinHistory.filter((h) => h.t > t && h.pin === 'LED1').every((h) => !h.value)).toBe(true);

    const m = cap.messages.length;
    command(sb, CMD_FEEDBACK, [FEEDBACK_TOO_HARD, ...u16le(200)]);
    run(sb, cap, 0.1);
    expect(cap.acks(m)[0]).toMatchObject({ cmd: CMD_FEEDBACK, result: ACK_OK });
    expect(leds()).toEqual([true, false]);
    expect(sb.pins.get(pinmap.motor)).toBe(true);
    run(sb, cap, 0.15);
    expect(sb.pins.get(pinmap.motor)).toBe(false);
    command(sb, CMD_FEEDBACK, [9, 0, 0]);
    command(sb, CMD_SET_THRESHOLDS, u16le(5000, 100));
    run(sb, cap, 0.01);
    expect(cap.acks(m).slice(1).map((a) => a.result)).toEqual([ACK_BAD_ARGUMENT, ACK_BAD_ARGUMENT]);
  });

  it('keeps the per-sample functions small, pretokenised and free of allocation', () => {
    const hot = hotPath(code);
    expect(hot.map((h) => h.name.replace(/\d+$/, ''))).toEqual(['sampleTick', 'readFsr', 'imuInto', 'sendSample', 'autoFeedback']);
    for (const h of hot) {
      expect(h.allocations, h.name).toEqual([]);
      expect(h.hasRamDirective, h.name).toBe(true);
    }
    const ops = hot.reduce((n, h) => n + h.operations, 0);
    expect(ops).toBeLessThanOrEqual(60);
  });
});
