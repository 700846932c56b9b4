// The built-in SOP profiles the pages offer (sop-000 first: the default).
import { BUILTIN_PROFILE_IDS as IDS, DEFAULT_PROFILE_ID, loadBuiltinProfile } from '../../../shared/profiles/index';
import type { Profile } from '../../../shared/profiles/schema';

export const BUILTIN_PROFILE_IDS: readonly string[] = [DEFAULT_PROFILE_ID, ...IDS.filter((id) => id !== DEFAULT_PROFILE_ID)];

const cache = new Map<string, Profile>();

export function builtinProfile(id: string): Profile {
  let p = cache.get(id);
  if (!p) {
    p = loadBuiltinProfile(id);
    cache.set(id, p);
  }
  return p;
}
