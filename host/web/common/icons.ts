// The marker shapes that carry the meaning besides colour (colour-blind users, a glance from
// 2 m): solid triangle up = press more (too light), solid triangle down = press less (too hard),
// double chevron up = circle faster (too slow), double chevron down = circle slower (too fast),
// check = on target, dash = nothing to judge, bang = other advice. Pressure and tempo faults
// never share a shape. One SVG holds them all; CSS shows the one matching data-shape.
export type Shape = 'up' | 'ok' | 'down' | 'faster' | 'slower' | 'off' | 'bang';

const FASTER = 'M4 18 L20 4 L36 18 L36 25 L20 11 L4 25 Z M4 32 L20 18 L36 32 L36 39 L20 25 L4 39 Z';
const SLOWER = 'M4 22 L20 36 L36 22 L36 15 L20 29 L4 15 Z M4 8 L20 22 L36 8 L36 1 L20 15 L4 1 Z';

export const MARKER_SVG = `<svg class="shape" viewBox="0 0 40 40" aria-hidden="true">
<path class="s-up" d="M20 4 L37 34 L3 34 Z"/>
<path class="s-down" d="M3 6 L37 6 L20 36 Z"/>
<path class="s-faster" d="${FASTER}"/>
<path class="s-slower" d="${SLOWER}"/>
<g class="s-ok"><circle cx="20" cy="20" r="18"/><path d="M10 21 L17 28 L31 12" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></g>
<rect class="s-off" x="6" y="16" width="28" height="8" rx="3"/>
<g class="s-bang"><circle cx="20" cy="20" r="18"/><rect x="17" y="8" width="6" height="16" rx="2" fill="#fff"/><circle cx="20" cy="30" r="3.5" fill="#fff"/></g>
</svg>`;

/** The colour of each shape (base.css: --low, --in, --high, --off, --bang). */
export const SHAPE_COLOUR: Record<Shape, string> = {
  up: '#1f5fbf',
  ok: '#1a7f37',
  down: '#c2410c',
  faster: '#1f5fbf',
  slower: '#c2410c',
  off: '#6b7280',
  bang: '#a16207',
};

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The same marker as MARKER_SVG, on a canvas: `size` px square with its top left at (x, y). */
export function drawShape(ctx: Ctx2D, shape: Shape, x: number, y: number, size: number): void {
  const c = SHAPE_COLOUR[shape];
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(size / 40, size / 40);
  ctx.fillStyle = c;
  ctx.beginPath();
  if (shape === 'up') {
    ctx.moveTo(20, 4);
    ctx.lineTo(37, 34);
    ctx.lineTo(3, 34);
    ctx.closePath();
    ctx.fill();
  } else if (shape === 'down') {
    ctx.moveTo(3, 6);
    ctx.lineTo(37, 6);
    ctx.lineTo(20, 36);
    ctx.closePath();
    ctx.fill();
  } else if (shape === 'faster' || shape === 'slower') {
    ctx.fill(new Path2D(shape === 'faster' ? FASTER : SLOWER));
  } else if (shape === 'off') {
    ctx.roundRect(6, 16, 28, 8, 3);
    ctx.fill();
  } else {
    ctx.arc(20, 20, 18, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#fff';
    ctx.beginPath();
    if (shape === 'ok') {
      ctx.lineWidth = 5;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.moveTo(10, 21);
      ctx.lineTo(17, 28);
      ctx.lineTo(31, 12);
      ctx.stroke();
    } else {
      ctx.roundRect(17, 8, 6, 16, 2);
      ctx.fill();
      ctx.beginPath();
      ctx.arc(20, 30, 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
}
