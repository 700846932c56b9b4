// A second decoder, written in Python from PROTOCOL.md alone (independent_decoder.py), must
// count exactly what ours counts on clean, damaged and hostile captures: CRC-32 frames in the
// version 1 layout (an Espruino glove), Fletcher-32 frames with raw IMU blocks (a version 2
// Kaluma glove), both in one capture, and headers that only a Fletcher-32 rule rejects.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { damage, mulberry32 } from '../../host/sim/damage';
import { decodeAll } from '../../shared/protocol/decoder';
import { encodeCommand, encodeSample, frame } from '../../shared/protocol/encode';
import { fletcher32 } from '../../shared/protocol/fletcher32';
import type { DecoderCounters, Message } from '../../shared/protocol/types';
import { KALUMA_V2, concat, encodeMessage, gloveCapture, referenceDescriptor } from './helpers';

const SCRIPT = 'test/protocol/independent_decoder.py';
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const hasPython = python.status === 0;
if (!hasPython) console.warn(`independent decoder test skipped: python3 not found (${python.error?.message ?? python.stderr})`);

interface Summary {
  counters: DecoderCounters;
  types: Record<Message['type'], number>;
  t_s_last: number | null;
  value_sum: number;
  channels: string[] | null;
}

const dir = mkdtempSync(join(tmpdir(), 'pijat-protocol-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runPython(name: string, bytes: Uint8Array): Summary {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync('python3', [SCRIPT, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${SCRIPT} failed on ${name}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Summary;
}

function summarize(bytes: Uint8Array): Summary {
  const { messages, counters } = decodeAll(bytes);
  const types = { descriptor: 0, sample: 0, status: 0, command: 0, ack: 0 };
  let t_s_last: number | null = null;
  let value_sum = 0;
  let channels: string[] | null = null;
  for (const m of messages) {
    types[m.type]++;
    if (m.type !== 'command') t_s_last = m.t_s;
    if (m.type === 'sample') for (const v of [...m.fsr, ...m.imu]) value_sum += v;
    if (m.type === 'descriptor') channels = m.channels.map((c) => c.name);
  }
  return { counters, types, t_s_last, value_sum, channels };
}

/** A capture with every type, an unknown type, a malformed descriptor, a wrap and a restart. */
function mixedCapture(): Uint8Array {
  const glove = gloveCapture(1500, 65000, 2 ** 32 - 5_000_000).bytes; // seq and clock wrap inside
  const badDescriptor = encodeMessage(referenceDescriptor(1, 0));
  badDescriptor[24] = 9; // kind 9; re-sealed below so only the content is wrong
  const resealed = frame(0x01, 2000, 1000, badDescriptor.length - 14, (v, o) => {
    for (let k = 0; k < badDescriptor.length - 14; k++) v.setUint8(o + k, badDescriptor[10 + k]!);
  });
  const restart = gloveCapture(300, 0, 0).bytes; // the device rebooted: seq and clock from 0
  return concat([
    new TextEncoder().encode('-> LoopbackA\r\n'),
    glove,
    encodeCommand({ seq: 5, cmd: 3, args: [100, 0] }),
    encodeMessage({ type: 'ack', seq: 972, t_us: 3, t_s: 0, cmd: 3, result: 0, cmd_seq: 5 }),
    encodeMessage({ type: 'status', seq: 1800, t_us: 4, t_s: 0, event: 1, arg: 1, state: 3, battery_mv: 0, error_count: 1 }),
    frame(0x42, 1801, 5, 10, () => {}),
    resealed,
    restart,
  ]);
}

/**
 * A Fletcher-32 header the encoder refuses to make, sealed as a careless device would: for an
 * even len the odd byte count is padded with a zero byte. Only the rules of step 2 reject these.
 */
function fletcherNonFrame(type: number, len: number, seq: number): Uint8Array {
  const out = new Uint8Array(len + 8); // one spare zero byte for the padding
  out.set([0xa5, len & 0xff, len >> 8, type | 0x80, seq & 0xff, seq >> 8], 0);
  const end = 3 + len;
  new DataView(out.buffer).setUint32(end, fletcher32(out.slice(0, end + 1), 0, (end + 1) & ~1), true);
  return out.subarray(0, len + 7);
}

/**
 * A Kaluma glove (Fletcher-32, raw IMU blocks, seq and clock wrapping), its statuses and acks,
 * an Espruino glove's frames in between, a raw sample with 3 IMUs, Fletcher headers that are
 * no frames (a command, an even len), an unknown type with Fletcher-32, and a restart.
 */
function kalumaCapture(): Uint8Array {
  const fl = { check: 'fletcher32' } as const;
  return concat([
    new TextEncoder().encode('Kaluma v1.2.1\r\n> '),
    gloveCapture(1200, 65300, 2 ** 32 - 3_000_000, KALUMA_V2).bytes,
    encodeMessage({ type: 'status', seq: 1000, t_us: 12, t_s: 0, event: 0, arg: 37, state: 7, battery_mv: 0, error_count: 0 }, fl),
    encodeMessage({ type: 'status', seq: 1001, t_us: 13, t_s: 0, event: 8, arg: 5, state: 7, battery_mv: 0, error_count: 3 }, fl),
    encodeMessage({ type: 'ack', seq: 1002, t_us: 14, t_s: 0, cmd: 3, result: 1, cmd_seq: 9 }, fl),
    encodeSample({ seq: 1003, t_us: 15, flags: 3, fsr: [1, 2], imu: [-1, 1, -2, 2, -3, 3], n_imu: 1 }, { rawImu: true }),
    frame(0x02, 1004, 16, 2 + 4 + 42, (v, o) => v.setUint8(o, 0xb2), 'fletcher32'), // raw, 3 IMUs
    fletcherNonFrame(0x10, 9, 5), // a command may not carry Fletcher-32
    fletcherNonFrame(0x34, 10, 1005), // an unknown type (any len would fit) with an even len
    frame(0x33, 1006, 17, 6, (v, o) => v.setUint8(o, 1), 'fletcher32'), // unknown type, odd len
    gloveCapture(50, 1007, 20_000_000).bytes, // an Espruino glove's CRC-32 frames
    gloveCapture(300, 0, 0, KALUMA_V2).bytes, // the Kaluma glove rebooted
  ]);
}

describe.skipIf(!hasPython)('independent Python decoder agrees with ours', () => {
  const mixed = mixedCapture();
  const kaluma = kalumaCapture();
  const cases: [string, Uint8Array][] = [
    ['clean glove capture', gloveCapture(3000).bytes],
    ['mixed types, wrap, restart', mixed],
    ['damaged glove capture', damage(gloveCapture(6000).bytes, {
      seed: 11, flipRate: 1 / 1000, dropChunks: { rate: 1 / 20_000, maxLen: 256 }, consoleText: { rate: 1 / 10_000 },
    }).bytes],
    ['heavily damaged mixed capture', damage(mixed, {
      seed: 12, flipRate: 1 / 100, dropChunks: { rate: 1 / 2_000, maxLen: 64 }, consoleText: { rate: 1 / 1_000 },
    }).bytes],
    ['random bytes', (() => {
      const r = mulberry32(13);
      return Uint8Array.from({ length: 200_000 }, () => (r() < 0.05 ? 0xa5 : Math.floor(r() * 256)));
    })()],
    ['truncated mid-frame', gloveCapture(50).bytes.subarray(0, 1234)],
    ['clean Kaluma capture (Fletcher-32, raw IMU blocks)', gloveCapture(3000, 0, 0, KALUMA_V2).bytes],
    ['Kaluma and Espruino frames, hand-made non-frames, wrap, restart', kaluma],
    ['damaged Kaluma capture', damage(gloveCapture(6000, 0, 0, KALUMA_V2).bytes, {
      seed: 21, flipRate: 1 / 1000, dropChunks: { rate: 1 / 20_000, maxLen: 256 }, consoleText: { rate: 1 / 10_000 },
    }).bytes],
    ['heavily damaged Kaluma and Espruino capture', damage(concat([kaluma, mixed]), {
      seed: 22, flipRate: 1 / 100, dropChunks: { rate: 1 / 2_000, maxLen: 64 }, consoleText: { rate: 1 / 1_000 },
    }).bytes],
    ['random bytes dense in 0xA5 and Fletcher headers', (() => {
      const r = mulberry32(23);
      const common = [0xa5, 0x81, 0x82, 0x83, 0x90, 0x91, 0x2d, 0x00, 0x0f, 0x0b];
      return Uint8Array.from({ length: 200_000 }, () => (r() < 0.5 ? common[Math.floor(r() * common.length)]! : Math.floor(r() * 256)));
    })()],
    ['Kaluma capture truncated mid-frame', gloveCapture(50, 0, 0, KALUMA_V2).bytes.subarray(0, 1234)],
    ['replayed chunks, then a second capture appended', concat([
      damage(gloveCapture(4000).bytes, { seed: 31, duplicateChunks: { rate: 1 / 5_000, maxLen: 4096 } }).bytes,
      gloveCapture(2000, 17, 0).bytes,
      gloveCapture(2000, 17, 0).bytes,
    ])],
  ];

  for (const [name, bytes] of cases) {
    it(name, () => {
      const ours = summarize(bytes);
      const theirs = runPython(name.replace(/\W+/g, '_') + '.bin', bytes);
      expect(theirs).toEqual(ours);
    });
  }

  it('the cases exercise every counter', () => {
    const all = cases.map(([, b]) => decodeAll(b).counters);
    for (const key of ['crc_errors', 'resyncs', 'lost_frames', 'junk_bytes', 'unknown_type', 'duplicates', 'restarts'] as const) {
      expect(all.some((c) => c[key] > 0), key).toBe(true);
    }
    const m = summarize(mixed);
    expect(m.counters.unknown_type).toBe(2);
    expect(m.types).toMatchObject({ command: 1, ack: 1, status: 1 });
    // Clock wrap inside the first stream (+2^32), then two restarts, each a new segment starting
    // at the time reached: the ack (t_us 3) at the glove's last time, the frames up to t_us 1000
    // 997 us later, the rebooted glove from there on for 2.99 s.
    expect(m.counters.restarts).toBe(2);
    expect(m.t_s_last).toBeCloseTo(4294.967296 + 9.99 + 0.000997 + 2.99, 6);
    const k = summarize(kaluma);
    // 1200 + 300 Kaluma samples, the 1-IMU raw sample and 50 Espruino samples; the 3-IMU raw
    // sample and the unknown type are skipped; the two Fletcher non-frames are junk.
    expect(k.types).toMatchObject({ sample: 1200 + 1 + 50 + 300, status: 2, ack: 1, command: 0, descriptor: 6 + 1 + 2 });
    expect(k.counters).toMatchObject({ unknown_type: 2, crc_errors: 0 });
  });
});
