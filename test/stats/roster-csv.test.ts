// The roster file reader (shared/roster-csv.ts): separators, byte-order mark, quotes, titles in
// both languages, bad rows with their line numbers.
import { describe, expect, it } from 'vitest';
import { parseRoster, RosterFileError, searchKey, splitCsv } from '../../shared/roster-csv';

function fileError(text: string): RosterFileError {
  try {
    parseRoster(text);
  } catch (e) {
    if (e instanceof RosterFileError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseRoster', () => {
  it('reads an English comma file', () => {
    const r = parseRoster('NIM,Name,Cohort\n2101001,Siti Aminah,A-2025\n2101002,Ayu,A-2025\n');
    expect(r.separator).toBe(',');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, nim: '2101001', name: 'Siti Aminah', cohort: 'A-2025' },
      { line: 3, nim: '2101002', name: 'Ayu', cohort: 'A-2025' },
    ]);
  });

  it('reads what Excel set to Indonesian saves: BOM, semicolons, CRLF, quotes, Indonesian titles in any order', () => {
    const text = '\ufeffKelompok;NAMA;nim;Catatan\r\n"A; pagi";"Siti ""Ica"" Aminah";p0712;x\r\nA;Dewi Lestari;2101003;"baris\r\nkedua"\r\n;;;\r\nB;Rina;2101004;y\r\n';
    const r = parseRoster(text);
    expect(r.separator).toBe(';');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, nim: 'P0712', name: 'Siti "Ica" Aminah', cohort: 'A; pagi' },
      { line: 3, nim: '2101003', name: 'Dewi Lestari', cohort: 'A' },
      { line: 6, nim: '2101004', name: 'Rina', cohort: 'B' },
    ]);
  });

  it('takes "angkatan" for the cohort and leaves cohort out when there is no such column', () => {
    expect(parseRoster('nim,nama,angkatan\n1,Siti,2024\n').rows).toEqual([{ line: 2, nim: '1', name: 'Siti', cohort: '2024' }]);
    expect(parseRoster('nim,nama\n1,Siti\n').rows).toEqual([{ line: 2, nim: '1', name: 'Siti' }]);
  });

  it('lists bad rows with their line and field, in both languages, and keeps the good ones', () => {
    const r = parseRoster('nim,nama,kelompok\n,Siti,A\n2101001,Ayu,A\nbad nim!,Rina,A\n2101001,Dewi,A\n2101005,,A\n2101006,Neni,A\u202eB\n2101007,Tia,A\n');
    expect(r.rows.map((x) => [x.line, x.name])).toEqual([[3, 'Ayu'], [8, 'Tia']]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[2, 'nim'], [4, 'nim'], [5, 'nim'], [6, 'name'], [7, 'cohort']]);
    expect(r.errors[0]!.message).toEqual({
      id: 'Baris 2: NIM kosong. Setiap peserta di daftar perlu NIM.',
      en: 'Line 2: the NIM is empty. Every trainee on a roster needs a NIM.',
    });
    expect(r.errors[2]!.message.en).toBe('Line 5: NIM 2101001 already appears on line 3 of this file.');
    expect(r.errors[2]!.message.id).toBe('Baris 5: NIM 2101001 sudah ada di baris 3 berkas ini.');
  });

  it('counts lines inside quoted cells, so a later row keeps its true line number', () => {
    // A name may not hold a line break (line 2 is refused for it), but the quote still spans two lines.
    const r = parseRoster('nim,nama,catatan\n1,Siti,"dua\nbaris"\n,Ayu,\n2,"Ayu\nDua",\n');
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[4, 'nim'], [5, 'name']]);
  });

  it('refuses a file without the title line it needs, an empty file, an unclosed quote', () => {
    expect(fileError('').entry.en).toMatch(/The roster file is empty/);
    expect(fileError('\ufeff\r\n\r\n').entry.en).toMatch(/empty/);
    const e = fileError('student,cohort\nSiti,A\n');
    expect(e.message).toBe("The roster file's title line lacks the column nim, nama/name. Known titles: nim, nama/name, kelompok/angkatan/cohort (line 1 now: student,cohort).");
    expect(fileError('nim,nama\n1,"Siti\n').message).toBe('The quote opened on line 2 is never closed. Check that line.');
  });

  it('splits cells exactly as RFC 4180 quotes them', () => {
    expect(splitCsv('a,"b,c","d""e"\r\n"",x\n', ',').map((r) => r.cells)).toEqual([['a', 'b,c', 'd"e'], ['', 'x']]);
  });

  it('search keys ignore case and accents', () => {
    expect(searchKey('Séptiani ÁYU')).toBe('septiani ayu');
  });
});
