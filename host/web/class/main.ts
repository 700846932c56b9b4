// The instructor's class page: one tile per glove (trainee, traffic light, score so far, pass and
// timer), session start/stop/label, and the SOP checklist beside the sensor scores. Fed by the
// class server's WebSocket (shared/live-messages.ts); renders at most once per animation frame.
import type { Entry, Params } from '../../../shared/i18n/index';
import { fill } from '../../../shared/i18n/index';
import { CHECKLIST_PHASES } from '../../../shared/i18n/sop';
import { classStrings } from '../../../shared/i18n/web-class';
import { criterionLabel } from '../../../shared/i18n/report';
import { CUES } from '../../../shared/i18n/cues';
import { clock, initLang, lang, mountLangSwitch, num, onLangChange } from '../common/i18n';
import { LiveSocket } from '../common/live-socket';
import {
  type ChecklistItem,
  type ClientMessage,
  type GloveInfo,
  type HelloMessage,
  type ServerMessage,
} from '../../../shared/live-messages';
import type { Profile } from '../../../shared/profiles/schema';
import { rosterStrings } from '../../../shared/i18n/web-roster';
import { ApiError, createTrainee, listTrainees, setGloveTrainee, traineeLine, updateTrainee } from '../common/roster-api';
import { mountPicker, rs } from '../common/trainee-picker';
import '../common/roster.css';

type Key = keyof typeof classStrings;
const s = (key: Key, params?: Params): string => fill(classStrings[key][lang()], params);
const pick = (e: Entry, params?: Params): string => fill(e[lang()], params);

interface Tile {
  root: HTMLElement;
  label: HTMLElement;
  link: HTMLElement;
  trainee: HTMLElement;
  name: HTMLButtonElement;
  nim: HTMLElement;
  cohort: HTMLButtonElement;
  /** The trainee part is being edited (picker or cohort field): renders leave it alone. */
  editing: 'picker' | 'cohort' | null;
  liveLink: HTMLAnchorElement;
  light: HTMLElement;
  cue: HTMLElement;
  passText: HTMLElement;
  timer: HTMLElement;
  score: HTMLElement;
  scoreLbl: HTMLElement;
  verdict: HTMLElement;
  fills: [HTMLElement, HTMLElement];
  bands: [HTMLElement, HTMLElement];
  vals: [HTMLElement, HTMLElement];
  handLbls: [HTMLElement, HTMLElement];
  labelInput: HTMLInputElement;
  startStop: HTMLButtonElement;
  checkBtn: HTMLButtonElement;
  state: HTMLElement;
  counts: HTMLElement;
}

const gloves = new Map<string, GloveInfo>();
const tiles = new Map<string, Tile>();
const dirty = new Set<string>();
let checklist: ChecklistItem[] = [];
let profile: Profile | null = null;
/** Ticked items per session id. */
const ticked = new Map<number, Set<string>>();
let selected: string | null = null;
let refCounter = 0;
let frameQueued = false;

const grid = document.getElementById('grid')!;
const empty = document.getElementById('empty')!;
const panel = document.getElementById('panel')!;
const conn = document.getElementById('conn')!;
const count = document.getElementById('count')!;
const toast = document.getElementById('toast')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (parent) parent.appendChild(e);
  return e;
}

const socket = new LiveSocket({
  subscribe: { gloves: 'all', trace: false },
  message: (m) => onMessage(m),
  link: (state) => setConnected(state === 'open'),
});

function send(msg: ClientMessage): void {
  socket.send(msg);
}

function nextRef(): string {
  refCounter += 1;
  return `c${refCounter}`;
}

function showToast(text: string): void {
  toast.textContent = text;
  toast.hidden = false;
  window.setTimeout(() => {
    toast.hidden = true;
  }, 4000);
}

// ---------------------------------------------------------------- tiles

function createTile(id: string): Tile {
  const root = el('article', 'tile');
  root.dataset.glove = id;
  const head = el('div', 'tile-head', root);
  const label = el('span', 'glove-label', head);
  const link = el('span', 'link', head);

  const trainee = el('div', 'trainee', root);
  const who = el('div', 'who', trainee);
  const name = el('button', 'name', who);
  name.type = 'button';
  const sub = el('div', 'who-sub', trainee);
  const nim = el('span', 'nim', sub);
  const cohort = el('button', 'cohort', sub);
  cohort.type = 'button';

  const liveLink = el('a', 'live', root);
  liveLink.href = `../trainee/?glove=${encodeURIComponent(id)}`;
  const light = el('div', 'light', liveLink);
  const cue = el('div', 'cue', liveLink);
  const scoreBox = el('div', 'score', liveLink);
  const score = el('div', 'num', scoreBox);
  const scoreLbl = el('div', 'lbl', scoreBox);
  const verdict = el('div', 'verdict', scoreBox);
  const passLine = el('div', 'passline', liveLink);
  const passText = el('span', undefined, passLine);
  passLine.append(' · ');
  const timer = el('span', 'timer', passLine);

  const bars = el('div', 'bars', root);
  const fills: HTMLElement[] = [];
  const bandEls: HTMLElement[] = [];
  const vals: HTMLElement[] = [];
  const handLbls: HTMLElement[] = [];
  for (let i = 0; i < 2; i++) {
    handLbls.push(el('span', undefined, bars));
    const bar = el('div', 'bar', bars);
    bandEls.push(el('div', 'band', bar));
    fills.push(el('div', 'fill', bar));
    vals.push(el('span', 'val', bars));
  }

  const foot = el('div', 'tile-foot', root);
  const state = el('div', 'state', foot);
  const labelInput = el('input', undefined, foot);
  labelInput.maxLength = 200;
  const startStop = el('button', 'act', foot);
  startStop.type = 'button';
  const checkBtn = el('button', 'act', foot);
  checkBtn.type = 'button';
  const counts = el('div', 'links', root);

  const tile: Tile = {
    root, label, link, trainee, name, nim, cohort, editing: null, liveLink, light, cue, passText, timer, score, scoreLbl, verdict,
    fills: [fills[0]!, fills[1]!], bands: [bandEls[0]!, bandEls[1]!], vals: [vals[0]!, vals[1]!],
    handLbls: [handLbls[0]!, handLbls[1]!], labelInput, startStop, checkBtn, state, counts,
  };

  name.addEventListener('click', () => openPicker(tile, id));
  cohort.addEventListener('click', () => openCohort(tile, id));
  labelInput.addEventListener('change', () => {
    const g = gloves.get(id);
    if (g?.session && g.session.stopped_at === null) {
      send({ type: 'session_label', ref: nextRef(), session: g.session.id, label: labelInput.value.trim() });
    }
  });
  startStop.addEventListener('click', () => {
    const g = gloves.get(id);
    if (!g) return;
    if (g.session && g.session.stopped_at === null) send({ type: 'session_stop', ref: nextRef(), glove: id });
    else send({ type: 'session_start', ref: nextRef(), glove: id, label: labelInput.value.trim() || undefined });
  });
  checkBtn.addEventListener('click', () => select(selected === id ? null : id));
  return tile;
}

function sessionRunning(g: GloveInfo): boolean {
  return g.session !== null && g.session.stopped_at === null;
}

function renderTile(t: Tile, g: GloveInfo): void {
  t.root.dataset.light = g.light;
  t.root.classList.toggle('selected', selected === g.id);
  t.label.textContent = g.kind === 'sim' ? `${g.label} · ${s('simulated')}` : g.label;
  t.link.dataset.status = g.link.status;
  t.link.textContent = s(`link_${g.link.status}` as Key);
  if (t.editing === null) renderTrainee(t, g);
  t.liveLink.title = s('open_trainee');

  const live = g.live;
  t.light.dataset.light = g.light;
  const hard = !!live && (live.cue === 'too_hard' || live.left.band === 'high' || live.right.band === 'high');
  t.cue.textContent =
    g.light === 'grey'
      ? g.link.status === 'streaming' ? s('light_grey') : s(`link_${g.link.status}` as Key)
      : hard ? pick(CUES.too_hard) : live ? pick(CUES[live.cue]) : s('light_grey');
  t.light.title = s(`light_${g.light}` as Key);
  const target = profile ? profile.criteria.pass_count.target.max : 3;
  const passN = live ? live.pass_number : 0;
  t.passText.textContent = `${s('pass')} ${s(passN > target ? 'pass_over' : 'pass_of', { n: passN, target })}`;
  t.timer.textContent = clock(live ? live.pass_elapsed_s : 0);
  const maxPass = profile ? profile.criteria.pass_duration_s.target.max : 180;
  t.timer.classList.toggle('over', !!live && live.in_pass && live.pass_elapsed_s > maxPass);

  if (g.score && g.score.in_progress) {
    // While the session runs: each finished pass (ok or not), no total and no verdict yet.
    const ps = g.score.passes ?? [];
    t.score.textContent = ps.length ? ps.map((p) => (p.passed ? '✓' : '✗')).join(' ') : s('score_none');
    t.scoreLbl.textContent = s('passes_so_far');
    t.verdict.textContent = s('in_progress');
    t.verdict.className = 'verdict in_progress';
  } else {
    t.score.textContent = g.score && g.score.total !== null ? String(Math.round(g.score.total)) : s('score_none');
    t.scoreLbl.textContent = s('score');
    t.verdict.textContent = g.score ? s(`verdict_${g.score.verdict}` as Key) : s('score_after_pass');
    t.verdict.className = `verdict ${g.score ? g.score.verdict : ''}`;
  }

  const band = profile ? profile.criteria.force_n.target : { min: 5, max: 10 };
  const scale = profile ? Math.max(profile.too_hard_n * 1.2, band.max * 1.5) : 20;
  const hands = live ? [live.left, live.right] : [];
  for (let i = 0; i < 2; i++) {
    t.handLbls[i]!.textContent = s(i === 0 ? 'left' : 'right');
    const h = hands[i];
    const f = h && Number.isFinite(h.force_n) ? Math.max(0, h.force_n) : 0;
    t.fills[i]!.style.width = `${Math.min(100, (f / scale) * 100)}%`;
    t.fills[i]!.dataset.band = h ? h.band : 'off';
    t.bands[i]!.style.left = `${(band.min / scale) * 100}%`;
    t.bands[i]!.style.width = `${((band.max - band.min) / scale) * 100}%`;
    t.vals[i]!.textContent = h && Number.isFinite(h.force_n) ? `${num(h.force_n)} N` : '–';
  }

  const running = sessionRunning(g);
  t.startStop.textContent = running ? s('stop') : s('start');
  t.startStop.className = `act ${running ? 'stop' : 'start'}`;
  t.startStop.disabled = g.link.status === 'disconnected' && !running;
  t.labelInput.placeholder = s('label_placeholder');
  t.labelInput.title = s('label');
  if (document.activeElement !== t.labelInput && g.session && running) t.labelInput.value = g.session.label;
  const tk = g.session ? ticked.get(g.session.id)?.size ?? 0 : 0;
  t.checkBtn.textContent = `${s('checklist')} (${s('ticked', { n: tk, total: checklist.length })})`;

  t.state.textContent = '';
  const st = el('span', running ? 'rec' : undefined, t.state);
  st.textContent = running ? `${s('recording')} · ${clock((Date.now() - g.session!.started_at) / 1000)}` : g.session ? s('stopped') : s('idle');
  if (g.session) {
    const a = el('a', undefined, t.state);
    a.href = `../report/?session=${g.session.id}`;
    a.textContent = `${s('report')} #${g.session.id}`;
  }
  const c = g.link.counters;
  t.counts.textContent = s('link_counts', {
    rate: g.link.rate_hz === null ? '–' : num(g.link.rate_hz, 0),
    lost: c.lost_frames,
    crc: c.crc_errors,
  });
}

// ---------------------------------------------------------------- the trainee on a tile

/** Name, NIM and cohort: two trainees called Siti differ by NIM. */
function renderTrainee(t: Tile, g: GloveInfo): void {
  const who = g.trainee;
  t.name.textContent = who ? who.name : s('trainee_none');
  t.name.classList.toggle('none', !who);
  t.name.title = rs('change_trainee');
  t.nim.textContent = who?.nim ?? '';
  t.nim.hidden = !who?.nim;
  t.cohort.hidden = !who;
  t.cohort.textContent = who?.cohort ? who.cohort : rs('cohort_add');
  t.cohort.classList.toggle('none', !who?.cohort);
  t.cohort.title = rs('set_cohort');
}

function apiFailed(e: unknown): void {
  showToast(s('error_prefix') + (e instanceof ApiError ? pick(e.entry) : String(e)));
}

function applyGlove(g: GloveInfo): void {
  gloves.set(g.id, g);
  dirty.add(g.id);
  queueRender();
}

function endEdit(t: Tile, id: string): void {
  // keyboard users carry on from the trainee's name
  const hadFocus = t.trainee.contains(document.activeElement);
  t.editing = null;
  t.root.classList.remove('picking');
  t.trainee.querySelector('.picker, .cohort-edit')?.remove();
  for (const c of t.trainee.children) (c as HTMLElement).hidden = false;
  const g = gloves.get(id);
  if (g) renderTrainee(t, g);
  if (hadFocus) t.name.focus();
}

function openPicker(t: Tile, id: string): void {
  if (t.editing) return;
  t.editing = 'picker';
  t.root.classList.add('picking');
  for (const c of t.trainee.children) (c as HTMLElement).hidden = true;
  const picker = mountPicker(t.trainee, {
    load: () => listTrainees(),
    allowNobody: true,
    onPick: async (who) => {
      endEdit(t, id);
      applyGlove(await setGloveTrainee(id, { trainee_id: who ? who.id : null }));
    },
    onCreate: (d) => createTrainee(d),
    onCancel: () => endEdit(t, id),
    onError: apiFailed,
  });
  // a tile low on a tablet's screen: bring the list into view
  void picker.ready.then(() => picker.root.scrollIntoView({ block: 'nearest' }));
}

function openCohort(t: Tile, id: string): void {
  const who = gloves.get(id)?.trainee;
  if (t.editing || !who) return;
  t.editing = 'cohort';
  for (const c of t.trainee.children) (c as HTMLElement).hidden = true;
  const form = el('form', 'cohort-edit', t.trainee);
  const input = el('input', undefined, form);
  input.maxLength = 120;
  input.value = who.cohort;
  input.placeholder = rs('cohort');
  input.setAttribute('aria-label', rs('set_cohort'));
  const list = el('datalist', undefined, form);
  list.id = `cohorts-${id}`;
  input.setAttribute('list', list.id);
  void listTrainees().then((all) => {
    for (const c of [...new Set(all.map((x) => x.cohort).filter((x) => x))].sort()) el('option', undefined, list).value = c;
  }, () => undefined);
  const save = el('button', 'act', form);
  save.type = 'submit';
  save.textContent = rs('save');
  input.focus();
  input.select();
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') endEdit(t, id);
  });
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) setTimeout(() => t.editing === 'cohort' && !form.contains(document.activeElement) && endEdit(t, id), 0);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = input.value.trim();
    endEdit(t, id);
    updateTrainee(who.id, { cohort: value })
      .then((fresh) => {
        // every glove with that trainee shows the new cohort
        for (const g of gloves.values()) if (g.trainee?.id === fresh.id) applyGlove({ ...g, trainee: fresh });
      })
      .catch(apiFailed);
  });
}

// ---------------------------------------------------------------- the checklist panel

function select(id: string | null): void {
  selected = id;
  const g = id ? gloves.get(id) : undefined;
  if (g?.session && !ticked.has(g.session.id)) void loadTicks(g.session.id);
  for (const gid of gloves.keys()) dirty.add(gid);
  renderPanel();
  queueRender();
}

async function loadTicks(session: number): Promise<void> {
  try {
    const r = await fetch(`/api/sessions/${session}`, { headers: { Accept: 'application/json' } });
    if (!r.ok) return;
    const body = (await r.json()) as { checklist?: { ticked?: string[] } };
    ticked.set(session, new Set(body.checklist?.ticked ?? []));
    renderPanel();
    for (const gid of gloves.keys()) dirty.add(gid);
    queueRender();
  } catch {
    // offline for a moment: the panel shows no ticks until the next change
  }
}

function renderPanel(): void {
  const g = selected ? gloves.get(selected) : undefined;
  panel.hidden = !g;
  if (!g) return;
  panel.textContent = '';
  const close = el('button', 'act close', panel);
  close.type = 'button';
  close.textContent = s('close');
  close.addEventListener('click', () => select(null));
  const h2 = el('h2', undefined, panel);
  h2.textContent = g.trainee ? traineeLine(g.trainee) : g.label;
  const sub = el('div', 'hint', panel);
  sub.textContent = g.session ? `${g.label} · #${g.session.id} ${g.session.label}` : g.label;

  el('h3', undefined, panel).textContent = s('sensor_scores');
  const crit = el('div', 'crit', panel);
  for (const c of g.score?.criteria ?? []) {
    el('span', undefined, crit).textContent = criterionLabel(c.id, lang());
    el('span', undefined, crit).textContent = String(Math.round(c.score));
    el('span', c.passed ? 'ok' : 'no', crit).textContent = c.passed ? '✓' : '✗';
  }
  if (!g.score) el('span', 'hint', crit).textContent = s('score_none');

  el('h3', undefined, panel).textContent = s('checklist');
  el('p', 'hint', panel).textContent = g.session ? s('checklist_hint') : s('checklist_needs_session');
  const box = el('div', 'check', panel);
  const done = g.session ? ticked.get(g.session.id) ?? new Set<string>() : new Set<string>();
  let phase = '';
  for (const item of checklist) {
    if (item.phase !== phase) {
      phase = item.phase;
      el('h4', undefined, box).textContent = pick(CHECKLIST_PHASES[item.phase]);
    }
    const label = el('label', undefined, box);
    const cb = el('input', undefined, label);
    cb.type = 'checkbox';
    cb.dataset.item = item.id;
    cb.checked = done.has(item.id);
    cb.disabled = !g.session;
    label.append(pick(item.label));
    cb.addEventListener('change', () => {
      if (!g.session) return;
      const set = ticked.get(g.session.id) ?? new Set<string>();
      if (cb.checked) set.add(item.id);
      else set.delete(item.id);
      ticked.set(g.session.id, set);
      send({ type: 'checklist_tick', ref: nextRef(), session: g.session.id, item: item.id, checked: cb.checked });
      dirty.add(g.id);
      queueRender();
    });
  }
}

// ---------------------------------------------------------------- rendering

function queueRender(): void {
  if (frameQueued) return;
  frameQueued = true;
  requestAnimationFrame(() => {
    frameQueued = false;
    for (const id of dirty) {
      const g = gloves.get(id);
      if (!g) continue;
      let t = tiles.get(id);
      if (!t) {
        t = createTile(id);
        tiles.set(id, t);
        grid.appendChild(t.root);
      }
      renderTile(t, g);
    }
    dirty.clear();
    empty.hidden = gloves.size > 0;
    count.textContent = s('gloves_count', { n: gloves.size });
  });
}

function renderStatic(): void {
  document.title = s('title');
  for (const e of document.querySelectorAll<HTMLElement>('[data-s]')) {
    const key = e.dataset.s as Key;
    if (key in classStrings) e.textContent = s(key);
  }
  for (const e of document.querySelectorAll<HTMLElement>('[data-r]')) {
    const key = e.dataset.r as keyof typeof rosterStrings;
    if (key in rosterStrings) e.textContent = rs(key);
  }
  for (const id of gloves.keys()) dirty.add(id);
  renderSynced();
  renderPanel();
  queueRender();
}

// When this lab last sent its sessions to the central database (docs/CENTRAL.md); hidden when it never did.
let synced: string | null = null;
async function refreshSynced(): Promise<void> {
  try {
    const r = await fetch('/api/sync', { headers: { Accept: 'application/json' } });
    if (r.ok) synced = ((await r.json()) as { synced: string | null }).synced;
  } catch {
    // the server is unreachable: the connection badge says so
  }
  renderSynced();
}

function renderSynced(): void {
  const e = document.getElementById('synced');
  if (!e) return;
  e.hidden = synced === null;
  if (synced) {
    const time = new Date(synced).toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    e.textContent = s('last_synced', { time });
  }
}

function setConnected(up: boolean): void {
  conn.classList.toggle('down', !up);
  conn.dataset.s = up ? 'connected' : 'reconnecting';
  conn.textContent = s(up ? 'connected' : 'reconnecting');
}

// ---------------------------------------------------------------- the WebSocket

function onHello(m: HelloMessage): void {
  profile = m.profile;
  checklist = m.checklist;
  const seen = new Set<string>();
  for (const g of m.gloves) {
    gloves.set(g.id, g);
    dirty.add(g.id);
    seen.add(g.id);
  }
  for (const id of [...gloves.keys()]) if (!seen.has(id)) removeGlove(id);
  renderPanel();
}

function removeGlove(id: string): void {
  gloves.delete(id);
  tiles.get(id)?.root.remove();
  tiles.delete(id);
  if (selected === id) select(null);
}

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'hello':
      onHello(m);
      break;
    case 'glove':
      gloves.set(m.glove.id, m.glove);
      dirty.add(m.glove.id);
      if (selected === m.glove.id) renderPanel();
      break;
    case 'glove_removed':
      removeGlove(m.id);
      break;
    case 'live': {
      const g = gloves.get(m.id);
      if (!g) break;
      const scoreChanged = selected === m.id && JSON.stringify(g.score) !== JSON.stringify(m.score);
      g.live = m.live;
      g.light = m.light;
      g.link = m.link;
      g.score = m.score;
      dirty.add(m.id);
      if (scoreChanged) renderPanel();
      break;
    }
    case 'session': {
      const g = gloves.get(m.session.glove);
      if (!g) break;
      g.session = m.session;
      if (m.score) g.score = m.score;
      if (m.event === 'started') ticked.set(m.session.id, new Set());
      dirty.add(g.id);
      if (selected === g.id) renderPanel();
      break;
    }
    case 'checklist':
      ticked.set(m.session, new Set(m.ticked));
      for (const g of gloves.values()) if (g.session?.id === m.session) dirty.add(g.id);
      if (selected) renderPanel();
      break;
    case 'error':
      showToast(s('error_prefix') + pick(m.error));
      break;
    case 'store_notice':
      showToast(pick(m.message));
      break;
    case 'ok':
      break;
  }
  queueRender();
}

// The session timers move even when no live message arrives (a stopped glove).
window.setInterval(() => {
  for (const g of gloves.values()) if (sessionRunning(g)) dirty.add(g.id);
  queueRender();
}, 1000);

initLang();
mountLangSwitch(document.querySelector<HTMLElement>('.lang')!);
onLangChange(renderStatic);
renderStatic();
socket.connect();
void refreshSynced();
window.setInterval(() => void refreshSynced(), 60_000);
