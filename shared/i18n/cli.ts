// Strings of the `pijat` commands and of the session store (host/cli, host/store).
import type { Strings } from './index';

export const CLI = {
  // --- store -------------------------------------------------------------------------------
  store_not_sqlite: {
    id: '{file} bukan basis data Pijat (bukan berkas SQLite atau rusak: {reason}). Pindahkan berkas itu, atau pilih folder data lain dengan --data DIR.',
    en: '{file} is not a Pijat store (not an SQLite file, or damaged: {reason}). Move that file away, or choose another data folder with --data DIR.',
  },
  store_foreign: {
    id: '{file} adalah basis data SQLite milik program lain, bukan penyimpanan Pijat. Pilih folder data lain dengan --data DIR.',
    en: '{file} is an SQLite database of another program, not a Pijat store. Choose another data folder with --data DIR.',
  },
  store_too_new: {
    id: '{file} dibuat oleh Pijat yang lebih baru (skema versi {found}, versi ini mengenal sampai {known}). Perbarui Pijat.',
    en: '{file} was written by a newer Pijat (schema version {found}, this one knows up to {known}). Update Pijat.',
  },
  store_cannot_create: {
    id: 'Tidak dapat membuat folder data {dir}: {reason}. Pilih folder yang dapat ditulis dengan --data DIR atau PIJAT_DATA.',
    en: 'Cannot create the data folder {dir}: {reason}. Choose a writable folder with --data DIR or PIJAT_DATA.',
  },
  store_missing: {
    id: 'Belum ada sesi tersimpan di {dir} (berkas {file} tidak ada). Rekam sesi dengan: pijat live --port PATH --data {dir}',
    en: 'No sessions are stored in {dir} (no file {file}). Record one with: pijat live --port PATH --data {dir}',
  },
  store_no_session: {
    id: 'Sesi {session} tidak ada di {file}. Lihat daftar sesi dengan: pijat sessions',
    en: 'Session {session} does not exist in {file}. List the sessions with: pijat sessions',
  },
  store_no_trainee: {
    id: 'Peserta "{name}" tidak ada di {file}. Lihat daftar peserta dengan: pijat sessions',
    en: 'Trainee "{name}" does not exist in {file}. List them with: pijat sessions',
  },
  store_trainee_exists: {
    id: 'Peserta "{name}" sudah ada.',
    en: 'Trainee "{name}" already exists.',
  },
  store_bad_item: {
    id: 'Butir daftar tilik "{item}" tidak dikenal. Butir yang ada: {known}',
    en: 'Unknown checklist item "{item}". Known items: {known}',
  },
  store_bad_outcome: {
    id: 'Butir lembar observasi "{item}" tidak dikenal. Butir yang ada: {known}',
    en: 'Unknown outcome item "{item}". Known items: {known}',
  },
  store_bad_day: {
    id: 'Hari observasi {day} tidak sah: harus 1, 2 atau 3.',
    en: 'Outcome day {day} is not valid: it must be 1, 2 or 3.',
  },
  store_bad_field: {
    id: 'Kolom dokumentasi "{field}" tidak dikenal. Kolom yang ada: {known}',
    en: 'Unknown documentation field "{field}". Known fields: {known}',
  },

  // --- shared ------------------------------------------------------------------------------
  help_examples: { id: 'Contoh:', en: 'Examples:' },
  program_description: {
    id: 'Pijat: sarung tangan sensor tekanan untuk melatih pijat oksitosin. Bahasa: tambahkan --lang id|en pada perintah, atau atur PIJAT_LANG.',
    en: 'Pijat: a pressure-sensing glove for teaching oxytocin massage (pijat oksitosin). Language: add --lang id|en to a command, or set PIJAT_LANG.',
  },
  ex_npm_start: {
    id: 'halaman instruktur di 127.0.0.1 dengan peserta simulasi (tanpa sarung tangan)',
    en: 'the instructor page on 127.0.0.1 with a simulated trainee (no glove needed)',
  },
  ex_simulate_good: { id: 'rekam satu menit pijat yang baik dari sarung tangan simulasi', en: 'record a good minute of massage from the simulated glove' },
  ex_score_good_json: { id: 'nilai rekaman itu, laporan sebagai JSON', en: 'score that recording, the report as JSON' },
  ex_live_sim_good: { id: 'umpan balik langsung di terminal dari sarung tangan simulasi', en: 'live feedback in the terminal from a simulated glove' },
  opt_lang: { id: 'bahasa keluaran: id (Bahasa Indonesia) atau en (English)', en: 'output language: id (Bahasa Indonesia) or en (English)' },
  opt_data: {
    id: 'folder data penyimpanan sesi (bawaan: $PIJAT_DATA, atau folder data pengguna)',
    en: 'data folder of the session store (default: $PIJAT_DATA, else the per-user data folder)',
  },
  opt_json: { id: 'keluaran JSON untuk program lain', en: 'JSON output for other programs' },
  opt_profile: {
    id: 'profil SOP: nama bawaan (sop-000, clinic-004, ward-003) atau jalur berkas JSON',
    en: 'SOP profile: a built-in name (sop-000, clinic-004, ward-003) or the path of a JSON file',
  },
  bad_int: {
    id: 'Nilai {option} "{value}" tidak sah: harus bilangan bulat paling kecil {min}.',
    en: 'The value "{value}" of {option} is not valid: it must be a whole number of at least {min}.',
  },
  yes: { id: 'ya', en: 'yes' },
  no: { id: 'tidak', en: 'no' },
  file_unreadable: {
    id: 'Berkas {file} tidak dapat dibaca: {reason}. Periksa nama dan lokasinya.',
    en: 'Cannot read the file {file}: {reason}. Check its name and location.',
  },
  file_unwritable: {
    id: 'Tidak dapat menulis {file}: {reason}. Pilih lokasi lain dengan --out FILE.',
    en: 'Cannot write {file}: {reason}. Choose another place with --out FILE.',
  },

  // --- report text -----------------------------------------------------------------------------
  rep_profile: { id: 'Profil: {profile}', en: 'Profile: {profile}' },
  rep_recording: {
    id: 'Rekaman: {source}, {samples} sampel, {rate} Hz, {lost} bingkai hilang, {crc} galat CRC',
    en: 'Recording: {source}, {samples} samples, {rate} Hz, {lost} frames lost, {crc} CRC errors',
  },
  rep_device: { id: 'sarung tangan {device}', en: 'glove {device}' },
  rep_duration: { id: 'Lama rekaman {duration}, waktu kerja {work}', en: 'Recording length {duration}, work time {work}' },
  rep_total: { id: 'Nilai total: {total} / 100    Hasil: {verdict}', en: 'Total: {total} / 100    Verdict: {verdict}' },
  rep_criteria: { id: 'Kriteria', en: 'Criteria' },
  rep_passes: { id: 'Putaran ({n})', en: 'Passes ({n})' },
  rep_deductions: { id: 'Pengurangan nilai ({n})', en: 'Deductions ({n})' },
  rep_notes: { id: 'Catatan', en: 'Notes' },
  col_criterion: { id: 'Kriteria', en: 'Criterion' },
  col_value: { id: 'Terukur', en: 'Measured' },
  col_target: { id: 'Target', en: 'Target' },
  col_score: { id: 'Nilai', en: 'Score' },
  col_weight: { id: 'Bobot', en: 'Weight' },
  col_passed: { id: 'Lulus', en: 'Passed' },
  col_pass: { id: 'No', en: 'No' },
  col_start: { id: 'Mulai', en: 'Start' },
  col_end: { id: 'Selesai', en: 'End' },
  col_duration: { id: 'Durasi', en: 'Duration' },
  col_cadence: { id: 'Tempo', en: 'Cadence' },
  col_circles: { id: 'Lingkaran', en: 'Circles' },
  col_left_n: { id: 'Kiri N', en: 'Left N' },
  col_right_n: { id: 'Kanan N', en: 'Right N' },
  col_both: { id: 'Dua ibu jari', en: 'Both thumbs' },

  // --- sessions ----------------------------------------------------------------------------------
  cmd_sessions: { id: 'Daftar sesi yang tersimpan', en: 'List the stored sessions' },
  opt_trainee_filter: { id: 'hanya sesi peserta ini', en: 'only the sessions of this trainee' },
  ex_sessions: { id: 'semua sesi di folder data bawaan', en: 'every session in the default data folder' },
  ex_sessions_trainee: { id: 'sesi seorang peserta, sebagai JSON', en: 'one trainee\'s sessions, as JSON' },
  ex_sessions_data: { id: 'sesi di folder data lain', en: 'the sessions in another data folder' },
  sessions_none: { id: 'Belum ada sesi di {file}.', en: 'No sessions in {file} yet.' },
  sessions_store: { id: 'Penyimpanan: {file}', en: 'Store: {file}' },
  col_id: { id: 'Sesi', en: 'Session' },
  col_trainee: { id: 'Peserta', en: 'Trainee' },
  col_cohort: { id: 'Angkatan', en: 'Cohort' },
  col_profile: { id: 'Profil', en: 'Profile' },
  col_started: { id: 'Mulai', en: 'Started' },
  col_length: { id: 'Lama', en: 'Length' },
  col_status: { id: 'Status', en: 'Status' },
  col_total: { id: 'Nilai', en: 'Score' },
  col_verdict: { id: 'Hasil', en: 'Verdict' },
  col_label: { id: 'Label', en: 'Label' },
  status_live: { id: 'berlangsung', en: 'live' },
  status_complete: { id: 'selesai', en: 'complete' },
  status_interrupted: { id: 'terputus', en: 'interrupted' },

  // --- live ----------------------------------------------------------------------------------------
  cmd_live: { id: 'Menilai sarung tangan secara langsung', en: 'Score a glove live' },
  opt_port: { id: 'port serial sarung tangan (misalnya /dev/ttyACM0 atau COM3)', en: 'serial port of the glove (e.g. /dev/ttyACM0 or COM3)' },
  opt_sim: { id: 'pakai sarung tangan simulasi dengan skenario ini, bukan port', en: 'use a simulated glove with this scenario instead of a port' },
  opt_seed: { id: 'benih acak simulasi (sama = sesi yang sama)', en: 'random seed of the simulation (same seed = same session)' },
  opt_trainee: { id: 'nama peserta yang memakai sarung tangan', en: 'name of the trainee wearing the glove' },
  opt_no_store: { id: 'jangan simpan sesi ini', en: 'do not store this session' },
  opt_label: { id: 'label sesi (misalnya pre atau post)', en: 'session label (e.g. pre or post)' },
  opt_json_lines: { id: 'satu objek JSON per baris (keadaan langsung dan penghitung)', en: 'one JSON object per line (live state and counters)' },
  ex_live_port: { id: 'nilai sarung tangan di port ini dan simpan sesinya', en: 'score the glove on this port and store the session' },
  ex_live_windows: { id: 'di Windows, keluaran dalam bahasa Inggris', en: 'on Windows, output in English' },
  ex_live_sim: { id: 'latihan dengan sarung tangan simulasi', en: 'practise with a simulated glove' },
  ex_live_json: { id: 'keluaran mesin, tanpa menyimpan', en: 'machine output, nothing stored' },
  live_need_source: {
    id: 'Sebutkan sumbernya: --port PATH (sarung tangan) atau --sim SKENARIO (simulasi).',
    en: 'Name the source: --port PATH (a glove) or --sim SCENARIO (a simulation).',
  },
  live_both_sources: {
    id: '--port dan --sim tidak dapat dipakai bersamaan; pilih salah satu.',
    en: '--port and --sim cannot be used together; choose one.',
  },
  live_port_failed: {
    id: 'Port {port} tidak dapat dibuka: {reason}. Periksa kabel USB dan nama port (Linux: ls /dev/ttyACM*; Windows: Device Manager > Ports), dan bahwa tidak ada program lain yang memakainya.',
    en: 'Cannot open the port {port}: {reason}. Check the USB cable and the port name (Linux: ls /dev/ttyACM*; Windows: Device Manager > Ports), and that no other program holds it.',
  },
  live_header: { id: 'Pijat langsung - {source} - profil {profile} - sarung tangan {device}', en: 'Pijat live - {source} - profile {profile} - glove {device}' },
  live_link: {
    id: 'Tautan: {status}, {rate} Hz, {frames} bingkai, {lost} hilang, {crc} galat CRC, {junk} byte sampah',
    en: 'Link: {status}, {rate} Hz, {frames} frames, {lost} lost, {crc} CRC errors, {junk} junk bytes',
  },
  live_stored: { id: 'disimpan sebagai sesi {session}', en: 'stored as session {session}' },
  live_not_stored: { id: 'tidak disimpan', en: 'not stored' },
  live_waiting: { id: 'Menunggu data dari sarung tangan...', en: 'Waiting for data from the glove...' },
  live_before_first: { id: 'Belum mulai: tekan dengan kedua ibu jari untuk memulai putaran 1', en: 'Not started: press with both thumbs to begin pass 1' },
  live_pass: { id: 'Putaran {n} dari {of}: {elapsed} (target {band})', en: 'Pass {n} of {of}: {elapsed} (target {band})' },
  live_pass_done: { id: 'Jeda setelah putaran {n} dari {of} (putaran itu {elapsed})', en: 'Pause after pass {n} of {of} (that pass: {elapsed})' },
  live_force_band: { id: 'Tekanan ibu jari (target {band} N):', en: 'Thumb force (target {band} N):' },
  live_cadence: { id: 'Tempo lingkaran: {cadence} Hz (target {band} Hz)', en: 'Circle tempo: {cadence} Hz (target {band} Hz)' },
  live_stop_hint: { id: 'Tekan Ctrl-C untuk selesai dan melihat nilai.', en: 'Press Ctrl-C to finish and see the score.' },
  live_stopped: { id: 'Sesi dihentikan.', en: 'Session stopped.' },
  opt_live_duration: { id: 'berhenti setelah sekian detik', en: 'stop after this many seconds' },
  bad_number: {
    id: 'Nilai {option} "{value}" tidak sah: harus angka lebih dari 0.',
    en: 'The value "{value}" of {option} is not valid: it must be a number above 0.',
  },
  live_ended: { id: 'Aliran data sarung tangan berakhir.', en: 'The glove stream ended.' },
  live_saved: { id: 'Sesi {session} disimpan di {file}.', en: 'Session {session} stored in {file}.' },
  live_thresholds: {
    id: 'Ambang umpan balik dikirim ke sarung tangan: {low}-{high} (hitungan mentah).',
    en: 'Feedback thresholds sent to the glove: {low}-{high} (raw counts).',
  },
  hand_left: { id: 'Kiri ', en: 'Left ' },
  hand_right: { id: 'Kanan', en: 'Right' },
  band_off: { id: 'tidak menekan', en: 'not pressing' },
  band_low: { id: 'terlalu ringan', en: 'too light' },
  band_in: { id: 'dalam target', en: 'on target' },
  band_high: { id: 'terlalu kuat', en: 'too hard' },
  link_waiting: { id: 'menunggu', en: 'waiting' },
  link_streaming: { id: 'mengalir', en: 'streaming' },
  link_stalled: { id: 'macet', en: 'stalled' },
  link_ended: { id: 'berakhir', en: 'ended' },
  live_outage: { id: 'Tidak ada data selama {dur}: waktu putaran dihentikan', en: 'No data for {dur}: the pass timer is paused' },
  live_gaps: {
    id: 'Data terputus {n} kali ({dur} seluruhnya), tersambung ulang {re} kali, {dup} bingkai ganda dibuang',
    en: 'Data stopped {n} times ({dur} in all), reconnected {re} times, {dup} duplicate frames dropped',
  },

  // --- score -----------------------------------------------------------------------------------------
  cmd_score: {
    id: 'Menilai rekaman: tangkapan mentah dari sarung tangan atau CSV',
    en: 'Score a recording: a raw capture from the glove, or a CSV',
  },
  arg_file: { id: 'tangkapan mentah (.bin) atau rekaman CSV', en: 'raw capture (.bin) or CSV recording' },
  opt_data_calibration: {
    id: 'folder data untuk kalibrasi sarung tangan yang tersimpan (bawaan: $PIJAT_DATA, atau folder data pengguna)',
    en: 'data folder holding stored glove calibrations (default: $PIJAT_DATA, else the per-user data folder)',
  },
  ex_score_raw: { id: 'nilai tangkapan mentah dengan profil bawaan', en: 'score a raw capture with the default profile' },
  ex_score_csv: { id: 'nilai CSV dengan profil klinik, dalam bahasa Inggris', en: 'score a CSV with the clinic profile, in English' },
  ex_score_json: { id: 'laporan JSON untuk program lain', en: 'a JSON report for other programs' },
  ex_score_file: { id: 'profil dari berkas JSON sendiri', en: 'a profile from your own JSON file' },
  score_title: { id: 'Penilaian {file}', en: 'Score of {file}' },
  score_empty: {
    id: '{file} kosong (0 byte). Rekam ulang dengan: pijat simulate --out FILE, atau pijat live.',
    en: '{file} is empty (0 bytes). Record again with: pijat simulate --out FILE, or pijat live.',
  },
  score_no_frames: {
    id: '{file}: tidak ada bingkai Pijat yang utuh dalam {bytes} byte ({junk} byte sampah, {crc} galat CRC). Berkas ini bukan tangkapan mentah sarung tangan; rekaman CSV harus diawali baris judul yang memuat t_s.',
    en: '{file}: no intact Pijat frame in {bytes} bytes ({junk} junk bytes, {crc} CRC errors). This is not a raw capture of the glove; a CSV recording must start with a header row naming t_s.',
  },
  score_no_descriptor: {
    id: '{file}: ada {frames} bingkai tetapi tidak ada deskriptor, jadi sampel tidak dapat dikalibrasi. Rekam minimal 2 detik agar deskriptor (dikirim tiap 2 detik) ikut terekam.',
    en: '{file}: {frames} frames but no descriptor, so the samples cannot be calibrated. Record at least 2 s so that a descriptor (sent every 2 s) is captured.',
  },
  score_damaged: {
    id: 'Peringatan: {file}: {crc} galat CRC, {lost} bingkai hilang, {junk} byte sampah dilewati.',
    en: 'Warning: {file}: {crc} CRC errors, {lost} frames lost, {junk} junk bytes skipped.',
  },
  progress_scoring: { id: 'Menilai', en: 'Scoring' },

  // --- report / export -------------------------------------------------------------------------------
  cmd_report: { id: 'Ringkasan sesi yang tersimpan', en: 'Summary of a stored session' },
  arg_session: { id: 'nomor sesi (lihat pijat sessions)', en: 'session number (see pijat sessions)' },
  opt_profile_rescore: {
    id: 'profil untuk menilai ulang (bawaan: profil sesi itu)',
    en: 'profile to re-score with (default: the session\'s own profile)',
  },
  ex_report: { id: 'ringkasan sesi 3', en: 'summary of session 3' },
  ex_report_en: { id: 'ringkasan dalam bahasa Inggris dari folder data lain', en: 'in English, from another data folder' },
  bad_session_id: {
    id: 'Nomor sesi "{value}" tidak sah: harus bilangan bulat positif (lihat pijat sessions).',
    en: 'Session number "{value}" is not valid: it must be a positive whole number (see pijat sessions).',
  },
  session_no_frames: {
    id: 'Sesi {session} tidak punya data mentah yang tersimpan, jadi tidak dapat dinilai atau diekspor.',
    en: 'Session {session} has no stored raw data, so it cannot be scored or exported.',
  },
  session_profile_unknown: {
    id: 'Sesi {session} dinilai dengan profil "{profile}" yang bukan profil bawaan. Berikan berkasnya dengan --profile PATH.',
    en: 'Session {session} was scored with the profile "{profile}", which is not built in. Give its file with --profile PATH.',
  },
  progress_rescoring: { id: 'Menilai ulang', en: 'Re-scoring' },
  progress_exporting: { id: 'Mengekspor', en: 'Exporting' },
  rep_session: { id: 'Sesi {session}', en: 'Session {session}' },
  rep_session_line: {
    id: 'Peserta: {trainee} ({cohort})  Mulai: {started}  Lama: {length}  Status: {status}',
    en: 'Trainee: {trainee} ({cohort})  Started: {started}  Length: {length}  Status: {status}',
  },
  rep_session_source: {
    id: 'Sumber: {source}  Sarung tangan: {device}  Label: {label}  Klien: {client}  Data mentah: {bytes} byte',
    en: 'Source: {source}  Glove: {device}  Label: {label}  Client: {client}  Raw data: {bytes} bytes',
  },
  rep_rescored: { id: '(dinilai ulang dari data mentah)', en: '(re-scored from the raw data)' },
  rep_checklist: { id: 'Daftar tilik instruktur: {done} dari {total} butir terpenuhi, {missed} tidak, {open} belum diisi', en: 'Instructor checklist: {done} of {total} items done, {missed} not done, {open} not filled in' },
  rep_documentation: { id: 'Dokumentasi (seed 003)', en: 'Documentation (seed 003)' },
  rep_outcome: { id: 'Lembar observasi 3 hari, klien {client} (seed 000)', en: '3-day outcome sheet, client {client} (seed 000)' },
  col_day: { id: 'Hari {n}', en: 'Day {n}' },
  col_item: { id: 'Butir', en: 'Item' },
  not_filled: { id: '-', en: '-' },
  cmd_export: {
    id: 'Ekspor sesi: CSV (kolom DESIGN.md, terkalibrasi) atau JSON (laporan, daftar tilik, dokumentasi, observasi)',
    en: 'Export a session: CSV (DESIGN.md columns, calibrated) or JSON (report, checklist, documentation, outcome)',
  },
  opt_format: { id: 'format: csv atau json', en: 'format: csv or json' },
  opt_out: { id: 'tulis ke berkas ini (bawaan: layar / stdout)', en: 'write to this file (default: stdout)' },
  ex_export_csv: { id: 'data gaya sesi 3 sebagai CSV', en: 'session 3\'s force data as CSV' },
  ex_export_json: { id: 'semua catatan sesi 3 sebagai JSON', en: 'everything about session 3 as JSON' },
  export_written: { id: '{rows} baris ditulis ke {file}.', en: '{rows} rows written to {file}.' },

  // --- calibrate --------------------------------------------------------------------------------------
  cmd_calibrate: {
    id: 'Kalibrasi sensor tekanan sarung tangan dengan beban yang diketahui (prosedur hardware/README.md)',
    en: 'Calibrate the glove\'s force sensors with known weights (procedure in hardware/README.md)',
  },
  opt_cal_port: { id: 'port serial sarung tangan', en: 'serial port of the glove' },
  opt_pads: {
    id: 'bantalan yang dikalibrasi, dipisah koma (bawaan: semua; misalnya left_thumb,right_thumb)',
    en: 'pads to calibrate, comma separated (default: all; e.g. left_thumb,right_thumb)',
  },
  opt_weights: { id: 'beban dalam gram, dipisah koma (bawaan: 100,200,500,1000,2000)', en: 'weights in grams, comma separated (default: 100,200,500,1000,2000)' },
  opt_seconds: { id: 'lama rata-rata tiap pengukuran, detik (bawaan 1)', en: 'seconds averaged per measurement (default 1)' },
  ex_calibrate: { id: 'kalibrasi semua bantalan', en: 'calibrate every pad' },
  ex_calibrate_thumbs: { id: 'hanya kedua ibu jari, dengan tiga beban', en: 'only both thumbs, with three weights' },
  cal_bad_weights: {
    id: 'Daftar beban "{value}" tidak sah: perlu minimal 3 angka gram yang berbeda dan positif, misalnya 100,200,500,1000,2000.',
    en: 'The weight list "{value}" is not valid: at least 3 different positive numbers of grams are needed, e.g. 100,200,500,1000,2000.',
  },
  cal_bad_pad: {
    id: 'Bantalan "{pad}" tidak ada pada sarung tangan ini. Bantalan yang ada: {known}',
    en: 'The pad "{pad}" does not exist on this glove. Its pads: {known}',
  },
  cal_no_descriptor: {
    id: 'Tidak ada sarung tangan Pijat yang menjawab di {port} dalam {seconds} detik. Periksa bahwa firmware sudah dipasang (pijat flash --port {port}) dan sarung tangan menyala.',
    en: 'No Pijat glove answered on {port} within {seconds} s. Check that the firmware is installed (pijat flash --port {port}) and the glove is powered.',
  },
  cal_no_samples: {
    id: 'Tidak ada sampel dari {port} selama pengukuran {seconds} detik. Periksa kabel USB, lalu ulangi.',
    en: 'No samples from {port} during the {seconds} s measurement. Check the USB cable, then repeat.',
  },
  cal_input_ended: {
    id: 'Masukan berakhir sebelum prosedur selesai; tidak ada yang disimpan.',
    en: 'The input ended before the procedure finished; nothing was saved.',
  },
  cal_quit: { id: 'Kalibrasi dibatalkan; tidak ada yang disimpan.', en: 'Calibration cancelled; nothing was saved.' },
  cal_start: {
    id: 'Kalibrasi sarung tangan {device} di {port}: {pads} bantalan x {weights} beban. Tekan Enter untuk tiap langkah, q lalu Enter untuk batal.',
    en: 'Calibrating glove {device} on {port}: {pads} pads x {weights} weights. Press Enter at each step, q then Enter to cancel.',
  },
  cal_tare: { id: 'Angkat semua beban dan tangan dari bantalan, lalu tekan Enter.', en: 'Take every weight and hand off the pads, then press Enter.' },
  cal_place: { id: 'Letakkan beban {weight} di tengah bantalan {pad}, lalu tekan Enter.', en: 'Place {weight} in the middle of the {pad} pad, then press Enter.' },
  cal_measured: { id: '  terbaca {raw} (rata-rata {n} sampel)', en: '  reads {raw} (mean of {n} samples)' },
  cal_tare_done: { id: '  tara: {values}', en: '  tare: {values}' },
  cal_pad_ok: { id: 'Bantalan {pad}: {message}', en: 'Pad {pad}: {message}' },
  cal_pad_refused: { id: 'Bantalan {pad} DITOLAK: {message}', en: 'Pad {pad} REFUSED: {message}' },
  cal_refused: {
    id: 'Kalibrasi ditolak untuk {pads}; tidak ada yang disimpan. Perbaiki penyebabnya lalu jalankan pijat calibrate lagi.',
    en: 'Calibration refused for {pads}; nothing was saved. Fix the cause and run pijat calibrate again.',
  },
  cal_saved: {
    id: 'Kalibrasi sarung tangan {device} disimpan di {file}; pijat live, score dan report memakainya untuk sarung tangan ini.',
    en: 'Calibration of glove {device} saved in {file}; pijat live, score and report use it for this glove.',
  },
  pad_thumb: { id: 'ibu jari', en: 'thumb' },
  pad_knuckle: { id: 'buku jari telunjuk', en: 'index knuckle' },
  col_load: { id: 'Beban', en: 'Load' },
  col_raw: { id: 'Mentah', en: 'Raw' },
  col_fitted: { id: 'Hasil fit N', en: 'Fitted N' },
  col_error: { id: 'Galat', en: 'Error' },
} satisfies Strings;
