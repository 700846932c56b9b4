// The simulator's in-place sample encoder writes exactly the bytes of the shared encoder,
// and its PRNG is deterministic and well spread.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeSampleFrame } from '../../host/sim/fast-encode';
import { Rng } from '../../host/sim/prng';
import { encodeSample } from '../../shared/protocol/encode';

describe('writeSampleFrame', () => {
  it('equals encodeSample for any values, at any offset', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 15 }),
      fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 0, maxLength: 15 }),
      fc.integer({ min: 0, max: 2 }), fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 12, maxLength: 12 }),
      fc.integer({ min: 0, max: 50 }),
      (seq, t_us, flags, fsr, nImu, imuAll, off) => {
        const imu = imuAll.slice(0, nImu * 6);
        const ref = encodeSample({ seq, t_us, flags, fsr, imu, n_imu: nImu });
        const buf = new Uint8Array(off + ref.length + 3).fill(0x77);
        const n = writeSampleFrame(buf, off, seq, t_us, flags, fsr, imu);
        expect(n).toBe(ref.length);
        expect([...buf.subarray(off, off + n)]).toEqual([...ref]);
        expect(buf[off + n]).toBe(0x77);
      },
    ), { numRuns: 300 });
  });
});

describe('Rng', () => {
  it('repeats for a seed and stream, differs otherwise', () => {
    const a = new Rng(5, 1);
    const b = new Rng(5, 1);
    const c = new Rng(5, 2);
    const xs = Array.from({ length: 10 }, () => a.u32());
    expect(Array.from({ length: 10 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 10 }, () => c.u32())).not.toEqual(xs);
  });

  it('gives uniform and normal values with the right moments', () => {
    const r = new Rng(123);
    const n = 100_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      su += u;
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(sn2 / n)).toBeCloseTo(1, 1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[r.int(1, 3) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});
