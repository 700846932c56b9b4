// Commander's own help words (headings, "[options]", the --help and --version descriptions,
// "(choices: ..., default: ...)") in the help language; English is exactly commander's text.
import { Help, type Argument, type Command, type HelpConfiguration, type Option } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';

const HEADINGS: Record<string, keyof typeof CLI> = {
  'Usage:': 'help_usage',
  'Arguments:': 'help_arguments',
  'Options:': 'help_options',
  'Global Options:': 'help_global_options',
  'Commands:': 'help_commands',
};

/** The version option, with its description in `lang` (for `program.version(v, flags, description)`). */
export const VERSION_FLAGS = '-V, --version';
const HELP_FLAGS = '-h, --help';

/** The "(choices: ..., default: ...)" tail of an option's or argument's description. */
function withExtras(
  description: string,
  o: { argChoices?: string[]; defaultValue?: unknown; defaultValueDescription?: string; presetArg?: unknown; envVar?: string },
  showDefault: boolean,
  lang: Lang,
): string {
  const extra: string[] = [];
  if (o.argChoices) extra.push(t(CLI.help_choices, lang, { list: o.argChoices.map((c) => JSON.stringify(c)).join(', ') }));
  if (o.defaultValue !== undefined && showDefault) {
    extra.push(t(CLI.help_default, lang, { value: o.defaultValueDescription || JSON.stringify(o.defaultValue) }));
  }
  if (o.presetArg !== undefined) extra.push(t(CLI.help_preset, lang, { value: JSON.stringify(o.presetArg) }));
  if (o.envVar !== undefined) extra.push(t(CLI.help_env, lang, { name: o.envVar }));
  if (extra.length === 0) return description;
  const tail = `(${extra.join(t(CLI.help_extra_separator, lang))})`;
  return description ? `${description} ${tail}` : tail;
}

/** The word shown for a command's argument (`<file>` is `<berkas>` in Indonesian help). */
const ARG_WORDS: Record<string, keyof typeof CLI> = {
  file: 'help_arg_file',
  files: 'help_arg_files',
  session: 'help_arg_session',
  trainee: 'help_arg_trainee',
  name: 'help_arg_name',
};

/** An argument's name in `lang` ('file' -> 'berkas'); other names unchanged. */
export function argumentWord(name: string, lang: Lang): string {
  const key = ARG_WORDS[name];
  return key ? t(CLI[key], lang) : name;
}

/** `<file>`, `[session]`, `<files...>` in `lang`. */
function argumentTerms(text: string, lang: Lang): string {
  return text.replace(/([<[])([a-z]+)((?:\.\.\.)?[>\]])/g, (_m, open: string, name: string, close: string) => `${open}${argumentWord(name, lang)}${close}`);
}

/** "[options]", "[command]" and argument names in a usage line or a subcommand's term, in `lang`. */
function placeholders(text: string, lang: Lang): string {
  return text
    .split(' ')
    .map((w) => (w === '[options]' ? t(CLI.help_options_word, lang) : w === '[command]' ? t(CLI.help_command_word, lang) : argumentTerms(w, lang)))
    .join(' ');
}

function helpConfiguration(lang: Lang): HelpConfiguration {
  const base = Help.prototype;
  return {
    styleTitle: (title: string) => {
      const key = HEADINGS[title];
      return key ? t(CLI[key], lang) : title;
    },
    commandUsage(this: Help, cmd: Command) {
      return placeholders(base.commandUsage.call(this, cmd), lang);
    },
    subcommandTerm(this: Help, cmd: Command) {
      return placeholders(base.subcommandTerm.call(this, cmd), lang);
    },
    optionDescription: (o: Option) => {
      // As commander: the default only for options taking a value, or a boolean's true/false.
      const showDefault = o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean');
      return withExtras(o.description, { ...o, presetArg: o.optional ? o.presetArg : undefined }, showDefault, lang);
    },
    argumentDescription: (a: Argument) => withExtras(a.description, a, true, lang),
    argumentTerm: (a: Argument) => argumentWord(a.name(), lang),
    optionTerm: (o: Option) => argumentTerms(o.flags, lang),
  };
}

/**
 * Commander's help in `lang` for `cmd` and every command under it. Call after all commands are
 * registered; the version option is set where it is declared (`VERSION_FLAGS`, `versionDescription`).
 */
export function localizeHelp(cmd: Command, lang: Lang): void {
  cmd.configureHelp(helpConfiguration(lang));
  cmd.helpOption(HELP_FLAGS, t(CLI.help_help_description, lang));
  if (cmd.commands.length > 0) {
    cmd.helpCommand(`help ${t(CLI.help_command_word, lang)}`, t(CLI.help_help_description, lang));
  }
  for (const sub of cmd.commands) localizeHelp(sub, lang);
}

export function versionDescription(lang: Lang): string {
  return t(CLI.help_version_description, lang);
}
