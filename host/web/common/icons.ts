// The marker shapes that carry the meaning besides colour (colour-blind users, a glance from
// 2 m): up-arrow = more (too light / too slow), check = on target, down-arrow = less (too hard /
// too fast), dash = nothing to judge, bang = other advice. One SVG holds them all; CSS shows the
// one matching the element's data-shape.
export type Shape = 'up' | 'ok' | 'down' | 'off' | 'bang';

export const MARKER_SVG = `<svg class="shape" viewBox="0 0 40 40" aria-hidden="true">
<path class="s-up" d="M20 4 L37 34 L3 34 Z"/>
<path class="s-down" d="M3 6 L37 6 L20 36 Z"/>
<g class="s-ok"><circle cx="20" cy="20" r="18"/><path d="M10 21 L17 28 L31 12" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></g>
<rect class="s-off" x="6" y="16" width="28" height="8" rx="3"/>
<g class="s-bang"><circle cx="20" cy="20" r="18"/><rect x="17" y="8" width="6" height="16" rx="2" fill="#fff"/><circle cx="20" cy="30" r="3.5" fill="#fff"/></g>
</svg>`;
