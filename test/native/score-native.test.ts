// The compiled scorer (native/) gives the TypeScript pipeline's report, to the last bit and in
// the same key order, on every kind of recording it accepts, and declines the rest. Both
// sides get the same bytes; the TypeScript side is the one every live front end uses.
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, simulate } from '../../host/sim/index';
import { cutBytes, damage, repeatBytes } from '../../host/sim/damage';
import { CsvReader, CsvWriter } from '../../host/io/csv';
import { nativeScorer } from '../../host/native/addon';
import { lastDecline, scoreCsvNative, scoreRawNative } from '../../host/native/score-native';
import { createPipeline, findDescriptor } from '../../shared/pipeline';
import { builtinProfileData } from '../../shared/profiles/builtin';
import type { Profile } from '../../shared/profiles/schema';
import type { DeviceCalibration } from '../../shared/engine/calibration';
import { offsetAt, restartedAt } from '../protocol/helpers';
import { REAL_RECORDINGS, readImu, realAvailable, toPijatCsv } from '../fixtures/real/recordings';

const profile = builtinProfileData('sop-000');
const native = nativeScorer();

/** The TypeScript report of a raw capture, as `pijat score` makes it. */
function tsRaw(bytes: Uint8Array, p: Profile = profile, calibration?: DeviceCalibration): string {
  const pipe = createPipeline({ profile: p, source: 'raw', descriptor: findDescriptor(bytes), calibration });
  pipe.push(bytes);
  return JSON.stringify(pipe.report());
}

function nativeRaw(bytes: Uint8Array, p: Profile = profile, calibration?: DeviceCalibration): string | null {
  const d = findDescriptor(bytes);
  const r = d ? scoreRawNative(bytes, p, d, calibration) : null;
  return r ? JSON.stringify(r.report) : null;
}

/** A capture as the CSV the pipeline writes (every column). */
function toCsv(bytes: Uint8Array, opts: { knuckles?: boolean; imu?: boolean } = {}): Uint8Array {
  const w = new CsvWriter({ knuckles: opts.knuckles ?? true, imu: opts.imu ?? true });
  let text = w.header();
  const p = createPipeline({ profile, onSample: (s) => { text += w.row(s); } });
  p.push(bytes);
  p.end();
  return new TextEncoder().encode(text);
}

function tsCsv(csv: Uint8Array, p: Profile = profile): string {
  const pipe = createPipeline({ profile: p, source: 'csv' });
  const reader = new CsvReader('x.csv', (s) => pipe.pushSample(s));
  reader.push(csv);
  reader.end();
  return JSON.stringify(pipe.report());
}

function nativeCsv(csv: Uint8Array, p: Profile = profile): string | null {
  const r = scoreCsvNative(csv, 'x.csv', p);
  return r ? JSON.stringify(r.report) : null;
}

describe('the compiled scorer', () => {
  it('is built where CI builds it', () => {
    // A silent fall-back to the TypeScript would pass every comparison below vacuously.
    if (process.env.CI === 'true') expect(native).not.toBeNull();
  });
});

describe.skipIf(!native)('the compiled scorer gives the TypeScript report', () => {
  it('on every scenario, at 25, 50, 100 and 200 Hz, raw and CSV', () => {
    const rates = [100, 50, 25, 200];
    let n = 0;
    for (const [i, scenario] of SCENARIO_NAMES.entries()) {
      for (const seed of [1, 2]) {
        const sim = simulate({ scenario, seed, rate_hz: rates[(i + seed) % rates.length]! });
        const bytes = sim.bytes();
        const want = tsRaw(bytes);
        expect(nativeRaw(bytes), `${scenario}/${seed} raw`).toBe(want);
        const csv = toCsv(bytes);
        expect(nativeCsv(csv), `${scenario}/${seed} csv`).toBe(tsCsv(csv));
        n++;
      }
    }
    expect(n).toBe(2 * SCENARIO_NAMES.length);
  });

  it('with lost frames, outages and lost stretches (gaps in the engine)', () => {
    for (const seed of [3, 4, 5]) {
      const bytes = simulate({ scenario: 'good', seed, loss_rate: 0.01 }).bytes();
      const t = 40 + 20 * seed;
      const outage = cutBytes(bytes, offsetAt(bytes, t), offsetAt(bytes, t + 5 + seed));
      for (const b of [bytes, outage]) {
        const want = tsRaw(b);
        expect(JSON.parse(want).recording.lost_frames).toBeGreaterThan(0);
        expect(nativeRaw(b)).toBe(want);
        const csv = toCsv(b);
        expect(nativeCsv(csv)).toBe(tsCsv(csv));
      }
      expect(JSON.parse(tsRaw(outage)).recording.gap_count).toBeGreaterThan(0);
    }
  });

  it('recorded from the middle of a pass and stopped in one', () => {
    const bytes = simulate({ scenario: 'good', seed: 6 }).bytes();
    const mid = bytes.subarray(offsetAt(bytes, 95), offsetAt(bytes, 400));
    const want = JSON.parse(tsRaw(mid));
    expect(want.passes[0].started_before_recording).toBe(true);
    expect(nativeRaw(mid)).toBe(JSON.stringify(want));
  });

  it('with a CSV without IMU or knuckle columns, and a profile of its own', () => {
    const bytes = simulate({ scenario: 'steady-thumb', seed: 7 }).bytes();
    const clinic = builtinProfileData('clinic-004');
    for (const opts of [{ imu: false }, { knuckles: false, imu: false }]) {
      const csv = toCsv(bytes, opts);
      expect(nativeCsv(csv, clinic)).toBe(tsCsv(csv, clinic));
    }
    expect(nativeRaw(bytes, clinic)).toBe(tsRaw(bytes, clinic));
  });

  it('with a stored glove calibration', () => {
    const bytes = simulate({ scenario: 'good', seed: 8 }).bytes();
    const d = findDescriptor(bytes)!;
    const cal: DeviceCalibration = {
      device_id: d.device_id,
      fsr: { left_thumb: { p0: 7.1, p1: 1.31, p2: 0 }, right_thumb: { p0: 6.2, p1: 1.22, p2: 0 } },
      gyro_bias: { left: { x: 0.4, y: -0.2, z: 0.1 } },
    };
    expect(nativeRaw(bytes, profile, cal)).toBe(tsRaw(bytes, profile, cal));
    expect(nativeRaw(bytes, profile, cal)).not.toBe(tsRaw(bytes));
  });
});

describe.skipIf(!native)('the compiled scorer on real human motion (test/fixtures/real; absent files are skipped)', () => {
  for (const r of REAL_RECORDINGS) {
    it.skipIf(!realAvailable(r))(`${r.id}: the TypeScript report`, () => {
      const csv = new TextEncoder().encode(toPijatCsv(readImu(r)));
      const want = tsCsv(csv);
      expect(JSON.parse(want).passes.length).toBeGreaterThan(0);
      expect(nativeCsv(csv)).toBe(want);
    });
  }
});

describe.skipIf(!native)('the compiled scorer declines what is off its path', () => {
  const bytes = simulate({ scenario: 'good', seed: 9, duration_s: 200 }).bytes();

  it('junk, a bad checksum, a replayed chunk, a restarted glove, a cut last frame', () => {
    const noisy = damage(bytes, { seed: 1, flipRate: 1e-5 }).bytes;
    const replayed = repeatBytes(bytes, offsetAt(bytes, 50), 4000);
    const restarted = restartedAt(bytes, 100);
    const cut = bytes.subarray(0, bytes.length - 7);
    for (const [b, why] of [[noisy, [1, 2]], [replayed, [1, 3]], [restarted, [3, 4]], [cut, [1]]] as const) {
      expect(nativeRaw(b)).toBeNull();
      expect(why).toContain(lastDecline);
    }
  });

  it('CSV cells the fast reader does not take: quotes, words, a decimal comma file, a value out of range, t_s in ms', () => {
    const csv = new TextDecoder().decode(toCsv(bytes));
    const lines = csv.split('\n');
    const edit = (k: number, f: (l: string) => string): string => lines.map((l, i) => (i === k ? f(l) : l)).join('\n');
    const cases: [string, number][] = [
      [edit(50, (l) => l.replace(/^([^,]*),([^,]*)/, '$1,"$2"')), 8],
      [edit(60, (l) => l.replace(/^([^,]*),([^,]*)/, '$1,NA')), 8],
      [edit(70, (l) => l.replace(/^([^,]*),([^,]*)/, '$1,250')), 11],
      [csv.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2'), -1],
      [lines.map((l, i) => (i === 0 ? l : l.replace(/^([^,]*)/, (t) => String(Number(t) * 1000)))).join('\n'), 10],
      // 300 columns, most of them not the format's: more than the compiled reader maps
      [lines.map((l, i) => (l === '' ? l : l + (i === 0 ? Array.from({ length: 283 }, (_, k) => `,extra${k}`) : Array(283).fill(',0')).join(''))).join('\n'), 9],
    ];
    for (const [text, why] of cases) {
      const b = new TextEncoder().encode(text);
      const got = nativeCsv(b);
      if (got === null) {
        if (why >= 0) expect(lastDecline).toBe(why);
      } else {
        expect(got).toBe(tsCsv(b)); // taken (the decimal-comma file): then it must agree
      }
    }
  });
});
