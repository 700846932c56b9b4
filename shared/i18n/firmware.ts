// Strings of `pijat flash` (uploading the glove firmware). `{advice}` is filled with one of the
// recovery_* entries in the same language (host/flash/errors.ts withAdvice).
import type { Strings } from './index';

export const FIRMWARE = {
  cmd_flash: {
    id: 'Unggah firmware sarung tangan ke papan (Espruino Pico atau Espruino di RP2040 lewat CLI espruino, atau Raspberry Pi Pico dengan Kaluma), lalu periksa bahwa firmware baru berjalan',
    en: 'Upload the glove firmware to the board (Espruino Pico or Espruino on an RP2040 with the espruino CLI, or Raspberry Pi Pico with Kaluma), then check that the new firmware runs',
  },
  opt_port: { id: 'port serial sarung tangan, mis. /dev/ttyACM0 atau COM3 (lihat: pijat ports)', en: 'serial port of the glove, e.g. /dev/ttyACM0 or COM3 (see: pijat ports)' },
  opt_board: {
    id: 'papan: espruino (Espruino Pico, bawaan), espruino-rp2040 (Espruino di Raspberry Pi Pico) atau kaluma (Raspberry Pi Pico dengan Kaluma)',
    en: 'board: espruino (Espruino Pico, default), espruino-rp2040 (Espruino on a Raspberry Pi Pico) or kaluma (Raspberry Pi Pico with Kaluma)',
  },
  opt_no_save: { id: 'jangan jalankan save(): firmware hilang saat papan dicabut (untuk mencoba; hanya Espruino)', en: 'do not run save(): the firmware is gone at the next power-up (for trying things out; Espruino only)' },
  opt_print: { id: 'hanya cetak perintah unggah yang setara, jangan jalankan', en: 'only print the equivalent upload command, do not run it' },
  opt_file: {
    id: 'unggah berkas ini, bukan firmware/dist/pijat-<papan>.js (versinya tidak diperiksa)',
    en: 'upload this file instead of firmware/dist/pijat-<board>.js (its version is not checked)',
  },
  ex_flash: { id: 'unggah ke Espruino Pico dan simpan', en: 'upload to an Espruino Pico and save' },
  ex_flash_rp2040: { id: 'unggah ke Raspberry Pi Pico dengan Espruino', en: 'upload to a Raspberry Pi Pico running Espruino' },
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
  tcp_failed: {
    id: 'Tidak dapat terhubung ke {port} ({reason}). Periksa alamat dan port jaringannya, lalu coba lagi.',
    en: 'Could not connect to {port} ({reason}). Check the network address and port, then try again.',
  },
  bad_board: {
    id: 'Papan "{board}" tidak dikenal: pilih --board espruino, --board espruino-rp2040 atau --board kaluma',
    en: 'Unknown board "{board}": choose --board espruino, --board espruino-rp2040 or --board kaluma',
  },
  not_built: {
    id: 'Firmware belum dibangun: {file} tidak ada. Bangun dengan: npm run build',
    en: 'The firmware is not built: {file} does not exist. Build it with: npm run build',
  },
  file_missing: {
    id: 'Berkas {file} tidak ada. Periksa jalur yang diberikan ke --file.',
    en: 'The file {file} does not exist. Check the path given to --file.',
  },
  no_espruino_cli: {
    id: 'CLI espruino (dependensi opsional) tidak terpasang. Pasang sekali saat ada internet: npm install espruino',
    en: 'The espruino CLI (an optional dependency) is not installed. Install it once while online: npm install espruino',
  },
  running: { id: 'Menjalankan: {command}', en: 'Running: {command}' },
  console_handed_over: {
    id: 'Sarung tangan di {port} menyerahkan konsolnya ke USB untuk pengunggahan.',
    en: 'The glove on {port} handed its console to USB for the upload.',
  },
  console_no_answer: {
    id: 'Sarung tangan di {port} mengirim data tetapi tidak menjawab perintah console. Pengunggahan tetap dicoba; hasilnya diperiksa sesudahnya.',
    en: 'The glove on {port} is streaming but did not answer the console command. The upload is tried anyway and checked afterwards.',
  },
  kaluma_silent: {
    id: 'Tidak ada data dari sarung tangan: Ctrl-C dikirim ke REPL Kaluma untuk menghentikan program yang mungkin berjalan.',
    en: 'No data from the glove: sending Ctrl-C to the Kaluma REPL to stop any program that may run.',
  },
  kaluma_interrupt: {
    id: 'Sarung tangan tidak menjawab perintah console: Ctrl-C dikirim untuk menghentikan programnya (Kaluma menghentikan JavaScript yang berjalan).',
    en: 'The glove did not answer the console command: sending Ctrl-C to stop its program (Kaluma aborts the running JavaScript).',
  },
  kaluma_sending: {
    id: 'Mengirim firmware ({bytes} bita) ke flash Kaluma lewat YMODEM...',
    en: 'Sending the firmware ({bytes} bytes) to Kaluma\'s flash over YMODEM...',
  },
  kaluma_no_repl: {
    id: 'REPL Kaluma tidak menjawab (tidak ada "soft reset" setelah .reset), juga setelah Ctrl-C. {advice}',
    en: 'The Kaluma REPL does not answer (no "soft reset" after .reset), not even after Ctrl-C. {advice}',
  },
  kaluma_no_receiver: {
    id: 'Kaluma tidak memulai penerima YMODEM setelah ".flash -w" (jawabannya: {text}). Pastikan papan menjalankan Kaluma 1.2 atau lebih baru. {advice}',
    en: 'Kaluma did not start its YMODEM receiver after ".flash -w" (it answered: {text}). Make sure the board runs Kaluma 1.2 or later. {advice}',
  },
  kaluma_transfer_failed: {
    id: 'Pengiriman YMODEM ke Kaluma gagal ({reason}) setelah {acked} dari {blocks} blok; program lama mungkin sudah terhapus. Periksa kabel USB, tutup program lain yang membuka port, lalu jalankan pijat flash lagi.',
    en: 'The YMODEM transfer to Kaluma failed ({reason}) after {acked} of {blocks} blocks; the old program may be erased already. Check the USB cable, close other programs that have the port open, then run pijat flash again.',
  },
  kaluma_too_large: {
    id: 'Berkas {bytes} bita tidak muat di area program Kaluma (kurang dari 512 KB); tidak ada yang diunggah.',
    en: 'The file of {bytes} bytes does not fit in Kaluma\'s program area (under 512 KB); nothing was uploaded.',
  },
  kaluma_not_written: {
    id: 'Kaluma tidak menulis firmware ke flash (jawabannya: {text}). Jalankan pijat flash lagi.',
    en: 'Kaluma did not write the firmware to flash (it answered: {text}). Run pijat flash again.',
  },
  checking: {
    id: 'Memeriksa bahwa firmware baru berjalan di {port}...',
    en: 'Checking that the new firmware runs on {port}...',
  },
  flashed: {
    id: 'Firmware {version} berjalan di {port} (papan {board}) dan mengirim data. Selesai dalam {seconds} detik.',
    en: 'Firmware {version} runs on {port} (board {board}) and streams. Done in {seconds} s.',
  },
  flashed_before: {
    id: 'Sebelumnya sarung tangan menjalankan firmware {version}.',
    en: 'Before, the glove ran firmware {version}.',
  },
  flashed_no_save: {
    id: 'Tanpa save(): firmware ini hilang saat papan dicabut.',
    en: 'Without save(): this firmware is gone when the board loses power.',
  },
  verify_silent: {
    id: 'Tidak ada data dari sarung tangan di {port} dalam {seconds} detik setelah pengunggahan: firmware baru tidak berjalan. {advice}',
    en: 'No data from the glove on {port} within {seconds} s after the upload: the new firmware does not run. {advice}',
  },
  verify_no_descriptor: {
    id: 'Sarung tangan di {port} mengirim sesuatu, tetapi bukan data Pijat, dalam {seconds} detik setelah pengunggahan: firmware baru tidak berjalan. {advice}',
    en: 'The glove on {port} sent something, but no Pijat data, within {seconds} s after the upload: the new firmware does not run. {advice}',
  },
  verify_wrong_version: {
    id: 'Sarung tangan di {port} menjalankan firmware {found}, bukan {expected}: pengunggahan tidak menggantinya. {advice}',
    en: 'The glove on {port} runs firmware {found}, not {expected}: the upload did not replace it. {advice}',
  },
  verify_wrong_board: {
    id: 'Sarung tangan di {port} melaporkan papan {found}, bukan {expected}. Pilih --board yang sesuai dengan papannya, lalu jalankan pijat flash lagi.',
    en: 'The glove on {port} reports board {found}, not {expected}. Choose the --board that matches the board, then run pijat flash again.',
  },
  board_mismatch: {
    id: 'Sarung tangan di {port} menjalankan firmware Pijat {version} untuk papan {found}, bukan {expected}: tidak ada yang diunggah. Jalankan pijat flash lagi dengan --board {board}. (Sampai saat itu sarung tangan tidak mengirim data; cabut lalu colokkan kembali untuk memulainya lagi.)',
    en: 'The glove on {port} runs Pijat firmware {version} for the {found} board, not {expected}: nothing was uploaded. Run pijat flash again with --board {board}. (Until then it does not stream; unplug it and plug it back in to start it again.)',
  },
  recovery_espruino: {
    id: 'Cabut sarung tangan, tahan tombolnya sambil mencolokkan kembali (Espruino lalu tidak menjalankan firmware tersimpan), lalu jalankan pijat flash lagi.',
    en: 'Unplug the glove, hold its button while plugging it back in (Espruino then skips the saved firmware), then run pijat flash again.',
  },
  recovery_espruino_rp2040: {
    id: 'Cabut sarung tangan, tahan tombol BOOTSEL Pico sambil mencolokkan kembali, salin flash_nuke.uf2 lalu UF2 Espruino ke drive RPI-RP2 yang muncul, lalu jalankan pijat flash lagi.',
    en: 'Unplug the glove, hold the Pico\'s BOOTSEL button while plugging it back in, copy flash_nuke.uf2 and then the Espruino UF2 to the RPI-RP2 drive that appears, then run pijat flash again.',
  },
  recovery_kaluma: {
    id: 'Cabut sarung tangan, hubungkan GP22 ke GND sambil mencolokkan kembali (Kaluma lalu tidak menjalankan program di flash), lepaskan, lalu jalankan pijat flash lagi.',
    en: 'Unplug the glove, connect GP22 to GND while plugging it back in (Kaluma then does not start the program in flash), remove the wire, then run pijat flash again.',
  },
  upload_failed: {
    id: 'Unggah ke {port} gagal (kode keluar {code}). Periksa kabel USB dan port, tutup program lain yang membuka port itu, lalu coba lagi. Keluaran terakhir: {tail}',
    en: 'Upload to {port} failed (exit code {code}). Check the USB cable and the port, close other programs that have the port open, then try again. Last output: {tail}',
  },
  no_connect: {
    id: 'CLI espruino tidak dapat membuka {port}. Tutup program lain yang memakai port itu (pijat live, Web IDE), lalu coba lagi.',
    en: 'The espruino CLI could not open {port}. Close other programs using that port (pijat live, the Web IDE), then try again.',
  },
  kaluma_no_save: {
    id: 'Catatan: Kaluma selalu menyimpan program di flash; --no-save tidak berlaku.',
    en: 'Note: Kaluma always keeps the program in flash; --no-save does not apply.',
  },
  kaluma_print_note: {
    id: 'pijat flash mengirim berkas sendiri (YMODEM); perintah di atas melakukan hal yang sama dengan CLI Kaluma 1.1 atau lebih baru (npm install -g @kaluma/cli).',
    en: 'pijat flash sends the file itself (YMODEM); the command above does the same with the Kaluma CLI 1.1 or later (npm install -g @kaluma/cli).',
  },
} satisfies Strings;
