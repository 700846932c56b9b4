// Every API body schema: a bad body gets one message, in both languages, that names the deepest
// field at fault and says in plain words what it should be (no zod "Invalid input").
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_BODIES } from '../../host/server/api';
import { HttpError, validate } from '../../host/server/http-util';

function refuse(schema: z.ZodType, body: unknown, where = 'body'): HttpError {
  try {
    validate(schema, body, where);
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

const { TraineeBody, StartBody, LabelBody, TickBody, GloveTraineeBody } = API_BODIES;

describe('validation messages name the field and the expected shape', () => {
  it('a glove trainee with a number for a name (the union picks the branch that was meant)', () => {
    const e = refuse(GloveTraineeBody, { name: 123 });
    expect(e.status).toBe(400);
    expect(e.code).toBe('bad_field');
    expect(e.field).toBe('name');
    expect(e.text.en).toBe('Field "name" must be a visible text of 1-120 characters, without control or text-direction (bidi) characters; got 123.');
    expect(e.text.id).toBe('Kolom "name" harus berupa teks 1-120 karakter yang terlihat, tanpa karakter kontrol atau karakter arah teks (bidi); yang diterima: 123.');
  });

  it('a trainee_id of the wrong type may be a number or null', () => {
    const e = refuse(GloveTraineeBody, { trainee_id: 'x' });
    expect(e.field).toBe('trainee_id');
    expect(e.text.en).toBe('Field "trainee_id" must be a whole number of 1 or more or null; got "x".');
    expect(e.text.id).toBe('Kolom "trainee_id" harus berupa bilangan bulat 1 atau lebih atau null; yang diterima: "x".');
  });

  it('an empty body for a union lists every shape it takes', () => {
    const e = refuse(GloveTraineeBody, {});
    expect(e.field).toBe('body');
    expect(e.text.en).toBe('Field "body" must be a JSON object { "trainee_id": a whole number of 1 or more } or a JSON object { "trainee_id": null } '
      + 'or a JSON object { "name": a visible text of 1-120 characters, without control or text-direction (bidi) characters, "cohort" (optional): a text of at most 120 characters, without control or text-direction (bidi) characters, '
      + '"nim" (optional): a NIM: 1-32 letters, digits, dots, slashes or hyphens (or "" for none) }; got {}.');
    expect(e.text.id).toContain('"cohort" (opsional): teks paling banyak 120 karakter, tanpa karakter kontrol');
  });

  it('missing, too long, blank, unknown and wrongly typed fields of the other bodies', () => {
    const missing = refuse(StartBody, { label: 'pre' });
    expect([missing.field, missing.text.en]).toEqual(['glove', 'Field "glove" is missing: send a text of 1-128 characters.']);
    expect(missing.text.id).toBe('Kolom "glove" tidak ada: kirim teks 1-128 karakter.');

    const id = refuse(StartBody, { glove: 'sim-1', trainee_id: 0 });
    expect(id.text.en).toBe('Field "trainee_id" must be a whole number of 1 or more; got 0.');

    const long = refuse(LabelBody, { label: 'x'.repeat(250) });
    expect(long.field).toBe('label');
    expect(long.text.en).toBe(`Field "label" must be a text of at most 200 characters, without control or text-direction (bidi) characters; got "${'x'.repeat(39)}… (250 characters).`);

    const blank = refuse(TraineeBody, { name: '   ' });
    expect(blank.text.en).toBe('Field "name" must be a visible text of 1-120 characters, without control or text-direction (bidi) characters; got "   ".');

    const unknown = refuse(TraineeBody, { name: 'Siti', admin: true });
    expect([unknown.field, unknown.text.en]).toEqual(['admin', 'Field "admin" is not accepted here; send only "nim", "name", "cohort".']);
    expect(unknown.text.id).toBe('Kolom "admin" tidak diterima di sini; kirim hanya "nim", "name", "cohort".');

    const tick = refuse(TickBody, { checked: 'yes' });
    expect(tick.text.en).toBe('Field "checked" must be true or false; got "yes".');
    expect(tick.text.id).toBe('Kolom "checked" harus berupa true atau false; yang diterima: "yes".');

    const notObject = refuse(TickBody, [true]);
    expect([notObject.field, notObject.text.en]).toEqual(['body', 'Field "body" must be a JSON object { "checked": true or false }; got [true].']);
  });

  it('the deepest path wins, also inside nested objects and unions', () => {
    const Nested = z.object({
      hand: z.object({ side: z.enum(['left', 'right']), gain: z.number().min(0.5).max(2) }),
      who: z.union([z.object({ id: z.number().int() }).strict(), z.object({ name: z.string().max(5) }).strict()]),
    });
    const e = refuse(Nested, { hand: { side: 'left', gain: 3 }, who: { id: 1 } });
    expect([e.field, e.text.en]).toEqual(['hand.gain', 'Field "hand.gain" must be a number from 0.5 to 2; got 3.']);
    const u = refuse(Nested, { hand: { side: 'up', gain: 1 }, who: { name: 'Siti Aminah' } });
    expect(u.field).toBe('hand.side');
    expect(u.text.en).toBe('Field "hand.side" must be one of "left", "right"; got "up".');
    const w = refuse(Nested, { hand: { side: 'left', gain: 1 }, who: { name: 'Siti Aminah' } });
    expect([w.field, w.text.en]).toEqual(['who.name', 'Field "who.name" must be a text of at most 5 characters; got "Siti Aminah".']);
  });

  it('a path parameter names itself', () => {
    const e = refuse(z.coerce.number().int().positive(), 'abc', 'id');
    expect([e.field, e.text.en]).toEqual(['id', 'Field "id" must be a whole number of 1 or more; got "abc".']);
  });
});
