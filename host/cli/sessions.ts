// `pijat sessions`: the stored sessions as a table or JSON.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { formatDuration, formatNumber } from '../../shared/i18n/format';
import { Store, resolveDataDir, storeFile, type Session } from '../store';
import { runCommand } from './errors';
import { dataOption, examples, h, langOf, langOption } from './options';
import { table, verdictText } from './render-report';

interface Opts {
  json?: boolean;
  trainee?: string;
  data?: string;
  lang?: string;
}

export function register(program: Command): void {
  program
    .command('sessions')
    .description(h(CLI.cmd_sessions))
    .option('--json', h(CLI.opt_json))
    .option('--trainee <name>', h(CLI.opt_trainee_filter))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat sessions', CLI.ex_sessions],
      ['pijat sessions --trainee "Siti" --json', CLI.ex_sessions_trainee],
      ['pijat sessions --data D:\\kelas-a', CLI.ex_sessions_data],
    ]))
    .action((opts: Opts) => runCommand(langOf(opts), () => listSessions(opts)));
}

function listSessions(opts: Opts): void {
  const lang = langOf(opts);
  const dir = resolveDataDir(opts.data);
  const file = storeFile(dir);
  let sessions: Session[] = [];
  if (existsSync(file)) {
    const store = Store.open(dir, { create: false });
    try {
      sessions = store.listSessions({ trainee: opts.trainee });
    } finally {
      store.close();
    }
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ store: file, sessions })}\n`);
    return;
  }
  if (sessions.length === 0) {
    process.stdout.write(`${t(CLI.sessions_none, lang, { file })}\n`);
    return;
  }
  process.stdout.write(`${t(CLI.sessions_store, lang, { file })}\n\n${sessionTable(sessions, lang)}\n`);
}

/** Local date and time, minutes resolution: 2025-04-25 13:00. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function sessionLength(s: Session): number {
  if (s.ended) return Math.max(0, (Date.parse(s.ended) - Date.parse(s.started)) / 1000);
  return s.recorded_s;
}

export function sessionTable(sessions: Session[], lang: Lang): string {
  const L = (e: (typeof CLI)[keyof typeof CLI]): string => t(e, lang);
  const rows = [[
    L(CLI.col_id), L(CLI.col_trainee), L(CLI.col_cohort), L(CLI.col_profile), L(CLI.col_started),
    L(CLI.col_length), L(CLI.col_status), L(CLI.col_total), L(CLI.col_verdict), L(CLI.col_label),
  ]];
  for (const s of sessions) {
    rows.push([
      String(s.id),
      s.trainee ?? '-',
      s.cohort ?? '-',
      s.profile,
      localTime(s.started),
      formatDuration(sessionLength(s), lang),
      L(CLI[`status_${s.status}`]),
      s.total === null ? '-' : formatNumber(s.total, 0, lang),
      s.verdict === null ? '-' : verdictText(s.verdict as 'pass', lang),
      s.label ?? '',
    ]);
  }
  return table(rows, [true, false, false, false, false, true, false, true, false, false]);
}
