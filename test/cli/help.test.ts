// Every `pijat` command's --help ends with examples (README promises it), in both languages.
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';

const COMMANDS = [
  'calibrate', 'export', 'flash', 'inspect', 'live', 'ports', 'profile', 'report', 'score', 'serve',
  'sessions', 'simulate', 'start',
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
