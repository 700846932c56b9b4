// Encoders for every message type (PROTOCOL.md section 3). Used by the simulator, the
// host's command sender and the tests; the firmware has its own allocation-free packer.
import {
  SYNC, HEADER_SIZE, LEN_OVERHEAD, CRC_SIZE, MAX_LEN,
  MSG_DESCRIPTOR, MSG_SAMPLE, MSG_STATUS, MSG_COMMAND, MSG_ACK,
  DESCRIPTOR_HEADER_SIZE, CHANNEL_ENTRY_SIZE, STATUS_PAYLOAD_SIZE, ACK_PAYLOAD_SIZE,
  PROTOCOL_VERSION,
} from './constants';
import { crc32 } from './crc32';
import { boardCode, channelCodes } from './names';
import type { Ack, Command, Descriptor, Sample, Status } from './types';

/** Builds one frame: fills the header, lets `fill` write the payload, appends the CRC. */
export function frame(
  type: number, seq: number, t_us: number, payloadSize: number,
  fill: (view: DataView, payloadOffset: number) => void,
): Uint8Array {
  const len = LEN_OVERHEAD + payloadSize;
  if (len > MAX_LEN) throw new RangeError(`payload of ${payloadSize} bytes exceeds the protocol maximum`);
  const out = new Uint8Array(len + 7);
  const v = new DataView(out.buffer);
  out[0] = SYNC;
  v.setUint16(1, len, true);
  out[3] = type;
  v.setUint16(4, seq & 0xffff, true);
  v.setUint32(6, t_us >>> 0, true);
  fill(v, HEADER_SIZE);
  v.setUint32(HEADER_SIZE + payloadSize, crc32(out, 1, HEADER_SIZE + payloadSize), true);
  return out;
}

export function encodeDescriptor(d: Omit<Descriptor, 'type' | 't_s'>): Uint8Array {
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
  });
}

export function samplePayloadSize(nFsr: number, nImu: number): number {
  return 2 + 2 * nFsr + 12 * nImu;
}

export function encodeSample(s: Omit<Sample, 'type' | 't_s' | 'n_fsr' | 'n_imu'> & { n_imu?: number }): Uint8Array {
  const nFsr = s.fsr.length;
  const nImu = s.n_imu ?? s.imu.length / 6;
  return frame(MSG_SAMPLE, s.seq, s.t_us, samplePayloadSize(nFsr, nImu), (v, o) => {
    v.setUint8(o, (nFsr & 0x0f) | (nImu << 4));
    v.setUint8(o + 1, s.flags);
    let p = o + 2;
    for (let i = 0; i < nFsr; i++, p += 2) v.setUint16(p, s.fsr[i]!, true);
    for (let i = 0; i < nImu * 6; i++, p += 2) v.setInt16(p, s.imu[i] ?? 0, true);
  });
}

export function encodeStatus(s: Omit<Status, 'type' | 't_s'>): Uint8Array {
  return frame(MSG_STATUS, s.seq, s.t_us, STATUS_PAYLOAD_SIZE, (v, o) => {
    v.setUint8(o, s.event);
    v.setUint8(o + 1, s.arg);
    v.setUint16(o + 2, s.state, true);
    v.setUint16(o + 4, s.battery_mv, true);
    v.setUint16(o + 6, Math.min(s.error_count, 0xffff), true);
  });
}

export function encodeCommand(c: { seq: number; cmd: number; args?: ArrayLike<number> }): Uint8Array {
  const args = c.args ?? [];
  return frame(MSG_COMMAND, c.seq, 0, 1 + args.length, (v, o) => {
    v.setUint8(o, c.cmd);
    for (let i = 0; i < args.length; i++) v.setUint8(o + 1 + i, args[i]!);
  });
}

export function encodeAck(a: Omit<Ack, 'type' | 't_s'>): Uint8Array {
  return frame(MSG_ACK, a.seq, a.t_us, ACK_PAYLOAD_SIZE, (v, o) => {
    v.setUint8(o, a.cmd);
    v.setUint8(o + 1, a.result);
    v.setUint16(o + 2, a.cmd_seq, true);
  });
}

/** u16 little-endian argument bytes, for set_rate and set_thresholds. */
export function u16le(...values: number[]): number[] {
  const out: number[] = [];
  for (const x of values) out.push(x & 0xff, (x >> 8) & 0xff);
  return out;
}

export type { Command };
export { CRC_SIZE };
