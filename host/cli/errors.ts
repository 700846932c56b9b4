// Errors a user can fix, said in the user's language, and the wrapper every command action
// runs in: it prints `pijat: <message>` on stderr and sets a non-zero exit code.
import { LocalizedError, t, type Entry, type Lang, type Params } from '../../shared/i18n/index';

/** Exit codes: 1 = failure while running, 2 = bad input or usage (file, option, port). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UserError extends LocalizedError {}

interface Localized {
  entry: Entry;
  params?: Params;
  exitCode?: number;
}

function isLocalized(err: unknown): err is Localized & Error {
  if (!(err instanceof Error)) return false;
  const e = (err as unknown as { entry?: Partial<Entry> }).entry;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.en === 'string';
}

export function errorText(err: unknown, lang: Lang): string {
  if (isLocalized(err)) return t(err.entry, lang, err.params);
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Runs a command's body; a thrown error becomes a message on stderr and a non-zero exit. */
export async function runCommand(lang: Lang, body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (err) {
    // Output piped into a reader that stopped (`| head`): nothing is wrong, nothing to say.
    if ((err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return;
    process.stderr.write(`pijat: ${errorText(err, lang)}\n`);
    if (process.env.PIJAT_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = isLocalized(err) ? (err.exitCode ?? EXIT_USAGE) : EXIT_FAILURE;
  }
}
