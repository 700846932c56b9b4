// Every table of words a trainee or instructor reads (shared/i18n), in both languages: no
// internal ids, no file names, no English left in the Indonesian, and both languages present.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../host/io/csv';

interface Found { where: string; id: string; en: string }

function entries(value: unknown, where: string, out: Found[], seen = new Set<unknown>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const v = value as Record<string, unknown>;
  if (typeof v.id === 'string' && typeof v.en === 'string') {
    out.push({ where, id: v.id, en: v.en });
    return;
  }
  for (const [k, x] of Object.entries(v)) entries(x, `${where}.${k}`, out, seen);
}

const DIR = resolve(__dirname, '../../shared/i18n');
// Names a user types or sees in her own files, so messages may quote them: the CSV columns
// (a documented format), profile fields (an instructor edits a profile file), the glove's pads
// (an option value) and the recovery file the board maker ships.
const QUOTABLE = new Set<string>([
  ...CSV_COLUMNS, 'contact_on_n', 'contact_off_n', 'pass_gap_s', 'min_pass_s',
  'left_thumb', 'right_thumb', 'left_knuckle', 'right_knuckle', 'flash_nuke',
]);
const ALL: Found[] = [];

// Words that give away an English fragment inside Indonesian text.
const ENGLISH = /\b(the|and|with|press|firmly|choice|should|please|thumbs?|circles?|pass(es)?|too|hard|light|error|file|frames?|not|found|is|are|of|to|your)\b/i;
// Words both languages share on purpose (product, standards, units, brands).
const SHARED = /\b(Pijat|SOP|USB|CSV|JSON|PDF|Chrome|Chromium|Web Serial|Espruino|Kaluma|RP2040|Pico|QR|LAN|HTTPS?|TLS|SQLite|PostgreSQL|NIM|Wilcoxon|QCPR|Zoll|Tuina|Field|KS Women and Children Clinic|Afisya|PKU Muhammadiyah Gamping|N|Hz|ms|MB|MiB|GB|IMU|FSR)\b/g;

describe('user-facing words', async () => {
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.ts'))) {
    const mod = (await import(join(DIR, f))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) entries(value, `${f}:${name}`, ALL);
  }

  it('finds the tables', () => {
    expect(ALL.length).toBeGreaterThan(500);
  });

  it('names no file, source number or internal id', () => {
    const bad: string[] = [];
    for (const e of ALL) {
      for (const [lang, text] of [['id', e.id], ['en', e.en]] as const) {
        const plain = text.replace(/\{[a-z0-9_]+\}/g, '{}').replace(/\b(pass|warn|target)\.(min|max)\b/g, '');
        if (/\b[\w/-]+\.(txt|md|ts|js)\b/.test(plain.replace(/Node\.js/g, ''))) bad.push(`${e.where} ${lang}: file name in "${text}"`);
        if (/\bseeds? \d|\b\d{3}_[0-9a-f]{16}\b/.test(plain.replace(/--[\w-]+ \S+/g, ''))) bad.push(`${e.where} ${lang}: source file in "${text}"`);
        const ids = plain.replace(/--[\w-]+/g, '').match(/(?<![\w-])[a-z]+(_[a-z0-9]+)+\b/g) ?? [];
        for (const id of ids) if (!QUOTABLE.has(id)) bad.push(`${e.where} ${lang}: internal id ${id} in "${text}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('leaves no English in the Indonesian', () => {
    const bad: string[] = [];
    for (const e of ALL) {
      const plain = e.id.replace(/\{[a-z0-9_]+\}/g, '').replace(/\b(FILE|PATH|DIR|pass\.min|pass\.max)\b/g, '').replace(SHARED, '').replace(/--[\w-]+|pijat \w+[^,.;:]*|https?:\S+/g, '');
      const m = ENGLISH.exec(plain);
      if (m && e.id !== e.en) bad.push(`${e.where}: "${m[0]}" in "${e.id}"`);
    }
    expect(bad).toEqual([]);
  });

  // One word for one thing: the alternatives once shown on other screens.
  it('uses one word for each thing', () => {
    const ONE_WORD: { word: string; not: RegExp; lang: 'id' | 'en' }[] = [
      { word: 'Kelompok (cohort)', not: /\b(kohort|angkatan)\b/i, lang: 'id' },
      { word: 'Terlalu keras (too hard)', not: /\bterlalu kuat\b/i, lang: 'id' },
    ];
    const bad: string[] = [];
    for (const e of ALL) {
      for (const rule of ONE_WORD) {
        // The roster reader names the column titles a school's file may use.
        const text = e[rule.lang].replace(/kelompok\/angkatan\/cohort/g, '');
        if (rule.not.test(text)) bad.push(`${e.where}: "${e[rule.lang]}" (say ${rule.word})`);
      }
    }
    expect(bad).toEqual([]);
  });
});
