// `pijat report SESSION`: a stored session as text: who, when, the scored report (re-scored
// from the raw frames when none was saved, e.g. after an interruption), the instructor's
// checklist, the documentation fields and the outcome sheet.
import type { Command } from 'commander';
import { t, type Entry, type Lang, type Params } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { DOCUMENTATION_FIELDS, OUTCOME_DAYS } from '../../shared/i18n/sop';
import { formatDuration, formatNumber } from '../../shared/i18n/format';
import type { Report } from '../../shared/engine/report-schema';
import { Store, resolveDataDir, type Session } from '../store';
import { runCommand } from './errors';
import { dataOption, examples, h, langOf, langOption } from './options';
import { renderReport, table } from './render-report';
import { localTime, sessionLength } from './sessions';
import { replaySession, sessionArg, sessionProfile } from './stored-session';
import { linkSource } from './source-words';

interface Opts {
  lang?: string;
  data?: string;
  profile?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('report')
    .description(h(CLI.cmd_report))
    .argument('<session>', h(CLI.arg_session))
    .option('--profile <name|path>', h(CLI.opt_profile_rescore))
    .option('--json', h(CLI.opt_json))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat report 3', CLI.ex_report],
      ['pijat report 3 --lang en --data D:\\kelas-a', CLI.ex_report_en],
    ]))
    .action((session: string, opts: Opts) => runCommand(langOf(opts), () => reportCommand(session, opts)));
}

/** The saved report, or one made now from the raw frames (and saved, unless still live). */
export async function sessionReport(store: Store, session: Session, lang: Lang, profileFlag?: string): Promise<{ report: Report; rescored: boolean }> {
  const saved = profileFlag ? undefined : store.getReport(session.id);
  if (saved) return { report: saved, rescored: false };
  const profile = await sessionProfile(session, profileFlag);
  const pipe = await replaySession(store, session, profile, t(CLI.progress_rescoring, lang));
  const report = pipe.report();
  if (session.status !== 'live' && !profileFlag) store.saveReport(session.id, report);
  return { report, rescored: true };
}

async function reportCommand(arg: string, opts: Opts): Promise<void> {
  const lang = langOf(opts);
  const id = sessionArg(arg);
  const store = Store.open(resolveDataDir(opts.data), { create: false });
  try {
    const session = store.getSession(id);
    const { report, rescored } = await sessionReport(store, session, lang, opts.profile);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    process.stdout.write(renderSession(store, store.getSession(id), report, rescored, lang));
  } finally {
    store.close();
  }
}

export function renderSession(store: Store, s: Session, report: Report, rescored: boolean, lang: Lang): string {
  const L = (e: Entry, p?: Params): string => t(e, lang, p);
  const out: string[] = [];
  out.push(L(CLI.rep_session, { session: s.id }) + (rescored ? ` ${L(CLI.rep_rescored)}` : ''));
  out.push(L(CLI.rep_session_line, {
    trainee: s.trainee ?? '-',
    cohort: s.cohort ?? '-',
    nim: s.nim ?? '-',
    started: localTime(s.started),
    length: formatDuration(sessionLength(s), lang),
    status: L(CLI[`status_${s.status}`]),
  }));
  out.push(L(CLI.rep_session_source, {
    source: linkSource(s.source, lang),
    device: s.device_id ?? '-',
    label: s.label ?? '-',
    client: s.client ?? '-',
    bytes: s.bytes,
  }));
  out.push('', renderReport(report, lang).trimEnd());

  const list = store.getChecklist(s.id);
  const done = list.filter((c) => c.done === true).length;
  const missed = list.filter((c) => c.done === false);
  const open = list.filter((c) => c.done === null).length;
  out.push('', L(CLI.rep_checklist, { done, total: list.length, missed: missed.length, open }));
  for (const c of list) if (c.done !== null) out.push(`  [${c.done ? 'x' : ' '}] ${c.label[lang]}`);

  const doc = store.getDocumentation(s.id);
  if (doc) {
    out.push('', L(CLI.rep_documentation));
    for (const [key, label] of Object.entries(DOCUMENTATION_FIELDS)) {
      const v = doc[key as keyof typeof doc];
      const text = v === null ? '-' : typeof v === 'number' ? formatNumber(v, 0, lang) : v;
      out.push(`  ${label[lang]}: ${text}`);
    }
  }

  if (s.client) {
    const sheet = store.getOutcome(s.client);
    if (sheet.items.some((i) => i.days.some((d) => d !== null))) {
      out.push('', L(CLI.rep_outcome, { client: s.client }));
      const yn = (d: boolean | null): string => (d === null ? '-' : d ? L(CLI.yes) : L(CLI.no));
      const rows = [[L(CLI.col_item), ...OUTCOME_DAYS.map((n) => L(CLI.col_day, { n }))]];
      for (const i of sheet.items) rows.push([i.label[lang], ...i.days.map(yn)]);
      out.push(table(rows).split('\n').map((l) => `  ${l}`).join('\n'));
    }
  }
  return `${out.join('\n')}\n`;
}
