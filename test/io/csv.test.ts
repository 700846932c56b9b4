import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CSV_COLUMNS, CsvError, CsvReader, CsvWriter, looksLikeCsv, parseCsv, readCsvFile, writeCsv,
} from '../../host/io/csv';
import type { EngineSample } from '../../shared/engine/types';
import { createEngine } from '../../shared/engine/engine';
import { createPipeline } from '../../shared/pipeline';
import { TEST_PROFILE, synth } from '../engine/synth';

/** Copies of every sample the reader delivers (it reuses one object). */
function collect(text: string | Uint8Array, file = 'rec.csv'): { rows: EngineSample[]; result: ReturnType<typeof parseCsv> } {
  const rows: EngineSample[] = [];
  const result = parseCsv(text, file, (s) => rows.push(structuredClone(s)));
  return { rows, result };
}

function csvError(f: () => unknown): CsvError {
  try {
    f();
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('reading CSV recordings', () => {
  it('accepts any column order, ignores extra columns and leaves absent ones NaN', () => {
    const { rows, result } = collect('note,right_thumb_n,t_s,left_thumb_n\nx,2.5,0.01,1.25\ny,3,0.02,-0.5\n');
    expect(result.rows).toBe(2);
    expect(result.ignored).toEqual(['note']);
    expect(result.imu).toEqual({ left: false, right: false });
    expect(rows[0]).toMatchObject({ t_s: 0.01, left: { thumb_n: 1.25, imu_ok: false }, right: { thumb_n: 2.5 } });
    expect(rows[1]!.left.thumb_n).toBe(-0.5);
    expect(rows[0]!.left.knuckle_n).toBeNaN();
    expect(rows[0]!.right.gz_dps).toBeNaN();
  });

  it('reads the optional knuckle and IMU columns; a row with a missing gyro value has no IMU', () => {
    const header = CSV_COLUMNS.join(',');
    const row1 = '0.5,1,2,0.3,0.4,0.01,0.02,0.98,1.5,-2.5,3.5,0,0,1,10,20,30';
    const row2 = '0.51,1,2,0.3,0.4,0.01,0.02,0.98,,-2.5,3.5,0,0,1,10,20,30';
    const { rows, result } = collect(`${header}\n${row1}\n${row2}\n`);
    expect(result.imu).toEqual({ left: true, right: true });
    expect(rows[0]!.left).toMatchObject({ knuckle_n: 0.3, imu_ok: true, az_g: 0.98, gx_dps: 1.5, gz_dps: 3.5 });
    expect(rows[0]!.right).toMatchObject({ knuckle_n: 0.4, imu_ok: true, gy_dps: 20 });
    expect(rows[1]!.left.imu_ok).toBe(false);
    expect(rows[1]!.right.imu_ok).toBe(true);
  });

  it('parses numbers exactly like Number() (signs, exponents, long mantissas)', () => {
    const values = ['0', '-0.125', '+3', '1e2', '2.5E-2', '.5', '5.', '123.456789123456789', '0.1000000000000000055511151231257827', ' 7 ', '1.5e-30'];
    const text = `t_s,left_thumb_n,right_thumb_n\n${values.map((v, i) => `${i + 1},${v},1`).join('\n')}\n`;
    const { rows } = collect(text);
    expect(rows.map((r) => r.left.thumb_n)).toEqual(values.map((v) => Number(v)));
  });

  it('property: any value in range written with toString reads back identically', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 200 }), { minLength: 1, maxLength: 50 }), (xs) => {
      const text = `t_s,left_thumb_n,right_thumb_n\n${xs.map((x, i) => `${i},${x},0`).join('\n')}\n`;
      const { rows } = collect(text);
      expect(rows.map((r) => r.left.thumb_n)).toEqual(xs.map((x) => (Object.is(x, -0) ? 0 : x))); // `${-0}` is "0"
    }), { numRuns: 200 });
  });

  it('accepts spreadsheet exports: BOM, CRLF, quotes, semicolons with decimal commas, empty cells', () => {
    const text = '\ufeff"t_s";"left_thumb_n";"right_thumb_n"\r\n0,01;"1,5";""\r\n0,02;2;\r\n';
    const { rows, result } = collect(text);
    expect(result.rows).toBe(2);
    expect(rows[0]!.t_s).toBe(0.01);
    expect(rows[0]!.left.thumb_n).toBe(1.5);
    expect(rows[0]!.right.thumb_n).toBeNaN();
    expect(rows[1]!.right.thumb_n).toBeNaN();
  });

  it('gives the same samples however the bytes are split into chunks', () => {
    const samples: EngineSample[] = [];
    synth({ rate_hz: 50, duration_s: 4, bouts: [[1, 3]], cadence_hz: 2, left: {}, right: { imu: false } }, (s) => samples.push(structuredClone(s)));
    const bytes = new TextEncoder().encode(writeCsv(samples, { imu: true, knuckles: true }));
    const whole = collect(bytes).rows;
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }), (cuts) => {
      const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
      const got: EngineSample[] = [];
      const r = new CsvReader('rec.csv', (s) => got.push(structuredClone(s)));
      for (let i = 1; i < at.length; i++) r.push(bytes.slice(at[i - 1], at[i]));
      r.end();
      expect(got).toEqual(whole);
    }), { numRuns: 50 });
  });
});

describe('the byte-level number parser agrees with Number() on every cell', () => {
  const cell = fc.tuple(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 200 }),
    fc.constantFrom('string', 'fixed0', 'fixed3', 'exp2', 'Exp', 'plus', 'empty'),
    fc.constantFrom('', ' ', '  '),
    fc.constantFrom('', ' '),
  ).map(([x, form, lead, trail]) => {
    const body = form === 'string' ? String(x) : form === 'fixed0' ? x.toFixed(0) : form === 'fixed3' ? x.toFixed(3)
      : form === 'exp2' ? x.toExponential(2) : form === 'Exp' ? x.toExponential(4).toUpperCase()
        : form === 'plus' ? (x >= 0 ? `+${x}` : String(x)) : '';
    return `${lead}${body}${trail}`;
  });

  it('random rows (spaces, signs, exponents, empty cells), LF or CRLF, with or without a final newline, cut anywhere', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 40 }), fc.boolean(), fc.boolean(),
      fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 6 }),
      (rows, crlf, finalNewline, cuts) => {
        const nl = crlf ? '\r\n' : '\n';
        const text = `t_s,left_thumb_n,right_thumb_n${nl}${rows.map(([a, b], i) => `${i / 100},${a},${b}`).join(nl)}${finalNewline ? nl : ''}`;
        const bytes = new TextEncoder().encode(text);
        const at = [0, ...[...new Set(cuts.map((c) => c % bytes.length))].filter((c) => c > 0).sort((x, y) => x - y), bytes.length];
        const got: EngineSample[] = [];
        const r = new CsvReader('rec.csv', (smp) => got.push(structuredClone(smp)));
        for (let i = 1; i < at.length; i++) r.push(bytes.slice(at[i - 1], at[i]));
        expect(r.end().rows).toBe(rows.length);
        const num = (c: string): number => (c.trim() === '' ? NaN : Number(c));
        expect(got.map((g) => [g.t_s, g.left.thumb_n, g.right.thumb_n])).toEqual(rows.map(([a, b], i) => [i / 100, num(a), num(b)]));
      },
    ), { numRuns: 300 });
  });
});

describe('CSV errors name the file, the line, the column and the fix', () => {
  it('a missing required column', () => {
    const e = csvError(() => parseCsv('t_s,left_thumb_n\n0,1\n', 'session.csv', () => {}));
    expect(e.line).toBe(1);
    expect(e.column).toBe('right_thumb_n');
    expect(e.message).toContain('session.csv:1');
    expect(e.message).toContain('"right_thumb_n" is missing');
    expect(e.message).toContain('Add that column');
    expect(e.entry.id).toContain('kolom wajib');
    expect(e.exitCode).toBe(2);
  });

  it('a value that is not a number', () => {
    const e = csvError(() => parseCsv('t_s,left_thumb_n,right_thumb_n\n0,1,2\n0.01,1,abc\n', 'session.csv', () => {}));
    expect(e.message).toMatch(/^session\.csv:3: column right_thumb_n holds "abc", not a number/);
    expect(e.line).toBe(3);
    expect(e.column).toBe('right_thumb_n');
  });

  it('t_s that does not increase', () => {
    const e = csvError(() => parseCsv('t_s,left_thumb_n,right_thumb_n\n0.01,1,2\n0.02,1,2\n0.02,1,2\n', 'a.csv', () => {}));
    expect(e.message).toContain('a.csv:4: t_s = 0.02 is not larger than on the previous row (0.02)');
    expect(e.message).toContain('Sort the rows');
  });

  it('a row with the wrong number of fields, an empty t_s, a duplicate column, no rows', () => {
    expect(csvError(() => parseCsv('t_s,left_thumb_n,right_thumb_n\n0,1\n1,2,3\n', 'a.csv', () => {})).message)
      .toContain('a.csv:2: this row has 2 fields, the header has 3');
    expect(csvError(() => parseCsv('t_s,left_thumb_n,right_thumb_n\n,1,2\n', 'a.csv', () => {})).message).toContain('a.csv:2: t_s is empty');
    expect(csvError(() => parseCsv('t_s,left_thumb_n,right_thumb_n,t_s\n', 'a.csv', () => {})).message).toContain('"t_s" appears twice');
    expect(csvError(() => parseCsv('t_s,left_thumb_n,right_thumb_n\n', 'a.csv', () => {})).message).toContain('no data rows');
    expect(csvError(() => parseCsv('', 'a.csv', () => {})).message).toContain('a.csv: the file is empty');
  });

  it('a truncated last line: scores what was read and warns', () => {
    const { rows, result } = collect('t_s,left_thumb_n,right_thumb_n\n0,1,2\n0.01,3,4\n0.02,5');
    expect(rows).toHaveLength(2);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.message).toContain('rec.csv:4: the last row is cut off (2 of 3 fields)');
    expect(result.warnings[0]!.entry.id).toContain('terpotong');
    // cut off right after a minus sign: still a cut-off row, not a stand-in word
    expect(collect('t_s,left_thumb_n,right_thumb_n\n0,1,2\n0.01,-').result.warnings[0]!.message).toContain('rec.csv:3: the last row is cut off');
    // a complete last line without a newline is fine
    expect(collect('t_s,left_thumb_n,right_thumb_n\n0,1,2\n0.01,3,4').rows).toHaveLength(2);
  });

  it('warns when a hand has only some of its gyro columns', () => {
    const { result } = collect('t_s,left_thumb_n,right_thumb_n,left_gx_dps\n0,1,2,3\n');
    expect(result.imu.left).toBe(false);
    expect(result.warnings[0]!.message).toContain("left hand's gyro columns are incomplete");
  });
});

describe('CSV values outside what the glove can measure are refused', () => {
  const head = 't_s,left_thumb_n,right_thumb_n';

  it('one 1e9 N force in an otherwise good file names its line, column, value and fix', () => {
    const samples: EngineSample[] = [];
    synth({ rate_hz: 100, duration_s: 40, bouts: [[2, 38]], cadence_hz: 1.7, left: {}, right: {} }, (s) => samples.push(structuredClone(s)));
    const lines = writeCsv(samples, { imu: true, knuckles: true }).split('\n');
    expect(() => parseCsv(lines.join('\n'), 'good.csv', () => {})).not.toThrow();
    const cells = lines[3000]!.split(','); // data row 3000 is file line 3001
    cells[1] = '1e9';
    lines[3000] = cells.join(',');
    const e = csvError(() => parseCsv(lines.join('\n'), 'good.csv', () => {}));
    expect(e.line).toBe(3001);
    expect(e.column).toBe('left_thumb_n');
    expect(e.message).toBe('good.csv:3001: column left_thumb_n holds 1000000000, outside -1 to 200 N (more than a force sensor can read). '
      + 'Check the unit (newtons, not grams or mN) and that cell; leave it empty if the value was not measured.');
    expect(e.entry.id).toContain('di luar {min} sampai {max} N');
    expect(e.exitCode).toBe(2);
  });

  it('forces: -5 and 200.5 are refused, -1 and 200 (the limits) and empty cells are read', () => {
    expect(csvError(() => parseCsv(`${head}\n0,1,2\n0.01,1,-5\n`, 'a.csv', () => {})).message)
      .toMatch(/^a\.csv:3: column right_thumb_n holds -5, outside -1 to 200 N/);
    const knuckle = csvError(() => parseCsv(`${head},left_knuckle_n\n0,1,2,200.5\n`, 'a.csv', () => {}));
    expect([knuckle.line, knuckle.column]).toEqual([2, 'left_knuckle_n']);
    const { rows } = collect(`${head},left_knuckle_n\n0,-1,200,\n0.01,,,-0.4\n`);
    expect(rows.map((r) => [r.left.thumb_n, r.right.thumb_n, r.left.knuckle_n])).toEqual([[-1, 200, NaN], [NaN, NaN, -0.4]]);
  });

  it('NaN and other stand-in words are refused with the fix (an empty cell); an overflowing number is out of range', () => {
    for (const word of ['NaN', 'NA', 'null', '-', '"nan"']) {
      const e = csvError(() => parseCsv(`${head}\n0,1,${word}\n`, 'a.csv', () => {}));
      expect(e.message).toContain('a.csv:2: column right_thumb_n holds');
      expect(e.message).toContain('not a measured value. Leave the cell empty');
      expect(e.column).toBe('right_thumb_n');
    }
    expect(csvError(() => parseCsv(`${head}\n0,1e400,2\n`, 'a.csv', () => {})).message)
      .toContain('a.csv:2: column left_thumb_n holds Infinity, outside -1 to 200 N');
  });

  it('accelerometer within +-16 g, gyroscope within +-2000 dps', () => {
    const imuHead = `${head},right_ax_g,right_gz_dps`;
    expect(collect(`${imuHead}\n0,1,2,-16,2000\n0.01,1,2,16,-2000\n`).rows).toHaveLength(2);
    const acc = csvError(() => parseCsv(`${imuHead}\n0,1,2,9.81,0\n0.01,1,2,-16.5,0\n`, 'a.csv', () => {}));
    expect(acc.message).toMatch(/^a\.csv:3: column right_ax_g holds -16\.5, outside -16 to 16 g .*Check the unit \(g, not m\/s²\)/);
    const gyro = csvError(() => parseCsv(`${imuHead}\n0,1,2,0,2500\n`, 'a.csv', () => {}));
    expect(gyro.message).toMatch(/^a\.csv:2: column right_gz_dps holds 2500, outside -2000 to 2000 degrees per second/);
    expect(gyro.entry.id).toContain('giroskop');
  });

  it('t_s must be finite and 0 or more', () => {
    const neg = csvError(() => parseCsv(`${head}\n-0.5,1,2\n`, 'a.csv', () => {}));
    expect(neg.message).toBe('a.csv:2: t_s = -0.5, but time must be a finite number of seconds, 0 or more. '
      + 'Shift the times so the recording starts at 0 or later, and check that cell.');
    expect(neg.column).toBe('t_s');
    expect(csvError(() => parseCsv(`${head}\n0,1,2\n1e400,1,2\n`, 'a.csv', () => {})).message).toContain('a.csv:3: t_s = Infinity');
    expect(collect(`${head}\n0,1,2\n`).rows[0]!.t_s).toBe(0);
  });
});

describe('t_s in the wrong unit is refused, naming the lines and the fix', () => {
  const head = 't_s,left_thumb_n,right_thumb_n';
  const rows = (n: number, t: (i: number) => number): string => Array.from({ length: n }, (_, i) => `${t(i)},1,2`).join('\n');

  it('milliseconds at 100 Hz: refused after 16 steps, lines 2 to 18, "divide t_s by 1000", both languages', () => {
    let delivered = 0;
    const e = csvError(() => parseCsv(`${head}\n${rows(3600, (i) => i * 10)}\n`, 'ms.csv', () => { delivered++; }));
    expect(e.message).toBe('ms.csv:2: t_s advances by 10 per row (lines 2 to 18); t_s must be in seconds, and a glove gives '
      + '25-200 rows per second (steps of 0.005-0.04). The column looks like milliseconds: divide t_s by 1000.');
    expect([e.line, e.column, e.exitCode]).toEqual([2, 't_s', 2]);
    expect(e.entry.id).toContain('milidetik: bagi t_s dengan 1000');
    expect(delivered).toBe(16);
  });

  it('microseconds (the 1-hour session read as 9,999,833 minutes): "divide t_s by 1000000"', () => {
    // Row 10 already passes 24 hours; the unit, not the length, is named.
    const e = csvError(() => parseCsv(`${head}\n${rows(360_000, (i) => i * 10_000)}\n`, 'us.csv', () => {}));
    expect(e.message).toMatch(/^us\.csv:2: t_s advances by 10000 per row \(lines 2 to 11\).*microseconds: divide t_s by 1000000\.$/);
    expect(e.entry.id).toContain('mikrodetik');
  });

  it('a short file is judged on the steps it has; blank and comment lines do not shift the lines named', () => {
    expect(csvError(() => parseCsv(`${head}\n0,1,2\n\n# note\n5,1,2\n10,1,2\n`, 'short.csv', () => {})).message)
      .toMatch(/^short\.csv:2: t_s advances by 5 per row \(lines 2 to 6\).*milliseconds/);
    expect(csvError(() => parseCsv(`${head}\n0,1,2\n1.5,1,2\n3,1,2\n`, 'odd.csv', () => {})).message)
      .toMatch(/^odd\.csv:2: t_s advances by 1\.5 per row \(lines 2 to 4\).*Check the unit of the t_s column and convert it to seconds\.$/);
  });

  it('seconds at 25, 100 and 200 Hz, steps of 1 s, one row, and clock time since 1970 are all accepted', () => {
    for (const hz of [25, 100, 200]) expect(collect(`${head}\n${rows(100, (i) => i / hz)}\n`).result.rows).toBe(100);
    expect(collect(`${head}\n${rows(20, (i) => i)}\n`).result.last_t_s).toBe(19);
    expect(collect(`${head}\n7,1,2\n`).result.rows).toBe(1);
    const epoch = collect(`${head}\n${rows(50, (i) => 1_764_720_000 + i / 100)}\n`).result;
    expect(epoch.last_t_s - epoch.first_t_s).toBeCloseTo(0.49, 6);
  });

  it('a recording longer than 24 hours is refused at the row that makes it so', () => {
    const text = `${head}\n${rows(100, (i) => i / 100)}\n90000,1,2\n`;
    const e = csvError(() => parseCsv(text, 'long.csv', () => {}));
    expect(e.message).toBe('long.csv:102: t_s = 90000 makes the recording 25 hours long (it starts at 0); a session lasts at most 24 hours. '
      + 'Check the unit of t_s (seconds) and that cell, or split recordings that were joined.');
    expect(e.entry.id).toContain('paling lama {max_hours} jam');
  });
});

describe('writing CSV', () => {
  it('round-trips samples (values rounded to the written precision)', () => {
    const samples: EngineSample[] = [];
    synth({ rate_hz: 100, duration_s: 3, bouts: [[0.5, 2.5]], cadence_hz: 2, left: {}, right: {} }, (s) => samples.push(structuredClone(s)));
    const text = writeCsv(samples, { imu: true, knuckles: true });
    expect(text.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    const back = collect(text).rows;
    expect(back).toHaveLength(samples.length);
    back.forEach((b, i) => {
      const a = samples[i]!;
      expect(b.t_s).toBeCloseTo(a.t_s, 4);
      expect(b.left.thumb_n).toBeCloseTo(a.left.thumb_n, 3);
      expect(b.right.gy_dps).toBeCloseTo(a.right.gy_dps, 2);
      expect(b.left.az_g).toBeCloseTo(a.left.az_g, 4);
      expect(b.left.imu_ok).toBe(true);
      expect(b.left.knuckle_n).toBeNaN(); // written empty, read as absent
    });
  });

  it('writes only the required columns by default and empty IMU fields when the IMU is not valid', () => {
    const w = new CsvWriter();
    expect(w.header()).toBe('t_s,left_thumb_n,right_thumb_n\n');
    const s: EngineSample = structuredClone(collect('t_s,left_thumb_n,right_thumb_n\n1.23456,2,\n').rows[0]!);
    expect(w.row(s)).toBe('1.2346,2,\n');
    expect(new CsvWriter({ imu: true }).row(s)).toBe('1.2346,2,,,,,,,,,,,,,\n');
  });

  it('a recording scores the same from CSV as from the samples themselves', () => {
    const samples: EngineSample[] = [];
    synth({ rate_hz: 100, duration_s: 60, bouts: [[3, 28], [33, 58]], cadence_hz: 1.7, left: {}, right: { imu: false } }, (s) => samples.push(structuredClone(s)));
    const direct = createEngine(TEST_PROFILE);
    for (const s of samples) direct.push(s);
    const dir = mkdtempSync(join(tmpdir(), 'pijat-csv-'));
    try {
      const file = join(dir, 'rec.csv');
      writeFileSync(file, writeCsv(samples, { imu: true, knuckles: true }));
      const p = createPipeline({ profile: TEST_PROFILE });
      const r = readCsvFile(file, (s) => p.pushSample(s));
      expect(r.rows).toBe(samples.length);
      expect(r.imu).toEqual({ left: true, right: true }); // the columns exist; right rows are empty
      const a = direct.finish();
      const b = p.summary();
      expect(b.passes).toHaveLength(2);
      b.passes.forEach((x, i) => {
        expect(x.start_s).toBeCloseTo(a.passes[i]!.start_s, 4);
        expect(x.end_s).toBeCloseTo(a.passes[i]!.end_s, 4);
      });
      expect(b.left.cadence_hz).toBeCloseTo(a.left.cadence_hz!, 2);
      expect(b.left.mean_n).toBeCloseTo(a.left.mean_n!, 2);
      expect(b.right.imu).toBe(false);
      expect(p.recording()).toMatchObject({ source: 'csv', samples: samples.length, rate_hz: 100, device_id: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('looksLikeCsv', () => {
  it('tells a CSV header from a raw capture', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(looksLikeCsv(enc('t_s,left_thumb_n,right_thumb_n\n0,1,2\n'))).toBe(true);
    expect(looksLikeCsv(enc('\ufeff"t_s";"left_thumb_n"\r\n'))).toBe(true);
    expect(looksLikeCsv(enc('left_thumb_n,right_thumb_n\n'))).toBe(false);
    expect(looksLikeCsv(new Uint8Array([0x3e, 0x20, 0xa5, 0x30, 0x00, 0x02]))).toBe(false);
    expect(looksLikeCsv(enc('-> LoopbackA\r\n>t_s'))).toBe(false);
  });
});
