// The counters and the time line of PROTOCOL.md section 4, in small hand-made cases with
// exact expected numbers.
import { describe, expect, it } from 'vitest';
import { DUP_WINDOW, Decoder, decodeAll, lenFitsType } from '../../shared/protocol/decoder';
import { encodeCommand, encodeSample, frame } from '../../shared/protocol/encode';
import { fletcher32 } from '../../shared/protocol/fletcher32';
import type { DecoderCounters, Message } from '../../shared/protocol/types';
import { concat, encodeMessage, referenceDescriptor } from './helpers';

/** A reference-glove sample with no 0xA5 byte after its sync (so damage tests count exactly). */
function sample(seq: number, t_us = seq * 10_000): Uint8Array {
  const f = encodeSample({ seq, t_us, flags: 3, fsr: [100, 200, 300, 400], imu: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
  return f;
}

function counts(partial: Partial<DecoderCounters>, bytes: number): DecoderCounters {
  return { bytes, frames: 0, crc_errors: 0, resyncs: 0, lost_frames: 0, junk_bytes: 0, unknown_type: 0, duplicates: 0, restarts: 0, ...partial };
}

function decodeChunks(...chunks: Uint8Array[]): { d: Decoder; messages: Message[] } {
  const d = new Decoder();
  const messages: Message[] = [];
  for (const c of chunks) d.push(c, (m) => messages.push(m));
  return { d, messages };
}

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

describe('junk, false syncs and CRC errors', () => {
  it('3 junk bytes then a frame: junk_bytes 3, resyncs 1', () => {
    const input = concat([bytes(0x3e, 0x0d, 0x0a), sample(1)]);
    const r = decodeAll(input);
    expect(r.counters).toEqual(counts({ frames: 1, junk_bytes: 3, resyncs: 1 }, 51));
    expect(r.messages).toHaveLength(1);
  });

  it('console text before and between frames counts one resync per frame it precedes', () => {
    const text = new TextEncoder().encode('-> LoopbackA\r\n');
    const input = concat([text, sample(1), sample(2), text, text, sample(3)]);
    const r = decodeAll(input);
    expect(r.counters).toEqual(counts({ frames: 3, junk_bytes: 3 * text.length, resyncs: 2 }, input.length));
  });

  it('a flipped bit: one CRC error, the whole damaged frame is junk, the next frame is found', () => {
    const damaged = sample(1);
    damaged[20]! ^= 0x10;
    expect(Array.from(damaged.subarray(1)).includes(0xa5)).toBe(false);
    const r = decodeAll(concat([sample(0), damaged, sample(2)]));
    expect(r.messages.map((m) => m.seq)).toEqual([0, 2]);
    expect(r.counters).toEqual(counts({ frames: 2, crc_errors: 1, junk_bytes: 48, resyncs: 1, lost_frames: 1 }, 144));
  });

  it('a false sync with len > 1024 is rejected without waiting', () => {
    const d = new Decoder();
    d.push(bytes(0xa5, 0xff, 0xff, 0x02), () => {});
    expect(d.pendingBytes).toBe(0);
    expect(d.counters).toEqual(counts({ junk_bytes: 4 }, 4));
  });

  it.each([
    ['sample with odd payload', 0x02, 16],
    ['sample payload above 60', 0x02, 69],
    ['status not 8 bytes', 0x03, 16],
    ['ack not 4 bytes', 0x11, 12],
    ['descriptor not 14 + 16n', 0x01, 22],
    ['command without cmd byte', 0x10, 7],
    ['len below 7', 0x40, 6],
  ])('a header whose len does not fit (%s) is a false sync, rejected at once', (_name, type, len) => {
    expect(lenFitsType(type, len) && len >= 7).toBe(false);
    const { d, messages } = decodeChunks(bytes(0xa5, len & 0xff, len >> 8, type), sample(5));
    expect(messages.map((m) => m.seq)).toEqual([5]);
    expect(d.counters).toEqual(counts({ frames: 1, junk_bytes: 4, resyncs: 1 }, 52));
  });

  it('a sample payload of 58 or 60 (raw IMU blocks, version 2) fits; in the version 1 layout it is not interpretable', () => {
    expect(lenFitsType(0x02, 7 + 58)).toBe(true);
    expect(lenFitsType(0x02, 7 + 60)).toBe(true);
    const fsr = (n: number): number[] => Array.from({ length: n }, (_, k) => 1000 * k);
    const imu = [1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12];
    const raw58 = encodeSample({ seq: 1, t_us: 1, flags: 3, fsr: fsr(14), imu }, { rawImu: true });
    const raw60 = encodeSample({ seq: 2, t_us: 2, flags: 3, fsr: fsr(15), imu }, { rawImu: true, check: 'fletcher32' });
    const v1Layout58 = frame(0x02, 3, 3, 58, (v, o) => v.setUint8(o, 0x2f)); // says 15 FSR + 2 IMU of 12 bytes: 56
    expect([raw58.length, raw60.length]).toEqual([72, 74]);
    const r = decodeAll(concat([raw58, raw60, v1Layout58]));
    expect(r.messages).toMatchObject([{ seq: 1, n_fsr: 14, n_imu: 2, imu }, { seq: 2, n_fsr: 15, n_imu: 2, imu }]);
    expect(r.counters).toEqual(counts({ frames: 3, unknown_type: 1 }, 72 + 74 + 72));
  });

  it.each([
    ['a command', 0x90, 9],
    ['an even len (unknown type)', 0xb4, 10],
    ['an even len (sample; it does not fit the type either)', 0x82, 10],
  ])('a Fletcher-32 header on %s is a false sync, rejected at once', (_name, type, len) => {
    const { d, messages } = decodeChunks(bytes(0xa5, len & 0xff, len >> 8, type), sample(5));
    expect(messages.map((m) => m.seq)).toEqual([5]);
    expect(d.counters).toEqual(counts({ frames: 1, junk_bytes: 4, resyncs: 1 }, 52));
  });

  it('a Fletcher-32 command frame, sealed as a device frame would be, is not delivered', () => {
    // cmd 8 (describe), sealed with Fletcher-32 over bytes 0..11: passes as nothing
    const f = Uint8Array.from([0xa5, 9, 0, 0x90, 1, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    new DataView(f.buffer).setUint32(12, fletcher32(f, 0, 12), true);
    const r = decodeAll(concat([f, sample(1)]));
    expect(r.messages.map((m) => m.type)).toEqual(['sample']);
    expect(r.counters).toEqual(counts({ frames: 1, junk_bytes: 16, resyncs: 1 }, 16 + 48));
  });

  it('a damaged Fletcher-32 frame counts a crc_error like a damaged CRC-32 frame', () => {
    const fl = (seq: number): Uint8Array =>
      encodeSample({ seq, t_us: seq * 10_000, flags: 3, fsr: [100, 200, 300, 400], imu: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
        { check: 'fletcher32', rawImu: true });
    const damaged = fl(1);
    damaged[30]! ^= 0x04;
    expect(Array.from(damaged.subarray(1)).includes(0xa5)).toBe(false);
    const r = decodeAll(concat([fl(0), damaged, fl(2)]));
    expect(r.messages.map((m) => m.seq)).toEqual([0, 2]);
    expect(r.counters).toEqual(counts({ frames: 2, crc_errors: 1, junk_bytes: 52, resyncs: 1, lost_frames: 1 }, 156));
  });

  it('a plausible false sync waits, fails its CRC, and the frame inside it is still found', () => {
    // "A5 30 00 10": a command of len 48, so the decoder waits for 55 bytes, which include
    // the real frame that follows.
    const d = new Decoder();
    const got: Message[] = [];
    d.push(bytes(0xa5, 0x30, 0x00, 0x10), (m) => got.push(m));
    expect(d.pendingBytes).toBe(4);
    d.push(concat([sample(7), sample(8)]), (m) => got.push(m));
    expect(got.map((m) => m.seq)).toEqual([7, 8]);
    expect(d.counters).toEqual(counts({ frames: 2, crc_errors: 1, junk_bytes: 4, resyncs: 1 }, 100));
    expect(d.pendingBytes).toBe(0);
  });

  it('at the end of a capture an incomplete frame is junk', () => {
    const cut = sample(1).subarray(0, 47);
    const live = decodeChunks(cut).d;
    expect(live.pendingBytes).toBe(47);
    expect(live.counters.junk_bytes).toBe(0);
    expect(decodeAll(cut).counters).toEqual(counts({ junk_bytes: 47 }, 47));
  });

  it('at the end of a capture, frames behind a waiting false sync are still delivered', () => {
    const input = concat([bytes(0xa5, 0x00, 0x04, 0x10), sample(1), sample(2)]);
    const live = decodeChunks(input);
    expect(live.messages).toHaveLength(0); // the false command (len 1024) holds them up...
    const r = decodeAll(input); // ...until the end of input shows it can never complete.
    expect(r.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(r.counters).toEqual(counts({ frames: 2, junk_bytes: 4, resyncs: 1 }, 100));
  });
});

describe('lost frames', () => {
  it('a dropped sample: lost_frames 1', () => {
    const r = decodeAll(concat([sample(1), sample(2), sample(4), sample(5)]));
    expect(r.counters.lost_frames).toBe(1);
    expect(r.counters.frames).toBe(4);
  });

  it('seq wrap 65535 -> 0 counts no loss; 65534 -> 1 counts two', () => {
    const at = (seq: number, k: number): Uint8Array => sample(seq, k * 10_000);
    expect(decodeAll(concat([at(65534, 1), at(65535, 2), at(0, 3), at(1, 4)])).counters.lost_frames).toBe(0);
    expect(decodeAll(concat([at(65534, 1), at(1, 4)])).counters.lost_frames).toBe(2);
  });

  it('a gap of 30000 is counted, above it is a restart', () => {
    expect(decodeAll(concat([sample(100), sample(30101)])).counters.lost_frames).toBe(30000);
    expect(decodeAll(concat([sample(100), sample(30102)])).counters.lost_frames).toBe(0);
    expect(decodeAll(concat([sample(5000), sample(0), sample(2)])).counters.lost_frames).toBe(1);
  });

  it('a repeated seq is not a loss', () => {
    expect(decodeAll(concat([sample(9), sample(9), sample(10)])).counters.lost_frames).toBe(0);
  });

  it('all device types share the counter; commands do not take part', () => {
    const parts = [
      encodeMessage(referenceDescriptor(1, 0)),
      sample(2),
      encodeCommand({ seq: 900, cmd: 8 }),
      encodeMessage({ type: 'status', seq: 3, t_us: 30_000, t_s: 0, event: 0, arg: 0, state: 1, battery_mv: 0, error_count: 0 }),
      encodeMessage({ type: 'ack', seq: 4, t_us: 31_000, t_s: 0, cmd: 8, result: 0, cmd_seq: 900 }),
      sample(6),
    ];
    const r = decodeAll(concat(parts));
    expect(r.messages.map((m) => m.type)).toEqual(['descriptor', 'sample', 'command', 'status', 'ack', 'sample']);
    expect(r.counters.lost_frames).toBe(1);
  });
});

describe('frames this version cannot interpret', () => {
  it('an unknown type is skipped and counted, and still takes part in the sequence', () => {
    const unknown = frame(0x20, 2, 20_000, 3, (v, o) => v.setUint8(o, 1));
    const r = decodeAll(concat([sample(1), unknown, sample(3)]));
    expect(r.messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(r.counters).toEqual(counts({ frames: 3, unknown_type: 1 }, 48 + 17 + 48));
  });

  it('a sample whose layout does not match its len, or with 3 IMUs, is skipped', () => {
    const threeImu = frame(0x02, 2, 0, 2 + 36, (v, o) => v.setUint8(o, 0x30));
    const mismatch = frame(0x02, 3, 0, 32, (v, o) => v.setUint8(o, 0x24));
    const r = decodeAll(concat([sample(1), threeImu, mismatch, sample(4)]));
    expect(r.messages.map((m) => m.seq)).toEqual([1, 4]);
    expect(r.counters).toMatchObject({ frames: 4, unknown_type: 2, lost_frames: 0, crc_errors: 0, junk_bytes: 0 });
  });

  it('raw IMU blocks: 3 IMUs, a len of 12-byte blocks, or a raw layout seen as version 1 are skipped', () => {
    const threeRaw = frame(0x02, 2, 0, 2 + 42, (v, o) => v.setUint8(o, 0xb0)); // raw, n_imu 3
    const rawWithV1Len = frame(0x02, 3, 0, 2 + 8 + 24, (v, o) => v.setUint8(o, 0xa4)); // raw says 38, carries 34
    const v1WithRawLen = frame(0x02, 4, 0, 2 + 8 + 28, (v, o) => v.setUint8(o, 0x24)); // v1 says 34, carries 38
    const ok = encodeSample({ seq: 5, t_us: 0, flags: 0, fsr: [1, 2, 3, 4], imu: [], n_imu: 2 }, { rawImu: true });
    const r = decodeAll(concat([sample(1), threeRaw, rawWithV1Len, v1WithRawLen, ok]));
    expect(r.messages.map((m) => m.seq)).toEqual([1, 5]);
    expect(r.counters).toMatchObject({ frames: 5, unknown_type: 3, lost_frames: 0, crc_errors: 0, junk_bytes: 0 });
  });

  it('a raw IMU block is read big-endian with its temperature skipped', () => {
    const f = encodeSample({ seq: 1, t_us: 0, flags: 1, fsr: [], imu: [0x0102, -2, 3, -4, 0x7fff, -0x8000] },
      { rawImu: true, imuTemperature: [-3920] });
    expect(Array.from(f.subarray(12, 26))).toEqual([1, 2, 0xff, 0xfe, 0, 3, 0xf0, 0xb0, 0xff, 0xfc, 0x7f, 0xff, 0x80, 0x00]);
    expect(decodeAll(f).messages).toMatchObject([{ n_fsr: 0, n_imu: 1, imu: [0x0102, -2, 3, -4, 0x7fff, -0x8000] }]);
  });

  it.each([
    ['kind 4', 0, 4],
    ['hand 2', 1, 2],
    ['FSR site 2', 2, 2],
    ['unit 0', 3, 0],
    ['FSR in g', 3, 2],
  ])('a descriptor with an out-of-range channel code (%s) is skipped and counted', (_name, field, value) => {
    const d = encodeMessage(referenceDescriptor(1, 0));
    const codeAt = 10 + 14 + field; // first channel entry
    d[codeAt] = value;
    // Re-seal the frame so only the content is wrong, not the CRC.
    const fixed = frame(0x01, 1, 0, d.length - 14, (v, o) => {
      for (let k = 0; k < d.length - 14; k++) v.setUint8(o + k, d[10 + k]!);
    });
    const r = decodeAll(concat([fixed, sample(2)]));
    expect(r.messages.map((m) => m.type)).toEqual(['sample']);
    expect(r.counters).toMatchObject({ frames: 2, unknown_type: 1, crc_errors: 0, lost_frames: 0 });
  });

  it('a descriptor whose n_channels does not match its size is skipped', () => {
    const bad = frame(0x01, 1, 0, 14 + 16, (v, o) => {
      v.setUint8(o, 1);
      v.setUint8(o + 12, 2); // says 2 channels, carries 1
      v.setUint8(o + 14, 1);
      v.setUint8(o + 17, 1);
    });
    expect(decodeAll(bad).counters).toMatchObject({ frames: 1, unknown_type: 1 });
  });

  it('an unknown board, status event and flag bits are delivered as they are', () => {
    const d = encodeMessage(referenceDescriptor(1, 0));
    const reboard = frame(0x01, 1, 0, d.length - 14, (v, o) => {
      for (let k = 0; k < d.length - 14; k++) v.setUint8(o + k, d[10 + k]!);
      v.setUint8(o + 4, 77);
    });
    const status = encodeMessage({ type: 'status', seq: 2, t_us: 1, t_s: 0, event: 200, arg: 9, state: 0xffff, battery_mv: 1, error_count: 0 });
    const r = decodeAll(concat([reboard, status]));
    expect(r.messages).toMatchObject([{ type: 'descriptor', board: 'unknown' }, { type: 'status', event: 200, state: 0xffff }]);
    expect(r.counters.unknown_type).toBe(0);
  });
});

describe('time line', () => {
  const times = (...tus: number[]): number[] =>
    decodeAll(concat(tus.map((t, k) => sample(k, t)))).messages.map((m) => m.t_s);

  it('a smaller t_us just after the top of the u32 range adds 2^32', () => {
    expect(times(4294967000, 300, 10_300)).toEqual([4294.967, 4294.967596, 4294.977596]);
  });

  it('a smaller t_us elsewhere is a restart: time continues from where it was', () => {
    expect(times(5_000_000, 5_010_000, 0, 10_000)).toEqual([5, 5.01, 5.01, 5.02]);
  });

  it('the wrap window is the last 60 s before 2^32', () => {
    const edge = 2 ** 32 - 60_000_000;
    expect(times(edge, 0)[1]).toBe(2 ** 32 / 1e6);
    expect(times(edge - 1, 0)[1]).toBe((edge - 1) / 1e6);
  });

  it('t_s of a host attaching mid-stream starts at t_us, not 0', () => {
    expect(times(123_456_789)).toEqual([123.456789]);
  });

  it('commands carry t_s 0 and do not disturb the time line', () => {
    const r = decodeAll(concat([sample(1, 4_000_000), encodeCommand({ seq: 1, cmd: 1 }), sample(2, 4_010_000)]));
    expect(r.messages.map((m) => m.t_s)).toEqual([4, 0, 4.01]);
  });
});

describe('reset', () => {
  it('forgets buffer, counters and tracking; the counters object stays the same', () => {
    const d = new Decoder();
    const c = d.counters;
    d.push(concat([bytes(1, 2), sample(1), sample(2).subarray(0, 10)]), () => {});
    expect(d.pendingBytes).toBe(10);
    d.reset();
    expect(d.counters).toBe(c);
    expect(c).toEqual(counts({}, 0));
    expect(d.pendingBytes).toBe(0);
    const got: Message[] = [];
    d.push(concat([sample(500, 1000), sample(501, 2000)]), (m) => got.push(m));
    expect(got.map((m) => m.t_s)).toEqual([0.001, 0.002]);
    expect(c).toEqual(counts({ frames: 2 }, 96));
  });
});

describe('duplicates, restarts and segments (PROTOCOL.md section 4)', () => {
  it('two frames re-sent: 2 duplicates, not delivered, no loss, time unbent', () => {
    const r = decodeAll(concat([sample(10), sample(11), sample(12), sample(11), sample(12), sample(13)]));
    expect(r.messages.map((m) => m.seq)).toEqual([10, 11, 12, 13]);
    expect(r.messages.map((m) => m.t_s)).toEqual([0.1, 0.11, 0.12, 0.13]);
    expect(r.counters).toEqual(counts({ frames: 6, duplicates: 2 }, 6 * 48));
  });

  it('a re-sent chunk that cuts frames: the cut frame is junk, the copy completes it', () => {
    const clean = concat([sample(1), sample(2), sample(3), sample(4), sample(5)]);
    // bytes 30..130 (from inside frame 1 to inside frame 3) sent twice
    const input = concat([clean.subarray(0, 130), clean.subarray(30, 130), clean.subarray(130)]);
    const r = decodeAll(input);
    expect(r.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(r.counters.duplicates).toBe(1); // frame 2 came twice whole; frame 3's first start was cut
    expect(r.counters.lost_frames).toBe(0);
    expect(r.counters.restarts).toBe(0);
  });

  it('a capture appended to itself: every frame of the copy is a duplicate, nothing else changes', () => {
    const a = Array.from({ length: 5000 }, (_, k) => sample(k & 0xffff, k * 10_000));
    const once = decodeAll(concat(a));
    const twice = decodeAll(concat([...a, ...a]));
    expect(twice.counters).toEqual({ ...once.counters, bytes: 2 * once.counters.bytes, frames: 10_000, duplicates: 5000 });
    expect(twice.messages.map((m) => m.t_s)).toEqual(once.messages.map((m) => m.t_s));
  });

  it('a replay older than 65536 frames is not recognised: a capture of 70000 frames appended to itself', () => {
    // The table holds one frame per seq value (16 bits): the copy's first 4464 frames find their
    // slots taken by frames 65536 later, so they are new data after a restart; the next 61072
    // are duplicates; the last 4464 find their slots retaken by the copy's first ones.
    const N = 70_000;
    const a = Array.from({ length: N }, (_, k) => sample(k & 0xffff, k * 10_000));
    const r = decodeAll(concat([...a, ...a]));
    expect(DUP_WINDOW).toBe(65_536);
    expect(r.counters).toMatchObject({ frames: 2 * N, duplicates: 2 * DUP_WINDOW - N, restarts: 1, lost_frames: 0 });
    expect(r.messages).toHaveLength(N + 2 * (N - DUP_WINDOW));
  });

  it('same seq and time but other content is no duplicate: a restart', () => {
    const other = encodeSample({ seq: 11, t_us: 110_000, flags: 3, fsr: [1, 2, 3, 4], imu: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    const r = decodeAll(concat([sample(10), sample(11), sample(12), other]));
    expect(r.counters).toMatchObject({ duplicates: 0, restarts: 1, lost_frames: 0 });
    expect(r.messages.at(-1)!.t_s).toBe(0.12);
  });

  it('two captures appended: 1 restart, no lost frames, the second goes on from the time reached', () => {
    const a = Array.from({ length: 3000 }, (_, k) => sample(k, k * 10_000));
    const b = Array.from({ length: 100 }, (_, k) => sample(k, 5_000 + k * 10_000));
    const r = decodeAll(concat([...a, ...b]));
    expect(r.counters).toMatchObject({ frames: 3100, duplicates: 0, restarts: 1, lost_frames: 0 });
    const t = r.messages.map((m) => m.t_s);
    expect(t[3000]).toBe(t[2999]);
    expect(t[3099]).toBeCloseTo(29.99 + 0.99, 9);
  });

  it('a clock that jumps back with seq going on: a new segment from the time reached, not stretched', () => {
    const r = decodeAll(concat([sample(1, 100_000_000), sample(2, 100_010_000), sample(3, 40_000_000), sample(4, 40_010_000)]));
    expect(r.messages.map((m) => m.t_s)).toEqual([100, 100.01, 100.01, 100.02]);
    expect(r.counters).toMatchObject({ restarts: 1, lost_frames: 0 });
  });

  it('a wrap is no restart; going back to the middle of the range near the top is', () => {
    const top = 2 ** 32 - 20_000;
    const wrap = decodeAll(concat([sample(1, top), sample(2, top + 10_000), sample(3, 5_000)]));
    expect(wrap.counters.restarts).toBe(0);
    expect(wrap.messages.at(-1)!.t_s).toBeCloseTo((2 ** 32 + 5_000) / 1e6, 6);
    const back = decodeAll(concat([sample(1, top), sample(2, 3_000_000_000)]));
    expect(back.counters.restarts).toBe(1);
  });
});
