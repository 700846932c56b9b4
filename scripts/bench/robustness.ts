// `npm run bench -- robustness`: does a capture keep the clean capture's verdict and passes when
// the link or the instructor gets in the way (issue 8)? Every scenario of the simulator, a few
// seeds each, scored clean and then hurt in ten ways (replayed bytes, lost and noisy stretches,
// outages inside and around passes, the capture appended to itself, a restart in a pause); and
// the good trainee recorded from every 1 % of pass 1 and stopped at every 1 % of her last pass,
// as an instructor who starts or stops the session mid-pass. Prints how many kept the clean result, per kind, and the ones that did not.
//
// Knobs: PIJAT_ROBUST_SEEDS (default 4) seeds from PIJAT_ROBUST_FIRST_SEED (default 300).
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import type { Report } from '../../shared/engine/report-schema';
import { SCENARIO_NAMES, simulate } from '../../host/sim/index';
import { cutBytes, damage, mulberry32, repeatBytes } from '../../host/sim/damage';
import { concat, restartedAt, timeIndex } from '../../test/protocol/helpers';

const profile = loadBuiltinProfile('sop-000');
const SEEDS = Number(process.env.PIJAT_ROBUST_SEEDS ?? 4);
const FIRST_SEED = Number(process.env.PIJAT_ROBUST_FIRST_SEED ?? 300);
/** A recording that starts this close to the end of pass 1 sees too few circles to keep it (EDGE_MIN_CIRCLES). */
const LAST_SECONDS = 2.5;
const FAILURES_LISTED = 12;

function scoreRaw(bytes: Uint8Array): Report {
  const p = createPipeline({ profile, source: 'raw' });
  p.push(bytes);
  return p.report();
}

/** What differs from the clean report: verdict, pass count, pass edges beyond `tol` s. */
function differences(got: Report, ref: Report, tol: number): string | null {
  const out: string[] = [];
  if (got.verdict !== ref.verdict) out.push(`verdict ${ref.verdict} ${ref.score.total} -> ${got.verdict} ${got.score.total}`);
  if (got.passes.length !== ref.passes.length) out.push(`passes ${ref.passes.length} -> ${got.passes.length}`);
  else got.passes.forEach((p, i) => {
    const r = ref.passes[i]!;
    if (Math.abs(p.start_s - r.start_s) > tol || Math.abs(p.end_s - r.end_s) > tol) {
      out.push(`pass ${i + 1} ${r.start_s.toFixed(1)}-${r.end_s.toFixed(1)} -> ${p.start_s.toFixed(1)}-${p.end_s.toFixed(1)} s`);
    }
  });
  return out.length ? out.join('; ') : null;
}

interface Tally { checks: number; kept: number; failures: string[] }
const tallies = new Map<string, Tally>();
function record(kind: string, tag: string, diff: string | null): void {
  const t = tallies.get(kind) ?? { checks: 0, kept: 0, failures: [] };
  tallies.set(kind, t);
  t.checks++;
  if (diff === null) t.kept++;
  else t.failures.push(`${tag}: ${diff}`);
}

function linkDamage(scenario: string, seed: number): void {
  const clean = simulate({ scenario, seed }).bytes();
  const ref = scoreRaw(clean);
  const ix = timeIndex(clean);
  const rnd = mulberry32(seed * 7919 + scenario.length);
  const tag = `${scenario} seed ${seed}`;
  const len = 1 + Math.floor(rnd() * 5000);
  record('bytes replayed once (1-5000 B)', tag, differences(scoreRaw(repeatBytes(clean, ix.at(rnd() * ref.duration_s), len)), ref, 0.5));
  record('20 chunks replayed', tag, differences(scoreRaw(damage(clean, { seed: seed + 7, duplicateChunks: { rate: 20 / clean.length, maxLen: 4096 } }).bytes), ref, 0.5));
  record('noisy first 2 min (bit errors 1e-2)', tag, differences(scoreRaw(damage(clean, { seed: seed + 11, flipRate: 1e-2, until: ix.at(120) }).bytes), ref, 1));
  record('light noise, console text, lost chunks', tag, differences(scoreRaw(damage(clean, {
    seed: seed + 13, flipRate: 1e-5, consoleText: { rate: 1e-6 }, dropChunks: { rate: 2e-6, maxLen: 200 },
  }).bytes), ref, 1));
  for (const outage of [5, 20]) {
    const p = ref.passes[Math.floor(rnd() * ref.passes.length)];
    if (!p) continue;
    const t = p.start_s + 10 + rnd() * Math.max(0, p.end_s - p.start_s - 20 - outage);
    record(`${outage} s outage inside a pass`, tag, differences(scoreRaw(cutBytes(clean, ix.at(t), ix.at(t + outage))), ref, 1));
  }
  if (ref.passes.length >= 2) {
    const k = Math.floor(rnd() * (ref.passes.length - 1));
    const end = ref.passes[k]!.end_s, next = ref.passes[k + 1]!.start_s;
    if (next - end > 9) record('25 s outage over a pass end', tag, differences(scoreRaw(cutBytes(clean, ix.at(end - 20), ix.at(end + 5))), ref, 25));
    record('25 s outage over a pass start', tag, differences(scoreRaw(cutBytes(clean, ix.at(next - 5), ix.at(next + 20))), ref, 25));
    const p = Math.floor(rnd() * (ref.passes.length - 1));
    const pause = ix.t0 + (ref.passes[p]!.end_s + ref.passes[p + 1]!.start_s) / 2;
    record('clock restarted in a pause', tag, differences(scoreRaw(restartedAt(clean, pause)), ref, 0.2));
  }
  record('capture appended to itself', tag, differences(scoreRaw(concat([clean, clean])), ref, 0.1));
}

interface EdgeCounts { cuts: number; kept: number; edgeSeconds: number }

/**
 * The good trainee recorded from every 1 % of pass 1 (`end` false), or stopped at every 1 % of
 * her last pass (`end` true): verdict kept, or lost (and where).
 */
function midPassCuts(seed: number, end: boolean, counts: EdgeCounts, failures: string[]): void {
  const clean = simulate({ scenario: 'good', seed }).bytes();
  const ref = scoreRaw(clean);
  const ix = timeIndex(clean);
  const p = end ? ref.passes.at(-1)! : ref.passes[0]!;
  for (let pct = 1; pct < 100; pct++) {
    const at = p.start_s + (pct / 100) * (p.end_s - p.start_s);
    const r = scoreRaw(end ? clean.subarray(0, ix.at(at)) : clean.subarray(ix.at(at)));
    counts.cuts++;
    if (r.verdict === ref.verdict) { counts.kept++; continue; }
    const seen = end ? at - p.start_s : p.end_s - at;
    if (seen <= LAST_SECONDS) counts.edgeSeconds++;
    else failures.push(`seed ${seed}, ${end ? 'stopped at' : 'from'} ${pct} % of pass ${p.index} (${seen.toFixed(1)} s of it seen): ${ref.verdict} -> ${r.verdict} ${r.score.total}, ${r.passes.length} passes`);
  }
}

export function main(): void {
  const t0 = performance.now();
  const seeds = Array.from({ length: SEEDS }, (_, i) => FIRST_SEED + i);
  for (const scenario of SCENARIO_NAMES) for (const seed of seeds) linkDamage(scenario, seed);
  console.log(`link damage: ${SCENARIO_NAMES.length} scenarios x seeds ${seeds[0]}-${seeds.at(-1)}, each compared with its clean capture (verdict, pass count, pass edges)`);
  console.table([...tallies].map(([kind, t]) => ({ damage: kind, checks: t.checks, 'kept the clean result': t.kept, changed: t.checks - t.kept })));
  const all = [...tallies.values()];
  const checks = all.reduce((a, t) => a + t.checks, 0), kept = all.reduce((a, t) => a + t.kept, 0);
  console.log(`kept the clean result: ${kept} of ${checks}`);
  for (const f of all.flatMap((t) => t.failures).slice(0, FAILURES_LISTED)) console.log(`  changed: ${f}`);

  for (const end of [false, true]) {
    const counts: EdgeCounts = { cuts: 0, kept: 0, edgeSeconds: 0 };
    const failures: string[] = [];
    for (const seed of seeds) midPassCuts(seed, end, counts, failures);
    const what = end ? 'stopped at every 1 % of her last pass' : 'recorded from every 1 % of pass 1';
    const edge = end ? `the first ${LAST_SECONDS} s of the last pass` : `the last ${LAST_SECONDS} s of pass 1`;
    console.log(`\nthe good trainee ${what} (seeds ${seeds[0]}-${seeds.at(-1)}): ${counts.kept} of ${counts.cuts} kept the clean verdict`);
    console.log(`  lost with only ${edge} recorded (too few circles to tell it from a touch; the report says so): ${counts.edgeSeconds}`);
    console.log(`  lost otherwise: ${failures.length}`);
    for (const f of failures.slice(0, FAILURES_LISTED)) console.log(`    ${f}`);
  }
  console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
