// A session scored on this laptop (in the page's scoring worker, live-host.ts): the glove's
// bytes go through the project's one pipeline (shared/pipeline.ts: decoder -> calibrator ->
// engine) and shared/engine/score.ts; this feeds the chart, keeps the time series the report
// needs and turns the end into a SessionRecord.
import { createPipeline, type Pipeline } from '../../../shared/pipeline';
import { score } from '../../../shared/engine/score';
import type { EngineSample, LiveState } from '../../../shared/engine/types';
import type { Report } from '../../../shared/engine/report-schema';
import type { Profile } from '../../../shared/profiles/schema';
import { SeriesRecorder, type SessionRecord } from '../common/record';

export interface SampleSink {
  add(t: number, left: number, right: number): void;
}

export class LocalSession {
  private readonly pipeline: Pipeline;
  private readonly recorder = new SeriesRecorder(0.1);
  private readonly startedAt = new Date();
  private state: LiveState | null = null;
  private finished: Report | null = null;
  private lastCadence: number | null = null;
  /** Samples scored so far; the view redraws only when it changed. */
  version = 0;

  constructor(
    readonly profile: Profile,
    private readonly chart: SampleSink,
  ) {
    this.pipeline = createPipeline({ profile, source: 'live', onSample: (s) => this.sample(s) });
  }

  push(bytes: Uint8Array): void {
    if (this.finished) return;
    const before = this.version;
    this.pipeline.push(bytes);
    if (this.version !== before) {
      this.state = this.pipeline.live();
      this.lastCadence = this.state.cadence_hz;
    }
  }

  private sample(s: EngineSample): void {
    this.version++;
    this.chart.add(s.t_s, s.left.thumb_n, s.right.thumb_n);
    this.recorder.add(s.t_s, s.left.thumb_n, s.right.thumb_n, this.lastCadence);
  }

  live(): LiveState | null {
    return this.state;
  }

  /** Any sample scored yet? (no data at all gets its own message) */
  get hasData(): boolean {
    return this.version > 0;
  }

  device(): string {
    const d = this.pipeline.descriptor;
    if (!d) return '';
    return `${d.board} #${d.device_id.toString(16)}, firmware ${d.firmware_version}, ${d.sample_rate_hz} Hz`;
  }

  recording(): Report['recording'] {
    const p = this.pipeline;
    return {
      source: 'live',
      samples: p.samples,
      rate_hz: p.descriptor ? p.descriptor.sample_rate_hz : null,
      lost_frames: p.counters.lost_frames,
      crc_errors: p.counters.crc_errors,
      device_id: p.descriptor ? p.descriptor.device_id : null,
    };
  }

  finish(): SessionRecord {
    if (!this.finished) {
      const summary = this.pipeline.summary();
      this.finished = score(summary, this.profile, this.recording());
    }
    return {
      version: 1,
      source: 'local',
      started_at: this.startedAt.toISOString(),
      device: this.device() || undefined,
      profile: this.profile,
      report: this.finished,
      series: this.recorder.data,
    };
  }
}
