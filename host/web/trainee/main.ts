// The trainee's page. Three sources feed one view:
//  - Web Serial (default): the glove on this laptop, scored here with shared/pipeline.ts;
//  - ?glove=ID: a glove of the class server, its LiveState over the WebSocket;
//  - ?demo=SCENARIO: the simulator's bytes played in real time, scored like a glove.
// Decoding, scoring and everything that moves with each sample (gauge fills and markers, the
// timer's bar, the force chart) run in a worker and draw on OffscreenCanvases (live-link.ts,
// live-host.ts): this thread reads the port, hands the bytes over and writes the view's text
// when a new LiveState (~15 a second) or a server message arrives, where the text changed.
import './style.css';
import type { LiveState } from '../../../shared/engine/types';
import type { Profile } from '../../../shared/profiles/schema';
import type { Report } from '../../../shared/engine/report-schema';
import type { LiveMessage, SessionInfo } from '../../../shared/live-messages';
import type { WebKey } from '../../../shared/i18n/web';
import type { Params } from '../../../shared/i18n/index';
import { formatClock } from '../../../shared/i18n/format';
import { applyI18n, initLang, lang, mountLangSwitch, onLangChange, pick, tr } from '../common/i18n';
import { scenarioName } from '../../../shared/i18n/scenarios';
import { BUILTIN_PROFILE_IDS, builtinProfile } from '../common/profiles';
import { saveLocalRecord, type SessionRecord } from '../common/record';
import { renderResult } from '../common/result';
import { TraineeView } from './view';
import { Fading } from './fading';
import { Metronome } from './metronome';
import { LiveLink, type LiveUpdate } from './live-link';
import { ClassFeed } from './ws-source';
import {
  SerialFailureError, chooseGlove, grantedGlove, openGlove, sameDevice, serialApi, watchReplug,
  type EndReason, type OpenGlove,
} from './serial';
import { startDemo, type DemoRun } from './demo';

type Mode = 'full' | 'fading' | 'blind';
interface Msg {
  key: WebKey;
  params?: Params;
  /** A demo scenario id, named in the page's language when shown. */
  scenario?: string;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const query = new URLSearchParams(location.search);

initLang();
applyI18n(document);
mountLangSwitch($('lang'));

const view = new TraineeView(document);
const chartCanvas = document.createElement('canvas');
chartCanvas.setAttribute('aria-hidden', 'true');
$('chart').appendChild(chartCanvas);
const canvases = { chart: chartCanvas, ...view.markCanvases() };
const link = new LiveLink(canvases, onHostLive);
const fading = new Fading();
const metronome = new Metronome();

let profile: Profile = builtinProfile(pickProfileId());
let mode: Mode = parseMode(query.get('mode'));
let status: Msg = { key: 'status.idle' };
let banner: (Msg & { kind: 'error' | 'info' }) | null = null;
let live: LiveState | null = null;
let shownVersion = -1;
let result: SessionRecord | null = null;
/** Where "open report" goes for a server session. */
let serverSession: SessionInfo | null = null;

// Web Serial state
let knownPort: SerialPort | undefined;
let lostInfo: SerialPortInfo | undefined;
/** The session scored by the live host: its id there, its source and its newest state. */
interface Run {
  id: number;
  glove?: OpenGlove;
  demo?: DemoRun;
  live: LiveState | null;
  version: number;
  device: string;
}
let run: Run | null = null;

// ---------------------------------------------------------------- controls

const profileSel = $<HTMLSelectElement>('profile');
const modeSel = $<HTMLSelectElement>('mode');
const metroBox = $<HTMLInputElement>('metronome');
const connectBtn = $<HTMLButtonElement>('connect');
const otherBtn = $<HTMLButtonElement>('connect-other');
const stopBtn = $<HTMLButtonElement>('stop');

function pickProfileId(): string {
  const want = query.get('profile') ?? safeGet('pijat.profile');
  return want && BUILTIN_PROFILE_IDS.includes(want) ? want : BUILTIN_PROFILE_IDS[0]!;
}

function parseMode(x: string | null): Mode {
  const m = x ?? safeGet('pijat.mode');
  return m === 'fading' || m === 'blind' ? m : 'full';
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not remembered
  }
}

function fillProfiles(): void {
  profileSel.innerHTML = '';
  for (const id of BUILTIN_PROFILE_IDS) {
    const o = document.createElement('option');
    o.value = id;
    o.textContent = builtinProfile(id).name[lang()];
    profileSel.appendChild(o);
  }
  profileSel.value = profile.id;
}

function applyProfile(p: Profile): void {
  profile = p;
  view.configure(p);
  link.configure(p, lang());
  metronome.setRate(targetCadenceHz());
  metroLabel();
  invalidate();
}

function targetCadenceHz(): number {
  const c = profile.criteria.cadence_hz.target;
  return (c.min + c.max) / 2;
}

function metroLabel(): void {
  $('metronome-label').textContent = tr('metronome.label', { cpm: Math.round(targetCadenceHz() * 60) });
}

profileSel.addEventListener('change', () => {
  safeSet('pijat.profile', profileSel.value);
  applyProfile(builtinProfile(profileSel.value));
});

modeSel.addEventListener('change', () => {
  mode = parseMode(modeSel.value);
  safeSet('pijat.mode', mode);
  fading.reset();
  modeHelp();
  invalidate();
});

metroBox.addEventListener('change', () => {
  if (metroBox.checked) metronome.start(targetCadenceHz());
  else metronome.stop();
});

function modeHelp(): void {
  $('mode-help').textContent = tr(mode === 'fading' ? 'mode.fading.help' : mode === 'blind' ? 'mode.blind.help' : 'mode.full.help');
}

// ---------------------------------------------------------------- status and banner

function setStatus(key: WebKey, params?: Params, scenario?: string): void {
  status = { key, params, scenario };
  $('status').textContent = tr(key, scenario === undefined ? params : { ...params, scenario: pick(scenarioName(scenario)) });
}

function showBanner(kind: 'error' | 'info', key: WebKey, params?: Params): void {
  banner = { kind, key, params };
  const el = $('banner');
  el.hidden = false;
  el.dataset.kind = kind;
  el.dataset.key = key;
  el.textContent = tr(key, params);
}

function clearBanner(): void {
  banner = null;
  $('banner').hidden = true;
}

function setRunning(running: boolean): void {
  connectBtn.hidden = running;
  otherBtn.hidden = running || !knownPort;
  stopBtn.hidden = !running;
  profileSel.disabled = running;
  document.body.dataset.state = running ? 'running' : result ? 'ended' : 'idle';
}

// ---------------------------------------------------------------- Web Serial source

async function connect(forceChooser: boolean): Promise<void> {
  const api = serialApi();
  if (api === 'unsupported' || api === 'insecure') {
    showBanner('error', api === 'insecure' ? 'err.insecure' : 'err.no_serial');
    return;
  }
  clearBanner();
  let port: SerialPort;
  try {
    port = !forceChooser && knownPort ? knownPort : await chooseGlove(api);
  } catch (e) {
    failed(e);
    return;
  }
  setStatus('status.connecting');
  const id = startSession();
  try {
    const glove = await openGlove(port, (bytes) => link.push(id, bytes));
    knownPort = port;
    lostInfo = port.getInfo();
    run = { id, glove, live: null, version: 0, device: '' };
    setRunning(true);
    setStatus('status.waiting');
    void glove.done.then((reason) => ended(id, reason));
  } catch (e) {
    failed(e);
  }
}

function failed(e: unknown): void {
  setStatus('status.idle');
  if (e instanceof SerialFailureError) {
    if (e.kind === 'cancelled') showBanner('info', 'info.cancelled');
    else if (e.kind === 'busy') showBanner('error', 'err.busy');
    else if (e.kind === 'unsupported') showBanner('error', 'err.no_serial');
    else if (e.kind === 'insecure') showBanner('error', 'err.insecure');
    else showBanner('error', 'err.open_failed', { detail: e.detail });
    return;
  }
  showBanner('error', 'err.open_failed', { detail: e instanceof Error ? e.message : String(e) });
}

/** A new session in the live host (the chart starts empty); returns its id. */
function startSession(): number {
  result = null;
  serverSession = null;
  $('result').hidden = true;
  fading.reset();
  live = null;
  invalidate();
  return link.start(profile);
}

/** Reading stopped: by the Stop button, an unplug, or the end of the glove's stream. */
async function ended(id: number, reason: EndReason): Promise<void> {
  if (!run || run.id !== id) return;
  run = null;
  // every byte read went to the host before this, so its record covers them all
  const rec = await link.finish(id);
  if (!rec) {
    setRunning(false);
    setStatus('status.idle');
    showBanner('error', 'err.no_data');
    return;
  }
  if (reason === 'lost') showBanner('error', 'err.lost');
  else if (reason === 'ended') showBanner('info', 'err.stream_ended');
  showResult(rec);
}

/** A LiveState from the host: shown at once (only changed text is written). */
function onHostLive(u: LiveUpdate): void {
  if (!run || run.id !== u.id) return;
  run.live = u.live;
  run.version = u.version;
  run.device = u.device;
  update();
}

async function stop(): Promise<void> {
  const r = run;
  if (!r) return;
  if (r.glove) await r.glove.stop();
  else if (r.demo) {
    r.demo.stop();
    await ended(r.id, 'stopped');
  }
}

function showResult(rec: SessionRecord): void {
  result = rec;
  saveLocalRecord(rec);
  setRunning(false);
  setStatus('status.ended');
  invalidate();
  drawResult();
}

function drawResult(): void {
  if (!result) return;
  const box = $('result');
  box.hidden = false;
  renderResult($('result-body'), result.report);
}

let source: 'serial' | 'demo' | 'class' = 'serial';
let demoScenario = 'good';
connectBtn.addEventListener('click', () => (source === 'demo' ? beginDemo() : void connect(false)));
otherBtn.addEventListener('click', () => void connect(true));
stopBtn.addEventListener('click', () => void stop());
$('new-session').addEventListener('click', () => {
  result = null;
  $('result').hidden = true;
  clearBanner();
  live = null;
  link.clear();
  invalidate();
  setRunning(false);
  setStatus(knownPort ? 'status.known_port' : 'status.idle');
});
$('open-report').addEventListener('click', () => {
  if (serverSession) location.href = `../report/index.html?session=${serverSession.id}`;
  else if (result) location.href = '../report/index.html?source=local';
});

async function initSerial(): Promise<void> {
  const api = serialApi();
  if (api === 'unsupported' || api === 'insecure') {
    showBanner('error', api === 'insecure' ? 'err.insecure' : 'err.no_serial');
    connectBtn.disabled = true;
    return;
  }
  knownPort = await grantedGlove(api).catch(() => undefined);
  if (knownPort) {
    connectBtn.dataset.i18n = 'connect.again';
    connectBtn.textContent = tr('connect.again');
    otherBtn.hidden = false;
    setStatus('status.known_port');
  }
  watchReplug(api, (port) => {
    // Chrome hands out a new SerialPort after a replug: take it if it is the glove we lost.
    if (run) return;
    if (!lostInfo || sameDevice(port.getInfo(), lostInfo) || !knownPort) {
      knownPort = port;
      otherBtn.hidden = false;
      showBanner('info', 'info.replugged');
    }
  });
}

// ---------------------------------------------------------------- demo source

function beginDemo(): void {
  clearBanner();
  const id = startSession();
  const speed = Math.min(20, Math.max(1, Number(query.get('speed')) || 1));
  const demo = startDemo(demoScenario, (bytes) => link.push(id, bytes), () => void ended(id, 'ended'), speed);
  if (demo.unknown) showBanner('info', 'err.unknown_demo', { scenario: demoScenario });
  run = { id, demo, live: null, version: 0, device: '' };
  setRunning(true);
  setStatus('status.demo', {}, demo.scenario);
}

// ---------------------------------------------------------------- class server source

function initClass(gloveId: string): void {
  connectBtn.hidden = true;
  profileSel.disabled = true;
  setStatus('status.ws_connecting');
  const feed = new ClassFeed(gloveId, {
    hello: (msg, glove) => {
      applyProfile(msg.profile);
      if (!glove) setStatus('status.ws_no_glove', { glove: gloveId });
      else onGlove(glove.label, glove.live, glove.session);
    },
    glove: (g) => onGlove(g.label, g.live, g.session),
    live: (msg) => onLive(msg),
    session: (msg) => {
      if (msg.event === 'started') {
        result = null;
        $('result').hidden = true;
        link.clear();
        fading.reset();
        serverSession = msg.session;
        invalidate();
      } else if (msg.event === 'stopped') {
        serverSession = msg.session;
        void loadServerResult(msg.session);
      }
    },
    link: (state) => {
      if (state === 'open') {
        clearBanner();
        setStatus('status.ws', { glove: gloveId });
      } else if (state === 'lost') setStatus('status.ws_lost');
      else showBanner('error', 'err.ws_failed', { url: feed.url });
    },
  });
  let wsVersion = 0;
  const onGlove = (label: string, l: LiveState | null, s: SessionInfo | null): void => {
    setStatus('status.ws', { glove: label });
    if (s) serverSession = s;
    if (l) {
      live = l;
      wsVersion++;
      link.state(l);
      update();
    }
  };
  const onLive = (msg: LiveMessage): void => {
    live = msg.live;
    wsVersion++;
    link.state(msg.live);
    update();
    const tr_ = msg.trace;
    if (tr_.t_s.length) link.points(tr_.t_s, tr_.left_n, tr_.right_n);
    else link.points([msg.live.t_s], [msg.live.left.force_n], [msg.live.right.force_n]);
    if (msg.link.status === 'disconnected') showBanner('error', 'err.lost');
    else if (banner?.key === 'err.lost') clearBanner();
  };
  wsVersionOf = () => wsVersion;
  document.body.dataset.state = 'running';
  feed.connect();
}

async function loadServerResult(s: SessionInfo): Promise<void> {
  try {
    const res = await fetch(`../api/sessions/${s.id}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { report: Report | null };
    if (!body.report) return;
    result = {
      version: 1,
      source: 'server',
      session_id: String(s.id),
      started_at: new Date(s.started_at).toISOString(),
      profile,
      report: body.report,
      series: { t_s: [], left_n: [], right_n: [], cadence_cpm: [] },
    };
    drawResult();
  } catch (e) {
    showBanner('error', 'report.load_failed', { what: String(s.id), detail: e instanceof Error ? e.message : String(e) });
  }
}

// ---------------------------------------------------------------- updating the view

let wsVersionOf: (() => number) | null = null;
/** Numbers held back by the view (4 a second) are shown this long after the last data. */
const STALE_MS = 260;
let staleTimer: number | null = null;
let shownBlind: boolean | null = null;
/** The last render held numbers back: render once more even without new data. */
let viewStale = false;
let shownFaded: boolean | null = null;
let shownCanvases = '';

/** Everything shown must be redrawn (profile, mode, language, a new session). */
function invalidate(): void {
  shownVersion = -1;
  update();
}

/**
 * Shows the newest state. Called when one arrives (the host sends ~15 a second, the class
 * server 10), not from an animation frame: the view writes only text that changed, so most
 * calls write nothing and the page draws a frame only when something it shows changed.
 */
function update(): void {
  let version: number;
  if (run) {
    if (run.live && status.key === 'status.waiting') setStatus('status.recording', { device: run.device });
    live = run.live;
    version = run.version;
  } else version = wsVersionOf ? wsVersionOf() : 0;
  if (version === shownVersion && !viewStale) return;
  shownVersion = version;
  renderView(performance.now());
  if (viewStale && staleTimer === null) {
    staleTimer = window.setTimeout(() => {
      staleTimer = null;
      update();
    }, STALE_MS);
  }
}

function renderView(now: number): void {
  const blind = mode === 'blind' && !result;
  if (blind !== shownBlind) {
    shownBlind = blind;
    $('live').hidden = blind;
    $('blind').hidden = !blind;
  }
  viewStale = false;
  if (blind) {
    showCanvases(false, false, false);
    $('blind-clock').textContent = live ? formatClock(live.t_s) : '0:00';
    return;
  }
  const faded = mode === 'fading' && live !== null && !result && fading.update(live);
  if (faded !== shownFaded) {
    shownFaded = faded;
    $('live').classList.toggle('faded', faded);
    $('fading-note').hidden = !faded;
  }
  // faded hides the gauges and the chart, not the timer; the result hides the whole live view
  showCanvases(!faded && !result, !faded && !result, !result);
  viewStale = view.render(live, now, run !== null || source === 'class');
}

/** The host draws (off this thread) only the canvases that can be seen. */
function showCanvases(chart: boolean, gauges: boolean, timer: boolean): void {
  const key = `${chart} ${gauges} ${timer}`;
  if (key === shownCanvases) return;
  shownCanvases = key;
  link.show(chart, gauges, timer);
}


// ---------------------------------------------------------------- start

onLangChange(() => {
  fillProfiles();
  view.configure(profile);
  link.configure(profile, lang());
  metroLabel();
  modeHelp();
  setStatus(status.key, status.params, status.scenario);
  if (banner) showBanner(banner.kind, banner.key, banner.params);
  if (connectBtn.dataset.i18n) connectBtn.textContent = tr(connectBtn.dataset.i18n as WebKey);
  drawResult();
  invalidate();
});

fillProfiles();
modeSel.value = mode;
modeHelp();
applyProfile(profile);
setStatus('status.idle');
setRunning(false);
// each canvas's CSS size from the observer itself: no layout read
const canvasNames = new Map<Element, keyof typeof canvases>();
const sizes = new ResizeObserver((entries) => {
  for (const e of entries) {
    const name = canvasNames.get(e.target);
    if (name) link.resize(name, e.contentRect.width, e.contentRect.height);
  }
});
for (const [name, c] of Object.entries(canvases) as [keyof typeof canvases, HTMLCanvasElement][]) {
  canvasNames.set(c, name);
  sizes.observe(c);
}

const glove = query.get('glove');
const demo = query.get('demo');
if (glove) {
  source = 'class';
  initClass(glove);
} else if (demo !== null) {
  source = 'demo';
  demoScenario = demo || 'good';
  beginDemo();
} else void initSerial();
update();
