// The built-in profiles as plain data, without the schema: `pijat score` with a built-in
// profile reads them from here and never loads zod (about a third of its start-up). They are
// validated where index.ts loads them, which every profile test does.
import type { Profile } from './schema';
import sop000 from './sop-000.json';
import clinic004 from './clinic-004.json';
import ward003 from './ward-003.json';

export const RAW_BUILTINS: Readonly<Record<string, unknown>> = {
  'sop-000': sop000,
  'clinic-004': clinic004,
  'ward-003': ward003,
};

export function isBuiltinId(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(RAW_BUILTINS, id);
}

/** A fresh copy of a built-in profile, unvalidated (index.ts validates the same data). */
export function builtinProfileData(id: string): Profile {
  return structuredClone(RAW_BUILTINS[id]) as Profile;
}
