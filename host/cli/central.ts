// `pijat central`: the central PostgreSQL's administration (init, add-lab, add-analyst) and the
// programme-wide views an analyst reads (prepost, export). host/central/ does the work.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CENTRAL as C } from '../../shared/i18n/central';
import { CLI } from '../../shared/i18n/cli';
import { criterionLabel } from '../../shared/i18n/report';
import { formatNumber } from '../../shared/i18n/format';
import { explain, openCentral, type Central } from '../central/connect';
import { CENTRAL_SCHEMA_VERSION, migrateCentral } from '../central/schema';
import { addAnalyst, addLab } from '../central/roles';
import { pooledRows, prePostTable, type PooledFilter } from '../central/pooled';
import { dictionaryCsv, pooledCsv } from '../central/export';
import { UserError, runCommand } from './errors';
import { examples, h, langOf, langOption } from './options';
import { table } from './render-report';

interface Common {
  lang?: string;
}
interface RoleOpts extends Common {
  password?: string;
  site?: string;
}
interface ViewOpts extends Common {
  lab?: string;
  cohort?: string;
  from?: string;
  until?: string;
  json?: boolean;
  out?: string;
}

export function register(program: Command): void {
  const central = program
    .command('central')
    .description(h(C.cmd_central))
    .addHelpText('after', examples([
      ['pijat central init postgres://postgres@pusat.example/pijat', C.ex_central_init],
      ['pijat central add-lab postgres://postgres@pusat.example/pijat puskesmas-3 --site "Puskesmas 3"', C.ex_add_lab],
      ['pijat central prepost postgres://analis:SANDI@pusat.example/pijat --cohort 2026-A', C.ex_prepost],
      ['pijat central export postgres://analis:SANDI@pusat.example/pijat --out ekspor', C.ex_export],
    ]));
  central
    .command('init <url>')
    .description(h(C.cmd_central_init))
    .addOption(langOption())
    .action((url: string, o: Common) => runCommand(langOf(o), () => withCentral(url, (c) => init(c, langOf(o)))));
  central
    .command('add-lab <url> <code>')
    .description(h(C.cmd_add_lab))
    .option('--password <password>', h(C.opt_password))
    .option('--site <site>', h(C.opt_site))
    .addOption(langOption())
    .action((url: string, code: string, o: RoleOpts) =>
      runCommand(langOf(o), () => withCentral(url, async (c) => {
        const client = await c.pool.connect();
        try {
          const role = await addLab(client, code, password(o), o.site ?? null);
          say(langOf(o), C.lab_added, { code, role, where: c.target.where });
        } finally {
          client.release();
        }
      })));
  central
    .command('add-analyst <url> <role>')
    .description(h(C.cmd_add_analyst))
    .option('--password <password>', h(C.opt_password))
    .addOption(langOption())
    .action((url: string, role: string, o: RoleOpts) =>
      runCommand(langOf(o), () => withCentral(url, async (c) => {
        const client = await c.pool.connect();
        try {
          await addAnalyst(client, role, password(o));
          say(langOf(o), C.analyst_added, { role, where: c.target.where });
        } finally {
          client.release();
        }
      })));
  const view = (name: string, what: typeof C.cmd_prepost) =>
    central
      .command(`${name} <url>`)
      .description(h(what))
      .option('--lab <code>', h(C.opt_lab))
      .option('--cohort <name>', h(C.opt_cohort))
      .option('--from <date>', h(C.opt_from))
      .option('--until <date>', h(C.opt_until))
      .addOption(langOption());
  view('prepost', C.cmd_prepost)
    .option('--json', h(CLI.opt_json))
    .action((url: string, o: ViewOpts) => runCommand(langOf(o), () => withCentral(url, (c) => prepost(c, o))));
  view('export', C.cmd_export)
    .requiredOption('--out <dir>', h(C.opt_out))
    .action((url: string, o: ViewOpts) => runCommand(langOf(o), () => withCentral(url, (c) => exportPooled(c, o))));
}

function say(lang: Lang, entry: (typeof C)[keyof typeof C], params: Record<string, string | number> = {}): void {
  process.stdout.write(`${t(entry, lang, params)}\n`);
}

function password(o: RoleOpts): string {
  const p = o.password ?? process.env.PIJAT_ROLE_PASSWORD;
  if (!p) throw new UserError(C.no_password);
  return p;
}

async function withCentral(url: string, body: (c: Central) => Promise<void>): Promise<void> {
  const c = await openCentral(url, 2);
  try {
    await body(c);
  } catch (err) {
    throw explain(err, c.target);
  } finally {
    await c.close().catch(() => {});
  }
}

async function init(c: Central, lang: Lang): Promise<void> {
  const client = await c.pool.connect();
  try {
    const r = await migrateCentral(client);
    if (r.applied.length === 0) say(lang, C.central_up_to_date, { where: c.target.where, version: r.from });
    else say(lang, C.central_initialised, { where: c.target.where, version: CENTRAL_SCHEMA_VERSION, applied: r.applied.join(', ') });
  } finally {
    client.release();
  }
}

function dateArg(option: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) throw new UserError(C.bad_date, { option, value: v });
  return v;
}

function filterOf(o: ViewOpts): PooledFilter {
  return { lab: o.lab, cohort: o.cohort, from: dateArg('--from', o.from), to: dateArg('--until', o.until) };
}

async function prepost(c: Central, o: ViewOpts): Promise<void> {
  const lang = langOf(o);
  const rows = await pooledRows(c.pool, filterOf(o));
  const tbl = prePostTable(rows);
  const labs = new Set(rows.map((r) => r.lab)).size;
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ labs, ...tbl })}\n`);
    return;
  }
  const n = (x: number | null, d: number): string => (x === null ? '-' : formatNumber(x, d, lang));
  say(lang, C.prepost_title, { sessions: rows.length, labs, cohort: o.cohort ?? t(C.prepost_all, lang) });
  process.stdout.write('\n');
  const head = [C.col_phase, C.col_n, C.col_mean, C.col_median, C.col_min, C.col_max, C.col_pass_rate].map((e) => t(e, lang));
  const body = tbl.phases.map((p) => [
    t(p.phase === 'pre' ? C.phase_pre : C.phase_post, lang), String(p.total?.n ?? 0), n(p.total?.mean ?? null, 2), n(p.total?.median ?? null, 2),
    n(p.total?.min ?? null, 2), n(p.total?.max ?? null, 2), p.passRate === null ? '-' : `${n(p.passRate * 100, 0)} %`,
  ]);
  process.stdout.write(`${table([head, ...body], [false, true, true, true, true, true, true])}\n\n`);
  const label = (key: string): string => (key === 'total' ? t(C.col_total_score, lang) : criterionLabel(key, lang));
  if (tbl.criteria.length > 0) {
    const ch = [C.col_criterion, C.phase_pre, C.phase_post, C.col_change].map((e) => t(e, lang));
    const cb = tbl.criteria.map((x) => [label(x.key), n(x.pre?.mean ?? null, 1), n(x.post?.mean ?? null, 1), x.change === null ? '-' : `${x.change >= 0 ? '+' : ''}${n(x.change, 1)}`]);
    process.stdout.write(`${table([ch, ...cb], [false, true, true, true])}\n\n`);
  }
  const pairs = tbl.paired.filter((x) => x.pairs > 0);
  if (pairs.length > 0) {
    say(lang, C.paired_title);
    const ph = [C.col_criterion, C.col_pairs, C.col_median_change, C.col_p].map((e) => t(e, lang));
    const pb = pairs.map((x) => [label(x.key), String(x.pairs), n(x.medianChange, 1), x.test ? n(x.test.p, 3) : '-']);
    process.stdout.write(`${table([ph, ...pb], [false, true, true, true])}\n\n`);
  }
  if (tbl.leftOut > 0) say(lang, C.prepost_unlabelled, { n: tbl.leftOut });
}

async function exportPooled(c: Central, o: ViewOpts): Promise<void> {
  const lang = langOf(o);
  const dir = resolve(o.out!);
  mkdirSync(dir, { recursive: true });
  const r = await pooledCsv(c.pool, filterOf(o));
  const file = join(dir, 'pijat-pooled-sessions.csv');
  const dictionary = join(dir, 'pijat-pooled-dictionary.csv');
  writeFileSync(file, r.csv);
  writeFileSync(dictionary, dictionaryCsv());
  say(lang, C.export_done, { sessions: r.sessions, labs: r.labs, file, dictionary });
}
