// The built firmware/dist/pijat-espruino.js, byte for byte, in the REAL Espruino interpreter
// (Linux build, ../shared/engines) with the Espruino Pico's glove hardware supplied in
// JavaScript (espruino-prelude.ts). Wall-clock time: the interpreter runs in real time.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import {
  ACK_BAD_ARGUMENT, ACK_OK, ACK_UNKNOWN_COMMAND, CMD_CONSOLE, CMD_SET_RATE, ERROR_FAULT, EVENT_ERROR,
  EVENT_IMU_LOST, EVENT_IMU_RECOVERED, EVENT_STOPPED,
} from '../../shared/protocol/constants';
import { u16le } from '../../shared/protocol/encode';
import { EspruinoLinux } from './espruino-linux';
import type { PreludeOptions } from './espruino-prelude';
import { skipReason } from './locate';
import { deliveredRate, errorsAfter, imuSpread, sendEveryCommand, streamFacts, textCommand, UNKNOWN_CMD } from './stream-facts';

const missing = skipReason('espruinoLinux');
if (missing !== undefined) console.warn(`skipping the Espruino (Linux) engine tests: ${missing}`);

let program = '';
beforeAll(async () => {
  if (missing !== undefined) return;
  await buildFirmware();
  program = readFileSync(BOARDS.find((b) => b.name === 'espruino')!.out, 'utf8');
}, 60_000);

const running: EspruinoLinux[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()!.stop();
});

function glove(opts: PreludeOptions = {}): EspruinoLinux {
  const g = EspruinoLinux.spawn({ program, ...opts });
  running.push(g);
  return g;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the stream holds an ack for `seq` (or the time is up); returns the facts. */
async function ackFor(g: EspruinoLinux, seq: number, ms = 3000): Promise<ReturnType<typeof streamFacts>> {
  const until = Date.now() + ms;
  for (;;) {
    const f = streamFacts(g.received);
    if (f.acks.some((a) => a.cmd_seq === seq) || Date.now() > until) return f;
    await sleep(50);
  }
}

describe.skipIf(missing !== undefined)('firmware on the real Espruino interpreter (Linux build)', () => {
  it('streams at the announced 100 Hz with moving IMU values, no errors and nothing but frames after the banner', async () => {
    const g = glove();
    await sleep(8000);
    const f = streamFacts(g.received);
    expect(f.descriptors[0]).toMatchObject({ protocol_version: 2, board: 'espruino-pico', sample_rate_hz: 100 });
    expect(f.counters.crc_errors).toBe(0);
    expect(f.counters.lost_frames).toBe(0);
    // the banner and Espruino's `-> LoopbackA` come before the first frame; nothing after it
    expect(f.counters.junk_bytes).toBe(f.leadingJunk);
    const end = f.samples.at(-1)!.t_s;
    expect(end).toBeGreaterThan(5);
    expect(Math.abs(deliveredRate(f.samples, 1, end) / 100 - 1)).toBeLessThan(0.03);
    expect(errorsAfter(f.statuses, 1)).toEqual([]);
    for (const imu of [0, 1] as const) {
      // valid from the health check that saw the data move (0.5 s after start) on
      expect(f.samples.filter((s) => s.t_s > 0.6).every((s) => (s.flags & (imu + 1)) !== 0)).toBe(true);
      // gyro axes swing with the circling hand; every axis moves at least with sensor noise
      for (const spread of imuSpread(f.samples, imu)) expect(spread).toBeGreaterThan(3);
    }
  }, 20_000);

  it('acknowledges every command while streaming and while stopped, even those whose v1 bytes held 0x03 or 0x04', async () => {
    const g = glove();
    await sleep(3000);
    const sent = await sendEveryCommand((b) => g.send(b), (seq) => ackFor(g, seq));
    await sleep(1500);
    const f = streamFacts(g.received);
    for (const s of sent) {
      const acks = f.acks.filter((a) => a.cmd_seq === s.seq);
      expect(acks, `ack for command ${s.cmd} seq ${s.seq}`).toHaveLength(1);
      expect(acks[0]!.result).toBe(s.cmd === UNKNOWN_CMD ? ACK_UNKNOWN_COMMAND : ACK_OK);
    }
    expect(f.statuses.some((s) => s.event === EVENT_STOPPED)).toBe(true);
    expect(f.counters.crc_errors).toBe(0);
    expect(f.counters.junk_bytes).toBe(f.leadingJunk); // no REPL text ever reached the link
    expect(f.samples.at(-1)!.t_s).toBeGreaterThan(0.5); // streaming again after start
  }, 40_000);

  it('changes the delivered rate with set_rate and refuses a rate the board cannot sustain', async () => {
    const g = glove();
    await sleep(2500);
    g.send(textCommand(1, CMD_SET_RATE, u16le(200)));
    g.send(textCommand(2, CMD_SET_RATE, u16le(50)));
    await ackFor(g, 2);
    const from = streamFacts(g.received).samples.at(-1)!.t_s + 0.5;
    await sleep(4000);
    const f = streamFacts(g.received);
    expect(f.acks.find((a) => a.cmd_seq === 1)!.result).toBe(ACK_BAD_ARGUMENT);
    expect(f.acks.find((a) => a.cmd_seq === 2)!.result).toBe(ACK_OK);
    expect(f.descriptors.at(-1)!.sample_rate_hz).toBe(50);
    expect(Math.abs(deliveredRate(f.samples, from, f.samples.at(-1)!.t_s) / 50 - 1)).toBeLessThan(0.03);
  }, 20_000);

  it('gives the REPL back only on the console command', async () => {
    const g = glove();
    await sleep(2500);
    g.send('1+41\r'); // typed text while streaming: never reaches the REPL
    await sleep(500);
    expect(g.received.toString('latin1')).not.toContain('=42');
    g.send(textCommand(9, CMD_CONSOLE));
    await ackFor(g, 9);
    await sleep(300);
    g.send('\r1+41\r');
    await g.waitFor(/=42/, 3000);
  }, 20_000);

  it('reports an IMU that is missing or whose data froze as lost, keeps streaming, and picks it up again', async () => {
    const g = glove({ imuFaults: [{ imu: 1, kind: 'absent', from: 0, to: 4 }, { imu: 0, kind: 'frozen', from: 4 }] });
    await sleep(9000);
    const f = streamFacts(g.received);
    const lost = f.statuses.filter((s) => s.event === EVENT_IMU_LOST);
    const back = f.statuses.filter((s) => s.event === EVENT_IMU_RECOVERED);
    expect(lost.some((s) => s.arg === 1 && s.t_s < 1)).toBe(true);
    expect(back.some((s) => s.arg === 1)).toBe(true);
    expect(lost.some((s) => s.arg === 0 && s.t_s > 1.5)).toBe(true); // frozen from 4 s after load (2 s into the stream)
    // while IMU 1 was away its valid flag was clear and its values zero
    const away = f.samples.filter((s) => s.t_s > 0.5 && s.t_s < 1.5);
    expect(away.every((s) => (s.flags & 2) === 0 && s.imu.slice(6).every((v) => v === 0))).toBe(true);
    expect(Math.abs(deliveredRate(f.samples, 1, f.samples.at(-1)!.t_s) / 100 - 1)).toBeLessThan(0.03);
  }, 20_000);

  it('counts an exception in the sample path as a fault (status error 5) and keeps sampling', async () => {
    // analogRead throws for 50 ms, 4.4 s after load (2.4 s into the stream, clear of the once-a-second check): ~5 samples fail
    const g = glove({ forces: { js: 'function (ch, t) { if (t > 4.4 && t < 4.45) throw new Error("ADC fault"); return 5; }' } });
    await sleep(6500);
    const f = streamFacts(g.received);
    const faults = f.statuses.filter((s) => s.event === EVENT_ERROR && s.arg === ERROR_FAULT);
    expect(faults).toHaveLength(1);
    expect(faults[0]!.error_count).toBeGreaterThanOrEqual(3);
    const end = f.samples.at(-1)!.t_s;
    expect(end).toBeGreaterThan(3.5);
    // the failed samples are missing from the second they fell in, and sampling went on after it
    expect(Math.abs(deliveredRate(f.samples, 2.5, end) / 100 - 1)).toBeLessThan(0.03);
    expect(f.counters.junk_bytes).toBe(f.leadingJunk); // no "Uncaught" text on the link
  }, 20_000);
});
