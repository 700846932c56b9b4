// A flash that failed, said in the user's language (shared/i18n/firmware.ts), and how the flasher
// reports its progress.
import { LocalizedError, type Entry, type Params } from '../../shared/i18n/index';

/** Exit codes as host/cli/errors.ts has them: 1 failed while running, 2 bad input or usage. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class FlashError extends LocalizedError {
  constructor(entry: Entry, params: Params = {}, exitCode = EXIT_FAILURE) {
    super(entry, params, exitCode);
  }
}

/** A progress line for the user (the CLI prints it in the user's language). */
export type Say = (entry: Entry, params?: Params) => void;

export const quiet: Say = () => {};

/** A message whose `{advice}` is another message, in the same language. */
export function withAdvice(entry: Entry, advice: Entry): Entry {
  return { id: entry.id.replace('{advice}', advice.id), en: entry.en.replace('{advice}', advice.en) };
}
