// How the report shows each criterion's measured value and target band, per language.

/** The one way a criterion is shown (shared/i18n/criteria.ts), for the report page. */
export { criterionBand as criterionTarget, criterionValue } from '../../../shared/i18n/criteria';
import { csvText, type CsvDialect } from '../../../shared/csv-text';

/** CSV text of a table (the one escaping rule: shared/csv-text.ts). */
export function toCsv(rows: (string | number | null)[][], dialect?: CsvDialect): string {
  return csvText(rows, dialect);
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
