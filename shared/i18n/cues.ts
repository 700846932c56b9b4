// Live cues (CueId in shared/engine/types.ts): a word or two that a trainee can read from 2 m
// while her hands are busy, and a short hint saying what to do. The one table of these words:
// the trainee page, the hand cards, the class tiles and the CLI all show them from here.
import type { CueId } from '../engine/types';
import type { Entry, Lang } from './index';

/** The cue itself, shown large. */
export const CUES: Record<CueId, Entry> = {
  ok: { id: 'Bagus', en: 'Good' },
  too_hard: { id: 'Terlalu keras', en: 'Too hard' },
  too_light: { id: 'Terlalu ringan', en: 'Too light' },
  too_fast: { id: 'Terlalu cepat', en: 'Too fast' },
  too_slow: { id: 'Terlalu lambat', en: 'Too slow' },
  irregular: { id: 'Irama tidak rata', en: 'Uneven rhythm' },
  one_hand: { id: 'Pakai dua ibu jari', en: 'Use both thumbs' },
  pass_too_long: { id: 'Putaran terlalu lama', en: 'Pass too long' },
  rest: { id: 'Istirahat', en: 'Rest' },
};

/** What to do about it, shown under the cue. */
export const CUE_HINTS: Record<CueId, Entry> = {
  ok: { id: 'Pertahankan', en: 'Keep it up' },
  too_hard: { id: 'Kurangi tekanan', en: 'Press lighter' },
  too_light: { id: 'Tekan lebih kuat', en: 'Press harder' },
  too_fast: { id: 'Perlambat lingkaran', en: 'Circle slower' },
  too_slow: { id: 'Percepat lingkaran', en: 'Circle faster' },
  irregular: { id: 'Jaga irama tetap', en: 'Keep a steady beat' },
  one_hand: { id: 'Tekan kedua sisi bersamaan', en: 'Press both sides at once' },
  pass_too_long: { id: 'Selesaikan putaran ini', en: 'Finish this pass' },
  rest: { id: 'Jeda antarputaran', en: 'Pause between passes' },
};

export function cueText(cue: CueId, lang: Lang): string {
  return CUES[cue][lang];
}

export function cueHint(cue: CueId, lang: Lang): string {
  return CUE_HINTS[cue][lang];
}
