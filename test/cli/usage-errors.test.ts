// Usage errors are said in the user's language and exit 2 like every other bad input; output
// piped into a reader that stops early (`| head`) ends quietly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../host/store';
import { simulate } from '../../host/sim';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');

function pijat(args: string[], lang?: 'id' | 'en'): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PIJAT_LANG;
  if (lang) env.PIJAT_LANG = lang;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CASES: { args: string[]; id: string; en: string }[] = [
  { args: ['scor', 'x.bin'], id: 'perintah scor tidak dikenal. Maksudnya score?', en: 'unknown command scor. Did you mean score?' },
  { args: ['score'], id: 'argumen berkas belum diisi.', en: 'the argument file is missing.' },
  { args: ['score', 'x.bin', '--bogus'], id: 'pilihan --bogus tidak dikenal.', en: 'unknown option --bogus.' },
  { args: ['export', '3', '--format', 'xml'], id: 'nilai "xml" tidak berlaku untuk --format <format>; pilih salah satu: csv, json.', en: 'the value "xml" is not valid for --format <format>; choose one of: csv, json.' },
  { args: ['score', 'a.bin', 'b.bin'], id: 'terlalu banyak argumen.', en: 'too many arguments.' },
];

describe('usage errors', () => {
  for (const c of CASES) {
    it(`pijat ${c.args.join(' ')}: exit 2, in Bahasa Indonesia and English, with where to find help`, () => {
      const id = pijat(c.args);
      expect(id.status).toBe(2);
      expect(id.stderr).toContain(`pijat: ${c.id}\n`);
      expect(id.stderr).toMatch(/Petunjuk: pijat( \w+)? --help\n$/);
      expect(id.stderr).not.toMatch(/error:|Usage:|Did you mean|argument/);
      const en = pijat(c.args, 'en');
      expect(en.status).toBe(2);
      expect(en.stderr).toContain(`pijat: ${c.en}\n`);
      expect(en.stderr).toMatch(/Help: pijat( \w+)? --help\n$/);
    });
  }

  it('help and version still exit 0', () => {
    expect(pijat(['--help']).status).toBe(0);
    expect(pijat(['score', '--help']).status).toBe(0);
    expect(pijat(['--version']).status).toBe(0);
  });

  it('pijat alone prints its help on stderr, exit 2, with no second message', () => {
    for (const args of [[], ['central']]) {
      const r = pijat(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^Pemakaian: pijat/);
      expect(r.stderr).not.toMatch(/tidak dapat dibaca|pijat: /);
    }
  });
});

describe('pijat export', () => {
  let dir = '';
  let data = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pijat-usage-'));
    data = join(dir, 'data');
    const raw = simulate({ scenario: 'good', seed: 5 }).bytes();
    const store = Store.open(data);
    const s = store.startSession({ profile: 'sop-000', source: 'sim:good:5' });
    for (let off = 0, k = 0; off < raw.length; off += 2450, k++) store.appendFrames(s.id, raw.subarray(off, off + 2450), k * 0.5, k * 0.5 + 0.49);
    store.finishSession(s.id);
    store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes CSV without --format, and JSON when --out ends in .json', () => {
    const csv = pijat(['export', '1', '--data', data]);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n', 1)[0]).toMatch(/^t_s,left_thumb_n,right_thumb_n,/);
    const out = join(dir, 'sesi.json');
    const json = pijat(['export', '1', '--data', data, '--out', out]);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).export_version).toBe(1);
  });

  it('piped into a reader that stops after one line: no EPIPE, no message', () => {
    // The CSV of this session is several MB, far more than a pipe holds.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" export 1 --data "${data}" | head -n 1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.split('\n', 1)[0]).toMatch(/^t_s,/);
    expect(r.stderr).toBe('');
  });
});
