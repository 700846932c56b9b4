// `pijat trainees`: the class roster in the store. Lists (with --cohort, --search, --json), adds,
// imports a roster CSV (shared/roster-csv.ts, the same reader as the class server's import),
// edits, deletes (asking first; restorable for 10 minutes) and restores trainees.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { ROSTER, ROSTER_CLI as R } from '../../shared/i18n/roster';
import { parseRoster } from '../../shared/roster-csv';
import { RosterError, Store, resolveDataDir, storeFile, type Trainee } from '../store';
import { UserError, runCommand } from './errors';
import { dataOption, examples, h, langOf, langOption } from './options';
import { table } from './render-report';
import { confirmDelete, findTraineeRef, restoreRef, shortTime, textOption, whoText, withStore } from './roster-support';

/** The largest roster file read (as the class server's import). */
const MAX_FILE_BYTES = 1024 * 1024;

interface Common {
  data?: string;
  lang?: string;
}
interface ListOpts extends Common {
  cohort?: string;
  search?: string;
  json?: boolean;
}
interface EditOpts extends Common {
  nim?: string;
  name?: string;
  cohort?: string;
}
interface ImportOpts extends Common {
  dryRun?: boolean;
  skipBad?: boolean;
}
interface DeleteOpts extends Common {
  yes?: boolean;
}

export function register(program: Command): void {
  const help = examples([
    ['pijat trainees', R.ex_trainees],
    ['pijat trainees --cohort 2026-A --search siti --json', R.ex_trainees_search],
    ['pijat trainees add --nim 2101001 --name "Siti Aminah" --cohort 2026-A', R.ex_trainees_add],
    ['pijat trainees import C:\\Users\\dosen\\Documents\\daftar.csv --dry-run', R.ex_trainees_import],
    ['pijat trainees import ~/daftar.csv --skip-bad --data /media/usb/kelas-a', R.ex_trainees_import_linux],
    ['pijat trainees edit 2101001 --name "Siti Aminah Putri"', R.ex_trainees_edit],
    ['pijat trainees delete 12 --yes', R.ex_trainees_delete],
    ['pijat trainees restore 2101001', R.ex_trainees_restore],
  ]);
  // The list is the default subcommand, so that `--data`, `--lang` and `--cohort` after any
  // subcommand's name reach that subcommand (a parent's options would take them first).
  const cmd = program.command('trainees').description(h(R.cmd_trainees)).helpCommand(false).addHelpText('after', help);
  cmd
    .command('list', { isDefault: true })
    .description(h(R.cmd_trainees))
    .option('--cohort <name>', h(R.opt_cohort_filter))
    .option('--search <text>', h(R.opt_search))
    .option('--json', h(CLI.opt_json))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', help)
    .action((opts: ListOpts) => runCommand(langOf(opts), () => list(opts)));

  cmd
    .command('add')
    .description(h(R.cmd_trainees_add))
    .requiredOption('--nim <nim>', h(R.opt_nim))
    .requiredOption('--name <name>', h(R.opt_name))
    .option('--cohort <name>', h(R.opt_cohort))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat trainees add --nim 2101001 --name "Siti Aminah" --cohort 2026-A', R.ex_trainees_add],
      ['pijat trainees add --nim 2101002 --name "Ayu" --data D:\\kelas-a', R.ex_trainees_add],
    ]))
    .action((opts: EditOpts) => runCommand(langOf(opts), () => add(opts)));

  cmd
    .command('import')
    .description(h(R.cmd_trainees_import))
    .argument('<file>', h(R.arg_file))
    .option('--dry-run', h(R.opt_dry_run))
    .option('--skip-bad', h(R.opt_skip_bad))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat trainees import C:\\Users\\dosen\\Documents\\daftar.csv --dry-run', R.ex_trainees_import],
      ['pijat trainees import ~/daftar.csv --skip-bad', R.ex_trainees_import_linux],
    ]))
    .action((file: string, opts: ImportOpts) => runCommand(langOf(opts), () => importFile(file, opts)));

  cmd
    .command('edit')
    .description(h(R.cmd_trainees_edit))
    .argument('<trainee>', h(R.arg_trainee))
    .option('--nim <nim>', h(R.opt_nim))
    .option('--name <name>', h(R.opt_name))
    .option('--cohort <name>', h(R.opt_cohort))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat trainees edit 2101001 --name "Siti Aminah Putri"', R.ex_trainees_edit],
      ['pijat trainees edit 12 --nim 2101009 --cohort "" --data D:\\kelas-a', R.ex_trainees_edit],
    ]))
    .action((ref: string, opts: EditOpts) => runCommand(langOf(opts), () => edit(ref, opts)));

  cmd
    .command('delete')
    .description(h(R.cmd_trainees_delete))
    .argument('<trainee>', h(R.arg_trainee))
    .option('--yes', h(R.opt_yes))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat trainees delete 12 --yes', R.ex_trainees_delete],
      ['pijat trainees delete 2101001 --data D:\\kelas-a', R.ex_trainees_delete],
    ]))
    .action((ref: string, opts: DeleteOpts) => runCommand(langOf(opts), () => remove(ref, opts)));

  cmd
    .command('restore')
    .description(h(R.cmd_trainees_restore))
    .argument('<trainee>', h(R.arg_trainee))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat trainees restore 2101001', R.ex_trainees_restore],
      ['pijat trainees restore 12 --data /media/usb/kelas-a', R.ex_trainees_restore],
    ]))
    .action((ref: string, opts: Common) => runCommand(langOf(opts), () => restore(ref, opts)));
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function list(opts: ListOpts): void {
  const lang = langOf(opts);
  const file = storeFile(resolveDataDir(opts.data));
  let trainees: Trainee[] = [];
  const sessions = new Map<number, number>();
  if (existsSync(file)) {
    withStore(opts.data, false, (store) => {
      trainees = store.searchTrainees({ cohort: opts.cohort, q: opts.search });
      for (const s of store.listSessions()) if (s.trainee_id !== null) sessions.set(s.trainee_id, (sessions.get(s.trainee_id) ?? 0) + 1);
    });
  }
  if (opts.json) {
    const rows = trainees.map((x) => ({ id: x.id, nim: x.nim, name: x.name, cohort: x.cohort, sessions: sessions.get(x.id) ?? 0, uuid: x.uuid, created: x.created }));
    say(JSON.stringify({ store: file, trainees: rows }));
    return;
  }
  if (trainees.length === 0) {
    say(opts.cohort !== undefined || opts.search !== undefined ? t(R.trainees_none_match, lang) : t(R.trainees_none, lang, { file }));
    return;
  }
  const L = (e: (typeof R)[keyof typeof R]): string => t(e, lang);
  const rows = [[L(R.col_trainee_id), L(R.col_nim), L(R.col_name), L(R.col_cohort), L(R.col_sessions)]];
  for (const x of trainees) rows.push([String(x.id), x.nim ?? '-', x.name, x.cohort ?? '-', String(sessions.get(x.id) ?? 0)]);
  say(table(rows, [true, false, false, false, true]));
}

/** --name and --cohort as the class server takes them (trimmed, no control characters). */
function checked(opts: EditOpts, lang: Lang): EditOpts {
  return {
    nim: opts.nim,
    name: textOption('--name', opts.name, 1, 120, t(ROSTER.bad_name, lang)),
    cohort: textOption('--cohort', opts.cohort, 0, 120, t(ROSTER.bad_cohort, lang)),
  };
}

function add(opts: EditOpts): void {
  const lang = langOf(opts);
  const o = checked(opts, lang);
  const x = withStore(opts.data, true, (store) => store.createTrainee(o.name!, o.cohort || null, o.nim));
  say(t(R.trainee_added, lang, { trainee: x.id, who: whoText(x, lang) }));
}

function edit(ref: string, opts: EditOpts): void {
  const lang = langOf(opts);
  const o = checked(opts, lang);
  if (o.nim === undefined && o.name === undefined && o.cohort === undefined) {
    throw new UserError(R.edit_nothing, { options: '--nim, --name, --cohort' });
  }
  const x = withStore(opts.data, false, (store) => store.updateTrainee(findTraineeRef(store, ref).id, o));
  say(t(R.trainee_edited, lang, { trainee: x.id, who: whoText(x, lang) }));
}

function readRoster(file: string): string {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) throw new UserError(R.import_too_large, { file, size, limit: MAX_FILE_BYTES });
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(CLI.file_unreadable, { file, reason: (err as Error).message });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(ROSTER.csv_not_utf8);
  }
}

function importFile(file: string, opts: ImportOpts): void {
  const lang = langOf(opts);
  const parsed = parseRoster(readRoster(file));
  for (const e of parsed.errors) process.stderr.write(`${file}: ${e.message[lang]}\n`);
  const bad = parsed.errors.length;
  const result = withStore(opts.data, true, (store) => store.importRoster(parsed.rows, { dryRun: opts.dryRun, skipBad: opts.skipBad, bad }));
  // Nothing written (a dry run, or refused for bad rows): the counts are what the file holds.
  const counts = { created: result.created, updated: result.updated, unchanged: result.unchanged };
  say(t(result.written ? R.import_summary : R.import_preview, lang, counts));
  if (opts.dryRun) say(t(R.import_dry_run, lang));
  if (bad > 0 && opts.skipBad && result.written) say(t(R.import_skipped, lang, { bad }));
  if (bad > 0 && !opts.skipBad) {
    if (!opts.dryRun) throw new UserError(R.import_refused, { bad });
    process.exitCode = 2;
  }
}

async function remove(ref: string, opts: DeleteOpts): Promise<void> {
  const lang = langOf(opts);
  const store = Store.open(resolveDataDir(opts.data), { create: false });
  try {
    const x = findTraineeRef(store, ref);
    const own = store.listSessions().filter((s) => s.trainee_id === x.id);
    // Refused before asking: a trainee being recorded cannot be deleted whatever the answer.
    const live = own.find((s) => s.status === 'live');
    if (live) throw new RosterError('trainee_live', ROSTER.trainee_live, { trainee: x.id, session: live.id });
    const sessions = own.length;
    const who = whoText(x, lang);
    const question = t(R.confirm_trainee, lang, { trainee: x.id, who, sessions });
    if (!(await confirmDelete(question, opts.yes, `pijat trainees delete ${ref}`, lang))) {
      process.exitCode = 1;
      return;
    }
    const d = store.deleteTrainee(x.id);
    say(t(R.trainee_deleted_undo, lang, { trainee: x.id, who, sessions, until: shortTime(d.undo_until, lang) }));
  } finally {
    store.close();
  }
}

function restore(ref: string, opts: Common): void {
  const lang = langOf(opts);
  withStore(opts.data, false, (store) => {
    const x = store.restoreTrainee(restoreRef(store, ref));
    const sessions = store.listSessions().filter((s) => s.trainee_id === x.id).length;
    say(t(R.trainee_restored, lang, { trainee: x.id, who: whoText(x, lang), sessions }));
  });
}
