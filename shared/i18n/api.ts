// Messages for a request the class server's API refuses (host/server/validation-message.ts):
// which field, what it should be, what came. `{expect}` is built from the EXPECT entries below.
import type { Entry } from './index';

export const API_VALIDATION = {
  field_missing: {
    id: 'Kolom "{field}" tidak ada: kirim {expect}.',
    en: 'Field "{field}" is missing: send {expect}.',
  },
  field_wrong: {
    id: 'Kolom "{field}" harus berupa {expect}; yang diterima: {got}.',
    en: 'Field "{field}" must be {expect}; got {got}.',
  },
  field_unknown: {
    id: 'Kolom "{field}" tidak diterima di sini; kirim hanya {allowed}.',
    en: 'Field "{field}" is not accepted here; send only {allowed}.',
  },
  long_text: {
    id: '{text} ({n} karakter)',
    en: '{text} ({n} characters)',
  },
} satisfies Record<string, Entry>;

/** Plain descriptions of an expected value; `{what}` is a kind of number, `{fields}` an object's fields. */
export const EXPECT = {
  text: { id: 'teks', en: 'a text' },
  text_range: { id: 'teks {min}-{max} karakter', en: 'a text of {min}-{max} characters' },
  text_min: { id: 'teks paling sedikit {min} karakter', en: 'a text of at least {min} characters' },
  text_max: { id: 'teks paling banyak {max} karakter', en: 'a text of at most {max} characters' },
  plain_text_range: {
    id: 'teks {min}-{max} karakter yang terlihat, tanpa karakter kontrol atau karakter arah teks (bidi)',
    en: 'a visible text of {min}-{max} characters, without control or text-direction (bidi) characters',
  },
  plain_text_max: {
    id: 'teks paling banyak {max} karakter, tanpa karakter kontrol atau karakter arah teks (bidi)',
    en: 'a text of at most {max} characters, without control or text-direction (bidi) characters',
  },
  nim: {
    id: 'NIM: 1-32 huruf, angka, titik, garis miring atau tanda hubung (atau "" untuk tanpa NIM)',
    en: 'a NIM: 1-32 letters, digits, dots, slashes or hyphens (or "" for none)',
  },
  id: { id: 'nomor bulat positif yang ditulis dengan angka 0-9 saja (mis. 12)', en: 'a positive whole number written with the digits 0-9 only (e.g. 12)' },
  whole: { id: 'bilangan bulat', en: 'a whole number' },
  number: { id: 'angka', en: 'a number' },
  num_range: { id: '{what} dari {min} sampai {max}', en: '{what} from {min} to {max}' },
  num_min: { id: '{what} {min} atau lebih', en: '{what} of {min} or more' },
  num_above: { id: '{what} di atas {min}', en: '{what} above {min}' },
  num_max: { id: '{what} {max} atau kurang', en: '{what} of {max} or less' },
  num_below: { id: '{what} di bawah {max}', en: '{what} below {max}' },
  boolean: { id: 'true atau false', en: 'true or false' },
  null: { id: 'null', en: 'null' },
  one_of: { id: 'salah satu dari {values}', en: 'one of {values}' },
  list: { id: 'daftar berisi {what}', en: 'a list of {what}' },
  object: { id: 'objek JSON {fields}', en: 'a JSON object {fields}' },
  optional: { id: '(opsional)', en: '(optional)' },
  or: { id: ' atau ', en: ' or ' },
  any: { id: 'nilai yang sah', en: 'a valid value' },
} satisfies Record<string, Entry>;
