// The sources behind the SOP and the profiles' numbers, named as a school reads them
// (../shared/SOP.md, "How to name the sources to users"). Profiles and checklist items cite
// sources by file name (000_....txt, REFERENCES.md) for developers; every page, report and CLI
// output turns those citations into these names.
import type { Entry, Lang } from './index';

/** Source documents by their number (the first three digits of the file name). */
export const SOURCE_DOCS: Record<string, { full: Entry; short: Entry }> = {
  '000': {
    full: {
      id: 'SOP Pijat Oksitosin, dengan lembar observasi (Amaliyatussolehah, 2020)',
      en: 'the oxytocin massage SOP with its observation sheet (Amaliyatussolehah, 2020)',
    },
    short: { id: 'SOP', en: 'SOP' },
  },
  '001': {
    full: {
      id: 'Laporan pengabdian masyarakat, pelatihan bidan di Klinik Afisya, Deli Serdang, Sumatera Utara',
      en: 'community-service report: midwife training at the Afisya Clinic, Deli Serdang, North Sumatra',
    },
    short: { id: 'pelatihan bidan Klinik Afisya', en: 'Afisya Clinic midwife training' },
  },
  '002': {
    full: {
      id: 'Studi kuasi-eksperimen pada 30 ibu post partum primipara, Puskesmas se-Kota Mataram',
      en: 'quasi-experiment with 30 primiparous postpartum mothers, Mataram community health centres',
    },
    short: { id: 'studi Puskesmas Kota Mataram', en: 'Mataram health-centre study' },
  },
  '003': {
    full: {
      id: 'Laporan kasus asuhan keperawatan, RS PKU Muhammadiyah Gamping',
      en: 'nursing case report, PKU Muhammadiyah Gamping Hospital',
    },
    short: { id: 'laporan kasus RS PKU Muhammadiyah Gamping', en: 'PKU Muhammadiyah Gamping case report' },
  },
  '004': {
    full: { id: 'Artikel KS Women and Children Clinic (2026)', en: 'article by the KS Women and Children Clinic (2026)' },
    short: { id: 'artikel Klinik KS', en: 'KS Clinic article' },
  },
};

/** Studies the profiles cite from the reference notes, named by what they are. */
const STUDIES: [RegExp, Entry][] = [
  [/tuina/i, { id: 'pengukuran gaya pijat ibu jari Tuina', en: 'the Tuina thumb-kneading force measurements' }],
  [/\bfield\b/i, { id: 'kajian Field tentang tekanan pijat', en: "Field's review of massage pressure" }],
  [/qcpr|zoll/i, { id: 'cara pelatih RJP (QCPR, Zoll) menilai', en: 'how CPR trainers (QCPR, Zoll) score' }],
];

const PROJECT_CHOICE: Entry = { id: 'batas ditetapkan tim Pijat', en: 'limits set by the Pijat team' };

/** The names behind a developer citation ("000_....txt (press firmly); REFERENCES.md: Tuina ..."). */
export function sourceNames(citation: string, lang: Lang, form: 'full' | 'short' = 'full'): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (!out.includes(s)) out.push(s);
  };
  for (const m of citation.matchAll(/\b(\d{3})(?:_[0-9a-f]{16}\.txt)?\b/g)) {
    const doc = SOURCE_DOCS[m[1]!];
    if (doc) add(doc[form][lang]);
  }
  for (const [re, name] of STUDIES) if (re.test(citation)) add(name[lang]);
  if (/project choice/i.test(citation)) add(PROJECT_CHOICE[lang]);
  return out;
}

/** Every name that could be shown, for checks that pages use these and nothing else. */
export function allSourceEntries(): Entry[] {
  return [...Object.values(SOURCE_DOCS).flatMap((d) => [d.full, d.short]), ...STUDIES.map(([, e]) => e), PROJECT_CHOICE];
}
