// Raw counts -> physical units (PROTOCOL.md section 3.1), the FSR calibration fit, and the
// gyroscope bias estimator. Pure; no Node APIs.
import type { Descriptor, Hand, Sample } from '../protocol/types';
import type { EngineSample, HandSample } from './types';
import type { Report } from './report-schema';
import { both, type Entry } from '../i18n/index';
import { FIT_MESSAGES, type FitRefusal } from '../i18n/calibration';
import { LocalizedError } from '../i18n/index';
import { channelProblem, descriptorProblem, type ChannelProblem, type DescriptorProblem } from '../protocol/descriptor-check';

// ------------------------------------------------------------------ device calibration

export interface FsrParams {
  /** Newtons at c = 1. */
  p0: number;
  /** Exponent. */
  p1: number;
  /** Tare, raw counts. */
  p2: number;
}

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** A host-side calibration of one glove, kept per device id by the store (JSON). */
export interface DeviceCalibration {
  device_id: number;
  /** Keyed by channel name: left_thumb, right_thumb, left_knuckle, right_knuckle. */
  fsr: Record<string, FsrParams>;
  /** Gyroscope zero-rate offset per hand, degrees per second (subtracted). */
  gyro_bias?: Partial<Record<Hand, Vec3>>;
}

/** True when `override` belongs to the device that sent `descriptor`. */
export function overrideApplies(descriptor: Descriptor, override?: DeviceCalibration): boolean {
  return override !== undefined && override.device_id === descriptor.device_id;
}

// ------------------------------------------------------------------ calibrator

/**
 * Calibrates one raw sample into `out`; false (out untouched) when the layout does not match.
 * `unusable`: channels whose calibration constants cannot be used (their values stay NaN, and
 * an IMU with one such channel counts as not valid), each with its reason in both languages.
 */
export type Calibrator = ((s: Sample, out: EngineSample) => boolean) & { readonly unusable: readonly ChannelProblem[] };

/** A descriptor the host cannot interpret reached the calibrator (the decoder refuses these). */
export class DescriptorError extends LocalizedError {
  constructor(readonly problem: DescriptorProblem) {
    super(problem.entry, problem.params);
  }
}

export function blankHand(): HandSample {
  return { thumb_n: NaN, knuckle_n: NaN, imu_ok: false, ax_g: NaN, ay_g: NaN, az_g: NaN, gx_dps: NaN, gy_dps: NaN, gz_dps: NaN };
}

export function blankSample(): EngineSample {
  return { t_s: 0, left: blankHand(), right: blankHand(), marker: false };
}

// Output slots: per hand 0 thumb, 1 knuckle, 2..4 accel x y z, 5..7 gyro x y z; right = +8.
const SLOTS = 16;
/** Where the value of an unusable FSR channel goes (never read). */
const DISCARD = SLOTS;
const FLAG_PASS_MARKER = 1 << 3;
const MAX_R = 0.999;
/**
 * A saturated or shorted sensor would otherwise read thousands of newtons: no FSR 402 reading
 * means anything past this, and the CSV reader refuses more (host/io/csv.ts CSV_LIMITS).
 */
export const FSR_MAX_N = 200;

export function fsrNewtons(raw: number, p0: number, p1: number, p2: number): number {
  let r = (raw - p2) / 65535;
  if (r <= 0) return 0;
  if (r > MAX_R) r = MAX_R;
  const n = p0 * Math.pow(r / (1 - r), p1);
  // NaN (an unusable constant) stays NaN: no force, rather than a saturated 200 N.
  return n < FSR_MAX_N ? n : n >= FSR_MAX_N ? FSR_MAX_N : NaN;
}

/** Inverse of fsrNewtons (for simulators and tests): the raw count that reads `newtons`. */
export function fsrRaw(newtons: number, p0: number, p1: number, p2: number): number {
  if (newtons <= 0) return p2;
  const c = Math.pow(newtons / p0, 1 / p1);
  return p2 + (c / (1 + c)) * 65535;
}

/**
 * Where each channel of one descriptor goes and its constants, resolved once (no name lookups
 * per sample). `override` (matched on device_id) replaces the FSR p0/p1 and supplies p2 when
 * the device sent no tare (p2 = 0): a tare the device reports is newer than any stored fit.
 * The compiled scorer (native/src/readers.h CalPlan) takes these same arrays.
 * Output slots: per hand 0 thumb, 1 knuckle, 2..4 accel x y z, 5..7 gyro x y z; right = +8.
 */
export interface CalibrationPlan {
  nFsr: number;
  /** IMUs (each 6 channels). */
  nImu: number;
  /** Slot per FSR channel (DISCARD for an unusable one), and its constants. */
  fsrDest: Int32Array;
  fsrP0: Float64Array;
  fsrP1: Float64Array;
  fsrP2: Float64Array;
  /** Slot per IMU channel, and value = (raw - offset) * scale - bias. */
  imuDest: Int32Array;
  imuScale: Float64Array;
  imuOffset: Float64Array;
  imuBias: Float64Array;
  /** Hand of each IMU: 0 left, 1 right. */
  imuHand: Int32Array;
  /** 0 when one of the IMU's channels has unusable constants: the IMU counts as not valid. */
  imuUsable: Uint8Array;
  /** Slots no channel fills (NaN on every sample). */
  absentSlots: Int32Array;
  /** Channels whose calibration constants cannot be used, each with its reason in both languages. */
  unusable: ChannelProblem[];
}

export function calibrationPlan(descriptor: Descriptor, override?: DeviceCalibration): CalibrationPlan {
  const own = overrideApplies(descriptor, override) ? override : undefined;
  const chans = descriptor.channels;
  const problem = descriptorProblem(descriptor);
  if (problem) throw new DescriptorError(problem);
  let nFsr = 0;
  while (nFsr < chans.length && chans[nFsr]!.kind === 'fsr') nFsr++;
  const nImuCh = chans.length - nFsr;
  const nImu = nImuCh / 6;
  const unusable: ChannelProblem[] = [];
  const id = descriptor.device_id;

  const fsrDest = new Int32Array(nFsr);
  const fsrP0 = new Float64Array(nFsr);
  const fsrP1 = new Float64Array(nFsr);
  const fsrP2 = new Float64Array(nFsr);
  const present = new Uint8Array(SLOTS);
  for (let i = 0; i < nFsr; i++) {
    const ch = chans[i]!;
    const base = ch.hand === 'left' ? 0 : 8;
    fsrDest[i] = base + (ch.site === 'knuckle' ? 1 : 0);
    present[fsrDest[i]!] = 1;
    const o = own?.fsr[ch.name];
    fsrP0[i] = o ? o.p0 : ch.p0;
    fsrP1[i] = o ? o.p1 : ch.p1;
    fsrP2[i] = o && ch.p2 === 0 ? o.p2 : ch.p2;
    const bad = channelProblem({ kind: 'fsr', name: ch.name, p0: fsrP0[i]!, p1: fsrP1[i]!, p2: fsrP2[i]! }, i, id);
    if (bad) {
      unusable.push(bad);
      present[fsrDest[i]!] = 0;
      fsrDest[i] = DISCARD; // the slot stays NaN: no force from this sensor
    }
  }

  const imuDest = new Int32Array(nImuCh);
  const imuScale = new Float64Array(nImuCh);
  const imuOffset = new Float64Array(nImuCh);
  const imuBias = new Float64Array(nImuCh);
  const imuHand = new Int32Array(nImu);
  const imuUsable = new Uint8Array(nImu).fill(1);
  for (let k = 0; k < nImuCh; k++) {
    const ch = chans[nFsr + k]!;
    const bad = channelProblem(ch, nFsr + k, id);
    if (bad) {
      unusable.push(bad);
      imuUsable[Math.floor(k / 6)] = 0;
    }
    const base = ch.hand === 'left' ? 0 : 8;
    const axis = ch.site === 'x' ? 0 : ch.site === 'y' ? 1 : 2;
    imuDest[k] = base + (ch.kind === 'accel' ? 2 : 5) + axis;
    present[imuDest[k]!] = 1;
    imuScale[k] = ch.p0;
    imuOffset[k] = ch.p1;
    const b = ch.kind === 'gyro' ? own?.gyro_bias?.[ch.hand] : undefined;
    imuBias[k] = b ? (axis === 0 ? b.x : axis === 1 ? b.y : b.z) : 0;
    if (k % 6 === 0) imuHand[k / 6] = base === 0 ? 0 : 1;
  }
  const absent: number[] = [];
  for (let i = 0; i < SLOTS; i++) if (!present[i]) absent.push(i);
  return {
    nFsr, nImu, fsrDest, fsrP0, fsrP1, fsrP2, imuDest, imuScale, imuOffset, imuBias, imuHand, imuUsable,
    absentSlots: Int32Array.from(absent), unusable,
  };
}

/** Builds the per-sample conversion for one descriptor (see calibrationPlan). */
export function createCalibrator(descriptor: Descriptor, override?: DeviceCalibration): Calibrator {
  const {
    nFsr, nImu, fsrDest, fsrP0, fsrP1, fsrP2, imuDest, imuScale, imuOffset, imuBias, imuHand, imuUsable, absentSlots, unusable,
  } = calibrationPlan(descriptor, override);
  // Newtons per raw count, filled lazily (NaN = not computed yet): Math.pow costs ~45 ns, a
  // table read ~2 ns, and a glove's readings only ever visit a few thousand counts.
  const fsrTable: Float32Array[] = [];
  for (let i = 0; i < nFsr; i++) fsrTable.push(new Float32Array(65536).fill(NaN));
  const v = new Float64Array(SLOTS + 1);

  const calibrate = (s: Sample, out: EngineSample): boolean => {
    if (s.n_fsr !== nFsr || s.n_imu !== nImu) return false;
    for (let i = 0; i < absentSlots.length; i++) v[absentSlots[i]!] = NaN;
    const fsr = s.fsr;
    for (let i = 0; i < nFsr; i++) {
      const raw = fsr[i]! & 0xffff;
      const table = fsrTable[i]!;
      let n = table[raw]!;
      if (n !== n) {
        n = fsrNewtons(raw, fsrP0[i]!, fsrP1[i]!, fsrP2[i]!);
        table[raw] = n;
      }
      v[fsrDest[i]!] = n;
    }
    const imu = s.imu;
    const flags = s.flags;
    let leftOk = false;
    let rightOk = false;
    for (let j = 0; j < nImu; j++) {
      const ok = ((flags >> j) & 1) === 1 && imuUsable[j] === 1;
      if (imuHand[j] === 0) leftOk = ok; else rightOk = ok;
      // Two loops, not `ok ? value : NaN`: V8 boxes every value of that mix (a heap number each).
      const k0 = j * 6;
      if (ok) for (let k = k0; k < k0 + 6; k++) v[imuDest[k]!] = (imu[k]! - imuOffset[k]!) * imuScale[k]! - imuBias[k]!;
      else for (let k = k0; k < k0 + 6; k++) v[imuDest[k]!] = NaN;
    }
    out.t_s = s.t_s;
    out.marker = (flags & FLAG_PASS_MARKER) !== 0;
    const l = out.left;
    l.thumb_n = v[0]!; l.knuckle_n = v[1]!; l.imu_ok = leftOk;
    l.ax_g = v[2]!; l.ay_g = v[3]!; l.az_g = v[4]!; l.gx_dps = v[5]!; l.gy_dps = v[6]!; l.gz_dps = v[7]!;
    const r = out.right;
    r.thumb_n = v[8]!; r.knuckle_n = v[9]!; r.imu_ok = rightOk;
    r.ax_g = v[10]!; r.ay_g = v[11]!; r.az_g = v[12]!; r.gx_dps = v[13]!; r.gy_dps = v[14]!; r.gz_dps = v[15]!;
    return true;
  };
  return Object.assign(calibrate, { unusable });
}

/** The report with a note (both languages) for each channel the calibrator left out. */
export function noteUnusable(report: Report, cal: { readonly unusable: readonly ChannelProblem[] } | null): Report {
  if (!cal || cal.unusable.length === 0) return report;
  return { ...report, notes: [...(report.notes ?? []), ...cal.unusable.map((p) => both(p.entry, p.params))] };
}

/** A stable key of what a calibrator depends on: recreate the calibrator when it changes. */
export function descriptorKey(d: Descriptor): string {
  // A glove repeats the same descriptor every 2 s (1,800 an hour): compare numbers before
  // formatting 50 of them into a string again.
  if (lastKeyed && sameCalibration(lastKeyed, d)) return lastKey;
  let k = `${d.device_id}`;
  for (const c of d.channels) k += `|${c.kind}${c.hand}${c.site}:${c.p0}:${c.p1}:${c.p2}`;
  lastKeyed = { ...d, channels: d.channels.map((c) => ({ ...c })) }; // a copy: callers may reuse theirs
  lastKey = k;
  return k;
}

let lastKeyed: Descriptor | null = null;
let lastKey = '';

function sameCalibration(a: Descriptor, b: Descriptor): boolean {
  if (a.device_id !== b.device_id || a.channels.length !== b.channels.length) return false;
  for (let i = 0; i < a.channels.length; i++) {
    const x = a.channels[i]!, y = b.channels[i]!;
    // Object.is: a NaN constant equals itself, as in the string key.
    if (x.kind !== y.kind || x.hand !== y.hand || x.site !== y.site
      || !Object.is(x.p0, y.p0) || !Object.is(x.p1, y.p1) || !Object.is(x.p2, y.p2)) return false;
  }
  return true;
}

// ------------------------------------------------------------------ FSR fit

export interface FitPoint {
  raw: number;
  newtons: number;
}

export interface FitResidual extends FitPoint {
  fitted_n: number;
  /** (fitted - measured) / measured. */
  rel_error: number;
}

export interface FitOptions {
  /** Tare in raw counts; default: the mean raw of the zero-load points, else 0. */
  tare_raw?: number;
  /** Smallest accepted R² of the log-log line (default 0.98). */
  min_r2?: number;
  /** Largest accepted |relative residual| of any loaded point (default 0.15). */
  max_residual?: number;
}

export type FsrFit =
  | { ok: true; params: FsrParams; r2: number; residuals: FitResidual[]; max_rel_error: number; message: Entry }
  | { ok: false; reason: FitRefusal; message: Entry; r2?: number; residuals?: FitResidual[] };

const ZERO_LOAD_N = 1e-3;

function refuse(reason: FitRefusal, params: Record<string, string | number>, extra?: { r2: number; residuals: FitResidual[] }): FsrFit {
  return { ok: false, reason, message: both(FIT_MESSAGES[reason], params), ...extra };
}

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? Number(x.toFixed(d)).toString() : String(x));

/**
 * Fits `newtons = p0 * c^p1` (c = r / (1 - r), r = (raw - p2) / 65535) to calibration
 * points by least squares on log N against log c. Points with zero load set the tare.
 * Refuses, with a reason in both languages, a fit a trainer should not trust.
 */
export function fitFsr(points: FitPoint[], opts: FitOptions = {}): FsrFit {
  const minR2 = opts.min_r2 ?? 0.98;
  const maxRes = opts.max_residual ?? 0.15;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (!Number.isFinite(p.raw) || !Number.isFinite(p.newtons) || p.raw < 0 || p.raw > 65535 || p.newtons < 0) {
      return refuse('bad_point', { index: i + 1, raw: p.raw, newtons: p.newtons });
    }
  }
  const zero = points.filter((p) => p.newtons < ZERO_LOAD_N);
  const loaded = points.filter((p) => p.newtons >= ZERO_LOAD_N);
  const p2 = opts.tare_raw ?? (zero.length ? zero.reduce((a, p) => a + p.raw, 0) / zero.length : 0);

  // Mean raw per distinct load, in load order.
  const byLoad = new Map<number, { sum: number; n: number }>();
  for (const p of loaded) {
    const key = Math.round(p.newtons * 1e6) / 1e6;
    const g = byLoad.get(key) ?? { sum: 0, n: 0 };
    g.sum += p.raw;
    g.n++;
    byLoad.set(key, g);
  }
  if (byLoad.size < 3) return refuse('too_few_loads', { n: byLoad.size });
  for (const p of loaded) {
    if (p.raw <= p2) return refuse('below_tare', { newtons: fmt(p.newtons), raw: p.raw, p2: fmt(p2, 1) });
  }
  const loads = [...byLoad.entries()].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < loads.length; i++) {
    const prev = loads[i - 1]![1].sum / loads[i - 1]![1].n;
    const cur = loads[i]![1].sum / loads[i]![1].n;
    if (cur <= prev) return refuse('not_monotonic', { newtons: fmt(loads[i]![0]), raw: fmt(cur, 0) });
  }

  const logC = (raw: number): number => {
    const r = Math.min((raw - p2) / 65535, MAX_R);
    return Math.log(r / (1 - r));
  };
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  const n = loaded.length;
  for (const p of loaded) {
    const x = logC(p.raw);
    const y = Math.log(p.newtons);
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const den = n * sxx - sx * sx;
  const p1 = (n * sxy - sx * sy) / den;
  const a = (sy - p1 * sx) / n;
  const p0 = Math.exp(a);
  const yMean = sy / n;
  let ssRes = 0, ssTot = 0;
  const residuals: FitResidual[] = [];
  let worst = 0;
  let worstAt = 0;
  for (const p of loaded) {
    const x = logC(p.raw);
    const y = Math.log(p.newtons);
    ssRes += (y - (a + p1 * x)) ** 2;
    ssTot += (y - yMean) ** 2;
    const fitted = p0 * Math.exp(p1 * x);
    const rel = (fitted - p.newtons) / p.newtons;
    residuals.push({ raw: p.raw, newtons: p.newtons, fitted_n: fitted, rel_error: rel });
    if (Math.abs(rel) > worst) { worst = Math.abs(rel); worstAt = p.newtons; }
  }
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : 0;
  const extra = { r2, residuals };
  if (!Number.isFinite(p1) || p1 < 0.2 || p1 > 5) return refuse('implausible_exponent', { p1: fmt(p1) }, extra);
  if (r2 < minR2) return refuse('poor_fit', { r2: fmt(r2, 4), min_r2: minR2 }, extra);
  if (worst > maxRes) {
    return refuse('large_residual', { max_err: fmt(worst * 100, 1), newtons: fmt(worstAt), limit: fmt(maxRes * 100, 1) }, extra);
  }
  const params = { p0, p1, p2 };
  return {
    ok: true, params, r2, residuals, max_rel_error: worst,
    message: both(FIT_MESSAGES.ok, { p0: fmt(p0), p1: fmt(p1), p2: fmt(p2, 1), r2: fmt(r2, 4), max_err: fmt(worst * 100, 1) }),
  };
}

// ------------------------------------------------------------------ gyroscope bias

/** Gyro spread (SD per axis) below which a 1 s block counts as still, deg/s. */
export const STILL_SD_DPS = 1.5;
/** A still block's mean above this is a slow turn, not a bias, deg/s. */
export const MAX_BIAS_DPS = 25;
/** Length of the blocks the estimator judges, seconds. */
export const STILL_BLOCK_S = 1;
/** Weight of a later still block in the running bias. */
const BIAS_UPDATE = 0.3;

/**
 * Zero-rate offset of one hand's gyroscope. It judges consecutive 1 s blocks: the first still
 * block (every axis' SD below STILL_SD_DPS) sets the bias, later still blocks pull it toward
 * their mean (weight 0.3), so slow thermal drift is followed. Moving blocks are ignored.
 * Constant memory. The per-axis variance of the last block also tells which axis moves most.
 */
export class GyroBias {
  readonly bias = new Float64Array(3);
  known = false;
  /** Variance per axis of the last finished block, (deg/s)^2. */
  readonly blockVar = new Float64Array(3);
  /** Increments when a block finishes (callers can react once per block). */
  blocks = 0;
  private readonly sum = new Float64Array(3);
  private readonly sumSq = new Float64Array(3);
  private n = 0;
  private start = NaN;

  constructor(initial?: Vec3) {
    if (initial) {
      this.bias[0] = initial.x; this.bias[1] = initial.y; this.bias[2] = initial.z;
      this.known = true;
    }
  }

  /** Feeds one valid gyro reading (deg/s, before bias removal). */
  push(t: number, gx: number, gy: number, gz: number): void {
    if (this.n === 0) this.start = t;
    const s = this.sum, q = this.sumSq;
    s[0] += gx; s[1] += gy; s[2] += gz;
    q[0] += gx * gx; q[1] += gy * gy; q[2] += gz * gz;
    this.n++;
    if (t - this.start >= STILL_BLOCK_S && this.n >= 8) this.closeBlock();
  }

  /** The IMU dropped out or the data has a gap: start a new block. */
  interrupt(): void {
    this.n = 0;
    this.sum.fill(0);
    this.sumSq.fill(0);
  }

  private closeBlock(): void {
    const n = this.n;
    let still = true;
    for (let a = 0; a < 3; a++) {
      const m = this.sum[a]! / n;
      const v = Math.max(0, this.sumSq[a]! / n - m * m);
      this.blockVar[a] = v;
      if (v > STILL_SD_DPS * STILL_SD_DPS || Math.abs(m) > MAX_BIAS_DPS) still = false;
    }
    if (still) {
      for (let a = 0; a < 3; a++) {
        const m = this.sum[a]! / n;
        this.bias[a] = this.known ? this.bias[a]! + BIAS_UPDATE * (m - this.bias[a]!) : m;
      }
      this.known = true;
    }
    this.blocks++;
    this.interrupt();
  }
}
