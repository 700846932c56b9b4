// Options several commands share (--lang, --data) and the language of help texts.
import { Option } from 'commander';
import { DEFAULT_LANG, t, type Entry, type Lang, type Params } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { UserError } from './errors';

/**
 * The language before commander has parsed anything (help texts, early errors):
 * `--lang X` / `--lang=X` on the command line, else $PIJAT_LANG, else Bahasa Indonesia.
 */
export function earlyLang(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang' && (argv[i + 1] === 'en' || argv[i + 1] === 'id')) return argv[i + 1] as Lang;
    if (a === '--lang=en' || a === '--lang=id') return a.slice(7) as Lang;
  }
  return env.PIJAT_LANG === 'en' ? 'en' : env.PIJAT_LANG === 'id' ? 'id' : DEFAULT_LANG;
}

/** Text in the help language. */
export function h(entry: Entry, params?: Params): string {
  return t(entry, earlyLang(), params);
}

export function langOption(): Option {
  return new Option('--lang <lang>', h(CLI.opt_lang)).choices(['id', 'en']).default(earlyLang());
}

export function dataOption(): Option {
  return new Option('--data <dir>', h(CLI.opt_data));
}

/** The language of a parsed command (`--lang`), falling back like earlyLang. */
export function langOf(opts: { lang?: string }): Lang {
  return opts.lang === 'en' || opts.lang === 'id' ? opts.lang : earlyLang();
}

/** Examples block for --help. */
export function examples(lines: [string, Entry][]): string {
  const width = Math.max(...lines.map(([cmd]) => cmd.length));
  return `\n${h(CLI.help_examples)}\n${lines.map(([cmd, what]) => `  ${cmd.padEnd(width)}  # ${h(what)}`).join('\n')}\n`;
}

/** A positive integer option value, or a usage error naming the option. */
export function intArg(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(CLI.bad_int, { option: name, value, min });
  return n;
}
