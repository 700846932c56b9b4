// The class server under faults, each against a real server in a child process (so its memory
// and event loop are its own): a WebSocket client that never reads, reports and CSV exports of
// 60-minute sessions while gloves stream, and load at 32, 64 and 128 simulated gloves with 20
// viewers (scripts/bench/class-load.ts). `run()` prints the figures; the functions below are
// also what test/server/*.test.ts assert on.
//
//   npm run bench -- faults
//   PIJAT_FAULTS_NEVER_READ_S=20 PIJAT_FAULTS_REPORTS=10 PIJAT_FAULTS_MINUTES=60
//   PIJAT_FAULTS_LOAD_GLOVES=32,64,128 PIJAT_FAULTS_VIEWERS=20 PIJAT_FAULTS_LOAD_S=10
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { HubOptions } from '../../../host/server/hub';

const MiB = 2 ** 20;
/** The lag histogram samples every this many ms and records the whole interval: subtracted. */
const LAG_RESOLUTION_MS = 10;

// ------------------------------------------------------------------ the server (child process)

export interface ChildConfig {
  sim: number;
  hub?: HubOptions;
  /** Finished sessions of this many minutes stored before the server starts (export faults). */
  longSessions?: { count: number; minutes: number };
}

export interface ChildStats {
  rss_mb: number;
  heap_mb: number;
  /** Event-loop delay as monitorEventLoopDelay sees it (includes time the OS ran something else). */
  lag_ms: { p50: number; p99: number; max: number };
  /**
   * The longest stall the main thread itself was busy for: a 5 ms timer's lateness, capped by
   * the main thread's own CPU time in that interval (Linux /proc; null elsewhere). On a shared,
   * overloaded machine the raw lag includes waiting for a CPU; this does not.
   */
  busy_stall_max_ms: number | null;
  hub: { clients: number; sent: number; skipped: number; evicted_slow: number; evicted_dead: number; refused: number; throttled: number; evicted_flood: number };
}

type FromChild = { type: 'ready'; port: number; sessions: number[] } | { type: 'stats'; stats: ChildStats };

/** Stores `count` finished sessions of `minutes` of one simulated trainee (the simulator's bytes, in 0.5 s chunks). */
export async function storeLongSessions(dir: string, count: number, minutes: number): Promise<number[]> {
  const { Store } = await import('../../../host/store/index');
  const { simulate } = await import('../../../host/sim/index');
  const { createPipeline } = await import('../../../shared/pipeline');
  const { loadBuiltinProfile } = await import('../../../shared/profiles/index');
  const store = Store.open(dir);
  const sim = simulate({ scenario: 'good', seed: 7, duration_s: minutes * 60 });
  const chunks = [...sim.chunks(16 * 1024)];
  const pipeline = createPipeline({ profile: loadBuiltinProfile('sop-000'), source: 'live' });
  for (const c of chunks) pipeline.push(c);
  const report = pipeline.report();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = store.startSession({ trainee: null, profile: 'sop-000', device_id: null, label: `long ${i + 1}`, source: `sim:good#sim-${i + 1}` });
    chunks.forEach((c, k) => store.appendFrames(s.id, c, k * 0.5, k * 0.5 + 0.5));
    store.saveReport(s.id, report);
    store.finishSession(s.id, 'complete');
    ids.push(s.id);
  }
  store.close();
  return ids;
}

/** The main thread's CPU time so far, ms (Linux: /proc/self/task/<pid>/stat, 10 ms ticks), else null. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Tracks the longest timer lateness the main thread was itself busy for (see ChildStats). */
export function busyStallMonitor(): { max(): number | null; reset(): void; stop(): void } {
  const PERIOD = 5;
  let last = performance.now();
  let cpu = mainThreadCpuMs();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const c = mainThreadCpuMs();
    const late = now - last - PERIOD;
    if (late > 0 && c !== null && cpu !== null) max = Math.max(max, Math.min(late, c - cpu + 10));
    last = now;
    cpu = c;
  }, PERIOD);
  timer.unref();
  return {
    max: () => (cpu === null ? null : max),
    reset: () => {
      max = 0;
    },
    stop: () => clearInterval(timer),
  };
}

async function serverChild(): Promise<void> {
  const config = JSON.parse(process.env.PIJAT_FAULTS_CONFIG!) as ChildConfig;
  const dir = process.env.PIJAT_FAULTS_DIR!;
  const sessions = config.longSessions ? await storeLongSessions(dir, config.longSessions.count, config.longSessions.minutes) : [];
  const { startServer } = await import('../../../host/server/index');
  const { loadBuiltinProfile } = await import('../../../shared/profiles/index');
  const s = await startServer({ port: 0, dataDir: dir, sim: config.sim, gloves: false, profile: loadBuiltinProfile('sop-000'), webRoot: dir, hub: config.hub });
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  const busy = busyStallMonitor();
  process.on('message', (m: { type: string }) => {
    if (m.type === 'reset') {
      lag.reset();
      busy.reset();
    }
    else if (m.type === 'stats') {
      const mem = process.memoryUsage();
      const ms = (ns: number): number => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
      process.send!({
        type: 'stats',
        stats: {
          rss_mb: mem.rss / MiB,
          heap_mb: mem.heapUsed / MiB,
          lag_ms: { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) },
          busy_stall_max_ms: busy.max(),
          hub: { ...s.hub.stats },
        },
      } satisfies FromChild);
    } else if (m.type === 'stop') void s.close().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', port: s.port, sessions } satisfies FromChild);
}

export interface ServerChild {
  port: number;
  sessions: number[];
  stats(): Promise<ChildStats>;
  resetLag(): void;
  stop(): Promise<void>;
}

/** Starts a class server in a child process (tsx), with a temporary data folder. */
export async function startServerChild(config: ChildConfig): Promise<ServerChild> {
  const dir = mkdtempSync(join(tmpdir(), 'pijat-faults-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, PIJAT_FAULTS_SERVER: '1', PIJAT_FAULTS_DIR: dir, PIJAT_FAULTS_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const wait = <T extends FromChild['type']>(type: T): Promise<Extract<FromChild, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMsg = (m: FromChild): void => {
        if (m.type !== type) return;
        child.off('message', onMsg);
        child.off('exit', onExit);
        resolve(m as Extract<FromChild, { type: T }>);
      };
      const onExit = (code: number | null): void => reject(new Error(`server child exited (${code})`));
      child.on('message', onMsg);
      child.once('exit', onExit);
    });
  const ready = await wait('ready');
  return {
    port: ready.port,
    sessions: ready.sessions,
    async stats() {
      const p = wait('stats');
      child.send({ type: 'stats' });
      return (await p).stats;
    },
    resetLag() {
      child.send({ type: 'reset' });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.send({ type: 'stop' });
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(kill);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function openClient(port: number, opts: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, opts);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ a client that never reads

export interface NeverReadResult {
  seconds: number;
  requests: number;
  rss_before_mb: number;
  rss_max_mb: number;
  rss_growth_mb: number;
  evicted_slow: number;
  evicted_flood: number;
  /** Seconds from the start until the server had evicted it (null: not within the run). */
  evicted_after_s: number | null;
  /** Close code the evicted client saw once it read again (4001/4002, or 1006 when cut first). */
  close_code: number | null;
  /** The well-behaved client: live messages received and the longest gap between two. */
  good_live: number;
  good_gap_max_ms: number;
  good_answered: boolean;
  clients_after: number;
}

/**
 * One client subscribes to everything, pauses its TCP socket (reads nothing) and sends requests
 * as fast as its own queue allows for `seconds`; another client reads normally.
 */
export async function neverReadingClient(seconds = 20, gloves = 4, padBytes = 2000, hub?: HubOptions): Promise<NeverReadResult> {
  const server = await startServerChild({ sim: gloves, hub });
  try {
    const good = await openClient(server.port);
    const liveAt: number[] = [];
    let answered = false;
    good.on('message', (d) => {
      const text = String(d);
      if (text.startsWith('{"type":"live"')) liveAt.push(Date.now());
      else if (text.includes('"ref":"after"')) answered = true;
    });
    good.send(JSON.stringify({ type: 'subscribe', gloves: 'all', trace: true }));
    const bad = await openClient(server.port);
    let closeCode: number | null = null;
    bad.on('close', (code) => (closeCode = code));
    bad.on('error', () => {});
    bad.send(JSON.stringify({ type: 'subscribe', gloves: 'all', trace: true }));
    const socket = (bad as unknown as { _socket: Socket })._socket;
    socket.pause();
    await sleep(500);
    const before = await server.stats();
    let rssMax = before.rss_mb;
    let requests = 0;
    const requestTexts = [
      JSON.stringify({ type: 'session_label', ref: 'x'.repeat(60), session: 999999, label: 'y'.repeat(200) }),
      JSON.stringify({ type: 'subscribe', ref: 'r', gloves: 'all', trace: true }),
      JSON.stringify({ type: 'no_such_type', ref: 'z', pad: 'p'.repeat(padBytes) }),
    ];
    const t0 = Date.now();
    let nextSample = t0;
    let evictedAt: number | null = null;
    while (Date.now() - t0 < seconds * 1000) {
      if (bad.readyState === WebSocket.OPEN && bad.bufferedAmount < 4 * MiB) {
        for (let i = 0; i < 100; i++) bad.send(requestTexts[i % requestTexts.length]!);
        requests += 100;
      }
      if (Date.now() >= nextSample) {
        nextSample += 250;
        const st = await server.stats();
        rssMax = Math.max(rssMax, st.rss_mb);
        if (evictedAt === null && st.hub.evicted_slow + st.hub.evicted_flood > 0) evictedAt = Date.now();
      } else await new Promise((r) => setImmediate(r));
    }
    const after = await server.stats();
    rssMax = Math.max(rssMax, after.rss_mb);
    good.send(JSON.stringify({ type: 'subscribe', ref: 'after', gloves: 'all', trace: true }));
    socket.resume();
    const tEnd = Date.now();
    while ((!answered || closeCode === null) && Date.now() - tEnd < 5000) await sleep(50);
    let gap = 0;
    for (let i = 1; i < liveAt.length; i++) gap = Math.max(gap, liveAt[i]! - liveAt[i - 1]!);
    good.close();
    bad.terminate();
    return {
      seconds,
      requests,
      rss_before_mb: before.rss_mb,
      rss_max_mb: rssMax,
      rss_growth_mb: rssMax - before.rss_mb,
      evicted_slow: after.hub.evicted_slow,
      evicted_flood: after.hub.evicted_flood,
      evicted_after_s: evictedAt === null ? null : (evictedAt - t0) / 1000,
      close_code: closeCode,
      good_live: liveAt.length,
      good_gap_max_ms: gap,
      good_answered: answered,
      clients_after: after.hub.clients,
    };
  } finally {
    await server.stop();
  }
}

// ------------------------------------------------------------------ exports while gloves stream

export interface ExportStallResult {
  reports: number;
  csv: number;
  minutes: number;
  /** Wall time until every answer was complete. */
  seconds: number;
  report_bytes: number;
  csv_bytes: number;
  statuses: number[];
  /** The server's event loop while the exports ran, and the same span before them (baseline). */
  lag_ms: { p50: number; p99: number; max: number };
  busy_stall_max_ms: number | null;
  baseline: { lag_ms: { p50: number; p99: number; max: number }; busy_stall_max_ms: number | null; live_gap_max_ms: number };
  /** Longest gap between two live updates of one glove seen by a viewer (nominal 100 ms). */
  live_gap_max_ms: number;
  rss_max_mb: number;
}

function get(port: number, path: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `reports` report requests (and `csv` CSV exports) of stored `minutes`-long sessions at once,
 * while 2 simulated gloves stream to a viewer.
 */
export async function exportStall(reports = 10, csv = 2, minutes = 60): Promise<ExportStallResult> {
  const n = Math.max(reports, csv, 1);
  const server = await startServerChild({ sim: 2, longSessions: { count: n, minutes } });
  try {
    const viewer = await openClient(server.port);
    const last = new Map<string, number>();
    let gapMax = 0;
    let measuring = false;
    viewer.on('message', (d) => {
      const text = String(d);
      if (!text.startsWith('{"type":"live"')) return;
      const id = /"id":"([^"]+)"/.exec(text)?.[1] ?? '';
      const now = Date.now();
      const prev = last.get(id);
      if (measuring && prev !== undefined) gapMax = Math.max(gapMax, now - prev);
      last.set(id, now);
    });
    viewer.send(JSON.stringify({ type: 'subscribe', gloves: 'all', trace: true }));
    await sleep(1000);
    // Baseline: the same server and viewer with no export, for a few seconds.
    server.resetLag();
    measuring = true;
    await sleep(num('PIJAT_FAULTS_BASELINE_S', 4) * 1000);
    const base = await server.stats();
    const baseline = { lag_ms: base.lag_ms, busy_stall_max_ms: base.busy_stall_max_ms, live_gap_max_ms: gapMax };
    gapMax = 0;
    server.resetLag();
    let rssMax = 0;
    let done = false;
    const sampler = (async () => {
      while (!done) {
        rssMax = Math.max(rssMax, (await server.stats()).rss_mb);
        await sleep(250);
      }
    })();
    const t0 = performance.now();
    const answers = await Promise.all([
      ...server.sessions.slice(0, reports).map((id) => get(server.port, `/api/sessions/${id}/report`)),
      ...server.sessions.slice(0, csv).map((id) => get(server.port, `/api/sessions/${id}/csv`)),
    ]);
    const seconds = (performance.now() - t0) / 1000;
    await sleep(300);
    measuring = false;
    done = true;
    await sampler;
    const stats = await server.stats();
    viewer.close();
    return {
      reports,
      csv,
      minutes,
      seconds,
      report_bytes: answers.slice(0, reports).reduce((a, r) => a + r.bytes, 0),
      csv_bytes: answers.slice(reports).reduce((a, r) => a + r.bytes, 0),
      statuses: answers.map((a) => a.status),
      lag_ms: stats.lag_ms,
      busy_stall_max_ms: stats.busy_stall_max_ms,
      baseline,
      live_gap_max_ms: gapMax,
      rss_max_mb: Math.max(rssMax, stats.rss_mb),
    };
  } finally {
    await server.stop();
  }
}

// ------------------------------------------------------------------ printing

function list(name: string, fallback: number[]): number[] {
  const v = process.env[name];
  if (!v) return fallback;
  return v.split(',').map(Number).filter((x) => Number.isFinite(x) && x > 0);
}

function num(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export async function run(): Promise<void> {
  const neverS = num('PIJAT_FAULTS_NEVER_READ_S', 20);
  console.log(`--- server: a WebSocket client that never reads (${neverS} s of requests, 4 simulated gloves)`);
  const nr = await neverReadingClient(neverS);
  console.log(`requests sent by the client      ${nr.requests}`);
  console.log(`server RSS                       ${nr.rss_before_mb.toFixed(0)} MB -> max ${nr.rss_max_mb.toFixed(0)} MB (growth ${nr.rss_growth_mb.toFixed(1)} MB; target < 100)`);
  console.log(`client evicted                   not reading: ${nr.evicted_slow}, flooding: ${nr.evicted_flood}, after ${nr.evicted_after_s ?? '-'} s (close code seen: ${nr.close_code ?? 'none'})`);
  console.log(`other client                     ${nr.good_live} live updates, longest gap ${nr.good_gap_max_ms} ms, answered after: ${nr.good_answered}`);

  const reports = num('PIJAT_FAULTS_REPORTS', 10);
  const csv = num('PIJAT_FAULTS_CSV', 2);
  const minutes = num('PIJAT_FAULTS_MINUTES', 60);
  console.log(`\n--- server: ${reports} reports + ${csv} CSV exports of ${minutes}-minute sessions at once, 2 gloves streaming`);
  const ex = await exportStall(reports, csv, minutes);
  console.log(`answers                          ${ex.statuses.join(' ')} in ${ex.seconds.toFixed(1)} s (reports ${(ex.report_bytes / MiB).toFixed(1)} MiB, CSV ${(ex.csv_bytes / MiB).toFixed(1)} MiB)`);
  const f = (x: number | null): string => (x === null ? 'n/a' : `${x.toFixed(1)} ms`);
  console.log(`                                 during exports | same server before them (baseline)`);
  console.log(`event-loop lag p50/p99/max       ${ex.lag_ms.p50.toFixed(1)} / ${ex.lag_ms.p99.toFixed(1)} / ${ex.lag_ms.max.toFixed(1)} ms | ${ex.baseline.lag_ms.p50.toFixed(1)} / ${ex.baseline.lag_ms.p99.toFixed(1)} / ${ex.baseline.lag_ms.max.toFixed(1)} ms`);
  console.log(`main thread busy stall, max      ${f(ex.busy_stall_max_ms)} | ${f(ex.baseline.busy_stall_max_ms)}   (target < 50)`);
  console.log(`live view: longest update gap    ${ex.live_gap_max_ms} ms | ${ex.baseline.live_gap_max_ms} ms   (nominal 100)`);
  console.log(`server RSS max                   ${ex.rss_max_mb.toFixed(0)} MB`);

  const { runClassLoad } = await import('../class-load');
  const viewers = num('PIJAT_FAULTS_VIEWERS', 20);
  const loadS = num('PIJAT_FAULTS_LOAD_S', 10);
  for (const gloves of list('PIJAT_FAULTS_LOAD_GLOVES', [32, 64, 128])) {
    console.log(`\n--- server: load, ${gloves} simulated gloves at 100 Hz recording, ${viewers} viewers, ${loadS} s`);
    await runClassLoad({ gloves, viewers, seconds: loadS, perGlove: false });
  }
  console.log('\n(timings on a shared machine are noisy: compare figures of one run side by side)');
}

if (process.env.PIJAT_FAULTS_SERVER === '1') void serverChild();
