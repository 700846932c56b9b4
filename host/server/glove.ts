// One glove on the class server: its byte link -> the shared pipeline -> (while a session runs)
// the store's recorder; and what the class page shows about it, gathered between live updates
// so that one WebSocket message carries every sample since the previous one.
import type { EngineEvent, EngineSample, LiveState } from '../../shared/engine/types';
import type { Report } from '../../shared/engine/report-schema';
import type { Profile } from '../../shared/profiles/schema';
import type { Message } from '../../shared/protocol/types';
import { createPipeline, type Pipeline } from '../../shared/pipeline';
import {
  trafficLight,
  type GloveInfo,
  type LinkInfo,
  type LinkStatus,
  type LiveMessage,
  type ScoreSoFar,
  type SessionInfo,
  type TraineeInfo,
} from '../../shared/live-messages';
import type { Recorder } from '../store/index';

/** A link is 'stalled' after this long without bytes. */
export const STALL_MS = 1000;
const RATE_WINDOW_MS = 2000;

export function scoreOf(r: Report): ScoreSoFar {
  return {
    total: r.score.total,
    verdict: r.verdict,
    criteria: r.score.criteria.map((c) => ({ id: c.id, score: c.score, passed: c.passed })),
    in_progress: r.in_progress === true,
    passes: r.passes.map((p) => ({
      index: p.index,
      duration_s: p.duration_s,
      passed: r.score.criteria.find((c) => c.id === `pass_duration_s.${p.index}`)?.passed ?? true,
    })),
  };
}

export interface GloveOptions {
  id: string;
  kind: 'serial' | 'sim';
  label: string;
  source: string;
  profile: Profile;
  now?: () => number;
}

export class Glove {
  readonly id: string;
  readonly kind: 'serial' | 'sim';
  readonly label: string;
  source: string;
  trainee: TraineeInfo | null = null;
  /** The running session, or the last finished one. */
  session: SessionInfo | null = null;
  recorder: Recorder | null = null;
  status: LinkStatus = 'connecting';
  score: ScoreSoFar | null = null;
  /** The last finished session's final score stays on the tile until the next start. */
  private scoreFrozen = false;

  private pipeline: Pipeline;
  private readonly profile: Profile;
  private readonly now: () => number;
  /** Samples seen by earlier pipelines of this glove (a session start begins a fresh one). */
  private samplesBefore = 0;
  private lastDataAt = 0;
  private dirty = false;
  private rateMarks: [number, number][] = [];
  private trace = { t_s: [] as number[], left_n: [] as (number | null)[], right_n: [] as (number | null)[] };
  private events: EngineEvent[] = [];
  private lastLive: LiveState | null = null;
  private scoreDue = false;
  private battery_mv: number | null = null;

  constructor(o: GloveOptions) {
    this.id = o.id;
    this.kind = o.kind;
    this.label = o.label;
    this.source = o.source;
    this.profile = o.profile;
    this.now = o.now ?? Date.now;
    this.pipeline = this.newPipeline();
  }

  private newPipeline(): Pipeline {
    return createPipeline({
      profile: this.profile,
      source: 'live',
      clock: this.now,
      onEvent: (e: EngineEvent) => {
        this.events.push(e);
        if (e.type === 'pass_end') this.scoreDue = true;
      },
      onMessage: (m: Message) => {
        if (m.type === 'status') this.battery_mv = m.battery_mv > 0 ? m.battery_mv : null;
      },
      onSample: (x: EngineSample) => {
        this.trace.t_s.push(x.t_s);
        this.trace.left_n.push(Number.isFinite(x.left.thumb_n) ? x.left.thumb_n : null);
        this.trace.right_n.push(Number.isFinite(x.right.thumb_n) ? x.right.thumb_n : null);
      },
    });
  }

  /** Samples taken from this glove since it was opened. */
  samples(): number {
    return this.samplesBefore + this.pipeline.samples;
  }

  /** Bytes from the link. Returns true when the link status changed (streaming again). */
  push(bytes: Uint8Array): boolean {
    this.lastDataAt = this.now();
    this.pipeline.push(bytes);
    this.recorder?.write(bytes, this.pipeline.counters.frames);
    this.dirty = true;
    if (this.status !== 'streaming' && this.pipeline.samples > 0) {
      this.status = 'streaming';
      return true;
    }
    return false;
  }

  /** The link came back after going away: counted, and the gap it leaves is the link's. */
  linkRestored(): void {
    this.pipeline.linkRestored();
  }

  /** The link went away (unplugged) or is being (re)opened. */
  setStatus(status: LinkStatus): void {
    this.status = status;
    this.dirty = true;
  }

  /** Called about ten times a second; returns whether the link status changed. */
  checkStall(): boolean {
    if (this.status === 'streaming' && this.now() - this.lastDataAt > STALL_MS) {
      this.status = 'stalled';
      return true;
    }
    return false;
  }

  /** A fresh pipeline: pass numbers, timers and the score start again (session start). */
  restart(): void {
    this.samplesBefore += this.pipeline.samples;
    this.pipeline = this.newPipeline();
    this.rateMarks = []; // a session start may restart the glove: measure the rate afresh
    this.score = null;
    this.scoreFrozen = false;
    this.scoreDue = false;
    this.dirty = true;
  }

  /** The report of everything since the last restart (session stop); ends this pipeline. */
  report(): Report {
    const r = this.pipeline.report();
    this.restart();
    return r;
  }

  freezeScore(score: ScoreSoFar): void {
    this.score = score;
    this.scoreFrozen = true;
  }

  deviceId(): number | null {
    return this.pipeline.descriptor?.device_id ?? null;
  }

  linkInfo(): LinkInfo {
    const t = this.now();
    const n = this.samples();
    this.rateMarks.push([t, n]);
    while (this.rateMarks.length > 2 && t - this.rateMarks[0]![0] > RATE_WINDOW_MS) this.rateMarks.shift();
    const [t0, n0] = this.rateMarks[0]!;
    const rate = t - t0 >= 500 && this.status === 'streaming' ? ((n - n0) * 1000) / (t - t0) : null;
    return {
      status: this.status,
      counters: { ...this.pipeline.counters },
      rate_hz: rate === null ? null : Math.round(rate * 10) / 10,
      battery_mv: this.battery_mv,
    };
  }

  live(): LiveState | null {
    return this.pipeline.samples > 0 ? this.pipeline.live() : this.lastLive;
  }

  /** After a pass ended (and no new one began), score everything so far. */
  private refreshScore(): void {
    if (this.scoreFrozen || !this.scoreDue) return;
    this.scoreDue = false;
    this.score = scoreOf(this.pipeline.reportSoFar());
  }

  info(): GloveInfo {
    const live = this.live();
    return {
      id: this.id,
      label: this.label,
      kind: this.kind,
      source: this.source,
      trainee: this.trainee,
      link: this.linkInfo(),
      session: this.session,
      live,
      light: trafficLight(live, this.status, this.score),
      score: this.score,
    };
  }

  /** The live update since the previous one, or null when nothing new arrived. */
  takeUpdate(): LiveMessage | null {
    if (!this.dirty) return null;
    this.dirty = false;
    this.refreshScore();
    const live = this.live();
    if (!live) return null;
    this.lastLive = live;
    const m: LiveMessage = {
      type: 'live',
      id: this.id,
      live,
      light: trafficLight(live, this.status, this.score),
      link: this.linkInfo(),
      score: this.score,
      samples: this.samples(),
      trace: this.trace,
      events: this.events,
    };
    this.trace = { t_s: [], left_n: [], right_n: [] };
    this.events = [];
    return m;
  }
}
