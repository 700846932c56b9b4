// The central database's messages exist in both languages with the same placeholders, and
// `pijat sync` / `pijat central` --help end with examples in Bahasa Indonesia and English.
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { CENTRAL } from '../../shared/i18n/central';
import { LANGS } from '../../shared/i18n/index';
import { hidePassword, parseCentralUrl } from '../../host/central/connect';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('central strings', () => {
  it('has every message in Bahasa Indonesia and English, non-empty, with the same placeholders', () => {
    const keys = Object.keys(CENTRAL) as (keyof typeof CENTRAL)[];
    expect(keys.length).toBeGreaterThan(50);
    for (const k of keys) {
      for (const l of LANGS) expect(CENTRAL[k][l].trim(), `${k}.${l}`).not.toBe('');
      expect(placeholders(CENTRAL[k].id), k).toEqual(placeholders(CENTRAL[k].en));
    }
  });
});

describe('central URL', () => {
  it('parses host, port, database, user and sslmode, and never shows the password', () => {
    const t = parseCentralUrl('postgres://pijat_lab_a:s%40cret@db.example:6543/pijat?sslmode=require');
    expect(t).toMatchObject({ host: 'db.example', port: 6543, database: 'pijat', user: 'pijat_lab_a', password: 's@cret', sslmode: 'require', where: 'db.example:6543/pijat' });
    expect(parseCentralUrl('postgresql://u@h/d').sslmode).toBe('prefer');
    expect(hidePassword('postgres://u:topsecret@h/d')).toBe('postgres://u:***@h/d');
    expect(() => parseCentralUrl('postgres://u:topsecret@h')).toThrow(/postgres:\/\/u:\*\*\*@h/);
    expect(() => parseCentralUrl('postgres://u@h/d?sslmode=maybe')).toThrow(/sslmode=maybe/);
  });
});

const argv = process.argv;
afterEach(() => {
  process.argv = argv;
});

describe('--help', () => {
  for (const name of ['sync', 'central']) {
    it(`pijat ${name} --help shows examples in both languages`, async () => {
      for (const [lang, word] of [['id', 'Contoh:'], ['en', 'Examples:']] as const) {
        process.argv = [argv[0]!, 'pijat', name, '--help', '--lang', lang];
        const mod = (await import(`../../host/cli/${name}.ts`)) as { register: (p: Command) => void };
        const program = new Command('pijat');
        mod.register(program);
        let text = '';
        const cmd = program.commands.find((c) => c.name() === name)!;
        cmd.configureOutput({ writeOut: (s) => (text += s) });
        cmd.outputHelp();
        expect(text).toContain(`\n${word}\n  `);
        expect(text).toMatch(new RegExp(`pijat ${name}`));
      }
    });
  }
});
