// The signal against the truth and the physics it claims: forces a host recovers with the
// descriptor's calibration, pass edges, rhythm, IMU magnitudes and offsets, FSR behaviour.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../host/sim';
import { FIT_RANGE_N, FsrSensor, NOMINAL_A_OHM, NOMINAL_K, fsrCalibration, fsrResistance, makeFsrPart } from '../../host/sim/fsr';
import { Rng } from '../../host/sim/prng';
import { fsrNewtons } from '../../shared/engine/calibration';
import { decodeSession, meanWhere, rhythmHz } from './helpers';

describe('FSR model', () => {
  const nominal = { a_ohm: NOMINAL_A_OHM, k: NOMINAL_K, curvature: 0 };

  it('follows the FSR 402 figures: ~100 kOhm at 0.2 N, ~200 Ohm at 20 N', () => {
    expect(fsrResistance(nominal, 0.2)).toBeGreaterThan(95_000);
    expect(fsrResistance(nominal, 0.2)).toBeLessThan(101_000);
    expect(fsrResistance(nominal, 20)).toBeCloseTo(200, 0);
    expect(fsrResistance(nominal, 0)).toBeGreaterThan(1e6);
  });

  it('is read back through PROTOCOL.md\'s formula and the part\'s p0/p1 within 2 % over the fitted 3-16 N, a few % outside', () => {
    const rng = new Rng(11);
    for (let p = 0; p < 20; p++) {
      const part = makeFsrPart(rng);
      const c = fsrCalibration(part);
      for (const f of [0.5, 1, 2, 3, 5, 8, 12, 16, 20]) {
        const s = new FsrSensor(part, new Rng(p));
        let raw = 0;
        for (let i = 0; i < 5; i++) raw = s.raw(f, 0.01); // steady load, no hysteresis
        const back = fsrNewtons(raw, c.p0, c.p1, 0);
        const inRange = f >= FIT_RANGE_N[0] && f <= FIT_RANGE_N[1];
        expect(Math.abs(back / f - 1), `part ${p}, ${f} N`).toBeLessThan(inRange ? 0.02 : f < 1 ? 0.12 : 0.08);
      }
    }
  });

  it('shows hysteresis: unloading reads higher than loading at the same force, by at most ~10 %', () => {
    const part = { a_ohm: NOMINAL_A_OHM, k: NOMINAL_K, curvature: 0 };
    const c = fsrCalibration(part);
    const s = new FsrSensor(part, new Rng(1));
    const read = (f: number): number => fsrNewtons(s.raw(f, 0.01), c.p0, c.p1, 0);
    let up = 0;
    for (let f = 0.5; f <= 10; f += 0.05) if (Math.abs(f - 5) < 0.01) up = read(f); else read(f);
    let down = 0;
    for (let f = 10; f >= 5 - 1e-9; f -= 0.05) down = read(f);
    expect(down).toBeGreaterThan(up * 1.02);
    expect(down).toBeLessThan(up * 1.1);
  });
});

describe('simulated signal vs truth', () => {
  const s = simulate({ scenario: 'good', seed: 4 });
  const d = decodeSession(s);
  const tr = s.truth;

  it('recovers the true mean thumb force per hand within 5 % (decoded and calibrated)', () => {
    const l = meanWhere(d.lt, (i) => d.lt[i]! > 1);
    const r = meanWhere(d.rt, (i) => d.rt[i]! > 1);
    expect(Math.abs(l / tr.left.mean_force_n! - 1)).toBeLessThan(0.05);
    expect(Math.abs(r / tr.right.mean_force_n! - 1)).toBeLessThan(0.05);
    expect(tr.left.mean_force_n).toBeGreaterThan(5);
    expect(tr.left.mean_force_n).toBeLessThan(9);
  });

  it('shows every pass edge in the force: both thumbs off between passes, pressing inside', () => {
    expect(tr.passes).toHaveLength(3);
    for (let k = 0; k < tr.passes.length; k++) {
      const p = tr.passes[k]!;
      expect(p.duration_s).toBeGreaterThanOrEqual(119);
      expect(p.duration_s).toBeLessThanOrEqual(181);
      const inside = meanWhere(d.lt, (i) => d.t[i]! > p.start_s + 1 && d.t[i]! < p.end_s - 1);
      expect(inside).toBeGreaterThan(3);
      const nextStart = tr.passes[k + 1]?.start_s ?? s.duration_s;
      expect(nextStart - p.end_s).toBeGreaterThan(3);
      let maxOff = 0;
      for (let i = 0; i < d.t.length; i++) {
        if (d.t[i]! > p.end_s + 0.05 && d.t[i]! < nextStart - 0.05) maxOff = Math.max(maxOff, d.lt[i]!, d.rt[i]!);
      }
      expect(maxOff).toBeLessThan(0.2);
      // Just before the pass, nothing; just after its start, pressing.
      const before = meanWhere(d.lt, (i) => d.t[i]! > p.start_s - 1 && d.t[i]! < p.start_s - 0.05);
      const after = Math.max(
        meanWhere(d.lt, (i) => d.t[i]! > p.start_s + 0.5 && d.t[i]! < p.start_s + 1.5),
        meanWhere(d.rt, (i) => d.t[i]! > p.start_s + 0.5 && d.t[i]! < p.start_s + 1.5),
      );
      expect(before).toBeLessThan(0.2);
      expect(after).toBeGreaterThan(3);
    }
  });

  it('has the true cadence in the force rhythm and in the gyroscope', () => {
    for (const p of tr.passes) {
      const force = rhythmHz(d.t, d.lt, p.start_s + 2, p.end_s - 2, 0.3);
      expect(Math.abs(force / p.cadence_left_hz! - 1)).toBeLessThan(0.05);
      const gyro = rhythmHz(d.t, d.lgx, p.start_s + 2, p.end_s - 2, 3);
      expect(Math.abs(gyro / p.cadence_left_hz! - 1)).toBeLessThan(0.08);
    }
  });

  it('has IMU offsets within the MPU-6050 figures and small motion on the back of the hand', () => {
    const first = tr.passes[0]!.start_s;
    const rest = (i: number): boolean => d.t[i]! < first - 0.2;
    for (const g of [d.lgx, d.lgy, d.lgz]) {
      expect(Math.abs(meanWhere(g, rest))).toBeLessThan(21);
    }
    const mag = meanWhere(d.lax, rest) ** 2 + meanWhere(d.lay, rest) ** 2 + meanWhere(d.laz, rest) ** 2;
    expect(Math.sqrt(mag)).toBeGreaterThan(0.88);
    expect(Math.sqrt(mag)).toBeLessThan(1.12);
    const p = tr.passes[1]!;
    const inPass = (i: number): boolean => d.t[i]! > p.start_s + 5 && d.t[i]! < p.start_s + 35;
    const sd = (x: Float64Array): number => {
      const m = meanWhere(x, inPass);
      return Math.sqrt(meanWhere(x.map((v) => (v - m) ** 2), inPass));
    };
    // Rocking of a few degrees at ~2 Hz: tens of deg/s; acceleration well under the 0.25 g at the thumb.
    expect(sd(d.lgx)).toBeGreaterThan(5);
    expect(sd(d.lgx)).toBeLessThan(60);
    expect(sd(d.lax)).toBeGreaterThan(0.005);
    expect(sd(d.lax)).toBeLessThan(0.1);
  });

  it('carries force on the knuckle while the fist presses', () => {
    const p = tr.passes[0]!;
    const k = meanWhere(d.lk, (i) => d.t[i]! > p.start_s + 2 && d.t[i]! < p.end_s - 2);
    expect(k).toBeGreaterThan(0.15 * tr.left.mean_force_n!);
    expect(k).toBeLessThan(0.6 * tr.left.mean_force_n!);
  });
});
