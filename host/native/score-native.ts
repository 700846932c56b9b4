// `pijat score` on the compiled scorer (native/, built at install when a C++ compiler is there):
// a whole file in memory, CSV or raw capture, decoded and pushed through the engine's per-sample
// path in one call, then summarised and scored by the same TypeScript as every other path
// (sessionSummary, passSummary, score). A file off the common path (damage, restarts, odd CSV
// cells: readers.h lists them) is declined, and so is everything when the addon is missing:
// the caller then scores it with the TypeScript pipeline, whose report is the same
// (test/native/ compares them on simulated, damaged and real recordings).
import type { Profile } from '../../shared/profiles/schema';
import type { Report } from '../../shared/engine/report-schema';
import type { DecoderCounters, Descriptor } from '../../shared/protocol/types';
import type { GapSummary } from '../../shared/engine/types';
import { calibrationPlan, fsrNewtons, noteUnusable, type CalibrationPlan, type DeviceCalibration } from '../../shared/engine/calibration';
import { sampleRate, sessionSummary } from '../../shared/engine/engine';
import { BoutStats, passSummary } from '../../shared/engine/passes';
import type { CadenceStats } from '../../shared/engine/circles';
import type { ForceStats } from '../../shared/engine/pressure';
import { score } from '../../shared/engine/score';
import { recordingInfo } from '../../shared/pipeline';
import { emptyCounters } from '../../shared/protocol/decoder';
import { CsvReader, type CsvReadResult } from '../io/csv';
import { nativeScorer } from './addon';

/** Why the compiled scorer declined the last file (readers.h Decline), for the tests. */
export let lastDecline = 0;

function engineParams(p: Profile): Float64Array {
  const s = p.segmentation, target = p.criteria.force_n.target;
  return Float64Array.of(s.contact_on_n, s.contact_off_n, p.too_hard_n, s.pass_gap_s, s.min_pass_s, target.min, target.max);
}

// Layout of the addon's result (native/src/addon.cpp pack()).
const HEAD = 23;
const PER_GAP = 2;
const PER_PASS = 29;
const FORMAT = 14;

function setForce(f: ForceStats, r: Float64Array, o: number): void {
  f.press_s = r[o]!; f.sum = r[o + 1]!; f.sumSq = r[o + 2]!; f.max = r[o + 3]!; f.inBand_s = r[o + 4]!;
}

function setCadence(c: CadenceStats, r: Float64Array, o: number): void {
  c.circles = r[o]!; c.n = r[o + 1]!; c.sum = r[o + 2]!; c.sumSq = r[o + 3]!; c.evidence = r[o + 4]!;
}

interface Totals {
  summary: ReturnType<typeof sessionSummary>;
  samples: number;
  t0: number;
  lastT: number;
  gapInfo: { gaps: GapSummary[]; gap_count: number; gap_s: number };
  fragments: { start_fragment_s?: number; end_fragment_s?: number };
  /** The 9 values of the format (CSV: rows, first and last t_s; raw: the decoder's counters). */
  format: Float64Array;
}

/** The addon's packed totals, summarised as engine.finish() would (closeBout's passSummary, merged in order). */
function unpack(r: Float64Array): Totals {
  const samples = r[1]!, t0 = r[3]!, lastT = r[4]!;
  const nGaps = r[12]!, nPasses = r[13]!;
  const gaps: GapSummary[] = [];
  let o = HEAD;
  for (let i = 0; i < nGaps; i++, o += PER_GAP) gaps.push({ start_s: r[o]!, duration_s: r[o + 1]!, cause: 'lost' });
  const passes = [];
  const session = new BoutStats();
  const bout = new BoutStats();
  for (let i = 0; i < nPasses; i++, o += PER_PASS) {
    setForce(bout.left, r, o + 7); setForce(bout.right, r, o + 12);
    setCadence(bout.cadLeft, r, o + 17); setCadence(bout.cadRight, r, o + 22);
    bout.any_s = r[o + 27]!; bout.both_s = r[o + 28]!;
    passes.push(passSummary(passes.length + 1, r[o]!, r[o + 1]!, bout, r[o + 2]!, {
      early: r[o + 3] === 1, late: r[o + 4] === 1, startInGap: r[o + 5] === 1, endInGap: r[o + 6] === 1,
    }));
    session.merge(bout);
  }
  const gapCount = r[6]!, gapTotal = r[7]!;
  const fragments: Totals['fragments'] = {};
  if (r[8] === r[8]) fragments.start_fragment_s = r[8]!;
  if (r[9] === r[9]) fragments.end_fragment_s = r[9]!;
  const summary = sessionSummary({
    samples, t0, lastT, passes, session, sawImuLeft: r[10] === 1, sawImuRight: r[11] === 1,
    tooHardEvents: r[5]!, gaps, gapCount, gapTotal,
  });
  return {
    summary, samples, t0, lastT, fragments, format: r.subarray(FORMAT, FORMAT + 9),
    gapInfo: { gaps: gaps.slice(), gap_count: gapCount, gap_s: gapTotal },
  };
}

/** A whole CSV recording scored by the compiled scorer, or null (declined, or no addon). */
export function scoreCsvNative(bytes: Uint8Array, file: string, profile: Profile): { report: Report; csv: CsvReadResult } | null {
  const native = nativeScorer();
  if (!native) return null;
  const reader = new CsvReader(file, () => {});
  let start: number;
  try {
    start = reader.readHeader(bytes);
  } catch {
    return null; // the TypeScript reader gives the message
  }
  if (start < 0) return null;
  const l = reader.layout();
  const r = native.scoreCsv(bytes, start, l.map, l.delim, l.decimalComma, l.gyroLeft, l.gyroRight, engineParams(profile));
  if (typeof r === 'number') { lastDecline = r; return null; }
  lastDecline = 0;
  const x = unpack(r);
  const recording = recordingInfo('csv', x.samples, sampleRate(x.samples, x.t0, x.lastT), emptyCounters(), null, 0, x.gapInfo, x.fragments);
  return { report: score(x.summary, profile, recording), csv: reader.resultOf(x.format[0]!, x.format[1]!, x.format[2]!) };
}

/**
 * A whole raw capture scored by the compiled scorer with `descriptor` (the first one in it), or
 * null (declined, or no addon).
 */
export function scoreRawNative(
  bytes: Uint8Array, profile: Profile, descriptor: Descriptor, calibration?: DeviceCalibration,
): { report: Report; counters: DecoderCounters } | null {
  const native = nativeScorer();
  if (!native) return null;
  let plan: CalibrationPlan;
  try {
    plan = calibrationPlan(descriptor, calibration);
  } catch {
    return null; // the pipeline reports the descriptor's problem
  }
  const newtons = (ch: number, raw: number): number => fsrNewtons(raw, plan.fsrP0[ch]!, plan.fsrP1[ch]!, plan.fsrP2[ch]!);
  const r = native.scoreRaw(bytes, plan, engineParams(profile), newtons);
  if (typeof r === 'number') { lastDecline = r; return null; }
  lastDecline = 0;
  const x = unpack(r);
  const f = x.format;
  const counters: DecoderCounters = {
    bytes: f[0]!, frames: f[1]!, crc_errors: f[2]!, resyncs: f[3]!, lost_frames: f[4]!, junk_bytes: f[5]!,
    unknown_type: f[6]!, duplicates: f[7]!, restarts: f[8]!,
  };
  const recording = recordingInfo('raw', x.samples, descriptor.sample_rate_hz, counters, descriptor, 0, x.gapInfo, x.fragments);
  return { report: noteUnusable(score(x.summary, profile, recording), plan), counters };
}
