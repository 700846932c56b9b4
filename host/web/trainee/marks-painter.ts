// The moving marks of the live view, drawn on canvases laid over the static gauge and timer
// (whose scales, bands and labels stay in the page's DOM): each hand's fill bar and marker and
// the pass timer's bar. They follow the glove ~30 times a second; drawn in the scoring worker
// on OffscreenCanvases, they never cost the page's main thread a frame. A canvas is redrawn
// only when what it shows changed. Geometry matches style.css (.gauge-body, .timer-track).
import type { LiveState } from '../../../shared/engine/types';
import type { Profile } from '../../../shared/profiles/schema';
import { SHAPE_COLOUR, drawShape } from '../common/icons';
import { gaugeMax, handMark, timerMark, type TimerState } from './live-marks';

export type MarkCanvas = 'left' | 'right' | 'timer';

/** The gauge canvas starts at the scale's left edge and reaches past the body by MARGIN_Y. */
export const GAUGE = {
  /** Above and below the gauge body: the marker's half height. */
  MARGIN_Y: 28,
  SCALE_W: 64,
  BORDER: 2,
  FILL_INSET_X: 14,
  MARKER_X: 68,
  MARKER: 56,
  FILL_ALPHA: 0.85,
} as const;
/** The timer canvas covers the track inside its border; the bar leaves this much above and below. */
const TIMER_INSET_Y = 8;

const TIMER_COLOUR: Record<TimerState, string> = {
  rest: SHAPE_COLOUR.off,
  short: SHAPE_COLOUR.up,
  in: SHAPE_COLOUR.ok,
  long: SHAPE_COLOUR.down,
};

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

interface Surface {
  canvas: HTMLCanvasElement | OffscreenCanvas;
  ctx: Ctx2D;
  w: number;
  h: number;
  dpr: number;
  /** What is on it now; redrawn when the wanted key differs. */
  drawn: string;
}

export class MarksPainter {
  private readonly surfaces: Partial<Record<MarkCanvas, Surface>> = {};
  private profile: Profile | null = null;
  private live: LiveState | null = null;
  private shown: Record<MarkCanvas, boolean> = { left: true, right: true, timer: true };

  attach(name: MarkCanvas, canvas: HTMLCanvasElement | OffscreenCanvas): void {
    const ctx = canvas.getContext('2d') as Ctx2D | null;
    if (!ctx) throw new Error(`${name}: no 2D canvas context`);
    this.surfaces[name] = { canvas, ctx, w: 0, h: 0, dpr: 1, drawn: '' };
  }

  resize(name: MarkCanvas, width: number, height: number, dpr: number): void {
    const s = this.surfaces[name];
    if (!s) return;
    s.w = Math.max(0, Math.round(width));
    s.h = Math.max(0, Math.round(height));
    s.dpr = dpr > 0 ? dpr : 1;
    s.canvas.width = Math.round(s.w * s.dpr);
    s.canvas.height = Math.round(s.h * s.dpr);
    s.drawn = '';
  }

  configure(p: Profile): void {
    this.profile = p;
  }

  update(live: LiveState | null): void {
    this.live = live;
  }

  /** Hidden canvases (blind mode, faded cues) are not drawn until shown again. */
  show(gauges: boolean, timer: boolean): void {
    this.shown = { left: gauges, right: gauges, timer };
  }

  /** True when some shown canvas is out of date. */
  get dirty(): boolean {
    return (['left', 'right', 'timer'] as const).some((n) => this.shown[n] && this.surfaces[n] && this.want(n) !== this.surfaces[n]!.drawn);
  }

  draw(): void {
    for (const n of ['left', 'right', 'timer'] as const) {
      const s = this.surfaces[n];
      if (!s || !this.shown[n]) continue;
      const key = this.want(n);
      if (key === s.drawn) continue;
      s.drawn = key;
      s.ctx.setTransform(s.dpr, 0, 0, s.dpr, 0, 0);
      s.ctx.clearRect(0, 0, s.w, s.h);
      if (n === 'timer') this.drawTimer(s);
      else this.drawGauge(s, n);
    }
  }

  /** What canvas `n` should show, as a key (rounded to what can be seen). */
  private want(n: MarkCanvas): string {
    const p = this.profile;
    const s = this.surfaces[n];
    if (!p || !s) return '';
    const size = `${s.w}x${s.h}@${s.dpr}`;
    if (n === 'timer') {
      const m = timerMark(this.live, p);
      return `${size} ${Math.round(m.frac * s.w * s.dpr)} ${m.state}`;
    }
    const m = handMark(this.live ? this.live[n] : null, gaugeMax(p));
    // whole device pixels: a move too small to see is not drawn
    return `${size} ${Math.round(m.frac * (s.h - 2 * GAUGE.MARGIN_Y) * s.dpr)} ${m.shape}`;
  }

  private drawGauge(s: Surface, hand: 'left' | 'right'): void {
    const p = this.profile!;
    const m = handMark(this.live ? this.live[hand] : null, gaugeMax(p));
    const { MARGIN_Y, SCALE_W, BORDER, FILL_INSET_X, MARKER_X, MARKER, FILL_ALPHA } = GAUGE;
    const body = s.h - 2 * MARGIN_Y;
    if (body <= 2 * BORDER) return;
    const inner = body - 2 * BORDER;
    const ctx = s.ctx;
    if (m.frac > 0) {
      const h = m.frac * inner;
      ctx.globalAlpha = FILL_ALPHA;
      ctx.fillStyle = SHAPE_COLOUR[m.shape];
      ctx.fillRect(BORDER + FILL_INSET_X, MARGIN_Y + body - BORDER - h, SCALE_W - 2 * BORDER - 2 * FILL_INSET_X, h);
      ctx.globalAlpha = 1;
    }
    const cy = MARGIN_Y + body - m.frac * body;
    drawShape(ctx, m.shape, MARKER_X, cy - MARKER / 2, MARKER);
  }

  private drawTimer(s: Surface): void {
    const m = timerMark(this.live, this.profile!);
    if (m.frac <= 0 || s.h <= 2 * TIMER_INSET_Y) return;
    s.ctx.fillStyle = TIMER_COLOUR[m.state];
    s.ctx.fillRect(0, TIMER_INSET_Y, m.frac * s.w, s.h - 2 * TIMER_INSET_Y);
  }
}
