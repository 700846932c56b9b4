import { describe, expect, it } from 'vitest';
import {
  FSR_MAX_N, GyroBias, STILL_BLOCK_S, blankSample, createCalibrator, descriptorKey, fitFsr, fsrNewtons, fsrRaw,
  type DeviceCalibration,
} from '../../shared/engine/calibration';
import { CalibrationError, parseDeviceCalibration } from '../../shared/engine/calibration-schema';
import type { Channel, Descriptor, Sample } from '../../shared/protocol/types';
import { rng } from './synth';

function ch(kind: Channel['kind'], hand: Channel['hand'], site: Channel['site'], p0: number, p1: number, p2 = 0): Channel {
  const unit = kind === 'fsr' ? 'N' : kind === 'accel' ? 'g' : 'dps';
  const name = kind === 'fsr' ? `${hand}_${site}` : `${hand}_${kind === 'accel' ? 'a' : 'g'}${site}`;
  return { kind, hand, site, unit, name, p0, p1, p2 };
}

function imuChannels(hand: Channel['hand']): Channel[] {
  return [
    ch('accel', hand, 'x', 1 / 8192, 10), ch('accel', hand, 'y', 1 / 8192, -20), ch('accel', hand, 'z', 1 / 8192, 0),
    ch('gyro', hand, 'x', 1 / 65.5, 5), ch('gyro', hand, 'y', 1 / 65.5, -5), ch('gyro', hand, 'z', 1 / 65.5, 0),
  ];
}

function descriptor(channels: Channel[], device_id = 42): Descriptor {
  return {
    type: 'descriptor', seq: 0, t_us: 0, t_s: 0, protocol_version: 1, firmware_version: '1.0.0',
    board: 'simulator', device_id, sample_rate_hz: 100, channels,
  };
}

function sample(fsr: number[], imu: number[], flags: number, t_s = 1.5): Sample {
  return { type: 'sample', seq: 1, t_us: t_s * 1e6, t_s, n_fsr: fsr.length, n_imu: imu.length / 6, flags, fsr, imu };
}

const FULL = [
  ch('fsr', 'left', 'thumb', 20, 1.3, 500), ch('fsr', 'right', 'thumb', 25, 1.1, 800),
  ch('fsr', 'left', 'knuckle', 15, 1.2, 0), ch('fsr', 'right', 'knuckle', 15, 1.2, 0),
  ...imuChannels('left'), ...imuChannels('right'),
];

describe('createCalibrator', () => {
  it('applies the FSR power law and the IMU linear conversion per channel', () => {
    const cal = createCalibrator(descriptor(FULL));
    const out = blankSample();
    const imu = [8202, -8212, 8192, 65 + 5, -131 - 5, 0, 0, 0, -8192, 655, 0, -655];
    expect(cal(sample([20000, 30000, 400, 0], imu, 0b1011), out)).toBe(true);
    expect(out.t_s).toBe(1.5);
    expect(out.marker).toBe(true);
    expect(out.left.thumb_n).toBeCloseTo(fsrNewtons(20000, 20, 1.3, 500), 4);
    // r = (20000 - 500)/65535, c = r/(1-r), N = 20 c^1.3, written out by hand
    const r = 19500 / 65535;
    expect(out.left.thumb_n).toBeCloseTo(20 * Math.pow(r / (1 - r), 1.3), 4);
    expect(out.right.thumb_n).toBeCloseTo(fsrNewtons(30000, 25, 1.1, 800), 4);
    expect(out.right.knuckle_n).toBe(0); // raw 0 is no force
    expect(out.left.imu_ok).toBe(true);
    expect(out.left.ax_g).toBeCloseTo(1, 9);
    expect(out.left.ay_g).toBeCloseTo(-1, 9);
    expect(out.left.gx_dps).toBeCloseTo(65 / 65.5, 9);
    expect(out.left.gy_dps).toBeCloseTo(-131 / 65.5, 9);
    expect(out.right.imu_ok).toBe(true);
    expect(out.right.az_g).toBeCloseTo(-1, 9);
    expect(out.right.gx_dps).toBeCloseTo((655 - 5) / 65.5, 9);
  });

  it('reads a saturated sensor as FSR_MAX_N and at or below the tare as 0 N', () => {
    const cal = createCalibrator(descriptor(FULL));
    const out = blankSample();
    cal(sample([65535, 100, 65535, 0], new Array(12).fill(0), 3), out);
    // Unclamped these would be ~61,000 N and ~11,000 N.
    expect(15 * Math.pow(0.999 / 0.001, 1.2)).toBeGreaterThan(FSR_MAX_N);
    expect(out.left.knuckle_n).toBe(FSR_MAX_N);
    expect(out.left.thumb_n).toBe(FSR_MAX_N);
    expect(out.right.thumb_n).toBe(0);
    // Just below the cap the power law holds unchanged.
    const raw = fsrRaw(150, 20, 1.3, 500);
    expect(fsrNewtons(raw, 20, 1.3, 500)).toBeCloseTo(150, 6);
  });

  it('marks an IMU invalid from the sample flags and its values NaN', () => {
    const cal = createCalibrator(descriptor(FULL));
    const out = blankSample();
    cal(sample([1000, 1000, 0, 0], new Array(12).fill(100), 0b10), out);
    expect(out.left.imu_ok).toBe(false);
    expect(out.left.gx_dps).toBeNaN();
    expect(out.right.imu_ok).toBe(true);
    expect(out.right.gz_dps).toBeCloseTo(100 / 65.5, 9);
  });

  it('leaves absent channels NaN (two thumbs, no knuckles, no IMU)', () => {
    const cal = createCalibrator(descriptor([FULL[0]!, FULL[1]!]));
    const out = blankSample();
    out.left.knuckle_n = 5;
    out.right.gx_dps = 3;
    out.right.imu_ok = true;
    expect(cal(sample([30000, 30000], [], 3), out)).toBe(true);
    expect(out.left.thumb_n).toBeGreaterThan(0);
    expect(out.left.knuckle_n).toBeNaN();
    expect(out.right.gx_dps).toBeNaN();
    expect(out.right.imu_ok).toBe(false);
  });

  it('refuses a sample whose layout differs from the descriptor', () => {
    const cal = createCalibrator(descriptor(FULL));
    const out = blankSample();
    out.t_s = 7;
    expect(cal(sample([1, 2], [], 0), out)).toBe(false);
    expect(out.t_s).toBe(7);
  });

  it('uses a host calibration only for its own device, keeping a device tare', () => {
    const over: DeviceCalibration = {
      device_id: 42,
      fsr: { left_thumb: { p0: 10, p1: 1, p2: 999 }, right_thumb: { p0: 12, p1: 1.5, p2: 300 } },
      gyro_bias: { left: { x: 1, y: 2, z: 3 } },
    };
    const out = blankSample();
    const s = sample([20000, 20000, 0, 0], [0, 0, 0, 5, -5, 0, 0, 0, 0, 0, 0, 0], 3);
    createCalibrator(descriptor(FULL), over)(s, out);
    // left: device tare 500 is newer than the fit's 999; right: device tare 800 too
    expect(out.left.thumb_n).toBeCloseTo(fsrNewtons(20000, 10, 1, 500), 4);
    expect(out.right.thumb_n).toBeCloseTo(fsrNewtons(20000, 12, 1.5, 800), 4);
    expect(out.left.gx_dps).toBeCloseTo(-1, 9);
    expect(out.left.gy_dps).toBeCloseTo(-2, 9);
    // without a device tare the fit's p2 applies
    const untared = FULL.map((c) => ({ ...c, p2: 0 }));
    createCalibrator(descriptor(untared), over)(s, out);
    expect(out.left.thumb_n).toBeCloseTo(fsrNewtons(20000, 10, 1, 999), 4);
    // another device: the override is ignored
    createCalibrator(descriptor(FULL, 7), over)(s, out);
    expect(out.left.thumb_n).toBeCloseTo(fsrNewtons(20000, 20, 1.3, 500), 4);
    expect(out.left.gx_dps).toBeCloseTo(0, 9);
  });
});

describe('descriptorKey', () => {
  it('is the same for a repeated descriptor and changes with any constant, channel or device (also after a repeat)', () => {
    const fresh = (): Descriptor => descriptor(FULL.map((c) => ({ ...c })));
    const k = descriptorKey(fresh());
    expect(descriptorKey(fresh())).toBe(k);
    const changed = fresh();
    changed.channels[5] = { ...changed.channels[5]!, p1: 21 };
    expect(descriptorKey(changed)).not.toBe(k);
    expect(descriptorKey(fresh())).toBe(k);
    expect(descriptorKey(descriptor(FULL, 43))).not.toBe(k);
    expect(descriptorKey(descriptor(FULL.slice(0, 4)))).not.toBe(k);
    // a caller that changes its descriptor in place gets a new key
    const reused = fresh();
    expect(descriptorKey(reused)).toBe(k);
    reused.channels[0]!.p2 = 501;
    expect(descriptorKey(reused)).not.toBe(k);
    const nan = fresh();
    nan.channels[1] = { ...nan.channels[1]!, p0: NaN };
    expect(descriptorKey(nan)).toBe(descriptorKey(nan));
    expect(descriptorKey(nan)).not.toBe(k);
  });
});

describe('fitFsr', () => {
  const p0 = 18.5, p1 = 1.27, p2 = 640;
  const loads = [0, 0, 0.5, 1, 2, 5, 10, 20];
  const points = loads.map((n) => ({ raw: Math.round(fsrRaw(n, p0, p1, p2)), newtons: n }));

  it('recovers p0 and p1 of a known power law within 1 % and the tare from zero loads', () => {
    const fit = fitFsr(points);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(Math.abs(fit.params.p0 / p0 - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.params.p1 / p1 - 1)).toBeLessThan(0.01);
    expect(fit.params.p2).toBe(640);
    expect(fit.r2).toBeGreaterThan(0.9999);
    expect(fit.residuals).toHaveLength(6);
    expect(fit.max_rel_error).toBeLessThan(0.01);
    expect(fit.message.en).toContain('accepted');
    expect(fit.message.id).toContain('diterima');
  });

  it('stays within 1 % with realistic reading noise (averaged repeats)', () => {
    const r = rng(3);
    const noisy = loads.flatMap((n) => [0, 1, 2].map(() => ({
      raw: Math.round(fsrRaw(n, p0, p1, p2) + 8 * r.n()), newtons: n,
    })));
    const fit = fitFsr(noisy);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(Math.abs(fit.params.p0 / p0 - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.params.p1 / p1 - 1)).toBeLessThan(0.01);
  });

  it('refuses fewer than three distinct loads', () => {
    const fit = fitFsr(points.filter((p) => p.newtons === 0 || p.newtons === 5 || p.newtons === 10));
    expect(fit).toMatchObject({ ok: false, reason: 'too_few_loads' });
    if (!fit.ok) expect(fit.message.en).toContain('Only 2 distinct loads');
  });

  it('refuses readings that do not rise with the load', () => {
    const bad = points.map((p) => (p.newtons === 10 ? { ...p, raw: points[4]!.raw - 50 } : p));
    const fit = fitFsr(bad);
    expect(fit).toMatchObject({ ok: false, reason: 'not_monotonic' });
    if (!fit.ok) {
      expect(fit.message.en).toContain('10 N');
      expect(fit.message.id).toContain('10 N');
    }
  });

  it('refuses a loaded reading at or below the tare', () => {
    const fit = fitFsr([{ raw: 600, newtons: 0 }, { raw: 590, newtons: 1 }, { raw: 5000, newtons: 2 }, { raw: 9000, newtons: 5 }]);
    expect(fit).toMatchObject({ ok: false, reason: 'below_tare' });
  });

  it('refuses a fit whose worst point is off by more than 15 %', () => {
    // one load read as if it were 1.4x heavier: monotonic still, but far off the line
    const bad = points.map((p) => (p.newtons === 2 ? { ...p, raw: Math.round(fsrRaw(2.8, p0, p1, p2)) } : p));
    const fit = fitFsr(bad);
    expect(fit.ok).toBe(false);
    if (fit.ok) return;
    expect(['large_residual', 'poor_fit']).toContain(fit.reason);
    expect(fit.residuals?.length).toBe(6);
    expect(fitFsr(bad, { max_residual: 0.5, min_r2: 0.9 }).ok).toBe(true);
  });

  it('refuses scattered points with a poor R²', () => {
    const r = rng(9);
    const scattered = [0.5, 1, 2, 4, 8, 16].map((n) => ({ raw: Math.round(fsrRaw(n * Math.exp(0.6 * r.n()), p0, p1, p2)), newtons: n }))
      .sort((a, b) => a.newtons - b.newtons);
    // keep them monotonic so the R² test is the one that speaks
    for (let i = 1; i < scattered.length; i++) scattered[i]!.raw = Math.max(scattered[i]!.raw, scattered[i - 1]!.raw + 1);
    const fit = fitFsr(scattered);
    expect(fit.ok).toBe(false);
    if (!fit.ok) expect(['poor_fit', 'large_residual', 'implausible_exponent']).toContain(fit.reason);
  });

  it('refuses invalid points, naming which one', () => {
    const fit = fitFsr([{ raw: 70000, newtons: 1 }, ...points]);
    expect(fit).toMatchObject({ ok: false, reason: 'bad_point' });
    if (!fit.ok) expect(fit.message.en).toContain('Point 1');
  });
});

describe('DeviceCalibration', () => {
  it('round-trips through JSON and is validated with the place named', () => {
    const c: DeviceCalibration = { device_id: 9, fsr: { left_thumb: { p0: 20, p1: 1.2, p2: 100 } }, gyro_bias: { right: { x: 0.5, y: -0.2, z: 0 } } };
    expect(parseDeviceCalibration(JSON.parse(JSON.stringify(c)), 'store')).toEqual(c);
    expect(() => parseDeviceCalibration({ device_id: 9, fsr: { left_thumb: { p0: -1, p1: 1, p2: 0 } } }, 'calib.json'))
      .toThrow(/calib\.json: calibration field 'fsr\.left_thumb\.p0' is invalid/);
    expect(() => parseDeviceCalibration({ device_id: 9, fsr: { left_pinky: { p0: 1, p1: 1, p2: 0 } } }, 'calib.json'))
      .toThrow(/left_pinky/);
    try {
      parseDeviceCalibration({ device_id: -1, fsr: {} }, 'store');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalibrationError);
      expect((e as CalibrationError).entry.id).toContain('kalibrasi ulang');
      expect((e as CalibrationError).params).toMatchObject({ where: 'store', field: 'device_id' });
    }
  });
});

describe('GyroBias', () => {
  it('takes the bias from the first still second and ignores moving blocks', () => {
    const r = rng(4);
    const b = new GyroBias();
    let t = 0;
    const feed = (secs: number, f: (t: number) => [number, number, number]): void => {
      for (let i = 0; i < secs * 100; i++, t += 0.01) {
        const [x, y, z] = f(t);
        b.push(t, x + 0.2 * r.n(), y + 0.2 * r.n(), z + 0.2 * r.n());
      }
    };
    feed(3, (s) => [2.5 + 40 * Math.sin(11 * s), -1.5 + 30 * Math.cos(11 * s), 0.8]);
    expect(b.known).toBe(false);
    feed(1.2 * STILL_BLOCK_S, () => [2.5, -1.5, 0.8]);
    expect(b.known).toBe(true);
    expect(b.bias[0]).toBeCloseTo(2.5, 1);
    expect(b.bias[1]).toBeCloseTo(-1.5, 1);
    expect(b.bias[2]).toBeCloseTo(0.8, 1);
    // the dominant axis of a moving block is visible in blockVar
    feed(2, (s) => [2.5 + 40 * Math.sin(11 * s), -1.5, 0.8]);
    expect(b.blockVar[0]).toBeGreaterThan(100 * b.blockVar[1]!);
    expect(b.bias[0]).toBeCloseTo(2.5, 1);
    // a later still period pulls the bias toward the drifted value
    feed(10, () => [3.5, -1.5, 0.8]);
    expect(b.bias[0]).toBeGreaterThan(3.3);
  });
});
