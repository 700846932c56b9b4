// The last ~20 s of thumb force per hand over the target band, drawn straight on a 2D canvas
// context with no DOM: it runs in the scoring worker on an OffscreenCanvas (the page's main
// thread never rasterises the chart) or, where that is missing, on the page's own canvas.
// Same look as the report's uPlot charts: bands behind, grid, seconds along x, newtons along y.
import type { Lang } from '../../../shared/i18n/index';
import { formatTrim } from '../../../shared/i18n/format';
import { SlidingSeries } from '../common/sliding';

export const WINDOW_S = 20;
/** At most one point per this many seconds: ~15 points per 2 Hz circle keeps the waves round. */
const STEP_S = 1 / 30;

// Blue against orange stays apart for the common colour blindnesses; both lines solid.
export const LEFT_COLOUR = '#1f5fbf';
export const RIGHT_COLOUR = '#c25400';
const BAND_FILL = 'rgba(26,138,58,0.22)';
const HARD_FILL = 'rgba(200,40,20,0.08)';
const GRID = '#e4e4e4';
const INK = '#333';
const FONT = '14px system-ui, sans-serif';
const LINE_WIDTH = 3;
/** Room for the y labels (left), the x labels (bottom) and the line ends, CSS px. */
const PAD = { left: 48, right: 14, top: 10, bottom: 30 };

export interface ChartScale {
  band: { min: number; max: number };
  too_hard_n: number;
  y_max: number;
  lang: Lang;
}

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Axis labels drawn once and then copied: text is the dearest thing a software canvas draws,
 * and the same few dozen labels come back on every redraw. Needs OffscreenCanvas; without it
 * the labels are drawn as text each time.
 */
class LabelCache {
  private readonly cache = new Map<string, { img: OffscreenCanvas; w: number; h: number }>();
  constructor(private readonly dpr: number) {}

  /** Draws `text` with its anchor at (x, y): align 'right' | 'center', baseline 'middle' | 'top'. */
  draw(ctx: Ctx2D, text: string, x: number, y: number, align: 'right' | 'center', baseline: 'middle' | 'top'): void {
    if (typeof OffscreenCanvas === 'undefined') {
      ctx.textAlign = align;
      ctx.textBaseline = baseline;
      ctx.fillText(text, x, y);
      return;
    }
    let e = this.cache.get(text);
    if (!e) {
      if (this.cache.size > 200) this.cache.clear();
      const w = Math.ceil(ctx.measureText(text).width) + 2;
      const h = 18;
      const img = new OffscreenCanvas(Math.ceil(w * this.dpr), Math.ceil(h * this.dpr));
      const c = img.getContext('2d')!;
      c.scale(this.dpr, this.dpr);
      c.font = FONT;
      c.fillStyle = INK;
      c.textBaseline = 'middle';
      c.fillText(text, 1, h / 2);
      e = { img, w, h };
      this.cache.set(text, e);
    }
    const left = align === 'right' ? x - e.w + 1 : x - e.w / 2;
    const top = baseline === 'middle' ? y - e.h / 2 : y - 2;
    ctx.drawImage(e.img, Math.round(left), Math.round(top), e.w, e.h);
  }
}

/** The smallest of 1, 2, 2.5, 5 x 10^k that puts ticks at least `minPx` apart. */
export function tickStep(range: number, px: number, minPx: number): number {
  if (!(range > 0) || !(px > 0)) return Math.max(range, 1);
  const raw = (range * minPx) / px;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

export class ForceChartPainter {
  private readonly series = new SlidingSeries(3, 4096);
  private readonly ctx: Ctx2D;
  private scale: ChartScale | null = null;
  private lastT = -Infinity;
  private w = 0;
  private h = 0;
  private dpr = 1;
  private labels = new LabelCache(1);
  /** Something changed since the last draw(). */
  dirty = true;

  constructor(private readonly canvas: HTMLCanvasElement | OffscreenCanvas) {
    const ctx = canvas.getContext('2d', { alpha: true }) as Ctx2D | null;
    if (!ctx) throw new Error('chart: no 2D canvas context');
    this.ctx = ctx;
  }

  configure(scale: ChartScale): void {
    if (this.scale?.lang !== scale.lang) this.labels = new LabelCache(this.dpr);
    this.scale = scale;
    this.dirty = true;
  }

  /** CSS size of the box and the device pixel ratio; the bitmap follows. */
  resize(width: number, height: number, dpr: number): void {
    this.w = Math.max(0, Math.floor(width));
    this.h = Math.max(0, Math.floor(height));
    this.dpr = dpr > 0 ? dpr : 1;
    this.labels = new LabelCache(this.dpr);
    this.canvas.width = Math.round(this.w * this.dpr);
    this.canvas.height = Math.round(this.h * this.dpr);
    this.dirty = true;
  }

  clear(): void {
    this.series.clear();
    this.lastT = -Infinity;
    this.dirty = true;
  }

  add(t: number, left: number, right: number): void {
    if (t - this.lastT < STEP_S && t >= this.lastT) return;
    if (t < this.lastT) this.series.clear(); // the glove restarted: start the window again
    this.lastT = t;
    this.series.push(t, Number.isFinite(left) ? left : 0, Number.isFinite(right) ? right : 0);
    this.dirty = true;
  }

  draw(): void {
    this.dirty = false;
    const s = this.scale;
    const ctx = this.ctx;
    if (!s || this.w < 2 * (PAD.left + PAD.right) || this.h < PAD.top + PAD.bottom + 20) return;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.w, this.h);
    const x0 = PAD.left;
    const x1 = this.w - PAD.right;
    const y0 = PAD.top;
    const y1 = this.h - PAD.bottom;
    this.series.dropBefore(this.series.lastTime() - WINDOW_S - 1);
    const last = this.series.lastTime();
    const hi = Number.isFinite(last) ? Math.max(last, WINDOW_S) : WINDOW_S;
    const lo = hi - WINDOW_S;
    const xPos = (t: number): number => x0 + ((t - lo) / WINDOW_S) * (x1 - x0);
    const yPos = (v: number): number => y1 - (Math.min(Math.max(v, 0), s.y_max) / s.y_max) * (y1 - y0);

    // bands: the target (green) and too hard (faint red)
    ctx.fillStyle = BAND_FILL;
    ctx.fillRect(x0, yPos(s.band.max), x1 - x0, yPos(s.band.min) - yPos(s.band.max));
    ctx.fillStyle = HARD_FILL;
    ctx.fillRect(x0, yPos(s.y_max), x1 - x0, yPos(s.too_hard_n) - yPos(s.y_max));

    // grid and labels (lines on half pixels stay one device pixel wide at dpr 1)
    ctx.font = FONT;
    ctx.fillStyle = INK;
    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    ctx.beginPath();
    const yStep = tickStep(s.y_max, y1 - y0, 30);
    for (let v = 0; v <= s.y_max + 1e-9; v += yStep) {
      const y = Math.round(yPos(v)) + 0.5;
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      this.labels.draw(ctx, formatTrim(v, s.lang), x0 - 8, y, 'right', 'middle');
    }
    const xStep = tickStep(WINDOW_S, x1 - x0, 50);
    for (let t = Math.ceil(lo / xStep - 1e-9) * xStep; t <= hi + 1e-9; t += xStep) {
      const x = Math.round(xPos(t)) + 0.5;
      ctx.moveTo(x, y0);
      ctx.lineTo(x, y1 + 5);
      this.labels.draw(ctx, formatTrim(t, s.lang), x, y1 + 8, 'center', 'top');
    }
    ctx.stroke();

    // the two hands, clipped to the plot
    const [ts, left, right] = this.series.views() as [Float64Array, Float64Array, Float64Array];
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, y0 - LINE_WIDTH, x1 - x0, y1 - y0 + 2 * LINE_WIDTH);
    ctx.clip();
    ctx.lineWidth = LINE_WIDTH;
    ctx.lineJoin = 'round';
    for (const [ys, colour] of [[left, LEFT_COLOUR], [right, RIGHT_COLOUR]] as const) {
      ctx.strokeStyle = colour;
      ctx.beginPath();
      let first = true;
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i]!;
        if (t < lo - 1) continue;
        const x = xPos(t);
        const y = yPos(ys[i]!);
        if (first) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
        first = false;
      }
      ctx.stroke();
    }
    ctx.restore();
  }
}

/** The chart's y scale for a profile: room above "too hard", rounded up to 5 N. */
export function chartScale(p: { criteria: { force_n: { target: { min: number; max: number } } }; too_hard_n: number }, lang: Lang): ChartScale {
  const band = p.criteria.force_n.target;
  const y_max = Math.ceil(Math.max(p.too_hard_n * 1.2, band.max * 1.5) / 5) * 5;
  return { band: { min: band.min, max: band.max }, too_hard_n: p.too_hard_n, y_max, lang };
}
