// Messages about CSV recordings (host/io/csv.ts): errors name the file, the line and the
// column, and say how to fix it. `{name}` placeholders are filled from the error's params.
import type { Entry } from './index';

export const CSV_MESSAGES = {
  empty: {
    id: '{file}: berkas kosong. Rekaman CSV perlu baris judul (t_s, left_thumb_n, right_thumb_n, ...) lalu satu baris per sampel.',
    en: '{file}: the file is empty. A CSV recording needs a header row (t_s, left_thumb_n, right_thumb_n, ...) and then one row per sample.',
  },
  missing_column: {
    id: '{file}:1: kolom wajib "{column}" tidak ada (judul berisi: {have}). Tambahkan kolom itu; nilai kosong boleh untuk tangan yang tidak bekerja.',
    en: '{file}:1: required column "{column}" is missing (the header has: {have}). Add that column; empty values are allowed for a hand that did not work.',
  },
  duplicate_column: {
    id: '{file}:1: kolom "{column}" muncul dua kali. Hapus salah satunya.',
    en: '{file}:1: column "{column}" appears twice. Remove one of them.',
  },
  field_count: {
    id: '{file}:{line}: baris ini punya {got} kolom, judul punya {want}. Periksa pemisah (koma) dan tanda kutip di baris itu.',
    en: '{file}:{line}: this row has {got} fields, the header has {want}. Check the separators (commas) and quotes on that row.',
  },
  not_a_number: {
    id: '{file}:{line}: kolom {column} berisi "{value}", bukan angka. Gunakan titik sebagai tanda desimal (mis. 5.25) atau kosongkan nilai yang tidak ada.',
    en: '{file}:{line}: column {column} holds "{value}", not a number. Use a decimal point (e.g. 5.25) or leave a missing value empty.',
  },
  time_missing: {
    id: '{file}:{line}: t_s kosong. Setiap baris perlu waktu dalam detik.',
    en: '{file}:{line}: t_s is empty. Every row needs its time in seconds.',
  },
  time_not_increasing: {
    id: '{file}:{line}: t_s = {value} tidak lebih besar dari baris sebelumnya ({prev}). Urutkan baris menurut waktu dan hapus baris ganda.',
    en: '{file}:{line}: t_s = {value} is not larger than on the previous row ({prev}). Sort the rows by time and remove duplicate rows.',
  },
  time_out_of_range: {
    id: '{file}:{line}: t_s = {value}, padahal waktu harus angka terhingga 0 detik atau lebih. Geser waktu agar rekaman mulai pada 0 atau sesudahnya, dan periksa sel itu.',
    en: '{file}:{line}: t_s = {value}, but time must be a finite number of seconds, 0 or more. Shift the times so the recording starts at 0 or later, and check that cell.',
  },
  time_in_ms: {
    id: '{file}:{line}: t_s naik {step} per baris (baris {line} sampai {to}); t_s harus dalam detik, dan sarung tangan memberi 25-200 baris per detik (langkah 0,005-0,04). Kolom ini tampaknya dalam milidetik: bagi t_s dengan 1000.',
    en: '{file}:{line}: t_s advances by {step} per row (lines {line} to {to}); t_s must be in seconds, and a glove gives 25-200 rows per second (steps of 0.005-0.04). The column looks like milliseconds: divide t_s by 1000.',
  },
  time_in_us: {
    id: '{file}:{line}: t_s naik {step} per baris (baris {line} sampai {to}); t_s harus dalam detik, dan sarung tangan memberi 25-200 baris per detik (langkah 0,005-0,04). Kolom ini tampaknya dalam mikrodetik: bagi t_s dengan 1000000.',
    en: '{file}:{line}: t_s advances by {step} per row (lines {line} to {to}); t_s must be in seconds, and a glove gives 25-200 rows per second (steps of 0.005-0.04). The column looks like microseconds: divide t_s by 1000000.',
  },
  time_steps_implausible: {
    id: '{file}:{line}: t_s naik {step} per baris (baris {line} sampai {to}); t_s harus dalam detik, dan sarung tangan memberi 25-200 baris per detik (langkah 0,005-0,04). Periksa satuan kolom t_s dan ubah ke detik.',
    en: '{file}:{line}: t_s advances by {step} per row (lines {line} to {to}); t_s must be in seconds, and a glove gives 25-200 rows per second (steps of 0.005-0.04). Check the unit of the t_s column and convert it to seconds.',
  },
  time_too_long: {
    id: '{file}:{line}: t_s = {value} membuat rekaman {hours} jam (mulai pada {first}); satu sesi paling lama {max_hours} jam. Periksa satuan t_s (detik) dan sel itu, atau pisahkan rekaman yang digabung.',
    en: '{file}:{line}: t_s = {value} makes the recording {hours} hours long (it starts at {first}); a session lasts at most {max_hours} hours. Check the unit of t_s (seconds) and that cell, or split recordings that were joined.',
  },
  force_out_of_range: {
    id: '{file}:{line}: kolom {column} berisi {value}, di luar {min} sampai {max} N (sensor FSR tidak bisa membaca lebih dari itu). Periksa satuannya (newton, bukan gram atau mN) dan sel itu; kosongkan bila nilainya tidak terukur.',
    en: '{file}:{line}: column {column} holds {value}, outside {min} to {max} N (more than a force sensor can read). Check the unit (newtons, not grams or mN) and that cell; leave it empty if the value was not measured.',
  },
  accel_out_of_range: {
    id: '{file}:{line}: kolom {column} berisi {value}, di luar {min} sampai {max} g (rentang akselerometer). Periksa satuannya (g, bukan m/s²) dan sel itu; kosongkan bila nilainya tidak terukur.',
    en: '{file}:{line}: column {column} holds {value}, outside {min} to {max} g (the accelerometer\'s range). Check the unit (g, not m/s²) and that cell; leave it empty if the value was not measured.',
  },
  gyro_out_of_range: {
    id: '{file}:{line}: kolom {column} berisi {value}, di luar {min} sampai {max} derajat/detik (rentang giroskop). Periksa satuannya (derajat per detik) dan sel itu; kosongkan bila nilainya tidak terukur.',
    en: '{file}:{line}: column {column} holds {value}, outside {min} to {max} degrees per second (the gyroscope\'s range). Check the unit (degrees per second) and that cell; leave it empty if the value was not measured.',
  },
  not_measured: {
    id: '{file}:{line}: kolom {column} berisi "{value}", bukan nilai terukur. Kosongkan sel bila nilainya tidak ada.',
    en: '{file}:{line}: column {column} holds "{value}", not a measured value. Leave the cell empty when a value is missing.',
  },
  truncated: {
    id: '{file}:{line}: baris terakhir terpotong ({got} dari {want} kolom) dan dilewati; sisanya dinilai.',
    en: '{file}:{line}: the last row is cut off ({got} of {want} fields) and was skipped; everything before it was scored.',
  },
  imu_incomplete: {
    id: '{file}:1: kolom giroskop tangan {hand} tidak lengkap (perlu {hand}_gx_dps, {hand}_gy_dps, {hand}_gz_dps); data IMU tangan itu diabaikan.',
    en: '{file}:1: the {hand} hand\'s gyro columns are incomplete (needs {hand}_gx_dps, {hand}_gy_dps, {hand}_gz_dps); that hand\'s IMU data is ignored.',
  },
  no_rows: {
    id: '{file}: tidak ada baris data setelah judul.',
    en: '{file}: there are no data rows after the header.',
  },
} satisfies Record<string, Entry>;

export type CsvMessage = keyof typeof CSV_MESSAGES;
