// The pooled sessions of every lab the role may read, as CSV, with a data dictionary (one row per
// column, its meaning in both languages) so an analyst outside the programme can read the file.
import type pg from 'pg';
import type { Entry } from '../../shared/i18n/index';
import { csvField } from '../server/export';
import { phaseOf } from '../../shared/stats/cohort';
import type { PooledFilter } from './pooled';

const CRITERIA = ['pass_duration_s', 'pass_count', 'force_n', 'in_band_fraction', 'cadence_hz', 'regularity_cv', 'bilateral_fraction', 'balance'] as const;

export const POOLED_DICTIONARY: [string, Entry][] = [
  ['lab', { id: 'kode lab (pijat central add-lab)', en: 'lab code (pijat central add-lab)' }],
  ['site', { id: 'tempat lab (sekolah, puskesmas)', en: "lab's site (school, health centre)" }],
  ['cohort', { id: 'kelompok peserta, seperti dicatat di lab', en: 'trainee cohort, as entered in the lab' }],
  ['trainee', { id: 'nama samaran peserta yang tetap (lab-8 heksa); nama asli hanya bila lab mengirim --with-names', en: "trainee's stable pseudonym (lab-8 hex); the real name only when the lab synced --with-names" }],
  ['trainee_name', { id: 'nama peserta (kosong kecuali --with-names)', en: 'trainee name (empty unless --with-names)' }],
  ['session', { id: 'id global sesi (UUID, dibuat di lab)', en: 'global session id (UUID, made in the lab)' }],
  ['local_id', { id: 'nomor sesi di penyimpanan lab', en: "session number in the lab's store" }],
  ['label', { id: 'label sesi (mis. pre / post)', en: 'session label (e.g. pre / post)' }],
  ['phase', { id: 'pre atau post dari label, seperti tabel pra/pasca; kosong bila tidak dikenali', en: 'pre or post from the label, as in the pre/post table; empty when not recognised' }],
  ['started', { id: 'mulai sesi (UTC, ISO 8601)', en: 'session start (UTC, ISO 8601)' }],
  ['status', { id: 'complete, interrupted atau live', en: 'complete, interrupted or live' }],
  ['profile', { id: 'profil SOP penilaian', en: 'SOP profile used for scoring' }],
  ['verdict', { id: 'putusan laporan (pass, borderline, fail, ...)', en: 'report verdict (pass, borderline, fail, ...)' }],
  ['score_total', { id: 'nilai total 0-100', en: 'total score 0-100' }],
  ...CRITERIA.map((c): [string, Entry] => [`score_${c}`, { id: `nilai kriteria ${c} 0-100 (rata-rata bila ada per putaran/tangan)`, en: `score of criterion ${c} 0-100 (mean when given per pass/hand)` }]),
  ['duration_s', { id: 'lama rekaman yang dinilai, detik', en: 'scored recording length, seconds' }],
  ['work_s', { id: 'lama memijat, detik', en: 'time spent massaging, seconds' }],
  ['checklist_ticked', { id: 'butir daftar tilik yang dicentang', en: 'checklist items ticked' }],
  ['massage_at', { id: 'dokumentasi: waktu pemijatan', en: 'documentation: time of the massage' }],
  ['duration_min', { id: 'dokumentasi: lama pemijatan, menit', en: 'documentation: massage duration, minutes' }],
  ['milk_change', { id: 'dokumentasi: perubahan ASI', en: 'documentation: change in milk' }],
];

export function dictionaryCsv(): string {
  return ['column,meaning_id,meaning_en\r\n', ...POOLED_DICTIONARY.map(([c, e]) => [c, e.id, e.en].map(csvField).join(',') + '\r\n')].join('');
}

/** The pooled sessions CSV and how many labs and sessions it holds. */
export async function pooledCsv(c: pg.PoolClient | pg.Pool, filter: PooledFilter = {}): Promise<{ csv: string; sessions: number; labs: number }> {
  const r = await c.query<Record<string, unknown>>(
    `SELECT s.lab, l.site, coalesce(t.cohort, '') AS cohort, t.pseudonym AS trainee, t.name AS trainee_name, s.uuid AS session,
       s.local_id, coalesce(s.label, '') AS label, s.started, s.status, s.profile, r.verdict, r.total AS score_total,
       ${CRITERIA.map((c) => `(SELECT avg((x->>'score')::float8) FROM jsonb_array_elements(r.report->'score'->'criteria') x
          WHERE split_part(x->>'id', '.', 1) = '${c}') AS score_${c}`).join(',\n       ')},
       (r.report->>'duration_s')::float8 AS duration_s, (r.report->>'work_s')::float8 AS work_s,
       (SELECT count(*) FROM pijat.checklist k WHERE k.session_uuid = s.uuid AND k.done) AS checklist_ticked,
       d.massage_at, d.duration_min, d.milk_change
     FROM pijat.sessions s
     LEFT JOIN pijat.labs l ON l.code = s.lab
     LEFT JOIN pijat.trainees t ON t.uuid = s.trainee_uuid
     LEFT JOIN pijat.reports r ON r.session_uuid = s.uuid
     LEFT JOIN pijat.documentation d ON d.session_uuid = s.uuid
     WHERE ($1::text IS NULL OR s.lab = $1) AND ($2::text IS NULL OR coalesce(t.cohort, '') = $2)
       AND ($3::timestamptz IS NULL OR s.started >= $3) AND ($4::timestamptz IS NULL OR s.started < $4)
     ORDER BY s.started, s.uuid`,
    [filter.lab ?? null, filter.cohort ?? null, filter.from ?? null, filter.to ?? null],
  );
  const cols = POOLED_DICTIONARY.map(([c]) => c);
  const labs = new Set<string>();
  const lines = [cols.join(',') + '\r\n'];
  for (const row of r.rows) {
    labs.add(String(row.lab));
    const out = cols.map((c) => {
      if (c === 'phase') return csvField(phaseOf(String(row.label)) ?? '');
      const v = row[c];
      if (v instanceof Date) return csvField(v.toISOString());
      if (typeof v === 'string' && c !== 'session' && /^-?\d+(\.\d+)?$/.test(v) && c !== 'label' && c !== 'cohort') return csvField(Number(v));
      return csvField(v as string | number | null);
    });
    lines.push(out.join(',') + '\r\n');
  }
  return { csv: lines.join(''), sessions: r.rows.length, labs: labs.size };
}
