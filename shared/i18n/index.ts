// Every string a trainee or instructor reads, in Bahasa Indonesia (default) and English.
// Tables live beside this file, one per area (cues.ts, report.ts, web.ts, cli.ts), each a
// record of `{ id, en }` entries; `{name}` in a string is replaced from `params`.

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];
export const DEFAULT_LANG: Lang = 'id';

export interface Entry {
  id: string;
  en: string;
}
export type Strings = Record<string, Entry>;

export type Params = Record<string, string | number>;

export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The entry in one language, with its parameters filled in. */
export function t(entry: Entry, lang: Lang, params?: Params): string {
  return fill(entry[lang], params);
}

/** Both languages at once, for reports and JSON output. */
export function both(entry: Entry, params?: Params): Entry {
  return { id: fill(entry.id, params), en: fill(entry.en, params) };
}

export function parseLang(x: unknown): Lang {
  return x === 'en' ? 'en' : 'id';
}

/**
 * An error a user can fix, carrying its message in both languages. The CLI prints it in the
 * user's language (host/cli/errors.ts) and exits with `exitCode` (2: bad input or usage).
 */
export class LocalizedError extends Error {
  constructor(
    readonly entry: Entry,
    readonly params: Params = {},
    readonly exitCode = 2,
  ) {
    super(fill(entry.en, params));
    this.name = new.target.name;
  }
}
