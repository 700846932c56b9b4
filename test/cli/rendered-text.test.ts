// What a new instructor reads from the built `pijat` (dist/pijat.mjs; `npm run build` first), in
// Bahasa Indonesia and in English: the commands she runs on a simulated raw capture and CSV and
// on a store filled by `live --sim`, every --help, and a few usage errors. stdout and stderr are
// checked as read (test/support/rendered-text.ts): no internal id, file or source name she did
// not type, unfilled placeholder, or word of the other language. --json output is not prose.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../support/data-env';
import { findProblems, type Lang } from '../support/rendered-text';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'dist', 'pijat.mjs');

interface Run { out: string; code: number | null }

// Values a user types on the command line, which output names as she types them (reason given).
const TYPED: (string | RegExp)[] = [
  // scenario names are option values (`--scenario too-hard`), listed in help and in the output
  /\b(good|too-hard|too-light|too-fast|too-slow|irregular|one-hand|short-passes|slow-circles|steady-thumb|tempo-drift)\b/g,
  // profile ids are option values (`--profile sop-000`)
  /\b(sop-000|clinic-004|ward-003)\b/g,
  // her own files named on the command line
  /\b(good|capture|session)\.(bin|csv)\b/g,
  // subcommand names at the start of a help line (`list [pilihan]`) are typed as they are
  /^\s+[a-z][\w-]*(?= \[| <|\s{2})/,
  // "Did you mean score?" names a command she types
  /(Maksudnya|Did you mean) \S+\?/,
];
// `pijat inspect` prints the glove's own descriptor: its channel names as the glove sends them
// (PROTOCOL.md), which a board maker reads against the firmware.
const DESCRIPTOR_CHANNELS = /^\s+(left|right)_(ax|ay|az|gx|gy|gz)\s+(accel|gyro)\b/;

describe.skipIf(!existsSync(BIN))(`rendered text of the CLI${existsSync(BIN) ? '' : ' (run npm run build first)'}`, () => {
  let dir: string;
  let data: string;
  let sessionId = '';

  function pijat(args: string[], lang: Lang): Promise<Run> {
    return new Promise((done) => {
      const env = childEnv({ NO_COLOR: '1', PIJAT_LANG: lang, COLUMNS: '100' });
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      child.on('close', (code) => done({ out, code }));
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pijat-cli-text-'));
    data = join(dir, 'store');
    const sim = await pijat(['simulate', '--scenario', 'good', '--seed', '2', '--duration', '40', '--out', 'capture.bin'], 'en');
    expect(sim.code, sim.out).toBe(0);
    const live = await pijat(['live', '--sim', 'good', '--duration', '5', '--data', data, '--trainee', 'Siti Aminah', '--label', 'pre'], 'en');
    expect(live.code, live.out).toBe(0);
    const list = await pijat(['sessions', '--data', data, '--json'], 'en');
    const rows = JSON.parse(list.out) as { sessions?: { id: number }[] } | { id: number }[];
    const all = Array.isArray(rows) ? rows : rows.sessions!;
    sessionId = String(all[0]!.id);
    writeFileSync(join(dir, 'roster.csv'), 'nim;nama;kelompok\n2021001;Siti Aminah;Reguler A\nx!y;Dewi Lestari;Reguler A\n');
    const exp = await pijat(['export', sessionId, '--data', data, '--out', 'session.csv'], 'en');
    expect(exp.code, exp.out).toBe(0);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const COMMANDS = ['calibrate', 'central', 'export', 'flash', 'inspect', 'live', 'ports', 'profile', 'report', 'score', 'serve', 'sessions', 'simulate', 'start', 'sync', 'trainees'];

  for (const lang of ['id', 'en'] as const) {
    it(`says nothing internal or foreign in what a user runs (${lang})`, async () => {
      const runs: [string, string[], 'ok' | 'fails'][] = [
        ['score raw', ['score', 'capture.bin'], 'ok'],
        ['score csv', ['score', 'session.csv'], 'ok'],
        ['inspect', ['inspect', 'capture.bin'], 'ok'],
        ['report', ['report', sessionId, '--data', data], 'ok'],
        ['sessions', ['sessions', '--data', data], 'ok'],
        ['trainees', ['trainees', '--data', data], 'ok'],
        ['live', ['live', '--sim', 'too-hard', '--duration', '3', '--no-store'], 'ok'],
        ['roster import, dry run', ['trainees', 'import', 'roster.csv', '--dry-run', '--data', data], 'fails'],
        ['profile list', ['profile', 'list'], 'ok'],
        ['profile show', ['profile', 'show', 'sop-000'], 'ok'],
        ['ports', ['ports'], 'ok'],
        ['top help', ['--help'], 'ok'],
        ['unknown command', ['scroe', 'capture.bin'], 'fails'],
        ['missing file', ['score', 'nothing-here.bin'], 'fails'],
        ['bad option value', ['simulate', '--scenario', 'too-soft', '--out', 'x.bin'], 'fails'],
        ['unknown option', ['score', 'capture.bin', '--fast'], 'fails'],
        ['unknown session', ['report', '999', '--data', data], 'fails'],
        ['missing argument', ['inspect'], 'fails'],
      ];
      for (const c of COMMANDS) runs.push([`${c} --help`, [c, '--help'], 'ok']);
      for (const sub of ['list', 'show']) runs.push([`profile ${sub} --help`, ['profile', sub, '--help'], 'ok']);
      for (const sub of ['list', 'add', 'import', 'edit', 'delete', 'restore']) runs.push([`trainees ${sub} --help`, ['trainees', sub, '--help'], 'ok']);

      const found: string[] = [];
      // four at a time (a small CI machine)
      const results: { what: string; want: string; args: string[]; r: Run }[] = [];
      let next = 0;
      await Promise.all([0, 1, 2, 3].map(async () => {
        while (next < runs.length) {
          const [what, args, want] = runs[next++]!;
          results.push({ what, want, args, r: await pijat(args, lang) });
        }
      }));
      for (const { what, want, args, r } of results) {
        expect(r.out.trim().length, `${what}: says something`).toBeGreaterThan(0);
        if (want === 'ok') expect(r.code, `${what}: ${r.out}`).toBe(0);
        else expect(r.code, `${what}: ${r.out}`).not.toBe(0);
        const allow = [...TYPED, dir, data, 'Siti Aminah', 'Dewi Lestari', 'Reguler A', 'roster.csv', 'nothing-here.bin', 'scroe', 'too-soft', 'x.bin'];
        if (args[0] === 'inspect') allow.push(DESCRIPTOR_CHANNELS);
        for (const p of findProblems(r.out, lang, { allow, commandLines: true })) {
          found.push(`[${lang}] pijat ${args.join(' ')}: ${p}`);
        }
      }
      if (found.length > 0) console.log(found.join('\n'));
      expect(found).toEqual([]);
    }, 90_000);
  }
});
