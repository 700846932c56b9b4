// schema/*.schema.json are generated from the zod schemas (scripts/build-schemas.ts) and
// committed: they must equal a fresh generation, and real reports and profiles must pass them.
// `any` below: free-form JSON taken apart on purpose to test the checks.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { schemaFiles } from '../../scripts/build-schemas';
import { score } from '../../shared/engine/score';
import { BUILTIN_PROFILE_IDS, loadBuiltinProfile } from '../../shared/profiles/index';
import { checkJsonSchema } from './json-schema-check';
import { RECORDING, summaryOf } from './summaries';

const ROOT = resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const json = (file: string): Record<string, unknown> => JSON.parse(read(file)) as Record<string, unknown>;

describe('committed JSON Schema files', () => {
  it('equal a fresh generation from the zod schemas (run `npm run build` after changing a schema)', () => {
    const fresh = schemaFiles();
    expect(Object.keys(fresh).sort()).toEqual(['schema/profile.schema.json', 'schema/report.schema.json']);
    for (const [file, text] of Object.entries(fresh)) expect(read(file), file).toBe(text);
  });

  const reportSchema = json('schema/report.schema.json');
  const profileSchema = json('schema/profile.schema.json');

  it('accept real score() output: pass, fail and insufficient data, for every built-in profile', () => {
    for (const id of BUILTIN_PROFILE_IDS) {
      const p = loadBuiltinProfile(id);
      for (const shape of [{}, { passes: [150, 100, 150], bilateral: 0.05, tooHard: 2 }, { passes: [20] }]) {
        const r = score(summaryOf(shape), p, RECORDING);
        expect(checkJsonSchema(reportSchema, JSON.parse(JSON.stringify(r))), `${id} ${r.verdict}`).toEqual([]);
      }
    }
  });

  it('refuse a broken report (the checker is not vacuous)', () => {
    const r = JSON.parse(JSON.stringify(score(summaryOf(), loadBuiltinProfile('sop-000'), RECORDING))) as Record<string, any>;
    const bad = structuredClone(r);
    delete bad.verdict;
    bad.score.total = 140;
    bad.passes[0].circles = 1.5;
    bad.extra = true;
    expect(checkJsonSchema(reportSchema, bad).sort()).toEqual([
      '$.passes[0].circles: expected integer, got number',
      '$.score.total: matches no anyOf branch',
      '$: missing verdict',
      '$: unexpected extra',
    ]);
  });

  it('accept the built-in profile files as written (with their "$schema" line) and refuse a wrong type', () => {
    for (const id of BUILTIN_PROFILE_IDS) {
      const raw = json(`shared/profiles/${id}.json`);
      expect(raw.$schema).toBe('../../schema/profile.schema.json');
      expect(checkJsonSchema(profileSchema, raw), id).toEqual([]);
    }
    const bad = json('shared/profiles/sop-000.json') as Record<string, any>;
    bad.criteria.force_n.weight = 'heavy';
    bad.id = 'Not An Id';
    expect(checkJsonSchema(profileSchema, bad).sort()).toEqual([
      '$.criteria.force_n.weight: expected number, got string',
      '$.id: does not match ^[a-z0-9][a-z0-9-]*$',
    ]);
  });
});
