// Every string the trainee and report pages show exists, non-empty, in both languages, with
// the same {placeholders}; every key the HTML names exists.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { web } from '../../shared/i18n/web';
import { CUES, CUE_HINTS } from '../../shared/i18n/cues';
import { LANGS } from '../../shared/i18n/index';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('web strings', () => {
  it('has every key in Bahasa Indonesia and English, non-empty, with the same placeholders', () => {
    const keys = Object.keys(web) as (keyof typeof web)[];
    expect(keys.length).toBeGreaterThan(100);
    for (const k of keys) {
      for (const l of LANGS) {
        expect(typeof web[k][l], `${k}.${l}`).toBe('string');
        expect(web[k][l].trim(), `${k}.${l}`).not.toBe('');
      }
      expect(placeholders(web[k].id), k).toEqual(placeholders(web[k].en));
    }
  });

  it('translates the sentences (the Indonesian text is not the English one)', () => {
    const words = (s: string): number => (s.replace(/\{\w+\}/g, '').match(/\p{L}{2,}/gu) ?? []).length;
    const same = (Object.keys(web) as (keyof typeof web)[]).filter((k) => web[k].id === web[k].en && words(web[k].en) >= 3);
    expect(same).toEqual([]);
  });

  it('names only existing keys in the pages\' HTML', () => {
    for (const page of ['trainee', 'report']) {
      const html = readFileSync(`host/web/${page}/index.html`, 'utf8');
      const used = [...html.matchAll(/data-i18n(?:-aria|-title)?="([^"]+)"/g)].map((m) => m[1]!);
      expect(used.length, page).toBeGreaterThan(2);
      for (const k of used) expect(k in web, `${page}: ${k}`).toBe(true);
    }
  });

  it('has every live cue and its hint in both languages', () => {
    for (const table of [CUES, CUE_HINTS]) {
      for (const [cue, e] of Object.entries(table)) {
        expect(e.id.trim(), cue).not.toBe('');
        expect(e.en.trim(), cue).not.toBe('');
      }
    }
  });
});
