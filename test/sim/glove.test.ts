// The simulated glove as a device: commands in, acks and their effects out (PROTOCOL.md 3.4/3.5).
// Commands go as version 2 text unless a test says `binary` (version 1 command frames).
import { describe, expect, it } from 'vitest';
import { SimulatedGlove, FrameListSink } from '../../host/sim';
import { Decoder } from '../../shared/protocol/decoder';
import { encodeCommand, encodeCommandText, u16le } from '../../shared/protocol/encode';
import {
  ACK_BAD_ARGUMENT, ACK_OK, ACK_UNKNOWN_COMMAND, CMD_CONSOLE, CMD_DESCRIBE, CMD_FEEDBACK, CMD_IDENTIFY, CMD_SET_RATE,
  CMD_SET_THRESHOLDS, CMD_START, CMD_STOP, CMD_TARE, EVENT_RATE_CHANGED, EVENT_STARTED, EVENT_STOPPED,
} from '../../shared/protocol/constants';
import type { Ack, Descriptor, Message } from '../../shared/protocol/types';

/** A glove plus a host-side decoder collecting everything it sends. */
function rig(opts: ConstructorParameters<typeof SimulatedGlove>[0] = {}, binary = false) {
  const glove = new SimulatedGlove({ scenario: 'good', seed: 2, loss_rate: 0, ...opts });
  const sink = new FrameListSink();
  const dec = new Decoder();
  const got: Message[] = [];
  let hostSeq = 100;
  const pump = (): void => {
    for (const f of sink.take()) dec.push(f, (m) => got.push(m));
  };
  return {
    glove,
    got,
    run(t: number): void {
      glove.advanceTo(t, sink);
      pump();
    },
    send(cmd: number, args: number[] = []): number {
      const seq = hostSeq++;
      glove.receive(binary ? encodeCommand({ seq, cmd, args }) : encodeCommandText({ seq, cmd, args }), sink);
      pump();
      return seq;
    },
    ack(cmdSeq: number): Ack | undefined {
      return got.find((m): m is Ack => m.type === 'ack' && m.cmd_seq === cmdSeq);
    },
    since(i: number): Message[] {
      return got.slice(i);
    },
  };
}

describe('SimulatedGlove commands', () => {
  it('stop: ack, a stopped status, then silence; start: ack, descriptor first, clock restarts', () => {
    const r = rig();
    r.run(1);
    const stopSeq = r.send(CMD_STOP);
    expect(r.ack(stopSeq)).toMatchObject({ cmd: CMD_STOP, result: ACK_OK });
    expect(r.got.at(-1)).toMatchObject({ type: 'status', event: EVENT_STOPPED });
    expect(r.glove.isStreaming).toBe(false);
    const n = r.got.length;
    r.run(3);
    expect(r.got.length).toBe(n);
    const startSeq = r.send(CMD_START);
    expect(r.ack(startSeq)).toMatchObject({ result: ACK_OK });
    const before = r.got.length;
    r.run(4);
    const after = r.since(before);
    expect(after[0]!.type).toBe('descriptor');
    expect(after[1]).toMatchObject({ type: 'status', event: EVENT_STARTED });
    expect(after[0]!.t_us).toBe(0);
    expect(after.filter((m) => m.type === 'sample').length).toBeGreaterThanOrEqual(99);
  });

  it('set_rate: 50 Hz is acknowledged, announced (status + descriptor) and applied; 10 Hz is refused', () => {
    const r = rig();
    r.run(1);
    const bad = r.send(CMD_SET_RATE, u16le(10));
    expect(r.ack(bad)).toMatchObject({ result: ACK_BAD_ARGUMENT });
    expect(r.ack(r.send(CMD_SET_RATE, u16le(201)))).toMatchObject({ result: ACK_BAD_ARGUMENT });
    expect(r.ack(r.send(CMD_SET_RATE, [50]))).toMatchObject({ result: ACK_BAD_ARGUMENT });
    expect(r.glove.rate_hz).toBe(100);
    const ok = r.send(CMD_SET_RATE, u16le(50));
    expect(r.ack(ok)).toMatchObject({ result: ACK_OK });
    expect(r.got.at(-1)).toMatchObject({ type: 'status', event: EVENT_RATE_CHANGED });
    const i = r.got.length;
    r.run(3);
    const later = r.since(i);
    expect(later[0]).toMatchObject({ type: 'descriptor', sample_rate_hz: 50 });
    const samples = later.filter((m) => m.type === 'sample');
    expect(samples.length).toBeGreaterThanOrEqual(99);
    expect(samples.length).toBeLessThanOrEqual(101);
    const dt = samples[5]!.t_s - samples[4]!.t_s;
    expect(dt).toBeGreaterThan(0.0195);
    expect(dt).toBeLessThan(0.0205);
  });

  it('tare: averages the FSRs for 0.5 s and sends a descriptor with p2 set; describe sends one now', () => {
    const r = rig();
    r.run(0.5); // hands at rest before the first pass
    const seq = r.send(CMD_TARE);
    expect(r.ack(seq)).toMatchObject({ result: ACK_OK });
    const i = r.got.length;
    r.run(1.2);
    const d = r.since(i).find((m): m is Descriptor => m.type === 'descriptor');
    expect(d).toBeDefined();
    const p2 = d!.channels.slice(0, 4).map((c) => c.p2);
    // An unloaded FSR in the divider reads about 65535 * 10k / 10M.
    for (const x of p2) {
      expect(x).toBeGreaterThan(20);
      expect(x).toBeLessThan(200);
    }
    const j = r.got.length;
    const ds = r.send(CMD_DESCRIBE);
    expect(r.ack(ds)).toMatchObject({ result: ACK_OK });
    expect(r.since(j).some((m) => m.type === 'descriptor')).toBe(true);
  });

  it('answers feedback, thresholds and identify; rejects bad arguments and unknown commands', () => {
    const r = rig();
    r.run(0.2);
    expect(r.ack(r.send(CMD_FEEDBACK, [2, ...u16le(300)]))).toMatchObject({ result: ACK_OK });
    expect(r.glove.feedback).toMatchObject({ mode: 2, vibrate_ms: 300 });
    expect(r.ack(r.send(CMD_FEEDBACK, [9, 0, 0]))).toMatchObject({ result: ACK_BAD_ARGUMENT });
    expect(r.ack(r.send(CMD_SET_THRESHOLDS, u16le(1000, 9000)))).toMatchObject({ result: ACK_OK });
    expect(r.glove.feedback).toMatchObject({ low_raw: 1000, high_raw: 9000 });
    expect(r.ack(r.send(CMD_SET_THRESHOLDS, u16le(9000, 1000)))).toMatchObject({ result: ACK_BAD_ARGUMENT });
    expect(r.ack(r.send(CMD_IDENTIFY, [5]))).toMatchObject({ result: ACK_OK });
    expect(r.ack(r.send(0x7f))).toMatchObject({ cmd: 0x7f, result: ACK_UNKNOWN_COMMAND });
  });

  it('set_rate: a glove that cannot sustain a rate refuses it, and its descriptor keeps the delivered rate', () => {
    const r = rig({ max_rate_hz: 120 });
    r.run(1);
    expect(r.ack(r.send(CMD_SET_RATE, u16le(200)))).toMatchObject({ cmd: CMD_SET_RATE, result: ACK_BAD_ARGUMENT });
    expect(r.ack(r.send(CMD_SET_RATE, u16le(121)))).toMatchObject({ result: ACK_BAD_ARGUMENT });
    expect(r.glove.rate_hz).toBe(100);
    const i = r.got.length;
    r.send(CMD_DESCRIBE);
    expect(r.since(i).find((m) => m.type === 'descriptor')).toMatchObject({ sample_rate_hz: 100 });
    expect(r.ack(r.send(CMD_SET_RATE, u16le(120)))).toMatchObject({ result: ACK_OK });
    expect(r.glove.rate_hz).toBe(120);
    expect(() => new SimulatedGlove({ rate_hz: 200, max_rate_hz: 120 })).toThrow();
  });

  it('console: ack, a stopped status, then silence; every command but start is ignored', () => {
    const r = rig();
    r.run(1);
    const c = r.send(CMD_CONSOLE);
    const i = r.got.findIndex((m) => m.type === 'ack' && m.cmd_seq === c);
    expect(r.got[i]).toMatchObject({ type: 'ack', cmd: CMD_CONSOLE, result: ACK_OK });
    expect(r.got.slice(i + 1)).toMatchObject([{ type: 'status', event: EVENT_STOPPED }]);
    expect(r.glove.isStreaming).toBe(false);
    expect(r.glove.inConsole).toBe(true);
    const n = r.got.length;
    r.send(CMD_DESCRIBE);
    r.send(CMD_SET_RATE, u16le(50));
    r.send(CMD_STOP);
    r.send(CMD_CONSOLE);
    r.run(3);
    expect(r.got.length).toBe(n);
    expect(r.glove.rate_hz).toBe(100);
    const s = r.send(CMD_START);
    expect(r.ack(s)).toMatchObject({ cmd: CMD_START, result: ACK_OK });
    expect(r.glove.inConsole).toBe(false);
    const before = r.got.length;
    r.run(4);
    expect(r.since(before)[0]).toMatchObject({ type: 'descriptor', t_us: 0 });
  });

  it('console while stopped: ack only; stop no longer gives up the link (commands are still answered)', () => {
    const r = rig();
    r.run(0.5);
    r.send(CMD_STOP);
    expect(r.glove.inConsole).toBe(false);
    expect(r.ack(r.send(CMD_DESCRIBE))).toMatchObject({ result: ACK_OK });
    const n = r.got.length;
    const c = r.send(CMD_CONSOLE);
    expect(r.since(n)).toMatchObject([{ type: 'ack', cmd: CMD_CONSOLE, cmd_seq: c, result: ACK_OK }]);
    expect(r.glove.inConsole).toBe(true);
  });

  it('still takes version 1 command frames, and text and frames in one chunk in order', () => {
    const r = rig({}, true);
    r.run(0.5);
    expect(r.ack(r.send(CMD_SET_RATE, u16le(50)))).toMatchObject({ cmd: CMD_SET_RATE, result: ACK_OK });
    expect(r.glove.rate_hz).toBe(50);
    const sink = new FrameListSink();
    const g = new SimulatedGlove({ scenario: 'good', seed: 2, loss_rate: 0 });
    g.receive(new Uint8Array([
      ...encodeCommandText({ seq: 1, cmd: CMD_DESCRIBE }), 0x0d, 0x0a,
      ...encodeCommand({ seq: 2, cmd: CMD_IDENTIFY, args: [1] }),
      ...encodeCommandText({ seq: 3, cmd: CMD_TARE }),
    ]), sink);
    const dec = new Decoder();
    const acks: Ack[] = [];
    for (const f of sink.take()) dec.push(f, (m) => { if (m.type === 'ack') acks.push(m); });
    expect(acks.map((a) => a.cmd_seq)).toEqual([1, 2, 3]);
    expect(g.textCounters).toMatchObject({ commands: 2, crc_errors: 0 });
  });

  it('as a version 1 glove: announces version 1, ignores text commands, does not know console', () => {
    const t = rig({ protocol_version: 1 });
    t.run(0.5);
    expect(t.got.find((m) => m.type === 'descriptor')).toMatchObject({ protocol_version: 1 });
    expect(t.ack(t.send(CMD_DESCRIBE))).toBeUndefined();
    const b = rig({ protocol_version: 1 }, true);
    b.run(0.5);
    expect(b.ack(b.send(CMD_DESCRIBE))).toMatchObject({ result: ACK_OK });
    expect(b.ack(b.send(CMD_CONSOLE))).toMatchObject({ result: ACK_UNKNOWN_COMMAND });
    expect(b.glove.isStreaming).toBe(true);
  });

  it('ignores damaged text commands (no ack) and answers the next intact one', () => {
    const r = rig();
    r.run(0.5);
    const sink = new FrameListSink();
    const good = encodeCommandText({ seq: 77, cmd: CMD_DESCRIBE });
    const badCrc = Uint8Array.from(good);
    badCrc[5] = badCrc[5] === 0x30 ? 0x31 : 0x30;
    r.glove.receive(badCrc, sink);
    r.glove.receive(good.subarray(0, 7), sink); // cut off: the next { abandons it
    r.glove.receive(good, sink);
    const dec = new Decoder();
    const acks: Ack[] = [];
    for (const f of sink.take()) dec.push(f, (m) => { if (m.type === 'ack') acks.push(m); });
    expect(acks).toMatchObject([{ cmd_seq: 77, result: ACK_OK }]);
    expect(r.glove.textCounters).toMatchObject({ commands: 1, crc_errors: 1, abandoned: 1 });
  });

  it('acks share the device sequence counter (no gap seen by the host)', () => {
    const r = rig();
    r.run(0.5);
    r.send(CMD_DESCRIBE);
    r.run(1);
    for (let i = 1; i < r.got.length; i++) expect(r.got[i]!.seq).toBe(r.got[i - 1]!.seq + 1);
  });

  it('waits for start when created not streaming', () => {
    const r = rig({ streaming: false });
    r.run(2);
    expect(r.got).toHaveLength(0);
    r.send(CMD_START);
    r.run(2.5);
    expect(r.got.filter((m) => m.type === 'sample').length).toBeGreaterThan(40);
  });

  it('with loop, starts another session when one ends', () => {
    const g = new SimulatedGlove({ scenario: 'short-passes', seed: 1, duration_s: 40, loop: true, loss_rate: 0 });
    const first = g.plan;
    const sink = new FrameListSink();
    g.advanceTo(45, sink);
    expect(g.plan).not.toBe(first);
    expect(g.plan.passes.length).toBeGreaterThan(0);
  });
});
