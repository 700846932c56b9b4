// What a glove's byte stream says, as the engine tests and `npm run bench -- firmware` judge it:
// decoded with the project's own Decoder, on the device's own clock (t_us).
import {
  CMD_DESCRIBE, CMD_FEEDBACK, CMD_IDENTIFY, CMD_SET_RATE, CMD_SET_THRESHOLDS, CMD_START, CMD_STOP, CMD_TARE,
  EVENT_ERROR, EVENT_PERIODIC,
} from '../../shared/protocol/constants';
import { Decoder, decodeAll } from '../../shared/protocol/decoder';
import { commandBody, encodeCommandText, u16le } from '../../shared/protocol/encode';
import type { Ack, DecoderCounters, Descriptor, Message, Sample, Status } from '../../shared/protocol/types';

export interface StreamFacts {
  counters: DecoderCounters;
  messages: Message[];
  samples: Sample[];
  statuses: Status[];
  acks: Ack[];
  descriptors: Descriptor[];
  /** Bytes before the first intact frame (console banner, `-> LoopbackA`). */
  leadingJunk: number;
}

/** A live capture: a frame still arriving at its end is pending, not junk (no Decoder.finish). */
export function streamFacts(bytes: Uint8Array): StreamFacts {
  const d = new Decoder();
  const messages: Message[] = [];
  d.push(bytes, (m) => {
    messages.push(m);
  });
  const counters = { ...d.counters };
  let first = -1;
  for (let i = 0; i + 3 < bytes.length && first < 0; i++) if (bytes[i] === 0xa5) first = i;
  const leading = messages.length > 0 ? Math.max(0, first) : bytes.length;
  return {
    counters,
    messages,
    samples: messages.filter((m): m is Sample => m.type === 'sample'),
    statuses: messages.filter((m): m is Status => m.type === 'status'),
    acks: messages.filter((m): m is Ack => m.type === 'ack'),
    descriptors: messages.filter((m): m is Descriptor => m.type === 'descriptor'),
    leadingJunk: leading,
  };
}

/** Samples per second of device time over [from, to) seconds of the stream (t_s). */
export function deliveredRate(samples: readonly Sample[], from: number, to: number): number {
  const inside = samples.filter((s) => s.t_s >= from && s.t_s < to);
  if (inside.length < 2) return 0;
  return (inside.length - 1) / (inside[inside.length - 1]!.t_s - inside[0]!.t_s);
}

/** Error statuses (overrun, rate shortfall, fault) at or after `from` seconds. */
export function errorsAfter(statuses: readonly Status[], from: number): Status[] {
  return statuses.filter((s) => s.event === EVENT_ERROR && s.t_s >= from);
}

/** The heap in use (percent) reported by periodic statuses, in order. */
export function memoryPercents(statuses: readonly Status[]): number[] {
  return statuses.filter((s) => s.event === EVENT_PERIODIC).map((s) => s.arg);
}

/** Spread (max - min) of each IMU axis over the samples with that IMU valid: values that move. */
export function imuSpread(samples: readonly Sample[], imu: 0 | 1): number[] {
  const bit = imu === 0 ? 1 : 2;
  const spread: number[] = [];
  for (let a = 0; a < 6; a++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of samples) {
      if ((s.flags & bit) === 0) continue;
      const v = s.imu[6 * imu + a]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    spread.push(hi >= lo ? hi - lo : 0);
  }
  return spread;
}

/**
 * A host command sequence number whose protocol v1 frame would carry `byte` in its seq or CRC
 * bytes (what broke v1 on Kaluma: 0x03 is Ctrl-C there). The v2 text form of the same command
 * carries no such byte: tests send these on purpose.
 */
export function seqWithByte(cmd: number, args: readonly number[], byte: number, from = 0): number {
  for (let seq = from; seq < from + 65536; seq++) {
    const body = commandBody({ seq: seq & 0xffff, cmd, args });
    if (body.includes(byte)) return seq & 0xffff;
  }
  throw new Error(`no seq puts 0x${byte.toString(16)} into command ${cmd}`);
}

/** The text command, as the host sends it. */
export function textCommand(seq: number, cmd: number, args: readonly number[] = []): Uint8Array {
  return encodeCommandText({ seq, cmd, args });
}

/** Where junk sits in a stream: "offset: text" for each run of bytes outside intact frames (for failure messages). */
export function junkReport(bytes: Uint8Array, limit = 8): string {
  const inFrame = new Uint8Array(bytes.length);
  let i = 0;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xa5) {
      i++;
      continue;
    }
    const len = bytes[i + 1]! | (bytes[i + 2]! << 8);
    const one = decodeAll(bytes.subarray(i, Math.min(bytes.length, i + len + 7)));
    if (one.counters.frames === 1 && one.counters.junk_bytes === 0) {
      inFrame.fill(1, i, i + len + 7);
      i += len + 7;
    } else i++;
  }
  const runs: string[] = [];
  for (let k = 0; k < bytes.length && runs.length < limit; k++) {
    if (inFrame[k]) continue;
    let e = k;
    while (e < bytes.length && !inFrame[e]) e++;
    runs.push(`${k}: ${JSON.stringify(Buffer.from(bytes.subarray(k, Math.min(e, k + 80))).toString('latin1'))}${e - k > 80 ? ` (+${e - k - 80})` : ''}`);
    k = e;
  }
  return runs.join('\n');
}

/** A command no firmware knows: acked with unknown_command. */
export const UNKNOWN_CMD = 0x7e;

/**
 * Every command, first while streaming, then stopped (after `stop`), ending with `start`:
 * [cmd, argument bytes]. Each is acked before the next is sent.
 */
export const EVERY_COMMAND: readonly (readonly [number, number[]])[] = [
  [CMD_DESCRIBE, []], [CMD_IDENTIFY, [1]], [CMD_SET_THRESHOLDS, u16le(1000, 40000)], [CMD_TARE, []],
  [CMD_FEEDBACK, [0, ...u16le(100)]], [CMD_SET_RATE, u16le(50)], [CMD_SET_RATE, u16le(100)], [CMD_STOP, []],
  [CMD_DESCRIBE, []], [CMD_IDENTIFY, [0]], [CMD_TARE, []], [CMD_FEEDBACK, [4, ...u16le(0)]],
  [CMD_SET_THRESHOLDS, u16le(0, 0)], [CMD_SET_RATE, u16le(100)], [UNKNOWN_CMD, []], [CMD_START, []],
];

/**
 * Sends EVERY_COMMAND, each with a seq whose v1 frame would hold 0x03 or 0x04 (alternately),
 * waiting for its ack with `untilAck`; returns what was sent.
 */
export async function sendEveryCommand(
  send: (bytes: Uint8Array) => void, untilAck: (seq: number) => Promise<unknown>,
): Promise<{ seq: number; cmd: number }[]> {
  let seq = 0;
  const sent: { seq: number; cmd: number }[] = [];
  for (const [cmd, args] of EVERY_COMMAND) {
    seq = seqWithByte(cmd, args, sent.length % 2 === 0 ? 0x03 : 0x04, seq + 1);
    send(textCommand(seq, cmd, args));
    sent.push({ seq, cmd });
    await untilAck(seq);
  }
  return sent;
}
