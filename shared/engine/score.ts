// score(): a session summary judged against an SOP profile -> the JSON report.
// The rules, written for a trainee, are in docs/SCORING.md; keep the two in step.
//
// Per criterion a sub-score 0-100: 100 inside the target band, falling linearly to PASS_MARK
// at the edge of the pass band, then steeply to 0 beyond it. The total is the weighted
// geometric mean of the sub-scores, and any failed criterion holds the total below PASS_MARK,
// so the total reaches PASS_MARK exactly when the verdict is "pass". The points lost are split
// over the criteria in proportion to their share of the product (see deductions below).
import type { Criterion, Profile } from '../profiles/schema';
import type { CadenceStatusId, CriterionResult, PassResult, Report } from './report-schema';
import type { HandSummary, SessionSummary } from './types';
import type { Entry, Lang, Params } from '../i18n/index';
import { fill } from '../i18n/index';
import { CADENCE_STATUS, CRITERION_MESSAGES, CRITERION_NAMES, HANDS, REPORT, type Side } from '../i18n/report';
import {
  formatDuration,
  formatDurationRange,
  formatNumber,
  formatPercent,
  formatPercentRange,
  formatRange,
  formatTrim,
} from '../i18n/format';

export const FULL_MARKS = 100;
/** A criterion scores PASS_MARK at the edge of its pass band; the total passes at PASS_MARK. */
export const PASS_MARK = 60;
/** Below this much work time, or this many circles, there is no score. */
export const MIN_WORK_S = 30;
export const MIN_CIRCLES = 10;
/** Inside the product a sub-score counts as at least this, so a single 0 does not erase the rest. */
export const PRODUCT_FLOOR = 1;

export type CriterionKey = keyof typeof CRITERION_NAMES;

/**
 * Beyond the pass band the sub-score falls from PASS_MARK to 0 over half the distance between
 * the target edge and the pass edge (three times as steep as inside), but over at least this.
 */
export const MIN_FALL: Record<CriterionKey, number> = {
  pass_duration_s: 15,
  pass_count: 1,
  work_s: 60,
  force_n: 1,
  in_band_fraction: 0.1,
  cadence_hz: 0.2,
  regularity_cv: 0.1,
  bilateral_fraction: 0.1,
  balance: 0.05,
};

export interface BandScore {
  /** Unrounded sub-score 0..100. */
  score: number;
  side: Side;
  passed: boolean;
}

/** The sub-score of one measured value against one criterion's bands. */
export function bandScore(value: number, c: Criterion, minFall: number): BandScore {
  const eps = 1e-9 * Math.max(1, Math.abs(value));
  if (value < c.target.min - eps) {
    const gap = c.target.min - c.pass.min;
    if (value >= c.pass.min - eps) {
      const s = gap > 0 ? FULL_MARKS - (FULL_MARKS - PASS_MARK) * ((c.target.min - value) / gap) : PASS_MARK;
      return { score: Math.max(PASS_MARK, s), side: 'low', passed: true };
    }
    const fall = Math.max(gap / 2, minFall);
    return { score: PASS_MARK * Math.max(0, 1 - (c.pass.min - value) / fall), side: 'low', passed: false };
  }
  if (value > c.target.max + eps) {
    const gap = c.pass.max - c.target.max;
    if (value <= c.pass.max + eps) {
      const s = gap > 0 ? FULL_MARKS - (FULL_MARKS - PASS_MARK) * ((value - c.target.max) / gap) : PASS_MARK;
      return { score: Math.max(PASS_MARK, s), side: 'high', passed: true };
    }
    const fall = Math.max(gap / 2, minFall);
    return { score: PASS_MARK * Math.max(0, 1 - (value - c.pass.max) / fall), side: 'high', passed: false };
  }
  return { score: FULL_MARKS, side: 'in', passed: true };
}

/** Rounded sub-score that keeps passed >= PASS_MARK and failed < PASS_MARK after rounding. */
function roundSub(b: BandScore): number {
  const r = Math.round(b.score);
  return b.passed ? Math.max(PASS_MARK, r) : Math.min(PASS_MARK - 1, r);
}

interface Judged {
  id: string;
  key: CriterionKey;
  weight: number;
  value: number | null;
  criterion: Criterion;
  score: number;
  passed: boolean;
  messages: Entry;
}

type ParamsFor = (lang: Lang, value: number) => Params;

function message(key: CriterionKey, side: Side, params: (lang: Lang) => Params): Entry {
  const e = CRITERION_MESSAGES[key][side];
  return { id: fill(e.id, params('id')), en: fill(e.en, params('en')) };
}

function judge(
  id: string,
  key: CriterionKey,
  value: number | null,
  criterion: Criterion,
  weight: number,
  paramsFor: ParamsFor,
): Judged {
  if (value === null || !Number.isFinite(value)) {
    return {
      id, key, weight, value: null, criterion, score: 0, passed: false,
      messages: message(key, 'missing', (lang) => paramsFor(lang, NaN)),
    };
  }
  const b = bandScore(value, criterion, MIN_FALL[key]);
  return {
    id, key, weight, value, criterion, score: roundSub(b), passed: b.passed,
    messages: message(key, b.side, (lang) => paramsFor(lang, value)),
  };
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Mean of the hands' values that are known, weighted by their circles (equal if none). */
function handMean(l: HandSummary, r: HandSummary, pick: (h: HandSummary) => number | null): number | null {
  let sum = 0;
  let wsum = 0;
  for (const h of [l, r]) {
    const v = pick(h);
    if (v === null || !Number.isFinite(v)) continue;
    const w = Math.max(h.circles, 1e-6);
    sum += v * w;
    wsum += w;
  }
  return wsum > 0 ? sum / wsum : null;
}

/** Split an integer `total` over `shares` into integers that add up to it (largest remainder). */
export function apportion(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return shares.map(() => 0);
  const raw = shares.map((s) => (total * s) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] += 1;
    left -= 1;
  }
  return out;
}

/**
 * The total from the reported (rounded) sub-scores and weights: the weighted geometric mean,
 * each sub-score counted as at least PRODUCT_FLOOR, rounded; held at PASS_MARK - 1 or below
 * when a criterion with weight failed. Criteria with weight 0 are shown but do not count.
 */
export function totalFromCriteria(criteria: readonly Pick<CriterionResult, 'score' | 'weight' | 'passed'>[]): {
  product: number;
  total: number;
} {
  const counted = criteria.filter((c) => c.weight > 0);
  const w = counted.reduce((a, c) => a + c.weight, 0);
  const log = counted.reduce((a, c) => a + c.weight * Math.log(Math.max(c.score, PRODUCT_FLOOR) / FULL_MARKS), 0);
  const product = w > 0 ? Math.round(FULL_MARKS * Math.exp(log / w)) : FULL_MARKS;
  const failed = counted.some((c) => !c.passed);
  return { product, total: failed ? Math.min(product, PASS_MARK - 1) : product };
}

function joinNames(names: string[], lang: Lang): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${REPORT.list_and[lang]} ${names[names.length - 1]}`;
}

/** A tempo against the profile's cadence target band (too slow / too fast are never folded in). */
export function cadenceStatus(hz: number | null, profile: Profile): CadenceStatusId | null {
  if (hz === null || !Number.isFinite(hz)) return null;
  const b = profile.criteria.cadence_hz.target;
  return hz < b.min ? 'too_slow' : hz > b.max ? 'too_fast' : 'in_band';
}

function lowestConfidence(a: number | null | undefined, b: number | null | undefined): number | null {
  const xs = [a, b].filter((x): x is number => typeof x === 'number');
  return xs.length ? Math.min(...xs) : null;
}

function passResult(p: SessionSummary['passes'][number], profile: Profile): PassResult {
  return {
    index: p.index,
    start_s: p.start_s,
    end_s: p.end_s,
    duration_s: p.duration_s,
    cadence_hz: p.cadence_hz,
    cadence_confidence: p.cadence_confidence ?? null,
    cadence_status: cadenceStatus(p.cadence_hz, profile),
    circles: Math.round(p.circles),
    regularity_cv: p.regularity_cv,
    mean_force_left_n: p.mean_force_left_n,
    mean_force_right_n: p.mean_force_right_n,
    bilateral_fraction: p.bilateral_fraction,
    gap_s: p.gap_s ?? 0,
    started_before_recording: p.started_before_recording ?? false,
    ended_after_recording: p.ended_after_recording ?? false,
    started_in_gap: p.started_in_gap ?? false,
    ended_in_gap: p.ended_in_gap ?? false,
  };
}

/** What a pass's length is judged on: its length, time without data, and which edges were seen. */
type PassLength = Pick<PassResult, 'duration_s'> & Partial<Pick<PassResult,
  'gap_s' | 'started_before_recording' | 'ended_after_recording' | 'started_in_gap' | 'ended_in_gap'>>;

/** How a pass's length is judged instead of against the band, or null when it is judged as measured. */
export function lengthJudgedAsSeen(p: PassLength, target: { min: number; max: number }): 'edge' | 'gap' | null {
  if (unseenEdge(p) && p.duration_s < target.max) return 'edge'; // only what was seen, not too long
  const gap = p.gap_s ?? 0;
  if (gap > 0 && p.duration_s < target.min && p.duration_s + gap >= target.min) return 'gap'; // short only by time without data
  return null;
}

/** The message for a pass whose start or end was not seen, or null when both were. */
function unseenEdge(p: PassLength): Entry | null {
  const early = p.started_before_recording ?? false, late = p.ended_after_recording ?? false;
  const startGap = p.started_in_gap ?? false, endGap = p.ended_in_gap ?? false;
  if (early && late) return REPORT.pass_seen_in_part;
  if (early) return REPORT.pass_started_before;
  if (late) return REPORT.pass_ended_after;
  if (startGap && endGap) return REPORT.pass_between_gaps;
  if (startGap) return REPORT.pass_started_in_gap;
  if (endGap) return REPORT.pass_ended_in_gap;
  return null;
}

/** Every criterion of the profile judged on the summary, in report order. */
function judgeAll(summary: SessionSummary, profile: Profile): Judged[] {
  const c = profile.criteria;
  const out: Judged[] = [];
  const passes = summary.passes;

  const durBand = (lang: Lang): string => formatDurationRange(c.pass_duration_s.target.min, c.pass_duration_s.target.max, lang);
  for (const p of passes) {
    const j = judge(`pass_duration_s.${p.index}`, 'pass_duration_s', p.duration_s, c.pass_duration_s,
      c.pass_duration_s.weight / passes.length,
      (lang, v) => ({ n: p.index, dur: formatDuration(v, lang), band: durBand(lang) }));
    const asSeen = lengthJudgedAsSeen(p, c.pass_duration_s.target);
    const gap = p.gap_s ?? 0;
    if (asSeen === 'edge') {
      // Its start or its end was not seen: only what was seen is judged, and that was not too long.
      const edge = unseenEdge(p)!;
      j.score = FULL_MARKS;
      j.passed = true;
      j.messages = {
        id: fill(edge.id, { n: p.index, dur: formatDuration(p.duration_s, 'id') }),
        en: fill(edge.en, { n: p.index, dur: formatDuration(p.duration_s, 'en') }),
      };
    } else if (asSeen === 'gap') {
      // Short only by time without data: the trainee may have worked through it.
      j.score = FULL_MARKS;
      j.passed = true;
      const e = REPORT.pass_short_by_gap;
      j.messages = {
        id: fill(e.id, { n: p.index, dur: formatDuration(p.duration_s, 'id'), gap: formatDuration(gap, 'id'), band: durBand('id') }),
        en: fill(e.en, { n: p.index, dur: formatDuration(p.duration_s, 'en'), gap: formatDuration(gap, 'en'), band: durBand('en') }),
      };
    }
    out.push(j);
  }

  out.push(judge('pass_count', 'pass_count', passes.length, c.pass_count, c.pass_count.weight, (lang, v) => ({
    count: fill((v === 1 ? REPORT.pass_count_one : REPORT.pass_count_many)[lang], { n: v }),
    band: formatRange(c.pass_count.target.min, c.pass_count.target.max, lang),
  })));

  if (c.work_s) {
    const ws = c.work_s;
    out.push(judge('work_s', 'work_s', summary.work_s, ws, ws.weight, (lang, v) => ({
      dur: formatDuration(v, lang),
      band: formatDurationRange(ws.target.min, ws.target.max, lang),
    })));
  }

  const forceBand = (lang: Lang): string => formatRange(c.force_n.target.min, c.force_n.target.max, lang);
  for (const hand of ['left', 'right'] as const) {
    out.push(judge(`force_n.${hand}`, 'force_n', summary[hand].mean_n, c.force_n, c.force_n.weight / 2, (lang, v) => ({
      hand: HANDS[hand][lang],
      f: formatNumber(v, 1, lang),
      band: forceBand(lang),
    })));
  }

  const fractionParams = (cr: Criterion) => (lang: Lang, v: number): Params => ({
    p: Number.isFinite(v) ? formatPercent(v, lang) : '-',
    min: formatPercent(cr.target.min, lang),
    max: formatPercent(cr.target.max, lang),
    band: formatPercentRange(cr.target.min, cr.target.max, lang),
    fband: forceBand(lang),
  });

  out.push(judge('in_band_fraction', 'in_band_fraction', summary.in_band_fraction, c.in_band_fraction,
    c.in_band_fraction.weight, fractionParams(c.in_band_fraction)));

  const cadence = handMean(summary.left, summary.right, (h) => h.cadence_hz);
  out.push(judge('cadence_hz', 'cadence_hz', cadence, c.cadence_hz, c.cadence_hz.weight, (lang, v) => ({
    // tempo is read as circles a minute everywhere (the profile keeps hertz)
    cpm: Number.isFinite(v) ? Math.round(v * 60) : '-',
    band: formatRange(Math.round(c.cadence_hz.target.min * 60), Math.round(c.cadence_hz.target.max * 60), lang),
  })));

  const cv = handMean(summary.left, summary.right, (h) => h.regularity_cv);
  out.push(judge('regularity_cv', 'regularity_cv', cv, c.regularity_cv, c.regularity_cv.weight,
    fractionParams(c.regularity_cv)));

  out.push(judge('bilateral_fraction', 'bilateral_fraction', summary.bilateral_fraction, c.bilateral_fraction,
    c.bilateral_fraction.weight, fractionParams(c.bilateral_fraction)));

  out.push(judge('balance', 'balance', summary.balance, c.balance, c.balance.weight, (lang, v) => ({
    l: Number.isFinite(v) ? formatPercent(v, lang) : '-',
    r: Number.isFinite(v) ? formatPercent(1 - v, lang) : '-',
    band: formatPercentRange(c.balance.target.min, c.balance.target.max, lang),
  })));
  return out;
}

function cadenceVerdict(hz: number | null, summary: SessionSummary, profile: Profile): Pick<Report['cadence'], 'confidence' | 'status' | 'status_text'> {
  const status = cadenceStatus(hz, profile);
  return {
    confidence: lowestConfidence(summary.left.cadence_confidence, summary.right.cadence_confidence),
    status,
    status_text: status ? CADENCE_STATUS[status] : null,
  };
}

/**
 * `in_progress`: the session is still running (a live view's score so far): the report says so,
 * and the front ends show pass-level results instead of the verdict until the session ends.
 */
export function score(
  summary: SessionSummary, profile: Profile, recording: Report['recording'], opts: { in_progress?: boolean } = {},
): Report {
  const circles = Math.max(summary.left.circles, summary.right.circles);
  const notes: Entry[] = [];
  const base = {
    report_version: 1 as const,
    profile: profile.id,
    passes: summary.passes.map((p) => passResult(p, profile)),
    pressure: {
      left: pressureOf(summary.left),
      right: pressureOf(summary.right),
      in_band_fraction: summary.in_band_fraction,
      band_n: { min: profile.criteria.force_n.target.min, max: profile.criteria.force_n.target.max },
      too_hard_events: summary.too_hard_events,
    },
    cadence: {
      left_hz: summary.left.cadence_hz,
      right_hz: summary.right.cadence_hz,
      mean_hz: handMean(summary.left, summary.right, (h) => h.cadence_hz),
      regularity_cv: handMean(summary.left, summary.right, (h) => h.regularity_cv),
      ...cadenceVerdict(handMean(summary.left, summary.right, (h) => h.cadence_hz), summary, profile),
    },
    bilateral_fraction: summary.bilateral_fraction,
    balance: summary.balance,
    duration_s: summary.duration_s,
    work_s: summary.work_s,
    recording,
    ...(opts.in_progress ? { in_progress: true } : {}),
  };

  if (summary.too_hard_events > 0) {
    const n = summary.too_hard_events;
    notes.push({
      id: fill(REPORT.too_hard_note.id, { limit: formatTrim(profile.too_hard_n, 'id'), times: `${n} kali` }),
      en: fill(REPORT.too_hard_note.en, { limit: formatTrim(profile.too_hard_n, 'en'), times: n === 1 ? 'once' : `${n} times` }),
    });
  }

  if (recording.gap_count) {
    const n = recording.gap_count;
    const g = recording.gap_s ?? 0;
    notes.push({
      id: fill(REPORT.gap.id, { n, dur: formatDuration(g, 'id') }),
      en: fill(REPORT.gap.en, { n, dur: formatDuration(g, 'en') }),
    });
  }

  for (const [f, entry] of [[recording.start_fragment_s, REPORT.start_fragment], [recording.end_fragment_s, REPORT.end_fragment]] as const) {
    if (f === undefined) continue;
    notes.push({ id: fill(entry.id, { dur: formatNumber(f, 1, 'id') }), en: fill(entry.en, { dur: formatNumber(f, 1, 'en') }) });
  }

  if (summary.work_s < MIN_WORK_S || circles < MIN_CIRCLES) {
    const p = (lang: Lang): Params => ({
      work: formatDuration(summary.work_s, lang),
      circles,
      min_work: formatDuration(MIN_WORK_S, lang),
      min_circles: MIN_CIRCLES,
      min_pass: formatDuration(profile.segmentation.min_pass_s, lang),
    });
    notes.unshift({ id: fill(REPORT.insufficient_data.id, p('id')), en: fill(REPORT.insufficient_data.en, p('en')) });
    return { ...base, verdict: 'insufficient_data', score: { total: null, criteria: [] }, deductions: [], notes };
  }

  const judged = judgeAll(summary, profile);
  const criteria: CriterionResult[] = judged.map((j) => ({
    id: j.id,
    score: j.score,
    passed: j.passed,
    weight: round(j.weight, 4),
    value: j.value === null ? null : round(j.value, 4),
    target: { min: j.criterion.target.min, max: j.criterion.target.max },
    message: j.messages.en,
    messages: j.messages,
    source: j.criterion.source,
  }));

  const { product, total } = totalFromCriteria(criteria);
  const counted = criteria.map((c, i) => ({ c, j: judged[i] })).filter((x) => x.c.weight > 0);
  const shares = counted.map(({ c }) => -c.weight * Math.log(Math.max(c.score, PRODUCT_FLOOR) / FULL_MARKS));
  const points = apportion(FULL_MARKS - product, shares);

  const deductions: Report['deductions'] = [];
  counted.forEach(({ c }, i) => {
    if (points[i] > 0 || !c.passed) deductions.push({ criterion: c.id, points: points[i], reason: c.messages });
  });
  const failed = counted.filter(({ c }) => !c.passed);
  if (product > total) {
    const names = (lang: Lang): string =>
      joinNames([...new Set(failed.map(({ j }) => CRITERION_NAMES[j.key][lang]))], lang);
    deductions.push({
      criterion: 'cap',
      points: product - total,
      reason: {
        id: fill(REPORT.cap.id, { names: names('id'), mark: PASS_MARK }),
        en: fill(REPORT.cap.en, { names: names('en'), mark: PASS_MARK }),
      },
    });
  }

  return {
    ...base,
    verdict: failed.length === 0 ? 'pass' : 'fail',
    score: { total, criteria },
    deductions,
    notes,
  };
}

function pressureOf(h: HandSummary): Report['pressure']['left'] {
  return { mean_n: h.mean_n, sd_n: h.sd_n, max_n: h.max_n, in_band_fraction: h.in_band_fraction };
}
