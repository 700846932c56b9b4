// An instructor's own profile from her recorded demonstration (`pijat profile from-demo`):
// force, tempo and pass length bands centred on what she did; every other criterion and the
// pass count are kept from the base profile. Input: the demonstration's report (measured with
// the base profile), so every front end that can score a recording can derive a profile.
import type { Profile } from './schema';
import type { Criterion } from './schema';
import type { Report } from '../engine/report-schema';
import { LocalizedError, fill, type Entry, type Params } from '../i18n/index';
import { PROFILE_CLI } from '../i18n/profile';
import { formatNumber } from '../i18n/format';
import { validateProfileValue } from './index';

/** Half-widths of the bands around the demonstrated mean, as fractions of it. */
export const FORCE_SPREAD = { target: 0.2, warn: 0.3, pass: 0.45 } as const;
export const CADENCE_SPREAD = { target: 0.15, warn: 0.25, pass: 0.4 } as const;
/** Pass length: target = shortest x 0.9 .. longest x 1.1, and so on outward. */
export const DURATION_SPREAD = { target: 0.1, warn: 0.15, pass: 0.25 } as const;

export interface DemoMeta {
  /** File name of the demonstration, as the source of the bands. */
  file: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Id of the new profile; default "demo-<file name>". */
  id?: string;
}

/** What the demonstration showed, for messages. */
export interface DemoFigures {
  force_n: number;
  cadence_hz: number;
  passes: number[];
}

export class DemoError extends LocalizedError {}

const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const down = (x: number, step: number): number => Math.floor(x / step + 1e-9) * step;
const up = (x: number, step: number): number => Math.ceil(x / step - 1e-9) * step;

function around(mean: number, spread: { target: number; warn: number; pass: number }, round: (x: number) => number) {
  const band = (f: number) => ({ min: round(mean * (1 - f)), max: round(mean * (1 + f)) });
  return { target: band(spread.target), warn: band(spread.warn), pass: band(spread.pass) };
}

/** What the demonstration showed, read from its report (as `pijat score` made it with the base profile). */
export function demoFigures(report: Report, base: Profile, file: string): DemoFigures {
  const passes = report.passes.map((p) => p.duration_s);
  if (passes.length === 0) {
    throw new DemoError(PROFILE_CLI.demo_no_passes, {
      file,
      work: `${Math.round(report.work_s)} s`,
      min: base.segmentation.min_pass_s,
      gap: base.segmentation.pass_gap_s,
    });
  }
  const forces = [report.pressure.left.mean_n, report.pressure.right.mean_n]
    .filter((f): f is number => f !== null && Number.isFinite(f) && f > 0);
  if (forces.length === 0) throw new DemoError(PROFILE_CLI.demo_no_force, { file });
  const cadence = report.cadence.mean_hz;
  if (cadence === null || !(cadence > 0)) throw new DemoError(PROFILE_CLI.demo_no_cadence, { file });
  return { force_n: forces.reduce((a, b) => a + b, 0) / forces.length, cadence_hz: cadence, passes };
}

/**
 * A demonstration that would fail its own base profile in ways no profile can fix: one hand only,
 * too few passes, too little work. A profile derived from it still works, but is suspect.
 */
export const DEMO_MINIMUM = { bilateral_fraction: 0.5, passes: 2, work_s: 60 } as const;

export interface DemoConcern {
  entry: Entry;
  params: Params;
}

/** The reasons to doubt a demonstration (empty when it is sound), for warnings. */
export function demoConcerns(report: Report, file: string): DemoConcern[] {
  const m = DEMO_MINIMUM;
  const out: DemoConcern[] = [];
  const bi = report.bilateral_fraction;
  if (bi !== null && bi < m.bilateral_fraction) {
    out.push({ entry: PROFILE_CLI.demo_one_hand, params: { file, pct: Math.round(bi * 100), min: Math.round(m.bilateral_fraction * 100) } });
  }
  if (report.passes.length < m.passes) {
    out.push({ entry: PROFILE_CLI.demo_few_passes, params: { file, n: report.passes.length, min: m.passes } });
  }
  if (report.work_s < m.work_s) {
    out.push({ entry: PROFILE_CLI.demo_short, params: { file, work: Math.round(report.work_s), min: m.work_s } });
  }
  return out;
}

export function deriveProfileFromDemo(report: Report, base: Profile, meta: DemoMeta): Profile {
  const fig = demoFigures(report, base, meta.file);
  const source = `demo: ${meta.file}, ${meta.date}`;
  const keep = (c: Criterion, bands: Pick<Criterion, 'target' | 'warn' | 'pass'>): Criterion => ({
    ...bands,
    weight: c.weight,
    source,
  });

  const force = around(fig.force_n, FORCE_SPREAD, r1);
  const cadence = around(fig.cadence_hz, CADENCE_SPREAD, r2);
  const shortest = Math.min(...fig.passes);
  const longest = Math.max(...fig.passes);
  const dur = (f: number) => ({ min: down(shortest * (1 - f), 5), max: up(longest * (1 + f), 5) });
  const duration = { target: dur(DURATION_SPREAD.target), warn: dur(DURATION_SPREAD.warn), pass: dur(DURATION_SPREAD.pass) };

  // Contact must start well below the lightest passing force, or light presses would not count.
  const seg = { ...base.segmentation };
  if (seg.contact_on_n > force.pass.min / 2) {
    seg.contact_on_n = Math.max(0.1, r1(force.pass.min / 2));
    seg.contact_off_n = r2(seg.contact_on_n / 2);
  }

  const stem = meta.file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const id = meta.id ?? `demo-${stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'profile'}`;
  const params = (lang: 'id' | 'en'): Params => ({
    demo: meta.file,
    date: meta.date,
    base: base.id,
    force: formatNumber(fig.force_n, 1, lang),
    cadence: Math.round(fig.cadence_hz * 60),
  });
  const text = (e: Entry): Entry => ({ id: fill(e.id, params('id')), en: fill(e.en, params('en')) });

  const c = base.criteria;
  const profile = {
    id,
    name: text(PROFILE_CLI.demo_name),
    description: text(PROFILE_CLI.demo_description),
    criteria: {
      ...c,
      pass_duration_s: keep(c.pass_duration_s, duration),
      force_n: keep(c.force_n, force),
      cadence_hz: keep(c.cadence_hz, cadence),
    },
    segmentation: seg,
    too_hard_n: r1(Math.max(base.too_hard_n, force.pass.max * 1.2)),
  };
  return validateProfileValue(profile, `${id} (from ${meta.file})`);
}
