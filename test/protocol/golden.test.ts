// Golden vectors: fixed bytes for each message type, with edge values (seq 65535, t_us 2^32-1,
// extreme i16/u16, empty payload parts). If encode.ts or the decoder changes the wire format,
// these fail. (The CRCs were also checked with Python's zlib.crc32 when the vectors were made.)
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../shared/protocol/crc32';
import { decodeAll } from '../../shared/protocol/decoder';
import type { Message } from '../../shared/protocol/types';
import type { SampleOptions } from '../../shared/protocol/encode';
import { encodeMessage, fromHex, toHex, withoutTime } from './helpers';

const VECTORS: [string, Message][] = [
  ['a535000100000000000001020aff0200ffffffffc800020001010101000044410000403f00008044030002030000003d0000e0c000000000f660eaf8', {
    type: 'descriptor', seq: 0, t_us: 0, t_s: 0, protocol_version: 1, firmware_version: '2.10.255', board: 'kaluma-pico',
    device_id: 0xffffffff, sample_rate_hz: 200, channels: [
      { kind: 'fsr', hand: 'right', site: 'knuckle', unit: 'N', name: 'right_knuckle', p0: 12.25, p1: 0.75, p2: 1024 },
      { kind: 'gyro', hand: 'left', site: 'z', unit: 'dps', name: 'left_gz', p0: 0.03125, p1: -7, p2: 0 },
    ],
  }],
  ['a5150001ffffffffffff0100000103000100000019000000c04322c0', {
    type: 'descriptor', seq: 65535, t_us: 4294967295, t_s: 0, protocol_version: 1, firmware_version: '0.0.1',
    board: 'simulator', device_id: 1, sample_rate_hz: 25, channels: [],
  }],
  ['a5190002ffffffffffff12050000ffff0080ff7fffff010000000001b85d9131', {
    type: 'sample', seq: 65535, t_us: 4294967295, t_s: 0, n_fsr: 2, n_imu: 1, flags: 0x05,
    fsr: [0, 65535], imu: [-32768, 32767, -1, 1, 0, 256],
  }],
  ['a509000200000100000000004a7460f5', {
    type: 'sample', seq: 0, t_us: 1, t_s: 0, n_fsr: 0, n_imu: 0, flags: 0, fsr: [], imu: [],
  }],
  ['a50f00032a0040420f0008017f000000ffffebfbcf7f', {
    type: 'status', seq: 42, t_us: 1_000_000, t_s: 0, event: 8, arg: 1, state: 0x7f, battery_mv: 0, error_count: 65535,
  }],
  ['a5080010010000000000018b22965d', { type: 'command', seq: 1, t_us: 0, t_s: 0, cmd: 1, args: new Uint8Array([]) }],
  ['a50b00100200000000000602f4014a728663', {
    type: 'command', seq: 2, t_us: 0, t_s: 0, cmd: 6, args: new Uint8Array([2, 0xf4, 0x01]),
  }],
  ['a50b0011070015cd5b070902ffff68954be8', { type: 'ack', seq: 7, t_us: 123456789, t_s: 0, cmd: 9, result: 2, cmd_seq: 65535 }],
];

/**
 * Version 2 encodings (PROTOCOL.md 2.2, 3.2): Fletcher-32 (type bit 7) and raw IMU blocks
 * (layout bit 7, big-endian, the temperature skipped). Checked with independent_decoder.py.
 */
const V2_VECTORS: [string, Message, SampleOptions][] = [
  ['a51b0082ffffffffffff92050000ffff80007fffffff8000000100000100b8a4e8f7', {
    type: 'sample', seq: 65535, t_us: 4294967295, t_s: 0, n_fsr: 2, n_imu: 1, flags: 0x05,
    fsr: [0, 65535], imu: [-32768, 32767, -1, 1, 0, 256],
  }, { check: 'fletcher32', rawImu: true, imuTemperature: [-32768] }],
  ['a5430002000001000000af000000111122223333444455556666777788889999aaaabbbbccccddddeeee0001000200030000000400050006fffffffefffd7ffffffcfffbfffafe009123', {
    type: 'sample', seq: 0, t_us: 1, t_s: 0, n_fsr: 15, n_imu: 2, flags: 0,
    fsr: Array.from({ length: 15 }, (_, k) => k * 4369), imu: [1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6],
  }, { rawImu: true, imuTemperature: [0, 32767] }],
  ['a50f00832a0040420f00002523000000000041fa2dc8', {
    type: 'status', seq: 42, t_us: 1_000_000, t_s: 0, event: 0, arg: 37, state: 0x23, battery_mv: 0, error_count: 0,
  }, { check: 'fletcher32' }],
  ['a50b0091070015cd5b070900ffff26712402', {
    type: 'ack', seq: 7, t_us: 123456789, t_s: 0, cmd: 9, result: 0, cmd_seq: 65535,
  }, { check: 'fletcher32' }],
];

describe('golden vectors', () => {
  it('CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  for (const [hex, message] of VECTORS) {
    const label = `${message.type} seq ${message.seq}`;
    it(`${label}: encodes to the fixed bytes`, () => {
      expect(toHex(encodeMessage(message)).replace(/ /g, '')).toBe(hex);
    });
    // A lone gyroscope channel is no whole IMU (PROTOCOL.md 3.1): intact, but skipped and counted.
    const refused = message.type === 'descriptor' && message.channels.some((c) => c.kind === 'gyro') && message.channels.length < 7;
    it(`${label}: the fixed bytes decode to the message${refused ? ' (refused: uninterpretable)' : ''}`, () => {
      const { messages, counters } = decodeAll(fromHex(hex));
      expect(messages.map(withoutTime)).toEqual(refused ? [] : [withoutTime(message)]);
      expect(counters).toEqual({
        bytes: hex.length / 2, frames: 1, crc_errors: 0, resyncs: 0, lost_frames: 0, junk_bytes: 0, unknown_type: refused ? 1 : 0, duplicates: 0, restarts: 0,
      });
    });
  }

  for (const [hex, message, opts] of V2_VECTORS) {
    const label = `${message.type} seq ${message.seq} (${opts.check ?? 'crc32'}${opts.rawImu ? ', raw IMU blocks' : ''})`;
    it(`${label}: encodes to the fixed bytes`, () => {
      expect(toHex(encodeMessage(message, opts)).replace(/ /g, '')).toBe(hex);
    });
    it(`${label}: the fixed bytes decode to the message`, () => {
      const { messages, counters } = decodeAll(fromHex(hex));
      expect(messages.map(withoutTime)).toEqual([withoutTime(message)]);
      expect(counters).toMatchObject({ bytes: hex.length / 2, frames: 1, junk_bytes: 0, unknown_type: 0 });
    });
  }

  it('sample frame of the reference glove is 52 bytes in raw IMU blocks (version 2), 48 in the version 1 layout', () => {
    const m: Message = {
      type: 'sample', seq: 1, t_us: 2, t_s: 0, n_fsr: 4, n_imu: 2, flags: 3, fsr: [1, 2, 3, 4], imu: new Array(12).fill(0),
    };
    for (const check of ['crc32', 'fletcher32'] as const) {
      const s = encodeMessage(m, { check, rawImu: true });
      expect(s.length).toBe(52);
      expect([s[1]! | (s[2]! << 8), s[3], s[10]]).toEqual([45, check === 'crc32' ? 0x02 : 0x82, 0xa4]);
    }
  });

  it('sample frame of the reference glove is 48 bytes', () => {
    const s = encodeMessage({
      type: 'sample', seq: 1, t_us: 2, t_s: 0, n_fsr: 4, n_imu: 2, flags: 3, fsr: [1, 2, 3, 4], imu: new Array(12).fill(0),
    });
    expect(s.length).toBe(48);
    expect(s[1]! | (s[2]! << 8)).toBe(41);
  });
});
