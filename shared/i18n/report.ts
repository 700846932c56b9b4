// Sentences of the scored report (shared/engine/score.ts): one message per criterion, every
// deduction's reason, the verdict and the notes. `{band}` and the values arrive already
// formatted for each language (shared/i18n/format.ts), so the templates hold no numbers.
import type { Entry, Strings } from './index';

/** Which side of its bands a measured value fell on; `missing` = could not be measured. */
export type Side = 'in' | 'low' | 'high' | 'missing';

export type CriterionMessages = Record<Side, Entry>;

/** Names of the criteria as a trainee reads them. */
export const CRITERION_NAMES = {
  pass_duration_s: { id: 'Lama tiap putaran', en: 'Length of each pass' },
  pass_count: { id: 'Jumlah putaran', en: 'Number of passes' },
  work_s: { id: 'Lama pijat seluruhnya', en: 'Total massage time' },
  force_n: { id: 'Kekuatan tekanan', en: 'Thumb force' },
  in_band_fraction: { id: 'Tekanan dalam target', en: 'Force on target' },
  cadence_hz: { id: 'Tempo lingkaran', en: 'Circle tempo' },
  regularity_cv: { id: 'Keteraturan irama', en: 'Steady rhythm' },
  bilateral_fraction: { id: 'Kedua ibu jari bersamaan', en: 'Both thumbs together' },
  balance: { id: 'Keseimbangan kiri-kanan', en: 'Left-right balance' },
} satisfies Strings;

/** A circle tempo against the profile's target band (report `cadence.status_text`). */
export const CADENCE_STATUS = {
  too_slow: { id: 'Tempo terlalu lambat', en: 'Tempo too slow' },
  in_band: { id: 'Tempo sesuai target', en: 'Tempo on target' },
  too_fast: { id: 'Tempo terlalu cepat', en: 'Tempo too fast' },
} satisfies Strings;

/** A pass cut by an edge of the recording: judged on what was recorded (CLI report and report page). */
export const PASS_EDGE = {
  early: { id: 'sudah berjalan sebelum perekaman; dinilai dari yang terekam', en: 'under way before the recording; judged on what was recorded' },
  late: { id: 'masih berjalan saat perekaman dihentikan; dinilai dari yang terekam', en: 'still under way when the recording stopped; judged on what was recorded' },
  gapStart: { id: 'dimulai di dalam celah data; dinilai dari yang terekam', en: 'began in a data gap; judged on what was recorded' },
  gapEnd: { id: 'berakhir di dalam celah data; dinilai dari yang terekam', en: 'ended in a data gap; judged on what was recorded' },
} satisfies Record<string, Entry>;

export const HANDS = {
  left: { id: 'kiri', en: 'left' },
  right: { id: 'kanan', en: 'right' },
} satisfies Strings;

export const CRITERION_MESSAGES: Record<keyof typeof CRITERION_NAMES, CriterionMessages> = {
  pass_duration_s: {
    in: {
      id: 'putaran {n} berlangsung {dur}, sesuai SOP ({band})',
      en: 'pass {n} lasted {dur}, within the {band} the SOP asks for',
    },
    low: {
      id: 'putaran {n} berlangsung {dur}; SOP meminta {band}',
      en: 'pass {n} lasted {dur}; the SOP asks for {band}',
    },
    high: {
      id: 'putaran {n} berlangsung {dur}; SOP meminta {band}',
      en: 'pass {n} lasted {dur}; the SOP asks for {band}',
    },
    missing: {
      id: 'lama putaran {n} tidak terukur',
      en: 'the length of pass {n} was not measured',
    },
  },
  pass_count: {
    in: {
      id: '{count}, sesuai SOP',
      en: '{count}, as the SOP asks',
    },
    low: {
      id: 'hanya {count}; SOP meminta {band} putaran',
      en: 'only {count}; the SOP asks for {band}',
    },
    high: {
      id: '{count}; SOP meminta {band} putaran',
      en: '{count}; the SOP asks for {band}',
    },
    missing: {
      id: 'tidak ada putaran yang terekam',
      en: 'no pass was recorded',
    },
  },
  work_s: {
    in: {
      id: 'lama pijat seluruhnya {dur}, sesuai SOP ({band})',
      en: 'the massage lasted {dur} in all, within the {band} the SOP asks for',
    },
    low: {
      id: 'lama pijat seluruhnya hanya {dur}; SOP meminta {band}',
      en: 'the massage lasted only {dur} in all; the SOP asks for {band}',
    },
    high: {
      id: 'lama pijat seluruhnya {dur}; SOP meminta {band}',
      en: 'the massage lasted {dur} in all; the SOP asks for {band}',
    },
    missing: {
      id: 'lama pijat tidak terukur',
      en: 'the massage time was not measured',
    },
  },
  force_n: {
    in: {
      id: 'ibu jari {hand} menekan rata-rata {f} N, dalam target {band} N',
      en: 'the {hand} thumb pressed {f} N on average, within the target of {band} N',
    },
    low: {
      id: 'ibu jari {hand} menekan rata-rata {f} N, terlalu ringan; targetnya {band} N',
      en: 'the {hand} thumb pressed {f} N on average, too light; the target is {band} N',
    },
    high: {
      id: 'ibu jari {hand} menekan rata-rata {f} N, terlalu keras; targetnya {band} N',
      en: 'the {hand} thumb pressed {f} N on average, too hard; the target is {band} N',
    },
    missing: {
      id: 'ibu jari {hand} tidak terdeteksi menekan; SOP meminta kedua ibu jari menekan ({band} N)',
      en: 'the {hand} thumb was never detected pressing; the SOP asks both thumbs to press ({band} N)',
    },
  },
  in_band_fraction: {
    in: {
      id: 'tekanan berada dalam target {fband} N selama {p} dari waktu menekan',
      en: 'the force stayed inside the {fband} N target {p} of the pressing time',
    },
    low: {
      id: 'tekanan berada dalam target {fband} N hanya {p} dari waktu menekan; usahakan minimal {min}',
      en: 'the force was inside the {fband} N target only {p} of the pressing time; aim for at least {min}',
    },
    high: {
      id: 'tekanan berada dalam target {fband} N selama {p} dari waktu menekan; profil meminta {band}',
      en: 'the force stayed inside the {fband} N target {p} of the pressing time; the profile asks for {band}',
    },
    missing: {
      id: 'tekanan dalam target tidak dapat dinilai (tidak ada waktu menekan)',
      en: 'the force on target could not be judged (no pressing time)',
    },
  },
  cadence_hz: {
    in: {
      id: 'tempo {cpm} lingkaran per menit, dalam target {band} per menit',
      en: '{cpm} circles a minute, within the target of {band} a minute',
    },
    low: {
      id: 'tempo {cpm} lingkaran per menit, terlalu lambat; targetnya {band} per menit',
      en: '{cpm} circles a minute, too slow; the target is {band} a minute',
    },
    high: {
      id: 'tempo {cpm} lingkaran per menit, terlalu cepat; targetnya {band} per menit',
      en: '{cpm} circles a minute, too fast; the target is {band} a minute',
    },
    missing: {
      id: 'tidak ada gerakan melingkar yang terhitung; SOP meminta lingkaran kecil {band} per menit',
      en: 'no circles were counted; the SOP asks for small circles, {band} a minute',
    },
  },
  regularity_cv: {
    in: {
      id: 'irama lingkaran teratur: lama tiap lingkaran bervariasi {p}, paling banyak {max}',
      en: 'steady rhythm: the time per circle varied by {p}, at most {max} is allowed for full marks',
    },
    low: {
      id: 'lama tiap lingkaran bervariasi {p}; profil meminta {band}',
      en: 'the time per circle varied by {p}; the profile asks for {band}',
    },
    high: {
      id: 'irama lingkaran kurang teratur: lama tiap lingkaran bervariasi {p}; usahakan paling banyak {max}',
      en: 'uneven rhythm: the time per circle varied by {p}; keep it to {max} or less',
    },
    missing: {
      id: 'keteraturan irama tidak dapat dinilai (terlalu sedikit lingkaran)',
      en: 'the rhythm could not be judged (too few circles)',
    },
  },
  bilateral_fraction: {
    in: {
      id: 'kedua ibu jari menekan bersamaan {p} dari waktu kerja',
      en: 'both thumbs pressed together {p} of the time',
    },
    low: {
      id: 'kedua ibu jari menekan bersamaan hanya {p} dari waktu kerja; SOP meminta kedua sisi tulang belakang ditekan bersamaan (minimal {min})',
      en: 'both thumbs pressed together only {p} of the time; the SOP asks for both sides of the spine at once (at least {min})',
    },
    high: {
      id: 'kedua ibu jari menekan bersamaan {p} dari waktu kerja; profil meminta {band}',
      en: 'both thumbs pressed together {p} of the time; the profile asks for {band}',
    },
    missing: {
      id: 'penggunaan kedua ibu jari tidak dapat dinilai (tidak ada waktu kerja)',
      en: 'the use of both thumbs could not be judged (no work time)',
    },
  },
  balance: {
    in: {
      id: 'tekanan kiri {l} dan kanan {r}: seimbang',
      en: 'left {l} and right {r} of the force: balanced',
    },
    low: {
      id: 'tekanan kiri {l} dan kanan {r}: ibu jari kanan menekan lebih kuat; usahakan bagian kiri {band}',
      en: 'left {l} and right {r} of the force: the right thumb pressed harder; keep the left share within {band}',
    },
    high: {
      id: 'tekanan kiri {l} dan kanan {r}: ibu jari kiri menekan lebih kuat; usahakan bagian kiri {band}',
      en: 'left {l} and right {r} of the force: the left thumb pressed harder; keep the left share within {band}',
    },
    missing: {
      id: 'keseimbangan kiri-kanan tidak dapat dinilai (tidak ada tekanan)',
      en: 'the left-right balance could not be judged (no force)',
    },
  },
};

export const REPORT = {
  verdict_pass: { id: 'Lulus', en: 'Pass' },
  verdict_fail: { id: 'Belum lulus', en: 'Not passed yet' },
  verdict_insufficient_data: { id: 'Data belum cukup', en: 'Not enough data' },
  pass_count_one: { id: '{n} putaran', en: '{n} pass' },
  pass_count_many: { id: '{n} putaran', en: '{n} passes' },
  list_and: { id: 'dan', en: 'and' },
  pass_started_before: {
    id: 'putaran {n} sudah berjalan sebelum perekaman dimulai; {dur} terekam dan dinilai',
    en: 'pass {n} was already under way when the recording started; the {dur} recorded were judged',
  },
  pass_ended_after: {
    id: 'putaran {n} masih berjalan saat perekaman dihentikan; {dur} terekam dan dinilai',
    en: 'pass {n} was still under way when the recording stopped; the {dur} recorded were judged',
  },
  pass_seen_in_part: {
    id: 'putaran {n} sudah berjalan sebelum perekaman dimulai dan masih berjalan saat perekaman dihentikan; {dur} terekam dan dinilai',
    en: 'pass {n} was under way both when the recording started and when it stopped; the {dur} recorded were judged',
  },
  pass_started_in_gap: {
    id: 'putaran {n} dimulai di dalam celah data; {dur} terekam dan dinilai',
    en: 'pass {n} began in a data gap; the {dur} recorded were judged',
  },
  pass_ended_in_gap: {
    id: 'putaran {n} berakhir di dalam celah data; {dur} terekam dan dinilai',
    en: 'pass {n} ended in a data gap; the {dur} recorded were judged',
  },
  pass_between_gaps: {
    id: 'putaran {n} dimulai dan berakhir di dalam celah data; {dur} terekam dan dinilai',
    en: 'pass {n} began and ended in data gaps; the {dur} recorded were judged',
  },
  pass_short_by_gap: {
    id: 'putaran {n}: {dur} terekam dan {gap} tanpa data; bersama waktu itu mencapai {band}, jadi tidak dinilai terlalu singkat',
    en: 'pass {n}: {dur} recorded and {gap} without data; with that time it reaches {band}, so it is not judged too short',
  },
  in_progress: { id: 'Sedang berjalan', en: 'In progress' },
  gap: {
    id: 'Celah data: {n}, total {dur}; waktu putaran dihentikan selama itu',
    en: 'Data gaps: {n}, {dur} in all; the pass timer was paused meanwhile',
  },
  start_fragment: {
    id: 'Rekaman dimulai saat ibu jari sudah menekan ({dur} detik), lalu diangkat: terlalu sedikit untuk tahu apakah itu akhir sebuah putaran, jadi tidak dihitung sebagai putaran. Bila memang akhir putaran, mulailah perekaman lebih awal.',
    en: 'The recording began with the thumbs already pressing ({dur} s), then they lifted: too little to tell whether it was the end of a pass, so it is not counted as one. If it was, start the recording earlier.',
  },
  end_fragment: {
    id: 'Rekaman dihentikan saat ibu jari baru menekan ({dur} detik): terlalu sedikit untuk tahu apakah itu awal sebuah putaran, jadi tidak dihitung sebagai putaran.',
    en: 'The recording was stopped with the thumbs just pressing ({dur} s): too little to tell whether it was the start of a pass, so it is not counted as one.',
  },
  gap_cause_lost: { id: 'bingkai hilang', en: 'frames lost' },
  gap_cause_link: { id: 'sambungan terputus', en: 'link down' },
  gap_cause_restart: { id: 'sarung tangan mulai ulang', en: 'glove restarted' },
  cap: {
    id: '{names} belum lulus, sehingga nilai total ditahan di bawah batas lulus {mark}',
    en: '{names} did not pass, so the total is held below the pass mark of {mark}',
  },
  insufficient_data: {
    id: 'Data belum cukup untuk dinilai: terekam {work} kerja dan {circles} lingkaran; perlu minimal {min_work} kerja dan {min_circles} lingkaran. Waktu kerja hanya dihitung dalam putaran yang berlangsung minimal {min_pass}.',
    en: 'Not enough data to score: {work} of work and {circles} circles were recorded; at least {min_work} of work and {min_circles} circles are needed. Work time counts only inside passes that last at least {min_pass}.',
  },
  too_hard_note: {
    id: 'Tekanan melewati {limit} N sebanyak {times}: terlalu keras untuk punggung ibu.',
    en: 'The force went above {limit} N {times}: too hard for the mother\'s back.',
  },
} satisfies Strings;

/**
 * Criterion ids in a report are a profile criterion, optionally qualified after a dot:
 * `pass_duration_s.2` (pass 2), `force_n.left`, `force_n.right`; `cap` in deductions.
 */
export function criterionKey(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

const QUALIFIERS = {
  pass: { id: 'putaran {n}', en: 'pass {n}' },
  cap: { id: 'Batas lulus', en: 'Pass mark' },
} satisfies Strings;

/** A criterion id as a label: "Lama tiap putaran (putaran 2)", "Thumb force (left)". */
export function criterionLabel(id: string, lang: 'id' | 'en'): string {
  if (id === 'cap') return QUALIFIERS.cap[lang];
  const key = criterionKey(id);
  const name = (CRITERION_NAMES as Record<string, Entry | undefined>)[key]?.[lang] ?? key;
  const q = id.slice(key.length + 1);
  if (!q) return name;
  if (q === 'left' || q === 'right') return `${name} (${HANDS[q][lang]})`;
  if (/^\d+$/.test(q)) return `${name} (${QUALIFIERS.pass[lang].replace('{n}', q)})`;
  return `${name} (${q})`;
}
