// Every `pijat` command's --help ends with examples (README promises it), in both languages.
import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childEnv } from '../support/data-env';

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
    expect(flat(text)).toMatch(/score \[pilihan\] <berkas> Menilai rekaman/);
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

describe("commander's own words in the built CLI's help", () => {
  const ROOT = resolve(__dirname, '../..');
  const BUNDLE = join(ROOT, 'dist', 'pijat.mjs');
  /** What commander prints in English by itself (headings, placeholders, its own options). */
  const COMMANDER_ENGLISH = [
    'Usage:', 'Options:', 'Commands:', 'Arguments:', 'Global Options:', 'output the version number',
    'display help for command', 'choices:', 'default:', 'preset:', '[options]', '[command]',
  ];
  function help(args: string[], lang: 'id' | 'en' | undefined): string {
    const env = childEnv({ NO_COLOR: '1', COLUMNS: '100' });
    delete env.PIJAT_LANG;
    if (lang) env.PIJAT_LANG = lang;
    const r = spawnSync(process.execPath, [BUNDLE, ...args, '--help'], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.status, `pijat ${args.join(' ')} --help: ${r.stderr}`).toBe(0);
    return r.stdout;
  }
  /** The subcommands a help text lists under `heading` (help itself left out). */
  function listed(text: string, heading: string): string[] {
    const at = text.indexOf(`\n${heading}\n`);
    if (at < 0) return [];
    const names: string[] = [];
    for (const line of text.slice(at + heading.length + 2).split('\n')) {
      if (line === '') break;
      const m = /^ {2}([a-z][\w-]*)/.exec(line);
      if (m && m[1] !== 'help') names.push(m[1]!);
    }
    return names;
  }
  /** Every command line (`[]`, `['score']`, `['central', 'init']`, ...) the CLI has. */
  function allCommands(heading: string, lang: 'id' | 'en'): string[][] {
    const out: string[][] = [[]];
    for (const name of listed(help([], lang), heading)) {
      out.push([name]);
      for (const sub of listed(help([name], lang), heading)) out.push([name, sub]);
    }
    return out;
  }

  it('has no English heading, placeholder or option text in Bahasa Indonesia, for every command', () => {
    expect(existsSync(BUNDLE), 'run npm run build first').toBe(true);
    const commands = allCommands('Perintah:', 'id');
    // the top level, its 15 commands and the subcommands of central and profile
    expect(commands.length).toBeGreaterThanOrEqual(20);
    expect(commands).toContainEqual(['central', 'init']);
    for (const args of commands) {
      const text = help(args, 'id');
      expect(text, `pijat ${args.join(' ')} --help`).toMatch(/^Pemakaian: pijat/);
      for (const word of COMMANDER_ENGLISH) expect(text, `pijat ${args.join(' ')} --help says ${word}`).not.toContain(word);
    }
    const top = help([], 'id');
    expect(top).toContain('  -V, --version');
    expect(top).toMatch(/-h, --help +tampilkan petunjuk perintah/);
    expect(top).toMatch(/help \[perintah\] +tampilkan petunjuk perintah/);
    expect(help(['score'], 'id').replace(/\s+/g, ' ')).toContain('(pilih salah satu: "id", "en"; bawaan: "id")');
  }, 120_000);

  it('keeps commander\'s English with --lang en', () => {
    const top = help(['--lang', 'en'], undefined);
    expect(top).toMatch(/^Usage: pijat \[options\] \[command\]\n/);
    for (const line of ['\nOptions:\n', '\nCommands:\n', '-V, --version', 'output the version number', 'display help for command', 'help [command]']) {
      expect(top).toContain(line);
    }
    const score = help(['score'], 'en');
    expect(score).toMatch(/^Usage: pijat score \[options\] <file>\n/);
    expect(score).toContain('\nArguments:\n');
    expect(score.replace(/\s+/g, ' ')).toContain('(choices: "id", "en", default: "en")');
  }, 60_000);
});
