// CSV recordings (DESIGN.md): a header row, any column order, extra columns ignored;
// t_s (seconds, increasing), left_thumb_n, right_thumb_n required; knuckles and per-hand IMU
// columns optional. Read as a stream of EngineSamples (one reused object), parsed by hand
// straight from the bytes: an hour at 100 Hz (360,000 rows) takes well under a second.
//
// Values outside what the glove can measure (CSV_LIMITS) are refused with file:line and column.
//
// Also accepted, because spreadsheets in Indonesian locales write them: ';' or tab as the
// separator (then a decimal comma is allowed), a UTF-8 byte-order mark, quoted fields, CRLF.
import { closeSync, openSync, readSync } from 'node:fs';
import { fill, type Entry, type Params } from '../../shared/i18n/index';
import { CSV_MESSAGES, type CsvMessage } from '../../shared/i18n/csv';
import { blankSample } from '../../shared/engine/calibration';
import type { EngineSample } from '../../shared/engine/types';

/** Every column the format defines, in the order writeCsv uses. */
export const CSV_COLUMNS = [
  't_s', 'left_thumb_n', 'right_thumb_n', 'left_knuckle_n', 'right_knuckle_n',
  'left_ax_g', 'left_ay_g', 'left_az_g', 'left_gx_dps', 'left_gy_dps', 'left_gz_dps',
  'right_ax_g', 'right_ay_g', 'right_az_g', 'right_gx_dps', 'right_gy_dps', 'right_gz_dps',
] as const;
export const REQUIRED_COLUMNS = ['t_s', 'left_thumb_n', 'right_thumb_n'] as const;

// Slots in CSV_COLUMNS order.
const T = 0;
const L_IMU = 5;
const R_IMU = 11;
const N_SLOTS = CSV_COLUMNS.length;

/**
 * Plausible values per kind of column; a value outside is a unit mix-up or a corrupt cell, and
 * one such value can sink a whole recording's means. Forces: an FSR 402 reads about 0.2-20 N
 * (hardware/README.md), so 200 N is far above anything it can report; small negative values are
 * real (offsets left after taring), hence -1 N. IMU: the MPU-6050's widest ranges, +-16 g and
 * +-2000 dps. An empty cell (NaN) passes every check: it means "not measured".
 */
export const CSV_LIMITS = {
  force: { min: -1, max: 200 },
  accel: { min: -16, max: 16 },
  gyro: { min: -2000, max: 2000 },
} as const;
type LimitKind = keyof typeof CSV_LIMITS;
const KIND_OF_SLOT: readonly LimitKind[] = CSV_COLUMNS.map((c) =>
  c.endsWith('_n') ? 'force' : c.endsWith('_g') ? 'accel' : 'gyro');
// t_s has its own check (finite, >= 0, increasing), after the row is complete.
const LO = Float64Array.from(CSV_COLUMNS, (_, k) => (k === T ? -Infinity : CSV_LIMITS[KIND_OF_SLOT[k]!].min));
const HI = Float64Array.from(CSV_COLUMNS, (_, k) => (k === T ? Infinity : CSV_LIMITS[KIND_OF_SLOT[k]!].max));
const RANGE_MESSAGE: Record<LimitKind, CsvMessage> = { force: 'force_out_of_range', accel: 'accel_out_of_range', gyro: 'gyro_out_of_range' };

/**
 * t_s in the wrong unit: a glove gives 25-200 rows per second, so the median step of the first
 * rows is 0.005-0.04 s. Over 1 s no circle can be seen; 10 or 10,000 per row is t_s written in
 * milliseconds or microseconds (a 1-hour session read as 417 days).
 */
export const TIME_STEP_ROWS = 16;
export const MAX_MEDIAN_STEP_S = 1;
/** No session lasts longer, seconds. */
export const MAX_SESSION_S = 24 * 3600;

/** An error in a CSV file the user can fix; `entry`/`params` give it in both languages. */
export class CsvError extends Error {
  readonly exitCode = 2;
  constructor(readonly entry: Entry, readonly params: Params, readonly line: number, readonly column?: string) {
    super(fill(entry.en, params));
    this.name = 'CsvError';
  }
}

export interface CsvWarning {
  entry: Entry;
  params: Params;
  /** English text (entry + params give both languages). */
  message: string;
}

export interface CsvReadResult {
  /** Data rows delivered. */
  rows: number;
  /** Columns recognised, in file order. */
  columns: string[];
  /** Columns ignored (not part of the format). */
  ignored: string[];
  imu: { left: boolean; right: boolean };
  first_t_s: number;
  last_t_s: number;
  warnings: CsvWarning[];
}

const LF = 10, CR = 13, QUOTE = 34, SPACE = 32, TAB = 9, COMMA = 44, SEMI = 59, DOT = 46, MINUS = 45, PLUS = 43;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_DIGITS = 15;
const NAN_WORDS = new Set(['nan', 'na', 'n/a', 'null', '-']);
const utf8 = new TextDecoder();
const NEWLINE = Uint8Array.of(LF);

/** Incremental reader: push() chunks of bytes in order, then end(). */
export class CsvReader {
  private readonly sample = blankSample();
  private readonly vals = new Float64Array(N_SLOTS).fill(NaN);
  /** Slot per field of the header, -1 = ignored column. */
  private map = new Int8Array(0);
  private names: string[] = [];
  private nFields = 0;
  private headerDone = false;
  private delim = COMMA;
  private decimalComma = false;
  private gyroLeft = false;
  private gyroRight = false;
  private lineNo = 0;
  private carry: Uint8Array | null = null;
  private prevT = -Infinity;
  private firstT = NaN;
  private firstLine = 0;
  /** The first TIME_STEP_ROWS steps of t_s, judged once (checkSteps). */
  private readonly steps = new Float64Array(TIME_STEP_ROWS);
  private rows = 0;
  private readonly warnings: CsvWarning[] = [];
  private columns: string[] = [];
  private ignored: string[] = [];

  constructor(readonly file: string, private readonly onSample: (s: EngineSample) => void) {}

  // Every line handed to line() is followed in its buffer by its LF (a line cut at the end of a
  // chunk is copied with it, the last line of a file gets one): the number parser stops on it
  // without checking the end of the line on every byte.
  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) { this.carry = concat(this.carry, chunk); return; }
      const line = concat(this.carry, chunk.subarray(0, nl + 1));
      this.carry = null;
      this.line(line, 0, line.length - 1, false);
      start = nl + 1;
    }
    let nl = chunk.indexOf(LF, start);
    while (nl >= 0) {
      this.line(chunk, start, nl, false);
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) this.carry = chunk.slice(start);
  }

  /**
   * Reads the header (and the blank lines before it) of a whole file in `buf`; returns where the
   * line after it starts, or -1 when no whole header line is there. For the compiled scorer,
   * which parses the rows (host/native/score-native.ts).
   */
  readHeader(buf: Uint8Array): number {
    let start = 0;
    for (let nl = buf.indexOf(LF); nl >= 0 && !this.headerDone; nl = buf.indexOf(LF, start)) {
      this.line(buf, start, nl, false);
      start = nl + 1;
    }
    return this.headerDone ? start : -1;
  }

  /** The header as read: slot per field (-1 ignored), separator, decimal comma, gyro columns per hand. */
  layout(): { map: Int8Array; nFields: number; delim: number; decimalComma: boolean; gyroLeft: boolean; gyroRight: boolean } {
    return { map: this.map, nFields: this.nFields, delim: this.delim, decimalComma: this.decimalComma, gyroLeft: this.gyroLeft, gyroRight: this.gyroRight };
  }

  /** The result of a file whose rows the compiled scorer parsed after readHeader(). */
  resultOf(rows: number, firstT: number, lastT: number): CsvReadResult {
    return {
      rows, columns: this.columns, ignored: this.ignored, imu: { left: this.gyroLeft, right: this.gyroRight },
      first_t_s: firstT, last_t_s: lastT, warnings: this.warnings,
    };
  }

  end(): CsvReadResult {
    if (this.carry) {
      const c = concat(this.carry, NEWLINE);
      this.carry = null;
      this.line(c, 0, c.length - 1, true);
    }
    if (!this.headerDone) throw this.error('empty', {}, 0);
    if (this.rows === 0) throw this.error('no_rows', {}, this.lineNo);
    if (this.rows <= TIME_STEP_ROWS) this.checkSteps(this.rows - 1);
    return {
      rows: this.rows,
      columns: this.columns,
      ignored: this.ignored,
      imu: { left: this.gyroLeft, right: this.gyroRight },
      first_t_s: this.firstT,
      last_t_s: this.prevT,
      warnings: this.warnings,
    };
  }

  private error(key: CsvMessage, params: Params, line: number, column?: string): CsvError {
    return new CsvError(CSV_MESSAGES[key], { file: this.file, line, ...params }, line, column);
  }

  private warn(key: CsvMessage, params: Params): void {
    const p = { file: this.file, ...params };
    this.warnings.push({ entry: CSV_MESSAGES[key], params: p, message: fill(CSV_MESSAGES[key].en, p) });
  }

  private line(buf: Uint8Array, s: number, e: number, last: boolean): void {
    this.lineNo++;
    if (e > s && buf[e - 1] === CR) e--;
    if (!this.headerDone) {
      if (this.lineNo === 1 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
      if (isBlank(buf, s, e)) return;
      this.header(utf8.decode(buf.subarray(s, e)));
      return;
    }
    if (e === s || isBlank(buf, s, e) || buf[s] === 0x23 /* # comment */) return;
    this.row(buf, s, e, last);
  }

  private header(text: string): void {
    const counts = [COMMA, SEMI, TAB].map((d) => text.split(String.fromCharCode(d)).length - 1);
    const best = counts.indexOf(Math.max(...counts));
    this.delim = [COMMA, SEMI, TAB][best]!;
    this.decimalComma = this.delim !== COMMA;
    const names = splitQuoted(text, String.fromCharCode(this.delim)).map((n) => n.trim().toLowerCase());
    this.names = names;
    this.nFields = names.length;
    this.map = new Int8Array(names.length).fill(-1);
    const seen = new Set<number>();
    for (let i = 0; i < names.length; i++) {
      const slot = (CSV_COLUMNS as readonly string[]).indexOf(names[i]!);
      if (slot < 0) { if (names[i]) this.ignored.push(names[i]!); continue; }
      if (seen.has(slot)) throw this.error('duplicate_column', { column: names[i]! }, 1, names[i]);
      seen.add(slot);
      this.map[i] = slot;
      this.columns.push(names[i]!);
    }
    for (const req of REQUIRED_COLUMNS) {
      if (!names.includes(req)) {
        throw this.error('missing_column', { column: req, have: names.filter(Boolean).join(', ') || '-' }, 1, req);
      }
    }
    const gyro = (base: number): boolean => seen.has(base + 3) && seen.has(base + 4) && seen.has(base + 5);
    this.gyroLeft = gyro(L_IMU);
    this.gyroRight = gyro(R_IMU);
    for (const [hand, base, ok] of [['left', L_IMU, this.gyroLeft], ['right', R_IMU, this.gyroRight]] as const) {
      if (!ok && (seen.has(base + 3) || seen.has(base + 4) || seen.has(base + 5))) this.warn('imu_incomplete', { hand });
    }
    this.headerDone = true;
  }

  private row(buf: Uint8Array, s: number, e: number, last: boolean): void {
    const map = this.map;
    const n = this.nFields;
    const vals = this.vals;
    const delim = this.delim;
    const decimalComma = this.decimalComma;
    let p = s;
    let field = 0;
    let bad = -1; // first slot out of range; reported once the row is known to be whole
    for (;;) {
      const slot = field < n ? map[field]! : -1;
      let q = p;
      if (slot < 0) {
        if (buf[q] === QUOTE) q = skipQuoted(buf, q, e);
        while (q < e && buf[q] !== delim) q++;
      } else {
        // Fast path: [spaces] [sign] digits [. digits] [e [sign] digits] [spaces]. buf[e] is CR or
        // LF (see push), so the loops stop at the end of the line without testing q < e.
        let c = buf[q]!;
        while (c === SPACE) c = buf[++q]!;
        const numStart = q;
        let neg = false;
        if (c === MINUS) { neg = true; c = buf[++q]!; } else if (c === PLUS) c = buf[++q]!;
        let mant = 0, exp = 0;
        const d0 = q;
        while (c >= 48 && c <= 57) { mant = mant * 10 + (c - 48); c = buf[++q]!; }
        let digits = q - d0;
        if (c === DOT || (c === COMMA && decimalComma)) {
          c = buf[++q]!;
          const f0 = q;
          while (c >= 48 && c <= 57) { mant = mant * 10 + (c - 48); c = buf[++q]!; }
          digits += q - f0;
          exp = f0 - q;
        }
        let ok = digits > 0 && digits <= MAX_DIGITS;
        if (ok && (c | 32) === 101 /* e */) {
          c = buf[++q]!;
          let eneg = false;
          if (c === MINUS) { eneg = true; c = buf[++q]!; } else if (c === PLUS) c = buf[++q]!;
          let ev = 0;
          const e0 = q;
          while (c >= 48 && c <= 57) { ev = ev * 10 + (c - 48); c = buf[++q]!; }
          if (q === e0) ok = false;
          exp += eneg ? -ev : ev;
        }
        while (c === SPACE) c = buf[++q]!;
        if (ok && (q === e || buf[q] === delim) && exp >= -22 && exp <= 22) {
          const v = exp === 0 ? mant : exp > 0 ? mant * POW10[exp]! : mant / POW10[-exp]!;
          const x = neg ? -v : v;
          if ((x < LO[slot]! || x > HI[slot]!) && bad < 0) bad = slot;
          vals[slot] = x;
        } else if (digits === 0 && numStart === q && (q === e || buf[q] === delim)) {
          vals[slot] = NaN; // empty field
        } else {
          // Slow path: quotes, NaN words, long mantissas, odd exponents.
          let end = p;
          if (buf[end] === QUOTE || (buf[numStart] === QUOTE)) end = skipQuoted(buf, buf[end] === QUOTE ? end : numStart, e);
          while (end < e && buf[end] !== delim) end++;
          const v = this.slowNumber(utf8.decode(buf.subarray(p, end)));
          if (v === 'word' && slot !== T) {
            if (last) { this.warn('truncated', { line: this.lineNo, got: field, want: n }); return; }
            const text = utf8.decode(buf.subarray(p, end)).trim();
            throw this.error('not_measured', { column: this.names[field]!, value: text.slice(0, 40) }, this.lineNo, this.names[field]);
          }
          if (v === undefined) {
            if (last) { this.warn('truncated', { line: this.lineNo, got: field, want: n }); return; }
            const text = utf8.decode(buf.subarray(p, end)).trim();
            throw this.error('not_a_number', { column: this.names[field]!, value: text.slice(0, 40) }, this.lineNo, this.names[field]);
          }
          const x = v === 'word' ? NaN : v; // only in t_s, which then reads as empty
          if ((x < LO[slot]! || x > HI[slot]!) && bad < 0) bad = slot;
          vals[slot] = x;
          q = end;
        }
      }
      field++;
      if (q >= e) break;
      p = q + 1;
    }
    if (field !== n) {
      if (last && field < n) { this.warn('truncated', { line: this.lineNo, got: field, want: n }); return; }
      throw this.error('field_count', { got: field, want: n }, this.lineNo);
    }
    const t = vals[T]!;
    if (t !== t) {
      if (last) { this.warn('truncated', { line: this.lineNo, got: field, want: n }); return; }
      throw this.error('time_missing', {}, this.lineNo, 't_s');
    }
    if (!(t >= 0 && t < Infinity)) throw this.error('time_out_of_range', { value: t }, this.lineNo, 't_s');
    if (!(t > this.prevT)) {
      throw this.error('time_not_increasing', { value: t, prev: this.prevT }, this.lineNo, 't_s');
    }
    if (bad >= 0) this.outOfRange(bad, vals[bad]!);
    if (this.rows === 0) {
      this.firstT = t;
      this.firstLine = this.lineNo;
    } else {
      if (this.rows <= TIME_STEP_ROWS) {
        this.steps[this.rows - 1] = t - this.prevT;
        if (this.rows === TIME_STEP_ROWS) this.checkSteps(TIME_STEP_ROWS);
      }
      if (t - this.firstT > MAX_SESSION_S) this.tooLong(t);
    }
    this.prevT = t;
    this.rows++;
    const smp = this.sample;
    smp.t_s = t;
    const l = smp.left, r = smp.right;
    l.thumb_n = vals[1]!; r.thumb_n = vals[2]!; l.knuckle_n = vals[3]!; r.knuckle_n = vals[4]!;
    l.ax_g = vals[5]!; l.ay_g = vals[6]!; l.az_g = vals[7]!;
    l.gx_dps = vals[8]!; l.gy_dps = vals[9]!; l.gz_dps = vals[10]!;
    r.ax_g = vals[11]!; r.ay_g = vals[12]!; r.az_g = vals[13]!;
    r.gx_dps = vals[14]!; r.gy_dps = vals[15]!; r.gz_dps = vals[16]!;
    l.imu_ok = this.gyroLeft && l.gx_dps === l.gx_dps && l.gy_dps === l.gy_dps && l.gz_dps === l.gz_dps;
    r.imu_ok = this.gyroRight && r.gx_dps === r.gx_dps && r.gy_dps === r.gy_dps && r.gz_dps === r.gz_dps;
    this.onSample(smp);
  }

  /** Refuses t_s whose median step over the first `n` rows is not seconds at a glove's rate. */
  private checkSteps(n: number): void {
    if (n < 1) return;
    const sorted = Array.from(this.steps.subarray(0, n)).sort((a, b) => a - b);
    const step = n & 1 ? sorted[n >> 1]! : (sorted[(n >> 1) - 1]! + sorted[n >> 1]!) / 2;
    if (!(step > MAX_MEDIAN_STEP_S)) return;
    const key: CsvMessage = step >= 2 && step <= 200 ? 'time_in_ms' : step >= 2000 && step <= 200_000 ? 'time_in_us' : 'time_steps_implausible';
    // The rows so far have lines firstLine.. (blank and comment lines aside): name the first and the last judged.
    throw this.error(key, { step: Number(step.toPrecision(6)), to: this.lineNo }, this.firstLine, 't_s');
  }

  private tooLong(t: number): never {
    this.checkSteps(Math.min(this.rows, TIME_STEP_ROWS)); // a unit mix-up gets its own message
    const hours = (t - this.firstT) / 3600;
    throw this.error('time_too_long', {
      value: t, first: this.firstT, hours: Number(hours.toPrecision(4)), max_hours: MAX_SESSION_S / 3600,
    }, this.lineNo, 't_s');
  }

  private outOfRange(slot: number, value: number): never {
    const kind = KIND_OF_SLOT[slot]!;
    const { min, max } = CSV_LIMITS[kind];
    const column = CSV_COLUMNS[slot]!;
    throw this.error(RANGE_MESSAGE[kind], { column, value, min, max }, this.lineNo, column);
  }

  /**
   * A field the fast path did not take: a number, NaN for an empty (quoted) cell, 'word' for a
   * stand-in such as NaN or NA (refused outside t_s, whose own check explains it), or undefined
   * (not a number).
   */
  private slowNumber(raw: string): number | 'word' | undefined {
    let s = raw.trim();
    if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).replace(/""/g, '"').trim();
    if (s === '') return NaN;
    if (NAN_WORDS.has(s.toLowerCase())) return 'word';
    if (this.decimalComma) s = s.replace(',', '.');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
    return Number(s);
  }
}

function isBlank(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/** From an opening quote at q, the index just after the closing quote ("" is an escaped quote). */
function skipQuoted(buf: Uint8Array, q: number, e: number): number {
  q++;
  while (q < e) {
    if (buf[q] === QUOTE) {
      if (buf[q + 1] === QUOTE) { q += 2; continue; }
      return q + 1;
    }
    q++;
  }
  return e;
}

function splitQuoted(text: string, delim: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQ) {
      if (ch === '"') { if (text[i + 1] === '"') { cur += '"'; i++; } else inQ = false; } else cur += ch;
    } else if (ch === '"') inQ = true;
    else if (ch === delim) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Parses a whole CSV held in memory. */
export function parseCsv(data: Uint8Array | string, file: string, onSample: (s: EngineSample) => void): CsvReadResult {
  const r = new CsvReader(file, onSample);
  r.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
  return r.end();
}

/** Reads a CSV file in 1 MiB chunks (memory stays small however long the recording). */
export function readCsvFile(path: string, onSample: (s: EngineSample) => void, file = path): CsvReadResult {
  const r = new CsvReader(file, onSample);
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      r.push(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return r.end();
}

/** True when the bytes start like a CSV recording (a text header naming t_s), not a raw capture. */
export function looksLikeCsv(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096);
  let end = 0;
  while (end < n && head[end] !== LF) end++;
  for (let i = 0; i < end; i++) {
    const c = head[i]!;
    if (c === 0xa5 || (c < 32 && c !== TAB && c !== CR)) return false;
  }
  return /(^|[,;\t"\s\ufeff])t_s($|[,;\t"\s])/i.test(utf8.decode(head.subarray(0, end)));
}

// ------------------------------------------------------------------ writing

export interface CsvWriteOptions {
  knuckles?: boolean;
  /** IMU columns per hand. */
  imu?: boolean;
}

function num(x: number, scale: number): string {
  return x === x ? String(Math.round(x * scale) / scale) : '';
}

/** Formats EngineSamples as CSV rows, one call per sample (for streaming exports). */
export class CsvWriter {
  readonly columns: string[];
  constructor(private readonly opts: CsvWriteOptions = {}) {
    this.columns = CSV_COLUMNS.filter((c) =>
      (REQUIRED_COLUMNS as readonly string[]).includes(c)
      || (opts.knuckles && c.endsWith('_knuckle_n'))
      || (opts.imu && (c.endsWith('_g') || c.endsWith('_dps'))));
  }
  header(): string {
    return `${this.columns.join(',')}\n`;
  }
  row(s: EngineSample): string {
    let line = `${num(s.t_s, 1e4)},${num(s.left.thumb_n, 1e3)},${num(s.right.thumb_n, 1e3)}`;
    if (this.opts.knuckles) line += `,${num(s.left.knuckle_n, 1e3)},${num(s.right.knuckle_n, 1e3)}`;
    if (this.opts.imu) {
      for (const h of [s.left, s.right]) {
        const ok = h.imu_ok;
        line += ok
          ? `,${num(h.ax_g, 1e4)},${num(h.ay_g, 1e4)},${num(h.az_g, 1e4)},${num(h.gx_dps, 100)},${num(h.gy_dps, 100)},${num(h.gz_dps, 100)}`
          : ',,,,,,';
      }
    }
    return `${line}\n`;
  }
}

/** EngineSamples -> CSV text (header included). The samples may be one reused object. */
export function writeCsv(samples: Iterable<EngineSample>, opts: CsvWriteOptions = {}): string {
  const w = new CsvWriter(opts);
  const parts = [w.header()];
  for (const s of samples) parts.push(w.row(s));
  return parts.join('');
}
