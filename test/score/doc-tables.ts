// The band tables of docs/SCORING.md, made from the built-in profiles: the doc test checks the
// document holds exactly these, so the rules a trainee reads cannot drift from the data.
// Print them with: npx tsx test/score/doc-tables.ts
import type { Lang } from '../../shared/i18n/index';
import { CRITERION_NAMES } from '../../shared/i18n/report';
import { formatTrim } from '../../shared/i18n/format';
import type { Profile } from '../../shared/profiles/schema';
import { BUILTIN_PROFILES } from '../../shared/profiles/index';
import { bandText } from '../../host/cli/profile';
import { sourceNames } from '../../shared/i18n/sources';

const ORDER = [
  'pass_duration_s', 'pass_count', 'work_s', 'force_n', 'in_band_fraction', 'cadence_hz', 'regularity_cv',
  'bilateral_fraction', 'balance',
] as const;

const HEAD: Record<Lang, string> = {
  id: '| kriteria | target (nilai penuh) | peringatan (isyarat langsung) | lulus | bobot | sumber |',
  en: '| criterion | target (full marks) | warning (live cues) | pass | weight | source |',
};

export function bandsTable(p: Profile, lang: Lang): string {
  const rows = [HEAD[lang], '|---|---|---|---|---|---|'];
  for (const key of ORDER) {
    const c = p.criteria[key];
    if (!c) continue;
    rows.push(`| ${CRITERION_NAMES[key][lang]} | ${bandText(key, c.target, lang)} | ${bandText(key, c.warn, lang)} | `
      + `${bandText(key, c.pass, lang)} | ${formatTrim(c.weight, lang)} | ${sourceNames(c.source, lang, 'short').join('; ')} |`);
  }
  const tooHard = lang === 'id' ? 'Tekanan berlebih (dihitung, dicatat di laporan)' : 'Excess force (counted, noted in the report)';
  rows.push(`| ${tooHard} | > ${formatTrim(p.too_hard_n, lang)} N | | | | |`);
  return rows.join('\n');
}

/** Rewrites the band tables of docs/SCORING.md in place: the table after each `#### <profile id>`, Indonesian section first. */
if (process.argv[1]?.endsWith('doc-tables.ts')) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const file = 'docs/SCORING.md';
  const lines = readFileSync(file, 'utf8').split('\n');
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^#### (\S+)$/.exec(lines[i]!);
    const p = m ? BUILTIN_PROFILES[m[1]!] : undefined;
    if (!p) continue;
    const n = seen.get(p.id) ?? 0;
    seen.set(p.id, n + 1);
    const lang: Lang = n === 0 ? 'id' : 'en';
    let start = i + 1;
    while (start < lines.length && !lines[start]!.startsWith('|')) start++;
    let end = start;
    while (end < lines.length && lines[end]!.startsWith('|')) end++;
    lines.splice(start, end - start, ...bandsTable(p, lang).split('\n'));
  }
  writeFileSync(file, lines.join('\n'));
  console.log(`${file}: ${[...seen.values()].reduce((a, b) => a + b, 0)} tables rewritten`);
}
