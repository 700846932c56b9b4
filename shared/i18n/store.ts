// What the session store says when it cannot be opened or written (host/store), and what the
// recorder says while it holds data it could not write. Same words as cli.ts: "penyimpanan" /
// "store", "folder data" / "data folder".
import type { Entry } from './index';

export const STORE = {
  read_only: {
    id: 'Penyimpanan {file} tidak dapat ditulis: folder {dir} atau berkas itu hanya-baca ({reason}). Data di dalamnya tidak rusak. Jadikan folder itu dapat ditulis (atau pasang ulang drive-nya dengan izin tulis), atau salin folder data itu ke disk yang dapat ditulis dan pakai --data DIR.',
    en: 'The store {file} cannot be written: the folder {dir} or the file is read-only ({reason}). The data in it are unharmed. Make that folder writable (or mount its drive read-write), or copy the data folder to a writable disk and use --data DIR.',
  },
  locked: {
    id: 'Penyimpanan {file} sedang dikunci oleh program lain ({reason}), misalnya perintah pijat lain atau alat SQLite. Data di dalamnya tidak rusak. Tutup program itu atau tunggu sampai selesai, lalu coba lagi.',
    en: 'The store {file} is locked by another program ({reason}), such as another pijat command or an SQLite tool. The data in it are unharmed. Close that program or wait for it to finish, then try again.',
  },
  native_missing: {
    id: 'Modul SQLite Pijat (better-sqlite3) tidak terpasang ({reason}). Data yang tersimpan tidak rusak. Pasang ulang Pijat: jalankan npm install di folder Pijat.',
    en: 'Pijat\'s SQLite module (better-sqlite3) is not installed ({reason}). The stored data are unharmed. Reinstall Pijat: run npm install in the Pijat folder.',
  },
  native_mismatch: {
    id: 'Modul SQLite Pijat (better-sqlite3) dibuat untuk versi Node.js lain; ini Node {node} ({reason}). Data yang tersimpan tidak rusak. Bangun ulang modul itu dengan: npm rebuild better-sqlite3 (di folder Pijat), atau pakai versi Node yang dipakai saat memasang Pijat.',
    en: 'Pijat\'s SQLite module (better-sqlite3) was built for another Node.js version; this is Node {node} ({reason}). The stored data are unharmed. Rebuild it with: npm rebuild better-sqlite3 (in the Pijat folder), or use the Node version Pijat was installed with.',
  },
  full: {
    id: 'Disk tempat {file} penuh ({reason}). Kosongkan ruang di disk itu, atau pilih folder data lain dengan --data DIR.',
    en: 'The disk holding {file} is full ({reason}). Free space on that disk, or choose another data folder with --data DIR.',
  },
  cannot_open: {
    id: 'Penyimpanan {file} tidak dapat dibuka: {reason}. Periksa folder data itu lalu coba lagi; jika tetap gagal, jalankan dengan PIJAT_DEBUG=1 dan laporkan pesannya.',
    en: 'The store {file} cannot be opened: {reason}. Check that data folder and try again; if it still fails, run with PIJAT_DEBUG=1 and report the message.',
  },
  permissions_open: {
    id: 'Folder data {dir} atau berkas di dalamnya dapat dibaca pengguna lain komputer ini, dan izinnya tidak dapat dibatasi ({reason}). Nama peserta dapat terbaca. Batasi dengan: chmod 700 {dir} dan chmod 600 {file}',
    en: 'The data folder {dir} or a file in it can be read by other users of this computer, and its permissions cannot be restricted ({reason}). Trainee names may be readable. Restrict them with: chmod 700 {dir} and chmod 600 {file}',
  },

  // --- the recorder, while a live session goes on -----------------------------------------------
  holding: {
    id: 'Data tidak dapat disimpan ({why}). Perekaman berjalan terus: data ditahan di memori ({held} MB dari paling banyak {max} MB, kira-kira {minutes} menit pada laju ini) dan ditulis begitu penyimpanan dapat menerimanya. {fix}',
    en: 'Data cannot be saved ({why}). Recording goes on: the data are held in memory ({held} MB of at most {max} MB, about {minutes} minutes at this rate) and written as soon as the store can take them. {fix}',
  },
  resumed: {
    id: 'Penyimpanan menerima data lagi: {held} MB yang ditahan di memori sudah ditulis. Tidak ada data yang hilang.',
    en: 'The store takes data again: the {held} MB held in memory have been written. Nothing was lost.',
  },
  resumed_with_loss: {
    id: 'Penyimpanan menerima data lagi: data yang ditahan sudah ditulis, tetapi {dropped} MB yang melebihi batas memori {max} MB tidak terekam.',
    en: 'The store takes data again: the held data have been written, but {dropped} MB beyond the memory limit of {max} MB were not recorded.',
  },
  dropping: {
    id: 'Memori untuk data yang ditahan penuh ({max} MB): data baru tidak terekam sampai penyimpanan dapat ditulis lagi. Skor langsung tetap berjalan. {fix}',
    en: 'The memory for held data is full ({max} MB): new data are not recorded until the store can be written again. The live score goes on. {fix}',
  },
  not_saved_at_end: {
    id: 'Pada akhir sesi, {held} MB data tidak dapat disimpan ({why}); yang sudah tersimpan sebelumnya tetap utuh dan dapat dibaca.',
    en: 'At the end of the session, {held} MB of data could not be saved ({why}); what was stored before stays intact and readable.',
  },
  not_recording: {
    id: 'Sesi tidak dapat direkam ({why}): skor langsung berjalan tanpa perekaman. {fix}',
    en: 'The session cannot be recorded ({why}): the live score goes on without recording. {fix}',
  },
  report_not_saved: {
    id: 'Laporan akhir tidak dapat disimpan di penyimpanan ({why}); laporan ditampilkan di bawah. {fix}',
    en: 'The final report could not be saved in the store ({why}); it is shown below. {fix}',
  },

  // why / fix, by kind of fault
  why_full: { id: 'disk penuh', en: 'the disk is full' },
  why_read_only: { id: 'penyimpanan hanya-baca', en: 'the store is read-only' },
  why_locked: { id: 'penyimpanan dikunci program lain', en: 'the store is locked by another program' },
  why_io: { id: 'galat baca/tulis disk', en: 'a disk read/write error' },
  why_other: { id: 'galat penyimpanan', en: 'a store error' },
  fix_full: { id: 'Kosongkan ruang di disk tempat folder data.', en: 'Free space on the disk that holds the data folder.' },
  fix_read_only: { id: 'Jadikan folder data dapat ditulis.', en: 'Make the data folder writable.' },
  fix_locked: { id: 'Tutup program lain yang memakai penyimpanan itu.', en: 'Close the other program that uses the store.' },
  fix_io: { id: 'Periksa disk atau flashdisk tempat folder data.', en: 'Check the disk or USB drive that holds the data folder.' },
  fix_other: { id: 'Periksa folder data.', en: 'Check the data folder.' },
} satisfies Record<string, Entry>;
