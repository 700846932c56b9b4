// Commander's usage errors ("missing required argument", "unknown command", ...) said in the
// user's language. Commander gives only an English message and a code, so the names it quotes
// are taken from the message; anything unrecognised still gets a bilingual frame.
import type { CommanderError } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { argumentWord } from './help-lang';

function quoted(message: string): string[] {
  return [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

function suggestion(message: string, lang: Lang): string {
  const m = /\(Did you mean ([^?]+)\?\)/.exec(message);
  return m ? ' ' + t(CLI.usage_did_you_mean, lang, { name: m[1]!.trim() }) : '';
}

/** The usage error in `lang`, followed by where to find help. */
export function usageErrorText(err: CommanderError, lang: Lang, command: string): string {
  const q = quoted(err.message);
  const hint = t(CLI.usage_see_help, lang, { command: command ? `pijat ${command}` : 'pijat' });
  let text: string;
  switch (err.code) {
    case 'commander.missingArgument':
      text = t(CLI.usage_missing_argument, lang, { name: argumentWord(q[0] ?? '?', lang) });
      break;
    case 'commander.optionMissingArgument':
      text = t(CLI.usage_option_missing_value, lang, { option: q[0] ?? '?' });
      break;
    case 'commander.missingMandatoryOptionValue':
      text = t(CLI.usage_option_required, lang, { option: q[0] ?? '?' });
      break;
    case 'commander.unknownOption':
      text = t(CLI.usage_unknown_option, lang, { option: q[0] ?? '?' }) + suggestion(err.message, lang);
      break;
    case 'commander.unknownCommand':
      text = t(CLI.usage_unknown_command, lang, { name: q[0] ?? '?' }) + suggestion(err.message, lang);
      break;
    case 'commander.excessArguments':
      text = t(CLI.usage_too_many_arguments, lang);
      break;
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are ([^.]+)\./.exec(err.message)?.[1];
      text = choices
        ? t(CLI.usage_invalid_choice, lang, { option: q[0] ?? '?', value: q[1] ?? '?', choices })
        : t(CLI.usage_invalid_value, lang, { option: q[0] ?? '?', value: q[1] ?? '?' });
      break;
    }
    default:
      text = t(CLI.usage_other, lang, { detail: err.message.replace(/^error:\s*/, '') });
  }
  return `${text}\n${hint}`;
}
