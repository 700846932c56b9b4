// How each criterion's measured value and band are shown, in both languages: the one place for
// units and rounding. The CLI report, `pijat profile`, the printed report and the pages call
// these; circle tempo is always circles per minute, shares are whole percent.
import { formatDuration, formatDurationRange, formatTrim } from './format';
import { criterionKey } from './report';
import type { Entry, Lang } from './index';

export const UNITS = {
  circles_per_min: { id: 'lingkaran/menit', en: 'circles/min' },
  newton: { id: 'N', en: 'N' },
} satisfies Record<string, Entry>;

const SHARES = new Set(['in_band_fraction', 'bilateral_fraction', 'regularity_cv', 'balance']);

function range(a: string, b: string): string {
  return a === b ? a : `${a}–${b}`;
}

/** A measured value with its unit ("7,1 N", "106 lingkaran/menit", "2 menit 45 detik", "99 %"). */
export function criterionValue(id: string, v: number | null, lang: Lang): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const key = criterionKey(id);
  switch (key) {
    case 'pass_duration_s':
    case 'work_s':
      return formatDuration(v, lang);
    case 'pass_count':
      return String(Math.round(v));
    case 'force_n':
      return `${formatTrim(v, lang, 1)} N`;
    case 'cadence_hz':
      return `${Math.round(v * 60)} ${UNITS.circles_per_min[lang]}`;
    default:
      return SHARES.has(key) ? `${Math.round(v * 100)} %` : formatTrim(v, lang, 2);
  }
}

/** A band (target, warning or pass) in the same units as the value. */
export function criterionBand(id: string, t: { min: number; max: number }, lang: Lang): string {
  const key = criterionKey(id);
  switch (key) {
    case 'pass_duration_s':
    case 'work_s':
      return formatDurationRange(t.min, t.max, lang);
    case 'pass_count':
      return range(String(t.min), String(t.max));
    case 'force_n':
      return `${range(formatTrim(t.min, lang, 1), formatTrim(t.max, lang, 1))} N`;
    case 'cadence_hz':
      return `${range(String(Math.round(t.min * 60)), String(Math.round(t.max * 60)))} ${UNITS.circles_per_min[lang]}`;
    default:
      return SHARES.has(key)
        ? `${range(String(Math.round(t.min * 100)), String(Math.round(t.max * 100)))} %`
        : range(formatTrim(t.min, lang), formatTrim(t.max, lang));
  }
}

/** Circle tempo alone (a pass's tempo in a table): "106 lingkaran/menit". */
export function tempoText(hz: number | null, lang: Lang): string {
  return criterionValue('cadence_hz', hz, lang);
}
