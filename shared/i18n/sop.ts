// The SOP's paper forms as data: the instructor's procedure checklist (seed 000, with the
// additions of seeds 003 and 004 marked by their source), the documentation fields of seed 003
// and the 3-day outcome observation sheet of seed 000. Ids are stable: the store keys on them.
import type { Entry } from './index';

export type ChecklistPhase = 'assessment' | 'preparation' | 'equipment' | 'orientation' | 'work' | 'closing';

export interface ChecklistItem {
  id: string;
  phase: ChecklistPhase;
  label: Entry;
  /** Seed file number the item comes from (../shared/seeds/). */
  source: string;
}

export const CHECKLIST_PHASES: Record<ChecklistPhase, Entry> = {
  assessment: { id: 'Pengkajian', en: 'Assessment' },
  preparation: { id: 'Persiapan pasien', en: 'Patient preparation' },
  equipment: { id: 'Persiapan alat', en: 'Equipment' },
  orientation: { id: 'Fase orientasi', en: 'Orientation phase' },
  work: { id: 'Fase kerja', en: 'Work phase' },
  closing: { id: 'Penutup', en: 'Closing' },
};

export const CHECKLIST_ITEMS: readonly ChecklistItem[] = [
  { id: 'assess_breasts', phase: 'assessment', source: '000', label: {
    id: 'Mengkaji payudara ibu (bentuk, puting, produksi ASI)',
    en: 'Assess the breasts (shape, nipples, milk production)' } },
  { id: 'prep_explain', phase: 'preparation', source: '000', label: {
    id: 'Menjelaskan tindakan yang akan dilakukan', en: 'Explain the procedure' } },
  { id: 'prep_environment', phase: 'preparation', source: '000', label: {
    id: 'Mengatur lingkungan yang aman dan nyaman', en: 'Arrange a safe, comfortable environment' } },
  { id: 'prep_privacy', phase: 'preparation', source: '000', label: {
    id: 'Memperhatikan privasi', en: 'Respect privacy' } },
  { id: 'prep_wash_hands', phase: 'preparation', source: '003', label: {
    id: 'Mencuci tangan sesuai standar pencegahan infeksi', en: 'Wash hands (infection prevention standard)' } },
  { id: 'equip_room', phase: 'equipment', source: '000', label: { id: 'Ruangan yang hangat', en: 'Warm room' } },
  { id: 'equip_oil', phase: 'equipment', source: '000', label: {
    id: 'Baby oil / minyak pijat secukupnya', en: 'Baby oil or massage oil' } },
  { id: 'equip_towel', phase: 'equipment', source: '000', label: { id: 'Handuk', en: 'Towel' } },
  { id: 'equip_pillow', phase: 'equipment', source: '000', label: { id: 'Bantal', en: 'Pillow' } },
  { id: 'equip_chair', phase: 'equipment', source: '000', label: { id: 'Kursi', en: 'Chair' } },
  { id: 'orient_greet', phase: 'orientation', source: '000', label: {
    id: 'Mengucapkan salam dan memperkenalkan diri', en: 'Greet and introduce yourself' } },
  { id: 'orient_purpose', phase: 'orientation', source: '000', label: {
    id: 'Menjelaskan tujuan tindakan', en: 'Explain the purpose' } },
  { id: 'orient_steps', phase: 'orientation', source: '000', label: {
    id: 'Menjelaskan langkah prosedur', en: 'Explain the steps' } },
  { id: 'orient_ready', phase: 'orientation', source: '000', label: {
    id: 'Menanyakan kesiapan ibu', en: 'Ask whether the mother is ready' } },
  { id: 'orient_time', phase: 'orientation', source: '000', label: {
    id: 'Kontrak waktu', en: 'Agree on the time' } },
  { id: 'work_position', phase: 'work', source: '000', label: {
    id: 'Melepas baju atas ibu, ibu condong dan memeluk bantal, memasang handuk, melumuri kedua telapak tangan dengan minyak',
    en: 'Upper clothes off, mother leans and hugs a pillow, towel placed, both palms oiled' } },
  { id: 'work_fists', phase: 'work', source: '000', label: {
    id: 'Memijat sepanjang kedua sisi tulang belakang dengan dua kepalan tangan, ibu jari menunjuk ke depan',
    en: 'Massage along both sides of the spine with two fists, thumbs pointing forward' } },
  { id: 'work_circles', phase: 'work', source: '000', label: {
    id: 'Menekan kuat kedua sisi tulang belakang dengan gerakan melingkar kecil-kecil memakai kedua ibu jari',
    en: 'Press both sides of the spine firmly in small circles with both thumbs' } },
  { id: 'work_downward', phase: 'work', source: '000', label: {
    id: 'Bersamaan memijat ke arah bawah dari leher ke tulang belikat selama 2-3 menit, diulang hingga 3 kali',
    en: 'At the same time move down from the neck toward the shoulder blades for 2-3 minutes, up to 3 times' } },
  { id: 'work_relaxed', phase: 'work', source: '003', label: {
    id: 'Memastikan ibu bernapas perlahan dan rileks selama pijatan',
    en: 'Make sure the mother breathes slowly and relaxes during the massage' } },
  { id: 'close_stroke_out', phase: 'closing', source: '004', label: {
    id: 'Mengusap area yang dipijat ke arah luar', en: 'Stroke the massaged area outward' } },
  { id: 'close_clean_back', phase: 'closing', source: '004', label: {
    id: 'Membersihkan punggung dengan handuk hangat', en: 'Clean the back with a warm towel' } },
];

/** Documentation of one massage (seed 003, "Dokumentasi" 1-4). */
export const DOCUMENTATION_FIELDS = {
  massage_at: { id: 'Waktu pelaksanaan pijat', en: 'Time of the massage' },
  duration_min: { id: 'Durasi pijat (menit)', en: 'Duration of the massage (minutes)' },
  mother_response: { id: 'Respons ibu terhadap pijatan', en: "Mother's response to the massage" },
  milk_change: { id: 'Perubahan produksi atau pengeluaran ASI', en: 'Change in milk production or output' },
  follow_up: { id: 'Tindak lanjut atau edukasi yang diberikan', en: 'Follow-up or education given' },
} satisfies Record<string, Entry>;
export type DocumentationField = keyof typeof DOCUMENTATION_FIELDS;

export interface OutcomeItem {
  id: string;
  label: Entry;
  source: string;
}

/** Outcome observation sheet (seed 000, "Lembaran observasi"): yes/no on days 1, 2 and 3. */
export const OUTCOME_ITEMS: readonly OutcomeItem[] = [
  { id: 'feeds_over_8', source: '000', label: {
    id: 'Bayi menyusu lebih dari 8 kali sehari', en: 'Baby feeds more than 8 times a day' } },
  { id: 'urine_6_8', source: '000', label: {
    id: 'Bayi BAK 6-8 kali atau lebih sehari', en: 'Baby urinates 6-8 or more times a day' } },
  { id: 'calm_sleeps', source: '000', label: {
    id: 'Bayi tenang, tidur nyenyak 2-3 jam', en: 'Baby calm, sleeps soundly 2-3 hours' } },
  { id: 'stool_over_3', source: '000', label: {
    id: 'Bayi BAB lebih dari 3 kali sehari', en: 'Baby passes stool more than 3 times a day' } },
  { id: 'stool_yellow_soft', source: '000', label: {
    id: 'BAB bayi berwarna kekuningan, lunak atau cair', en: 'Stool yellowish, soft or liquid' } },
];
export const OUTCOME_DAYS = [1, 2, 3] as const;
