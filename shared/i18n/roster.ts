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
    id: 'Ada {n} peserta bernama "{name}". Sebutkan NIM-nya atau pilih dari daftar peserta.',
    en: 'There are {n} trainees called "{name}". Give the NIM or pick one from the roster.',
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

/** `pijat trainees` and `pijat sessions edit|delete|restore` (host/cli). */
export const ROSTER_CLI = {
  cmd_trainees: { id: 'Daftar peserta (dengan NIM): tampilkan, tambah, impor, ubah, hapus, pulihkan', en: 'The trainee roster (with NIMs): list, add, import, edit, delete, restore' },
  cmd_trainees_add: { id: 'Tambahkan seorang peserta', en: 'Add a trainee' },
  cmd_trainees_import: { id: 'Impor daftar peserta dari berkas CSV (kolom nim, nama, kelompok)', en: 'Import a roster from a CSV file (columns nim, name, cohort)' },
  cmd_trainees_edit: { id: 'Ubah NIM, nama atau kelompok seorang peserta', en: 'Change a trainee\'s NIM, name or cohort' },
  cmd_trainees_delete: { id: 'Hapus seorang peserta beserta sesinya (dapat dipulihkan selama 10 menit)', en: 'Delete a trainee with their sessions (can be restored for 10 minutes)' },
  cmd_trainees_restore: { id: 'Pulihkan peserta yang baru dihapus', en: 'Restore a trainee deleted a moment ago' },
  cmd_sessions_edit: { id: 'Perbaiki peserta atau label sebuah sesi', en: 'Correct a session\'s trainee or label' },
  cmd_sessions_delete: { id: 'Hapus sebuah sesi (dapat dipulihkan selama 10 menit)', en: 'Delete a session (can be restored for 10 minutes)' },
  cmd_sessions_restore: { id: 'Pulihkan sesi yang baru dihapus', en: 'Restore a session deleted a moment ago' },
  arg_trainee: { id: 'nomor peserta atau NIM-nya', en: 'the trainee\'s number or NIM' },
  arg_session: { id: 'nomor sesi', en: 'the session number' },
  arg_file: { id: 'berkas CSV daftar peserta', en: 'the roster CSV file' },
  opt_cohort_filter: { id: 'hanya peserta kelompok ini', en: 'only the trainees of this cohort' },
  opt_search: { id: 'cari nama atau NIM (huruf besar/kecil dan aksen diabaikan)', en: 'search names or NIMs (any case, any accents)' },
  opt_nim: { id: 'NIM (nomor induk mahasiswa)', en: 'NIM (student number)' },
  opt_name: { id: 'nama peserta', en: 'the trainee\'s name' },
  opt_cohort: { id: 'kelompok (kosong "" menghapusnya)', en: 'cohort ("" clears it)' },
  opt_dry_run: { id: 'hanya tampilkan apa yang akan dilakukan; tidak menyimpan apa pun', en: 'only show what would be done; store nothing' },
  opt_skip_bad: { id: 'simpan baris yang benar walaupun ada baris yang salah', en: 'store the good rows even when some rows are bad' },
  opt_yes: { id: 'hapus tanpa bertanya (wajib bila masukan bukan terminal)', en: 'delete without asking (required when the input is not a terminal)' },
  opt_session_trainee: { id: 'peserta yang benar: NIM atau nomor peserta', en: 'the right trainee: NIM or trainee number' },
  opt_session_label: { id: 'label baru (kosong "" menghapusnya)', en: 'the new label ("" clears it)' },
  opt_live_nim: { id: 'NIM peserta: dicari dulu lewat NIM, bila belum ada dibuat dengan --trainee dan --cohort', en: 'the trainee\'s NIM: found by NIM first, else created with --trainee and --cohort' },
  opt_live_cohort: { id: 'kelompok peserta (dipakai saat peserta dibuat)', en: 'the trainee\'s cohort (used when the trainee is created)' },
  ex_trainees: { id: 'semua peserta', en: 'every trainee' },
  ex_trainees_search: { id: 'cari "siti" di kelompok 2026-A, sebagai JSON', en: 'search "siti" in cohort 2026-A, as JSON' },
  ex_trainees_add: { id: 'tambahkan seorang peserta', en: 'add a trainee' },
  ex_trainees_import: { id: 'uji dulu berkas daftar dari Excel (Windows), lalu impor tanpa --dry-run', en: 'try an Excel roster file first (Windows), then import without --dry-run' },
  ex_trainees_import_linux: { id: 'impor daftar (Linux), lewati baris yang salah', en: 'import a roster (Linux), skipping bad rows' },
  ex_trainees_edit: { id: 'perbaiki nama peserta ber-NIM 2101001', en: 'correct the name of the trainee with NIM 2101001' },
  ex_trainees_delete: { id: 'hapus peserta 12 tanpa bertanya', en: 'delete trainee 12 without asking' },
  ex_trainees_restore: { id: 'pulihkan peserta ber-NIM 2101001', en: 'restore the trainee with NIM 2101001' },
  ex_sessions_edit: { id: 'sesi 12 milik peserta ber-NIM 2101001, label post', en: 'session 12 belongs to the trainee with NIM 2101001, label post' },
  ex_sessions_delete: { id: 'hapus sesi 12 (bertanya dulu)', en: 'delete session 12 (asks first)' },
  ex_sessions_delete_data: { id: 'hapus sesi 12 di folder data lain tanpa bertanya (Windows)', en: 'delete session 12 in another data folder without asking (Windows)' },
  ex_sessions_restore: { id: 'pulihkan sesi 12', en: 'restore session 12' },
  ex_live_nim: { id: 'rekam Siti (NIM 2101001, kelompok 2026-A); dibuat bila belum ada', en: 'record Siti (NIM 2101001, cohort 2026-A); added when new' },
  col_trainee_id: { id: 'No', en: 'No' },
  col_nim: { id: 'NIM', en: 'NIM' },
  col_name: { id: 'Nama', en: 'Name' },
  col_cohort: { id: 'Kelompok', en: 'Cohort' },
  col_sessions: { id: 'Sesi', en: 'Sessions' },
  trainees_none: { id: 'Belum ada peserta di {file}. Tambahkan dengan: pijat trainees add --nim NIM --name NAMA, atau impor daftar: pijat trainees import daftar.csv', en: 'No trainees in {file} yet. Add one with: pijat trainees add --nim NIM --name NAME, or import a roster: pijat trainees import roster.csv' },
  trainees_none_match: { id: 'Tidak ada peserta yang cocok.', en: 'No trainee matches.' },
  trainee_added: { id: 'Peserta {trainee} ditambahkan: {who}.', en: 'Trainee {trainee} added: {who}.' },
  trainee_edited: { id: 'Peserta {trainee} diubah: {who}.', en: 'Trainee {trainee} changed: {who}.' },
  trainee_restored: { id: 'Peserta {trainee} dipulihkan: {who}, dengan {sessions} sesi.', en: 'Trainee {trainee} restored: {who}, with {sessions} sessions.' },
  who_nim: { id: '{name} (NIM {nim})', en: '{name} (NIM {nim})' },
  who_nim_cohort: { id: '{name} (NIM {nim}, kelompok {cohort})', en: '{name} (NIM {nim}, cohort {cohort})' },
  who_cohort: { id: '{name} (kelompok {cohort})', en: '{name} (cohort {cohort})' },
  edit_nothing: { id: 'Tidak ada yang diubah: sebutkan {options}.', en: 'Nothing to change: give {options}.' },
  import_summary: { id: '{created} peserta baru, {updated} diperbarui, {unchanged} tidak berubah.', en: '{created} new trainees, {updated} updated, {unchanged} unchanged.' },
  import_preview: { id: 'Isi berkas: {created} peserta baru, {updated} akan diperbarui, {unchanged} tidak berubah.', en: 'In the file: {created} new trainees, {updated} to update, {unchanged} unchanged.' },
  import_dry_run: { id: 'Uji coba (--dry-run): tidak ada yang disimpan.', en: 'Dry run (--dry-run): nothing was stored.' },
  import_refused: { id: 'Tidak ada yang disimpan karena {bad} baris salah. Perbaiki baris itu, atau tambahkan --skip-bad untuk menyimpan baris yang benar saja.', en: 'Nothing was stored because {bad} rows are bad. Fix those rows, or add --skip-bad to store the good rows only.' },
  import_skipped: { id: '{bad} baris salah dilewati.', en: '{bad} bad rows skipped.' },
  import_too_large: { id: 'Berkas {file} terlalu besar ({size} byte; batas {limit}). Bagi menjadi beberapa berkas.', en: 'The file {file} is too large ({size} bytes; limit {limit}). Split it into several files.' },
  confirm_trainee: { id: 'Hapus peserta {trainee}, {who}, dengan {sessions} sesi? [y/N] ', en: 'Delete trainee {trainee}, {who}, with {sessions} sessions? [y/N] ' },
  confirm_session: { id: 'Hapus sesi {session} ({trainee}, {label}, {started})? [y/N] ', en: 'Delete session {session} ({trainee}, {label}, {started})? [y/N] ' },
  confirm_needs_tty: {
    id: 'Menghapus perlu konfirmasi, tetapi masukan bukan terminal. Tambahkan --yes: {command} --yes',
    en: 'Deleting needs a confirmation, but the input is not a terminal. Add --yes: {command} --yes',
  },
  cancelled: { id: 'Dibatalkan; tidak ada yang dihapus.', en: 'Cancelled; nothing was deleted.' },
  trainee_deleted_undo: {
    id: 'Peserta {trainee}, {who}, dihapus beserta {sessions} sesi. Dapat dipulihkan sampai {until} dengan: pijat trainees restore {trainee}',
    en: 'Trainee {trainee}, {who}, deleted with {sessions} sessions. It can be restored until {until} with: pijat trainees restore {trainee}',
  },
  session_deleted_undo: {
    id: 'Sesi {session} dihapus. Dapat dipulihkan sampai {until} dengan: pijat sessions restore {session}',
    en: 'Session {session} deleted. It can be restored until {until} with: pijat sessions restore {session}',
  },
  session_edited: { id: 'Sesi {session}: peserta {trainee}, label {label}.', en: 'Session {session}: trainee {trainee}, label {label}.' },
  session_restored: { id: 'Sesi {session} dipulihkan ({trainee}, {label}, {started}).', en: 'Session {session} restored ({trainee}, {label}, {started}).' },
  bad_session_number: {
    id: 'Nomor sesi "{value}" tidak sah: harus bilangan bulat positif (lihat pijat sessions).',
    en: 'Session number "{value}" is not valid: it must be a positive whole number (see pijat sessions).',
  },
  no_trainee_ref: {
    id: 'Tidak ada peserta dengan nomor atau NIM "{value}". Lihat daftar dengan: pijat trainees',
    en: 'No trainee has the number or NIM "{value}". List them with: pijat trainees',
  },
  bad_text: { id: 'Nilai {option} tidak sah: {reason}', en: 'The value of {option} is not valid: {reason}' },
  none: { id: '-', en: '-' },
  months: { id: 'Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des', en: 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec' },
} satisfies Record<string, Entry>;
