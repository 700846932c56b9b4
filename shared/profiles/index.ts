// The built-in SOP profiles and the parser for profile files. A refused profile gets one
// sentence per problem, naming the file, the line, the field path and the fix, in both
// languages (shared/i18n/profile.ts). No Node APIs here: reading files is host/profiles.ts.
import { z } from 'zod';
import { Profile } from './schema';
import { jsonLines, lineColumn, lineOf } from './locate';
import { fill, type Entry, type Params } from '../i18n/index';
import { PROFILE_ERRORS, PROFILE_WORDS } from '../i18n/profile';
import sop000 from './sop-000.json';
import { RAW_BUILTINS } from './builtin';

export { Profile } from './schema';

export const DEFAULT_PROFILE_ID = 'sop-000';

/** The built-in profiles by id (validated when this module loads). */
export const BUILTIN_PROFILES: Readonly<Record<string, Profile>> = Object.fromEntries(
  Object.entries(RAW_BUILTINS).map(([id, raw]) => [id, validateProfileValue(raw, `shared/profiles/${id}.json`)]),
);

export const BUILTIN_PROFILE_IDS: readonly string[] = Object.keys(RAW_BUILTINS);

export function isBuiltinProfile(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTIN_PROFILES, id);
}

/** A fresh copy of a built-in profile (callers may change it). */
export function loadBuiltinProfile(id: string): Profile {
  if (!isBuiltinProfile(id)) {
    const params = { name: id, known: BUILTIN_PROFILE_IDS.join(', ') };
    throw new ProfileError(id, [], both(PROFILE_ERRORS.unknown_builtin, params));
  }
  return structuredClone(BUILTIN_PROFILES[id]!);
}

export interface ProfileIssue {
  /** Dotted field path ("criteria.force_n.target"); "" for the whole file. */
  path: string;
  line: number | null;
  message: Entry;
}

/**
 * A profile that was refused. `entry` holds every problem, one per line, in both languages
 * (host/cli/errors.ts prints it in the user's language and exits with code 2).
 */
export class ProfileError extends Error {
  readonly entry: Entry;
  readonly params: Params = {};
  readonly exitCode = 2;
  constructor(
    readonly where: string,
    readonly issues: ProfileIssue[],
    entry?: Entry,
  ) {
    const e = entry ?? {
      id: issues.map((i) => i.message.id).join('\n'),
      en: issues.map((i) => i.message.en).join('\n'),
    };
    super(e.en);
    this.name = 'ProfileError';
    this.entry = e;
  }
}

export type ProfileCheck = { ok: true; profile: Profile } | { ok: false; issues: ProfileIssue[] };

/** Parse and validate a profile file's text; `where` names the file in messages. */
export function checkProfile(jsonText: string, where: string): ProfileCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(detail);
    const pos = m ? lineColumn(jsonText, Number(m[1])) : null;
    const place = pos ? `${where}:${pos.line}:${pos.column}` : where;
    return { ok: false, issues: [{ path: '', line: pos?.line ?? null, message: both(PROFILE_ERRORS.not_json, { place, detail }) }] };
  }
  return checkValue(raw, where, jsonLines(jsonText));
}

/** Like checkProfile, but throws a ProfileError. */
export function parseProfile(jsonText: string, where: string): Profile {
  const r = checkProfile(jsonText, where);
  if (!r.ok) throw new ProfileError(where, r.issues);
  return r.profile;
}

/** Validate an already parsed value (no line numbers in messages). */
export function validateProfileValue(value: unknown, where: string): Profile {
  const r = checkValue(value, where, new Map());
  if (!r.ok) throw new ProfileError(where, r.issues);
  return r.profile;
}

function checkValue(raw: unknown, where: string, lines: Map<string, number>): ProfileCheck {
  if (!isPlainObject(raw)) {
    return { ok: false, issues: [{ path: '', line: 1, message: both(PROFILE_ERRORS.not_object, { place: where }) }] };
  }
  const issues: ProfileIssue[] = [];
  const place = (path: readonly PropertyKey[]): { place: string; line: number | null; dotted: string } => {
    const keys = path.map(String);
    const line = lines.size > 0 ? lineOf(lines, keys) : null;
    const dotted = keys.join('.');
    const file = line === null ? where : `${where}:${line}`;
    return { place: dotted ? `${file}: ${dotted}` : file, line, dotted };
  };

  const r = Profile.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const p = place(issue.path);
      issues.push({ path: p.dotted, line: p.line, message: describe(issue, raw, p.place) });
    }
  }
  for (const path of unknownKeys(raw, Profile, [])) {
    const p = place(path);
    const parent = schemaAt(Profile, path.slice(0, -1));
    const known = parent ? Object.keys(parent.shape).join(', ') : '';
    issues.push({
      path: p.dotted,
      line: p.line,
      message: both(PROFILE_ERRORS.unknown_field, { place: p.place, key: String(path[path.length - 1]), known }),
    });
  }
  if (issues.length > 0 || !r.success) return { ok: false, issues };
  return { ok: true, profile: r.data };
}

// ---------------------------------------------------------------------------------------------
// zod issues -> sentences

type Issue = z.core.$ZodIssue;

function describe(issue: Issue, raw: unknown, place: string): Entry {
  const path = issue.path.map(String);
  const found = valueAt(raw, path);
  const example = exampleAt(path);
  switch (issue.code) {
    case 'invalid_type': {
      if (found === undefined) return both(PROFILE_ERRORS.missing, { place, example });
      const expected = issue.expected as string;
      const words = PROFILE_WORDS as Record<string, Entry | undefined>;
      const exp = words[expected] ?? { id: expected, en: expected };
      const fixEntry = words[`fix_${expected}`] ?? PROFILE_WORDS.fix_generic;
      const ex = exampleValueAt(path);
      return perLang(PROFILE_ERRORS.wrong_type, (lang) => ({
        place,
        expected: exp[lang],
        found: short(JSON.stringify(found)),
        fix: fill(fixEntry[lang], { example: ex }),
      }));
    }
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'string') return both(PROFILE_ERRORS.empty_text, { place, example });
      const small = issue.code === 'too_small';
      const n = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
      const limitEntry = small
        ? (inclusive ? PROFILE_WORDS.at_least : PROFILE_WORDS.above)
        : (inclusive ? PROFILE_WORDS.at_most : PROFILE_WORDS.below);
      return perLang(small ? PROFILE_ERRORS.too_small : PROFILE_ERRORS.too_big, (lang) => ({
        place,
        value: short(JSON.stringify(found)),
        limit: fill(limitEntry[lang], { n }),
      }));
    }
    case 'invalid_format':
      return both(PROFILE_ERRORS.bad_id, { place, value: String(found), suggestion: slug(String(found)) });
    case 'custom':
      return describeCustom(issue.message, raw, path, place);
    default:
      return both(PROFILE_ERRORS.other, { place, detail: issue.message });
  }
}

function describeCustom(message: string, raw: unknown, path: string[], place: string): Entry {
  const band = (p: string[]): string => {
    const r = valueAt(raw, p) as { min?: unknown; max?: unknown } | undefined;
    return `${String(r?.min)}-${String(r?.max)}`;
  };
  const parent = path.slice(0, -1);
  switch (message) {
    case 'min must not exceed max': {
      const r = valueAt(raw, path) as { min?: unknown; max?: unknown } | undefined;
      return both(PROFILE_ERRORS.min_above_max, { place, min: String(r?.min), max: String(r?.max) });
    }
    case 'the target band must lie inside the pass band':
      return both(PROFILE_ERRORS.target_outside_pass, {
        place, target: band([...parent, 'target']), pass: band([...parent, 'pass']),
      });
    case 'the warning band must contain the target band':
      return both(PROFILE_ERRORS.warn_not_around_target, {
        place, warn: band([...parent, 'warn']), target: band([...parent, 'target']),
      });
    case 'the warning band must lie inside the pass band':
      return both(PROFILE_ERRORS.warn_outside_pass, {
        place, warn: band([...parent, 'warn']), pass: band([...parent, 'pass']),
      });
    case 'contact_off_n must be below contact_on_n': {
      const s = valueAt(raw, parent) as { contact_on_n?: unknown; contact_off_n?: unknown } | undefined;
      return both(PROFILE_ERRORS.contact_off_not_below_on, { place, on: String(s?.contact_on_n), off: String(s?.contact_off_n) });
    }
    default:
      return both(PROFILE_ERRORS.other, { place, detail: message });
  }
}

// ---------------------------------------------------------------------------------------------
// helpers

function both(entry: Entry, params: Params): Entry {
  return { id: fill(entry.id, params), en: fill(entry.en, params) };
}

function perLang(entry: Entry, params: (lang: 'id' | 'en') => Params): Entry {
  return { id: fill(entry.id, params('id')), en: fill(entry.en, params('en')) };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const k of path) {
    if (!isPlainObject(v) && !Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function short(s: string | undefined, max = 80): string {
  const t = s ?? 'undefined';
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}

/** `"key": value` as the default profile has it at `path`, for "add it, for example ...". */
function exampleAt(path: readonly string[]): string {
  const key = path[path.length - 1] ?? '';
  return `"${key}": ${exampleValueAt(path)}`;
}

function exampleValueAt(path: readonly string[]): string {
  let v = valueAt(sop000, path);
  // Optional criteria (work_s) are not in sop-000: any criterion shows the shape.
  if (v === undefined && path[0] === 'criteria' && path.length >= 2) v = valueAt(sop000, ['criteria', 'pass_count', ...path.slice(2)]);
  return v === undefined ? '...' : short(JSON.stringify(v), 120);
}

function slug(s: string): string {
  const t = s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return t || 'my-profile';
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

function asObject(s: unknown): AnyObject | null {
  let t = s;
  while (t instanceof z.ZodOptional) t = t.unwrap();
  return t instanceof z.ZodObject ? (t as AnyObject) : null;
}

function schemaAt(root: AnyObject, path: readonly (string | number)[]): AnyObject | null {
  let s: AnyObject | null = root;
  for (const k of path) {
    if (!s) return null;
    s = asObject(s.shape[String(k)]);
  }
  return s;
}

/** Paths of keys the schema does not know (zod would drop them silently: a typo loses data). */
function unknownKeys(raw: unknown, schema: AnyObject, path: string[]): string[][] {
  if (!isPlainObject(raw)) return [];
  const out: string[][] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (path.length === 0 && k === '$schema') continue;
    const sub = schema.shape[k];
    if (sub === undefined) {
      out.push([...path, k]);
      continue;
    }
    const obj = asObject(sub);
    if (obj) out.push(...unknownKeys(v, obj, [...path, k]));
  }
  return out;
}
