// How the report shows each criterion's measured value and target band, per language.
import { formatDuration, formatDurationRange, formatTrim } from '../../../shared/i18n/format';
import { criterionKey } from '../../../shared/i18n/report';
import type { Lang } from '../../../shared/i18n/index';
import { web } from '../../../shared/i18n/web';

export function criterionValue(id: string, v: number | null, lang: Lang): string {
  if (v === null || !Number.isFinite(v)) return '–';
  switch (criterionKey(id)) {
    case 'pass_duration_s':
    case 'work_s':
      return formatDuration(v, lang);
    case 'pass_count':
      return String(Math.round(v));
    case 'force_n':
      return `${formatTrim(v, lang, 1)} N`;
    case 'cadence_hz':
      return `${Math.round(v * 60)} ${web['unit.per_min'][lang]}`;
    case 'in_band_fraction':
    case 'bilateral_fraction':
    case 'regularity_cv':
    case 'balance':
      return `${Math.round(v * 100)} %`;
    default:
      return formatTrim(v, lang, 2);
  }
}

export function criterionTarget(id: string, t: { min: number; max: number }, lang: Lang): string {
  const key = criterionKey(id);
  const range = (a: string, b: string): string => (a === b ? a : `${a}–${b}`);
  switch (key) {
    case 'pass_duration_s':
    case 'work_s':
      return formatDurationRange(t.min, t.max, lang);
    case 'pass_count':
      return range(String(t.min), String(t.max));
    case 'force_n':
      return `${range(formatTrim(t.min, lang), formatTrim(t.max, lang))} N`;
    case 'cadence_hz':
      return `${range(String(Math.round(t.min * 60)), String(Math.round(t.max * 60)))} ${web['unit.per_min'][lang]}`;
    case 'in_band_fraction':
    case 'bilateral_fraction':
    case 'regularity_cv':
    case 'balance':
      return `${range(String(Math.round(t.min * 100)), String(Math.round(t.max * 100)))} %`;
    default:
      return range(formatTrim(t.min, lang), formatTrim(t.max, lang));
  }
}

/** RFC 4180 CSV text. */
export function toCsv(rows: (string | number | null)[][]): string {
  const cell = (c: string | number | null): string => {
    if (c === null) return '';
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Mean of `xs` over the `window_s` seconds centred on each time (nulls skipped; null where the
 * window holds no value). A 10 Hz force trace of ~2 Hz circles aliases into a solid band on
 * paper; its 2 s mean shows the level the trainee held against the target band.
 */
export function movingMean(t: readonly number[], xs: readonly (number | null)[], window_s: number): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(t.length).fill(null);
  const half = window_s / 2;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    while (hi < t.length && t[hi]! <= t[i]! + half) {
      const v = xs[hi];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        sum += v;
        n++;
      }
      hi++;
    }
    while (t[lo]! < t[i]! - half) {
      const v = xs[lo];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        sum -= v;
        n--;
      }
      lo++;
    }
    out[i] = n > 0 ? sum / n : null;
  }
  return out;
}
