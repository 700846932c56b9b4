// Strings of `pijat flash` (uploading the glove firmware).
import type { Strings } from './index';

export const FIRMWARE = {
  cmd_flash: {
    id: 'Unggah firmware sarung tangan ke papan (Espruino Pico lewat CLI espruino, atau Raspberry Pi Pico dengan Kaluma)',
    en: 'Upload the glove firmware to the board (Espruino Pico with the espruino CLI, or Raspberry Pi Pico with Kaluma)',
  },
  opt_port: { id: 'port serial sarung tangan, mis. /dev/ttyACM0 atau COM3 (lihat: pijat ports)', en: 'serial port of the glove, e.g. /dev/ttyACM0 or COM3 (see: pijat ports)' },
  opt_board: { id: 'papan: espruino (Espruino Pico, bawaan) atau kaluma (Raspberry Pi Pico)', en: 'board: espruino (Espruino Pico, default) or kaluma (Raspberry Pi Pico)' },
  opt_no_save: { id: 'jangan jalankan save(): firmware hilang saat papan dicabut (untuk mencoba)', en: 'do not run save(): the firmware is gone at the next power-up (for trying things out)' },
  opt_print: { id: 'hanya cetak perintah unggah, jangan jalankan', en: 'only print the upload command, do not run it' },
  ex_flash: { id: 'unggah ke Espruino Pico dan simpan', en: 'upload to an Espruino Pico and save' },
  ex_flash_kaluma: { id: 'unggah ke Raspberry Pi Pico dengan Kaluma', en: 'upload to a Raspberry Pi Pico running Kaluma' },
  ex_flash_print: { id: 'tampilkan perintah tanpa menjalankannya', en: 'show the command without running it' },
  no_port: {
    id: 'Sebutkan port sarung tangan dengan --port PATH (mis. --port /dev/ttyACM0 atau --port COM3). Daftar port: pijat ports',
    en: 'Give the glove\'s port with --port PATH (e.g. --port /dev/ttyACM0 or --port COM3). List the ports with: pijat ports',
  },
  port_missing: {
    id: 'Port {port} tidak ada. Colokkan sarung tangan lewat USB, lalu lihat port yang ada dengan: pijat ports',
    en: 'Port {port} does not exist. Plug the glove in over USB, then list the ports with: pijat ports',
  },
  bad_board: {
    id: 'Papan "{board}" tidak dikenal: pilih --board espruino atau --board kaluma',
    en: 'Unknown board "{board}": choose --board espruino or --board kaluma',
  },
  not_built: {
    id: 'Firmware belum dibangun: {file} tidak ada. Bangun dengan: npm run build',
    en: 'The firmware is not built: {file} does not exist. Build it with: npm run build',
  },
  no_espruino_cli: {
    id: 'CLI espruino (dependensi opsional) tidak terpasang. Pasang sekali saat ada internet: npm install espruino',
    en: 'The espruino CLI (an optional dependency) is not installed. Install it once while online: npm install espruino',
  },
  running: { id: 'Menjalankan: {command}', en: 'Running: {command}' },
  uploaded: {
    id: 'Firmware terunggah ke {port}. Sarung tangan mulai mengirim data 2 detik setelah menyala; konsol kembali lewat perintah stop atau dengan menahan tombol saat menyalakan.',
    en: 'Firmware uploaded to {port}. The glove starts streaming 2 s after power-up; the console comes back with a stop command or by holding the button while powering up.',
  },
  uploaded_no_save: {
    id: 'Firmware terunggah ke {port} tanpa save(): berjalan sampai papan dicabut.',
    en: 'Firmware uploaded to {port} without save(): it runs until the board loses power.',
  },
  upload_failed: {
    id: 'Unggah ke {port} gagal (kode keluar {code}). Periksa kabel USB dan port, tutup program lain yang membuka port itu, lalu coba lagi. Keluaran terakhir: {tail}',
    en: 'Upload to {port} failed (exit code {code}). Check the USB cable and the port, close other programs that have the port open, then try again. Last output: {tail}',
  },
  no_connect: {
    id: 'CLI espruino tidak dapat membuka {port}. Tutup program lain yang memakai port itu (pijat live, Web IDE), lalu coba lagi.',
    en: 'The espruino CLI could not open {port}. Close other programs using that port (pijat live, the Web IDE), then try again.',
  },
  kaluma_failed: {
    id: 'Unggah Kaluma gagal (kode keluar {code}). Pasang CLI Kaluma sekali saat ada internet: npm install -g @kaluma/cli, lalu jalankan: kaluma flash {file} --port {port}',
    en: 'The Kaluma upload failed (exit code {code}). Install the Kaluma CLI once while online: npm install -g @kaluma/cli, then run: kaluma flash {file} --port {port}',
  },
  kaluma_no_save: {
    id: 'Catatan: Kaluma selalu menyimpan program di flash; --no-save tidak berlaku.',
    en: 'Note: Kaluma always keeps the program in flash; --no-save does not apply.',
  },
} satisfies Strings;
