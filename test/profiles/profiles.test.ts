// `any` below: free-form JSON taken apart on purpose to test the checks.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  BUILTIN_PROFILES, BUILTIN_PROFILE_IDS, ProfileError, checkProfile, loadBuiltinProfile, parseProfile,
} from '../../shared/profiles/index';
import { Profile } from '../../shared/profiles/schema';
import { resolveProfile } from '../../host/profiles';

const ROOT = resolve(__dirname, '../..');
const fileOf = (id: string): string => join(ROOT, 'shared', 'profiles', `${id}.json`);
const textOf = (id: string): string => readFileSync(fileOf(id), 'utf8');

/** sop-000 as a JSON object to break, and its text with one change. */
function broken(change: (p: Record<string, any>) => void): string {
  const p = JSON.parse(textOf('sop-000')) as Record<string, any>;
  change(p);
  return JSON.stringify(p, null, 2);
}

function issues(text: string, where = 'my-clinic.json') {
  const r = checkProfile(text, where);
  if (r.ok) throw new Error('expected the profile to be refused');
  return r.issues;
}

describe('built-in profiles', () => {
  it('are sop-000, clinic-004 and ward-003, and each file validates', () => {
    expect(BUILTIN_PROFILE_IDS).toEqual(['sop-000', 'clinic-004', 'ward-003']);
    for (const id of BUILTIN_PROFILE_IDS) {
      const p = parseProfile(textOf(id), `${id}.json`);
      expect(p.id).toBe(id);
      expect(Profile.parse(p)).toEqual(p);
      expect(BUILTIN_PROFILES[id]).toEqual(p);
    }
  });

  it('carry the numbers of their seeds', () => {
    const sop = BUILTIN_PROFILES['sop-000']!;
    expect(sop.criteria.pass_duration_s.target).toEqual({ min: 120, max: 180 }); // 2-3 minutes
    expect(sop.criteria.pass_count.target).toEqual({ min: 3, max: 3 });
    expect(sop.criteria.force_n.target).toEqual({ min: 5, max: 10 }); // firm
    expect(sop.criteria.cadence_hz.target).toEqual({ min: 1, max: 2.5 });
    expect(sop.too_hard_n).toBe(15);
    const clinic = BUILTIN_PROFILES['clinic-004']!;
    expect(clinic.criteria.pass_duration_s.target).toEqual({ min: 180, max: 300 }); // 3-5 minutes
    const ward = BUILTIN_PROFILES['ward-003']!;
    expect(ward.criteria.work_s?.target).toEqual({ min: 600, max: 900 }); // 10-15 minutes in all
    expect(ward.criteria.force_n.target).toEqual({ min: 2, max: 5 }); // light to moderate
    expect(ward.too_hard_n).toBeLessThan(sop.too_hard_n); // avoid strong pressure
    expect(ward.criteria.force_n.pass.max).toBeLessThan(sop.criteria.force_n.target.max);
  });

  it('name a source for every criterion and say that no source gives newtons', () => {
    for (const p of Object.values(BUILTIN_PROFILES)) {
      for (const [key, c] of Object.entries(p.criteria)) {
        expect(c!.source, `${p.id} ${key}`).toMatch(/\b00[0-4]_[0-9a-f]{16}\.txt\b|REFERENCES\.md/);
      }
      expect(p.criteria.force_n.source).toMatch(/REFERENCES\.md: Tuina/);
      expect(p.description.en).toMatch(/No source gives newtons/);
      expect(p.description.id).toMatch(/Tidak ada sumber yang memberi angka newton/);
      // live cues fire before the verdict turns: warn lies between target and pass
      for (const c of Object.values(p.criteria)) {
        expect(c!.pass.min <= c!.warn.min && c!.warn.min <= c!.target.min).toBe(true);
        expect(c!.target.max <= c!.warn.max && c!.warn.max <= c!.pass.max).toBe(true);
      }
      expect(p.too_hard_n).toBeGreaterThan(p.criteria.force_n.pass.max);
      expect(p.segmentation.contact_on_n).toBeLessThan(p.criteria.force_n.pass.min);
    }
  });

  it('loadBuiltinProfile gives a copy, and an unknown id names the known ones', () => {
    const a = loadBuiltinProfile('sop-000');
    a.criteria.force_n.target.min = 1;
    expect(loadBuiltinProfile('sop-000').criteria.force_n.target.min).toBe(5);
    expect(() => loadBuiltinProfile('sop-999')).toThrow(/There is no built-in profile "sop-999".*sop-000, clinic-004, ward-003/);
  });
});

describe('malformed profiles are refused with the file, line, field and fix', () => {
  it('wrong type', () => {
    const text = broken((p) => { p.criteria.force_n.target.min = '5'; });
    const [i, ...rest] = issues(text);
    expect(rest).toEqual([]);
    expect(i!.path).toBe('criteria.force_n.target.min');
    const line = text.split('\n').findIndex((l) => l.includes('"min": "5"')) + 1;
    expect(i!.line).toBe(line);
    expect(i!.message.en).toBe(`my-clinic.json:${line}: criteria.force_n.target.min: must be a number, found "5". Fix: write a number without quotes, for example 5`);
    expect(i!.message.id).toBe(`my-clinic.json:${line}: criteria.force_n.target.min: harus berupa angka, tertulis "5". Perbaikan: tulis angka tanpa tanda kutip, misalnya 5`);
  });

  it('min > max', () => {
    const all = issues(broken((p) => { p.criteria.cadence_hz.target = { min: 2.5, max: 1 }; }));
    const i = all.find((x) => x.path === 'criteria.cadence_hz.target');
    expect(i?.message.en).toMatch(/criteria\.cadence_hz\.target: min \(2\.5\) is larger than max \(1\)\. Fix: swap the two numbers\./);
  });

  it('target outside the pass band', () => {
    const all = issues(broken((p) => { p.criteria.force_n.target = { min: 2, max: 10 }; }));
    const i = all.find((x) => x.path === 'criteria.force_n.target');
    expect(i?.message.en).toContain('the target band 2-10 does not lie inside the pass band 3.5-13');
    expect(i?.message.en).toContain('Fix: widen the pass band or narrow the target');
    expect(i?.message.id).toContain('rentang target 2-10 tidak berada di dalam rentang lulus 3.5-13');
  });

  it('warning band outside the pass band', () => {
    const all = issues(broken((p) => { p.criteria.force_n.warn = { min: 4, max: 20 }; }));
    expect(all.map((x) => x.path)).toEqual(['criteria.force_n.warn']);
    expect(all[0]!.message.en).toContain('the warning band 4-20 reaches outside the pass band 3.5-13');
  });

  it('unknown id format', () => {
    const all = issues(broken((p) => { p.id = 'Klinik Bidan A'; }));
    expect(all.map((x) => x.path)).toEqual(['id']);
    expect(all[0]!.message.en).toMatch(/^my-clinic\.json:3: id: "Klinik Bidan A" is not a valid id.*Fix: for example "klinik-bidan-a"\.$/);
  });

  it('missing field, with an example from sop-000', () => {
    const all = issues(broken((p) => { delete p.segmentation.pass_gap_s; }));
    expect(all.map((x) => x.path)).toEqual(['segmentation.pass_gap_s']);
    expect(all[0]!.message.en).toContain('this field is missing. Fix: add it, for example "pass_gap_s": 3');
  });

  it('unknown or misspelt field (zod alone would drop it silently)', () => {
    const all = issues(broken((p) => { p.criteria.balanse = p.criteria.balance; }));
    expect(all.map((x) => x.path)).toEqual(['criteria.balanse']);
    expect(all[0]!.message.en).toContain('unknown field "balanse". Fix: remove it or check its spelling');
    expect(all[0]!.message.en).toContain('balance');
  });

  it('negative and out-of-range numbers', () => {
    const all = issues(broken((p) => { p.too_hard_n = 0; p.criteria.pass_count.weight = 12; }));
    expect(all.map((x) => x.message.en)).toEqual([
      expect.stringContaining('criteria.pass_count.weight: 12 is too big; it must be at most 10.'),
      expect.stringContaining('too_hard_n: 0 is too small; it must be greater than 0.'),
    ]);
  });

  it('a JSON syntax error names line and column', () => {
    const all = issues('{\n  "id": "x",\n}\n');
    expect(all).toHaveLength(1);
    expect(all[0]!.message.en).toMatch(/^my-clinic\.json:3:1: this file is not valid JSON/);
    expect(all[0]!.message.id).toMatch(/^my-clinic\.json:3:1: berkas ini bukan JSON yang sah/);
  });

  it('not an object', () => {
    expect(issues('[1, 2]')[0]!.message.en).toContain('a profile must be a JSON object');
  });

  it('parseProfile throws a ProfileError carrying every issue in both languages', () => {
    const text = broken((p) => { p.id = 'X'; delete p.too_hard_n; });
    try {
      parseProfile(text, 'x.json');
      throw new Error('not thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ProfileError);
      const e = err as ProfileError;
      expect(e.issues).toHaveLength(2);
      expect(e.entry.en.split('\n')).toHaveLength(2);
      expect(e.entry.id.split('\n')).toHaveLength(2);
      expect(e.exitCode).toBe(2);
    }
  });

  it('accepts a "$schema" line for editors, at the top only', () => {
    expect(checkProfile(broken((p) => { p.$schema = 'x'; }), 'a.json').ok).toBe(true);
    expect(checkProfile(broken((p) => { p.segmentation.$schema = 'x'; }), 'a.json').ok).toBe(false);
  });
});

describe('resolveProfile (host)', () => {
  it('takes a built-in id, a file path, and refuses anything else with the fix', () => {
    expect(resolveProfile('ward-003').id).toBe('ward-003');
    expect(resolveProfile().id).toBe('sop-000');
    const dir = mkdtempSync(join(tmpdir(), 'pijat-profile-'));
    try {
      const file = join(dir, 'mine.json');
      writeFileSync(file, broken((p) => { p.id = 'mine'; }));
      expect(resolveProfile(file).id).toBe('mine');
      writeFileSync(file, broken((p) => { p.criteria.force_n.weight = 'two'; }));
      expect(() => resolveProfile(file)).toThrow(new RegExp(`${file.replace(/[.\\]/g, '\\$&')}:\\d+: criteria\\.force_n\\.weight: must be a number`));
      expect(() => resolveProfile(join(dir, 'nope.json'))).toThrow(/Cannot read .*nope\.json: ENOENT/);
      expect(() => resolveProfile('sop-001')).toThrow(/"sop-001" is neither a built-in profile nor an existing file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
