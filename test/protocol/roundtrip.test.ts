// encode -> decode gives back every message type, field for field, and t_s is derived from
// t_us as PROTOCOL.md section 4 says.
import { describe, expect, it } from 'vitest';
import { Decoder, decodeAll } from '../../shared/protocol/decoder';
import { encodeCommand, encodeSample, frame, u16le } from '../../shared/protocol/encode';
import type { Message } from '../../shared/protocol/types';
import { KALUMA_V2, buildCapture, gloveCapture, referenceDescriptor, withoutTime } from './helpers';

const ONE_OF_EACH: Message[] = [
  referenceDescriptor(10, 5_000),
  {
    type: 'sample', seq: 11, t_us: 15_000, t_s: 0, n_fsr: 4, n_imu: 2, flags: 0b1111,
    fsr: [0, 1, 65534, 65535], imu: [-32768, -1, 0, 1, 32767, 100, -100, 2, 3, 4, 5, 6],
  },
  { type: 'sample', seq: 12, t_us: 25_000, t_s: 0, n_fsr: 15, n_imu: 0, flags: 4, fsr: Array.from({ length: 15 }, (_, k) => k * 4000), imu: [] },
  { type: 'sample', seq: 13, t_us: 35_000, t_s: 0, n_fsr: 1, n_imu: 1, flags: 1, fsr: [77], imu: [1, 2, 3, -4, -5, -6] },
  { type: 'status', seq: 14, t_us: 36_000, t_s: 0, event: 9, arg: 0, state: 0b1100001, battery_mv: 4100, error_count: 3 },
  { type: 'command', seq: 3, t_us: 0, t_s: 0, cmd: 7, args: Uint8Array.from(u16le(1200, 40000)) },
  { type: 'command', seq: 4, t_us: 0, t_s: 0, cmd: 8, args: new Uint8Array(0) },
  { type: 'ack', seq: 15, t_us: 40_000, t_s: 0, cmd: 7, result: 0, cmd_seq: 3 },
];

describe('round trip', () => {
  it('every message type decodes to what was encoded', () => {
    const { bytes } = buildCapture(ONE_OF_EACH);
    const { messages, counters } = decodeAll(bytes);
    expect(messages.map(withoutTime)).toEqual(ONE_OF_EACH.map(withoutTime));
    expect(counters).toEqual({
      bytes: bytes.length, frames: 8, crc_errors: 0, resyncs: 0, lost_frames: 0, junk_bytes: 0, unknown_type: 0, duplicates: 0, restarts: 0,
    });
  });

  it('t_s is t_us in seconds for device frames and 0 for commands', () => {
    const { messages } = decodeAll(buildCapture(ONE_OF_EACH).bytes);
    expect(messages.map((m) => m.t_s)).toEqual([0.005, 0.015, 0.025, 0.035, 0.036, 0, 0, 0.04]);
  });

  it('a descriptor with 62 channels (the most len allows) is an intact frame a host cannot interpret; 63 cannot be encoded', () => {
    const d = referenceDescriptor(1, 1);
    const many = { ...d, channels: Array.from({ length: 62 }, (_, k) => d.channels[k % 16]!) };
    const { messages, counters } = decodeAll(buildCapture([many]).bytes);
    expect(messages).toEqual([]);
    expect(counters).toMatchObject({ frames: 1, unknown_type: 1, junk_bytes: 0 });
    expect(() => buildCapture([{ ...many, channels: [...many.channels, d.channels[0]!] }])).toThrow(RangeError);
  });

  it('the command arguments are a copy, not a view of the input', () => {
    const bytes = encodeCommand({ seq: 1, cmd: 3, args: u16le(100) });
    const got: Message[] = [];
    new Decoder().push(bytes, (m) => got.push(m));
    bytes.fill(0);
    expect(got[0]).toMatchObject({ type: 'command', cmd: 3, args: Uint8Array.from([100, 0]) });
  });

  it('Node Buffers from a serial port (pooled, with a byteOffset) decode the same', () => {
    const d = referenceDescriptor(3, 30);
    const frames = buildCapture([d, { type: 'command', seq: 9, t_us: 0, t_s: 0, cmd: 4, args: Uint8Array.of(5) }]).bytes;
    const pooled = Buffer.from(frames); // small Buffers share a pool: byteOffset is usually > 0
    const got: Message[] = [];
    new Decoder().push(pooled, (m) => got.push(m));
    expect(got.map(withoutTime)).toEqual([withoutTime(d), { type: 'command', seq: 9, t_us: 0, cmd: 4, args: Uint8Array.of(5) }]);
    const args = (got[1] as Extract<Message, { type: 'command' }>).args;
    expect(Buffer.isBuffer(args)).toBe(false);
    pooled.fill(0);
    expect(Array.from(args)).toEqual([5]);
  });

  it('a long capture: 3000 samples and 15 descriptors, nothing lost', () => {
    const cap = gloveCapture(3000);
    const { messages, counters } = decodeAll(cap.bytes);
    expect(messages.length).toBe(3015);
    expect(messages.map(withoutTime)).toEqual(cap.messages.map(withoutTime));
    expect(counters.frames).toBe(3015);
    expect(counters.lost_frames).toBe(0);
    expect(messages.at(-1)!.t_s).toBeCloseTo(29.99, 9);
  });

  it('every message type decodes to what was encoded, in Kaluma style too (Fletcher-32, raw IMU blocks)', () => {
    const { bytes } = buildCapture(ONE_OF_EACH, ONE_OF_EACH.map(() => KALUMA_V2));
    const { messages, counters } = decodeAll(bytes);
    expect(messages.map(withoutTime)).toEqual(ONE_OF_EACH.map(withoutTime));
    expect(counters).toMatchObject({ frames: 8, crc_errors: 0, junk_bytes: 0, unknown_type: 0 });
    // the commands keep CRC-32; every device frame has type bit 7, every sample layout bit 7
    const types = [];
    for (let i = 0; i < bytes.length; i += (bytes[i + 1]! | (bytes[i + 2]! << 8)) + 7) types.push(bytes[i + 3]!);
    expect(types).toEqual([0x81, 0x82, 0x82, 0x82, 0x83, 0x10, 0x10, 0x91]);
  });

  it('a long Kaluma capture: 3000 samples in 52-byte frames, nothing lost', () => {
    const cap = gloveCapture(3000, 0, 0, KALUMA_V2);
    const { messages, counters } = decodeAll(cap.bytes);
    expect(messages.map(withoutTime)).toEqual(cap.messages.map(withoutTime));
    expect(counters).toMatchObject({ frames: 3015, lost_frames: 0, crc_errors: 0, junk_bytes: 0 });
    expect(cap.bytes.length).toBe(3000 * 52 + 15 * 284);
  });

  it('frame() refuses Fletcher-32 where it would be no frame (a command, an even len) and a type above 7 bits', () => {
    expect(() => frame(0x10, 1, 0, 2, () => {}, 'fletcher32')).toThrow(RangeError);
    expect(() => frame(0x40, 1, 0, 3, () => {}, 'fletcher32')).toThrow(RangeError);
    expect(frame(0x40, 1, 0, 2, () => {}, 'fletcher32')[3]).toBe(0xc0);
    expect(frame(0x40, 1, 0, 3, () => {})[3]).toBe(0x40);
    expect(() => frame(0x82, 1, 0, 2, () => {})).toThrow(RangeError); // the check kind is not part of the type
  });

  it('encodeSample fills a missing IMU with zeros when n_imu is given', () => {
    const { messages } = decodeAll(encodeSample({ seq: 1, t_us: 1, flags: 0, fsr: [5], imu: [], n_imu: 1 }));
    expect(messages[0]).toMatchObject({ n_fsr: 1, n_imu: 1, imu: [0, 0, 0, 0, 0, 0] });
  });
});
