// Encoders for every message type (PROTOCOL.md section 3). Used by the simulator, the
// host's command sender and the tests; the firmware has its own allocation-free packer.
// Device frames carry CRC-32 by default; `check: 'fletcher32'` writes what a board without a
// native CRC sends (type bit 7, PROTOCOL.md 2.2), and a sample's `rawImu` the MPU-6050's own
// 14-byte bursts (layout bit 7, PROTOCOL.md 3.2): together, a version 2 Kaluma glove's frames.
// Commands have two encodings: the text command of version 2 (encodeCommandText, what a host
// sends by default) and the binary command frame of version 1 (encodeCommand, only for a glove
// whose descriptor says protocol_version 1); encodeCommandFor picks one.
import {
  SYNC, HEADER_SIZE, LEN_OVERHEAD, CRC_SIZE, MAX_LEN,
  MSG_DESCRIPTOR, MSG_SAMPLE, MSG_STATUS, MSG_COMMAND, MSG_ACK,
  DESCRIPTOR_HEADER_SIZE, CHANNEL_ENTRY_SIZE, STATUS_PAYLOAD_SIZE, ACK_PAYLOAD_SIZE,
  PROTOCOL_VERSION, PROTOCOL_VERSION_BINARY_COMMANDS,
  TEXT_COMMAND_CLOSE, TEXT_COMMAND_MAX_ARGS, TEXT_COMMAND_OPEN, TEXT_COMMAND_OVERHEAD,
} from './constants';
import { crc32 } from './crc32';
import { LAYOUT_RAW_IMU, TYPE_FLETCHER } from './decoder';
import { fletcher32 } from './fletcher32';
import { boardCode, channelCodes } from './names';
import type { Ack, Command, Descriptor, Sample, Status } from './types';

/** The frame check of a device frame (PROTOCOL.md 2.2): CRC-32, or Fletcher-32 (type bit 7). */
export type FrameCheck = 'crc32' | 'fletcher32';

/** How a device frame is sealed; a device uses one check kind for all its frames. */
export interface FrameOptions {
  /** 'crc32' (default, as version 1) or 'fletcher32' (device frames only, version 2). */
  check?: FrameCheck;
}

/** A sample's encoding: the frame check, and the layout of its IMU values. */
export interface SampleOptions extends FrameOptions {
  /**
   * Each IMU as the MPU-6050's raw 14-byte burst (layout bit 7, version 2): ax ay az, the
   * temperature, gx gy gz, all big-endian. Default: the version 1 layout, 12 bytes LE per IMU.
   */
  rawImu?: boolean;
  /** Raw blocks only: the temperature word of each IMU (raw i16 counts; default 0). Not decoded. */
  imuTemperature?: ArrayLike<number>;
}

/**
 * Builds one frame: fills the header, lets `fill` write the payload, appends the frame check:
 * CRC-32 of bytes 1..2+len (default), or with `check` 'fletcher32' the type's bit 7 set and
 * Fletcher-32 of bytes 0..2+len. `type` is the 7-bit message type. A Fletcher frame must be a
 * device frame (not type 0x10) with an odd `len`; anything else would not be a frame
 * (PROTOCOL.md section 4, step 2): RangeError.
 */
export function frame(
  type: number, seq: number, t_us: number, payloadSize: number,
  fill: (view: DataView, payloadOffset: number) => void,
  check: FrameCheck = 'crc32',
): Uint8Array {
  const len = LEN_OVERHEAD + payloadSize;
  if (len > MAX_LEN) throw new RangeError(`payload of ${payloadSize} bytes exceeds the protocol maximum`);
  if (type < 0 || type > 0x7f) throw new RangeError(`message type ${type} is not 7 bits (the check kind is \`check\`)`);
  const fletcher = check === 'fletcher32';
  if (fletcher && (type === MSG_COMMAND || (len & 1) === 0)) {
    throw new RangeError(`a Fletcher-32 frame must be a device frame with an odd len (type ${type}, len ${len})`);
  }
  const out = new Uint8Array(len + 7);
  const v = new DataView(out.buffer);
  out[0] = SYNC;
  v.setUint16(1, len, true);
  out[3] = fletcher ? type | TYPE_FLETCHER : type;
  v.setUint16(4, seq & 0xffff, true);
  v.setUint32(6, t_us >>> 0, true);
  fill(v, HEADER_SIZE);
  const end = HEADER_SIZE + payloadSize;
  v.setUint32(end, fletcher ? fletcher32(out, 0, end) : crc32(out, 1, end), true);
  return out;
}

export function encodeDescriptor(d: Omit<Descriptor, 'type' | 't_s'>, opts: FrameOptions = {}): Uint8Array {
  const n = d.channels.length;
  const [maj, min, pat] = d.firmware_version.split('.').map((x) => Number(x) | 0);
  return frame(MSG_DESCRIPTOR, d.seq, d.t_us, DESCRIPTOR_HEADER_SIZE + CHANNEL_ENTRY_SIZE * n, (v, o) => {
    v.setUint8(o + 0, d.protocol_version ?? PROTOCOL_VERSION);
    v.setUint8(o + 1, maj ?? 0);
    v.setUint8(o + 2, min ?? 0);
    v.setUint8(o + 3, pat ?? 0);
    v.setUint8(o + 4, boardCode(d.board));
    v.setUint32(o + 6, d.device_id >>> 0, true);
    v.setUint16(o + 10, d.sample_rate_hz, true);
    v.setUint8(o + 12, n);
    let c = o + DESCRIPTOR_HEADER_SIZE;
    for (const ch of d.channels) {
      const codes = channelCodes(ch);
      v.setUint8(c, codes.kind);
      v.setUint8(c + 1, codes.hand);
      v.setUint8(c + 2, codes.site);
      v.setUint8(c + 3, codes.unit);
      v.setFloat32(c + 4, ch.p0, true);
      v.setFloat32(c + 8, ch.p1, true);
      v.setFloat32(c + 12, ch.p2, true);
      c += CHANNEL_ENTRY_SIZE;
    }
  }, opts.check);
}

/** Payload size of a sample: 12 bytes per IMU in the version 1 layout, 14 in raw blocks. */
export function samplePayloadSize(nFsr: number, nImu: number, rawImu = false): number {
  return 2 + 2 * nFsr + (rawImu ? 14 : 12) * nImu;
}

/** Byte offsets of ax ay az gx gy gz inside a raw IMU block (6-7 is the temperature). */
const RAW_IMU_AXES = [0, 2, 4, 8, 10, 12];

export function encodeSample(
  s: Omit<Sample, 'type' | 't_s' | 'n_fsr' | 'n_imu'> & { n_imu?: number },
  opts: SampleOptions = {},
): Uint8Array {
  const nFsr = s.fsr.length;
  const nImu = s.n_imu ?? s.imu.length / 6;
  const raw = opts.rawImu === true;
  if (raw && nImu > 7) throw new RangeError(`${nImu} IMUs do not fit the 3 bits of a raw layout`);
  return frame(MSG_SAMPLE, s.seq, s.t_us, samplePayloadSize(nFsr, nImu, raw), (v, o) => {
    v.setUint8(o, (nFsr & 0x0f) | (nImu << 4) | (raw ? LAYOUT_RAW_IMU : 0));
    v.setUint8(o + 1, s.flags);
    let p = o + 2;
    for (let i = 0; i < nFsr; i++, p += 2) v.setUint16(p, s.fsr[i]!, true);
    if (raw) {
      // big-endian, as the MPU-6050 sends them from ACCEL_XOUT_H; the temperature sits between
      for (let m = 0; m < nImu; m++, p += 14) {
        RAW_IMU_AXES.forEach((at, a) => v.setInt16(p + at, s.imu[6 * m + a] ?? 0, false));
        v.setInt16(p + 6, opts.imuTemperature?.[m] ?? 0, false);
      }
    } else {
      for (let i = 0; i < nImu * 6; i++, p += 2) v.setInt16(p, s.imu[i] ?? 0, true);
    }
  }, opts.check);
}

export function encodeStatus(s: Omit<Status, 'type' | 't_s'>, opts: FrameOptions = {}): Uint8Array {
  return frame(MSG_STATUS, s.seq, s.t_us, STATUS_PAYLOAD_SIZE, (v, o) => {
    v.setUint8(o, s.event);
    v.setUint8(o + 1, s.arg);
    v.setUint16(o + 2, s.state, true);
    v.setUint16(o + 4, s.battery_mv, true);
    v.setUint16(o + 6, Math.min(s.error_count, 0xffff), true);
  }, opts.check);
}

/** What a host puts in a command: its own sequence number, the command code, argument bytes. */
export interface CommandSpec {
  seq: number;
  cmd: number;
  args?: ArrayLike<number>;
}

/** Version 1: the binary command frame (type 0x10). Only for a glove that announces protocol_version 1. */
export function encodeCommand(c: CommandSpec): Uint8Array {
  const args = c.args ?? [];
  return frame(MSG_COMMAND, c.seq, 0, 1 + args.length, (v, o) => {
    v.setUint8(o, c.cmd);
    for (let i = 0; i < args.length; i++) v.setUint8(o + 1 + i, args[i]!);
  });
}

/** ASCII codes of the lower-case hex digits. */
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/**
 * The body of a version 2 text command: seq u16 LE, cmd u8, the argument bytes, then the
 * CRC-32 of those bytes (u32 LE). seq is taken modulo 2^16, cmd and each argument modulo 2^8.
 */
export function commandBody(c: CommandSpec): Uint8Array {
  const args = c.args ?? [];
  if (args.length > TEXT_COMMAND_MAX_ARGS) {
    throw new RangeError(`${args.length} argument bytes exceed the ${TEXT_COMMAND_MAX_ARGS} a command can carry`);
  }
  const body = new Uint8Array(TEXT_COMMAND_OVERHEAD + args.length);
  body[0] = c.seq & 0xff;
  body[1] = (c.seq >>> 8) & 0xff;
  body[2] = c.cmd & 0xff;
  for (let i = 0; i < args.length; i++) body[3 + i] = args[i]! & 0xff;
  const end = 3 + args.length;
  new DataView(body.buffer).setUint32(end, crc32(body, 0, end), true);
  return body;
}

/**
 * Version 2: the text command `{` + lower-case hex of the body + `}` (PROTOCOL.md section 3.4),
 * as ASCII bytes. Every byte is one of `{` `}` `0-9` `a-f`: never a control character.
 */
export function encodeCommandText(c: CommandSpec): Uint8Array {
  const body = commandBody(c);
  const out = new Uint8Array(2 + 2 * body.length);
  out[0] = TEXT_COMMAND_OPEN;
  for (let i = 0; i < body.length; i++) {
    out[1 + 2 * i] = HEX_DIGITS[body[i]! >> 4]!;
    out[2 + 2 * i] = HEX_DIGITS[body[i]! & 0x0f]!;
  }
  out[out.length - 1] = TEXT_COMMAND_CLOSE;
  return out;
}

/**
 * Whether a host sends text commands to a glove whose latest descriptor carried `version`
 * (undefined: no descriptor seen yet). Only a glove that says version 1 gets binary frames.
 */
export function usesTextCommands(version: number | undefined): boolean {
  return version !== PROTOCOL_VERSION_BINARY_COMMANDS;
}

/** The command in the encoding a glove of protocol `version` receives (undefined: not known yet, text). */
export function encodeCommandFor(version: number | undefined, c: CommandSpec): Uint8Array {
  return usesTextCommands(version) ? encodeCommandText(c) : encodeCommand(c);
}

export function encodeAck(a: Omit<Ack, 'type' | 't_s'>, opts: FrameOptions = {}): Uint8Array {
  return frame(MSG_ACK, a.seq, a.t_us, ACK_PAYLOAD_SIZE, (v, o) => {
    v.setUint8(o, a.cmd);
    v.setUint8(o + 1, a.result);
    v.setUint16(o + 2, a.cmd_seq, true);
  }, opts.check);
}

/** u16 little-endian argument bytes, for set_rate and set_thresholds. */
export function u16le(...values: number[]): number[] {
  const out: number[] = [];
  for (const x of values) out.push(x & 0xff, (x >> 8) & 0xff);
  return out;
}

export type { Command };
export { CRC_SIZE };
