// Strings of the central database: `pijat sync`, `pijat central`, and their errors (host/central).
import type { Strings } from './index';

const FIX_URL_ID = 'Periksa alamat --to atau PIJAT_CENTRAL (postgres://PENGGUNA:SANDI@HOST:PORT/BASISDATA).';
const FIX_URL_EN = 'Check the --to address or PIJAT_CENTRAL (postgres://USER:PASSWORD@HOST:PORT/DATABASE).';

export const CENTRAL = {
  // --- errors ------------------------------------------------------------------------------
  bad_url: {
    id: 'Alamat basis data pusat "{url}" tidak sah. Bentuknya: postgres://PENGGUNA:SANDI@HOST:PORT/BASISDATA',
    en: 'The central database address "{url}" is not valid. Its form is: postgres://USER:PASSWORD@HOST:PORT/DATABASE',
  },
  bad_sslmode: {
    id: 'sslmode={mode} tidak dikenal. Pilih salah satu: {modes}',
    en: 'Unknown sslmode={mode}. Choose one of: {modes}',
  },
  no_url: {
    id: 'Alamat basis data pusat belum diberikan. Tambahkan --to postgres://... atau atur PIJAT_CENTRAL.',
    en: 'No central database address given. Add --to postgres://... or set PIJAT_CENTRAL.',
  },
  conn_refused: {
    id: 'Basis data pusat di {where} menolak sambungan (tidak ada PostgreSQL yang mendengarkan). Pastikan server menyala dan port benar, lalu ulangi; data lab tetap aman dan akan dikirim nanti. ' + FIX_URL_ID,
    en: 'The central database at {where} refused the connection (no PostgreSQL listening). Make sure the server is running and the port is right, then try again; the lab keeps its data and sends it later. ' + FIX_URL_EN,
  },
  conn_unknown_host: {
    id: 'Host basis data pusat {where} tidak ditemukan (DNS). Periksa nama host dan sambungan jaringan; data lab tetap aman dan akan dikirim nanti.',
    en: 'The central database host {where} was not found (DNS). Check the host name and the network; the lab keeps its data and sends it later.',
  },
  conn_timeout: {
    id: 'Basis data pusat di {where} tidak menjawab (batas waktu habis). Periksa jaringan atau firewall; data lab tetap aman dan akan dikirim nanti.',
    en: 'The central database at {where} did not answer (timed out). Check the network or the firewall; the lab keeps its data and sends it later.',
  },
  conn_auth: {
    id: 'Basis data pusat di {where} menolak pengguna "{user}" (sandi salah atau pengguna tidak ada). Minta alamat lab yang benar kepada pengelola basis data pusat (pijat central add-lab).',
    en: 'The central database at {where} refused user "{user}" (wrong password or no such user). Ask the central database administrator for the lab\'s address (pijat central add-lab).',
  },
  conn_no_database: {
    id: 'Basis data di {where} tidak ada. Buat dulu (createdb) lalu jalankan: pijat central init postgres://ADMIN@...',
    en: 'The database at {where} does not exist. Create it (createdb), then run: pijat central init postgres://ADMIN@...',
  },
  conn_no_tls: {
    id: 'Server {where} tidak menawarkan TLS, padahal sslmode meminta TLS. Aktifkan ssl di server, atau pakai sslmode=prefer hanya di jaringan tepercaya.',
    en: 'The server at {where} does not offer TLS, but the sslmode requires it. Turn ssl on in the server, or use sslmode=prefer only on a trusted network.',
  },
  conn_tls: {
    id: 'Sertifikat TLS server {where} tidak dapat diperiksa: {reason}. Berikan sertifikat CA dengan sslrootcert=BERKAS, atau pakai sslmode=require.',
    en: 'The TLS certificate of the server at {where} could not be verified: {reason}. Give the CA certificate with sslrootcert=FILE, or use sslmode=require.',
  },
  conn_failed: {
    id: 'Sambungan ke basis data pusat {where} gagal: {reason}. ' + FIX_URL_ID,
    en: 'Connecting to the central database at {where} failed: {reason}. ' + FIX_URL_EN,
  },
  denied: {
    id: 'Pengguna "{user}" tidak berhak melakukan ini di {where}. Lab hanya boleh menulis datanya sendiri; pengelolaan (init, add-lab) memakai pengguna admin.',
    en: 'User "{user}" may not do this at {where}. A lab may only write its own data; administration (init, add-lab) needs the admin user.',
  },
  not_initialised: {
    id: 'Basis data {where} belum disiapkan untuk Pijat. Jalankan dulu dengan pengguna admin: pijat central init postgres://ADMIN@...',
    en: 'The database at {where} is not set up for Pijat. First run, as the admin user: pijat central init postgres://ADMIN@...',
  },
  central_too_new: {
    id: 'Basis data pusat {where} memakai skema versi {found}; Pijat ini mengenal sampai {known}. Perbarui Pijat di lab ini.',
    en: 'The central database at {where} has schema version {found}; this Pijat knows up to {known}. Update Pijat in this lab.',
  },
  not_a_lab: {
    id: 'Pengguna "{user}" di {where} bukan pengguna lab. Sinkronkan dengan alamat lab dari: pijat central add-lab URL-ADMIN KODE-LAB',
    en: 'User "{user}" at {where} is not a lab user. Sync with the lab address given by: pijat central add-lab ADMIN-URL LAB-CODE',
  },
  bad_lab_code: {
    id: 'Kode lab "{code}" tidak sah: huruf kecil, angka, - dan _, paling banyak 40, diawali huruf atau angka (misalnya puskesmas-3).',
    en: 'Lab code "{code}" is not valid: lower-case letters, digits, - and _, at most 40, starting with a letter or digit (e.g. puskesmas-3).',
  },
  bad_role_name: {
    id: 'Nama pengguna "{role}" tidak sah: huruf kecil, angka dan _, diawali huruf.',
    en: 'User name "{role}" is not valid: lower-case letters, digits and _, starting with a letter.',
  },
  no_password: {
    id: 'Sandi belum diberikan. Tambahkan --password SANDI atau atur PIJAT_ROLE_PASSWORD.',
    en: 'No password given. Add --password PASSWORD or set PIJAT_ROLE_PASSWORD.',
  },
  bad_date: {
    id: 'Tanggal {option} "{value}" tidak sah. Pakai bentuk TTTT-BB-HH, misalnya 2026-03-01.',
    en: 'The date {option} "{value}" is not valid. Use the form YYYY-MM-DD, e.g. 2026-03-01.',
  },

  // --- pijat sync --------------------------------------------------------------------------
  cmd_sync: {
    id: 'kirim peserta, sesi, laporan, daftar tilik dan dokumentasi lab ini ke basis data pusat PostgreSQL (hanya yang berubah sejak sinkron terakhir)',
    en: "send this lab's trainees, sessions, reports, checklists and documentation to the central PostgreSQL database (only what changed since the last sync)",
  },
  opt_to: {
    id: 'alamat basis data pusat postgres://PENGGUNA-LAB:SANDI@HOST:PORT/BASISDATA (bawaan: $PIJAT_CENTRAL)',
    en: 'central database address postgres://LAB-USER:PASSWORD@HOST:PORT/DATABASE (default: $PIJAT_CENTRAL)',
  },
  opt_with_names: {
    id: 'kirim juga nama peserta dan klien (bawaan: nama samaran yang tetap; daftar nama tetap di lab)',
    en: 'send trainee and client names too (default: a stable pseudonym; the list of names stays in the lab)',
  },
  opt_frames: { id: 'kirim juga data mentah sarung tangan dari sesi yang selesai', en: 'send the raw glove data of finished sessions too' },
  opt_full: {
    id: 'kirim ulang semuanya, seolah belum pernah sinkron (setelah basis data pusat dipulihkan dari cadangan)',
    en: 'send everything again, as if never synced (after the central database was restored from a backup)',
  },
  opt_batch: { id: 'perubahan per transaksi (bawaan 500)', en: 'changes per transaction (default 500)' },
  ex_sync: { id: 'kirim perubahan ke basis data pusat', en: 'send the changes to the central database' },
  ex_sync_env: { id: 'alamat dari PIJAT_CENTRAL, dengan nama peserta', en: 'address from PIJAT_CENTRAL, with trainee names' },
  sync_progress: {
    id: '  {done}/{total} perubahan terkirim ({sessions} sesi)',
    en: '  {done}/{total} changes sent ({sessions} sessions)',
  },
  sync_done: {
    id: 'Sinkron selesai ke {where} sebagai lab {lab} ({tls}): {sessions} sesi dan {trainees} peserta terkirim, {frames} potongan data mentah.',
    en: 'Sync finished to {where} as lab {lab} ({tls}): {sessions} sessions and {trainees} trainees sent, {frames} raw data chunks.',
  },
  sync_nothing: {
    id: 'Tidak ada yang berubah sejak sinkron terakhir ke {where} (lab {lab}, {tls}).',
    en: 'Nothing changed since the last sync to {where} (lab {lab}, {tls}).',
  },
  tls_on: { id: 'terenkripsi TLS', en: 'TLS encrypted' },
  tls_off: { id: 'TANPA enkripsi TLS', en: 'WITHOUT TLS encryption' },
  sync_names_note: {
    id: 'Nama peserta tidak dikirim (nama samaran); tambahkan --with-names bila lab menyetujuinya.',
    en: 'Trainee names were not sent (pseudonyms); add --with-names if the lab agrees to send them.',
  },

  // --- pijat central -----------------------------------------------------------------------
  cmd_central: {
    id: 'kelola basis data pusat PostgreSQL: siapkan skema, tambah lab dan analis, tabel pra/pasca dan CSV gabungan',
    en: 'manage the central PostgreSQL database: set up the schema, add labs and analysts, pooled pre/post table and CSV',
  },
  cmd_central_init: {
    id: 'buat atau perbarui skema Pijat di basis data pusat (jalankan dengan pengguna admin)',
    en: 'create or update the Pijat schema in the central database (run as the admin user)',
  },
  central_initialised: {
    id: 'Skema Pijat di {where} sekarang versi {version} (diterapkan: {applied}).',
    en: 'The Pijat schema at {where} is now version {version} (applied: {applied}).',
  },
  central_up_to_date: { id: 'Skema Pijat di {where} sudah versi {version}.', en: 'The Pijat schema at {where} is already version {version}.' },
  cmd_add_lab: {
    id: 'tambah lab (atau ganti sandinya): pengguna yang hanya dapat menulis dan membaca data lab itu sendiri',
    en: "add a lab (or change its password): a user that can write and read only that lab's own data",
  },
  cmd_add_analyst: {
    id: 'tambah analis program (atau ganti sandinya): pengguna yang dapat membaca semua lab dan tidak dapat menulis',
    en: "add a programme analyst (or change the password): a user that reads every lab's data and writes nothing",
  },
  opt_password: { id: 'sandi pengguna baru (bawaan: $PIJAT_ROLE_PASSWORD)', en: "the new user's password (default: $PIJAT_ROLE_PASSWORD)" },
  opt_site: { id: 'nama tempat lab (sekolah, puskesmas)', en: 'name of the lab\'s site (school, health centre)' },
  lab_added: {
    id: 'Lab {code} siap. Di laptop lab itu jalankan: pijat sync --to postgres://{role}:SANDI@{where}',
    en: 'Lab {code} is ready. On that lab\'s laptop run: pijat sync --to postgres://{role}:PASSWORD@{where}',
  },
  analyst_added: {
    id: 'Analis {role} siap (hanya baca). Tabel pra/pasca gabungan: pijat central prepost postgres://{role}:SANDI@{where}',
    en: 'Analyst {role} is ready (read only). Pooled pre/post table: pijat central prepost postgres://{role}:PASSWORD@{where}',
  },
  cmd_prepost: {
    id: 'tabel pra/pasca gabungan semua lab (rata-rata, median, min, maks), dapat disaring per lab, kelompok dan periode',
    en: 'pooled pre/post table across labs (mean, median, min, max), filtered by lab, cohort and period',
  },
  cmd_export: {
    id: 'ekspor sesi gabungan semua lab sebagai CSV, bersama kamus datanya',
    en: 'export the pooled sessions of every lab as CSV, with its data dictionary',
  },
  opt_lab: { id: 'hanya lab ini (kode lab)', en: 'only this lab (lab code)' },
  opt_cohort: { id: 'hanya kelompok ini', en: 'only this cohort' },
  opt_from: { id: 'sesi mulai tanggal ini (TTTT-BB-HH)', en: 'sessions from this date (YYYY-MM-DD)' },
  opt_until: { id: 'sesi sebelum tanggal ini (TTTT-BB-HH)', en: 'sessions before this date (YYYY-MM-DD)' },
  opt_out: { id: 'folder tujuan berkas CSV', en: 'folder for the CSV files' },
  ex_central_init: { id: 'siapkan skema (pengguna admin)', en: 'set up the schema (admin user)' },
  ex_add_lab: { id: 'tambah lab puskesmas-3', en: 'add the lab puskesmas-3' },
  ex_prepost: { id: 'tabel pra/pasca kelompok 2026-A di semua lab', en: 'pre/post table of cohort 2026-A across labs' },
  ex_export: { id: 'CSV gabungan dan kamus data ke folder ekspor/', en: 'pooled CSV and data dictionary into the folder export/' },
  prepost_title: {
    id: 'Pra/pasca gabungan: {sessions} sesi dari {labs} lab (kelompok: {cohort})',
    en: 'Pooled pre/post: {sessions} sessions from {labs} labs (cohort: {cohort})',
  },
  prepost_all: { id: 'semua', en: 'all' },
  prepost_unlabelled: {
    id: '{n} sesi tanpa label pra/pasca atau tanpa nilai tidak dihitung.',
    en: '{n} sessions without a pre/post label or without a score are not counted.',
  },
  col_phase: { id: 'Tahap', en: 'Phase' },
  col_n: { id: 'n', en: 'n' },
  col_mean: { id: 'Rata-rata', en: 'Mean' },
  col_median: { id: 'Median', en: 'Median' },
  col_min: { id: 'Min', en: 'Min' },
  col_max: { id: 'Maks', en: 'Max' },
  col_pass_rate: { id: 'Lulus', en: 'Passed' },
  col_total_score: { id: 'Nilai total', en: 'Total score' },
  col_pairs: { id: 'Pasangan', en: 'Pairs' },
  col_median_change: { id: 'Median perubahan', en: 'Median change' },
  col_p: { id: 'p (Wilcoxon)', en: 'p (Wilcoxon)' },
  paired_title: {
    id: 'Perubahan berpasangan per peserta (sesi pra dan pasca terakhir tiap peserta; uji peringkat bertanda Wilcoxon):',
    en: "Paired change per trainee (each trainee's latest pre and post session; Wilcoxon signed-rank test):",
  },
  col_criterion: { id: 'Kriteria', en: 'Criterion' },
  col_change: { id: 'Perubahan', en: 'Change' },
  phase_pre: { id: 'Pra', en: 'Pre' },
  phase_post: { id: 'Pasca', en: 'Post' },
  export_done: {
    id: '{sessions} sesi dari {labs} lab ditulis ke {file}; kamus data: {dictionary}',
    en: '{sessions} sessions from {labs} labs written to {file}; data dictionary: {dictionary}',
  },

  // --- pijat serve --central ------------------------------------------------------------------
  opt_central: {
    id: 'tampilan seluruh program dari basis data pusat (hanya baca; pakai pengguna analis): postgres://...',
    en: 'programme-wide view from the central database (read only; use the analyst user): postgres://...',
  },
  opt_sync_to: {
    id: 'sinkronkan ke basis data pusat di latar belakang selama server berjalan (bawaan: $PIJAT_CENTRAL bila diatur)',
    en: 'sync to the central database in the background while the server runs (default: $PIJAT_CENTRAL when set)',
  },
  view_serving: {
    id: 'Tampilan program (hanya baca) dari {where}: {url}',
    en: 'Programme view (read only) from {where}: {url}',
  },
  view_loopback_only: {
    id: 'Tampilan basis data pusat hanya dibuka di alamat lokal (127.0.0.1), bukan {host}: datanya milik semua lab. Hapus --host, atau buka lewat terowongan SSH.',
    en: 'The central database view only listens on the local address (127.0.0.1), not {host}: its data belongs to every lab. Drop --host, or reach it through an SSH tunnel.',
  },
  view_title: { id: 'Pijat: semua lab', en: 'Pijat: all labs' },
  view_read_only: {
    id: 'Data gabungan dari basis data pusat {where}, hanya baca. Nama peserta tampil sebagai nama samaran kecuali lab mengirim nama.',
    en: 'Pooled data from the central database {where}, read only. Trainees appear as pseudonyms unless their lab sent names.',
  },
  view_read_only_short: { id: 'Tampilan ini hanya baca.', en: 'This view is read only.' },
  view_not_found: { id: 'Tidak ditemukan.', en: 'Not found.' },
  view_db_error: {
    id: 'Basis data pusat {where} tidak dapat dibaca sekarang. Coba lagi sebentar lagi.',
    en: 'The central database at {where} cannot be read right now. Try again in a moment.',
  },
  view_lab: { id: 'Lab', en: 'Lab' },
  view_cohort: { id: 'Kelompok', en: 'Cohort' },
  view_sessions: { id: 'Sesi', en: 'Sessions' },
  view_apply: { id: 'Terapkan', en: 'Apply' },
  view_cohorts: { id: 'Kelompok per lab', en: 'Cohorts per lab' },
  view_csv: { id: 'CSV sesi gabungan', en: 'Pooled sessions CSV' },
  view_dictionary: { id: 'Kamus data (CSV)', en: 'Data dictionary (CSV)' },
  bg_sync_done: {
    id: 'Sinkron latar belakang ke {where}: {sessions} sesi terkirim.',
    en: 'Background sync to {where}: {sessions} sessions sent.',
  },
  bg_sync_failed: {
    id: 'Sinkron latar belakang belum berhasil ({reason}); dicoba lagi dalam {minutes} menit. Data tetap aman di lab.',
    en: 'Background sync did not succeed ({reason}); trying again in {minutes} minutes. The data stays safe in the lab.',
  },
} satisfies Strings;
