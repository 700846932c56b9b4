// Everything of the live view that is not the page's text: the scoring session (bytes -> the
// one pipeline -> LiveState, report at the end), the moving marks (gauge fills and markers, the
// pass timer's bar) and the force chart, all drawn on canvases. Runs in the scoring worker
// (live-worker.ts) so the page's main thread only writes text a few times a second, or in the
// page itself where a worker or OffscreenCanvas is missing (live-link.ts decides). Talks in
// messages either way.
import type { LiveState } from '../../../shared/engine/types';
import type { Lang } from '../../../shared/i18n/index';
import type { Profile } from '../../../shared/profiles/schema';
import type { SessionRecord } from '../common/record';
import { ForceChartPainter, chartScale } from './chart-painter';
import { LocalSession } from './local-session';
import { MarksPainter, type MarkCanvas } from './marks-painter';

export type CanvasName = 'chart' | MarkCanvas;
export const CANVAS_NAMES: readonly CanvasName[] = ['chart', 'left', 'right', 'timer'];

/** The page sends the host: */
export type ToHost =
  | { type: 'configure'; profile: Profile; lang: Lang }
  | { type: 'canvases'; canvases: Partial<Record<CanvasName, OffscreenCanvas>> }
  /** CSS size of a canvas's box and the device pixel ratio. */
  | { type: 'resize'; name: CanvasName; width: number; height: number; dpr: number }
  /** What can be seen (blind mode, faded cues): hidden canvases are not drawn. */
  | { type: 'visible'; chart: boolean; gauges: boolean; timer: boolean }
  /** A LiveState scored elsewhere (the class server), for the marks. */
  | { type: 'state'; live: LiveState | null }
  /** A new session scored here; chart cleared. */
  | { type: 'start'; id: number; profile: Profile }
  /** Bytes of session `id` as the glove sent them (a worker gets the buffer transferred). */
  | { type: 'bytes'; id: number; bytes: Uint8Array }
  | { type: 'finish'; id: number }
  /** Chart points scored elsewhere (the class server), columns of equal length. */
  | { type: 'points'; t_s: number[]; left_n: (number | null)[]; right_n: (number | null)[] }
  /** Nothing measured: empty chart, gauges and timer at zero. */
  | { type: 'clear' };

/** The host answers: */
export type FromHost =
  | { type: 'ready' }
  /** The newest state of session `id`, at most LIVE_MS apart. */
  | { type: 'live'; id: number; version: number; live: LiveState; device: string }
  /** The end of session `id`: its record, or null when no sample was scored. */
  | { type: 'finished'; id: number; record: SessionRecord | null }
  | { type: 'error'; message: string };

/**
 * LiveState goes to the page ~15 times a second: its text changes 4 times a second at most and
 * a new cue shows within 70 ms; each message costs the page's main thread a task.
 */
export const LIVE_MS = 66;
/** Fills and markers follow ~30 times a second: smooth when read from 2 m. */
export const MARKS_MS = 33;
/** The chart is redrawn ~15 times a second: plenty for a 20 s window (it moves 4 px per redraw). */
export const CHART_MS = 66;

/** Runs `run` at most every `ms`, a little later when asked sooner. */
class Paced {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly ms: number,
    private readonly run: () => void,
  ) {}
  request(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.last + this.ms - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.last = performance.now();
      this.run();
    }, wait);
  }
}

export class LiveHost {
  private session: LocalSession | null = null;
  private sessionId = 0;
  private painter: ForceChartPainter | null = null;
  private readonly marks = new MarksPainter();
  private profile: Profile | null = null;
  private lang: Lang = 'id';
  private readonly sizes: Partial<Record<CanvasName, { width: number; height: number; dpr: number }>> = {};
  private chartShown = true;
  private postedVersion = -1;
  private readonly livePace = new Paced(LIVE_MS, () => this.postLive());
  private readonly marksPace = new Paced(MARKS_MS, () => this.marks.draw());
  private readonly chartPace = new Paced(CHART_MS, () => this.painter?.draw());
  /** The chart sink of every session: the painter, once there is a canvas. */
  private readonly chartSink = {
    add: (t: number, l: number, r: number): void => {
      if (this.painter) this.painter.add(t, l, r);
    },
  };

  constructor(private readonly post: (m: FromHost) => void) {}

  /** Takes a canvas to draw on: the page's own (no worker) or a transferred OffscreenCanvas. */
  attachCanvas(name: CanvasName, canvas: HTMLCanvasElement | OffscreenCanvas): void {
    if (name === 'chart') {
      this.painter = new ForceChartPainter(canvas);
      if (this.profile) this.painter.configure(chartScale(this.profile, this.lang));
    } else this.marks.attach(name, canvas);
    const size = this.sizes[name];
    if (size) this.resize(name, size.width, size.height, size.dpr);
    this.scheduleDraw();
  }

  private resize(name: CanvasName, width: number, height: number, dpr: number): void {
    this.sizes[name] = { width, height, dpr };
    if (name === 'chart') this.painter?.resize(width, height, dpr);
    else this.marks.resize(name, width, height, dpr);
  }

  handle(m: ToHost): void {
    switch (m.type) {
      case 'configure':
        this.profile = m.profile;
        this.lang = m.lang;
        this.painter?.configure(chartScale(m.profile, m.lang));
        this.marks.configure(m.profile);
        this.scheduleDraw();
        break;
      case 'canvases':
        for (const name of CANVAS_NAMES) {
          const c = m.canvases[name];
          if (c) this.attachCanvas(name, c);
        }
        break;
      case 'resize':
        this.resize(m.name, m.width, m.height, m.dpr);
        this.scheduleDraw();
        break;
      case 'visible':
        this.chartShown = m.chart;
        this.marks.show(m.gauges, m.timer);
        this.scheduleDraw();
        break;
      case 'state':
        this.marks.update(m.live);
        this.scheduleDraw();
        break;
      case 'start':
        this.session = new LocalSession(m.profile, this.chartSink);
        this.sessionId = m.id;
        this.postedVersion = -1;
        this.painter?.clear();
        this.marks.update(null);
        this.scheduleDraw();
        break;
      case 'bytes': {
        const s = this.session;
        if (m.id !== this.sessionId || !s) break;
        const before = s.version;
        s.push(m.bytes);
        if (s.version !== before) {
          this.marks.update(s.live());
          this.livePace.request();
        }
        this.scheduleDraw();
        break;
      }
      case 'finish': {
        const s = m.id === this.sessionId ? this.session : null;
        if (s) this.postLive();
        this.post({ type: 'finished', id: m.id, record: s && s.hasData ? s.finish() : null });
        break;
      }
      case 'points':
        for (let i = 0; i < m.t_s.length; i++) this.chartSink.add(m.t_s[i]!, m.left_n[i] ?? 0, m.right_n[i] ?? 0);
        this.scheduleDraw();
        break;
      case 'clear':
        this.painter?.clear();
        this.marks.update(null);
        this.scheduleDraw();
        break;
    }
  }

  private postLive(): void {
    const s = this.session;
    const live = s ? s.live() : null;
    if (!s || !live || s.version === this.postedVersion) return;
    this.postedVersion = s.version;
    this.post({ type: 'live', id: this.sessionId, version: s.version, live, device: s.device() });
  }

  private scheduleDraw(): void {
    if (this.marks.dirty) this.marksPace.request();
    if (this.painter && this.painter.dirty && this.chartShown) this.chartPace.request();
  }
}
