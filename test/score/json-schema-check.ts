// A small JSON Schema (draft 2020-12) checker covering the keywords z.toJSONSchema writes for
// our schemas: type, properties, required, additionalProperties, items, anyOf, oneOf, allOf,
// const, enum, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength,
// pattern, $ref into $defs. An unknown keyword is an error, so the checker cannot silently pass.
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: Json } | boolean;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', 'default', 'examples', '$defs', 'definitions',
  'type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'oneOf', 'allOf',
  'const', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
  'maxLength', 'pattern', '$ref',
]);

function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: Json, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

export function checkJsonSchema(schema: unknown, value: unknown): string[] {
  const errors: string[] = [];
  const root = schema as Schema;
  const rootObj = typeof root === 'object' ? root : {};

  function resolve(ref: string): Schema {
    const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
    const defs = m ? (rootObj[m[1]!] as Record<string, Schema> | undefined) : undefined;
    const s = m && defs ? defs[m[2]!] : undefined;
    if (s === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return s;
  }

  function check(s: Schema, v: Json, path: string): void {
    if (s === true) return;
    if (s === false) { errors.push(`${path}: no value allowed`); return; }
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`checker does not know keyword "${k}" at ${path}`);
    if (typeof s.$ref === 'string') check(resolve(s.$ref), v, path);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(v, t))) { errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(v)}`); return; }
    }
    if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) errors.push(`${path}: not one of ${JSON.stringify(s.enum)}`);
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) errors.push(`${path}: ${v} < minimum ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) errors.push(`${path}: ${v} > maximum ${s.maximum}`);
      if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) errors.push(`${path}: ${v} <= ${s.exclusiveMinimum}`);
      if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) errors.push(`${path}: ${v} >= ${s.exclusiveMaximum}`);
    }
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && [...v].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
      if (typeof s.maxLength === 'number' && [...v].length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${path}: does not match ${s.pattern}`);
    }
    if (Array.isArray(v) && s.items !== undefined) v.forEach((x, i) => check(s.items as Schema, x, `${path}[${i}]`));
    if (typeOf(v) === 'object') {
      const o = v as Record<string, Json>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[]) if (!(r in o)) errors.push(`${path}: missing ${r}`);
      for (const [k, x] of Object.entries(o)) {
        if (k in props) check(props[k]!, x, `${path}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected ${k}`);
        else if (typeof s.additionalProperties === 'object') check(s.additionalProperties as Schema, x, `${path}.${k}`);
      }
    }
    const sub = (list: Json | undefined): string[][] =>
      ((list ?? []) as Schema[]).map((x) => {
        const before = errors.length;
        check(x, v, path);
        return errors.splice(before);
      });
    if (s.anyOf !== undefined && !sub(s.anyOf).some((e) => e.length === 0)) errors.push(`${path}: matches no anyOf branch`);
    if (s.oneOf !== undefined && sub(s.oneOf).filter((e) => e.length === 0).length !== 1) errors.push(`${path}: must match exactly one oneOf branch`);
    if (s.allOf !== undefined) for (const e of sub(s.allOf)) errors.push(...e);
  }

  check(root, value as Json, '$');
  return errors;
}
