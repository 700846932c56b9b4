// Profiles from the command line: a built-in id ("sop-000") or a path to a profile JSON file.
// The file reading lives here because shared/ has no Node APIs.
import { existsSync, readFileSync } from 'node:fs';
import { BUILTIN_PROFILE_IDS, DEFAULT_PROFILE_ID, isBuiltinProfile, loadBuiltinProfile, parseProfile } from '../shared/profiles/index';
import type { Profile } from '../shared/profiles/schema';
import { LocalizedError } from '../shared/i18n/index';
import { PROFILE_CLI } from '../shared/i18n/profile';

/** A problem with a file or name the user gave; carries both languages for host/cli/errors.ts. */
export class ProfileFileError extends LocalizedError {}

/** Read and validate a profile file; errors name the file, line, field and fix. */
export function readProfileFile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new ProfileFileError(PROFILE_CLI.file_unreadable, { file: path, reason });
  }
  return parseProfile(text.replace(/^\uFEFF/, ''), path);
}

/** A built-in id, or a path to a JSON file; undefined gives the default profile (sop-000). */
export function resolveProfile(nameOrPath?: string): Profile {
  const name = nameOrPath ?? DEFAULT_PROFILE_ID;
  if (isBuiltinProfile(name)) return loadBuiltinProfile(name);
  if (existsSync(name) || /[\\/]|\.json$/i.test(name)) return readProfileFile(name);
  throw new ProfileFileError(PROFILE_CLI.not_found, { name, known: BUILTIN_PROFILE_IDS.join(', ') });
}
