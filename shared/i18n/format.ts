// Numbers, durations and percentages as a trainee reads them: Indonesian writes a decimal
// comma ("5,4 N", "1 menit 40 detik"), English a decimal point ("5.4 N", "1 min 40 s").
import type { Lang } from './index';

/** `x` with `decimals` digits after the separator of the language. */
export function formatNumber(x: number, decimals: number, lang: Lang): string {
  const s = x.toFixed(decimals);
  return lang === 'id' ? s.replace('.', ',') : s;
}

/** Like formatNumber but without trailing zeros ("5", "3,5"): for band edges. */
export function formatTrim(x: number, lang: Lang, maxDecimals = 2): string {
  const s = String(Number(x.toFixed(maxDecimals)));
  return lang === 'id' ? s.replace('.', ',') : s;
}

/** Whole seconds as "1 min 40 s" / "1 menit 40 detik", "45 s", "2 min". */
export function formatDuration(seconds: number, lang: Lang): string {
  const total = Math.max(0, Math.round(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const [mu, su] = lang === 'id' ? ['menit', 'detik'] : ['min', 's'];
  if (m === 0) return `${s} ${su}`;
  if (s === 0) return `${m} ${mu}`;
  return `${m} ${mu} ${s} ${su}`;
}

/** A band of durations: "2-3 minutes" / "2-3 menit" when both ends are whole minutes. */
export function formatDurationRange(min: number, max: number, lang: Lang): string {
  if (min % 60 === 0 && max % 60 === 0) {
    const unit = lang === 'id' ? 'menit' : max === 60 ? 'minute' : 'minutes';
    return min === max ? `${min / 60} ${unit}` : `${min / 60}-${max / 60} ${unit}`;
  }
  if (min === max) return formatDuration(min, lang);
  const to = lang === 'id' ? 'sampai' : 'to';
  return `${formatDuration(min, lang)} ${to} ${formatDuration(max, lang)}`;
}

/** A plain band "5-10", "3,5-13" (no unit); a single value when min = max. */
export function formatRange(min: number, max: number, lang: Lang, maxDecimals = 2): string {
  return min === max
    ? formatTrim(min, lang, maxDecimals)
    : `${formatTrim(min, lang, maxDecimals)}-${formatTrim(max, lang, maxDecimals)}`;
}

/** A share 0..1 as a whole percentage "94 %". */
export function formatPercent(fraction: number, lang: Lang): string {
  return `${formatNumber(fraction * 100, 0, lang)} %`;
}

/** A band of shares as "80-100 %". */
export function formatPercentRange(min: number, max: number, lang: Lang): string {
  return `${formatRange(min * 100, max * 100, lang, 0)} %`;
}

/** A clock "m:ss" (elapsed time, whole seconds down): the one clock format of the pages and the CLI. */
export function formatClock(seconds: number): string {
  const total = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  const r = total % 60;
  return `${Math.floor(total / 60)}:${r < 10 ? '0' : ''}${r}`;
}
