// The built firmware files, byte for byte, on the REAL engines built for the RP2040 (Kaluma
// 1.2.1 and Espruino 2v29) in the rp2040js emulator (125 MHz) with an emulated glove:
// FSRs per the FSR 402 datasheet in the pin map's divider, two MPU-6050s that behave as their
// datasheet says, the button, and a USB host. Emulated time: ~3 s of wall time per second.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import {
  ACK_BAD_ARGUMENT, ACK_OK, ACK_UNKNOWN_COMMAND, CMD_CONSOLE, CMD_SET_RATE, EVENT_IMU_LOST, EVENT_IMU_RECOVERED,
  EVENT_STARTED, EVENT_STOPPED,
} from '../../shared/protocol/constants';
import { u16le } from '../../shared/protocol/encode';
import { skipReason } from './locate';
import { createGlove, type BoardName, type Glove } from './rp2040/glove';
import {
  deliveredRate, errorsAfter, imuSpread, junkReport, memoryPercents, sendEveryCommand, streamFacts, textCommand, UNKNOWN_CMD,
} from './stream-facts';

const ENGINES: { board: BoardName; file: string; name: string; missing: string | undefined }[] = [
  { board: 'kaluma', file: 'kaluma', name: 'Kaluma 1.2.1', missing: skipReason('kaluma', 'bootrom') },
  { board: 'espruino-rp2040', file: 'espruino-rp2040', name: 'Espruino 2v29 (RP2040)', missing: skipReason('espruinoRp2040', 'bootrom') },
];
for (const e of ENGINES) if (e.missing !== undefined) console.warn(`skipping the ${e.name} engine tests: ${e.missing}`);

const programs = new Map<string, Buffer>();
beforeAll(async () => {
  await buildFirmware();
  for (const b of BOARDS) programs.set(b.name, readFileSync(b.out));
}, 60_000);

/** Runs until the stream holds an ack for `seq` (at most `max` emulated seconds). */
async function untilAck(g: Glove, seq: number, max = 2): Promise<void> {
  await g.runUntil(() => streamFacts(g.stream).acks.some((a) => a.cmd_seq === seq), max);
}

describe.each(ENGINES)('firmware on $name in rp2040js', ({ board, file, missing }) => {
  it.skipIf(missing !== undefined)(
    'streams at the announced rate with real moving IMU data, then acknowledges every command streaming and stopped',
    async () => {
      const g = await createGlove({ board, program: programs.get(file)! });
      await g.runUntil(() => streamFacts(g.stream).samples.length > 0, 4);
      const steady = g.mark();
      await g.run(5);
      const busy = g.busyFraction(steady);
      let f = streamFacts(g.stream);
      const end = f.samples.at(-1)!.t_s;
      expect(f.descriptors[0]).toMatchObject({ protocol_version: 2, board: board === 'kaluma' ? 'kaluma-pico' : 'espruino-rp2040', sample_rate_hz: 100 });
      expect(f.counters.crc_errors).toBe(0);
      expect(f.counters.lost_frames).toBe(0);
      expect(f.counters.junk_bytes, junkReport(g.stream)).toBe(f.leadingJunk); // no REPL text inside the stream
      // the delivered rate is the announced one (within 2 %), with no overrun or shortfall after the first second
      expect(Math.abs(deliveredRate(f.samples, 1, end) / 100 - 1)).toBeLessThan(0.02);
      expect(errorsAfter(f.statuses, 1.5)).toEqual([]);
      for (const imu of [0, 1] as const) {
        // valid from the health check that saw the data move (0.5 s after start) on
        expect(f.samples.filter((s) => s.t_s > 0.6).every((s) => (s.flags & (imu + 1)) !== 0)).toBe(true);
        for (const spread of imuSpread(f.samples, imu)) expect(spread).toBeGreaterThan(3);
      }
      const mem = memoryPercents(f.statuses);
      expect(mem.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...mem) - Math.min(...mem)).toBeLessThanOrEqual(3); // flat
      // Kaluma sleeps (WFE) between samples, so its busy fraction is its CPU use; Espruino's idle loop spins
      if (board === 'kaluma') expect(busy).toBeLessThan(0.7);

      // every command, streaming then stopped, with seq values whose v1 frames held 0x03 / 0x04
      const sent = await sendEveryCommand((b) => g.send(b), (seq) => untilAck(g, seq));
      await g.run(1);
      f = streamFacts(g.stream);
      for (const s of sent) {
        const acks = f.acks.filter((a) => a.cmd_seq === s.seq);
        expect(acks, `ack for command ${s.cmd} seq ${s.seq}`).toHaveLength(1);
        expect(acks[0]!.result).toBe(s.cmd === UNKNOWN_CMD ? ACK_UNKNOWN_COMMAND : ACK_OK);
      }
      expect(f.statuses.some((s) => s.event === EVENT_STOPPED)).toBe(true);
      expect(f.statuses.filter((s) => s.event === EVENT_STARTED).length).toBe(2);
      expect(f.counters.crc_errors).toBe(0);
      expect(f.counters.lost_frames).toBe(0);
      expect(f.counters.junk_bytes, junkReport(g.stream)).toBe(f.leadingJunk);
      expect(f.samples.at(-1)!.t_s).toBeGreaterThan(0.5);
    },
    240_000,
  );

  it.skipIf(missing !== undefined)(
    'refuses an unsustainable rate, delivers a lower one, reports lost and frozen IMUs, and gives the REPL back on console',
    async () => {
      const g = await createGlove({
        board,
        program: programs.get(file)!,
        // the stream starts ~2.5 s after power-on (boot or upload, then the firmware's 2 s start delay)
        imuFaults: [{ imu: 1, kind: 'absent', to: 4 }, { imu: 0, kind: 'frozen', from: 0 }],
      });
      await g.runUntil(() => streamFacts(g.stream).samples.length > 0, 4);
      g.send(textCommand(1, CMD_SET_RATE, u16le(200)));
      g.send(textCommand(2, CMD_SET_RATE, u16le(50)));
      await untilAck(g, 2);
      let f = streamFacts(g.stream);
      const from = f.samples.at(-1)!.t_s + 0.2;
      await g.run(4);
      f = streamFacts(g.stream);
      expect(f.acks.find((a) => a.cmd_seq === 1)!.result).toBe(ACK_BAD_ARGUMENT);
      expect(f.acks.find((a) => a.cmd_seq === 2)!.result).toBe(ACK_OK);
      expect(f.descriptors.at(-1)!.sample_rate_hz).toBe(50);
      expect(Math.abs(deliveredRate(f.samples, from, f.samples.at(-1)!.t_s) / 50 - 1)).toBeLessThan(0.02);
      const lost = f.statuses.filter((s) => s.event === EVENT_IMU_LOST);
      expect(lost.some((s) => s.arg === 1)).toBe(true); // absent at start
      expect(f.statuses.some((s) => s.event === EVENT_IMU_RECOVERED && s.arg === 1)).toBe(true); // back after 1 s
      expect(lost.some((s) => s.arg === 0)).toBe(true); // frozen: answers, but its data never change
      expect(f.samples.at(-1)!.flags & 1).toBe(0);

      g.send(textCommand(3, CMD_CONSOLE));
      await untilAck(g, 3);
      await g.run(0.3);
      const reply = await g.replEval('1+41', 2);
      expect(reply).toMatch(/42/);
    },
    240_000,
  );
});
