// `pijat sessions`: the stored sessions as a table or JSON; `edit`, `delete` (asking first;
// restorable for 10 minutes) and `restore` correct them.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { formatDuration, formatNumber } from '../../shared/i18n/format';
import { ROSTER, ROSTER_CLI as R } from '../../shared/i18n/roster';
import { RosterError, Store, resolveDataDir, storeFile, type Session } from '../store';
import { UserError, runCommand } from './errors';
import { confirmDelete, findTraineeRef, sessionNumber, sessionText, shortTime, textOption, withStore } from './roster-support';
import { dataOption, examples, h, langOf, langOption } from './options';
import { table, verdictText } from './render-report';

interface Opts {
  json?: boolean;
  trainee?: string;
  data?: string;
  lang?: string;
}

interface EditOpts {
  trainee?: string;
  label?: string;
  data?: string;
  lang?: string;
}

interface DeleteOpts {
  yes?: boolean;
  data?: string;
  lang?: string;
}

export function register(program: Command): void {
  const help = examples([
    ['pijat sessions', CLI.ex_sessions],
    ['pijat sessions --trainee "Siti" --json', CLI.ex_sessions_trainee],
    ['pijat sessions --data D:\\kelas-a', CLI.ex_sessions_data],
    ['pijat sessions edit 12 --trainee 2101001 --label post', R.ex_sessions_edit],
    ['pijat sessions delete 12', R.ex_sessions_delete],
    ['pijat sessions restore 12 --data /media/usb/kelas-a', R.ex_sessions_restore],
  ]);
  // Listing is the default subcommand (`pijat sessions [--json] [--trainee NAME]` as before), so
  // that the options after `edit`, `delete` or `restore` reach those (edit's --trainee is a NIM
  // or number, not a name filter).
  const cmd = program.command('sessions').description(h(CLI.cmd_sessions)).helpCommand(false).addHelpText('after', help);
  cmd
    .command('list', { isDefault: true })
    .description(h(CLI.cmd_sessions))
    .option('--json', h(CLI.opt_json))
    .option('--trainee <name>', h(CLI.opt_trainee_filter))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', help)
    .action((opts: Opts) => runCommand(langOf(opts), () => listSessions(opts)));

  cmd
    .command('edit')
    .description(h(R.cmd_sessions_edit))
    .argument('<session>', h(R.arg_session))
    .option('--trainee <nim|id>', h(R.opt_session_trainee))
    .option('--label <text>', h(R.opt_session_label))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat sessions edit 12 --trainee 2101001 --label post', R.ex_sessions_edit],
      ['pijat sessions edit 12 --label "" --data D:\\kelas-a', R.ex_sessions_edit],
    ]))
    .action((id: string, opts: EditOpts) => runCommand(langOf(opts), () => editSession(id, opts)));

  cmd
    .command('delete')
    .description(h(R.cmd_sessions_delete))
    .argument('<session>', h(R.arg_session))
    .option('--yes', h(R.opt_yes))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat sessions delete 12', R.ex_sessions_delete],
      ['pijat sessions delete 12 --yes --data D:\\kelas-a', R.ex_sessions_delete_data],
    ]))
    .action((id: string, opts: DeleteOpts) => runCommand(langOf(opts), () => deleteSession(id, opts)));

  cmd
    .command('restore')
    .description(h(R.cmd_sessions_restore))
    .argument('<session>', h(R.arg_session))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat sessions restore 12', R.ex_sessions_restore],
      ['pijat sessions restore 12 --data /media/usb/kelas-a', R.ex_sessions_restore],
    ]))
    .action((id: string, opts: { data?: string; lang?: string }) => runCommand(langOf(opts), () => restoreSession(id, opts)));
}

function editSession(arg: string, opts: EditOpts): void {
  const lang = langOf(opts);
  const id = sessionNumber(arg);
  const label = textOption('--label', opts.label, 0, 200, t(ROSTER.bad_label, lang));
  if (opts.trainee === undefined && label === undefined) {
    throw new UserError(R.edit_nothing, { options: '--trainee, --label' });
  }
  const s = withStore(opts.data, false, (store) => {
    store.getSession(id);
    const trainee = opts.trainee === undefined ? undefined : findTraineeRef(store, opts.trainee).id;
    store.db.transaction(() => {
      if (trainee !== undefined) store.setSessionTrainee(id, trainee);
      if (label !== undefined) store.setSessionLabel(id, label === '' ? null : label);
    })();
    return store.getSession(id);
  });
  const who = s.trainee ? (s.nim ? `${s.trainee} (NIM ${s.nim})` : s.trainee) : '-';
  process.stdout.write(`${t(R.session_edited, lang, { session: s.id, trainee: who, label: s.label ?? '-' })}\n`);
}

async function deleteSession(arg: string, opts: DeleteOpts): Promise<void> {
  const lang = langOf(opts);
  const id = sessionNumber(arg);
  const store = Store.open(resolveDataDir(opts.data), { create: false });
  try {
    const s = store.getSession(id);
    // Refused before asking: a running session cannot be deleted whatever the answer.
    if (s.status === 'live') throw new RosterError('session_live', ROSTER.session_live, { session: id });
    const question = t(R.confirm_session, lang, { session: id, ...sessionText(s, lang) });
    if (!(await confirmDelete(question, opts.yes, `pijat sessions delete ${id}`, lang))) {
      process.exitCode = 1;
      return;
    }
    const d = store.deleteSession(id);
    process.stdout.write(`${t(R.session_deleted_undo, lang, { session: id, until: shortTime(d.undo_until, lang) })}\n`);
  } finally {
    store.close();
  }
}

function restoreSession(arg: string, opts: { data?: string; lang?: string }): void {
  const lang = langOf(opts);
  const id = sessionNumber(arg);
  const s = withStore(opts.data, false, (store) => store.restoreSession(id));
  process.stdout.write(`${t(R.session_restored, lang, { session: id, ...sessionText(s, lang) })}\n`);
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
