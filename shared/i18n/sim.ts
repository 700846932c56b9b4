// Strings of the simulated glove, the transports (serial port, file replay, simulator link)
// and the `simulate`, `inspect` and `ports` commands.
import type { Strings } from './index';

export const SIM = {
  // --- simulator ---------------------------------------------------------------------------
  unknown_scenario: {
    id: 'Skenario "{name}" tidak dikenal. Skenario yang ada: {valid}',
    en: 'Unknown scenario "{name}". Valid scenarios: {valid}',
  },
  bad_rate: {
    id: 'Laju sampel {rate} Hz tidak sah: harus bilangan bulat {min}..{max}. Contoh: --rate 100',
    en: 'Sample rate {rate} Hz is not valid: it must be a whole number {min}..{max}. Example: --rate 100',
  },
  bad_seed: {
    id: 'Benih acak {seed} tidak sah: harus bilangan bulat 0..4294967295. Contoh: --seed 1',
    en: 'Seed {seed} is not valid: it must be a whole number 0..4294967295. Example: --seed 1',
  },
  bad_duration: {
    id: 'Durasi "{duration}" tidak sah: harus angka detik lebih dari 0. Contoh: --duration 60',
    en: 'Duration "{duration}" is not valid: it must be a number of seconds above 0. Example: --duration 60',
  },
  bad_loss: {
    id: 'Peluang hilang "{loss}" tidak sah: harus angka 0..0.5. Contoh: --loss 0.001',
    en: 'Loss probability "{loss}" is not valid: it must be a number 0..0.5. Example: --loss 0.001',
  },
  out_and_port: {
    id: 'Pilih salah satu: --out FILE (tulis ke berkas) atau --port PATH (kirim ke port serial), tidak keduanya.',
    en: 'Choose one: --out FILE (write a file) or --port PATH (send to a serial port), not both.',
  },
  stdout_is_terminal: {
    id: 'Data biner tidak ditulis ke terminal. Tambahkan --out FILE (contoh: --out sesi.bin), --port PATH, atau alihkan keluaran: pijat simulate > sesi.bin',
    en: 'Binary data is not written to a terminal. Add --out FILE (e.g. --out session.bin), --port PATH, or redirect: pijat simulate > session.bin',
  },
  sim_wrote: {
    id: 'Skenario {scenario}, seed {seed}: {frames} bingkai ({bytes} bita, {duration} detik pada {rate} Hz) ditulis ke {out} dalam {ms} ms',
    en: 'Scenario {scenario}, seed {seed}: wrote {frames} frames ({bytes} bytes, {duration} s at {rate} Hz) to {out} in {ms} ms',
  },
  sim_truth: { id: 'Kebenaran sesi ditulis ke {file}', en: 'Session truth written to {file}' },
  sim_streaming: {
    id: 'Sarung tangan tersimulasi (skenario {scenario}, seed {seed}, {rate} Hz) mengirim ke {port} selama {duration} detik. Ctrl-C untuk berhenti.',
    en: 'Simulated glove (scenario {scenario}, seed {seed}, {rate} Hz) streaming to {port} for {duration} s. Ctrl-C to stop.',
  },
  sim_done: { id: 'Selesai: {frames} bingkai dikirim ke {port}.', en: 'Done: {frames} frames sent to {port}.' },
  sim_command: { id: 'Perintah dari host: {cmd}', en: 'Command from the host: {cmd}' },

  // --- transports --------------------------------------------------------------------------
  port_missing: {
    id: 'Port serial {port} tidak ada. Colokkan sarung tangan lalu lihat nama port-nya dengan: pijat ports',
    en: 'Serial port {port} does not exist. Plug the glove in, then find its name with: pijat ports',
  },
  port_denied: {
    id: 'Tidak ada izin membuka port serial {port}. Di Linux tambahkan pengguna ke grup dialout (sudo usermod -aG dialout $USER, lalu masuk ulang).',
    en: 'No permission to open the serial port {port}. On Linux add your user to the dialout group (sudo usermod -aG dialout $USER, then log in again).',
  },
  port_busy: {
    id: 'Port serial {port} sedang dipakai program lain. Tutup program itu (misalnya Espruino IDE atau pijat lain), lalu coba lagi.',
    en: 'The serial port {port} is in use by another program. Close it (e.g. the Espruino IDE or another pijat) and try again.',
  },
  port_failed: {
    id: 'Tidak dapat membuka port serial {port}: {reason}. Periksa kabel USB dan nama port (pijat ports).',
    en: 'Cannot open the serial port {port}: {reason}. Check the USB cable and the port name (pijat ports).',
  },
  port_disconnected: {
    id: 'Port serial {port} terputus; mencoba membukanya lagi tiap {every} ms...',
    en: 'The serial port {port} went away; trying to reopen it every {every} ms...',
  },
  port_reconnected: {
    id: 'Port serial {port} tersambung lagi setelah {gap} detik.',
    en: 'The serial port {port} is back after {gap} s.',
  },
  port_write_closed: {
    id: 'Tidak dapat mengirim ke {port}: port sedang terputus.',
    en: 'Cannot send to {port}: the port is disconnected.',
  },

  // --- files -------------------------------------------------------------------------------
  file_missing: {
    id: 'Berkas {file} tidak ada. Periksa nama dan lokasinya; rekaman dibuat dengan pijat simulate --out FILE atau pijat live.',
    en: 'The file {file} does not exist. Check its name and location; captures come from pijat simulate --out FILE or pijat live.',
  },
  file_is_dir: {
    id: '{file} adalah folder, bukan berkas rekaman.',
    en: '{file} is a folder, not a capture file.',
  },
  file_empty: {
    id: 'Berkas {file} kosong (0 bita): tidak ada data dari sarung tangan. Rekam ulang.',
    en: 'The file {file} is empty (0 bytes): no data from the glove. Record it again.',
  },
  not_capture: {
    id: '{file} bukan rekaman mentah Pijat: {bytes} bita tanpa satu bingkai pun yang utuh ({crc} galat CRC). Berkas CSV dinilai dengan: pijat score {file}',
    en: '{file} is not a raw Pijat capture: {bytes} bytes without one intact frame ({crc} CRC errors). A CSV file is scored with: pijat score {file}',
  },

  // --- simulate help -----------------------------------------------------------------------
  cmd_simulate: {
    id: 'Sarung tangan virtual yang menulis protokol kabel asli (ke berkas, port serial, atau stdout)',
    en: 'A virtual glove that writes the real wire protocol (to a file, a serial port, or stdout)',
  },
  opt_scenario: { id: 'skenario: {names}', en: 'scenario: {names}' },
  opt_seed: { id: 'seed acak (sesi yang sama untuk seed yang sama)', en: 'random seed (the same session for the same seed)' },
  opt_duration: {
    id: 'lama sesi dalam detik (bawaan: panjang alami skenario)',
    en: 'session length in seconds (default: the scenario\'s natural length)',
  },
  opt_rate: { id: 'laju sampel, Hz (25..200)', en: 'sample rate, Hz (25..200)' },
  opt_out: { id: 'tulis bita persis ke berkas ini, secepat mungkin', en: 'write the exact bytes to this file, as fast as possible' },
  opt_port: {
    id: 'kirim ke port serial ini secara waktu nyata, seperti sarung tangan asli (dan terima perintah)',
    en: 'send to this serial port in real time, as a glove does (and answer commands)',
  },
  opt_truth: { id: 'tulis kebenaran sesi (putaran, tempo, gaya) ke berkas JSON ini', en: 'write the session truth (passes, cadence, force) to this JSON file' },
  opt_loss: {
    id: 'peluang per sampel bingkai hilang (bawaan 0.00005)',
    en: 'probability per sample of lost frames (default 0.00005)',
  },
  opt_loop: { id: 'dengan --port: ulangi sesi tanpa henti', en: 'with --port: repeat sessions without end' },
  ex_sim_out: { id: 'satu menit sesi baik ke berkas', en: 'one minute of a good session into a file' },
  ex_sim_truth: { id: 'sesi terlalu keras lengkap, dengan kebenarannya', en: 'a whole too-hard session, with its truth' },
  ex_sim_port: { id: 'menjadi sarung tangan di port serial virtual', en: 'act as a glove on a virtual serial port' },
  ex_sim_pipe: { id: 'ke stdout, dialihkan ke berkas', en: 'to stdout, redirected into a file' },
  scenarios_title: { id: 'Skenario:', en: 'Scenarios:' },

  // --- inspect -----------------------------------------------------------------------------
  cmd_inspect: {
    id: 'Mengurai rekaman mentah: bingkai, laju, celah, galat CRC, sinkron ulang, deskriptor',
    en: 'Decode a raw capture: frames, rate, gaps, CRC errors, resyncs, descriptor',
  },
  ex_inspect: { id: 'ringkasan rekaman sebagai tabel', en: 'a capture\'s summary as a table' },
  ex_inspect_json: { id: 'sebagai JSON', en: 'as JSON' },
  ins_file: { id: 'Berkas', en: 'File' },
  ins_bytes: { id: 'Bita', en: 'Bytes' },
  ins_frames: { id: 'Bingkai', en: 'Frames' },
  ins_samples: { id: 'Sampel', en: 'Samples' },
  ins_rate: { id: 'Laju (cap waktu perangkat)', en: 'Rate (device timestamps)' },
  ins_duration: { id: 'Durasi', en: 'Duration' },
  ins_lost: { id: 'Bingkai hilang', en: 'Lost frames' },
  ins_crc: { id: 'Galat CRC', en: 'CRC errors' },
  ins_resyncs: { id: 'Sinkron ulang', en: 'Resyncs' },
  ins_junk: { id: 'Bita sampah', en: 'Junk bytes' },
  ins_unknown: { id: 'Jenis tak dikenal', en: 'Unknown types' },
  ins_gaps: { id: 'Celah terbesar', en: 'Largest gaps' },
  ins_gap_row: { id: 'pada {at} detik: {gap} detik ({lost} bingkai hilang)', en: 'at {at} s: {gap} s ({lost} frames lost)' },
  ins_none: { id: 'tidak ada', en: 'none' },
  ins_statuses: { id: 'Status', en: 'Statuses' },
  ins_status_other: { id: 'kejadian {n}', en: 'event {n}' },
  ins_descriptor: { id: 'Deskriptor', en: 'Descriptor' },
  ins_no_descriptor: {
    id: 'tidak ada (rekaman tanpa deskriptor tidak dapat dikalibrasi)',
    en: 'none (a capture without a descriptor cannot be calibrated)',
  },
  ins_device: {
    id: 'perangkat {device_id}, papan {board}, firmware {firmware}, {rate} Hz, protokol {protocol}',
    en: 'device {device_id}, board {board}, firmware {firmware}, {rate} Hz, protocol {protocol}',
  },
  col_channel: { id: 'Kanal', en: 'Channel' },
  col_kind: { id: 'Jenis', en: 'Kind' },
  col_unit: { id: 'Satuan', en: 'Unit' },

  // --- ports -------------------------------------------------------------------------------
  cmd_ports: { id: 'Daftar port serial; sarung tangan yang dikenal lebih dulu', en: 'List serial ports; known gloves first' },
  ex_ports: { id: 'port yang terpasang', en: 'the attached ports' },
  ports_none: {
    id: 'Tidak ada port serial. Colokkan sarung tangan dengan kabel USB data (bukan kabel daya saja).',
    en: 'No serial ports. Plug the glove in with a USB data cable (not a charge-only cable).',
  },
  ports_no_glove: {
    id: 'Tidak ada sarung tangan yang dikenal (Espruino Pico 0483:5740, RP2040 2e8a:*). Port lain di atas.',
    en: 'No known glove (Espruino Pico 0483:5740, RP2040 2e8a:*). Other ports above.',
  },
  col_port: { id: 'Port', en: 'Port' },
  col_board: { id: 'Papan', en: 'Board' },
  col_usb: { id: 'USB', en: 'USB' },
  col_maker: { id: 'Pembuat', en: 'Maker' },
  col_serial: { id: 'Nomor seri', en: 'Serial number' },
  kind_espruino: { id: 'Espruino Pico', en: 'Espruino Pico' },
  kind_rp2040: { id: 'RP2040 (Kaluma)', en: 'RP2040 (Kaluma)' },
  kind_other: { id: 'lainnya', en: 'other' },
} satisfies Strings;

/** Scenario summaries for help texts, both languages. */
export const SCENARIO_TEXT = {
  good: {
    id: 'sesuai SOP: 3 putaran 2-3 menit, dua tangan, lingkaran mantap dan kuat (~1,5-2,2 Hz, ~6-8 N)',
    en: 'by the SOP: 3 passes of 2-3 min, both hands, firm steady circles (~1.5-2.2 Hz, ~6-8 N)',
  },
  'too-hard': { id: 'seperti baik tetapi menekan terlalu keras (~12,5-16 N)', en: 'like good but pressing far too hard (~12.5-16 N)' },
  'too-light': { id: 'seperti baik tetapi hampir tidak menekan (~2-3 N)', en: 'like good but barely pressing (~2-3 N)' },
  'too-fast': { id: 'seperti baik tetapi memutar terlalu cepat (~3-3,8 Hz)', en: 'like good but circling far too fast (~3-3.8 Hz)' },
  'too-slow': { id: 'seperti baik tetapi memutar terlalu lambat (~0,4-0,55 Hz)', en: 'like good but circling far too slowly (~0.4-0.55 Hz)' },
  irregular: {
    id: 'irama tidak rata (KV periode ~0,4-0,5), tempo dan gaya berubah-ubah, lebih sering terangkat',
    en: 'uneven rhythm (period CV ~0.4-0.5), wandering cadence and force, more lifts',
  },
  'one-hand': { id: 'hanya satu tangan bekerja; yang lain tidak pernah menyentuh', en: 'only one hand works; the other never touches' },
  'short-passes': { id: 'putaran terlalu pendek (30-75 detik), 3-4 kali', en: 'passes far too short (30-75 s), 3-4 of them' },
  'slow-circles': {
    id: 'lingkaran lebar dan sangat lambat (~0,3-0,5 Hz); tekanan ibu jari hampir tidak ikut berirama',
    en: 'wide, very slow circles (~0.3-0.5 Hz); the thumb force hardly follows the rhythm',
  },
  'steady-thumb': {
    id: 'seluruh tangan memutar lebar (~0,8-1,6 Hz) dengan tekanan ibu jari hampir tetap',
    en: 'the whole hand circles widely (~0.8-1.6 Hz) with a near-steady thumb force',
  },
  'tempo-drift': {
    id: 'tempo berubah sekitar seperempat dalam tiap putaran (~1,2-2,2 Hz)',
    en: 'the tempo wanders by about a quarter within each pass (~1.2-2.2 Hz)',
  },
} satisfies Strings;

/** The glove's status events as `pijat inspect` names them in its table (--json keeps the ids). */
export const INS_STATUS: Record<string, { id: string; en: string }> = {
  periodic: { id: 'berkala', en: 'periodic' },
  imu_lost: { id: 'IMU hilang', en: 'IMU lost' },
  imu_recovered: { id: 'IMU pulih', en: 'IMU recovered' },
  button_down: { id: 'tombol ditekan', en: 'button pressed' },
  button_up: { id: 'tombol dilepas', en: 'button released' },
  started: { id: 'mulai', en: 'started' },
  stopped: { id: 'berhenti', en: 'stopped' },
  rate_changed: { id: 'laju diubah', en: 'rate changed' },
  error: { id: 'galat', en: 'error' },
  boot: { id: 'menyala', en: 'switched on' },
};
