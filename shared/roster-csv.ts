// A class roster as a spreadsheet saves it: one trainee per row, columns found by their title
// (Indonesian or English, any case, any order), comma or semicolon between cells (Excel set to
// Indonesian writes semicolons), UTF-8 with or without a byte-order mark, RFC 4180 quotes.
// Shared by the server's import and the roster page's preview (no Node API here).
import { LocalizedError, both, type Entry } from './i18n/index';
import { ROSTER } from './i18n/roster';
import { NIM_PATTERN, plainText } from './live-messages';

export { NIM_PATTERN };
export const MAX_ROSTER_ROWS = 10_000;

/** NIMs are kept trimmed and in capitals, so "p0712" and "P0712" are one student. */
export function normalNim(nim: string): string {
  return nim.trim().toUpperCase();
}

export function validNim(nim: string): boolean {
  return NIM_PATTERN.test(nim);
}

/** A name (1-120) or cohort (0-120) as the REST API and the WebSocket accept it. */
export function validText(v: string, min: number, max: number): boolean {
  return v.length >= min && v.length <= max && plainText(v);
}

export interface RosterRow {
  /** Line of the file the row starts on (the title line is line 1). */
  line: number;
  nim: string;
  name: string;
  /** undefined when the file has no cohort column ('' = an empty cell: no cohort). */
  cohort?: string;
}

export interface RosterIssue {
  line: number;
  field: 'nim' | 'name' | 'cohort';
  message: Entry;
}

export interface ParsedRoster {
  rows: RosterRow[];
  errors: RosterIssue[];
  separator: ',' | ';';
}

/** The file as a whole cannot be read (no title line, a quote never closed, too long). */
export class RosterFileError extends LocalizedError {}

const TITLES: Record<'nim' | 'name' | 'cohort', readonly string[]> = {
  nim: ['nim', 'no. nim', 'nomor induk mahasiswa', 'student number'],
  name: ['nama', 'name', 'nama lengkap', 'nama mahasiswa', 'nama peserta'],
  cohort: ['kelompok', 'angkatan', 'cohort', 'kelas', 'group'],
};

/** The cells of each record, with the line it starts on; quoted cells may hold separators and line breaks. */
export function splitCsv(text: string, sep: ',' | ';'): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRecord = (): void => {
    cells.push(cell);
    out.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
    i++;
  }
  if (quoted) throw new RosterFileError(ROSTER.csv_unclosed_quote, { line: start });
  if (cell !== '' || cells.length > 0) endRecord();
  return out;
}

/** ';' when the title line has more semicolons than commas (outside quotes), else ','. */
function separatorOf(text: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

/** Parses a roster file's text; row problems are listed (with their line), file problems thrown. */
export function parseRoster(input: string): ParsedRoster {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = separatorOf(text);
  const records = splitCsv(text, sep).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (records.length === 0) throw new RosterFileError(ROSTER.csv_empty);
  const head = records[0]!.cells.map((c) => c.trim().toLowerCase());
  const col = (k: keyof typeof TITLES): number => head.findIndex((h) => TITLES[k].includes(h));
  const iNim = col('nim');
  const iName = col('name');
  const iCohort = col('cohort');
  const missing = [iNim < 0 ? 'nim' : '', iName < 0 ? 'nama/name' : ''].filter(Boolean);
  if (missing.length > 0) {
    throw new RosterFileError(ROSTER.csv_columns, { missing: missing.join(', '), found: records[0]!.cells.join(sep).slice(0, 200) });
  }
  if (records.length - 1 > MAX_ROSTER_ROWS) throw new RosterFileError(ROSTER.csv_too_many_rows, { max: MAX_ROSTER_ROWS });
  const rows: RosterRow[] = [];
  const errors: RosterIssue[] = [];
  const firstLine = new Map<string, number>();
  for (const r of records.slice(1)) {
    const cell = (i: number): string => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
    const line = r.line;
    const nim = normalNim(cell(iNim));
    const name = cell(iName);
    const issue = (field: RosterIssue['field'], entry: Entry, params: Record<string, string | number> = {}): void => {
      errors.push({ line, field, message: both(entry, { line, ...params }) });
    };
    const before = errors.length;
    if (nim === '') issue('nim', ROSTER.row_no_nim);
    else if (!validNim(nim)) issue('nim', ROSTER.row_bad_nim, { nim: nim.slice(0, 40) });
    else if (firstLine.has(nim)) issue('nim', ROSTER.row_dup_nim, { nim, first: firstLine.get(nim)! });
    if (name === '') issue('name', ROSTER.row_no_name);
    else if (!validText(name, 1, 120)) issue('name', ROSTER.row_bad_name);
    const cohort = iCohort >= 0 ? cell(iCohort) : undefined;
    if (cohort !== undefined && !validText(cohort, 0, 120)) issue('cohort', ROSTER.row_bad_cohort);
    if (errors.length > before) continue;
    firstLine.set(nim, line);
    rows.push(cohort === undefined ? { line, nim, name } : { line, nim, name, cohort });
  }
  return { rows, errors, separator: sep };
}

/** Case- and accent-insensitive form for searching ("Sítí" finds "siti"). */
export function searchKey(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
