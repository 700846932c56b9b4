// `pijat inspect FILE`: what a raw capture holds, decoded by the shared decoder: frame and
// health counters, the rate from the device's own time stamps, the largest gaps, the statuses
// seen and the device descriptor.
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { INS_STATUS, SIM } from '../../shared/i18n/sim';
import { CLI } from '../../shared/i18n/cli';
import { formatNumber } from '../../shared/i18n/format';
import { Decoder } from '../../shared/protocol/decoder';
import type { Descriptor, Message } from '../../shared/protocol/types';
import { readCapture } from '../transport/file-replay';
import { UserError, runCommand } from './errors';
import { examples, h, langOf, langOption } from './options';
import { table } from './render-report';

const STATUS_NAMES = [
  'periodic', 'imu_lost', 'imu_recovered', 'button_down', 'button_up', 'started', 'stopped', 'rate_changed', 'error', 'boot',
];
/** A status event's name in `lang` (the JSON report keeps the ids). */
function statusWord(name: string, lang: Lang): string {
  const word = INS_STATUS[name];
  if (word) return t(word, lang);
  return t(SIM.ins_status_other, lang, { n: name.replace(/^event_/, '') });
}

/** A step between samples longer than this many median periods is a gap. */
const GAP_FACTOR = 1.5;
const MAX_GAPS = 5;

export interface Gap {
  /** Device time of the last sample before the gap, s. */
  at_s: number;
  duration_s: number;
  /** Frames missing in the sequence numbers across the gap. */
  lost_frames: number;
}

export interface InspectDescriptor {
  sample_rate_hz: number;
  device_id: number;
  board: string;
  firmware_version: string;
  protocol_version: number;
  channels: { name: string; kind: string; unit: string; p0: number; p1: number; p2: number }[];
}

export interface InspectResult {
  bytes: number;
  frames: number;
  samples: number;
  crc_errors: number;
  resyncs: number;
  lost_frames: number;
  junk_bytes: number;
  unknown_type: number;
  /** From the device time stamps: steps between samples, gaps left out, averaged; null below 2 samples. */
  rate_hz: number | null;
  /** First to last device frame, plus one sample period. */
  duration_s: number;
  /** The largest gaps between samples, largest first. */
  gaps: Gap[];
  /** Status frames seen, by event name. */
  statuses: Record<string, number>;
  descriptors: number;
  /** The last descriptor seen (null when none). */
  descriptor: InspectDescriptor | null;
}

function median(xs: Float64Array): number {
  const s = xs.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Decodes a whole capture and summarises it. */
export function inspectBytes(bytes: Uint8Array): InspectResult {
  const d = new Decoder();
  const steps: number[] = [];
  const stepAt: number[] = [];
  const stepLost: number[] = [];
  const statuses: Record<string, number> = {};
  let descriptor: Descriptor | undefined;
  let descriptors = 0;
  let samples = 0;
  let first = NaN;
  let last = NaN;
  let prevSample = NaN;
  let prevSeq = -1;
  let lostSince = 0;
  const on = (m: Message): void => {
    if (m.type === 'command') return;
    if (Number.isNaN(first)) first = m.t_s;
    last = m.t_s;
    if (prevSeq >= 0) {
      const g = (m.seq - prevSeq - 1) & 0xffff;
      if (g <= 30000) lostSince += g;
    }
    prevSeq = m.seq;
    if (m.type === 'sample') {
      samples++;
      if (!Number.isNaN(prevSample)) {
        steps.push(m.t_s - prevSample);
        stepAt.push(prevSample);
        stepLost.push(lostSince);
      }
      lostSince = 0;
      prevSample = m.t_s;
    } else if (m.type === 'status') {
      const name = STATUS_NAMES[m.event] ?? `event_${m.event}`;
      statuses[name] = (statuses[name] ?? 0) + 1;
    } else if (m.type === 'descriptor') {
      descriptors++;
      descriptor = m;
    }
  };
  d.push(bytes, on);
  d.finish(on);
  const c = d.counters;

  const dts = Float64Array.from(steps);
  const typical = dts.length > 0 ? median(dts) : NaN;
  const gapIdx: number[] = [];
  // The mean of the steps that are not gaps: the time-stamp jitter averages out.
  let sum = 0;
  let count = 0;
  for (let i = 0; i < dts.length; i++) {
    if (dts[i]! > GAP_FACTOR * typical) gapIdx.push(i);
    else if (dts[i]! > 0) {
      sum += dts[i]!;
      count++;
    }
  }
  const period = count > 0 ? sum / count : NaN;
  const rate = period > 0 ? 1 / period : null;
  gapIdx.sort((a, b) => dts[b]! - dts[a]!);
  const gaps = gapIdx.slice(0, MAX_GAPS).map((i) => ({
    at_s: round(stepAt[i]!, 3), duration_s: round(dts[i]!, 4), lost_frames: stepLost[i]!,
  }));
  const span = Number.isNaN(first) ? 0 : last - first;
  return {
    bytes: c.bytes,
    frames: c.frames,
    samples,
    crc_errors: c.crc_errors,
    resyncs: c.resyncs,
    lost_frames: c.lost_frames,
    junk_bytes: c.junk_bytes,
    unknown_type: c.unknown_type,
    rate_hz: rate === null ? null : round(rate, 3),
    duration_s: round(span + (period > 0 ? period : 0), 3),
    gaps,
    statuses,
    descriptors,
    descriptor: descriptor
      ? {
        sample_rate_hz: descriptor.sample_rate_hz,
        device_id: descriptor.device_id,
        board: descriptor.board,
        firmware_version: descriptor.firmware_version,
        protocol_version: descriptor.protocol_version,
        channels: descriptor.channels.map((ch) => ({ name: ch.name, kind: ch.kind, unit: ch.unit, p0: ch.p0, p1: ch.p1, p2: ch.p2 })),
      }
      : null,
  };
}

export function register(program: Command): void {
  program
    .command('inspect')
    .description(h(SIM.cmd_inspect))
    .argument('<file>')
    .option('--json', h(CLI.opt_json))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat inspect g.bin', SIM.ex_inspect],
      ['pijat inspect g.bin --json', SIM.ex_inspect_json],
    ]))
    .action((file: string, opts: { json?: boolean; lang?: string }) => runCommand(langOf(opts), () => run(file, opts)));
}

async function run(file: string, opts: { json?: boolean; lang?: string }): Promise<void> {
  const bytes = await readCapture(file);
  const r = inspectBytes(bytes);
  if (r.frames === 0) throw new UserError(SIM.not_capture, { file, bytes: r.bytes, crc: r.crc_errors });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
    return;
  }
  process.stdout.write(`${renderInspect(file, r, langOf(opts))}\n`);
}

function fmtP(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6);
}

export function renderInspect(file: string, r: InspectResult, lang: Lang): string {
  const n = (x: number): string => formatNumber(x, 0, lang);
  const rows: string[][] = [
    [t(SIM.ins_file, lang), file],
    [t(SIM.ins_bytes, lang), n(r.bytes)],
    [t(SIM.ins_frames, lang), n(r.frames)],
    [t(SIM.ins_samples, lang), n(r.samples)],
    [t(SIM.ins_rate, lang), r.rate_hz === null ? '-' : `${formatNumber(r.rate_hz, 2, lang)} Hz`],
    [t(SIM.ins_duration, lang), `${formatNumber(r.duration_s, 2, lang)} s`],
    [t(SIM.ins_lost, lang), n(r.lost_frames)],
    [t(SIM.ins_crc, lang), n(r.crc_errors)],
    [t(SIM.ins_resyncs, lang), n(r.resyncs)],
    [t(SIM.ins_junk, lang), n(r.junk_bytes)],
    [t(SIM.ins_unknown, lang), n(r.unknown_type)],
    [t(SIM.ins_statuses, lang), Object.entries(r.statuses).map(([k, v]) => `${statusWord(k, lang)} ${v}`).join(', ') || t(SIM.ins_none, lang)],
  ];
  const out = [table(rows, [false, true])];
  out.push('', `${t(SIM.ins_gaps, lang)}:`);
  if (r.gaps.length === 0) out.push(`  ${t(SIM.ins_none, lang)}`);
  for (const g of r.gaps) {
    out.push(`  ${t(SIM.ins_gap_row, lang, { at: formatNumber(g.at_s, 2, lang), gap: formatNumber(g.duration_s, 3, lang), lost: g.lost_frames })}`);
  }
  out.push('', `${t(SIM.ins_descriptor, lang)}:`);
  const d = r.descriptor;
  if (!d) {
    out.push(`  ${t(SIM.ins_no_descriptor, lang)}`);
    return out.join('\n');
  }
  out.push(`  ${t(SIM.ins_device, lang, {
    device_id: `0x${d.device_id.toString(16).padStart(8, '0')}`, board: d.board, firmware: d.firmware_version, rate: d.sample_rate_hz, protocol: d.protocol_version,
  })}`, '');
  const ch = [[t(SIM.col_channel, lang), t(SIM.col_kind, lang), t(SIM.col_unit, lang), 'p0', 'p1', 'p2']];
  for (const c of d.channels) ch.push([c.name, c.kind, c.unit, fmtP(c.p0), fmtP(c.p1), fmtP(c.p2)]);
  out.push(table(ch, [false, false, false, true, true, true]).replace(/^/gm, '  '));
  return out.join('\n');
}
