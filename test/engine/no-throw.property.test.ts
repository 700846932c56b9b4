// Property: whatever descriptors and frames a glove (or a damaged capture) sends, no exception
// escapes the decoder, the calibrator, the engine, the store or the report. Random descriptors
// (any channel codes, order and count, any f32 constants including NaN and infinities), samples
// of any layout, statuses, junk, frames whose bytes were changed and re-checked (so they pass the
// CRC), any chunking; the bytes go through the pipeline live, into a real SQLite store, back out
// and through a second pipeline, and the reports are scored, validated and rendered in both
// languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../host/store';
import { renderReport } from '../../host/cli/render-report';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { Report } from '../../shared/engine/report-schema';
import { crc32 } from '../../shared/protocol/crc32';
import { encodeDescriptor, encodeSample, encodeStatus } from '../../shared/protocol/encode';
import type { Channel } from '../../shared/protocol/types';
import { channelName } from '../../shared/protocol/names';

const PROFILE = loadBuiltinProfile('sop-000');
const anyF32 = fc.oneof(
  fc.float(),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e30, -1e30, 6.5, 1.25, 412, 1 / 8192, 1 / 65.5),
);

const channel: fc.Arbitrary<Channel> = fc
  .record({ kind: fc.constantFrom('fsr', 'accel', 'gyro'), hand: fc.constantFrom('left', 'right'), site: fc.nat(2), p0: anyF32, p1: anyF32, p2: anyF32 })
  .map(({ kind, hand, site, p0, p1, p2 }) => {
    const s = kind === 'fsr' ? (['thumb', 'knuckle'] as const)[site % 2]! : (['x', 'y', 'z'] as const)[site]!;
    return { kind, hand, site: s, unit: kind === 'fsr' ? 'N' : kind === 'accel' ? 'g' : 'dps', name: channelName(kind, hand, s), p0, p1, p2 } as Channel;
  });

/** Mostly the reference layout (so that samples get scored), sometimes anything. */
const channels: fc.Arbitrary<Channel[]> = fc.oneof(
  fc.array(channel, { maxLength: 30 }),
  fc.tuple(fc.subarray(['left_thumb', 'right_thumb', 'left_knuckle', 'right_knuckle']), fc.subarray(['left', 'right'] as const), fc.array(anyF32, { minLength: 48, maxLength: 48 }), fc.boolean())
    .map(([fsr, imus, ps, sane]) => {
      const out: Channel[] = fsr.map((n) => {
        const [hand, site] = n.split('_') as [Channel['hand'], Channel['site']];
        return { kind: 'fsr', hand, site, unit: 'N', name: n, p0: 6.5, p1: 1.25, p2: 400 };
      });
      for (const hand of imus) {
        for (const kind of ['accel', 'gyro'] as const) {
          for (const site of ['x', 'y', 'z'] as const) {
            out.push({ kind, hand, site, unit: kind === 'accel' ? 'g' : 'dps', name: channelName(kind, hand, site), p0: kind === 'accel' ? 1 / 8192 : 1 / 65.5, p1: 0, p2: 0 });
          }
        }
      }
      if (!sane) out.forEach((c, i) => { c.p0 = ps[3 * i]!; c.p1 = ps[3 * i + 1]!; c.p2 = ps[3 * i + 2]!; });
      return out;
    }),
);

type Piece =
  | { kind: 'descriptor'; channels: Channel[]; id: number }
  | { kind: 'samples'; n: number; nFsr: number; nImu: number; flags: number; raw: boolean; base: number; step: number }
  | { kind: 'status'; event: number }
  | { kind: 'junk'; bytes: Uint8Array }
  | { kind: 'mutate'; at: number; value: number };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('descriptor' as const), channels, id: fc.constantFrom(1, 2, 0xffffffff) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('samples' as const), n: fc.integer({ min: 1, max: 400 }),
      nFsr: fc.oneof(fc.constant(4), fc.integer({ min: 0, max: 15 })), nImu: fc.oneof(fc.constant(2), fc.integer({ min: 0, max: 2 })),
      flags: fc.integer({ min: 0, max: 255 }), raw: fc.boolean(), base: fc.integer({ min: 0, max: 65535 }), step: fc.integer({ min: -3000, max: 3000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), event: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('junk' as const), bytes: fc.uint8Array({ maxLength: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mutate' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }) },
);

/** Changes one byte after the header of a CRC-32 frame and writes a matching CRC again. */
function mutate(frame: Uint8Array, at: number, value: number): Uint8Array {
  const f = frame.slice();
  if (f.length <= 14) return f;
  f[10 + (at % (f.length - 14))] = value;
  new DataView(f.buffer).setUint32(f.length - 4, crc32(f, 1, f.length - 4), true);
  return f;
}

function bytesOf(pieces: Piece[], clockJumps: boolean): Uint8Array {
  const out: Uint8Array[] = [];
  let seq = 0;
  let t = 0;
  let last: Uint8Array | null = null;
  const push = (f: Uint8Array): void => { out.push(f); last = f; };
  for (const p of pieces) {
    switch (p.kind) {
      case 'descriptor':
        push(encodeDescriptor({ seq: seq++ & 0xffff, t_us: t, protocol_version: 2, firmware_version: '1.0.0', board: 'simulator', device_id: p.id, sample_rate_hz: 100, channels: p.channels }));
        break;
      case 'samples':
        for (let k = 0; k < p.n; k++) {
          t = clockJumps && k === 7 ? (t * 7) % 4294967296 : (t + 10_000) % 4294967296;
          const v = (p.base + k * p.step) & 0xffff;
          push(encodeSample({
            seq: seq++ & 0xffff, t_us: t, flags: p.flags,
            fsr: Array.from({ length: p.nFsr }, (_, i) => (v + i * 977) & 0xffff),
            imu: Array.from({ length: 6 * p.nImu }, (_, i) => (((v * (i + 1)) & 0xffff) << 16) >> 16), n_imu: p.nImu,
          }, { rawImu: p.raw }));
        }
        break;
      case 'status':
        push(encodeStatus({ seq: seq++ & 0xffff, t_us: t, event: p.event, arg: 0, state: 1, battery_mv: 0, error_count: 0 }));
        break;
      case 'junk':
        out.push(p.bytes);
        break;
      case 'mutate':
        if (last) out[out.length - 1] = mutate(last, p.at, p.value);
        break;
    }
  }
  return Buffer.concat(out);
}

describe('no exception escapes decoder, calibrator, engine, store or report', () => {
  let dir = '';
  let store: Store;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pijat-prop-'));
    store = Store.open(dir);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('random descriptors and frames, any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 14 }), fc.boolean(), fc.integer({ min: 1, max: 5000 }),
        fc.option(fc.record({ p0: anyF32, p1: anyF32, p2: anyF32 })),
        (pieces, jumps, chunk, host) => {
          const bytes = bytesOf(pieces, jumps);
          const calibration = host ? { device_id: 1, fsr: { left_thumb: host } } : undefined;
          const live = createPipeline({ profile: PROFILE, source: 'live', calibration });
          const session = store.startSession({ profile: PROFILE.id, source: 'property' });
          for (let i = 0; i < bytes.length; i += chunk) {
            const c = bytes.subarray(i, i + chunk);
            live.push(c);
            store.appendFrames(session.id, c, i, i + 1, live.counters.frames);
            live.live();
            if ((i / chunk) % 7 === 3) live.reportSoFar();
          }
          const report = live.report();
          Report.parse(report);
          store.saveReport(session.id, report);
          store.finishSession(session.id);

          const replay = createPipeline({ profile: PROFILE, source: 'live', calibration }); // as stored sessions are re-scored (host/cli/stored-session.ts)
          for (const c of store.readFrames(session.id)) replay.push(c.bytes);
          const again = replay.report();
          expect(again.recording.samples).toBe(report.recording.samples);
          expect(store.getReport(session.id)).toEqual(JSON.parse(JSON.stringify(report)));
          for (const lang of ['id', 'en'] as const) renderReport(again, lang);
        },
      ),
      { numRuns: Number(process.env.PIJAT_PROPERTY_RUNS ?? 150) },
    );
  }, 120_000);
});
