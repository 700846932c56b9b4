// Where a recording came from, in words: the report's 'raw' / 'csv' / 'live' and a link's
// `sim:<scenario>:<seed>` are ids (kept in --json); a port or file path is the user's own.
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';

/** A report's recording source ('raw', 'csv', 'live') in `lang`. */
export function recordingSource(source: string, lang: Lang): string {
  if (source === 'raw') return t(CLI.rep_source_raw, lang);
  if (source === 'csv') return t(CLI.rep_source_csv, lang);
  if (source === 'live') return t(CLI.rep_source_live, lang);
  return source;
}

/** A link or stored session's source: `sim:good:1` (or `sim:good#sim-1`) as a simulated glove, a path as it is. */
export function linkSource(source: string, lang: Lang): string {
  const sim = /^sim:([\w-]+)(?:[:#].*)?$/.exec(source);
  return sim ? t(CLI.rep_source_sim, lang, { scenario: sim[1]! }) : source;
}
