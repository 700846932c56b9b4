// The trainee page's main-thread cost per frame in Chromium while a glove streams two hands at
// 100 Hz in real time (fake navigator.serial fed the simulator's frames on their own
// timestamps), at the machine's speed and with the CPU throttled 4x (a low-end laptop).
// Target: main thread under 5 ms per frame.
//
// The page draws a frame only when something it shows changed (the moving marks and the chart
// are drawn by its scoring worker), so work is measured against the display's frames, not
// against requestAnimationFrame callbacks:
//  - per display frame: all main-thread work (scripts, serial reads, messages, style, layout,
//    paint, commit) from the DevTools metrics (TaskDuration) spread over 60 frames a second
//    (mean: the figure this benchmark always reported), and from a trace of every task the
//    main thread ran, its busy time inside each 16.7 ms display frame (p50, p99, max);
//  - per rendered frame: how often the page's main thread produced a frame and what each one
//    cost (ProxyMain::BeginMainFrame: animation callbacks, style, layout, paint, commit);
//  - the scoring worker's busy time beside it. DevTools throttles only the main thread, so the
//    worker's figure is at the machine's speed in both runs;
//  - long tasks (PerformanceObserver 'longtask').
import type { Browser } from 'playwright-core';
import { simulate } from '../../host/sim/index';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import {
  NO_CHROMIUM, buildPages, fakeSerialScript, hasChromium, launchChromium, serveStatic,
} from '../../test/web/helpers';

const FEED_S = 20;
const TARGET_MS = 5;
const DISPLAY_FRAME_MS = 1000 / 60;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Records long tasks; runs before the page. */
const PROBE = `
(() => {
  const longtasks = [];
  window.__bench = { longtasks, on: false };
  new PerformanceObserver((list) => {
    if (!window.__bench.on) return;
    for (const e of list.getEntries()) longtasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
})();`;

/** Plays the frames into the fake port on their device timestamps (10 ms ticks). */
const FEEDER = `(async ([b64, times]) => {
  const bin = atob(b64);
  const all = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) all[i] = bin.charCodeAt(i);
  const ends = times.map((x) => x[1]);
  let k = 0;
  let from = 0;
  const t0 = performance.now();
  await new Promise((done) => {
    const timer = setInterval(() => {
      const now = (performance.now() - t0) / 1000;
      let to = from;
      while (k < times.length && times[k][0] <= now) to = ends[k++];
      if (to > from) window.__fakeSerial.feed(Array.from(all.subarray(from, to)));
      from = to;
      if (k >= times.length) { clearInterval(timer); done(); }
    }, 10);
  });
})`;

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

interface Run {
  label: string;
  /** Main-thread ms per display frame: TaskDuration over 60 frames a second. */
  mean: number;
  /** Main-thread busy ms inside each display frame, from the trace. */
  frameP50: number;
  frameP99: number;
  frameMax: number;
  /** Frames the main thread rendered, per second, and what each cost (ms). */
  renderedPerS: number;
  renderedP50: number;
  renderedP99: number;
  /** Busy ms per second: the page's main thread (trace) and its scoring worker. */
  mainPerS: number;
  workerPerS: number;
  longtasks: number;
}

/** Thread ids ("pid:tid") with that name. */
function threadIds(events: TraceEvent[], name: string): Set<string> {
  return new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === name).map((e) => `${e.pid}:${e.tid}`));
}

/** Complete events called `name` on those threads, as [start, end] in ms. */
function spans(events: TraceEvent[], ids: Set<string>, name: string): [number, number][] {
  return events
    .filter((e) => e.ph === 'X' && e.name === name && e.dur !== undefined && ids.has(`${e.pid}:${e.tid}`))
    .map((e) => [e.ts / 1000, (e.ts + e.dur!) / 1000] as [number, number]);
}

/** Busy ms in each window of `step` ms between `from` and `to`. */
function busyWindows(tasks: [number, number][], from: number, to: number, step: number): number[] {
  const bins = new Array<number>(Math.max(1, Math.floor((to - from) / step))).fill(0);
  for (const [a0, b0] of tasks) {
    const a = Math.max(a0, from);
    const b = Math.min(b0, from + bins.length * step);
    if (b <= a) continue;
    const i0 = Math.floor((a - from) / step);
    const i1 = Math.min(bins.length - 1, Math.floor((b - from) / step));
    for (let i = i0; i <= i1; i++) {
      const lo = Math.max(a, from + i * step);
      const hi = Math.min(b, from + (i + 1) * step);
      if (hi > lo) bins[i]! += hi - lo;
    }
  }
  return bins;
}

const total = (tasks: [number, number][]): number => tasks.reduce((acc, [a, b]) => acc + (b - a), 0);

async function measure(browser: Browser, url: string, throttle: number): Promise<Run> {
  // Frames with their device time (s since the first) and the byte offset where each ends.
  const sim = simulate({ scenario: 'good', seed: 3, duration_s: FEED_S + 5 });
  const parts: Uint8Array[] = [];
  const times: [number, number][] = [];
  let offset = 0;
  let t0 = NaN;
  for (const f of sim.frames()) {
    const t = ((f[6]! | (f[7]! << 8) | (f[8]! << 16) | (f[9]! << 24)) >>> 0) / 1e6;
    if (t0 !== t0) t0 = t;
    if (t - t0 > FEED_S) break;
    parts.push(f);
    offset += f.length;
    times.push([t - t0, offset]);
  }
  const bytes = Buffer.concat(parts);

  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await ctx.addInitScript(fakeSerialScript({ usbVendorId: 0x0483, usbProductId: 0x5740, granted: false, openError: null }));
  await ctx.addInitScript({ content: PROBE });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(`${url}/trainee/index.html`);
  await page.click('#connect');
  const where = await page.evaluate(() => document.body.dataset.scoring ?? '');
  // warm up one second, then measure while the rest streams in real time
  const metric = async (name: string): Promise<number> =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0);
  const feeding = page.evaluate(`${FEEDER}(${JSON.stringify([bytes.toString('base64'), times])})`);
  await page.waitForTimeout(1000);
  await page.evaluate(() => ((window as unknown as { __bench: { on: boolean } }).__bench.on = true));
  const names = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];
  // One event per task ('toplevel') and per rendered frame ('benchmark'): enough to place the
  // work in time, light enough not to change it.
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const traced = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', { categories: 'toplevel,benchmark,__metadata', transferMode: 'ReportEvents' });
  const w0 = performance.now();
  const m0 = await Promise.all(names.map(metric));
  await feeding;
  const m1 = await Promise.all(names.map(metric));
  const wall_s = (performance.now() - w0) / 1000;
  await cdp.send('Tracing.end');
  await traced;
  if (process.env.PIJAT_BENCH_DETAIL) {
    console.log(`${where}: ${names.map((n, i) => `${n} ${(((m1[i]! - m0[i]!) * 1000) / wall_s).toFixed(1)} ms/s`).join(', ')}`);
  }
  const longtasks = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longtasks: number[]; on: boolean } }).__bench;
    b.on = false;
    return b.longtasks.length;
  });
  await ctx.close();
  const mainIds = threadIds(events, 'CrRendererMain');
  const main = spans(events, mainIds, 'ThreadControllerImpl::RunTask');
  const worker = spans(events, threadIds(events, 'DedicatedWorker thread'), 'ThreadControllerImpl::RunTask');
  const rendered = spans(events, mainIds, 'ProxyMain::BeginMainFrame').map(([a, b]) => b - a);
  const from = Math.min(...main.map((t) => t[0]));
  const to = Math.max(...main.map((t) => t[1]));
  const windows = busyWindows(main, from, to, DISPLAY_FRAME_MS);
  const span_s = (to - from) / 1000;
  return {
    label: throttle > 1 ? `CPU / ${throttle}` : 'this machine',
    mean: ((m1[0]! - m0[0]!) * 1000) / (wall_s * 60),
    frameP50: quantile(windows, 0.5),
    frameP99: quantile(windows, 0.99),
    frameMax: Math.max(...windows),
    renderedPerS: rendered.length / span_s,
    renderedP50: quantile(rendered, 0.5),
    renderedP99: quantile(rendered, 0.99),
    mainPerS: total(main) / span_s,
    workerPerS: total(worker) / span_s,
    longtasks,
  };
}

/** Decoding and scoring alone (the page's worker runs the same shared/pipeline.ts): ms of CPU per second of glove data. */
function pipelineCost(): number {
  const frames = [...simulate({ scenario: 'good', seed: 3, duration_s: 120 }).frames()];
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const p = createPipeline({ profile: loadBuiltinProfile('sop-000'), onSample: () => undefined });
    const t = performance.now();
    for (const f of frames) {
      p.push(f);
      p.live();
    }
    best = Math.min(best, performance.now() - t);
  }
  return best / 120;
}

export async function main(): Promise<void> {
  console.log(`decode + score (shared/pipeline.ts, Node, per frame push + live()): ${pipelineCost().toFixed(2)} ms per second of glove data`);
  if (!hasChromium()) {
    console.log(NO_CHROMIUM);
    return;
  }
  const pages = await buildPages();
  const site = await serveStatic(pages.dir);
  const browser = await launchChromium();
  try {
    const runs = [await measure(browser, site.url, 1), await measure(browser, site.url, 4)];
    console.log(`trainee page, 2 hands at 100 Hz for ${FEED_S} s (fake Web Serial, real time), 1366x768`);
    console.log('               main thread per display frame (ms)   rendered frames       busy ms/s        long');
    console.log('run              mean    p50    p99    max         per s   p50    p99     main  worker   tasks');
    const f = (x: number, w = 6): string => (Number.isFinite(x) ? x.toFixed(2) : '-').padStart(w);
    for (const r of runs) {
      console.log(
        `${r.label.padEnd(14)} ${f(r.mean)} ${f(r.frameP50)} ${f(r.frameP99)} ${f(r.frameMax)}   ${r.renderedPerS.toFixed(1).padStart(11)} ${f(r.renderedP50)} ${f(r.renderedP99)}  ${r.mainPerS.toFixed(0).padStart(7)} ${r.workerPerS.toFixed(0).padStart(7)} ${String(r.longtasks).padStart(7)}`,
      );
    }
    console.log('(the worker is not throttled by DevTools: its figure is at this machine\'s speed in both runs)');
    const worst = Math.max(...runs.map((r) => r.mean));
    const worstP99 = Math.max(...runs.map((r) => r.frameP99));
    const worstRendered = Math.max(...runs.map((r) => r.renderedP99));
    console.log(
      `target: main thread under ${TARGET_MS} ms per frame -> ${worst < TARGET_MS ? 'met' : 'NOT met'} (worst mean per display frame ${worst.toFixed(2)} ms; ` +
        `p99 of display frames ${worstP99.toFixed(2)} ms, p99 rendered frame ${worstRendered.toFixed(2)} ms)`,
    );
  } finally {
    await browser.close();
    await site.close();
    pages.cleanup();
  }
}
