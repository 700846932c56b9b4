// Turns a failed zod validation into one plain message in both languages: the deepest field at
// fault, what it should be (described from the schema's own JSON Schema, so the limits stated
// are the limits checked) and what came instead.
import { z, type ZodType } from 'zod';
import { fill, LANGS, type Entry, type Lang } from '../../shared/i18n/index';
import { API_VALIDATION as M, EXPECT as X } from '../../shared/i18n/api';

type Issue = z.core.$ZodIssue;

/** The parts of a JSON Schema (as z.toJSONSchema writes it) that the descriptions use. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** Set with zod's .meta() where the JSON Schema alone cannot say it (shared/live-messages.ts). */
  pijat_expect?: string;
}

/** The field at fault: an unknown key, or a value that should match one of `expect`. */
type Leaf =
  | { kind: 'unknown'; path: PropertyKey[]; allowed: string[] }
  | { kind: 'value'; path: PropertyKey[]; expect: (JsonSchema | undefined)[] };

export interface Explained {
  /** Dotted path of the field, or `where` when the whole value is at fault. */
  field: string;
  text: Entry;
}

const jsonSchemas = new WeakMap<ZodType, JsonSchema>();

function jsonSchemaOf(schema: ZodType): JsonSchema {
  let js = jsonSchemas.get(schema);
  if (!js) {
    try {
      js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    } catch {
      js = {};
    }
    jsonSchemas.set(schema, js);
  }
  return js;
}

export function explainIssues(schema: ZodType, issues: readonly Issue[], value: unknown, where: string): Explained {
  const leaf = deepest(issues, jsonSchemaOf(schema), []) ?? { kind: 'value', path: [], expect: [undefined] };
  const field = leaf.path.length > 0 ? leaf.path.map(String).join('.') : where;
  const text = {} as Entry;
  for (const lang of LANGS) {
    if (leaf.kind === 'unknown') {
      text[lang] = fill(M.field_unknown[lang], { field, allowed: leaf.allowed.map((k) => `"${k}"`).join(', ') || '{}' });
      continue;
    }
    const expect = unique(leaf.expect.map((s) => describe(s, lang))).join(X.or[lang]);
    const got = valueAt(value, leaf.path);
    text[lang] = got.missing
      ? fill(M.field_missing[lang], { field, expect })
      : fill(M.field_wrong[lang], { field, expect, got: show(got.value, lang) });
  }
  return { field, text };
}

/** Of several issues (each possibly a union holding its branches' issues), the one deepest in the value. */
function deepest(issues: readonly Issue[], base: JsonSchema | undefined, prefix: PropertyKey[]): Leaf | undefined {
  let best: Leaf | undefined;
  for (const issue of issues) {
    const leaf = leafOf(issue, base, prefix);
    if (leaf && (!best || leaf.path.length > best.path.length)) best = leaf;
  }
  return best;
}

function leafOf(issue: Issue, base: JsonSchema | undefined, prefix: PropertyKey[]): Leaf | undefined {
  const path = [...prefix, ...issue.path];
  const here = schemaAt(base, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return { kind: 'unknown', path: [...path, issue.keys[0] ?? ''], allowed: keysOf(here) };
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The branch the value came closest to (fewest issues) tells what was meant; when several
    // tie and all fault the same field, that field may be any of their shapes.
    const options = here?.anyOf ?? here?.oneOf ?? [];
    const fewest = Math.min(...issue.errors.map((e) => e.length));
    const tied = issue.errors.flatMap((e, i) => (e.length === fewest ? [deepest(e, options[i], path)] : []));
    const first = tied[0];
    if (tied.length === 1 && first) return first;
    if (first && first.path.length > path.length
      && tied.every((l) => l?.kind === 'value' && samePath(l.path, first.path))) {
      return { kind: 'value', path: first.path, expect: tied.flatMap((l) => (l?.kind === 'value' ? l.expect : [])) };
    }
  }
  return { kind: 'value', path, expect: [here] };
}

function schemaAt(js: JsonSchema | undefined, path: readonly PropertyKey[]): JsonSchema | undefined {
  let s = js;
  for (const key of path) {
    if (!s) return undefined;
    if (typeof key === 'number' && s.items) { s = s.items; continue; }
    const k = String(key);
    const options = s.anyOf ?? s.oneOf;
    if (options) s = options.find((o) => o.properties && k in o.properties);
    s = s?.properties?.[k] ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
  }
  return s;
}

function keysOf(js: JsonSchema | undefined): string[] {
  if (!js) return [];
  const options = js.anyOf ?? js.oneOf ?? [js];
  return unique(options.flatMap((o) => Object.keys(o.properties ?? {})));
}

function describe(js: JsonSchema | undefined, lang: Lang): string {
  if (!js) return X.any[lang];
  if (js.pijat_expect === 'id') return X.id[lang];
  if (js.pijat_expect === 'nim') return X.nim[lang];
  if (js.pijat_expect === 'plain_text_range') return fill(X.plain_text_range[lang], { min: js.minLength ?? 1, max: js.maxLength ?? 0 });
  if (js.pijat_expect === 'plain_text_max') return fill(X.plain_text_max[lang], { max: js.maxLength ?? 0 });
  const options = js.anyOf ?? js.oneOf;
  if (options) return unique(options.map((o) => describe(o, lang))).join(X.or[lang]);
  if (js.enum) return fill(X.one_of[lang], { values: js.enum.map((v) => JSON.stringify(v)).join(', ') });
  if ('const' in js) return JSON.stringify(js.const);
  if (Array.isArray(js.type)) return js.type.map((t) => describe({ ...js, type: t }, lang)).join(X.or[lang]);
  switch (js.type) {
    case 'string': {
      const min = js.minLength ?? 0;
      const max = js.maxLength;
      if (min > 0 && max !== undefined) return fill(X.text_range[lang], { min, max });
      if (max !== undefined) return fill(X.text_max[lang], { max });
      if (min > 0) return fill(X.text_min[lang], { min });
      return X.text[lang];
    }
    case 'integer':
    case 'number':
      return describeNumber(js, lang);
    case 'boolean':
      return X.boolean[lang];
    case 'null':
      return X.null[lang];
    case 'array':
      return fill(X.list[lang], { what: describe(js.items, lang) });
    case 'object': {
      const required = new Set(js.required ?? []);
      const fields = Object.entries(js.properties ?? {}).map(([k, v]) =>
        `"${k}"${required.has(k) ? '' : ` ${X.optional[lang]}`}: ${describe(v, lang)}`);
      return fill(X.object[lang], { fields: fields.length > 0 ? `{ ${fields.join(', ')} }` : '{}' });
    }
    default:
      return X.any[lang];
  }
}

function describeNumber(js: JsonSchema, lang: Lang): string {
  const whole = js.type === 'integer';
  const what = (whole ? X.whole : X.number)[lang];
  const real = (x: number | undefined): number | undefined =>
    x !== undefined && Math.abs(x) < Number.MAX_SAFE_INTEGER ? x : undefined; // int() adds +-2^53 bounds
  let lo = real(js.minimum);
  let hi = real(js.maximum);
  let loOpen = real(js.exclusiveMinimum);
  let hiOpen = real(js.exclusiveMaximum);
  if (whole && loOpen !== undefined) { lo = Math.floor(loOpen) + 1; loOpen = undefined; }
  if (whole && hiOpen !== undefined) { hi = Math.ceil(hiOpen) - 1; hiOpen = undefined; }
  if (lo !== undefined && hi !== undefined) return fill(X.num_range[lang], { what, min: lo, max: hi });
  if (lo !== undefined) return fill(X.num_min[lang], { what, min: lo });
  if (loOpen !== undefined) return fill(X.num_above[lang], { what, min: loOpen });
  if (hi !== undefined) return fill(X.num_max[lang], { what, max: hi });
  if (hiOpen !== undefined) return fill(X.num_below[lang], { what, max: hiOpen });
  return what;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): { missing: boolean; value: unknown } {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return { missing: true, value: undefined };
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return { missing: v === undefined, value: v };
}

const SHOW_CHARS = 40;

function show(v: unknown, lang: Lang): string {
  const json = JSON.stringify(v) ?? String(v);
  const cut = json.length > SHOW_CHARS ? `${json.slice(0, SHOW_CHARS)}…` : json;
  return typeof v === 'string' && v.length > SHOW_CHARS ? fill(M.long_text[lang], { text: cut, n: v.length }) : cut;
}

function samePath(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
