// Shared pieces of the protocol tests: the reference glove, capture building, hex, and which
// frames of a capture survived a damage() run.
import { decodeAll } from '../../shared/protocol/decoder';
import {
  encodeAck, encodeCommand, encodeDescriptor, encodeSample, encodeStatus, type SampleOptions,
} from '../../shared/protocol/encode';
import { channelName } from '../../shared/protocol/names';
import type { Channel, Descriptor, Message } from '../../shared/protocol/types';
import type { DamageEvent } from '../../host/sim/damage';

function ch(kind: Channel['kind'], hand: Channel['hand'], site: Channel['site'], p0: number, p1: number, p2: number): Channel {
  const unit = kind === 'fsr' ? 'N' : kind === 'accel' ? 'g' : 'dps';
  return { kind, hand, site, unit, name: channelName(kind, hand, site), p0, p1, p2 };
}

/** Float32 rounding, so channel parameters compare equal after a round trip. */
export const f32 = (x: number): number => Math.fround(x);

/** The reference glove of PROTOCOL.md section 6.1 (4 FSR, then left IMU, then right IMU). */
export const REFERENCE_CHANNELS: Channel[] = [
  ch('fsr', 'left', 'thumb', 6.5, 1.25, 412),
  ch('fsr', 'right', 'thumb', 6.5, 1.25, 398),
  ch('fsr', 'left', 'knuckle', 9, 1.5, 275),
  ch('fsr', 'right', 'knuckle', 9, 1.5, 301),
  ch('accel', 'left', 'x', 1 / 8192, 120, 0),
  ch('accel', 'left', 'y', 1 / 8192, -85, 0),
  ch('accel', 'left', 'z', 1 / 8192, 310, 0),
  ch('gyro', 'left', 'x', f32(1 / 65.5), -21, 0),
  ch('gyro', 'left', 'y', f32(1 / 65.5), 14, 0),
  ch('gyro', 'left', 'z', f32(1 / 65.5), 3, 0),
  ch('accel', 'right', 'x', 1 / 8192, -64, 0),
  ch('accel', 'right', 'y', 1 / 8192, 42, 0),
  ch('accel', 'right', 'z', 1 / 8192, -198, 0),
  ch('gyro', 'right', 'x', f32(1 / 65.5), 9, 0),
  ch('gyro', 'right', 'y', f32(1 / 65.5), -17, 0),
  ch('gyro', 'right', 'z', f32(1 / 65.5), 25, 0),
];

export function referenceDescriptor(seq: number, t_us: number): Descriptor {
  return {
    type: 'descriptor', seq, t_us, t_s: 0, protocol_version: 2, firmware_version: '1.0.0',
    board: 'espruino-pico', device_id: 0x3c0a1f27, sample_rate_hz: 100, channels: REFERENCE_CHANNELS,
  };
}

/**
 * The frame of a message. `opts` picks the version 2 encodings of a device frame (Fletcher-32,
 * raw IMU blocks for a sample); a command frame always carries CRC-32 (PROTOCOL.md 2.2).
 */
export function encodeMessage(m: Message, opts: SampleOptions = {}): Uint8Array {
  switch (m.type) {
    case 'descriptor': return encodeDescriptor(m, opts);
    case 'sample': return encodeSample(m, opts);
    case 'status': return encodeStatus(m, opts);
    case 'command': return encodeCommand({ seq: m.seq, cmd: m.cmd, args: m.args });
    case 'ack': return encodeAck(m, opts);
  }
}

/** How a Kaluma glove of version 2 encodes its frames: Fletcher-32 and raw IMU blocks. */
export const KALUMA_V2: SampleOptions = { check: 'fletcher32', rawImu: true };

/** The message without the decoder-computed t_s, for comparing with what was encoded. */
export function withoutTime(m: Message): Omit<Message, 't_s'> {
  const { t_s: _ignored, ...rest } = m;
  return rest;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(clean)) throw new Error(`not hex: ${text}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export interface Capture {
  bytes: Uint8Array;
  messages: Message[];
  /** [start, end) of each message's frame in `bytes`. */
  ranges: [number, number][];
}

/** The frames of `messages`, one after another; `options[k]` encodes message k (default: v1 style). */
export function buildCapture(messages: Message[], options: (SampleOptions | undefined)[] = []): Capture {
  const frames = messages.map((m, k) => encodeMessage(m, options[k]));
  const ranges: [number, number][] = [];
  let o = 0;
  for (const f of frames) {
    ranges.push([o, o + f.length]);
    o += f.length;
  }
  return { bytes: concat(frames), messages, ranges };
}

/**
 * A glove streaming at 100 Hz: `samples` sample frames of the reference glove, a descriptor
 * first and every 2 s, one shared sequence counter starting at `seq0`. `opts` encodes every
 * frame (KALUMA_V2: a Kaluma glove's Fletcher-32 frames with raw IMU blocks; the descriptor
 * then says board kaluma-pico).
 */
export function gloveCapture(samples: number, seq0 = 0, t0_us = 0, opts: SampleOptions = {}): Capture {
  const messages: Message[] = [];
  const options: SampleOptions[] = [];
  const board = opts.check === 'fletcher32' ? 'kaluma-pico' : 'espruino-pico';
  let seq = seq0;
  for (let k = 0; k < samples; k++) {
    const t_us = (t0_us + k * 10_000) >>> 0;
    if (k % 200 === 0) {
      messages.push({ ...referenceDescriptor(seq++ & 0xffff, t_us), board });
      options.push(opts);
    }
    const phase = Math.sin(k / 50);
    messages.push({
      type: 'sample', seq: seq++ & 0xffff, t_us, t_s: 0, n_fsr: 4, n_imu: 2, flags: 0b0011,
      fsr: [Math.round(30000 + 20000 * phase), Math.round(30000 - 20000 * phase), 800 + (k % 300), 900],
      imu: [Math.round(400 * phase) | 0, -310, 8057, -35, 120, k % 200 - 100, -250, 95, 8190, 12, -88, 40],
    });
    // raw blocks carry each IMU's temperature too (about 25 and 27 C), which no decoder delivers
    options.push(opts.rawImu ? { ...opts, imuTemperature: [-3920 + (k % 40), -3240 - (k % 25)] } : opts);
  }
  return buildCapture(messages, options);
}

/** For each frame of a capture: true if damage() left every one of its bytes untouched. */
export function intactFrames(capture: Capture, events: DamageEvent[]): boolean[] {
  const n = capture.bytes.length;
  const hit = new Uint8Array(n + 1);
  const textBefore = new Uint8Array(n + 1);
  for (const e of events) {
    if (e.kind === 'text') textBefore[e.at] = 1;
    else for (let k = e.at; k < e.at + e.length && k < n; k++) hit[k] = 1;
  }
  return capture.ranges.map(([s, e]) => {
    for (let k = s; k < e; k++) if (hit[k] || (k > s && textBefore[k])) return false;
    return true;
  });
}

/** A clean capture's messages, and the byte offset of the first one at or after a time (s from its start). */
export function timeIndex(bytes: Uint8Array): { messages: Message[]; t0: number; at(t: number): number } {
  const { messages } = decodeAll(bytes);
  const t0 = messages[0]!.t_s;
  const offsets: number[] = [];
  const times: number[] = [];
  let off = 0;
  for (const m of messages) {
    offsets.push(off);
    times.push(m.t_s - t0);
    off += encodeMessage(m).length;
  }
  return {
    messages,
    t0,
    at(t: number): number {
      let lo = 0, hi = times.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (times[m]! < t) lo = m + 1; else hi = m; }
      return lo < offsets.length ? offsets[lo]! : bytes.length;
    },
  };
}

/** Byte offset of the first frame at or after time t (s from the capture's start). */
export function offsetAt(bytes: Uint8Array, t: number): number {
  return timeIndex(bytes).at(t);
}

/**
 * The capture with the glove restarted at `split` (device time, s): the frames up to it, then a
 * second capture of the rest, descriptor first, its clock and seq anew (two captures appended).
 */
export function restartedAt(bytes: Uint8Array, split: number): Uint8Array {
  const { messages } = decodeAll(bytes);
  const t0 = messages[0]!.t_s;
  const first = messages.filter((m) => m.t_s <= split);
  const rest = messages.filter((m) => m.t_s > split);
  const descriptor = [...first].reverse().find((m) => m.type === 'descriptor')!;
  const restartUs = Math.round((split - t0) * 1e6) + Math.round(t0 * 1e6);
  const second: Message[] = [{ ...descriptor, seq: 0, t_us: 0 }, ...rest.map((m, k) => ({
    ...m, seq: (k + 1) & 0xffff, t_us: Math.max(1, m.t_us - restartUs),
  }))];
  return concat([...first, ...second].map((m) => encodeMessage(m)));
}
