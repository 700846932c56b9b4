// The string tables a trainee reads: both languages present, the same placeholders in each,
// cues short enough to read from 2 m.
import { describe, expect, it } from 'vitest';
import type { CueId } from '../../shared/engine/types';
import type { Entry } from '../../shared/i18n/index';
import { CUES, CUE_HINTS } from '../../shared/i18n/cues';
import { CRITERION_MESSAGES, CRITERION_NAMES, HANDS, REPORT } from '../../shared/i18n/report';
import { PROFILE_CLI, PROFILE_ERRORS, PROFILE_WORDS } from '../../shared/i18n/profile';
import { formatDuration, formatDurationRange, formatNumber, formatPercent } from '../../shared/i18n/format';

const CUE_IDS: CueId[] = ['ok', 'too_hard', 'too_light', 'too_fast', 'too_slow', 'irregular', 'one_hand', 'pass_too_long', 'rest'];
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

function entries(): [string, Entry][] {
  const out: [string, Entry][] = [];
  const add = (prefix: string, table: Record<string, Entry>): void => {
    for (const [k, e] of Object.entries(table)) out.push([`${prefix}.${k}`, e]);
  };
  add('cues', CUES);
  add('hints', CUE_HINTS);
  add('names', CRITERION_NAMES);
  add('hands', HANDS);
  add('report', REPORT);
  add('profile_errors', PROFILE_ERRORS);
  add('profile_words', PROFILE_WORDS);
  add('profile_cli', PROFILE_CLI);
  for (const [k, sides] of Object.entries(CRITERION_MESSAGES)) add(`messages.${k}`, sides);
  return out;
}

describe('string tables', () => {
  it('have both languages, non-empty, with the same placeholders', () => {
    for (const [where, e] of entries()) {
      expect(e.id.trim(), where).not.toBe('');
      expect(e.en.trim(), where).not.toBe('');
      expect(placeholders(e.id), where).toEqual(placeholders(e.en));
    }
  });

  it('have a cue and a hint for every CueId, short enough to read from 2 m', () => {
    expect(Object.keys(CUES).sort()).toEqual([...CUE_IDS].sort());
    expect(Object.keys(CUE_HINTS).sort()).toEqual([...CUE_IDS].sort());
    for (const id of CUE_IDS) {
      for (const lang of ['id', 'en'] as const) {
        expect(CUES[id][lang].length, `${id} ${lang}`).toBeLessThanOrEqual(20);
        expect(CUE_HINTS[id][lang].length, `${id} hint ${lang}`).toBeLessThanOrEqual(28);
      }
    }
    // two cues that look alike from across the room would defeat the purpose
    for (const lang of ['id', 'en'] as const) {
      expect(new Set(CUE_IDS.map((c) => CUES[c][lang])).size).toBe(CUE_IDS.length);
    }
  });
});

describe('formatting', () => {
  it('writes durations in minutes and seconds, in each language', () => {
    expect(formatDuration(100, 'en')).toBe('1 min 40 s');
    expect(formatDuration(100, 'id')).toBe('1 menit 40 detik');
    expect(formatDuration(45.4, 'en')).toBe('45 s');
    expect(formatDuration(120, 'id')).toBe('2 menit');
    expect(formatDurationRange(120, 180, 'en')).toBe('2-3 minutes');
    expect(formatDurationRange(120, 180, 'id')).toBe('2-3 menit');
    expect(formatDurationRange(105, 200, 'en')).toBe('1 min 45 s to 3 min 20 s');
  });

  it('writes a decimal comma in Indonesian and a point in English', () => {
    expect(formatNumber(5.44, 1, 'id')).toBe('5,4');
    expect(formatNumber(5.44, 1, 'en')).toBe('5.4');
    expect(formatPercent(0.935, 'en')).toBe('94 %');
  });
});
