// What the server derives from stored sessions: the recording as CSV (DESIGN.md columns), the
// cohort table (one row per session, for pre/post comparison) and the report page's time series.
// Stored bytes are replayed through the same pipeline that scored them live.
import type { Descriptor } from '../../shared/protocol/types';
import type { EngineSample } from '../../shared/engine/types';
import type { Profile } from '../../shared/profiles/schema';
import { createPipeline, type Pipeline } from '../../shared/pipeline';
import { CsvWriter } from '../io/csv';
import { csvCell, csvRow, localTime, roundFor, type CsvDialect, type CsvValue } from '../../shared/csv-text';
import { criterionKey } from '../../shared/i18n/report';
import { CHECKLIST_ITEMS } from '../../shared/i18n/sop';
import type { Session, Store } from '../store/index';

const CRITERIA = [
  'pass_duration_s', 'pass_count', 'force_n', 'in_band_fraction', 'cadence_hz', 'regularity_cv', 'bilateral_fraction', 'balance',
] as const;

/** A CSV field in the standard dialect (shared/csv-text.ts). */
export function csvField(v: CsvValue): string {
  return csvCell(v);
}

function round(x: number, digits: number): number | null {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Replays a stored session's bytes; calls `onSample` for every calibrated sample. */
export function replay(store: Store, sessionId: number, profile: Profile, onSample: (s: EngineSample, p: Pipeline) => void): void {
  const p: Pipeline = createPipeline({ profile, source: 'live', onSample: (x) => onSample(x, p) });
  for (const chunk of store.readFrames(sessionId)) p.push(chunk.bytes);
}

/** A CSV writer with the columns the glove has (knuckle sensors, motion sensors). */
export function csvWriterFor(descriptor: Descriptor | null): CsvWriter {
  const channels = descriptor ? descriptor.channels : [];
  return new CsvWriter({
    knuckles: channels.some((c) => c.site === 'knuckle'),
    imu: channels.some((c) => c.kind !== 'fsr'),
  });
}

/** The recording in the DESIGN.md CSV format (host/io's writer); columns the glove lacks are left out. */
export function sessionCsv(store: Store, sessionId: number, profile: Profile): string {
  let writer: CsvWriter | null = null;
  const parts: string[] = [];
  replay(store, sessionId, profile, (s, p) => {
    if (!writer) {
      writer = csvWriterFor(p.descriptor);
      parts.push(writer.header());
    }
    parts.push(writer.row(s));
  });
  return parts.length > 0 ? parts.join('') : new CsvWriter().header();
}

export interface Series {
  t_s: number[];
  left_n: (number | null)[];
  right_n: (number | null)[];
  /** The live cadence (both hands) the engine had reached at each step, circles per second. */
  cadence_hz: (number | null)[];
  passes: { index: number; start_s: number; end_s: number }[];
}

/** Thumb force per hand at about 10 Hz (mean of each 0.1 s), the live cadence, and the passes of the report. */
export function sessionSeries(store: Store, sessionId: number, profile: Profile, step_s = 0.1): Series {
  const out: Series = { t_s: [], left_n: [], right_n: [], cadence_hz: [], passes: [] };
  let pipeline: Pipeline | null = null;
  let bin = -1;
  let sl = 0;
  let nl = 0;
  let sr = 0;
  let nr = 0;
  const flush = (): void => {
    if (bin < 0) return;
    out.t_s.push(round(bin * step_s, 2)!);
    out.left_n.push(nl > 0 ? round(sl / nl, 3) : null);
    out.right_n.push(nr > 0 ? round(sr / nr, 3) : null);
    const cadence = pipeline ? pipeline.live().cadence_hz : null;
    out.cadence_hz.push(cadence === null ? null : round(cadence, 3));
  };
  replay(store, sessionId, profile, (s, p) => {
    pipeline = p;
    const b = Math.floor(s.t_s / step_s);
    if (b !== bin) {
      flush();
      bin = b;
      sl = nl = sr = nr = 0;
    }
    if (Number.isFinite(s.left.thumb_n)) {
      sl += s.left.thumb_n;
      nl++;
    }
    if (Number.isFinite(s.right.thumb_n)) {
      sr += s.right.thumb_n;
      nr++;
    }
  });
  flush();
  const report = store.getReport(sessionId);
  if (report) out.passes = report.passes.map((p) => ({ index: p.index, start_s: p.start_s, end_s: p.end_s }));
  return out;
}

export const COHORT_COLUMNS = [
  'cohort', 'trainee', 'nim', 'session', 'label', 'started', 'status', 'profile', 'verdict', 'score_total',
  ...CRITERIA.map((c) => `score_${c}`),
  'passes', 'duration_s', 'work_s', 'mean_force_left_n', 'mean_force_right_n', 'in_band_fraction',
  'cadence_hz', 'regularity_cv', 'bilateral_fraction', 'balance', 'too_hard_events',
  'checklist_ticked', 'checklist_total',
] as const;

/** One row per session, oldest first: trainee, label (pre/post), scores and the checklist count. */
export function cohortCsv(store: Store, sessions: Session[], dialect?: CsvDialect, offsetMin = -new Date().getTimezoneOffset()): string {
  const row = (values: CsvValue[]): string => csvRow(values, dialect);
  const out: string[] = [row([...COHORT_COLUMNS])];
  const sorted = [...sessions].sort((a, b) => a.started.localeCompare(b.started) || a.id - b.id);
  for (const s of sorted) {
    const r = store.getReport(s.id);
    const ticked = store.getChecklist(s.id).filter((c) => c.done === true).length;
    // One score per criterion: a per-pass or per-hand criterion (pass_duration_s.2, force_n.left) averaged.
    const crit = (key: string): number | null => {
      const xs = (r?.score.criteria ?? []).filter((c) => criterionKey(c.id) === key).map((c) => c.score);
      return xs.length ? roundFor(xs.reduce((a, b) => a + b, 0) / xs.length, 1) : null;
    };
    const r2 = (x: number | null | undefined): number | null => roundFor(x, 2);
    out.push(
      row([
        s.cohort ?? '', s.trainee ?? '', s.nim ?? '', s.id, s.label ?? '', localTime(s.started, offsetMin), s.status, s.profile, r?.verdict ?? '',
        r?.score.total ?? null,
        ...CRITERIA.map(crit),
        r ? r.passes.length : null, roundFor(r?.duration_s, 1), roundFor(r?.work_s, 1),
        r2(r?.pressure.left.mean_n), r2(r?.pressure.right.mean_n), r2(r?.pressure.in_band_fraction),
        r2(r?.cadence.mean_hz), r2(r?.cadence.regularity_cv), r2(r?.bilateral_fraction), r2(r?.balance),
        r?.pressure.too_hard_events ?? null,
        ticked, CHECKLIST_ITEMS.length,
      ]),
    );
  }
  return out.join('');
}
