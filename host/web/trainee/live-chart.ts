// The last ~20 s of thumb force per hand with the target band. Points go into a sliding
// buffer as they arrive; draw() is called once per animation frame and does one setData.
import type { Profile } from '../../../shared/profiles/schema';
import { BandChart } from '../common/band-chart';
import { SlidingSeries } from '../common/sliding';

export const WINDOW_S = 20;
/** At most one point per this many seconds: 30 Hz keeps ~2 Hz circles smooth over 20 s at half the drawing cost of 60 Hz. */
const STEP_S = 1 / 30;

// Blue against orange stays apart for the common colour blindnesses; a dashed line would
// cost ~0.6 ms per frame in software rendering, so both lines are solid.
export const LEFT_COLOUR = '#1f5fbf';
export const RIGHT_COLOUR = '#c25400';

export class LiveForceChart {
  private readonly series = new SlidingSeries(3, 4096);
  private chart: BandChart | null = null;
  private dirty = false;
  private lastT = -Infinity;

  constructor(private readonly el: HTMLElement) {}

  configure(p: Profile): void {
    const band = p.criteria.force_n.target;
    const yMax = Math.ceil(Math.max(p.too_hard_n * 1.2, band.max * 1.5) / 5) * 5;
    this.chart?.destroy();
    this.chart = new BandChart(this.el, {
      lines: [
        { stroke: LEFT_COLOUR, width: 3 },
        { stroke: RIGHT_COLOUR, width: 3 },
      ],
      bands: [
        { min: band.min, max: band.max, fill: 'rgba(26,138,58,0.22)' },
        { min: p.too_hard_n, max: yMax, fill: 'rgba(200,40,20,0.08)' },
      ],
      yRange: { y: [0, yMax] },
      window_s: WINDOW_S,
      height: Math.max(120, this.el.clientHeight || 200),
    });
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

  /** One setData when something changed; called from the animation frame (about 30 Hz). */
  draw(): void {
    if (!this.dirty || !this.chart) return;
    this.dirty = false;
    this.series.dropBefore(this.series.lastTime() - WINDOW_S - 1);
    this.chart.setData(this.series.views() as unknown as import('uplot').AlignedData);
  }

  resize(): void {
    if (!this.chart) return;
    this.chart.resize(this.el.clientWidth, Math.max(120, this.el.clientHeight));
    this.dirty = true;
  }
}
