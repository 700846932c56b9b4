// `npm run bench -- real-variants`: how the cadence on the real recordings holds when the same
// motion is recorded another way (test/fixtures/real/variants.ts: the sensor turned, other
// sample rates, a noisy or drifting gyro, rest before and after, the motion twice, the other
// wrist, smaller or larger circles). Each variant of each recording is scored alone as one
// single-handed pass, like the recording itself in the accuracy bench, against the same truth
// (label: within 5 %, counted: within 10 %). Recordings whose files are absent are skipped.
import { REAL_RECORDINGS, readImu, realAvailable } from '../../test/fixtures/real/recordings';
import { scoreTrace } from '../../test/fixtures/real/score-real';
import { VARIANTS } from '../../test/fixtures/real/variants';

interface Cell { id: string; variant: string; kind: 'label' | 'counted'; error: number | null; within: boolean }

const round = (x: number): number => Math.round(x * 100) / 100;

/** The cell with the largest error (no cadence counts as the largest). */
function worstOf(cells: Cell[]): Cell {
  const rank = (c: Cell): number => c.error ?? Infinity;
  return cells.reduce((w, c) => (rank(c) >= rank(w) ? c : w));
}

/** The largest error among the recordings with this kind of truth, in %; 'no cadence' if one had none. */
function maxOf(cells: Cell[], kind: Cell['kind']): number | string | null {
  const mine = cells.filter((c) => c.kind === kind);
  if (mine.length === 0) return null;
  if (mine.some((c) => c.error === null)) return 'no cadence';
  return round(Math.max(...mine.map((c) => c.error!)) * 100);
}

export function main(): void {
  const present = REAL_RECORDINGS.filter(realAvailable);
  if (present.length === 0) {
    console.log('no real recording present: run sh test/fixtures/real/fetch.sh');
    return;
  }
  const t0 = performance.now();
  const byVariant = new Map<string, Cell[]>(VARIANTS.map((v) => [v.name, []]));
  const worstByRecording: { recording: string; truth: string; 'worst variant': string; 'error %': number | null; 'variants within': string }[] = [];
  for (const r of present) {
    const tr = readImu(r);
    const tol = r.truth.kind === 'label' ? 0.05 : 0.1;
    const cells = VARIANTS.map((v): Cell => {
      const e = scoreTrace(v.make(tr), r.truth).cadence_error;
      return { id: r.id, variant: v.name, kind: r.truth.kind, error: e, within: e !== null && e < tol };
    });
    for (const c of cells) byVariant.get(c.variant)!.push(c);
    const worst = worstOf(cells);
    worstByRecording.push({
      recording: r.id, truth: r.truth.kind, 'worst variant': worst.variant,
      'error %': worst.error === null ? null : round(worst.error * 100),
      'variants within': `${cells.filter((c) => c.within).length}/${VARIANTS.length}`,
    });
  }
  const rows = VARIANTS.map((v) => {
    const cells = byVariant.get(v.name)!;
    const errs = cells.map((c) => c.error).filter((e): e is number => e !== null).sort((a, b) => a - b);
    return {
      variant: v.name,
      what: v.what,
      within: `${cells.filter((c) => c.within).length}/${cells.length}`,
      'median error %': errs.length ? round(errs[errs.length >> 1]! * 100) : null,
      'max % (label)': maxOf(cells, 'label'),
      'max % (counted)': maxOf(cells, 'counted'),
      'worst recording': worstOf(cells).id,
    };
  });
  console.log(`real recordings, each changed ${VARIANTS.length} ways (${present.length} recordings x ${VARIANTS.length} = ${present.length * VARIANTS.length} passes scored)`);
  console.table(rows);
  console.table(worstByRecording.filter((w) => w['variants within'] !== `${VARIANTS.length}/${VARIANTS.length}`));
  const all = [...byVariant.values()].flat();
  console.log(`variants within tolerance: ${all.filter((c) => c.within).length}/${all.length} (${Math.round(performance.now() - t0)} ms)`);
}
