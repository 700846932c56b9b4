import { describe, expect, it } from 'vitest';
import { createPipeline, HOLD_BEFORE_DESCRIPTOR_S } from '../../shared/pipeline';
import { encodeDescriptor, encodeSample } from '../../shared/protocol/encode';
import { fsrRaw } from '../../shared/engine/calibration';
import { Report } from '../../shared/engine/report-schema';
import type { Channel } from '../../shared/protocol/types';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { simulate } from '../../host/sim/index';
import { TEST_PROFILE } from './synth';

const CH: Channel[] = (['left', 'right'] as const).map((hand) => ({
  kind: 'fsr', hand, site: 'thumb', unit: 'N', name: `${hand}_thumb`, p0: 20, p1: 1, p2: 0,
}));

function descriptorFrame(seq: number, t_us: number, device_id = 5): Uint8Array {
  return encodeDescriptor({ seq, t_us, protocol_version: 1, firmware_version: '1.0.0', board: 'simulator', device_id, sample_rate_hz: 100, channels: CH });
}

/** A 100 Hz two-thumb stream: 6 N with a 1.8 Hz ripple from t0_s + 1 s; descriptor at `descAt_s`. */
function stream(seconds: number, descAt_s: number, t0_s = 0): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let seq = 0;
  for (let k = 0; k < seconds * 100; k++) {
    const t = k / 100;
    const t_us = Math.round((t0_s + t) * 1e6);
    if (Math.abs(t - descAt_s) < 1e-9) frames.push(descriptorFrame(seq++, t_us));
    const f = t >= 1 ? 6 + 1.5 * Math.sin(2 * Math.PI * 1.8 * t) : 0;
    const raw = Math.round(fsrRaw(f, 20, 1, 0));
    frames.push(encodeSample({ seq: seq++, t_us, flags: 0, fsr: [raw, raw], imu: [], n_imu: 0 }));
  }
  return frames;
}

describe('createPipeline (raw bytes)', () => {
  it('holds samples that arrive before the first descriptor, up to 2 s live, all of them in a recording', () => {
    const p = createPipeline({ profile: TEST_PROFILE, source: 'live' });
    for (const f of stream(30, 1.5)) p.push(f);
    expect(p.drops.before_descriptor).toBe(0);
    expect(p.samples).toBe(3000);
    expect(p.descriptor?.device_id).toBe(5);

    const q = createPipeline({ profile: TEST_PROFILE, source: 'live' });
    for (const f of stream(30, 3.5)) q.push(f);
    // samples older than 2 s when the descriptor came are dropped and counted
    expect(q.drops.before_descriptor).toBe(Math.round((3.5 - HOLD_BEFORE_DESCRIPTOR_S) * 100) - 1);
    expect(q.samples + q.drops.before_descriptor).toBe(3000);

    // A recording (a file, source 'raw'): a descriptor 20 s in still calibrates everything before it.
    const r = createPipeline({ profile: TEST_PROFILE });
    for (const f of stream(30, 20)) r.push(f);
    expect(r.drops.before_descriptor).toBe(0);
    expect(r.samples).toBe(3000);
  });

  it('scores the stream and measures time from the start of the recording', () => {
    // the device had been streaming for 1000 s when the capture began
    const p = createPipeline({ profile: TEST_PROFILE });
    for (const f of stream(60, 0, 1000)) p.push(f);
    const s = p.summary();
    expect(s.passes).toHaveLength(1);
    expect(s.passes[0]!.start_s).toBeCloseTo(1, 1);
    expect(s.left.mean_n).toBeCloseTo(6, 1);
    expect(s.left.cadence_hz).toBeCloseTo(1.8, 1);
    const r = p.recording();
    expect(r).toMatchObject({ source: 'raw', samples: 6000, rate_hz: 100, device_id: 5, lost_frames: 0, crc_errors: 0 });
  });

  it('applies a host calibration for the same device only', () => {
    const cal = { device_id: 5, fsr: { left_thumb: { p0: 40, p1: 1, p2: 0 } } };
    const p = createPipeline({ profile: TEST_PROFILE, calibration: (id) => (id === 5 ? cal : undefined) });
    for (const f of stream(30, 0)) p.push(f);
    expect(p.calibrated_by_host).toBe(true);
    const s = p.summary();
    expect(s.left.mean_n).toBeCloseTo(12, 1);
    expect(s.right.mean_n).toBeCloseTo(6, 1);
    const q = createPipeline({ profile: TEST_PROFILE, calibration: { ...cal, device_id: 6 } });
    for (const f of stream(30, 0)) q.push(f);
    expect(q.calibrated_by_host).toBe(false);
    expect(q.summary().left.mean_n).toBeCloseTo(6, 1);
  });

  it('counts samples whose layout does not match the descriptor', () => {
    const p = createPipeline({ profile: TEST_PROFILE });
    p.push(descriptorFrame(0, 0));
    p.push(encodeSample({ seq: 1, t_us: 10_000, flags: 0, fsr: [1, 2, 3], imu: [], n_imu: 0 }));
    expect(p.drops.layout_mismatch).toBe(1);
    expect(p.samples).toBe(0);
  });

  it('takes CSV samples through pushSample and reports them as csv', () => {
    const p = createPipeline({ profile: TEST_PROFILE });
    const seen: number[] = [];
    const q = createPipeline({ profile: TEST_PROFILE, onSample: (s) => seen.push(s.t_s) });
    for (const f of stream(20, 0)) q.push(f);
    expect(seen).toHaveLength(2000);
    expect(p.recording().source).toBe('raw');
    p.pushSample({ t_s: 0, left: { ...blank() }, right: { ...blank() } });
    expect(p.recording().source).toBe('csv');
  });
});

function blank() {
  return { thumb_n: 0, knuckle_n: NaN, imu_ok: false, ax_g: NaN, ay_g: NaN, az_g: NaN, gx_dps: NaN, gy_dps: NaN, gz_dps: NaN };
}

describe('simulated glove (host/sim), scenario good, seed 1', () => {
  it('matches the truth: pass count, edges within 2 s, cadence and mean force within 5 %', () => {
    const profile = loadBuiltinProfile('sop-000');
    const sim = simulate({ scenario: 'good', seed: 1, band: profile.criteria.force_n.target });
    const p = createPipeline({ profile });
    for (const chunk of sim.chunks()) p.push(chunk);
    const s = p.summary();
    const truth = sim.truth;
    expect(s.passes).toHaveLength(truth.passes.length);
    s.passes.forEach((pass, i) => {
      const tp = truth.passes[i]!;
      expect(Math.abs(pass.start_s - tp.start_s)).toBeLessThan(2);
      expect(Math.abs(pass.end_s - tp.end_s)).toBeLessThan(2);
      expect(Math.abs(pass.cadence_hz! / tp.cadence_hz! - 1)).toBeLessThan(0.05);
      expect(Math.abs(pass.mean_force_left_n! / tp.mean_force_left_n! - 1)).toBeLessThan(0.05);
      expect(Math.abs(pass.mean_force_right_n! / tp.mean_force_right_n! - 1)).toBeLessThan(0.05);
    });
    for (const hand of ['left', 'right'] as const) {
      expect(Math.abs(s[hand].cadence_hz! / truth[hand].cadence_hz! - 1)).toBeLessThan(0.05);
      expect(Math.abs(s[hand].mean_n! / truth[hand].mean_force_n! - 1)).toBeLessThan(0.05);
    }
    expect(Math.abs(s.in_band_fraction! - truth.in_band_fraction!)).toBeLessThan(0.05);
    expect(Math.abs(s.bilateral_fraction! - truth.bilateral_fraction)).toBeLessThan(0.05);

    const report = p.report();
    expect(() => Report.parse(report)).not.toThrow();
    expect(report.verdict).toBe('pass');
    expect(report.recording).toMatchObject({ source: 'raw', device_id: sim.descriptor.device_id, rate_hz: 100 });
    expect(report.recording.lost_frames).toBe(truth.lost_frames);
  });
});
