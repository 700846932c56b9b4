// `pijat profile ...` run as a process (from the TypeScript sources through tsx, so the test
// does not depend on a fresh bundle).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { CsvWriter } from '../../host/io/csv';
import { register } from '../../host/cli/profile';
import { Profile } from '../../shared/profiles/schema';
import { BUILTIN_PROFILES } from '../../shared/profiles/index';
import { synth } from '../engine/synth';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'host', 'cli', 'main.ts');
let dir = '';

function pijat(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PIJAT_LANG: 'en', NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-profile-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('pijat profile', () => {
  it('list shows the built-in profiles with their bands', () => {
    const r = pijat('profile', 'list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sop-000\s+Oxytocin massage SOP \(default\)\s+2-3 minutes\s+3\s+5–10 N/);
    expect(r.out).toMatch(/clinic-004 .*3-5 minutes/);
    expect(r.out).toMatch(/ward-003 .*2–5 N/);
  });

  it('show --json prints the profile as data; show in Indonesian prints the bands', () => {
    const r = pijat('profile', 'show', 'ward-003', '--json');
    expect(r.code).toBe(0);
    expect(Profile.parse(JSON.parse(r.out))).toEqual(BUILTIN_PROFILES['ward-003']);
    const id = pijat('profile', 'show', 'sop-000', '--lang', 'id');
    expect(id.out).toContain('Lama tiap putaran');
    expect(id.out).toContain('3,5–13 N');
    expect(id.out).toContain('terlalu keras di atas 15 N');
  });

  it('validate accepts a good file and refuses a malformed one naming file, line, field and fix, exit 2', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, readFileSync(join(ROOT, 'shared/profiles/clinic-004.json')));
    const ok = pijat('profile', 'validate', good);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('profile "clinic-004" is valid');

    const bad = join(dir, 'bad.json');
    const p = JSON.parse(readFileSync(good, 'utf8')) as { criteria: { force_n: { pass: { min: number } } } };
    p.criteria.force_n.pass.min = 5;
    writeFileSync(bad, JSON.stringify(p, null, 2));
    const r = pijat('profile', 'validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^pijat: ${bad.replace(/[.\\]/g, '\\$&')}:\\d+: criteria\\.force_n\\.target: the target band 3-8 does not lie inside the pass band 5-11\\. Fix: `, 'm'));
    const rid = pijat('profile', 'validate', bad, '--lang', 'id');
    expect(rid.err).toContain('Perbaikan: perlebar rentang lulus');

    const missing = pijat('profile', 'show', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Cannot read .*nope\.json: ENOENT\. Fix: check the file path\./);
  });

  it('every subcommand has --help with examples (in-process: commander prints the same text)', () => {
    const program = new Command();
    register(program);
    const profile = program.commands.find((c) => c.name() === 'profile')!;
    expect(profile.commands.map((c) => c.name())).toEqual(['list', 'show', 'validate', 'from-demo']);
    for (const sub of [profile, ...profile.commands]) {
      let text = '';
      sub.configureOutput({ writeOut: (s) => (text += s) });
      sub.outputHelp();
      expect(text, sub.name()).toMatch(/\n(Examples|Contoh):\n  pijat profile /);
    }
  });

  it('from-demo derives bands around a synthetic demonstration (CSV: 8 N, 1.5 circles/s, 3 passes of 150 s)', () => {
    const csv = join(dir, 'demo.csv');
    const w = new CsvWriter({ imu: true });
    const rows: string[] = [w.header()];
    synth({
      rate_hz: 50,
      duration_s: 520,
      bouts: [[5, 155], [180, 330], [355, 505]],
      cadence_hz: 1.5,
      left: { force: 8, ripple: 1 },
      right: { force: 8, ripple: 1 },
      seed: 11,
    }, (s) => rows.push(w.row(s)));
    writeFileSync(csv, rows.join(''));
    const out = join(dir, 'bidan-a.json');
    const r = pijat('profile', 'from-demo', csv, '--id', 'bidan-a', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe(''); // a sound demonstration: no warnings
    expect(r.out).toMatch(/Profile "bidan-a" written to .*bidan-a\.json \(from the demonstration demo\.csv: mean force 8\.\d N, tempo \d+ circles a minute, 3 passes\)/);
    const p = Profile.parse(JSON.parse(readFileSync(out, 'utf8')));
    const f = p.criteria.force_n.target;
    expect(f.min).toBeGreaterThan(8 * 0.8 - 0.4);
    expect(f.max).toBeLessThan(8 * 1.2 + 0.4);
    expect((f.min + f.max) / 2).toBeCloseTo(8, 0);
    const c = p.criteria.cadence_hz.target;
    expect((c.min + c.max) / 2).toBeCloseTo(1.5, 1);
    expect(c.max / c.min).toBeCloseTo(1.15 / 0.85, 1);
    const d = p.criteria.pass_duration_s.target;
    expect(d.min).toBeLessThanOrEqual(150);
    expect(d.max).toBeGreaterThanOrEqual(150);
    expect(d.min).toBeGreaterThanOrEqual(125);
    expect(d.max).toBeLessThanOrEqual(175);
    expect(p.criteria.force_n.source).toMatch(/^demo: demo\.csv, \d{4}-\d{2}-\d{2}$/);
    expect(p.criteria.balance).toEqual(BUILTIN_PROFILES['sop-000']!.criteria.balance);

    // her own demonstration passes her own profile
    const s = pijat('score', csv, '--profile', out, '--json');
    expect(s.code, s.err).toBe(0);
    const report = JSON.parse(s.out) as { verdict: string; profile: string };
    expect(report.profile).toBe('bidan-a');
    expect(report.verdict).toBe('pass');
  });

  it('from-demo on a recording without passes says what to record, exit 2', () => {
    const csv = join(dir, 'empty.csv');
    writeFileSync(csv, 't_s,left_thumb_n,right_thumb_n\n0,0,0\n1,0,0\n2,0,0\n');
    const r = pijat('profile', 'from-demo', csv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no massage pass was detected in this demonstration');
  });

  it('from-demo --out into a folder that does not exist names the file and the fix, exit 2', () => {
    const csv = join(dir, 'short-demo.csv');
    const w = new CsvWriter({ imu: true });
    const rows: string[] = [w.header()];
    synth({
      rate_hz: 50,
      duration_s: 50,
      bouts: [[5, 45]],
      cadence_hz: 1.5,
      left: { force: 8, ripple: 1 },
      right: { force: 8, ripple: 1 },
      seed: 12,
    }, (s) => rows.push(w.row(s)));
    writeFileSync(csv, rows.join(''));
    const out = join(dir, 'no-such-folder', 'p.json');
    const r = pijat('profile', 'from-demo', csv, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`pijat: Cannot write ${out}: ENOENT. Choose another place with --out FILE.\n`);
  });

  /** A one-pass, 40 s demonstration (50 Hz, both hands, 8 N, 1.5 circles/s). */
  function shortDemo(name: string): string {
    const csv = join(dir, name);
    const w = new CsvWriter({ imu: true });
    const rows: string[] = [w.header()];
    synth({
      rate_hz: 50, duration_s: 50, bouts: [[5, 45]], cadence_hz: 1.5,
      left: { force: 8, ripple: 1 }, right: { force: 8, ripple: 1 }, seed: 13,
    }, (s) => rows.push(w.row(s)));
    writeFileSync(csv, rows.join(''));
    return csv;
  }

  it('from-demo refuses to overwrite an existing --out file unless --force, naming the file and the flag', () => {
    const csv = shortDemo('demo-overwrite.csv');
    const out = join(dir, 'mine.json');
    writeFileSync(out, '{"keep": true}\n');
    const r = pijat('profile', 'from-demo', csv, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`pijat: ${out} already exists and was not overwritten. Fix: add --force to overwrite it, or choose another file with --out.\n`);
    expect(readFileSync(out, 'utf8')).toBe('{"keep": true}\n');
    const id = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'profile', 'from-demo', csv, '--out', out, '--lang', 'id'],
      { cwd: ROOT, encoding: 'utf8' });
    expect(id.status).toBe(2);
    expect(id.stderr).toContain(`${out} sudah ada dan tidak ditimpa. Perbaikan: tambahkan --force`);

    const forced = pijat('profile', 'from-demo', csv, '--out', out, '--force', '--id', 'ditimpa');
    expect(forced.code, forced.err).toBe(0);
    expect(Profile.parse(JSON.parse(readFileSync(out, 'utf8'))).id).toBe('ditimpa');
  });

  it('from-demo warns on stderr (exit 0) when the demonstration is too short to trust, in the chosen language', () => {
    const csv = shortDemo('demo-short.csv');
    const r = pijat('profile', 'from-demo', csv, '--id', 'pendek');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).id).toBe('pendek'); // the profile is still made
    const warnings = r.err.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^pijat: Warning: demo-short\.csv: the demonstration has only 1 pass\(es\) \(at least 2 are needed/);
    expect(warnings[1]).toMatch(/^pijat: Warning: demo-short\.csv: the demonstration holds only 4\d s of work \(under 60 s\)/);
    const id = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'profile', 'from-demo', csv], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, PIJAT_LANG: 'id' },
    });
    expect(id.status).toBe(0);
    expect(id.stderr).toContain('pijat: Peringatan: demo-short.csv: demonstrasi hanya berisi 1 putaran');
    expect(id.stderr).toContain('pijat: Peringatan: demo-short.csv: demonstrasi hanya berisi 4');
  });
});
