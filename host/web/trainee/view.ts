// The live view: a gauge per hand (target band, marker whose shape says what to do), the cue,
// the cadence, the pass timer and counter. The parts that move with every sample (the gauges'
// fills and markers, the timer's bar) are canvases drawn by the live host (marks-painter.ts, in
// the scoring worker); this writes the text and the shapes that colour it, only where a shown
// value changed, and the numbers at most 4 times a second (readable, not flickering). So the
// page's main thread has a frame to draw a few times a second, not 30.
import type { ForceBand, LiveHand, LiveState } from '../../../shared/engine/types';
import type { Profile } from '../../../shared/profiles/schema';
import { CUES, CUE_HINTS } from '../../../shared/i18n/cues';
import { formatTrim } from '../../../shared/i18n/format';
import { clock, lang, num, pick, tr } from '../common/i18n';
import { MARKER_SVG, type Shape } from '../common/icons';
import { gaugeMax, handMark, timerMark, timerMax } from './live-marks';

/** Writes text/attributes only when they change (the frame budget is small). */
class Slot {
  private last: string | null = null;
  constructor(private readonly write: (v: string) => void) {}
  set(v: string): void {
    if (v !== this.last) {
      this.last = v;
      this.write(v);
    }
  }
  reset(): void {
    this.last = null;
  }
}

const text = (el: Element): Slot => new Slot((v) => (el.textContent = v));
const attr = (el: Element, name: string): Slot => new Slot((v) => el.setAttribute(name, v));
/**
 * A number that changes a few times a second: written into a fixed-size box of its own
 * (.num: size + layout containment) that is not a flex item, so a new value lays out that box
 * alone instead of the whole page.
 */
const numText = (el: Element): Slot => {
  const box = document.createElement('span');
  box.className = 'num';
  box.textContent = el.textContent;
  el.replaceChildren(box);
  return text(box);
};

/** Numbers (force, cadence) are rewritten at most this often, ms. */
const NUMBERS_MS = 250;

function bandKey(b: ForceBand): `band.${ForceBand}` {
  return `band.${b}`;
}

class Gauge {
  private readonly box: HTMLElement;
  private readonly bandEl: HTMLElement;
  private readonly hardEl: HTMLElement;
  /** The fill and the marker, drawn by the live host. */
  readonly marks: HTMLCanvasElement;
  private readonly shape: Slot;
  private readonly value: Slot;
  private readonly state: Slot;
  private readonly targetText: HTMLElement;
  private readonly ticks: HTMLElement;
  private scaleMax = 20;

  constructor(host: HTMLElement) {
    this.box = document.createElement('div');
    this.box.className = 'gauge';
    this.box.innerHTML = `
      <div class="gauge-body">
        <div class="gauge-ticks"></div>
        <div class="gauge-scale">
          <div class="gauge-band"></div>
          <div class="gauge-hard"></div>
        </div>
        <canvas class="gauge-marks" aria-hidden="true"></canvas>
      </div>
      <div class="gauge-value big"></div>
      <div class="gauge-state"></div>
      <div class="gauge-target"></div>`;
    host.appendChild(this.box);
    const q = (c: string): HTMLElement => this.box.querySelector<HTMLElement>(c)!;
    this.bandEl = q('.gauge-band');
    this.hardEl = q('.gauge-hard');
    this.ticks = q('.gauge-ticks');
    this.targetText = q('.gauge-target');
    this.marks = this.box.querySelector('canvas')!;
    this.shape = attr(this.box, 'data-shape');
    this.value = numText(q('.gauge-value'));
    this.state = text(q('.gauge-state'));
  }

  configure(p: Profile): void {
    const band = p.criteria.force_n.target;
    this.scaleMax = gaugeMax(p);
    const pc = (x: number): string => `${Math.min(100, (x / this.scaleMax) * 100)}%`;
    this.bandEl.style.bottom = pc(band.min);
    this.bandEl.style.height = `${((band.max - band.min) / this.scaleMax) * 100}%`;
    this.hardEl.style.bottom = pc(p.too_hard_n);
    this.ticks.innerHTML = '';
    for (const v of [0, band.min, band.max, p.too_hard_n]) {
      const t = document.createElement('span');
      t.style.bottom = pc(v);
      t.textContent = formatTrim(v, lang());
      this.ticks.appendChild(t);
    }
    this.targetText.textContent = tr('band.target', { min: formatTrim(band.min, lang()), max: formatTrim(band.max, lang()) });
    this.state.reset();
    this.value.reset();
  }

  render(h: LiveHand | null, numbers: boolean): void {
    const m = handMark(h, this.scaleMax);
    const band: ForceBand = h ? h.band : 'off';
    this.shape.set(m.shape);
    if (numbers || !h) this.value.set(h ? `${num(m.force, 1)} N` : tr('value.none'));
    this.state.set(tr(bandKey(band)));
  }
}

export class TraineeView {
  private readonly left: Gauge;
  private readonly right: Gauge;
  private readonly cueBox: Slot;
  private readonly cueText: Slot;
  private readonly cueHint: Slot;
  private readonly passCount: Slot;
  private readonly cadShape: Slot;
  private readonly cadValue: Slot;
  private readonly timerClock: Slot;
  /** The timer's bar, drawn by the live host. */
  private readonly timerMarks: HTMLCanvasElement;
  private readonly timerState: Slot;
  private readonly timerStateText: Slot;
  private profile: Profile | null = null;
  private timerEnd = 200;
  private lastNumbers = -Infinity;

  constructor(private readonly root: Document) {
    const $ = (id: string): HTMLElement => root.getElementById(id)!;
    this.left = new Gauge($('gauge-left'));
    this.right = new Gauge($('gauge-right'));
    const cue = $('cue');
    cue.querySelector('.cue-icon')!.innerHTML = MARKER_SVG;
    cue.querySelector('.cue-text')!.innerHTML = '<span class="cue-word"></span><span class="cue-hint"></span>';
    this.cueBox = attr(cue, 'data-shape');
    this.cueText = text(cue.querySelector('.cue-word')!);
    this.cueHint = text(cue.querySelector('.cue-hint')!);
    this.passCount = text($('pass-count'));
    const cad = $('cadence');
    cad.querySelector('.marker-icon')!.innerHTML = MARKER_SVG;
    this.cadShape = attr(cad, 'data-shape');
    this.cadValue = numText(cad.querySelector('.cadence-value')!);
    const timer = $('timer');
    this.timerClock = numText(timer.querySelector('.timer-clock')!);
    this.timerMarks = timer.querySelector<HTMLCanvasElement>('.timer-track canvas')!;
    this.timerState = attr(timer, 'data-state');
    this.timerStateText = text(timer.querySelector('.timer-state')!);
  }

  configure(p: Profile): void {
    this.profile = p;
    this.left.configure(p);
    this.right.configure(p);
    const d = p.criteria.pass_duration_s;
    this.timerEnd = timerMax(p);
    const timer = this.root.getElementById('timer')!;
    const band = timer.querySelector<HTMLElement>('.timer-band')!;
    band.style.left = `${(d.target.min / this.timerEnd) * 100}%`;
    band.style.width = `${((d.target.max - d.target.min) / this.timerEnd) * 100}%`;
    timer.querySelector('.timer-target')!.textContent = tr('pass.target', {
      min: formatTrim(d.target.min / 60, lang(), 1),
      max: formatTrim(d.target.max / 60, lang(), 1),
    });
    const c = p.criteria.cadence_hz.target;
    this.root.querySelector('#cadence .cadence-target')!.textContent = tr('cadence.target', {
      min: Math.round(c.min * 60),
      max: Math.round(c.max * 60),
    });
    for (const s of [this.cueText, this.cueHint, this.passCount, this.cadValue, this.timerStateText]) s.reset();
    this.lastNumbers = -Infinity;
  }

  /**
   * Draws the state; null = nothing measured yet. Returns true when the numbers were held back
   * (call again shortly even if nothing new arrives, so the last values are shown).
   */
  render(s: LiveState | null, now = 0, connected = true): boolean {
    const p = this.profile;
    if (!p) return false;
    const numbers = now - this.lastNumbers >= NUMBERS_MS || now < this.lastNumbers;
    if (numbers) this.lastNumbers = now;
    this.left.render(s ? s.left : null, numbers);
    this.right.render(s ? s.right : null, numbers);

    const cue = s ? s.cue : null;
    const waiting = !s || (!s.in_pass && s.pass_number === 0);
    this.cueBox.set(cue === null || waiting ? 'off' : cueShape(cue));
    if (!s && !connected) {
      // No glove yet: say so where she looks, and what to press.
      this.cueText.set(tr('cue.not_connected'));
      this.cueHint.set(tr('cue.press_connect', { connect: tr('connect') }));
    } else {
      this.cueText.set(waiting ? tr('pass.waiting') : pick(CUES[cue!]));
      this.cueHint.set(waiting ? '' : pick(CUE_HINTS[cue!]));
    }

    const total = p.criteria.pass_count.target.max;
    const n = s ? s.pass_number : 0;
    this.passCount.set(tr(n > total ? 'pass.counter_over' : 'pass.counter', { n, total }));

    const hz = s ? s.cadence_hz : null;
    const warn = p.criteria.cadence_hz.warn;
    const moving = s !== null && s.in_pass && hz !== null && Number.isFinite(hz);
    this.cadShape.set(!moving ? 'off' : hz! < warn.min ? 'faster' : hz! > warn.max ? 'slower' : 'ok');
    if (numbers || !moving) this.cadValue.set(moving ? String(Math.round(hz! * 60)) : tr('value.none'));

    const t = timerMark(s, p);
    // the clock ticks with the numbers (one page frame for all of them, not one more a second)
    if (numbers || !s) this.timerClock.set(clock(t.elapsed));
    this.timerState.set(t.state);
    this.timerStateText.set(s && s.in_pass ? '' : s && s.pass_number > 0 ? tr('pass.resting') : '');
    return !numbers;
  }

  /** The canvases the live host draws the moving marks on. */
  markCanvases(): { left: HTMLCanvasElement; right: HTMLCanvasElement; timer: HTMLCanvasElement } {
    return { left: this.left.marks, right: this.right.marks, timer: this.timerMarks };
  }
}

function cueShape(cue: LiveState['cue']): Shape {
  switch (cue) {
    case 'ok':
      return 'ok';
    case 'too_light':
      return 'up';
    case 'too_slow':
      return 'faster';
    case 'too_hard':
      return 'down';
    case 'too_fast':
      return 'slower';
    case 'rest':
      return 'off';
    default:
      return 'bang';
  }
}
