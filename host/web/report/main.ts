// The report page. What it shows depends on the address:
//   ?session=ID   one session from the class server (report, series, checklist);
//   ?trainee=NAME that trainee's sessions and score trend (server);
//   ?cohort=NAME  the cohort's pre/post table and per-criterion change, CSV export (server);
//   otherwise     the session just finished in this tab (sessionStorage), or the server's list.
// Printable: the print stylesheet lays it out on A4 without the controls.
import './style.css';
import type { Report } from '../../../shared/engine/report-schema';
import type { SessionInfo } from '../../../shared/live-messages';
import type { ChecklistItem } from '../../../shared/i18n/sop';
import { CHECKLIST_PHASES } from '../../../shared/i18n/sop';
import { criterionKey, criterionLabel, PASS_EDGE } from '../../../shared/i18n/report';
import { formatDuration } from '../../../shared/i18n/format';
import { lengthJudgedAsSeen } from '../../../shared/engine/score';
import type { WebKey } from '../../../shared/i18n/web';
import type { Params } from '../../../shared/i18n/index';
import { applyI18n, initLang, lang, mountLangSwitch, num, onLangChange, pct, pick, tr } from '../common/i18n';
import { el } from '../common/dom';
import { BandChart } from '../common/band-chart';
import { loadLocalRecord, type SessionRecord } from '../common/record';
import { renderResult, verdictKey } from '../common/result';
import { BUILTIN_PROFILE_IDS, builtinProfile } from '../common/profiles';
import { criterionTarget, criterionValue, movingMean, toCsv } from './format';
import { sourceNames } from '../../../shared/i18n/sources';
import { compareCohort, phaseOf, type CohortSession } from '../../../shared/stats/cohort';
import '../common/roster.css';
import { ApiError, createTrainee, deleteSession, listTrainees, traineeLine, updateSession, type Trainee } from '../common/roster-api';
import { mountPicker, rs } from '../common/trainee-picker';
import { UNDO_MINUTES, confirmDialog, offerUndo, resumeUndo } from '../common/undo-bar';
import { gloveNameFromId } from '../../../shared/glove-name';

type SessionRow = SessionInfo & { status?: string; score_total: number | null; verdict: Report['verdict'] | null };

interface ServerReport {
  session: SessionInfo & { status?: string };
  report: Report | null;
  checklist: { items: ChecklistItem[]; ticked: string[] };
  series?: {
    t_s: number[];
    left_n: (number | null)[];
    right_n: (number | null)[];
    cadence_hz?: (number | null)[];
  };
}

const LEFT = '#1f5fbf';
const RIGHT = '#b34700';
/** Charts stay narrower than A4's printable width (about 700 CSS px). */
const CHART_MAX_W = 680;
/** The report's charts show 2-second means (see movingMean). */
const SMOOTH_S = 2;

const query = new URLSearchParams(location.search);
const doc = document.getElementById('doc')!;
let charts: BandChart[] = [];
let draw: () => void = () => undefined;
/** Loads the current view again (after a session was corrected, deleted or restored). */
let reloadView: () => Promise<void> = async () => undefined;

initLang();
applyI18n(document);
mountLangSwitch(document.getElementById('lang')!);
document.getElementById('print')!.addEventListener('click', () => window.print());
onLangChange(() => draw());

function message(key: WebKey, params?: Params, kind: 'error' | 'info' = 'info'): void {
  clear();
  doc.append(el('p', { class: 'banner', 'data-kind': kind, 'data-key': key }, tr(key, params)));
}

function clear(): void {
  for (const c of charts) c.destroy();
  charts = [];
  doc.replaceChildren();
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let detail = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: { id?: string; en?: string } };
      if (body.error) detail = (lang() === 'id' ? body.error.id : body.error.en) ?? detail;
    } catch {
      // not JSON: keep the status
    }
    throw new Error(detail);
  }
  return (await res.json()) as T;
}

function profileOf(id: string): SessionRecord['profile'] {
  return BUILTIN_PROFILE_IDS.includes(id) ? builtinProfile(id) : undefined;
}

function chartWidth(box: HTMLElement): number {
  return Math.min(CHART_MAX_W, Math.max(320, box.clientWidth));
}

// ---------------------------------------------------------------- one session

function renderSession(rec: SessionRecord): void {
  clear();
  const r = rec.report;
  const profile = rec.profile ?? profileOf(r.profile);
  const art = el('article', { class: 'session', 'data-verdict': r.verdict });
  doc.append(art);
  art.append(el('h1', { class: 'doc-title' }, tr('report.title')));

  const meta = el('table', { class: 'meta' });
  const row = (k: WebKey, v: string): void => {
    meta.append(el('tr', {}, el('th', {}, tr(k)), el('td', {}, v)));
  };
  row('report.meta.date', new Date(rec.started_at).toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB'));
  if (rec.trainee) row('report.meta.trainee', rec.trainee);
  row('report.meta.source', rec.source === 'server' ? tr('report.source.server', { id: rec.session_id ?? '' }) : tr('report.source.local'));
  if (rec.device) row('report.meta.device', rec.device);
  row('report.meta.profile', profile ? profile.name[lang()] : r.profile);
  row('report.meta.duration', formatDuration(r.duration_s, lang()));
  row('report.meta.work', formatDuration(r.work_s, lang()));
  row(
    'report.meta.quality',
    tr('report.quality', {
      samples: r.recording.samples,
      rate: r.recording.rate_hz === null ? '–' : num(r.recording.rate_hz, 0),
      lost: r.recording.lost_frames,
      crc: r.recording.crc_errors,
    }),
  );
  art.append(meta);

  const score = el('section', { class: 'score' });
  renderResult(score, r);
  art.append(score);
  art.append(
    el('p', { class: 'pressure' }, tr('report.pressure', {
      left: num(r.pressure.left.mean_n, 1),
      right: num(r.pressure.right.mean_n, 1),
      inband: pct(r.pressure.in_band_fraction),
      hard: r.pressure.too_hard_events,
    })),
  );

  art.append(criteriaTable(r));
  art.append(chartsSection(rec, r));
  art.append(timeline(r));
  art.append(checklistSection(rec));
  art.append(sopSection(r, profile));
  art.append(signOff(rec));
  art.append(el('footer', { class: 'doc-foot' }, tr('report.footer')));
}

/** Lines for the trainee and the instructor to sign, as a skills-lab assessment sheet has. */
function signOff(rec: SessionRecord): HTMLElement {
  const who = (title: WebKey, name: string | undefined): HTMLElement =>
    el(
      'div',
      { class: 'signer' },
      el('h3', {}, tr(title)),
      el('p', {}, el('span', { class: 'k' }, tr('report.sign.name')), el('span', { class: 'line' }, name ?? '')),
      el('p', {}, el('span', { class: 'k' }, tr('report.sign.signature')), el('span', { class: 'line' }, '')),
      el('p', {}, el('span', { class: 'k' }, tr('report.sign.date')), el('span', { class: 'line' }, '')),
    );
  return el(
    'section',
    { class: 'signoff' },
    el('h2', {}, tr('report.sign.title')),
    el('div', { class: 'signers' }, who('report.sign.trainee', rec.trainee ?? undefined), who('report.sign.instructor', undefined)),
  );
}

function criteriaTable(r: Report): HTMLElement {
  const sec = el('section', { class: 'criteria' }, el('h2', {}, tr('report.criteria')));
  const head = el(
    'tr',
    {},
    ...(['report.col.criterion', 'report.col.value', 'report.col.target', 'report.col.score', 'report.col.weight', 'report.col.ok'] as WebKey[]).map((k) =>
      el('th', {}, tr(k)),
    ),
  );
  const body = el('tbody');
  for (const c of r.score.criteria) {
    body.append(
      el(
        'tr',
        { 'data-passed': String(c.passed) },
        el('td', {}, el('strong', {}, criterionLabel(c.id, lang())), el('div', { class: 'msg' }, pick(c.messages))),
        el('td', { class: 'num' }, criterionValue(c.id, c.value, lang())),
        el('td', { class: 'num' }, criterionTarget(c.id, c.target, lang())),
        el('td', { class: 'num' }, num(c.score, 0)),
        el('td', { class: 'num' }, num(c.weight, 1)),
        el('td', { class: 'ok' }, c.passed ? `✓ ${tr('report.yes')}` : `✗ ${tr('report.no')}`),
      ),
    );
  }
  sec.append(el('table', { class: 'grid' }, el('thead', {}, head), body));
  return sec;
}

function chartsSection(rec: SessionRecord, r: Report): HTMLElement {
  const sec = el('section', { class: 'charts' });
  const s = rec.series;
  if (s.t_s.length < 2) {
    sec.append(el('p', { class: 'muted' }, tr('report.chart.none')));
    return sec;
  }
  const spans = r.passes.map((p) => ({ from: p.start_s, to: p.end_s, fill: 'rgba(107,114,128,0.10)' }));
  const forceBox = el('div', { class: 'chart', id: 'chart-force' });
  sec.append(
    el('h2', {}, tr('report.chart.force')),
    el('p', { class: 'legend' }, el('span', { class: 'legend-left' }, `━ ${tr('hand.left')}`), ' ', el('span', { class: 'legend-right' }, `╍ ${tr('hand.right')}`)),
    forceBox,
  );
  const cpm = s.cadence_cpm;
  const cadBox = el('div', { class: 'chart', id: 'chart-cadence' });
  if (cpm && cpm.some((x) => x !== null)) sec.append(el('h2', {}, tr('report.chart.cadence')), cadBox);
  // Charts need their boxes in the document to know the width.
  const left = movingMean(s.t_s, s.left_n, SMOOTH_S);
  const right = movingMean(s.t_s, s.right_n, SMOOTH_S);
  queueMicrotask(() => {
    const band = r.pressure.band_n;
    const yMax = Math.max(band.max * 1.5, ...left.map((x) => x ?? 0), ...right.map((x) => x ?? 0)) * 1.1;
    charts.push(
      new BandChart(
        forceBox,
        {
          lines: [{ stroke: LEFT, width: 2 }, { stroke: RIGHT, width: 2, dash: [6, 4] }],
          bands: [{ min: band.min, max: band.max, fill: 'rgba(26,127,55,0.22)' }],
          spans,
          yRange: { y: [0, Math.ceil(yMax)] },
          height: 180,
          xLabel: tr('report.chart.time'),
          font: '12px system-ui, sans-serif',
        },
        [s.t_s, left, right],
      ),
    );
    charts[charts.length - 1]!.resize(chartWidth(forceBox), 180);
    if (cpm && cpm.some((x) => x !== null)) {
      const crit = r.score.criteria.find((c) => criterionKey(c.id) === 'cadence_hz');
      const t = crit ? crit.target : { min: 1, max: 2.5 };
      const hi = Math.max(t.max * 60 * 1.4, ...cpm.map((x) => x ?? 0));
      const c = new BandChart(
        cadBox,
        {
          lines: [{ stroke: '#374151', width: 1.5 }],
          bands: [{ min: t.min * 60, max: t.max * 60, fill: 'rgba(26,127,55,0.22)' }],
          spans,
          yRange: { y: [0, Math.ceil(hi / 10) * 10] },
          height: 170,
          xLabel: tr('report.chart.time'),
          font: '12px system-ui, sans-serif',
        },
        [s.t_s, movingMean(s.t_s, cpm, SMOOTH_S)],
      );
      c.resize(chartWidth(cadBox), 170);
      charts.push(c);
    }
  });
  return sec;
}

function timeline(r: Report): HTMLElement {
  const sec = el('section', { class: 'timeline-sec' }, el('h2', {}, tr('report.timeline')));
  if (r.passes.length === 0) {
    sec.append(el('p', { class: 'muted' }, tr('report.no_passes')));
    return sec;
  }
  const total = Math.max(r.duration_s, ...r.passes.map((p) => p.end_s), 1);
  const dur = r.score.criteria.find((c) => criterionKey(c.id) === 'pass_duration_s');
  const band = dur ? dur.target : null;
  const bar = el('div', { class: 'timeline', role: 'img' });
  // On target: inside the band, or judged on what was seen (score.ts), as the criteria table says.
  const onTarget = (p: Report['passes'][number]): boolean =>
    !band || (p.duration_s >= band.min && p.duration_s <= band.max) || lengthJudgedAsSeen(p, band) !== null;
  for (const p of r.passes) {
    const ok = onTarget(p);
    const seg = el('div', { class: 'seg', 'data-ok': String(ok) }, String(p.index));
    seg.style.left = `${(p.start_s / total) * 100}%`;
    seg.style.width = `${Math.max(0.5, ((p.end_s - p.start_s) / total) * 100)}%`;
    if (p.started_before_recording) seg.dataset.early = 'true';
    if (p.ended_after_recording) seg.dataset.late = 'true';
    if (p.started_in_gap) seg.dataset.gapStart = 'true';
    if (p.ended_in_gap) seg.dataset.gapEnd = 'true';
    bar.append(seg);
  }
  // Gaps in the data (a second or more): a hatched mark with its length in the tooltip.
  const rec = r.recording;
  for (const g of (rec.gaps ?? []).filter((x) => x.duration_s >= 1)) {
    const mark = el('div', { class: 'gap', title: tr('report.gap', { at: num(g.start_s, 0), dur: formatDuration(g.duration_s, lang()) }) });
    mark.style.left = `${(g.start_s / total) * 100}%`;
    mark.style.width = `${Math.max(0.3, (g.duration_s / total) * 100)}%`;
    bar.append(mark);
  }
  const axis = el('div', { class: 'timeline-axis' }, el('span', {}, '0:00'), el('span', {}, formatDuration(total, lang())));
  const list = el('ol', { class: 'passes' });
  for (const p of r.passes) {
    const ok = onTarget(p);
    list.append(
      el(
        'li',
        { 'data-ok': String(ok) },
        tr('report.pass.row', {
          n: p.index,
          start: num(p.start_s, 0),
          end: num(p.end_s, 0),
          dur: formatDuration(p.duration_s, lang()),
          cpm: p.cadence_hz === null ? '–' : Math.round(p.cadence_hz * 60),
          circles: p.circles,
        }) + (p.started_before_recording ? ` (${pick(PASS_EDGE.early)})` : '')
          + (p.ended_after_recording ? ` (${pick(PASS_EDGE.late)})` : '')
          + (p.started_in_gap ? ` (${pick(PASS_EDGE.gapStart)})` : '')
          + (p.ended_in_gap ? ` (${pick(PASS_EDGE.gapEnd)})` : '')
          + (p.gap_s && p.gap_s >= 0.5 ? ` (${tr('report.pass.gap', { dur: formatDuration(p.gap_s, lang()) })})` : ''),
      ),
    );
  }
  sec.append(bar, axis, list);
  if (rec.gap_count || rec.restarts || rec.reconnects || rec.duplicates) {
    sec.append(el('p', { class: 'gaps muted' }, tr('report.gaps', {
      n: rec.gap_count ?? 0, dur: formatDuration(rec.gap_s ?? 0, lang()),
      restarts: rec.restarts ?? 0, re: rec.reconnects ?? 0, dup: rec.duplicates ?? 0,
    })));
  }
  return sec;
}

function checklistSection(rec: SessionRecord): HTMLElement {
  const sec = el('section', { class: 'checklist' }, el('h2', {}, tr('report.checklist')));
  const cl = rec.checklist;
  if (!cl || cl.items.length === 0) {
    sec.append(el('p', { class: 'muted' }, tr('report.checklist.none')));
    return sec;
  }
  const ticked = new Set(cl.ticked);
  const phases = [...new Set(cl.items.map((i) => i.phase))];
  const box = el('div', { class: 'phases' });
  for (const ph of phases) {
    const ul = el('ul');
    for (const it of cl.items.filter((i) => i.phase === ph)) {
      const done = ticked.has(it.id);
      // The SOP's own items need no note; items another source adds name it.
      const from = it.source === '000' ? '' : ` (${sourceNames(it.source, lang(), 'short').join('; ')})`;
      ul.append(el('li', { 'data-done': String(done) }, el('span', { class: 'box' }, done ? '☑' : '☐'), ' ', pick(it.label), el('span', { class: 'src' }, from)));
    }
    box.append(el('div', { class: 'phase' }, el('h3', {}, pick(CHECKLIST_PHASES[ph])), ul));
  }
  sec.append(box);
  return sec;
}

function sopSection(r: Report, profile: SessionRecord['profile']): HTMLElement {
  const sec = el('section', { class: 'sop' }, el('h2', {}, tr('report.sop')));
  if (profile) {
    sec.append(el('p', {}, el('strong', {}, profile.name[lang()])), el('p', { class: 'muted' }, profile.description[lang()]));
  } else sec.append(el('p', {}, el('strong', {}, r.profile)));
  const docs = [...new Set(r.score.criteria.flatMap((c) => [...c.source.matchAll(/\b(\d{3})_[0-9a-f]{16}\.txt/g)].map((m) => m[1]!)))].sort();
  if (docs.length > 0) sec.append(el('p', {}, tr('report.sop.seeds', { files: docs.flatMap((d) => sourceNames(d, lang())).join('; ') })));
  const ul = el('ul', { class: 'sources' });
  for (const c of r.score.criteria) {
    if (c.id.includes('.') && r.score.criteria.some((o) => o.id === criterionKey(c.id))) continue;
    ul.append(el('li', {}, el('strong', {}, `${criterionLabel(criterionKey(c.id), lang())}: `), sourceNames(c.source, lang()).join('; ')));
  }
  sec.append(dedupeList(ul));
  return sec;
}

function dedupeList(ul: HTMLElement): HTMLElement {
  const seen = new Set<string>();
  for (const li of [...ul.children]) {
    const k = li.textContent ?? '';
    if (seen.has(k)) li.remove();
    else seen.add(k);
  }
  return ul;
}

async function serverSession(id: string): Promise<void> {
  message('report.loading');
  let body: ServerReport;
  try {
    body = await getJson<ServerReport>(`../api/sessions/${encodeURIComponent(id)}/report`);
  } catch (e) {
    message('report.load_failed', { what: id, detail: errText(e) }, 'error');
    return;
  }
  if (!body.report) {
    message('report.load_failed', { what: id, detail: tr('list.running') }, 'error');
    return;
  }
  const s = body.series;
  // the glove as the class view names it (Sim 1, USB 2) while the server knows it, else a name from its id
  const gloves = await getJson<{ gloves: { id: string; label: string }[] }>('../api/gloves').catch(() => ({ gloves: [] }));
  const glove = gloves.gloves.find((g) => g.id === body.session.glove);
  const rec: SessionRecord = {
    version: 1,
    source: 'server',
    session_id: String(body.session.id),
    started_at: new Date(body.session.started_at).toISOString(),
    trainee: body.session.trainee ? traineeText(body.session.trainee) : undefined,
    device: glove?.label ?? gloveNameFromId(body.session.glove),
    profile: profileOf(body.report.profile),
    report: body.report,
    series: {
      t_s: s?.t_s ?? [],
      left_n: s?.left_n ?? [],
      right_n: s?.right_n ?? [],
      cadence_cpm: s?.cadence_hz ? s.cadence_hz.map((x) => (x === null ? null : x * 60)) : undefined,
    },
    checklist: body.checklist,
  };
  draw = () => renderSession(rec);
  draw();
}

/** "Siti Aminah · NIM 2021001 (Kelompok A)": the NIM next to the name, when known. */
function traineeText(t: SessionInfo['trainee'] & object): string {
  return `${t.name}${t.nim ? ` · ${rs('nim')} ${t.nim}` : ''}${t.cohort ? ` (${t.cohort})` : ''}`;
}

// ---------------------------------------------------------------- one trainee over time

/** A trainee's history: by name for the server, by id on the page (two trainees may share a name). */
function historyHref(t: { id: number; name: string }): string {
  return `?trainee=${encodeURIComponent(t.name)}&tid=${t.id}`;
}

async function history(trainee: string, tid: number | null): Promise<void> {
  reloadView = () => history(trainee, tid);
  message('report.loading');
  let rows: SessionRow[];
  try {
    const by = tid !== null ? `trainee_id=${tid}` : `trainee=${encodeURIComponent(trainee)}`;
    rows = (await getJson<{ sessions: SessionRow[] }>(`../api/sessions?${by}`)).sessions;
  } catch (e) {
    message('report.load_failed', { what: trainee, detail: errText(e) }, 'error');
    return;
  }
  if (tid !== null) rows = rows.filter((r) => r.trainee?.id === tid);
  rows.sort((a, b) => a.started_at - b.started_at);
  draw = () => {
    clear();
    const who = rows.find((r) => r.trainee)?.trainee;
    const name = who ? `${who.name}${who.nim ? ` · ${rs('nim')} ${who.nim}` : ''}` : trainee;
    const art = el('article', { class: 'history' }, el('h1', { class: 'doc-title' }, tr('history.title', { trainee: name })));
    doc.append(art);
    if (rows.length === 0) {
      art.append(el('p', { class: 'muted' }, tr('history.empty')));
      return;
    }
    const box = el('div', { class: 'chart', id: 'chart-trend' });
    art.append(el('h2', {}, tr('history.trend')), box);
    art.append(sessionTable(rows, false));
    const scored = rows.map((r, i) => [i + 1, r.score_total] as const);
    queueMicrotask(() => {
      const c = new BandChart(
        box,
        {
          lines: [{ stroke: '#1f2937', width: 2 }],
          bands: [],
          points: true,
          yRange: { y: [0, 100] },
          height: 200,
          font: '12px system-ui, sans-serif',
        },
        [scored.map((x) => x[0]), scored.map((x) => x[1])],
      );
      c.resize(chartWidth(box), 200);
      charts.push(c);
    });
  };
  draw();
}

function sessionTable(rows: SessionRow[], withPeople: boolean): HTMLElement {
  const cols: WebKey[] = ['history.col.date', ...(withPeople ? (['list.col.trainee', 'list.col.cohort'] as WebKey[]) : []), 'history.col.label', 'history.col.profile', 'history.col.total', 'history.col.verdict', 'list.col.report'];
  const headCells = [...cols.map((k) => el('th', {}, tr(k))), el('th', { class: 'no-print' }, rs('actions'))];
  const body = el('tbody');
  for (const r of rows) {
    const cells: (Node | string)[] = [new Date(r.started_at).toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB')];
    if (withPeople) {
      const t = r.trainee;
      cells.push(t ? el('a', { href: historyHref(t), title: traineeLine(t) }, t.name, t.nim ? el('span', { class: 'nim' }, ` · ${t.nim}`) : '') : '–');
      cells.push(r.trainee?.cohort ? el('a', { href: `?cohort=${encodeURIComponent(r.trainee.cohort)}` }, r.trainee.cohort) : '–');
    }
    cells.push(r.label || '–', profileOf(r.profile)?.name[lang()] ?? r.profile, r.score_total === null ? '–' : num(r.score_total, 0));
    cells.push(r.verdict ? tr(verdictKey(r.verdict)) : r.stopped_at === null ? tr('list.running') : '–');
    cells.push(el('a', { href: `?session=${r.id}` }, tr('list.open')));
    body.append(el('tr', { 'data-session': String(r.id) }, ...cells.map((c) => el('td', {}, c)), el('td', { class: 'acts no-print' }, ...sessionActions(r))));
  }
  return el('table', { class: 'grid sessions' }, el('thead', {}, el('tr', {}, ...headCells)), body);
}

// ---------------------------------------------------------------- correcting or deleting a session

function apiText(e: unknown): string {
  return e instanceof ApiError ? pick(e.entry) : errText(e);
}

function sessionActions(r: SessionRow): HTMLElement[] {
  const fix = el('button', { type: 'button', class: 'small', 'data-act': 'correct' }, rs('correct'));
  fix.addEventListener('click', () => void correct(r));
  const del = el('button', { type: 'button', class: 'small danger', 'data-act': 'delete' }, rs('delete'));
  const live = r.stopped_at === null;
  if (live) {
    // A recording session cannot go: the button says why.
    del.disabled = true;
    del.title = rs('session_live');
    return [fix, del, el('span', { class: 'why', title: rs('session_live') }, rs('session_live_short'))];
  }
  del.addEventListener('click', () => void removeSession(r));
  return [fix, del];
}

async function removeSession(r: SessionRow): Promise<void> {
  const who = r.trainee ? traineeLine(r.trainee) : tr('value.none');
  const date = new Date(r.started_at).toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB');
  const ok = await confirmDialog(
    rs('delete_session_title', { id: r.id }),
    [rs('delete_session_body', { who, date, label: r.label || tr('value.none') }), rs('delete_undo_note', { min: UNDO_MINUTES })],
    rs('delete'),
  );
  if (!ok) return;
  try {
    const d = await deleteSession(r.id);
    await reloadView();
    offerUndo(d, () => reloadView(), (e) => window.alert(apiText(e)));
  } catch (e) {
    window.alert(apiText(e));
  }
}

/** A dialog to give the session another trainee (the roster picker) or label. */
async function correct(r: SessionRow): Promise<void> {
  let chosen: Trainee | null = r.trainee;
  const chosenText = el('span', { class: 'chosen-name' });
  const showChosen = (): void => {
    chosenText.textContent = chosen ? traineeLine(chosen) : rs('picker_nobody');
  };
  showChosen();
  const change = el('button', { type: 'button', class: 'small', 'data-act': 'change-trainee' }, rs('change_trainee'));
  const chosenBox = el('div', { class: 'chosen' }, chosenText, change);
  const pickerBox = el('div');
  const label = el('input', { class: 'label', maxlength: '200', id: 'correct-label' });
  label.value = r.label;
  const err = el('p', { class: 'err', role: 'alert' });
  const save = el('button', { type: 'button', class: 'primary', 'data-role': 'save' }, rs('save'));
  const cancel = el('button', { type: 'button', 'data-role': 'cancel' }, rs('cancel'));
  const dlg = el(
    'dialog',
    { class: 'edit' },
    el('h2', {}, rs('correct_title', { id: r.id })),
    el('label', {}, rs('session_trainee')),
    chosenBox,
    pickerBox,
    el('label', { for: 'correct-label' }, rs('session_label')),
    label,
    err,
    el('div', { class: 'dlg-buttons' }, cancel, save),
  );
  document.body.append(dlg);
  const close = (): void => {
    dlg.close();
    dlg.remove();
  };
  change.addEventListener('click', () => {
    chosenBox.hidden = true;
    mountPicker(pickerBox, {
      load: () => listTrainees(),
      allowNobody: true,
      onPick: (t) => {
        chosen = t;
        showChosen();
        chosenBox.hidden = false;
        save.focus();
      },
      onCreate: (d) => createTrainee(d),
      onCancel: () => {
        chosenBox.hidden = false;
      },
      onError: (e) => (err.textContent = apiText(e)),
    });
  });
  cancel.addEventListener('click', close);
  dlg.addEventListener('cancel', (e) => {
    // Esc inside the picker closes only the picker
    if (pickerBox.childElementCount > 0) e.preventDefault();
    else close();
  });
  save.addEventListener('click', () => {
    save.disabled = true;
    updateSession(r.id, { trainee_id: chosen ? chosen.id : null, label: label.value.trim() })
      .then(async () => {
        close();
        await reloadView();
      })
      .catch((e: unknown) => {
        save.disabled = false;
        err.textContent = apiText(e);
      });
  });
  dlg.showModal();
  change.focus();
}

// ---------------------------------------------------------------- a cohort, pre and post

async function cohort(name: string): Promise<void> {
  reloadView = () => cohort(name);
  message('report.loading');
  let rows: SessionRow[];
  try {
    rows = (await getJson<{ sessions: SessionRow[] }>(`../api/sessions?cohort=${encodeURIComponent(name)}`)).sessions;
  } catch (e) {
    message('report.load_failed', { what: name, detail: errText(e) }, 'error');
    return;
  }
  // Per-criterion change needs each session's criteria: one request per session.
  const reports = new Map<number, Report>();
  await Promise.all(
    rows
      .filter((r) => phaseOf(r.label) !== null && r.score_total !== null)
      .map(async (r) => {
        try {
          const b = await getJson<{ report: Report | null }>(`../api/sessions/${r.id}`);
          if (b.report) reports.set(r.id, b.report);
        } catch {
          // that session is left out of the per-criterion table
        }
      }),
  );
  draw = () => renderCohort(name, rows, reports);
  draw();
}

function cohortSessions(rows: SessionRow[], reports: Map<number, Report>): CohortSession[] {
  return rows.map((r) => {
    const rep = reports.get(r.id);
    // One value per criterion: per-hand criteria (force_n.left, force_n.right) averaged.
    const perKey = new Map<string, number[]>();
    for (const c of rep?.score.criteria ?? []) perKey.set(criterionKey(c.id), [...(perKey.get(criterionKey(c.id)) ?? []), c.score]);
    const criteria: Record<string, number> = {};
    for (const [k, xs] of perKey) criteria[k] = xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      trainee: r.trainee?.id ?? null,
      phase: phaseOf(r.label),
      started: r.started_at,
      total: r.score_total,
      passed: r.verdict === 'pass' ? true : r.verdict === 'fail' ? false : null,
      criteria,
    };
  });
}

function renderCohort(name: string, rows: SessionRow[], reports: Map<number, Report>): void {
  clear();
  const art = el('article', { class: 'cohort' }, el('h1', { class: 'doc-title' }, tr('cohort.title', { cohort: name })));
  doc.append(art);
  if (rows.length === 0) {
    art.append(el('p', { class: 'muted' }, tr('cohort.empty')));
    return;
  }
  const cmp = compareCohort(cohortSessions(rows, reports));
  // The pre/post table, laid out like the midwife-training report's (mean, median, min, max).
  const csvRows: (string | number | null)[][] = [['phase', 'n', 'mean', 'median', 'min', 'max', 'pass_rate_pct']];
  const tbody = el('tbody');
  for (const ph of cmp.phases) {
    const st = ph.total;
    const rate = ph.passRate === null ? null : ph.passRate * 100;
    tbody.append(
      el(
        'tr',
        { 'data-phase': ph.phase },
        el('th', {}, tr(ph.phase === 'pre' ? 'cohort.pre' : 'cohort.post')),
        el('td', { class: 'num' }, String(st?.n ?? 0)),
        ...[st?.mean ?? null, st?.median ?? null, st?.min ?? null, st?.max ?? null].map((v) => el('td', { class: 'num' }, num(v, 2))),
        el('td', { class: 'num' }, rate === null ? '–' : `${num(rate, 0)} %`),
      ),
    );
    csvRows.push([ph.phase, st?.n ?? 0, round2(st?.mean), round2(st?.median), round2(st?.min), round2(st?.max), round2(rate)]);
  }
  const head = el('tr', {}, ...(['cohort.col.phase', 'cohort.col.n', 'cohort.col.mean', 'cohort.col.median', 'cohort.col.min', 'cohort.col.max', 'cohort.col.pass_rate'] as WebKey[]).map((k) => el('th', {}, tr(k))));
  art.append(el('table', { class: 'grid prepost' }, el('thead', {}, head), tbody), el('p', { class: 'muted' }, tr('cohort.note')));
  if (cmp.leftOut > 0) art.append(el('p', { class: 'muted' }, tr('cohort.unlabelled', { n: cmp.leftOut })));

  // Mean score per criterion, pre against post.
  if (cmp.criteria.length > 0) {
    csvRows.push([], ['criterion', 'pre_mean', 'post_mean', 'change']);
    const cb = el('tbody');
    for (const c of cmp.criteria) {
      const pre = c.pre?.mean ?? null;
      const post = c.post?.mean ?? null;
      cb.append(
        el(
          'tr',
          {},
          el('td', {}, criterionLabel(c.key, lang())),
          el('td', { class: 'num' }, num(pre, 1)),
          el('td', { class: 'num' }, num(post, 1)),
          el('td', { class: 'num', 'data-sign': c.change === null ? '' : c.change >= 0 ? 'up' : 'down' }, c.change === null ? '–' : `${c.change >= 0 ? '+' : ''}${num(c.change, 1)}`),
        ),
      );
      csvRows.push([c.key, round2(pre), round2(post), round2(c.change)]);
    }
    const ch = el('tr', {}, ...(['report.col.criterion', 'cohort.pre', 'cohort.post', 'cohort.col.change'] as WebKey[]).map((k) => el('th', {}, tr(k))));
    art.append(el('h2', {}, tr('cohort.per_criterion')), el('table', { class: 'grid' }, el('thead', {}, ch), cb));
  }

  // Paired change per trainee, with the Wilcoxon signed-rank test.
  csvRows.push([], ['measure', 'pairs', 'median_change', 'wilcoxon_statistic', 'p_value', 'p_method']);
  const pb = el('tbody');
  for (const p of cmp.paired) {
    const label = p.key === 'total' ? tr('cohort.total') : criterionLabel(p.key, lang());
    const t = p.test;
    pb.append(
      el(
        'tr',
        { 'data-key': p.key },
        el('td', {}, label),
        el('td', { class: 'num' }, String(p.pairs)),
        el('td', { class: 'num' }, p.medianChange === null ? '–' : `${p.medianChange >= 0 ? '+' : ''}${num(p.medianChange, 1)}`),
        el('td', { class: 'num' }, t ? num(t.p, t.p < 0.001 ? 4 : 3) : '–'),
        el('td', {}, t ? tr(t.method === 'exact' ? 'cohort.p_exact' : 'cohort.p_approx') : tr('cohort.too_few_pairs')),
      ),
    );
    csvRows.push([p.key, p.pairs, round2(p.medianChange), t?.statistic ?? null, t ? Number(t.p.toPrecision(6)) : null, t?.method ?? null]);
  }
  const phd = el('tr', {}, ...(['report.col.criterion', 'cohort.col.pairs', 'cohort.col.median_change', 'cohort.col.p', 'cohort.col.method'] as WebKey[]).map((k) => el('th', {}, tr(k))));
  art.append(el('h2', {}, tr('cohort.paired')), el('table', { class: 'grid paired' }, el('thead', {}, phd), pb), el('p', { class: 'muted' }, tr('cohort.paired_note')));

  const csvBtn = el('button', { class: 'no-print' }, tr('csv.table'));
  csvBtn.addEventListener('click', () => download(`pijat-cohort-${name}.csv`, toCsv(csvRows)));
  const serverCsv = el('a', { class: 'btn no-print', href: `../api/cohorts/${encodeURIComponent(name)}/csv`, download: '' }, tr('csv.sessions'));
  const excelCsv = el('a', { class: 'btn no-print', href: `../api/cohorts/${encodeURIComponent(name)}/csv?dialect=excel-id`, download: '' }, tr('csv.sessions_excel'));
  art.append(el('p', { class: 'actions' }, csvBtn, ' ', serverCsv, ' ', excelCsv));
  art.append(el('h2', {}, tr('list.title')), sessionTable(rows, true));
}

function round2(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 100) / 100;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: name.replace(/[^A-Za-z0-9_.-]+/g, '_') });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------- no address: local or list

async function listOrNone(): Promise<void> {
  reloadView = listOrNone;
  let rows: SessionRow[];
  try {
    rows = (await getJson<{ sessions: SessionRow[] }>('../api/sessions')).sessions;
  } catch {
    draw = () => message('report.none');
    draw();
    return;
  }
  rows.sort((a, b) => b.started_at - a.started_at);
  draw = () => {
    clear();
    const art = el('article', { class: 'list' }, el('h1', { class: 'doc-title' }, tr('list.title')));
    art.append(rows.length === 0 ? el('p', { class: 'muted' }, tr('list.empty')) : sessionTable(rows, true));
    doc.append(art);
  };
  draw();
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const session = query.get('session');
const trainee = query.get('trainee');
const cohortName = query.get('cohort');
// From the class server the way back is the class page; after a Web Serial session, practice.
if (session || trainee || cohortName) {
  const back = document.getElementById('back') as HTMLAnchorElement;
  back.href = '../class/index.html';
  back.dataset.i18n = 'report.back_class';
  back.textContent = tr('report.back_class');
}
// a delete made a moment ago (here or on the roster page) can still be undone
resumeUndo(() => reloadView(), (e) => window.alert(apiText(e)));
const local = loadLocalRecord();
if (session) void serverSession(session);
else if (trainee) void history(trainee, /^\d+$/.test(query.get('tid') ?? '') ? Number(query.get('tid')) : null);
else if (cohortName) void cohort(cohortName);
else if (local) {
  draw = () => renderSession(local);
  draw();
} else void listOrNone();
