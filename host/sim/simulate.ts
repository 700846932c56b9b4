// simulate(): a whole simulated session as the exact bytes a glove would send, generated
// lazily (an hour at 100 Hz is never held in memory unless asked for), with its truth.
import type { Descriptor } from '../../shared/protocol/types';
import { DEFAULT_RATE_HZ } from '../../shared/protocol/constants';
import {
  DEFAULT_LOSS_RATE, LossSchedule, SimulatedGlove, checkDuration, checkRate, checkSeed, resolveScenario,
} from './glove';
import type { SessionPlan } from './plan';
import { BlockSink, FrameListSink } from './sinks';
import { DEFAULT_BAND, computeTruth, type Band, type Truth } from './truth';

export interface SimOptions {
  scenario?: string;
  seed?: number;
  /** Seconds; without it the scenario's natural length (randomised by the seed). */
  duration_s?: number;
  rate_hz?: number;
  /** Probability per sample that a burst of 1-3 frames is lost (default DEFAULT_LOSS_RATE). */
  loss_rate?: number;
  /** Force band of the truth's in-band fractions (default DEFAULT_BAND). */
  band?: Band;
}

export interface SimSession {
  scenario: string;
  seed: number;
  rate_hz: number;
  duration_s: number;
  /** Number of sample instants (duration x rate); lost ones included. */
  samples: number;
  descriptor: Descriptor;
  truth: Truth;
  plan: SessionPlan;
  /** Every frame, one array each, in order. */
  frames(): IterableIterator<Uint8Array>;
  /**
   * The same bytes packed into blocks of about `blockSize` bytes (fast path for files);
   * `count.frames` is updated as they are made.
   */
  chunks(blockSize?: number, count?: { frames: number }): IterableIterator<Uint8Array>;
  /** The whole capture as one array. */
  bytes(): Uint8Array;
  /** The truth's force figures for another band. */
  truthFor(band: Band): Truth;
}

export function simulate(opts: SimOptions = {}): SimSession {
  const scenario = resolveScenario(opts.scenario ?? 'good').name;
  const seed = checkSeed(opts.seed ?? 1);
  const rate = checkRate(opts.rate_hz ?? DEFAULT_RATE_HZ);
  const duration = checkDuration(opts.duration_s);
  const lossRate = opts.loss_rate ?? DEFAULT_LOSS_RATE;
  const make = (): SimulatedGlove =>
    new SimulatedGlove({ scenario, seed, rate_hz: rate, duration_s: duration, streaming: true, loss_rate: lossRate });
  const first = make();
  const plan = first.plan;
  const samples = Math.round(plan.length_s * rate);
  const losses = new LossSchedule(seed, lossRate);
  let lost = 0;
  for (let k = 0; k < samples; k++) if (losses.drop(k)) lost++;
  const band = opts.band ?? DEFAULT_BAND;
  const truth = computeTruth(plan, rate, band, lost);
  const descriptor = first.descriptor();

  function* frames(): IterableIterator<Uint8Array> {
    const g = make();
    const sink = new FrameListSink();
    for (let k = 0; k < samples; k++) {
      g.tick(sink);
      yield* sink.take();
    }
  }

  function* chunks(blockSize = 1 << 16, count?: { frames: number }): IterableIterator<Uint8Array> {
    const g = make();
    const sink = new BlockSink(blockSize);
    for (let k = 0; k < samples; k++) {
      g.tick(sink);
      if ((k & 63) === 63) {
        if (count) count.frames = sink.frames;
        yield* sink.takeFull();
      }
    }
    if (count) count.frames = sink.frames;
    yield* sink.flush();
  }

  function bytes(): Uint8Array {
    const parts = [...chunks(1 << 20)];
    const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  return {
    scenario,
    seed,
    rate_hz: rate,
    duration_s: plan.length_s,
    samples,
    descriptor,
    truth,
    plan,
    frames,
    chunks,
    bytes,
    truthFor: (b) => computeTruth(plan, rate, b, lost),
  };
}
