// What the server derives from stored sessions: the recording as CSV (DESIGN.md columns), the
// cohort table (one row per session, for pre/post comparison) and the report page's time series.
// Stored bytes are replayed through the same pipeline that scored them live.
import type { Descriptor } from '../../shared/protocol/types';
import type { EngineSample } from '../../shared/engine/types';
import type { Profile } from '../../shared/profiles/schema';
import { createPipeline, type Pipeline } from '../../shared/pipeline';
import { CsvWriter } from '../io/csv';
import { CHECKLIST_ITEMS } from '../../shared/i18n/sop';
import type { Session, Store } from '../store/index';

const CRITERIA = [
  'pass_duration_s', 'pass_count', 'force_n', 'in_band_fraction', 'cadence_hz', 'regularity_cv', 'bilateral_fraction', 'balance',
] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; formulas neutralised. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  // A spreadsheet must not run a trainee name as a formula.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(values: (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
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
  'cohort', 'trainee', 'session', 'label', 'started', 'status', 'profile', 'verdict', 'score_total',
  ...CRITERIA.map((c) => `score_${c}`),
  'passes', 'duration_s', 'work_s', 'mean_force_left_n', 'mean_force_right_n', 'in_band_fraction',
  'cadence_hz', 'regularity_cv', 'bilateral_fraction', 'balance', 'too_hard_events',
  'checklist_ticked', 'checklist_total',
] as const;

/** One row per session, oldest first: trainee, label (pre/post), scores and the checklist count. */
export function cohortCsv(store: Store, sessions: Session[]): string {
  const out: string[] = [row([...COHORT_COLUMNS])];
  const sorted = [...sessions].sort((a, b) => a.started.localeCompare(b.started) || a.id - b.id);
  for (const s of sorted) {
    const r = store.getReport(s.id);
    const ticked = store.getChecklist(s.id).filter((c) => c.done === true).length;
    const crit = (id: string): number | null => r?.score.criteria.find((c) => c.id === id)?.score ?? null;
    out.push(
      row([
        s.cohort ?? '', s.trainee ?? '', s.id, s.label ?? '', s.started, s.status, s.profile, r?.verdict ?? '',
        r?.score.total ?? null,
        ...CRITERIA.map(crit),
        r ? r.passes.length : null, r?.duration_s ?? null, r?.work_s ?? null,
        r?.pressure.left.mean_n ?? null, r?.pressure.right.mean_n ?? null, r?.pressure.in_band_fraction ?? null,
        r?.cadence.mean_hz ?? null, r?.cadence.regularity_cv ?? null, r?.bilateral_fraction ?? null, r?.balance ?? null,
        r?.pressure.too_hard_events ?? null,
        ticked, CHECKLIST_ITEMS.length,
      ]),
    );
  }
  return out.join('');
}
