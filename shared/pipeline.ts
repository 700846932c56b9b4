// The one chain every front end uses: bytes -> Decoder -> Calibrator -> Engine (-> score()).
// Raw captures and live gloves go through push(bytes); CSV recordings, already in physical
// units, through pushSample(). Runs in Node and in the browser (no Node APIs).
//
// Before the first descriptor nothing can be calibrated: samples are held, at most
// HOLD_BEFORE_DESCRIPTOR_S of them (a glove repeats its descriptor every 2 s, so a host that
// attaches mid-stream loses nothing); older ones are dropped and counted in
// drops.before_descriptor. A whole file at hand is searched for its first descriptor first
// (findDescriptor), so that the samples before it, however long the damaged start, are kept.
//
// Time: the decoder's time line never goes back; where the device restarted (a new segment)
// the pipeline places the new segment after the silence its clock (a live link) measured, or,
// with no clock (a file), right after the time reached; either way the engine is told that the
// data has a gap there (it pauses the pass timer and counts the gap).
import { Decoder } from './protocol/decoder';
import type { DecoderCounters, Descriptor, Message, Sample } from './protocol/types';
import type { Profile } from './profiles/schema';
import type { EngineEvent, EngineSample, GapCause, GapSummary, LiveState, SessionSummary } from './engine/types';
import {
  blankSample, createCalibrator, descriptorKey, noteUnusable, overrideApplies, type Calibrator, type DeviceCalibration,
} from './engine/calibration';
import { createEngine, type Engine } from './engine/engine';
import { score } from './engine/score';
import type { Report } from './engine/report-schema';
import type { ChannelProblem } from './protocol/descriptor-check';

/** Raw samples held while waiting for the first descriptor, seconds of device time (live). */
export const HOLD_BEFORE_DESCRIPTOR_S = 2;
/**
 * The same for a recording (source 'raw'): a file with a damaged start keeps the samples before
 * its first intact descriptor, up to this much (10 min, about 12 MB at 100 Hz); `pijat score`
 * goes further and calibrates them with the first descriptor found anywhere in the file.
 */
export const HOLD_IN_RECORDING_S = 600;

export type RecordingSource = 'raw' | 'csv' | 'live';

export interface PipelineOptions {
  profile: Profile;
  /** A host calibration, or a lookup by device id (the store's). Used when its device_id matches. */
  calibration?: DeviceCalibration | ((device_id: number) => DeviceCalibration | undefined);
  onEvent?: (e: EngineEvent) => void;
  /** Every decoded message (descriptor, status, ack ...), for front ends that show them. */
  onMessage?: (m: Message) => void;
  /** Every calibrated sample after it went to the engine (charts, CSV export). Reused object. */
  onSample?: (s: EngineSample) => void;
  /** What the report says the recording was; default 'raw' (or 'csv' once pushSample is used). */
  source?: RecordingSource;
  /** The descriptor to calibrate with until one arrives in the stream (findDescriptor on a file). */
  descriptor?: Descriptor | null;
  /** Milliseconds of a wall clock (a live link): places a restarted device's data after its silence. */
  clock?: () => number;
}

/** The first intact descriptor anywhere in a capture, or null (a quick pass of its own decoder). */
export function findDescriptor(bytes: Uint8Array): Descriptor | null {
  return findDescriptorIn(chunksOf(bytes));
}

function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  const CHUNK = 1 << 12; // small: the decoder goes through a whole chunk, and the descriptor is usually in the first one
  for (let off = 0; off < bytes.length; off += CHUNK) yield bytes.subarray(off, Math.min(bytes.length, off + CHUNK));
}

/**
 * The same for a recording read in chunks (a stored session's frame chunks): reads on only until
 * the descriptor is found. Give it to createPipeline as `descriptor` so that the samples before
 * it are kept and calibrated, as `pijat score` does for a file.
 */
export function findDescriptorIn(chunks: Iterable<Uint8Array | { bytes: Uint8Array }>): Descriptor | null {
  const d = new Decoder();
  let found: Descriptor | null = null;
  const take = (m: Message): void => {
    if (found === null && m.type === 'descriptor') found = m;
  };
  for (const c of chunks) {
    d.push(c instanceof Uint8Array ? c : c.bytes, take);
    if (found !== null) return found;
  }
  d.finish(take);
  return found;
}

export interface PipelineDrops {
  /** Samples dropped while no descriptor had arrived (beyond the 2 s held). */
  before_descriptor: number;
  /** Samples whose layout (FSR/IMU count) differs from the current descriptor. */
  layout_mismatch: number;
  /** Samples the engine ignored because their time did not increase. */
  out_of_order: number;
}

export interface Pipeline {
  push(bytes: Uint8Array): void;
  pushSample(s: EngineSample): void;
  live(): LiveState;
  /** The decoder's health counters (live object). */
  readonly counters: DecoderCounters;
  readonly drops: PipelineDrops;
  /** The current descriptor, null before the first one. */
  readonly descriptor: Descriptor | null;
  /** Channels of the current descriptor left out for unusable calibration constants. */
  readonly unusable_channels: readonly ChannelProblem[];
  /** Whether the host calibration is applied to the current descriptor's device. */
  readonly calibrated_by_host: boolean;
  /** Samples the engine scored. */
  readonly samples: number;
  /** The link was down and is back (a transport reconnected): counted; the next gap is the link's. */
  linkRestored(): void;
  /** Times the link came back (linkRestored). */
  readonly reconnects: number;
  /** End of input: flushes the decoder (a cut-off last frame counts as junk). */
  end(): void;
  /** end() and the engine's summary. */
  summary(): SessionSummary;
  /** What the report says about the recording (source, samples, rate, link health, device). */
  recording(): Report['recording'];
  /** summary() scored against the profile. */
  report(): Report;
  /** The score of the passes finished so far; the stream goes on undisturbed. */
  reportSoFar(): Report;
}

export function createPipeline(opts: PipelineOptions): Pipeline {
  const engine: Engine = createEngine(opts.profile, opts.onEvent);
  // Samples are calibrated at once or copied (hold): the decoder may reuse one sample object,
  // unless a front end sees every message.
  const decoder = new Decoder({ reuseSamples: !opts.onMessage });
  const out = blankSample();
  const drops: PipelineDrops = { before_descriptor: 0, layout_mismatch: 0, out_of_order: 0 };
  const onSample = opts.onSample;
  const onMessage = opts.onMessage;
  let descriptor: Descriptor | null = null;
  let key = '';
  let calibrate: Calibrator | null = null;
  let byHost = false;
  if (opts.descriptor) {
    // Calibrates the samples before the stream's own first descriptor; that one replaces it.
    key = descriptorKey(opts.descriptor);
    const cal = lookup(opts.descriptor.device_id);
    byHost = overrideApplies(opts.descriptor, cal);
    calibrate = createCalibrator(opts.descriptor, cal);
    descriptor = opts.descriptor;
  }
  let held: Sample[] = [];
  /** Device time of the first message: recording time 0. */
  let origin = NaN;
  let source: RecordingSource | undefined = opts.source;
  /** Added to the decoder's t_s: the silences placed before restarted segments. */
  let shift = 0;
  let segment = 0;
  const clock = opts.clock;
  let pushAt = 0;
  let lastFrameAt = NaN;
  let reconnects = 0;
  let linkDown = false;

  function lookup(id: number): DeviceCalibration | undefined {
    const c = opts.calibration;
    return typeof c === 'function' ? c(id) : c;
  }

  function scoreSample(s: Sample): void {
    if (!calibrate!(s, out)) { drops.layout_mismatch++; return; }
    out.t_s = s.t_s - origin;
    const before = engine.skipped;
    engine.push(out);
    if (engine.skipped !== before) drops.out_of_order++;
    else if (onSample) onSample(out);
  }

  function onDescriptor(d: Descriptor): void {
    const k = descriptorKey(d);
    descriptor = d;
    if (k === key) return;
    key = k;
    const cal = lookup(d.device_id);
    byHost = overrideApplies(d, cal);
    calibrate = createCalibrator(d, cal);
    if (held.length) {
      const h = held;
      held = [];
      for (const s of h) scoreSample(s);
    }
  }

  function hold(s: Sample): void {
    held.push({ ...s, fsr: s.fsr.slice(), imu: s.imu.slice() });
    const limit = source === 'live' ? HOLD_BEFORE_DESCRIPTOR_S : HOLD_IN_RECORDING_S;
    while (held.length > 1 && s.t_s - held[0]!.t_s > limit) {
      held.shift();
      drops.before_descriptor++;
    }
  }

  /** A new segment of the decoder's time line begins with m: place it and mark the gap. */
  function newSegment(): void {
    const rate = descriptor ? descriptor.sample_rate_hz : 100;
    const step = 1 / (rate > 0 ? rate : 100);
    const silent = clock && lastFrameAt === lastFrameAt ? (pushAt - lastFrameAt) / 1000 : 0;
    shift += Math.max(step, silent);
    const cause: GapCause = linkDown ? 'link' : 'restart';
    linkDown = false;
    engine.markGap(cause, true);
  }

  const handle = (m: Message): void => {
    if (m.type !== 'command') {
      if (decoder.segment !== segment) {
        segment = decoder.segment;
        newSegment();
      }
      if (shift !== 0) m.t_s += shift;
      if (linkDown && m.type === 'sample') {
        linkDown = false;
        engine.markGap('link', false);
      }
    }
    if (m.type === 'sample') {
      if (origin !== origin) origin = m.t_s;
      if (calibrate) scoreSample(m);
      else hold(m);
    } else if (m.type === 'descriptor') {
      if (origin !== origin) origin = m.t_s;
      onDescriptor(m);
    }
    if (onMessage) onMessage(m);
  };

  return {
    push(bytes: Uint8Array): void {
      if (source === undefined) source = 'raw';
      if (clock) pushAt = clock();
      const before = decoder.counters.frames;
      decoder.push(bytes, handle);
      if (clock && decoder.counters.frames !== before) lastFrameAt = pushAt;
    },
    linkRestored(): void {
      reconnects++;
      linkDown = true;
    },
    get reconnects() { return reconnects; },
    pushSample(s: EngineSample): void {
      if (source === undefined) source = 'csv';
      const before = engine.skipped;
      engine.push(s);
      if (engine.skipped !== before) drops.out_of_order++;
      else if (onSample) onSample(s);
    },
    live: () => engine.live(),
    get counters() { return decoder.counters; },
    drops,
    get descriptor() { return descriptor; },
    get calibrated_by_host() { return byHost; },
    get unusable_channels() { return calibrate ? calibrate.unusable : []; },
    get samples() { return engine.samples; },
    end(): void {
      decoder.finish(handle);
      if (held.length) { drops.before_descriptor += held.length; held = []; }
    },
    summary(): SessionSummary {
      this.end();
      return engine.finish();
    },
    recording(): Report['recording'] {
      return recordingInfo(source ?? 'raw', engine.samples, descriptor ? descriptor.sample_rate_hz : engine.rateHz(),
        decoder.counters, descriptor, reconnects, engine.gapInfo(), engine.fragments());
    },
    report(): Report {
      const s = this.summary();
      return noteUnusable(score(s, opts.profile, this.recording()), calibrate);
    },
    reportSoFar(): Report {
      return noteUnusable(score(engine.snapshot(), opts.profile, this.recording(), { in_progress: true }), calibrate);
    },
  };
}

/** The report's recording fields (also made by the compiled scorer, host/native/score-native.ts). */
export function recordingInfo(
  source: RecordingSource, samples: number, rate_hz: number | null, c: DecoderCounters, descriptor: Descriptor | null,
  reconnects: number, gapInfo: { gaps: GapSummary[]; gap_count: number; gap_s: number },
  fragments: { start_fragment_s?: number; end_fragment_s?: number },
): Report['recording'] {
  return {
    source,
    samples,
    rate_hz,
    lost_frames: c.lost_frames,
    crc_errors: c.crc_errors,
    device_id: descriptor ? descriptor.device_id : null,
    duplicates: c.duplicates,
    restarts: c.restarts,
    reconnects,
    ...gapInfo,
    ...fragments,
  };
}
