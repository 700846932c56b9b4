// The score block shown at the end of a session and at the top of a report: total, verdict,
// passes, and every deduction with its reason (largest first), then the session notes.
import type { Report } from '../../../shared/engine/report-schema';
import { criterionLabel } from '../../../shared/i18n/report';
import { lang, num, pick, tr } from './i18n';
import { el } from './dom';

export function verdictKey(v: Report['verdict']): 'verdict.pass' | 'verdict.fail' | 'verdict.insufficient_data' {
  return v === 'pass' ? 'verdict.pass' : v === 'fail' ? 'verdict.fail' : 'verdict.insufficient_data';
}

export function renderResult(box: HTMLElement, r: Report): void {
  const total = r.score.total;
  const head = el(
    'div',
    { class: 'result-head' },
    el('div', { class: 'total' }, el('span', { class: 'huge result-total', 'data-total': total === null ? '' : String(total) }, total === null ? tr('value.none') : num(total, 0)), el('span', {}, tr('result.of'))),
    r.in_progress
      ? el('div', { class: 'verdict', 'data-verdict': 'in_progress' }, tr('verdict.in_progress'))
      : el('div', { class: 'verdict', 'data-verdict': r.verdict }, tr(verdictKey(r.verdict))),
    el('div', { class: 'result-passes', 'data-passes': String(r.passes.length) }, tr('result.passes', { n: r.passes.length })),
  );
  const parts: Node[] = [head];
  if (r.verdict === 'insufficient_data') parts.push(el('p', { class: 'verdict-help' }, tr('verdict.insufficient_help')));
  parts.push(el('h3', {}, tr('result.deductions')));
  const list = el('ul', { class: 'deductions' });
  const sorted = [...r.deductions].sort((a, b) => b.points - a.points);
  for (const d of sorted) {
    list.append(
      el(
        'li',
        { 'data-criterion': d.criterion },
        // A deduction of 0 points is the pass-mark cap: name it instead of "-0".
        el('span', { class: 'points' }, d.points > 0 ? tr('result.points', { points: num(d.points, d.points % 1 === 0 ? 0 : 1) }) : criterionLabel(d.criterion, lang())),
        el('span', { class: 'reason' }, pick(d.reason)),
      ),
    );
  }
  if (sorted.length === 0) list.append(el('li', { class: 'none' }, tr('result.no_deductions')));
  parts.push(list);
  if (r.notes && r.notes.length > 0) {
    parts.push(el('ul', { class: 'notes' }, ...r.notes.map((n) => el('li', {}, pick(n)))));
  }
  box.replaceChildren(...parts);
}
