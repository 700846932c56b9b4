// The class roster in the pages: the trainee picker on a class tile, the roster page (list,
// import from a school's spreadsheet, edit, delete), correcting or deleting a session, the undo
// bar. Bahasa Indonesia first, English second; same words as the class page ("Peserta",
// "Kelompok"). `{name}` placeholders are filled by `fill()` (./index).
import type { Entry } from './index';

export const rosterStrings = {
  // the roster page
  title: { id: 'Pijat: daftar peserta', en: 'Pijat: trainee roster' },
  heading: { id: 'Daftar peserta', en: 'Trainee roster' },
  link: { id: 'Daftar peserta', en: 'Trainee roster' },
  front_desc: {
    id: 'Peserta kelas dengan NIM dan kelompoknya: impor dari spreadsheet sekolah, cari, ubah, hapus.',
    en: "The class's trainees with their NIM and cohort: import from the school's spreadsheet, search, edit, delete.",
  },
  back_class: { id: 'Tampilan kelas', en: 'Class view' },
  sessions_link: { id: 'Semua sesi', en: 'All sessions' },
  nim: { id: 'NIM', en: 'NIM' },
  name: { id: 'Nama', en: 'Name' },
  cohort: { id: 'Kelompok', en: 'Cohort' },
  sessions: { id: 'Sesi', en: 'Sessions' },
  actions: { id: 'Tindakan', en: 'Actions' },
  search: { id: 'Cari nama atau NIM', en: 'Search name or NIM' },
  all_cohorts: { id: 'Semua kelompok', en: 'All cohorts' },
  no_cohort: { id: 'Tanpa kelompok', en: 'No cohort' },
  count: { id: '{shown} dari {n} peserta', en: '{shown} of {n} trainees' },
  empty: {
    id: 'Belum ada peserta. Impor CSV dari spreadsheet sekolah, atau tambahkan satu per satu.',
    en: "No trainees yet. Import a CSV from the school's spreadsheet, or add them one by one.",
  },
  none_match: { id: 'Tidak ada peserta yang cocok dengan pencarian.', en: 'No trainee matches the search.' },
  add: { id: 'Tambah peserta', en: 'Add trainee' },
  edit: { id: 'Ubah', en: 'Edit' },
  delete: { id: 'Hapus', en: 'Delete' },
  save: { id: 'Simpan', en: 'Save' },
  cancel: { id: 'Batal', en: 'Cancel' },
  saved: { id: 'Tersimpan', en: 'Saved' },
  history: { id: 'riwayat', en: 'history' },

  // import
  import_title: { id: 'Impor dari spreadsheet', en: 'Import from a spreadsheet' },
  import_hint: {
    id: 'Simpan lembar peserta sebagai CSV dengan kolom NIM, nama dan kelompok (pemisah koma atau titik koma), lalu pilih berkasnya atau tarik ke kotak ini.',
    en: 'Save the trainee sheet as CSV with the columns NIM, name and cohort (comma or semicolon separated), then choose it or drop it on this box.',
  },
  import_choose: { id: 'Pilih berkas CSV', en: 'Choose a CSV' },
  import_checking: { id: 'Memeriksa {file}…', en: 'Checking {file}…' },
  preview_title: { id: 'Pratinjau impor: {file}', en: 'Import preview: {file}' },
  preview_new: { id: 'Baru', en: 'New' },
  preview_updated: { id: 'Diperbarui', en: 'Updated' },
  preview_unchanged: { id: 'Tidak berubah', en: 'Unchanged' },
  preview_errors: { id: 'Bermasalah', en: 'With errors' },
  preview_line: { id: 'Baris', en: 'Line' },
  preview_field: { id: 'Kolom', en: 'Column' },
  preview_problem: { id: 'Masalah', en: 'Problem' },
  preview_skip_note: {
    id: 'Baris bermasalah dilewati. Perbaiki di spreadsheet lalu impor lagi untuk menambahkannya.',
    en: 'Lines with errors are skipped. Fix them in the spreadsheet and import again to add them.',
  },
  preview_nothing: { id: 'Tidak ada yang baru atau berubah.', en: 'Nothing new or changed.' },
  import_confirm: { id: 'Impor sekarang', en: 'Import now' },
  import_done: {
    id: 'Impor selesai: {created} baru, {updated} diperbarui, {unchanged} tidak berubah.',
    en: 'Import done: {created} new, {updated} updated, {unchanged} unchanged.',
  },
  import_failed: { id: 'Impor gagal: {reason}', en: 'Import failed: {reason}' },

  // deleting and the undo bar
  delete_trainee_title: { id: 'Hapus peserta {who}?', en: 'Delete trainee {who}?' },
  delete_trainee_sessions: {
    id: '{n} sesi miliknya (rekaman dan laporan) ikut terhapus.',
    en: 'Their {n} sessions (recordings and reports) go with them.',
  },
  delete_trainee_no_sessions: { id: 'Belum ada sesi miliknya.', en: 'They have no sessions yet.' },
  delete_undo_note: {
    id: 'Masih bisa diurungkan selama {min} menit.',
    en: 'You can still undo this for {min} minutes.',
  },
  delete_session_title: { id: 'Hapus sesi #{id}?', en: 'Delete session #{id}?' },
  delete_session_body: {
    id: '{who}, {date}, label "{label}". Rekaman dan laporannya ikut terhapus.',
    en: '{who}, {date}, label "{label}". Its recording and report go with it.',
  },
  deleted_trainee: { id: 'Peserta dihapus', en: 'Trainee deleted' },
  deleted_session: { id: 'Sesi dihapus', en: 'Session deleted' },
  undo: { id: 'Urungkan', en: 'Undo' },
  undo_left: { id: 'sisa {time}', en: '{time} left' },
  undo_close: { id: 'Tutup', en: 'Close' },
  restored_trainee: { id: 'Peserta {who} dikembalikan.', en: 'Trainee {who} restored.' },
  restored_session: { id: 'Sesi #{id} dikembalikan.', en: 'Session #{id} restored.' },
  session_live: {
    id: 'Sesi sedang merekam: hentikan dulu di tampilan kelas, baru bisa dihapus.',
    en: 'The session is recording: stop it in the class view first, then it can be deleted.',
  },
  session_live_short: { id: 'sedang merekam', en: 'recording' },

  // correcting a session
  correct: { id: 'Koreksi', en: 'Correct' },
  correct_title: { id: 'Koreksi sesi #{id}', en: 'Correct session #{id}' },
  session_trainee: { id: 'Peserta', en: 'Trainee' },
  session_label: { id: 'Label sesi', en: 'Session label' },

  // the picker (class tile, session correction)
  picker_label: { id: 'Pilih peserta', en: 'Choose a trainee' },
  picker_placeholder: { id: 'Ketik nama atau NIM', en: 'Type a name or NIM' },
  picker_nobody: { id: '(tanpa peserta)', en: '(no trainee)' },
  picker_new: { id: 'Peserta baru…', en: 'New trainee…' },
  picker_new_named: { id: 'Peserta baru: "{q}"…', en: 'New trainee: "{q}"…' },
  picker_no_match: { id: 'Tidak ada yang cocok.', en: 'Nobody matches.' },
  picker_more: { id: '…dan {n} lagi: ketik lebih banyak', en: '…and {n} more: type more' },
  picker_loading: { id: 'Memuat daftar peserta…', en: 'Loading the roster…' },
  new_title: { id: 'Peserta baru', en: 'New trainee' },
  create: { id: 'Tambahkan', en: 'Add' },
  name_needed: { id: 'Isi nama peserta.', en: "Fill in the trainee's name." },

  // the class tile
  set_cohort: { id: 'Atur kelompok', en: 'Set cohort' },
  cohort_add: { id: '+ kelompok', en: '+ cohort' },
  change_trainee: { id: 'Ganti peserta', en: 'Change trainee' },

  // errors
  offline: {
    id: 'Server kelas tidak menjawab ({reason}). Periksa apakah "pijat serve" masih berjalan.',
    en: 'The class server does not answer ({reason}). Check that "pijat serve" is still running.',
  },
  failed: { id: 'Gagal: {reason}', en: 'Failed: {reason}' },
} satisfies Record<string, Entry>;

export type RosterKey = keyof typeof rosterStrings;
