// The class roster (trainees with a student number, NIM): what the store, the class server and
// `pijat trainees` / `pijat sessions edit|delete|restore` say. Same words everywhere: "peserta"
// / "trainee", "NIM" in both languages, "hapus" / "delete", "pulihkan" / "restore",
// "kelompok" / "cohort".
import type { Entry } from './index';

export const ROSTER = {
  // --- store and REST errors ------------------------------------------------------------------
  nim_exists: {
    id: 'NIM {nim} sudah dipakai oleh {name} (peserta {trainee}). Periksa NIM-nya, atau ubah peserta itu.',
    en: 'NIM {nim} is already used by {name} (trainee {trainee}). Check the NIM, or edit that trainee.',
  },
  bad_nim: {
    id: 'NIM "{nim}" tidak sah: 1-32 huruf, angka, titik, garis miring atau tanda hubung.',
    en: 'NIM "{nim}" is not valid: 1-32 letters, digits, dots, slashes or hyphens.',
  },
  bad_name: {
    id: 'Nama peserta tidak sah: 1-120 karakter, tanpa karakter kendali.',
    en: 'The trainee name is not valid: 1-120 characters, no control characters.',
  },
  bad_cohort: {
    id: 'Kelompok tidak sah: paling banyak 120 karakter, tanpa karakter kendali.',
    en: 'The cohort is not valid: at most 120 characters, no control characters.',
  },
  bad_label: {
    id: 'Label sesi tidak sah: paling banyak 200 karakter, tanpa karakter kendali.',
    en: 'The session label is not valid: at most 200 characters, no control characters.',
  },
  no_trainee: {
    id: 'Tidak ada peserta {trainee}. Lihat daftar peserta dengan: pijat trainees',
    en: 'No trainee {trainee}. List the trainees with: pijat trainees',
  },
  no_session: {
    id: 'Tidak ada sesi {session}. Lihat daftar sesi dengan: pijat sessions',
    en: 'No session {session}. List the sessions with: pijat sessions',
  },
  name_ambiguous: {
    id: 'Ada {n} peserta bernama "{name}". Sebutkan NIM-nya (--nim) atau pilih dari daftar peserta.',
    en: 'There are {n} trainees called "{name}". Give the NIM (--nim) or pick one from the roster.',
  },
  nim_needs_name: {
    id: 'Belum ada peserta dengan NIM {nim}. Untuk menambahkannya, sebutkan juga namanya (--trainee NAMA).',
    en: 'No trainee has NIM {nim} yet. To add one, give the name too (--trainee NAME).',
  },
  trainee_live: {
    id: 'Peserta {trainee} sedang direkam (sesi {session}). Hentikan sesi itu dulu, lalu hapus.',
    en: 'Trainee {trainee} is being recorded (session {session}). Stop that session first, then delete.',
  },
  trainee_on_glove: {
    id: 'Sarung tangan "{glove}" sedang merekam {name}. Hentikan sesi itu dulu, lalu hapus.',
    en: 'Glove "{glove}" is recording {name}. Stop that session first, then delete.',
  },
  session_live: {
    id: 'Sesi {session} sedang berjalan. Hentikan dulu, lalu hapus.',
    en: 'Session {session} is running. Stop it first, then delete.',
  },
  undo_expired: {
    id: '{what} dihapus lebih dari {minutes} menit yang lalu dan sudah hilang; tidak dapat dipulihkan.',
    en: '{what} was deleted more than {minutes} minutes ago and is gone; it cannot be restored.',
  },
  not_deleted: {
    id: '{what} tidak dihapus; tidak ada yang perlu dipulihkan.',
    en: '{what} is not deleted; there is nothing to restore.',
  },
  trainee_deleted: {
    id: 'Peserta sesi {session} ({name}) sudah dihapus. Pulihkan pesertanya dulu: pijat trainees restore {trainee}',
    en: 'The trainee of session {session} ({name}) is deleted. Restore the trainee first: pijat trainees restore {trainee}',
  },
  what_trainee: { id: 'Peserta {trainee}', en: 'Trainee {trainee}' },
  what_session: { id: 'Sesi {session}', en: 'Session {session}' },

  // --- roster CSV (shared/roster-csv.ts) ---------------------------------------------------------
  csv_only: {
    id: 'Jenis isi "{type}" tidak didukung: kirim berkas daftar peserta sebagai CSV (Content-Type: text/csv).',
    en: 'Content type "{type}" is not supported: send the roster file as CSV (Content-Type: text/csv).',
  },
  csv_empty: {
    id: 'Berkas daftar peserta kosong. Baris pertama harus berisi judul kolom: nim;nama;kelompok',
    en: 'The roster file is empty. The first line must hold the column titles: nim,name,cohort',
  },
  csv_columns: {
    id: 'Baris judul berkas daftar peserta tidak memuat kolom {missing}. Judul yang dikenal: nim, nama/name, kelompok/angkatan/cohort (baris 1 sekarang: {found}).',
    en: 'The roster file\'s title line lacks the column {missing}. Known titles: nim, nama/name, kelompok/angkatan/cohort (line 1 now: {found}).',
  },
  csv_not_utf8: {
    id: 'Berkas daftar peserta bukan teks UTF-8. Di Excel simpan sebagai "CSV UTF-8 (dipisahkan koma)", lalu coba lagi.',
    en: 'The roster file is not UTF-8 text. In Excel save it as "CSV UTF-8 (comma delimited)", then try again.',
  },
  csv_unclosed_quote: {
    id: 'Tanda kutip yang dibuka di baris {line} tidak ditutup. Periksa baris itu.',
    en: 'The quote opened on line {line} is never closed. Check that line.',
  },
  csv_too_many_rows: {
    id: 'Berkas daftar peserta terlalu panjang (lebih dari {max} baris). Bagi menjadi beberapa berkas.',
    en: 'The roster file is too long (more than {max} rows). Split it into several files.',
  },
  row_no_nim: {
    id: 'Baris {line}: NIM kosong. Setiap peserta di daftar perlu NIM.',
    en: 'Line {line}: the NIM is empty. Every trainee on a roster needs a NIM.',
  },
  row_bad_nim: {
    id: 'Baris {line}: NIM "{nim}" tidak sah (1-32 huruf, angka, titik, garis miring atau tanda hubung).',
    en: 'Line {line}: NIM "{nim}" is not valid (1-32 letters, digits, dots, slashes or hyphens).',
  },
  row_no_name: {
    id: 'Baris {line}: nama kosong.',
    en: 'Line {line}: the name is empty.',
  },
  row_bad_name: {
    id: 'Baris {line}: nama tidak sah (1-120 karakter, tanpa karakter kendali).',
    en: 'Line {line}: the name is not valid (1-120 characters, no control characters).',
  },
  row_bad_cohort: {
    id: 'Baris {line}: kelompok tidak sah (paling banyak 120 karakter, tanpa karakter kendali).',
    en: 'Line {line}: the cohort is not valid (at most 120 characters, no control characters).',
  },
  row_dup_nim: {
    id: 'Baris {line}: NIM {nim} sudah ada di baris {first} berkas ini.',
    en: 'Line {line}: NIM {nim} already appears on line {first} of this file.',
  },
} satisfies Record<string, Entry>;
