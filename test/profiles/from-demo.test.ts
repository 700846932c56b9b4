// `pijat profile from-demo`: bands centred on an instructor's demonstration.
import { describe, expect, it } from 'vitest';
import { score } from '../../shared/engine/score';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { DemoError, deriveProfileFromDemo, demoConcerns } from '../../shared/profiles/derive';
import { t } from '../../shared/i18n/index';
import { Profile } from '../../shared/profiles/schema';
import { RECORDING, summaryOf } from '../score/summaries';

const meta = { file: 'demo-bidan-a.csv', date: '2025-03-04' };

describe('deriveProfileFromDemo', () => {
  const base = loadBuiltinProfile('sop-000');
  // her demonstration: 3 passes of 2 min 20 s .. 2 min 40 s, 8.2 N mean, 1.5 circles per second
  const report = score(summaryOf({ passes: [140, 160, 150], force: [8, 8.4], cadence: 1.5 }), base, RECORDING);
  const p = deriveProfileFromDemo(report, base, meta);

  it('centres force on her mean +-20 % (warning +-30 %, pass +-45 %)', () => {
    expect(p.criteria.force_n.target).toEqual({ min: 6.6, max: 9.8 });
    expect(p.criteria.force_n.warn).toEqual({ min: 5.7, max: 10.7 });
    expect(p.criteria.force_n.pass).toEqual({ min: 4.5, max: 11.9 });
    expect(p.too_hard_n).toBeGreaterThan(p.criteria.force_n.pass.max);
  });

  it('centres the tempo on her cadence +-15 %', () => {
    // rounded to 0.01 Hz
    expect(Math.abs(p.criteria.cadence_hz.target.min - 1.5 * 0.85)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(p.criteria.cadence_hz.target.max - 1.5 * 1.15)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(p.criteria.cadence_hz.pass.min).toBeLessThan(p.criteria.cadence_hz.warn.min);
  });

  it('takes the pass length from her passes, in whole 5 s steps', () => {
    expect(p.criteria.pass_duration_s.target).toEqual({ min: 125, max: 180 }); // 140 x 0.9 .. 160 x 1.1
    expect(p.criteria.pass_duration_s.pass).toEqual({ min: 105, max: 200 }); // 140 x 0.75 .. 160 x 1.25
  });

  it('keeps every other criterion of the base and names the demo as the source', () => {
    for (const key of ['pass_count', 'in_band_fraction', 'regularity_cv', 'bilateral_fraction', 'balance'] as const) {
      expect(p.criteria[key]).toEqual(base.criteria[key]);
    }
    for (const key of ['pass_duration_s', 'force_n', 'cadence_hz'] as const) {
      expect(p.criteria[key].source).toBe('demo: demo-bidan-a.csv, 2025-03-04');
      expect(p.criteria[key].weight).toBe(base.criteria[key].weight);
    }
    expect(p.id).toBe('demo-demo-bidan-a');
    expect(p.name.en).toContain('demo-bidan-a.csv');
    expect(p.description.id).toContain('8,2 N');
    expect(p.description.en).toContain('8.2 N');
    expect(Profile.parse(p)).toEqual(p);
  });

  it('scores her own demonstration at full marks for force, tempo and pass length', () => {
    const again = score(summaryOf({ passes: [140, 160, 150], force: [8, 8.4], cadence: 1.5 }), p, RECORDING);
    for (const id of ['force_n.left', 'force_n.right', 'cadence_hz', 'pass_duration_s.1', 'pass_duration_s.2', 'pass_duration_s.3']) {
      expect(again.score.criteria.find((c) => c.id === id)?.score, id).toBe(100);
    }
  });

  it('lowers the contact threshold for a light demonstration so her presses still count', () => {
    const light = deriveProfileFromDemo(
      score(summaryOf({ force: [1.6, 1.6], inBand: 0 }), base, RECORDING), base, { ...meta, id: 'ringan' });
    expect(light.criteria.force_n.target).toEqual({ min: 1.3, max: 1.9 });
    expect(light.segmentation.contact_on_n).toBeLessThan(light.criteria.force_n.pass.min);
    expect(light.segmentation.contact_off_n).toBeLessThan(light.segmentation.contact_on_n);
  });

  it('refuses a demonstration without passes or circles, saying what to record', () => {
    const none = score(summaryOf({ passes: [] }), base, RECORDING);
    expect(() => deriveProfileFromDemo(none, base, meta)).toThrow(DemoError);
    expect(() => deriveProfileFromDemo(none, base, meta)).toThrow(/no massage pass was detected.*at least 20 s without gaps longer than 3 s/);
    const still = score(summaryOf(), base, RECORDING);
    still.cadence.mean_hz = null;
    expect(() => deriveProfileFromDemo(still, base, meta)).toThrow(/no circles were counted/);
  });

  it('refuses an id that is not an id, naming the field', () => {
    expect(() => deriveProfileFromDemo(report, base, { ...meta, id: 'Bidan A' })).toThrow(/id: "Bidan A" is not a valid id/);
  });
});

describe('demoConcerns: a demonstration that fails its own base in ways no profile can fix', () => {
  const base = loadBuiltinProfile('sop-000');
  const concerns = (shape: Parameters<typeof summaryOf>[0]) =>
    demoConcerns(score(summaryOf(shape), base, RECORDING), 'demo.csv');

  it('a sound demonstration raises none, also right at the limits (50 % both hands, 2 passes, 60 s)', () => {
    expect(concerns({})).toEqual([]);
    expect(concerns({ passes: [30, 30], bilateral: 0.5 })).toEqual([]);
  });

  it('one hand, one pass and under a minute of work each get a warning with the figures, in both languages', () => {
    const c = concerns({ passes: [45], bilateral: 0.2 });
    expect(c.map((x) => t(x.entry, 'en', x.params))).toEqual([
      'Warning: demo.csv: both thumbs pressed together for only 20 % of the work (the SOP asks for both hands, at least 50 %). '
        + 'A profile from a one-handed demonstration is suspect; record it again with both hands.',
      'Warning: demo.csv: the demonstration has only 1 pass(es) (at least 2 are needed to judge pass length and consistency). '
        + 'A profile from it is suspect; record at least 2 full passes.',
      'Warning: demo.csv: the demonstration holds only 45 s of work (under 60 s). A profile from it is suspect; record a longer demonstration.',
    ]);
    expect(t(c[0]!.entry, 'id', c[0]!.params)).toContain('Peringatan: demo.csv: kedua ibu jari menekan bersamaan hanya 20 %');
    expect(concerns({ bilateral: 0.49 }).map((x) => x.entry)).toEqual([c[0]!.entry]);
    expect(concerns({ passes: [150] }).map((x) => x.entry)).toEqual([c[1]!.entry]);
    expect(concerns({ passes: [25, 30] }).map((x) => x.entry)).toEqual([c[2]!.entry]);
  });
});
