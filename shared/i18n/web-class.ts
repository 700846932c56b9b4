// Strings of the class server (API errors) and the instructor's class page, Bahasa Indonesia
// first, English second. `{name}` placeholders are filled by `t()` / `both()` (./index).
import type { Entry } from './index';

/** Errors the class server answers with (HTTP API and WebSocket). */
export const serverErrors = {
  body_too_large: {
    id: 'Isi permintaan terlalu besar (batas {limit} byte). Kirim data yang lebih kecil.',
    en: 'Request body too large (limit {limit} bytes). Send less data.',
  },
  body_missing: {
    id: 'Isi permintaan kosong: kirim objek JSON.',
    en: 'Empty request body: send a JSON object.',
  },
  json_only: {
    id: 'Jenis isi "{type}" tidak didukung: kirim JSON (Content-Type: application/json).',
    en: 'Content type "{type}" is not supported: send JSON (Content-Type: application/json).',
  },
  bad_json: {
    id: 'Isi permintaan bukan JSON yang valid ({reason}).',
    en: 'The request body is not valid JSON ({reason}).',
  },
  bad_field: {
    id: 'Kolom "{field}" tidak valid: {reason}.',
    en: 'Field "{field}" is invalid: {reason}.',
  },
  bad_message: {
    id: 'Pesan WebSocket tidak valid pada "{field}": {reason}.',
    en: 'Invalid WebSocket message at "{field}": {reason}.',
  },
  not_found: {
    id: 'Tidak ada halaman atau API di {path}.',
    en: 'No page or API at {path}.',
  },
  method_not_allowed: {
    id: 'Metode {method} tidak diizinkan untuk {path}; gunakan {allow}.',
    en: 'Method {method} is not allowed for {path}; use {allow}.',
  },
  unauthorized: {
    id: 'Perlu token akses: buka URL lengkap (dengan ?token=...) yang dicetak oleh "pijat serve", atau pindai kode QR-nya.',
    en: 'Access token required: open the full URL (with ?token=...) printed by "pijat serve", or scan its QR code.',
  },
  bad_token: {
    id: 'Token akses salah. Buka lagi URL yang dicetak oleh "pijat serve" saat ini.',
    en: 'Wrong access token. Open the URL printed by the current "pijat serve" again.',
  },
  bad_host: {
    id: 'Server ini hanya melayani localhost / 127.0.0.1. Untuk tablet di Wi-Fi, jalankan "pijat serve --host 0.0.0.0".',
    en: 'This server only answers localhost / 127.0.0.1. For a tablet on the Wi-Fi, run "pijat serve --host 0.0.0.0".',
  },
  bad_origin: {
    id: 'Koneksi dari situs lain ({origin}) ditolak.',
    en: 'Connection from another site ({origin}) refused.',
  },
  unknown_glove: {
    id: 'Tidak ada sarung tangan "{glove}". Lihat GET /api/gloves.',
    en: 'No glove "{glove}". See GET /api/gloves.',
  },
  unknown_session: {
    id: 'Tidak ada sesi {session}. Lihat GET /api/sessions.',
    en: 'No session {session}. See GET /api/sessions.',
  },
  unknown_trainee: {
    id: 'Tidak ada peserta {trainee}. Lihat GET /api/trainees.',
    en: 'No trainee {trainee}. See GET /api/trainees.',
  },
  unknown_item: {
    id: 'Tidak ada butir daftar tilik "{item}". Lihat GET /api/checklist.',
    en: 'No checklist item "{item}". See GET /api/checklist.',
  },
  unknown_cohort: {
    id: 'Tidak ada sesi untuk kelompok "{cohort}".',
    en: 'No sessions for cohort "{cohort}".',
  },
  trainee_exists: {
    id: 'Peserta "{name}" sudah ada; pilih dari daftar atau pakai nama lain.',
    en: 'Trainee "{name}" already exists; choose them from the list or use another name.',
  },
  session_running: {
    id: 'Sarung tangan "{glove}" sudah merekam sesi {session}; hentikan dulu.',
    en: 'Glove "{glove}" is already recording session {session}; stop it first.',
  },
  session_not_running: {
    id: 'Sesi {session} tidak sedang berjalan.',
    en: 'Session {session} is not running.',
  },
  no_session: {
    id: 'Sarung tangan "{glove}" tidak sedang merekam sesi.',
    en: 'Glove "{glove}" is not recording a session.',
  },
  glove_disconnected: {
    id: 'Sarung tangan "{glove}" tidak terhubung; periksa kabel USB.',
    en: 'Glove "{glove}" is not connected; check its USB cable.',
  },
  too_many_clients: {
    id: 'Terlalu banyak halaman terhubung ke server ini (batas {max}). Tutup tab yang tidak dipakai, lalu coba lagi.',
    en: 'Too many pages are connected to this server (limit {max}). Close unused tabs, then try again.',
  },
  exports_busy: {
    id: 'Server sedang menyiapkan {n} laporan atau ekspor lain. Coba lagi sebentar lagi.',
    en: 'The server is preparing {n} other reports or exports. Try again in a moment.',
  },
  not_simple: {
    id: 'Permintaan yang mengubah data harus dikirim sebagai JSON (Content-Type: application/json) atau dengan token (Authorization: Bearer ...).',
    en: 'A request that changes data must be sent as JSON (Content-Type: application/json) or with the token (Authorization: Bearer ...).',
  },
  internal: {
    id: 'Kesalahan internal server: {reason}',
    en: 'Internal server error: {reason}',
  },
} satisfies Record<string, Entry>;

/** The class page. */
export const classStrings = {
  title: { id: 'Pijat: tampilan kelas', en: 'Pijat: class view' },
  heading: { id: 'Kelas pijat oksitosin', en: 'Oxytocin massage class' },
  lang_switch: { id: 'English', en: 'Bahasa Indonesia' },
  connected: { id: 'Terhubung', en: 'Connected' },
  reconnecting: { id: 'Menyambung ulang…', en: 'Reconnecting…' },
  no_gloves: {
    id: 'Belum ada sarung tangan. Colokkan sarung tangan ke USB, atau jalankan "pijat serve --sim 4".',
    en: 'No gloves yet. Plug a glove into USB, or run "pijat serve --sim 4".',
  },
  trainee_placeholder: { id: 'Nama peserta', en: 'Trainee name' },
  trainee_none: { id: '(belum ada nama)', en: '(no name yet)' },
  edit_name: { id: 'Ubah nama', en: 'Edit name' },
  save: { id: 'Simpan', en: 'Save' },
  cancel: { id: 'Batal', en: 'Cancel' },
  score: { id: 'Skor', en: 'Score' },
  score_none: { id: '–', en: '–' },
  score_after_pass: { id: 'setelah putaran 1', en: 'after pass 1' },
  in_progress: { id: 'Sedang berjalan', en: 'In progress' },
  passes_so_far: { id: 'Putaran sejauh ini', en: 'Passes so far' },
  pass: { id: 'Putaran', en: 'Pass' },
  pass_of: { id: '{n} dari {target}', en: '{n} of {target}' },
  /** More passes than the SOP asks for (a trainee who goes on): not "4 of 3". */
  pass_over: { id: '{n} (SOP: {target})', en: '{n} (SOP: {target})' },
  timer: { id: 'Waktu', en: 'Time' },
  force: { id: 'Tekanan', en: 'Pressure' },
  left: { id: 'Kiri', en: 'Left' },
  right: { id: 'Kanan', en: 'Right' },
  cadence: { id: 'Tempo', en: 'Tempo' },
  per_s: { id: '/dtk', en: '/s' },
  start: { id: 'Mulai', en: 'Start' },
  stop: { id: 'Berhenti', en: 'Stop' },
  label: { id: 'Label sesi', en: 'Session label' },
  label_placeholder: { id: 'mis. pre-test', en: 'e.g. pre-test' },
  open_trainee: { id: 'Buka tampilan peserta', en: 'Open trainee view' },
  report: { id: 'Laporan', en: 'Report' },
  checklist: { id: 'Daftar tilik SOP', en: 'SOP checklist' },
  checklist_hint: {
    id: 'Centang hal yang tidak bisa diukur sensor.',
    en: 'Tick what the sensors cannot see.',
  },
  checklist_needs_session: {
    id: 'Mulai sesi untuk mencentang daftar tilik.',
    en: 'Start a session to tick the checklist.',
  },
  ticked: { id: '{n}/{total} dicentang', en: '{n}/{total} ticked' },
  recording: { id: 'Merekam', en: 'Recording' },
  idle: { id: 'Siap', en: 'Ready' },
  stopped: { id: 'Selesai', en: 'Finished' },
  light_green: { id: 'Tekanan tepat', en: 'Pressure in band' },
  light_amber: { id: 'Perhatian', en: 'Attention' },
  light_red: { id: 'Terlalu keras, atau teknik yang sudah gagal di skor', en: 'Too hard, or a technique already failing in the score' },
  light_grey: { id: 'Tidak ada kontak', en: 'No contact' },
  link_connecting: { id: 'Menghubungkan…', en: 'Connecting…' },
  link_streaming: { id: 'Terhubung', en: 'Connected' },
  link_stalled: { id: 'Data terhenti', en: 'Data stalled' },
  link_disconnected: { id: 'Terputus', en: 'Disconnected' },
  link_counts: { id: '{rate} Hz · hilang {lost} · CRC {crc}', en: '{rate} Hz · lost {lost} · CRC {crc}' },
  simulated: { id: 'simulasi', en: 'simulated' },
  verdict_pass: { id: 'Lulus', en: 'Pass' },
  verdict_fail: { id: 'Belum lulus', en: 'Fail' },
  verdict_insufficient_data: { id: 'Data kurang', en: 'Not enough data' },
  error_prefix: { id: 'Gagal: ', en: 'Failed: ' },
  sessions_link: { id: 'Semua sesi', en: 'All sessions' },
  last_synced: { id: 'Terakhir sinkron ke pusat: {time}', en: 'Last synced to the centre: {time}' },
  export_cohort: { id: 'Ekspor CSV kelompok', en: 'Export cohort CSV' },
  cohort: { id: 'Kelompok', en: 'Cohort' },
  sensor_scores: { id: 'Skor sensor', en: 'Sensor scores' },
  close: { id: 'Tutup', en: 'Close' },
  select_glove: { id: 'Pilih sarung tangan untuk daftar tilik', en: 'Choose a glove for the checklist' },
  gloves_count: { id: '{n} sarung tangan', en: '{n} gloves' },
} satisfies Record<string, Entry>;

/** The `pijat serve` and `pijat start` commands. */
export const serveStrings = {
  cmd_serve: {
    id: 'Server kelas instruktur: semua sarung tangan di satu halaman web (dan sarung tangan simulasi).',
    en: "The instructor's class server: every glove on one web page (and simulated gloves).",
  },
  cmd_start: {
    id: 'Mulai (npm start): layani sarung tangan yang terpasang; tanpa sarung tangan, satu peserta simulasi.',
    en: 'Start (npm start): serve the attached gloves; with none attached, one simulated trainee.',
  },
  opt_host: {
    id: 'alamat yang didengarkan (0.0.0.0 = tablet di Wi-Fi, perlu token)',
    en: 'address to listen on (0.0.0.0 = a tablet on the Wi-Fi, needs the token)',
  },
  opt_port: { id: 'port HTTP (0 = port bebas mana saja)', en: 'HTTP port (0 = any free port)' },
  opt_sim: { id: 'jumlah sarung tangan simulasi', en: 'number of simulated gloves' },
  opt_profile: { id: 'profil SOP: nama bawaan atau berkas JSON (bawaan sop-000)', en: 'SOP profile: built-in name or JSON file (default sop-000)' },
  opt_no_open: { id: 'jangan buka peramban', en: 'do not open the browser' },
  opt_no_gloves: { id: 'jangan cari sarung tangan di USB', en: 'do not look for gloves on USB' },
  ex_serve: { id: 'kelas dengan sarung tangan USB', en: 'class with USB gloves' },
  ex_serve_sim: { id: 'demo dengan empat sarung tangan simulasi', en: 'demo with four simulated gloves' },
  ex_serve_lan: { id: 'untuk tablet instruktur di Wi-Fi lab', en: "for the instructor's tablet on the lab Wi-Fi" },
  ex_start: { id: 'halaman kelas di http://127.0.0.1:8080/', en: 'the class page on http://127.0.0.1:8080/' },
  ex_start_port: { id: 'di port lain, dalam bahasa Inggris, tanpa membuka peramban', en: 'on another port, in English, without opening the browser' },
  serving: { id: 'Tampilan kelas: {url}', en: 'Class view: {url}' },
  serving_lan: {
    id: 'Dari tablet di jaringan yang sama, buka (atau pindai kode QR):',
    en: 'From a tablet on the same network, open (or scan the QR code):',
  },
  token_note: {
    id: 'Token akses: {token} (berlaku sampai server dihentikan; jangan bagikan di luar kelas)',
    en: 'Access token: {token} (valid until the server stops; do not share outside the class)',
  },
  gloves_found: { id: 'Sarung tangan USB: {n}; simulasi: {sim}', en: 'USB gloves: {n}; simulated: {sim}' },
  no_glove_sim: {
    id: 'Tidak ada sarung tangan terpasang: menampilkan satu peserta simulasi.',
    en: 'No glove attached: showing one simulated trainee.',
  },
  data_dir: { id: 'Data sesi: {dir}', en: 'Session data: {dir}' },
  stop_hint: { id: 'Tekan Ctrl+C untuk berhenti (sesi yang berjalan disimpan).', en: 'Press Ctrl+C to stop (running sessions are saved).' },
  stopping: { id: 'Menghentikan server, menyimpan sesi…', en: 'Stopping the server, saving sessions…' },
  port_busy: {
    id: 'Port {port} di {host} sudah dipakai program lain. Pilih port lain dengan --port, mis. --port 8081.',
    en: 'Port {port} on {host} is already in use. Choose another with --port, e.g. --port 8081.',
  },
  bad_host: {
    id: 'Alamat {host} tidak dapat dipakai ({reason}). Gunakan 127.0.0.1 atau 0.0.0.0.',
    en: 'Cannot listen on {host} ({reason}). Use 127.0.0.1 or 0.0.0.0.',
  },
  bad_sim: { id: '--sim {value}: harus bilangan bulat 0-64.', en: '--sim {value}: must be a whole number 0-64.' },
  opt_speed: {
    id: 'peserta simulasi sekian kali lebih cepat dari waktu nyata (1-20), agar demo sesi lengkap selesai dalam beberapa menit',
    en: 'run the simulated trainee this many times faster than real time (1-20), so a whole demo session takes minutes',
  },
  bad_speed: { id: '--speed {value}: harus bilangan bulat 1-20.', en: '--speed {value}: must be a whole number 1-20.' },
  ex_start_speed: { id: 'demo 5 kali lebih cepat: satu sesi lengkap (3 putaran) dalam sekitar 2 menit', en: 'a demo 5 times faster: a whole session (3 passes) in about 2 minutes' },
  demo_speed: {
    id: 'Peserta simulasi berjalan {speed} kali lebih cepat dari waktu nyata.',
    en: 'The simulated trainee runs {speed} times faster than real time.',
  },
  demo_speed_hint: {
    id: 'Demo lebih cepat: npm start -- --speed 5',
    en: 'A faster demo: npm start -- --speed 5',
  },
  bad_port: { id: '--port {value}: harus bilangan bulat 0-65535.', en: '--port {value}: must be a whole number 0-65535.' },
  opt_tls_cert: {
    id: 'sertifikat TLS sekolah (berkas PEM) untuk mode LAN; bawaan: sertifikat buatan sendiri di folder data',
    en: "the school's TLS certificate (PEM file) for LAN mode; default: a self-made one kept in the data folder",
  },
  opt_tls_key: { id: 'kunci privat sertifikat itu (berkas PEM)', en: "that certificate's private key (PEM file)" },
  opt_no_tls: {
    id: 'mode LAN tanpa HTTPS (token dan nama peserta terbaca di Wi-Fi; tidak dianjurkan)',
    en: 'LAN mode without HTTPS (token and trainee names readable on the Wi-Fi; not recommended)',
  },
  tls_fingerprint: {
    id: 'Sidik jari sertifikat (SHA-256), cocokkan di tablet sebelum menerima sertifikat:',
    en: 'Certificate fingerprint (SHA-256), check it on the tablet before accepting the certificate:',
  },
  tls_cert_file: { id: 'Sertifikat: {file}', en: 'Certificate: {file}' },
  tls_plain_warning: {
    id: 'Peringatan: mode LAN tanpa HTTPS; token dan nama peserta terbaca oleh siapa pun di Wi-Fi ini.',
    en: 'Warning: LAN mode without HTTPS; the token and trainee names can be read by anyone on this Wi-Fi.',
  },
  tls_bad_cert: {
    id: 'Sertifikat {file} tidak dapat dipakai ({reason}). Berikan berkas PEM yang benar dengan --tls-cert, atau hilangkan opsi itu untuk memakai sertifikat buatan sendiri.',
    en: 'Cannot use the certificate {file} ({reason}). Give a valid PEM file with --tls-cert, or leave the option out to use a self-made certificate.',
  },
  tls_bad_key: {
    id: 'Kunci privat {file} tidak dapat dipakai ({reason}). Berikan berkas PEM yang benar dengan --tls-key.',
    en: 'Cannot use the private key {file} ({reason}). Give a valid PEM file with --tls-key.',
  },
  tls_key_mismatch: {
    id: 'Kunci {key} bukan pasangan sertifikat {cert}. Berikan kunci yang dibuat bersama sertifikat itu.',
    en: 'The key {key} does not belong to the certificate {cert}. Give the key made with that certificate.',
  },
  tls_need_both: {
    id: '--tls-cert dan --tls-key harus diberikan bersama.',
    en: '--tls-cert and --tls-key must be given together.',
  },
  no_web: {
    id: 'Halaman web belum dibangun ({dir} tidak ada). Jalankan: npm run build',
    en: 'The web pages are not built ({dir} is missing). Run: npm run build',
  },
} satisfies Record<string, Entry>;
