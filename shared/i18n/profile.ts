// Strings about SOP profiles: why a profile file was refused (with the fix), and the
// `pijat profile` command's output. Field paths, values and examples are filled in as
// parameters: {place} = "file:line: field.path".
import type { Strings } from './index';

export const PROFILE_ERRORS = {
  not_json: {
    id: '{place}: berkas ini bukan JSON yang sah ({detail}). Perbaikan: periksa koma dan tanda kutip di sekitar tempat itu; JSON memakai tanda kutip ganda dan tidak ada koma setelah butir terakhir.',
    en: '{place}: this file is not valid JSON ({detail}). Fix: check the commas and quotes around that place; JSON uses double quotes and no comma after the last item.',
  },
  not_object: {
    id: '{place}: sebuah profil harus berupa objek JSON {...}. Perbaikan: mulai dari salinan profil bawaan: pijat profile show sop-000 --json',
    en: '{place}: a profile must be a JSON object {...}. Fix: start from a copy of a built-in profile: pijat profile show sop-000 --json',
  },
  missing: {
    id: '{place}: kolom ini tidak ada. Perbaikan: tambahkan, misalnya {example}',
    en: '{place}: this field is missing. Fix: add it, for example {example}',
  },
  wrong_type: {
    id: '{place}: harus berupa {expected}, tertulis {found}. Perbaikan: {fix}',
    en: '{place}: must be {expected}, found {found}. Fix: {fix}',
  },
  too_small: {
    id: '{place}: {value} terlalu kecil; harus {limit}. Perbaikan: pakai angka {limit}.',
    en: '{place}: {value} is too small; it must be {limit}. Fix: use a number {limit}.',
  },
  too_big: {
    id: '{place}: {value} terlalu besar; harus {limit}. Perbaikan: pakai angka {limit}.',
    en: '{place}: {value} is too big; it must be {limit}. Fix: use a number {limit}.',
  },
  empty_text: {
    id: '{place}: teks ini kosong. Perbaikan: isi, misalnya {example}',
    en: '{place}: this text is empty. Fix: fill it in, for example {example}',
  },
  bad_id: {
    id: '{place}: "{value}" bukan id yang sah; id hanya boleh huruf kecil, angka dan tanda minus, diawali huruf atau angka. Perbaikan: misalnya "{suggestion}".',
    en: '{place}: "{value}" is not a valid id; an id uses only lower-case letters, digits and dashes, starting with a letter or digit. Fix: for example "{suggestion}".',
  },
  min_above_max: {
    id: '{place}: min ({min}) lebih besar dari max ({max}). Perbaikan: tukar kedua angka itu.',
    en: '{place}: min ({min}) is larger than max ({max}). Fix: swap the two numbers.',
  },
  target_outside_pass: {
    id: '{place}: rentang target {target} tidak berada di dalam rentang lulus {pass}. Perbaikan: perlebar rentang lulus atau persempit target sehingga pass.min <= target.min dan target.max <= pass.max.',
    en: '{place}: the target band {target} does not lie inside the pass band {pass}. Fix: widen the pass band or narrow the target so that pass.min <= target.min and target.max <= pass.max.',
  },
  warn_not_around_target: {
    id: '{place}: rentang peringatan {warn} tidak mencakup rentang target {target}. Perbaikan: buat warn.min <= target.min dan target.max <= warn.max.',
    en: '{place}: the warning band {warn} does not contain the target band {target}. Fix: make warn.min <= target.min and target.max <= warn.max.',
  },
  warn_outside_pass: {
    id: '{place}: rentang peringatan {warn} keluar dari rentang lulus {pass}. Perbaikan: buat pass.min <= warn.min dan warn.max <= pass.max.',
    en: '{place}: the warning band {warn} reaches outside the pass band {pass}. Fix: make pass.min <= warn.min and warn.max <= pass.max.',
  },
  contact_off_not_below_on: {
    id: '{place}: contact_off_n ({off}) harus lebih kecil dari contact_on_n ({on}). Perbaikan: misalnya contact_off_n = setengah dari contact_on_n.',
    en: '{place}: contact_off_n ({off}) must be below contact_on_n ({on}). Fix: for example make contact_off_n half of contact_on_n.',
  },
  unknown_field: {
    id: '{place}: kolom "{key}" tidak dikenal. Perbaikan: hapus atau periksa ejaannya; kolom yang dikenal di sini: {known}.',
    en: '{place}: unknown field "{key}". Fix: remove it or check its spelling; the fields known here: {known}.',
  },
  other: {
    id: '{place}: {detail}',
    en: '{place}: {detail}',
  },
  unknown_builtin: {
    id: 'Tidak ada profil bawaan "{name}". Profil bawaan: {known}. Perbaikan: pakai salah satunya, atau berikan jalur ke berkas JSON profil.',
    en: 'There is no built-in profile "{name}". Built-in profiles: {known}. Fix: use one of them, or give the path to a profile JSON file.',
  },
} satisfies Strings;

/** Words used inside the error sentences above. */
export const PROFILE_WORDS = {
  number: { id: 'angka', en: 'a number' },
  string: { id: 'teks dalam tanda kutip', en: 'text in double quotes' },
  object: { id: 'objek { ... }', en: 'an object { ... }' },
  boolean: { id: 'true atau false', en: 'true or false' },
  array: { id: 'daftar [ ... ]', en: 'a list [ ... ]' },
  fix_number: { id: 'tulis angka tanpa tanda kutip, misalnya {example}', en: 'write a number without quotes, for example {example}' },
  fix_string: { id: 'tulis teks dalam tanda kutip ganda, misalnya {example}', en: 'write the text in double quotes, for example {example}' },
  fix_object: { id: 'tulis objek, misalnya {example}', en: 'write an object, for example {example}' },
  fix_generic: { id: 'ikuti bentuk profil bawaan: pijat profile show sop-000 --json', en: 'follow the shape of a built-in profile: pijat profile show sop-000 --json' },
  at_least: { id: 'paling kecil {n}', en: 'at least {n}' },
  above: { id: 'lebih besar dari {n}', en: 'greater than {n}' },
  at_most: { id: 'paling besar {n}', en: 'at most {n}' },
  below: { id: 'lebih kecil dari {n}', en: 'less than {n}' },
} satisfies Strings;

/** Output of `pijat profile`. */
export const PROFILE_CLI = {
  cmd_profile: { id: 'Profil SOP: daftar, tampilkan, periksa, buat dari demonstrasi', en: 'SOP profiles: list, show, validate, derive from a demonstration' },
  cmd_list: { id: 'daftar profil bawaan', en: 'list the built-in profiles' },
  cmd_show: { id: 'tampilkan satu profil (id bawaan atau berkas JSON)', en: 'print one profile (a built-in id or a JSON file)' },
  cmd_validate: { id: 'periksa berkas profil; kesalahan menyebut berkas, baris, kolom dan perbaikannya', en: 'check profile files; errors name the file, line, field and the fix' },
  cmd_from_demo: {
    id: 'turunkan rentang dari demonstrasi instruktur yang direkam (rekaman mentah atau CSV): gaya rata-rata +-20 %, tempo +-15 %, lama putaran dari putarannya',
    en: 'derive bands from an instructor\'s recorded demonstration (raw capture or CSV): mean force +-20 %, tempo +-15 %, pass length from her passes',
  },
  arg_name: { id: 'id profil bawaan atau jalur berkas JSON', en: 'built-in profile id or path to a JSON file' },
  arg_files: { id: 'berkas profil JSON', en: 'profile JSON files' },
  arg_demo: { id: 'rekaman demonstrasi: tangkapan mentah dari sarung tangan atau CSV', en: 'the demonstration recording: a raw glove capture or a CSV' },
  opt_base: { id: 'profil dasar untuk kriteria lain', en: 'base profile for the other criteria' },
  opt_out: { id: 'tulis profil ke berkas ini (bawaan: cetak ke layar)', en: 'write the profile to this file (default: print it)' },
  opt_id: { id: 'id profil baru (huruf kecil, angka, tanda minus)', en: 'id of the new profile (lower-case letters, digits, dashes)' },
  opt_json: { id: 'keluaran JSON', en: 'JSON output' },
  ex_list: { id: 'semua profil bawaan', en: 'all built-in profiles' },
  ex_show: { id: 'rentang profil bangsal', en: 'the bands of the ward profile' },
  ex_show_json: { id: 'salin profil bawaan sebagai titik awal', en: 'copy a built-in profile as a starting point' },
  ex_show_file: { id: 'tampilkan profil sendiri', en: 'show your own profile' },
  ex_validate: { id: 'periksa profil sendiri sebelum dipakai', en: 'check your own profile before use' },
  ex_from_demo: { id: 'profil dari demonstrasi, dasar sop-000', en: 'a profile from a demonstration, based on sop-000' },
  ex_from_demo_force: { id: 'buat ulang profil dan timpa berkas lama', en: 'derive the profile again, overwriting the old file' },
  ex_from_demo_base: { id: 'dasar profil bangsal, dengan id sendiri', en: 'based on the ward profile, with your own id' },
  col_id: { id: 'id', en: 'id' },
  col_name: { id: 'nama', en: 'name' },
  col_pass: { id: 'lama putaran', en: 'pass length' },
  col_passes: { id: 'putaran', en: 'passes' },
  col_force: { id: 'gaya target', en: 'target force' },
  col_cadence: { id: 'tempo', en: 'tempo' },
  unit_left: { id: 'bagian kiri', en: 'left share' },
  list_header: { id: 'Profil bawaan:', en: 'Built-in profiles:' },
  list_hint: {
    id: 'Lihat satu profil: pijat profile show ID   Profil sendiri: pijat profile from-demo REKAMAN --out profil.json',
    en: 'Show one: pijat profile show ID   Your own: pijat profile from-demo RECORDING --out profile.json',
  },
  valid: { id: '{file}: profil "{pid}" sah.', en: '{file}: profile "{pid}" is valid.' },
  criterion: { id: 'Kriteria', en: 'Criterion' },
  target: { id: 'target', en: 'target' },
  warn: { id: 'peringatan', en: 'warning' },
  pass: { id: 'lulus', en: 'pass' },
  weight: { id: 'bobot', en: 'weight' },
  source: { id: 'sumber', en: 'source' },
  segmentation: {
    id: 'Kontak mulai {on} N, berakhir di bawah {off} N; jeda > {gap} detik mengakhiri putaran; putaran minimal {min} detik; terlalu keras di atas {hard} N.',
    en: 'Contact starts at {on} N and ends below {off} N; a gap > {gap} s ends a pass; passes last at least {min} s; too hard above {hard} N.',
  },
  demo_written: {
    id: 'Profil "{pid}" ditulis ke {file} (dari demonstrasi {demo}: gaya rata-rata {force} N, tempo {cadence} lingkaran per menit, {passes} putaran).',
    en: 'Profile "{pid}" written to {file} (from the demonstration {demo}: mean force {force} N, tempo {cadence} circles a minute, {passes} passes).',
  },
  demo_no_passes: {
    id: '{file}: demonstrasi ini tidak berisi putaran pijat yang terdeteksi ({work} kerja). Perbaikan: rekam demonstrasi dengan kedua ibu jari menekan minimal {min} detik tanpa jeda lebih dari {gap} detik.',
    en: '{file}: no massage pass was detected in this demonstration ({work} of work). Fix: record a demonstration with both thumbs pressing for at least {min} s without gaps longer than {gap} s.',
  },
  demo_no_force: {
    id: '{file}: tidak ada gaya ibu jari yang terukur dalam demonstrasi. Perbaikan: periksa kolom left_thumb_n dan right_thumb_n (CSV) atau kalibrasi sarung tangan.',
    en: '{file}: no thumb force was measured in the demonstration. Fix: check the left_thumb_n and right_thumb_n columns (CSV) or the glove calibration.',
  },
  demo_no_cadence: {
    id: '{file}: tidak ada gerakan melingkar yang terhitung dalam demonstrasi, sehingga tempo tidak dapat diturunkan. Perbaikan: rekam demonstrasi dengan gerakan melingkar kecil (dan IMU menyala).',
    en: '{file}: no circles were counted in the demonstration, so no tempo can be derived. Fix: record a demonstration with small circles (and the IMU on).',
  },
  opt_force: { id: 'timpa berkas --out yang sudah ada', en: 'overwrite an existing --out file' },
  out_exists: {
    id: '{file} sudah ada dan tidak ditimpa. Perbaikan: tambahkan --force untuk menimpanya, atau pilih berkas lain dengan --out.',
    en: '{file} already exists and was not overwritten. Fix: add --force to overwrite it, or choose another file with --out.',
  },
  demo_one_hand: {
    id: 'Peringatan: {file}: kedua ibu jari menekan bersamaan hanya {pct} % dari waktu kerja (SOP meminta kedua tangan, minimal {min} %). Profil dari demonstrasi satu tangan patut diragukan; rekam ulang dengan kedua tangan.',
    en: 'Warning: {file}: both thumbs pressed together for only {pct} % of the work (the SOP asks for both hands, at least {min} %). A profile from a one-handed demonstration is suspect; record it again with both hands.',
  },
  demo_few_passes: {
    id: 'Peringatan: {file}: demonstrasi hanya berisi {n} putaran (perlu minimal {min} untuk menilai lama dan konsistensi putaran). Profil darinya patut diragukan; rekam minimal {min} putaran penuh.',
    en: 'Warning: {file}: the demonstration has only {n} pass(es) (at least {min} are needed to judge pass length and consistency). A profile from it is suspect; record at least {min} full passes.',
  },
  demo_short: {
    id: 'Peringatan: {file}: demonstrasi hanya berisi {work} detik kerja (kurang dari {min} detik). Profil darinya patut diragukan; rekam demonstrasi yang lebih panjang.',
    en: 'Warning: {file}: the demonstration holds only {work} s of work (under {min} s). A profile from it is suspect; record a longer demonstration.',
  },
  file_unreadable: {
    id: 'Tidak dapat membaca {file}: {reason}. Perbaikan: periksa jalur berkas.',
    en: 'Cannot read {file}: {reason}. Fix: check the file path.',
  },
  not_found: {
    id: '"{name}" bukan profil bawaan dan bukan berkas yang ada. Profil bawaan: {known}. Perbaikan: pijat profile list, atau periksa jalur berkas.',
    en: '"{name}" is neither a built-in profile nor an existing file. Built-in profiles: {known}. Fix: pijat profile list, or check the file path.',
  },
  demo_name: {
    id: 'Profil dari demonstrasi {demo} ({date})',
    en: 'Profile from the demonstration {demo} ({date})',
  },
  demo_description: {
    id: 'Rentang diturunkan dari demonstrasi instruktur {demo} pada {date} (gaya rata-rata {force} N +-20 %, tempo {cadence} lingkaran per menit +-15 %, lama putaran dari putaran demonstrasi); kriteria lain dari {base}.',
    en: 'Bands derived from the instructor\'s demonstration {demo} on {date} (mean force {force} N +-20 %, tempo {cadence} circles a minute +-15 %, pass length from the demonstrated passes); the other criteria from {base}.',
  },
} satisfies Strings;
