// The one CSV rule of every export: quoting, formula-safe cells, the Indonesian Excel dialect.
import { describe, expect, it } from 'vitest';
import { CSV_EXCEL_ID, csvCell, csvText, localTime, roundFor } from '../../shared/csv-text';

describe('CSV text', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvText([['a', 'b,c'], [1, null], ['say "hi"']])).toBe('a,"b,c"\r\n1,\r\n"say ""hi"""\r\n');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(NaN)).toBe('');
  });

  it('writes semicolons and decimal commas for Excel set to Indonesian', () => {
    expect(csvText([['nama', 'gaya'], ['Siti; A', 6.25], ['Ayu', 204.77]], CSV_EXCEL_ID)).toBe('nama;gaya\r\n"Siti; A";6,25\r\nAyu;204,77\r\n');
    expect(csvCell('1,5', CSV_EXCEL_ID)).toBe('1,5');
  });

  it('rounds and gives local time with its zone', () => {
    expect(roundFor(204.77003700000003)).toBe(204.77);
    expect(roundFor(null)).toBeNull();
    expect(localTime('2026-12-03T07:05:09.000Z', 7 * 60)).toBe('2026-12-03 14:05:09 +07:00');
    expect(localTime('2026-12-03T23:30:00.000Z', 7 * 60)).toBe('2026-12-04 06:30:00 +07:00');
    expect(localTime('2026-12-03T01:00:00.000Z', -150)).toBe('2026-12-02 22:30:00 -02:30');
  });
});
