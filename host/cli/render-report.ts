// A scored Report as text for the terminal (`pijat score`, `pijat report`), in one language.
import { criterionBand, criterionValue, tempoText } from '../../shared/i18n/criteria';
import type { Report } from '../../shared/engine/report-schema';
import { t, type Entry, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { PASS_EDGE, REPORT, criterionLabel } from '../../shared/i18n/report';
import {
  formatClock, formatDuration, formatNumber, formatPercent, formatTrim,
} from '../../shared/i18n/format';
import { recordingSource } from './source-words';
import { builtinProfileData, isBuiltinId } from '../../shared/profiles/builtin';

/** Lays rows out in columns; `right` marks right-aligned columns. */
export function table(rows: string[][], right: boolean[] = []): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows
    .map((r) =>
      r.map((c, i) => {
        const pad = widths[i]! - [...c].length;
        return right[i] ? ' '.repeat(pad) + c : c + ' '.repeat(i === r.length - 1 ? 0 : pad);
      }).join('  ').trimEnd(),
    )
    .join('\n');
}


export function verdictText(verdict: Report['verdict'], lang: Lang): string {
  return REPORT[`verdict_${verdict}`][lang];
}

/** Times in the report to the nearest second, in the one clock format. */
function clock(seconds: number): string {
  return formatClock(Math.round(seconds));
}

const num = (x: number | null, d: number, lang: Lang): string => (x === null ? '-' : formatNumber(x, d, lang));

/** The whole report: headline, criteria, passes, deductions, notes. */
export function renderReport(r: Report, lang: Lang, title?: string): string {
  const L = (e: Entry, p?: Record<string, string | number>): string => t(e, lang, p);
  const out: string[] = [];
  if (title) out.push(title);
  const rec = r.recording;
  out.push(isBuiltinId(r.profile)
    ? L(CLI.rep_profile_named, { name: builtinProfileData(r.profile).name[lang], profile: r.profile })
    : L(CLI.rep_profile, { profile: r.profile }));
  out.push(L(CLI.rep_recording, {
    source: recordingSource(rec.source, lang),
    samples: rec.samples,
    rate: rec.rate_hz === null ? '-' : formatNumber(rec.rate_hz, 0, lang),
    lost: rec.lost_frames,
    crc: rec.crc_errors,
  }) + (rec.device_id === null ? '' : `, ${L(CLI.rep_device, { device: rec.device_id })}`));
  out.push(L(CLI.rep_duration, { duration: formatDuration(r.duration_s, lang), work: formatDuration(r.work_s, lang) }));
  if (rec.gap_count || rec.restarts || rec.reconnects || rec.duplicates) {
    out.push(L(CLI.rep_link, {
      n: rec.gap_count ?? 0, dur: formatDuration(rec.gap_s ?? 0, lang),
      restarts: rec.restarts ?? 0, re: rec.reconnects ?? 0, dup: rec.duplicates ?? 0,
    }));
    // The long gaps one by one (a second or more, or a restart whose length a file cannot tell).
    for (const g of (rec.gaps ?? []).filter((x) => x.duration_s >= 1 || x.cause === 'restart').slice(0, 10)) {
      const dur = g.cause === 'restart' && g.duration_s < 1 ? L(CLI.rep_gap_unknown) : formatDuration(g.duration_s, lang);
      out.push(`  ${L(CLI.rep_gap, { at: clock(g.start_s), dur, cause: REPORT[`gap_cause_${g.cause}`][lang] })}`);
    }
  }
  out.push('');
  const total = r.score.total === null ? '-' : formatNumber(r.score.total, 0, lang);
  out.push(L(CLI.rep_total, { total, verdict: verdictText(r.verdict, lang).toUpperCase() }));

  if (r.score.criteria.length > 0) {
    out.push('', L(CLI.rep_criteria));
    const rows = [[L(CLI.col_criterion), L(CLI.col_value), L(CLI.col_target), L(CLI.col_score), L(CLI.col_weight), L(CLI.col_passed)]];
    for (const c of r.score.criteria) {
      rows.push([
        criterionLabel(c.id, lang),
        criterionValue(c.id, c.value, lang),
        criterionBand(c.id, c.target, lang),
        formatNumber(c.score, 0, lang),
        formatTrim(c.weight, lang),
        c.passed ? L(CLI.yes) : L(CLI.no),
      ]);
    }
    out.push(indent(table(rows, [false, true, false, true, true, false])));
  }

  out.push('', L(CLI.rep_passes, { n: r.passes.length }));
  if (r.passes.length > 0) {
    const rows = [[
      L(CLI.col_pass), L(CLI.col_start), L(CLI.col_end), L(CLI.col_duration), L(CLI.col_cadence),
      L(CLI.col_circles), L(CLI.col_left_n), L(CLI.col_right_n), L(CLI.col_both),
    ]];
    for (const p of r.passes) {
      rows.push([
        String(p.index), clock(p.start_s), clock(p.end_s), formatDuration(p.duration_s, lang),
        tempoText(p.cadence_hz, lang),
        String(p.circles), num(p.mean_force_left_n, 1, lang), num(p.mean_force_right_n, 1, lang),
        formatPercent(p.bilateral_fraction, lang),
      ]);
    }
    out.push(indent(table(rows, [true, true, true, true, true, true, true, true, true])));
    for (const p of r.passes) {
      const marks = [
        ...(p.started_before_recording ? [L(PASS_EDGE.early)] : []),
        ...(p.ended_after_recording ? [L(PASS_EDGE.late)] : []),
        ...(p.started_in_gap ? [L(PASS_EDGE.gapStart)] : []),
        ...(p.ended_in_gap ? [L(PASS_EDGE.gapEnd)] : []),
        ...(p.gap_s && p.gap_s > 0 ? [L(CLI.rep_pass_gap, { dur: formatDuration(p.gap_s, lang) })] : []),
      ];
      if (marks.length) out.push(`  ${L(CLI.col_pass)} ${p.index}: ${marks.join('; ')}`);
    }
  }

  out.push('', L(CLI.rep_deductions, { n: r.deductions.length }));
  for (const d of r.deductions) {
    out.push(`  -${formatNumber(d.points, 1, lang)}  ${criterionLabel(d.criterion, lang)}: ${d.reason[lang]}`);
  }
  if (r.notes && r.notes.length > 0) {
    out.push('', L(CLI.rep_notes));
    for (const n of r.notes) out.push(`  * ${n[lang]}`);
  }
  return out.join('\n') + '\n';
}

function indent(s: string): string {
  return s.split('\n').map((l) => `  ${l}`).join('\n');
}
