// Strings of the web pages (trainee, report, the index page), Bahasa Indonesia and English.
// Cue sentences come from cues.ts and criterion sentences from the report itself.
import type { Entry } from './index';
import { CUES } from './cues';

export const web = {
  // Shared
  'lang.label': { id: 'Bahasa', en: 'Language' },
  'hand.left': { id: 'Kiri', en: 'Left' },
  'hand.right': { id: 'Kanan', en: 'Right' },
  'unit.cpm': { id: 'lingkaran/menit', en: 'circles/min' },
  'unit.per_min': { id: '/menit', en: '/min' },
  'value.none': { id: '–', en: '–' },

  // Index page
  'index.title': { id: 'Pijat: halaman latihan', en: 'Pijat: training pages' },
  'index.intro': {
    id: 'Sarung tangan pengukur tekanan untuk belajar pijat oksitosin. Pilih halaman:',
    en: 'A pressure-sensing glove for learning oxytocin massage. Choose a page:',
  },
  'index.trainee': { id: 'Latihan (satu peserta, Web Serial)', en: 'Practice (one trainee, Web Serial)' },
  'index.trainee.desc': {
    id: 'Colokkan sarung tangan ke laptop ini dan buka di Chrome atau Edge.',
    en: 'Plug the glove into this laptop and open in Chrome or Edge.',
  },
  'index.class': { id: 'Kelas (instruktur)', en: 'Class (instructor)' },
  'index.class.desc': {
    id: 'Semua sarung tangan di satu layar; perlu server kelas (pijat serve).',
    en: 'Every glove on one screen; needs the class server (pijat serve).',
  },
  'index.report': { id: 'Laporan', en: 'Reports' },
  'index.report.desc': {
    id: 'Laporan sesi, riwayat peserta dan tabel kelompok sebelum/sesudah.',
    en: 'Session reports, trainee history and the cohort pre/post table.',
  },
  'index.demo': { id: 'Demo tanpa sarung tangan', en: 'Demo without a glove' },
  'index.demo.desc': {
    id: 'Peserta simulasi memijat di halaman latihan, dinilai seperti sarung tangan sungguhan. Pilih apa yang ia lakukan:',
    en: 'A simulated trainee massages on the practice page, scored like a real glove. Choose what she does:',
  },
  'index.demo.fading': { id: 'Umpan balik memudar (peserta yang mengikuti SOP)', en: 'Fading feedback (a trainee who follows the SOP)' },
  'index.demo.blind': { id: 'Mode ujian tanpa umpan balik (peserta yang mengikuti SOP)', en: 'Exam mode without feedback (a trainee who follows the SOP)' },

  // Trainee page: controls
  'trainee.title': { id: 'Latihan pijat oksitosin', en: 'Oxytocin massage practice' },
  'profile.label': { id: 'Profil SOP', en: 'SOP profile' },
  'mode.label': { id: 'Umpan balik', en: 'Feedback' },
  'mode.full': { id: 'Penuh', en: 'Full' },
  'mode.fading': { id: 'Memudar', en: 'Fading' },
  'mode.blind': { id: 'Ujian', en: 'Assessment' },
  'mode.full.help': {
    id: 'Semua petunjuk tampil sepanjang sesi.',
    en: 'Every cue is shown throughout the session.',
  },
  'mode.fading.help': {
    id: 'Petunjuk disembunyikan selama Anda bertahan di target, dan muncul lagi setelah meleset. Makin lama Anda tepat, makin cepat petunjuk hilang.',
    en: 'Cues are hidden while you stay on target and come back after a miss. The longer you stay on target, the sooner they fade.',
  },
  'mode.blind.help': {
    id: 'Tidak ada petunjuk sampai sesi selesai; lalu nilai dan laporan ditampilkan.',
    en: 'No cues until the session ends; then the score and the report are shown.',
  },
  'metronome.label': { id: 'Metronom {cpm}/menit', en: 'Metronome {cpm}/min' },
  'connect': { id: 'Sambungkan sarung tangan', en: 'Connect glove' },
  'connect.again': { id: 'Sambungkan lagi', en: 'Connect again' },
  'connect.other': { id: 'Pilih port lain', en: 'Choose another port' },
  'stop': { id: 'Selesai', en: 'Stop' },
  'new_session': { id: 'Sesi baru', en: 'New session' },
  'open_report': { id: 'Buka laporan / cetak', en: 'Open report / print' },

  // Trainee page: status line
  'status.idle': { id: 'Belum tersambung.', en: 'Not connected.' },
  'status.known_port': {
    id: 'Sarung tangan yang pernah diizinkan siap; tekan Sambungkan lagi.',
    en: 'A glove allowed before is ready; press Connect again.',
  },
  'status.connecting': { id: 'Menyambungkan…', en: 'Connecting…' },
  'status.waiting': { id: 'Tersambung. Menunggu data dari sarung tangan…', en: 'Connected. Waiting for data from the glove…' },
  'status.recording': { id: 'Merekam: {device}', en: 'Recording: {device}' },
  'status.ended': { id: 'Sesi selesai.', en: 'Session ended.' },
  'status.demo': { id: 'Demo: sarung tangan simulasi ({scenario}).', en: 'Demo: simulated glove ({scenario}).' },
  'status.ws': { id: 'Menonton sarung tangan {glove} dari server kelas.', en: 'Watching glove {glove} from the class server.' },
  'status.ws_connecting': { id: 'Menghubungi server kelas…', en: 'Contacting the class server…' },
  'status.ws_lost': {
    id: 'Sambungan ke server kelas terputus; mencoba lagi…',
    en: 'Lost the connection to the class server; trying again…',
  },
  'status.ws_no_glove': {
    id: 'Sarung tangan {glove} belum mengirim data ke server kelas.',
    en: 'Glove {glove} has not sent data to the class server yet.',
  },

  // Trainee page: problems (each says what to do)
  'err.no_serial': {
    id: 'Browser ini tidak bisa membaca sarung tangan (tidak ada Web Serial). Buka halaman ini di Google Chrome atau Microsoft Edge di laptop, atau jalankan server kelas (pijat serve) dan buka halaman kelas.',
    en: 'This browser cannot read the glove (no Web Serial). Open this page in Google Chrome or Microsoft Edge on a laptop, or run the class server (pijat serve) and open the class page.',
  },
  'err.insecure': {
    id: 'Web Serial hanya berjalan di alamat aman. Buka halaman lewat http://localhost:PORT/ (bukan alamat IP) atau pakai server kelas.',
    en: 'Web Serial only works on a secure address. Open the page through http://localhost:PORT/ (not an IP address) or use the class server.',
  },
  'err.busy': {
    id: 'Port sarung tangan sedang dipakai program lain (Espruino IDE, pijat live, pijat serve, atau tab lain). Tutup program itu, lalu tekan Sambungkan lagi.',
    en: 'The glove\'s port is in use by another program (Espruino IDE, pijat live, pijat serve or another tab). Close that program, then press Connect again.',
  },
  'err.open_failed': {
    id: 'Port sarung tangan tidak bisa dibuka ({detail}). Cabut sarung tangan, colokkan lagi, lalu tekan Sambungkan.',
    en: 'Could not open the glove\'s port ({detail}). Unplug the glove, plug it in again, then press Connect.',
  },
  'err.lost': {
    id: 'Sarung tangan terlepas. Data yang sudah terekam disimpan dan dinilai di bawah. Colokkan lagi untuk sesi baru.',
    en: 'The glove was unplugged. What was recorded is kept and scored below. Plug it in again for a new session.',
  },
  'err.stream_ended': {
    id: 'Sarung tangan berhenti mengirim data. Rekaman dinilai di bawah.',
    en: 'The glove stopped sending data. The recording is scored below.',
  },
  'err.no_data': {
    id: 'Tidak ada data dari sarung tangan. Periksa kabel USB dan firmware (pijat flash), lalu coba lagi.',
    en: 'No data came from the glove. Check the USB cable and the firmware (pijat flash), then try again.',
  },
  'err.ws_failed': {
    id: 'Server kelas tidak bisa dihubungi di {url}. Pastikan pijat serve berjalan dan alamatnya benar.',
    en: 'Could not reach the class server at {url}. Check that pijat serve is running and the address is right.',
  },
  'err.unknown_demo': {
    id: 'Skenario demo "{scenario}" tidak dikenal; memakai "good".',
    en: 'Unknown demo scenario "{scenario}"; using "good".',
  },
  'info.cancelled': { id: 'Tidak ada port dipilih.', en: 'No port was chosen.' },
  'info.replugged': {
    id: 'Sarung tangan tersambung lagi. Tekan Sambungkan untuk sesi baru.',
    en: 'The glove is back. Press Connect for a new session.',
  },

  // Trainee page: the live view
  'band.off': { id: 'Tidak menekan', en: 'Not pressing' },
  'band.low': CUES.too_light,
  'band.below': { id: 'Di bawah target', en: 'Below target' },
  'band.in': { id: 'Pas', en: 'On target' },
  'band.above': { id: 'Di atas target', en: 'Above target' },
  'band.high': CUES.too_hard,
  'band.target': { id: 'target {min}–{max} N', en: 'target {min}–{max} N' },
  'cadence.label': { id: 'Tempo lingkaran', en: 'Circle tempo' },
  'cadence.target': { id: 'target {min}–{max}', en: 'target {min}–{max}' },
  'pass.label': { id: 'Putaran', en: 'Pass' },
  'pass.counter': { id: '{n} / {total}', en: '{n} / {total}' },
  /** More passes than the SOP asks for (the class view says the same): not "4 / 3". */
  'pass.counter_over': { id: '{n} (SOP: {total})', en: '{n} (SOP: {total})' },
  'pass.timer': { id: 'Waktu putaran ini', en: 'Time in this pass' },
  'pass.target': { id: 'target {min}–{max} menit', en: 'target {min}–{max} min' },
  'pass.resting': { id: 'Jeda', en: 'Resting' },
  'cue.not_connected': { id: 'Belum tersambung', en: 'Not connected' },
  'cue.press_connect': { id: 'Tekan "{connect}"', en: 'Press "{connect}"' },
  'pass.waiting': { id: 'Mulai menekan dengan kedua ibu jari', en: 'Start pressing with both thumbs' },
  'chart.title': { id: 'Tekanan 20 detik terakhir (pita hijau = target)', en: 'Force, last 20 s (green band = target)' },
  'fading.hidden': {
    id: 'Bagus, tetap di target. Petunjuk disembunyikan sampai Anda meleset.',
    en: 'Good, on target. Cues are hidden until you miss.',
  },
  'blind.notice': {
    id: 'Mode ujian: petunjuk disembunyikan sampai sesi selesai.',
    en: 'Assessment mode: cues are hidden until the session ends.',
  },
  'blind.elapsed': { id: 'Waktu berjalan', en: 'Elapsed' },

  // Result (trainee page and report page)
  'result.title': { id: 'Hasil sesi', en: 'Session result' },
  'result.of': { id: 'dari 100', en: 'out of 100' },
  'verdict.pass': { id: 'LULUS', en: 'PASS' },
  'verdict.fail': { id: 'BELUM LULUS', en: 'NOT PASSED' },
  'verdict.insufficient_data': { id: 'DATA KURANG', en: 'NOT ENOUGH DATA' },
  'verdict.in_progress': { id: 'SEDANG BERJALAN', en: 'IN PROGRESS' },
  'verdict.insufficient_help': {
    id: 'Terlalu sedikit gerakan pijat terekam untuk dinilai.',
    en: 'Too little massage was recorded to be judged.',
  },
  'result.deductions': { id: 'Potongan nilai', en: 'Deductions' },
  'result.no_deductions': { id: 'Tidak ada potongan nilai.', en: 'No points were taken off.' },
  'result.points': { id: '−{points} poin', en: '−{points} points' },
  'result.passes': { id: 'Putaran: {n}', en: 'Passes: {n}' },

  // Report page
  'report.title': { id: 'Laporan sesi pijat oksitosin', en: 'Oxytocin massage session report' },
  'report.print': { id: 'Cetak / simpan PDF', en: 'Print / save as PDF' },
  'report.back': { id: 'Kembali ke latihan', en: 'Back to practice' },
  'report.back_class': { id: 'Kembali ke kelas', en: 'Back to the class' },
  'report.loading': { id: 'Memuat laporan…', en: 'Loading the report…' },
  'report.none': {
    id: 'Belum ada laporan. Selesaikan sesi di halaman latihan lalu tekan "Buka laporan", atau buka laporan dari server kelas (report/?session=ID).',
    en: 'No report yet. Finish a session on the practice page and press "Open report", or open a report from the class server (report/?session=ID).',
  },
  'report.load_failed': {
    id: 'Laporan {what} tidak bisa dimuat dari server: {detail}. Pastikan pijat serve berjalan.',
    en: 'Report {what} could not be loaded from the server: {detail}. Check that pijat serve is running.',
  },
  'report.source.local': { id: 'Sesi Web Serial di browser ini', en: 'Web Serial session in this browser' },
  'report.source.server': { id: 'Server kelas, sesi {id}', en: 'Class server, session {id}' },
  'report.meta.date': { id: 'Tanggal', en: 'Date' },
  'report.meta.trainee': { id: 'Peserta', en: 'Trainee' },
  'report.meta.source': { id: 'Sumber', en: 'Source' },
  'report.meta.device': { id: 'Sarung tangan', en: 'Glove' },
  'report.meta.duration': { id: 'Lama rekaman', en: 'Recording length' },
  'report.meta.work': { id: 'Waktu memijat', en: 'Massage time' },
  'report.meta.profile': { id: 'Profil SOP', en: 'SOP profile' },
  'report.meta.quality': { id: 'Mutu data', en: 'Data quality' },
  'report.quality': {
    id: '{samples} sampel, {rate} Hz, {lost} bingkai hilang, {crc} galat CRC',
    en: '{samples} samples, {rate} Hz, {lost} lost frames, {crc} CRC errors',
  },
  'report.criteria': { id: 'Kriteria', en: 'Criteria' },
  'report.col.criterion': { id: 'Kriteria', en: 'Criterion' },
  'report.col.value': { id: 'Terukur', en: 'Measured' },
  'report.col.target': { id: 'Target', en: 'Target' },
  'report.col.score': { id: 'Nilai', en: 'Score' },
  'report.col.weight': { id: 'Bobot', en: 'Weight' },
  'report.col.ok': { id: 'Lulus', en: 'Passed' },
  'report.yes': { id: 'ya', en: 'yes' },
  'report.no': { id: 'tidak', en: 'no' },
  'report.chart.force': {
    id: 'Tekanan ibu jari per tangan (N, rata-rata 2 detik); pita hijau = target, abu-abu = putaran',
    en: 'Thumb force per hand (N, 2 s mean); green band = target, grey = passes',
  },
  'report.chart.cadence': {
    id: 'Tempo (lingkaran/menit, rata-rata 2 detik); pita hijau = target',
    en: 'Cadence (circles/min, 2 s mean); green band = target',
  },
  'report.chart.time': { id: 'waktu (detik)', en: 'time (s)' },
  'report.chart.none': { id: 'Tidak ada deret waktu untuk sesi ini.', en: 'No time series for this session.' },
  'report.timeline': { id: 'Putaran sepanjang sesi', en: 'Passes over the session' },
  'report.pass.row': {
    id: 'Putaran {n}: {start}–{end} dtk, {dur}, {cpm} lingkaran/menit, {circles} lingkaran',
    en: 'Pass {n}: {start}–{end} s, {dur}, {cpm} circles/min, {circles} circles',
  },
  'report.no_passes': { id: 'Tidak ada putaran terekam.', en: 'No pass was recorded.' },
  'report.pass.gap': { id: '{dur} tanpa data (waktu putaran dihentikan)', en: '{dur} without data (pass timer paused)' },
  'report.gaps': {
    id: 'Celah data: {n}, {dur} seluruhnya; mulai ulang: {restarts}; tersambung ulang: {re}; bingkai ganda dibuang: {dup}',
    en: 'Data gaps: {n}, {dur} in all; restarts: {restarts}; reconnects: {re}; duplicate frames dropped: {dup}',
  },
  'report.gap': { id: 'Celah data di {at} dtk: {dur}', en: 'Data gap at {at} s: {dur}' },
  'report.checklist': { id: 'Daftar tilik instruktur', en: 'Instructor checklist' },
  'report.checklist.none': {
    id: 'Tidak ada daftar tilik (sesi di luar server kelas).',
    en: 'No checklist (session outside the class server).',
  },
  'report.sop': { id: 'SOP yang dipakai', en: 'SOP applied' },
  'report.sop.seeds': { id: 'Sumber: {files}', en: 'Sources: {files}' },
  'report.sign.title': { id: 'Pengesahan', en: 'Sign-off' },
  'report.sign.trainee': { id: 'Peserta', en: 'Trainee' },
  'report.sign.instructor': { id: 'Instruktur', en: 'Instructor' },
  'report.sign.name': { id: 'Nama', en: 'Name' },
  'report.sign.signature': { id: 'Tanda tangan', en: 'Signature' },
  'report.sign.date': { id: 'Tanggal', en: 'Date' },
  'report.footer': {
    id: 'Dibuat oleh Pijat. Nilai dari sensor; butir daftar tilik dari instruktur.',
    en: 'Made by Pijat. Scores from the sensors; checklist items from the instructor.',
  },
  'report.pressure': {
    id: 'Rata-rata tekanan: kiri {left} N, kanan {right} N; {inband} waktu di target; {hard} kali terlalu keras',
    en: 'Mean force: left {left} N, right {right} N; {inband} of the time on target; {hard} too-hard events',
  },

  // Report page: trainee history and cohort
  'history.title': { id: 'Riwayat peserta {trainee}', en: 'History of trainee {trainee}' },
  'history.col.date': { id: 'Tanggal', en: 'Date' },
  'history.col.total': { id: 'Nilai', en: 'Score' },
  'history.col.verdict': { id: 'Hasil', en: 'Verdict' },
  'history.col.profile': { id: 'Profil', en: 'Profile' },
  'history.trend': { id: 'Tren nilai', en: 'Score trend' },
  'history.empty': { id: 'Belum ada sesi untuk peserta ini.', en: 'No session for this trainee yet.' },
  'cohort.title': { id: 'Sebelum dan sesudah: {cohort}', en: 'Pre and post: {cohort}' },
  'cohort.col.phase': { id: 'Tahap', en: 'Phase' },
  'cohort.col.n': { id: 'n', en: 'n' },
  'cohort.col.mean': { id: 'Rata-rata', en: 'Mean' },
  'cohort.col.median': { id: 'Median', en: 'Median' },
  'cohort.col.min': { id: 'Minimal', en: 'Min' },
  'cohort.col.max': { id: 'Maksimal', en: 'Max' },
  'cohort.pre': { id: 'Sebelum', en: 'Pre' },
  'cohort.post': { id: 'Sesudah', en: 'Post' },
  'cohort.per_criterion': { id: 'Perubahan per kriteria (rata-rata nilai)', en: 'Change per criterion (mean score)' },
  'cohort.col.change': { id: 'Perubahan', en: 'Change' },
  'cohort.note': {
    id: 'Tabel disusun seperti laporan pengabdian masyarakat tentang pelatihan bidan di Klinik Afisya (rata-rata, median, minimal, maksimal).',
    en: 'Table laid out as in the community-service report on midwife training at the Afisya Clinic (mean, median, min, max).',
  },
  'cohort.col.pass_rate': { id: 'Lulus', en: 'Passed' },
  'cohort.total': { id: 'Nilai total', en: 'Total score' },
  'cohort.paired': { id: 'Perubahan per peserta (sebelum dan sesudah berpasangan)', en: 'Change per trainee (paired pre and post)' },
  'cohort.col.pairs': { id: 'Pasangan', en: 'Pairs' },
  'cohort.col.median_change': { id: 'Median perubahan', en: 'Median change' },
  'cohort.col.p': { id: 'Nilai p (Wilcoxon)', en: 'p-value (Wilcoxon)' },
  'cohort.col.method': { id: 'Cara hitung', en: 'Method' },
  'cohort.p_exact': { id: 'distribusi eksak', en: 'exact distribution' },
  'cohort.p_approx': { id: 'pendekatan normal', en: 'normal approximation' },
  'cohort.too_few_pairs': { id: 'pasangan belum cukup', en: 'not enough pairs' },
  'cohort.paired_note': {
    id: 'Tiap peserta dihitung sekali per tahap, dengan sesi terakhirnya. Uji peringkat bertanda Wilcoxon dua arah, seperti pada studi kuasi-eksperimen di Puskesmas se-Kota Mataram; pasangan tanpa perubahan tidak dihitung.',
    en: 'Each trainee counts once per phase, with her latest session. Two-sided Wilcoxon signed-rank test, as in the quasi-experiment at the Mataram community health centres; pairs with no change are left out.',
  },
  'cohort.empty': { id: 'Belum ada sesi dalam kelompok ini.', en: 'No session in this cohort yet.' },
  'csv.sessions': { id: 'Ekspor CSV semua sesi (server)', en: 'Export CSV of every session (server)' },
  'csv.sessions_excel': {
    id: 'Ekspor CSV semua sesi untuk Excel berbahasa Indonesia (titik koma, koma desimal)',
    en: 'Export CSV of every session for Excel set to Indonesian (semicolons, decimal commas)',
  },
  'csv.table': { id: 'Ekspor CSV tabel ini', en: 'Export CSV of this table' },
  'list.title': { id: 'Sesi tersimpan di server kelas', en: 'Sessions stored on the class server' },
  'list.empty': { id: 'Belum ada sesi tersimpan.', en: 'No stored session yet.' },
  'list.col.trainee': { id: 'Peserta', en: 'Trainee' },
  'list.col.cohort': { id: 'Kelompok', en: 'Cohort' },
  'list.col.report': { id: 'Laporan', en: 'Report' },
  'list.open': { id: 'buka', en: 'open' },
  'list.running': { id: 'sedang berjalan', en: 'running' },
  'history.col.label': { id: 'Label', en: 'Label' },
  'cohort.unlabelled': {
    id: '{n} sesi tanpa label "pre"/"post" (atau "sebelum"/"sesudah") tidak masuk tabel.',
    en: '{n} sessions without a "pre"/"post" (or "sebelum"/"sesudah") label are left out of the table.',
  },
} satisfies Record<string, Entry>;

export type WebKey = keyof typeof web;
