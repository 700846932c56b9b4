// docs/SCORING.md is what a trainee reads: its tables and worked examples must match the code.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MIN_CIRCLES, MIN_FALL, MIN_WORK_S, PASS_MARK, bandScore, score } from '../../shared/engine/score';
import { BUILTIN_PROFILES, loadBuiltinProfile } from '../../shared/profiles/index';
import { bandsTable } from './doc-tables';
import { RECORDING, summaryOf } from './summaries';

const doc = readFileSync(join(resolve(__dirname, '../..'), 'docs', 'SCORING.md'), 'utf8');
const [id, en] = doc.split('\n## English\n') as [string, string];

describe('docs/SCORING.md', () => {
  it('has an Indonesian part first and an English part after it', () => {
    expect(id).toContain('## Bahasa Indonesia');
    expect(en).toBeDefined();
    expect(en).not.toContain('## Bahasa Indonesia');
  });

  it('holds the band table of every built-in profile, in both languages (regenerate: npx tsx test/score/doc-tables.ts)', () => {
    for (const p of Object.values(BUILTIN_PROFILES)) {
      expect(id, `${p.id} id`).toContain(bandsTable(p, 'id'));
      expect(en, `${p.id} en`).toContain(bandsTable(p, 'en'));
    }
  });

  it('states the constants the code uses', () => {
    expect(PASS_MARK).toBe(60);
    expect(id).toContain(`batas lulus ${PASS_MARK}`);
    expect(en).toContain(`pass mark\n  of ${PASS_MARK}`);
    expect(id).toContain(`**${MIN_WORK_S} detik**`);
    expect(id).toContain(`**${MIN_CIRCLES} lingkaran**`);
    expect(en).toContain(`**${MIN_WORK_S} s**`);
    expect(en).toContain(`**${MIN_CIRCLES} circles**`);
    expect(en).toContain(`held at **${PASS_MARK - 1}** or below`);
    expect(MIN_FALL).toEqual({
      pass_duration_s: 15, pass_count: 1, work_s: 60, force_n: 1, in_band_fraction: 0.1, cadence_hz: 0.2,
      regularity_cv: 0.1, bilateral_fraction: 0.1, balance: 0.05,
    });
    expect(en).toContain('at least 15 s for pass length, 1 pass, 1 minute for total time, 1 N for force,\n  10 % for shares and rhythm, 0.2 Hz for tempo, 5 % for balance');
  });

  it('works its force example with the real sub-score', () => {
    const f = loadBuiltinProfile('sop-000').criteria.force_n;
    const s = (v: number): number => Math.round(bandScore(v, f, MIN_FALL.force_n).score);
    expect([s(7), s(4.25), s(3.5), s(3.0), s(2.5)]).toEqual([100, 80, 60, 30, 0]);
    expect(en).toContain('Mean force 7 N: 100. 4.25 N (halfway\nbetween 5 and 3.5): 80. 3.5 N: 60, still a pass. 3.0 N: 30, fails. 2.5 N or less: 0.');
  });

  it('works its total examples with the real score()', () => {
    const sop = loadBuiltinProfile('sop-000');
    const oneHand = score(summaryOf({ bilateral: 0.05 }), sop, RECORDING);
    expect(oneHand.score.total).toBe(50);
    expect(en).toContain('scores 0, total **50**, not passed');
    expect(id).toContain('kriteria itu 0, total **50**, belum lulus');

    const shortPass = score(summaryOf({ passes: [150, 100, 150] }), sop, RECORDING);
    const cap = shortPass.deductions.find((d) => d.criterion === 'cap')!;
    expect(shortPass.score.criteria.find((c) => c.id === 'pass_duration_s.2')!.score).toBe(40);
    expect(shortPass.score.total! + cap.points).toBe(96);
    expect(shortPass.score.total).toBe(59);
    expect(en).toContain('that pass scores 40,\n  the product is 96, but it is held at **59**');

    const light = score(summaryOf({ force: [4, 4] }), sop, RECORDING);
    expect(light.score.total).toBe(94);
    expect(light.verdict).toBe('pass');
    expect(en).toContain('total **94**, a pass');
  });
});
