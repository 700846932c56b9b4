// A uPlot line chart over numeric time (no Date axis) with target bands painted behind the
// lines. Used by the report (the trainee page draws its live chart in its scoring worker:
// host/web/trainee/chart-painter.ts).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface LineSpec {
  stroke: string;
  width?: number;
  dash?: number[];
  /** The y scale this line uses (default 'y'). */
  scale?: string;
}

export interface Band {
  min: number;
  max: number;
  fill: string;
  scale?: string;
}

/** A stretch of the x axis painted behind the lines (e.g. a pass). */
export interface Span {
  from: number;
  to: number;
  fill: string;
}

export interface BandChartOptions {
  lines: LineSpec[];
  bands: Band[];
  spans?: Span[];
  /** Draw a dot at every point (sparse data such as one score per session). */
  points?: boolean;
  /** Fixed y range per scale; autoscaled when absent. */
  yRange?: Record<string, [number, number]>;
  /** Visible time window in seconds ending at the newest point; whole data when absent. */
  window_s?: number;
  height: number;
  /** Axis label under the x axis. */
  xLabel?: string;
  /** Right-hand axis for a second scale. */
  secondScale?: string;
  font?: string;
}

export class BandChart {
  readonly plot: uPlot;
  private bands: Band[];
  private spans: Span[];

  constructor(el: HTMLElement, opts: BandChartOptions, data?: uPlot.AlignedData) {
    this.bands = opts.bands;
    this.spans = opts.spans ?? [];
    const font = opts.font ?? '14px system-ui, sans-serif';
    const scales: uPlot.Scales = {
      x: {
        time: false,
        range: (_u, min, max) => {
          if (opts.window_s === undefined) return [min, max > min ? max : min + 1];
          const hi = Number.isFinite(max) ? Math.max(max, opts.window_s) : opts.window_s;
          return [hi - opts.window_s, hi];
        },
      },
    };
    for (const [key, r] of Object.entries(opts.yRange ?? {})) scales[key] = { range: () => r };
    const axes: uPlot.Axis[] = [
      { font, labelFont: font, label: opts.xLabel, size: 36, labelSize: opts.xLabel ? 20 : 0, stroke: '#333' },
      { font, size: 48, stroke: '#333', grid: { stroke: '#e4e4e4' } },
    ];
    if (opts.secondScale) axes.push({ scale: opts.secondScale, side: 1, font, size: 52, stroke: '#555', grid: { show: false } });
    const series: uPlot.Series[] = [{}];
    for (const l of opts.lines) {
      series.push({ stroke: l.stroke, width: l.width ?? 2, dash: l.dash, scale: l.scale ?? 'y', spanGaps: false, points: { show: opts.points === true, size: 9, fill: l.stroke } });
    }
    const width = Math.max(200, el.clientWidth || 600);
    const empty: uPlot.AlignedData = opts.lines.reduce<uPlot.AlignedData>((d) => [...d, []] as unknown as uPlot.AlignedData, [[]] as unknown as uPlot.AlignedData);
    this.plot = new uPlot(
      {
        width,
        height: opts.height,
        pxAlign: 1,
        scales,
        axes,
        series,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        hooks: { drawClear: [(u) => this.paintBands(u)] },
      },
      data ?? empty,
      el,
    );
  }

  setBands(bands: Band[]): void {
    this.bands = bands;
    this.plot.redraw(false, false);
  }

  setData(data: uPlot.AlignedData): void {
    this.plot.setData(data, true);
  }

  resize(width: number, height: number): void {
    this.plot.setSize({ width: Math.max(200, Math.floor(width)), height: Math.floor(height) });
  }

  destroy(): void {
    this.plot.destroy();
  }

  private paintBands(u: uPlot): void {
    const ctx = u.ctx;
    const { left, width, top: plotTop, height } = u.bbox;
    for (const sp of this.spans) {
      const x0 = u.valToPos(sp.from, 'x', true);
      const x1 = u.valToPos(sp.to, 'x', true);
      const a = Math.max(left, Math.min(x0, x1));
      const b = Math.min(left + width, Math.max(x0, x1));
      if (b <= a) continue;
      ctx.fillStyle = sp.fill;
      ctx.fillRect(a, plotTop, b - a, height);
    }
    for (const b of this.bands) {
      const key = b.scale ?? 'y';
      if (!u.scales[key] || u.scales[key]!.min === undefined) continue;
      const top = u.valToPos(b.max, key, true);
      const bottom = u.valToPos(b.min, key, true);
      ctx.fillStyle = b.fill;
      ctx.fillRect(left, Math.min(top, bottom), width, Math.abs(bottom - top));
    }
  }
}
