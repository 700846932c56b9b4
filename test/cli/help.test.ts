// Every `pijat` command's --help ends with examples (README promises it), in both languages.
import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const COMMANDS = [
  'calibrate', 'export', 'flash', 'inspect', 'live', 'ports', 'profile', 'report', 'score', 'serve',
  'sessions', 'simulate', 'start', 'trainees',
] as const;

async function helpOf(name: string): Promise<string> {
  const mod = (await import(`../../host/cli/${name}.ts`)) as { register: (p: Command) => void };
  const program = new Command('pijat');
  mod.register(program);
  const cmd = program.commands.find((c) => c.name() === name)!;
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s) });
  cmd.outputHelp();
  return text;
}

const argv = process.argv;
afterEach(() => {
  process.argv = argv;
});

describe('--help', () => {
  for (const name of COMMANDS) {
    it(`pijat ${name} --help shows examples in Bahasa Indonesia and English`, async () => {
      process.argv = [argv[0]!, 'pijat', name, '--help', '--lang', 'id'];
      expect(await helpOf(name)).toMatch(new RegExp(`\\nContoh:\\n  pijat ${name}`));
      process.argv = [argv[0]!, 'pijat', name, '--help', '--lang', 'en'];
      expect(await helpOf(name)).toMatch(new RegExp(`\\nExamples:\\n  pijat ${name}`));
    });
  }
});

describe('pijat --help (top level)', () => {
  const ROOT = resolve(__dirname, '../..');
  function topHelp(args: string[], lang?: string): string {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.PIJAT_LANG;
    if (lang) env.PIJAT_LANG = lang;
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'host', 'cli', 'main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  }
  const EXAMPLES = [
    'npm start', 'pijat simulate --scenario good --seed 1 --duration 60 --out g.bin', 'pijat score g.bin --json', 'pijat live --sim good',
  ];
  const flat = (s: string): string => s.replace(/\s+/g, ' ');

  it('is all in Bahasa Indonesia by default: description, commands and examples', () => {
    const text = topHelp(['--help']);
    expect(flat(text)).toContain('Pijat: sarung tangan sensor tekanan untuk melatih pijat oksitosin.');
    expect(text).not.toContain('pressure-sensing glove');
    expect(flat(text)).toMatch(/score \[options\] <file> Menilai rekaman/);
    expect(text).toContain('\nContoh:\n');
    const block = text.slice(text.indexOf('\nContoh:\n'));
    for (const ex of EXAMPLES) expect(block).toContain(`\n  ${ex} `);
    expect(block).toContain('# halaman instruktur di 127.0.0.1 dengan peserta simulasi');
  });

  it('is all in English with --lang en or PIJAT_LANG=en', () => {
    for (const text of [topHelp(['--help', '--lang', 'en']), topHelp(['--help'], 'en')]) {
      expect(flat(text)).toContain('Pijat: a pressure-sensing glove for teaching oxytocin massage (pijat oksitosin).');
      expect(flat(text)).toMatch(/score \[options\] <file> Score a recording/);
      expect(text).toContain('\nExamples:\n');
      const block = text.slice(text.indexOf('\nExamples:\n'));
      for (const ex of EXAMPLES) expect(block).toContain(`\n  ${ex} `);
      expect(block).toContain('# score that recording, the report as JSON');
    }
  });
});
