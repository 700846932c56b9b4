// CSV text for spreadsheets, the one escaping rule of every export (session and cohort CSV on
// the server, the cohort page's table, the central database's pooled CSV): RFC 4180 quoting,
// cells that a spreadsheet would run as a formula neutralised, and two dialects: the standard
// one (comma, decimal point) and one that Excel set to Indonesian opens as columns (semicolon,
// decimal comma).

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvDialect {
  sep: ',' | ';';
  decimalComma: boolean;
}

export const CSV_STANDARD: CsvDialect = { sep: ',', decimalComma: false };
/** For Excel (or LibreOffice) set to Bahasa Indonesia: `;` between cells, `,` in numbers. */
export const CSV_EXCEL_ID: CsvDialect = { sep: ';', decimalComma: true };

/** The dialect a request names (`?dialect=excel-id`), else the standard one. */
export function csvDialect(name: string | null | undefined): CsvDialect {
  return name === 'excel-id' ? CSV_EXCEL_ID : CSV_STANDARD;
}

export function csvCell(v: CsvValue, d: CsvDialect = CSV_STANDARD): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    const s = String(v);
    return d.decimalComma ? s.replace('.', ',') : s;
  }
  let s = String(v);
  // A spreadsheet must not run a trainee's name or a label as a formula.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes('"') || s.includes('\r') || s.includes('\n') || s.includes(d.sep) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly CsvValue[], d: CsvDialect = CSV_STANDARD): string {
  return values.map((v) => csvCell(v, d)).join(d.sep) + '\r\n';
}

export function csvText(rows: readonly (readonly CsvValue[])[], d: CsvDialect = CSV_STANDARD): string {
  return rows.map((r) => csvRow(r, d)).join('');
}

/** A number rounded for a table (null stays null): 2 decimals unless told otherwise. */
export function roundFor(x: number | null | undefined, digits = 2): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A time as a spreadsheet reads it, in the given zone offset (minutes east of UTC): "2026-12-03 14:05:09 +07:00". */
export function localTime(iso: string | number, offsetMin: number): string {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t + offsetMin * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMin >= 0 ? '+' : '-';
  const a = Math.abs(offsetMin);
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${sign}${p(Math.floor(a / 60))}:${p(a % 60)}`;
}
