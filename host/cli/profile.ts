// `pijat profile`: list, show and validate SOP profiles, and derive an instructor's own profile
// from her recorded demonstration (from-demo).
import { sourceNames } from '../../shared/i18n/sources';
import { criterionBand } from '../../shared/i18n/criteria';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { t, type Entry, type Lang } from '../../shared/i18n/index';
import { PROFILE_CLI } from '../../shared/i18n/profile';
import { CRITERION_NAMES } from '../../shared/i18n/report';
import { formatNumber, formatTrim } from '../../shared/i18n/format';
import { BUILTIN_PROFILES, DEFAULT_PROFILE_ID } from '../../shared/profiles/index';
import { deriveProfileFromDemo, demoConcerns, demoFigures } from '../../shared/profiles/derive';
import type { Profile } from '../../shared/profiles/schema';
import { ProfileFileError, readProfileFile, resolveProfile } from '../profiles';
import { scoreBytes } from './score';
import { runCommand, UserError } from './errors';
import { CLI } from '../../shared/i18n/cli';
import { examples, h, langOf, langOption } from './options';
import { table } from './render-report';

interface LangOpts {
  lang?: string;
}
interface ShowOpts extends LangOpts {
  json?: boolean;
}
interface DemoOpts extends LangOpts {
  base?: string;
  out?: string;
  id?: string;
  force?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('profile')
    .description(h(PROFILE_CLI.cmd_profile))
    .addHelpText('after', examples([
      ['pijat profile list', PROFILE_CLI.ex_list],
      ['pijat profile show ward-003', PROFILE_CLI.ex_show],
      ['pijat profile validate my-clinic.json', PROFILE_CLI.ex_validate],
      ['pijat profile from-demo demo.csv --out my-clinic.json --id my-clinic', PROFILE_CLI.ex_from_demo],
    ]));

  cmd
    .command('list')
    .description(h(PROFILE_CLI.cmd_list))
    .option('--json', h(PROFILE_CLI.opt_json))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat profile list', PROFILE_CLI.ex_list],
      ['pijat profile list --lang en --json', PROFILE_CLI.ex_list],
    ]))
    .action((opts: ShowOpts) => runCommand(langOf(opts), () => list(opts)));

  cmd
    .command('show')
    .description(h(PROFILE_CLI.cmd_show))
    .argument('<name>', h(PROFILE_CLI.arg_name))
    .option('--json', h(PROFILE_CLI.opt_json))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat profile show ward-003', PROFILE_CLI.ex_show],
      ['pijat profile show sop-000 --json > my-clinic.json', PROFILE_CLI.ex_show_json],
      ['pijat profile show ./my-clinic.json', PROFILE_CLI.ex_show_file],
    ]))
    .action((name: string, opts: ShowOpts) => runCommand(langOf(opts), () => show(name, opts)));

  cmd
    .command('validate')
    .description(h(PROFILE_CLI.cmd_validate))
    .argument('<files...>', h(PROFILE_CLI.arg_files))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat profile validate my-clinic.json', PROFILE_CLI.ex_validate],
      ['pijat profile validate a.json b.json --lang en', PROFILE_CLI.ex_validate],
    ]))
    .action((files: string[], opts: LangOpts) => runCommand(langOf(opts), () => validate(files, opts)));

  cmd
    .command('from-demo')
    .description(h(PROFILE_CLI.cmd_from_demo))
    .argument('<file>', h(PROFILE_CLI.arg_demo))
    .option('--base <name>', h(PROFILE_CLI.opt_base), DEFAULT_PROFILE_ID)
    .option('--out <file>', h(PROFILE_CLI.opt_out))
    .option('--id <id>', h(PROFILE_CLI.opt_id))
    .option('--force', h(PROFILE_CLI.opt_force))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat profile from-demo demo.csv --out my-clinic.json --id my-clinic', PROFILE_CLI.ex_from_demo],
      ['pijat profile from-demo demo.bin --base ward-003 --id ward-bidan-a --out ward-a.json', PROFILE_CLI.ex_from_demo_base],
      ['pijat profile from-demo demo.csv --out my-clinic.json --id my-clinic --force', PROFILE_CLI.ex_from_demo_force],
    ]))
    .action((file: string, opts: DemoOpts) => runCommand(langOf(opts), () => fromDemo(file, opts)));
}

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function list(opts: ShowOpts): void {
  const lang = langOf(opts);
  const profiles = Object.values(BUILTIN_PROFILES);
  if (opts.json) {
    out(JSON.stringify(profiles.map((p) => ({ id: p.id, name: p.name, description: p.description }))));
    return;
  }
  const L = (e: Entry): string => t(e, lang);
  const rows = [[L(PROFILE_CLI.col_id), L(PROFILE_CLI.col_name), L(PROFILE_CLI.col_pass), L(PROFILE_CLI.col_passes),
    L(PROFILE_CLI.col_force), L(PROFILE_CLI.col_cadence)]];
  for (const p of profiles) {
    const c = p.criteria;
    rows.push([
      p.id,
      p.name[lang],
      bandText('pass_duration_s', c.pass_duration_s.target, lang),
      bandText('pass_count', c.pass_count.target, lang),
      bandText('force_n', c.force_n.target, lang),
      bandText('cadence_hz', c.cadence_hz.target, lang),
    ]);
  }
  out(`${L(PROFILE_CLI.list_header)}\n${table(rows)}\n\n${L(PROFILE_CLI.list_hint)}`);
}

type Key = keyof typeof CRITERION_NAMES;
const CRITERION_ORDER: readonly Key[] = [
  'pass_duration_s', 'pass_count', 'work_s', 'force_n', 'in_band_fraction', 'cadence_hz', 'regularity_cv',
  'bilateral_fraction', 'balance',
];

/** A band in the criterion's own units, as a trainee reads it (the one format: shared/i18n/criteria.ts). */
export function bandText(key: Key, r: { min: number; max: number }, lang: Lang): string {
  return criterionBand(key, r, lang);
}

export function describeProfile(p: Profile, lang: Lang): string {
  const L = (e: Entry): string => t(e, lang);
  const rows = [[L(PROFILE_CLI.criterion), L(PROFILE_CLI.target), L(PROFILE_CLI.warn), L(PROFILE_CLI.pass),
    L(PROFILE_CLI.weight), L(PROFILE_CLI.source)]];
  for (const key of CRITERION_ORDER) {
    const c = p.criteria[key];
    if (!c) continue;
    rows.push([
      CRITERION_NAMES[key][lang],
      bandText(key, c.target, lang),
      bandText(key, c.warn, lang),
      bandText(key, c.pass, lang),
      formatTrim(c.weight, lang),
      sourceNames(c.source, lang, 'short').join('; '),
    ]);
  }
  const s = p.segmentation;
  const seg = t(PROFILE_CLI.segmentation, lang, {
    on: formatTrim(s.contact_on_n, lang),
    off: formatTrim(s.contact_off_n, lang),
    gap: formatTrim(s.pass_gap_s, lang),
    min: formatTrim(s.min_pass_s, lang),
    hard: formatTrim(p.too_hard_n, lang),
  });
  return `${p.id}: ${p.name[lang]}\n${p.description[lang]}\n\n${table(rows)}\n\n${seg}\n`;
}

function show(name: string, opts: ShowOpts): void {
  const p = resolveProfile(name);
  if (opts.json) out(JSON.stringify(p, null, 2));
  else out(describeProfile(p, langOf(opts)));
}

function validate(files: string[], opts: LangOpts): void {
  const lang = langOf(opts);
  const errors: string[] = [];
  for (const file of files) {
    try {
      const p = readProfileFile(file);
      out(t(PROFILE_CLI.valid, lang, { file, pid: p.id }));
    } catch (err) {
      if (files.length === 1) throw err;
      const e = err as { entry?: Entry; params?: Record<string, string | number> };
      errors.push(e.entry ? t(e.entry, lang, e.params) : String(err));
    }
  }
  if (errors.length > 0) {
    process.stderr.write(errors.map((e) => `pijat: ${e}`).join('\n') + '\n');
    process.exitCode = 2;
  }
}

function today(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function readDemo(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new ProfileFileError(PROFILE_CLI.file_unreadable, { file, reason });
  }
}

async function fromDemo(file: string, opts: DemoOpts): Promise<void> {
  const lang = langOf(opts);
  // Before the (slow) scoring: an instructor's existing profile is not silently replaced.
  if (opts.out && !opts.force && existsSync(opts.out)) throw new UserError(PROFILE_CLI.out_exists, { file: opts.out });
  const baseName = opts.base ?? DEFAULT_PROFILE_ID;
  const base = resolveProfile(baseName);
  // The same reading as `pijat score` (raw capture or CSV, stored calibration), judged by the base.
  const { report, warnings } = await scoreBytes(readDemo(file), file, { profile: baseName }, lang);
  for (const w of warnings) process.stderr.write(`pijat: ${w}\n`);
  const demo = basename(file);
  const profile = deriveProfileFromDemo(report, base, { file: demo, date: today(), id: opts.id });
  const text = `${JSON.stringify(profile, null, 2)}\n`;
  const warnSuspect = (): void => {
    for (const c of demoConcerns(report, demo)) process.stderr.write(`pijat: ${t(c.entry, lang, c.params)}\n`);
  };
  if (!opts.out) {
    out(text);
    warnSuspect();
    return;
  }
  try {
    writeFileSync(opts.out, text, { flag: opts.force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(PROFILE_CLI.out_exists, { file: opts.out });
    throw new UserError(CLI.file_unwritable, { file: opts.out, reason: code ?? String(err) });
  }
  const fig = demoFigures(report, base, demo);
  out(t(PROFILE_CLI.demo_written, lang, {
    pid: profile.id,
    file: opts.out,
    demo,
    force: formatNumber(fig.force_n, 1, lang),
    cadence: Math.round(fig.cadence_hz * 60),
    passes: fig.passes.length,
  }));
  warnSuspect();
}
