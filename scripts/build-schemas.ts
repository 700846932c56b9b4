// JSON Schema files made from the zod schemas (zod 4's z.toJSONSchema), committed in schema/
// so that people and other programs can check a report or a profile without this code.
// test/score/schema-files.test.ts fails when the committed files differ from these.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { Report } from '../shared/engine/report-schema';
import { Profile } from '../shared/profiles/schema';

type JsonObject = Record<string, unknown>;

function document(schema: z.ZodType, title: string, description: string): JsonObject {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as JsonObject;
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/** File path -> file text, exactly as committed. */
export function schemaFiles(): Record<string, string> {
  const report = document(
    Report,
    'Pijat session report',
    'A scored oxytocin-massage session (pijat score --json). Generated from shared/engine/report-schema.ts; see docs/SCORING.md.'
  );
  const profile = document(
    Profile,
    'Pijat SOP profile',
    'Target, warning and pass bands of each scored criterion. Generated from shared/profiles/schema.ts; see docs/SCORING.md. Cross-field rules (min <= max, target inside warn inside pass) are checked by `pijat profile validate`.'
  );
  // A profile file may name this schema for editors ("$schema": "../../schema/profile.schema.json").
  const props = profile.properties as JsonObject;
  profile.properties = { $schema: { type: 'string' }, ...props };
  const text = (o: JsonObject): string => `${JSON.stringify(o, null, 2)}\n`;
  return {
    'schema/report.schema.json': text(report),
    'schema/profile.schema.json': text(profile),
  };
}

export async function buildSchemas(): Promise<void> {
  for (const [file, text] of Object.entries(schemaFiles())) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
