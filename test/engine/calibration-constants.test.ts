// Issue 8 item 4: calibration constants are checked when a descriptor arrives. A NaN, infinite
// or impossible constant leaves that channel out (reported), never a saturated 200 N force.
import { describe, expect, it } from 'vitest';
import { blankSample, createCalibrator, DescriptorError, fsrNewtons } from '../../shared/engine/calibration';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import type { Descriptor, Message, Sample } from '../../shared/protocol/types';
import { buildCapture, referenceDescriptor } from '../protocol/helpers';

const REF = referenceDescriptor(0, 0);

function withConstant(index: number, param: 'p0' | 'p1' | 'p2', value: number): Descriptor {
  return { ...REF, channels: REF.channels.map((c, i) => (i === index ? { ...c, [param]: value } : c)) };
}

function sample(t_s: number, thumb = 30000): Sample {
  return {
    type: 'sample', seq: 1, t_us: t_s * 1e6, t_s, n_fsr: 4, n_imu: 2, flags: 0b0011,
    fsr: [thumb, thumb, 5000, 5000], imu: [0, 0, 8192, 0, 0, 0, 0, 0, 8192, 0, 0, 0],
  };
}

describe('calibration constants', () => {
  it('a NaN p0 on the left thumb: no force from it (not 200 N), the other channels unchanged, reported', () => {
    const cal = createCalibrator(withConstant(0, 'p0', NaN));
    const out = blankSample();
    expect(cal(sample(1), out)).toBe(true);
    expect(out.left.thumb_n).toBeNaN();
    const right = REF.channels[1]!;
    expect(out.right.thumb_n).toBeCloseTo(fsrNewtons(30000, right.p0, right.p1, right.p2), 6);
    expect(out.right.thumb_n).toBeLessThan(200);
    expect(cal.unusable.map((p) => [p.code, p.params.channel, p.params.param])).toEqual([['not_finite', 'left_thumb', 'p0']]);
  });

  for (const [param, value] of [['p0', Infinity], ['p0', -6.5], ['p1', NaN], ['p1', -1], ['p2', 1e9]] as const) {
    it(`an FSR with ${param} = ${value} reads no force`, () => {
      const cal = createCalibrator(withConstant(1, param, value));
      const out = blankSample();
      cal(sample(1), out);
      expect(out.right.thumb_n).toBeNaN();
      expect(Number.isFinite(out.left.thumb_n)).toBe(true);
      expect(cal.unusable).toHaveLength(1);
    });
  }

  it('an IMU with one unusable axis counts as not valid for its hand; the other IMU is untouched', () => {
    const cal = createCalibrator(withConstant(4 + 4, 'p0', NaN)); // left gy
    const out = blankSample();
    cal(sample(1), out);
    expect(out.left.imu_ok).toBe(false);
    expect(out.left.az_g).toBeNaN();
    expect(out.right.imu_ok).toBe(true);
    expect(out.right.az_g).toBeCloseTo((8192 - REF.channels[12]!.p1) * REF.channels[12]!.p0, 6);
  });

  it('a host calibration with good constants replaces bad device constants', () => {
    const d = withConstant(0, 'p0', NaN);
    const cal = createCalibrator(d, { device_id: d.device_id, fsr: { left_thumb: { p0: 6.5, p1: 1.25, p2: 412 } } });
    const out = blankSample();
    cal(sample(1), out);
    expect(out.left.thumb_n).toBeCloseTo(fsrNewtons(30000, 6.5, 1.25, 412), 6);
    expect(cal.unusable).toEqual([]);
  });

  it('an uninterpretable descriptor given to the calibrator directly: a bilingual error with the real counts', () => {
    const chans = REF.channels;
    const d = { ...REF, channels: [...chans.slice(4), ...chans.slice(0, 4)] };
    let err: unknown;
    try { createCalibrator(d); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DescriptorError);
    const e = err as DescriptorError;
    expect(e.message).not.toContain('16 IMU');
    expect(e.message).toContain('FSR channel left_thumb comes after IMU channels');
    expect(e.entry.id).toContain('kanal FSR');
  });

  it('through the pipeline: the report carries the channel note in both languages and no 200 N force', () => {
    const msgs: Message[] = [{ ...withConstant(0, 'p0', NaN), t_us: 0 }];
    for (let k = 1; k <= 3000; k++) msgs.push({ ...sample(0), seq: k, t_us: k * 10_000 });
    const p = createPipeline({ profile: loadBuiltinProfile('sop-000') });
    p.push(buildCapture(msgs).bytes);
    expect(p.unusable_channels).toHaveLength(1);
    const report = p.report();
    const note = report.notes?.find((n) => n.en.includes('left_thumb'));
    expect(note?.en).toContain('calibration constant p0 = NaN');
    expect(note?.id).toContain('konstanta kalibrasi p0 = NaN');
    expect(report.pressure.left.max_n ?? 0).toBeLessThan(200);
  });
});
