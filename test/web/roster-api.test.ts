// The roster helpers the pages share (host/web/common/roster-api.ts): what the picker finds for
// what was typed and in which order, the line that tells two trainees apart, the undo deadline.
import { describe, expect, it } from 'vitest';
import { countOf, matches, rank, traineeLine, undoDeadline, type Trainee } from '../../host/web/common/roster-api';

const T = (id: number, nim: string, name: string, cohort = ''): Trainee => ({ id, nim, name, cohort });
const roster = [
  T(1, '2021001', 'Siti Aminah', 'Kelompok A'),
  T(2, '2021002', 'Siti Rahma', 'Kelompok A'),
  T(3, '2020210', 'Dewi Lestari', 'Kelompok B'),
  T(4, '', 'Nur Siti', ''),
  T(5, '2019999', 'Ayu Kartika', 'Kelompok C'),
];

describe('roster helpers', () => {
  it('matches part of a name in any case, or part of a NIM', () => {
    expect(roster.filter((t) => matches(t, 'SITI')).map((t) => t.id)).toEqual([1, 2, 4]);
    expect(roster.filter((t) => matches(t, '1002')).map((t) => t.id)).toEqual([2]);
    expect(roster.filter((t) => matches(t, '  ')).length).toBe(5);
    expect(roster.filter((t) => matches(t, 'xyz')).length).toBe(0);
    // any accents, either way round
    expect(matches(T(6, '', 'Ní Wayan Sári'), 'wayan sari')).toBe(true);
    expect(matches(T(7, '', 'Ni Wayan Sari'), 'SÁRI')).toBe(true);
  });

  it('puts a NIM that starts with the text first, then names starting with it (or a word of them)', () => {
    // '2021' starts two NIMs; '2020210' only holds it further in
    expect(rank(roster, '2021').map((t) => t.id)).toEqual([1, 2, 3]);
    // 'siti': Siti Aminah and Siti Rahma start with it, Nur Siti has it as a word: all three, by name
    expect(rank(roster, 'siti').map((t) => t.id)).toEqual([4, 1, 2]);
    expect(rank(roster, 'ami').map((t) => t.id)).toEqual([1]);
    // nothing typed: everyone, by name
    expect(rank(roster, '').map((t) => t.name)).toEqual(['Ayu Kartika', 'Dewi Lestari', 'Nur Siti', 'Siti Aminah', 'Siti Rahma']);
  });

  it('tells two trainees of the same name apart by NIM, leaving out what is unknown', () => {
    expect(traineeLine(roster[0]!)).toBe('Siti Aminah · 2021001 · Kelompok A');
    expect(traineeLine(T(9, '2021009', 'Siti Aminah', 'Kelompok A'))).not.toBe(traineeLine(roster[0]!));
    expect(traineeLine(roster[3]!)).toBe('Nur Siti');
    expect(traineeLine(T(8, '', 'Eka', 'Kelompok B'))).toBe('Eka · Kelompok B');
  });

  it('counts an import answer given as a number or as the rows', () => {
    expect(countOf(3)).toBe(3);
    expect(countOf([{}, {}])).toBe(2);
  });

  it('reads the undo deadline on the page\'s clock, within the 10-minute window', () => {
    const server = Date.UTC(2026, 0, 5, 8, 0, 0);
    const date = new Date(server).toUTCString();
    // the tablet's clock is 5 minutes fast: the time left is still the server's 9:30
    const now = server + 5 * 60_000;
    expect(undoDeadline(server + 570_000, date, now) - now).toBe(570_000);
    expect(undoDeadline(new Date(server + 570_000).toISOString(), date, now) - now).toBe(570_000);
    // the Date header has whole seconds: never more than the window
    expect(undoDeadline(server + 600_900, date, now) - now).toBe(600_000);
    // already past, or no Date header: nothing left / the page's own clock
    expect(undoDeadline(server - 1000, date, now)).toBe(now);
    expect(undoDeadline(now + 60_000, null, now) - now).toBe(60_000);
    expect(undoDeadline('not a time', date, now)).toBe(now);
  });
});
