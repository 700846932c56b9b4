// Class load: 32 simulated gloves at 100 Hz through the real server path (SimLink -> pipeline ->
// store, a session recording on every glove -> WebSocket), one WebSocket client subscribed to
// all with traces. The server runs in a child process so its event-loop lag and CPU are its
// own. Prints, per glove, the frames the device time implies, those the server decoded, those
// the client received (every sample travels in a trace) and the gaps the simulator injected on
// purpose; then messages/s, event-loop lag p50/p99 and CPU %. Loopback only; ~25 s.
// `runClassLoad` adds viewers (more clients subscribed to every glove, as the class grid: no
// traces); scripts/bench/faults/server.ts runs it at 32, 64 and 128 gloves with 20 viewers.
//
//   npx tsx scripts/bench.ts class-load        (PIJAT_BENCH_GLOVES / _SECONDS / _VIEWERS to change)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { LiveMessage, ServerMessage } from '../../shared/live-messages';

const GLOVES = Number(process.env.PIJAT_BENCH_GLOVES ?? 32);
const SECONDS = Number(process.env.PIJAT_BENCH_SECONDS ?? 20);
const VIEWERS = Number(process.env.PIJAT_BENCH_VIEWERS ?? 1);
const RATE_HZ = 100;
const WARMUP_S = 2;
/** The lag histogram samples every this many ms and records the whole interval: subtracted. */
const LAG_RESOLUTION_MS = 10;

interface ChildStats {
  lag_ms: { p50: number; p99: number; max: number };
  cpu_pct: number;
  rss_mb: number;
  sent: number;
  skipped: number;
  gloves: { id: string; samples: number; lost_frames: number; crc_errors: number; stored_bytes: number }[];
}

type FromChild = { type: 'ready'; port: number } | { type: 'stats'; stats: ChildStats };

// ------------------------------------------------------------------ the server (child process)

async function serverChild(): Promise<void> {
  const { startServer } = await import('../../host/server/index');
  const { loadBuiltinProfile } = await import('../../shared/profiles/index');
  const dir = process.env.PIJAT_BENCH_DIR!;
  const s = await startServer({
    port: 0,
    dataDir: dir,
    sim: GLOVES,
    gloves: false,
    simRateHz: RATE_HZ,
    profile: loadBuiltinProfile('sop-000'),
    webRoot: dir,
  });
  for (const id of s.classroom.gloves.keys()) s.classroom.start(id, { label: 'bench' });
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  let cpu0 = process.cpuUsage();
  let wall0 = performance.now();
  const send = (m: FromChild): void => {
    process.send!(m);
  };
  process.on('message', (m: { type: string }) => {
    if (m.type === 'measure') {
      lag.reset();
      lag.enable();
      cpu0 = process.cpuUsage();
      wall0 = performance.now();
    } else if (m.type === 'stats') {
      lag.disable();
      const cpu = process.cpuUsage(cpu0);
      const wall = performance.now() - wall0;
      const gloves = [...s.classroom.gloves.values()].map((g) => {
        const info = g.info();
        const stored = g.session ? s.classroom.store.getSession(g.session.id).bytes : 0;
        return { id: g.id, samples: g.samples(), lost_frames: info.link.counters.lost_frames, crc_errors: info.link.counters.crc_errors, stored_bytes: stored };
      });
      send({
        type: 'stats',
        stats: {
          lag_ms: {
            p50: Math.max(0, lag.percentile(50) / 1e6 - LAG_RESOLUTION_MS),
            p99: Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS),
            max: Math.max(0, lag.max / 1e6 - LAG_RESOLUTION_MS),
          },
          cpu_pct: ((cpu.user + cpu.system) / 1000 / wall) * 100,
          rss_mb: process.memoryUsage().rss / 2 ** 20,
          sent: s.hub.stats.sent,
          skipped: s.hub.stats.skipped,
          gloves,
        },
      });
    } else if (m.type === 'stop') {
      void s.close().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', port: s.port });
}

// ------------------------------------------------------------------ the client (bench process)

function waitChild<T extends FromChild['type']>(child: ChildProcess, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: FromChild): void => {
      if (m.type === type) {
        child.off('message', onMsg);
        resolve(m as Extract<FromChild, { type: T }>);
      }
    };
    child.on('message', onMsg);
    child.once('exit', (code) => reject(new Error(`server child exited (${code})`)));
  });
}

interface PerGlove {
  msgs: number;
  first: LiveMessage | null;
  last: LiveMessage | null;
  traced: number;
}

export async function main(): Promise<void> {
  await runClassLoad({ gloves: GLOVES, seconds: SECONDS, viewers: VIEWERS, perGlove: true });
}

export interface ClassLoadOptions {
  gloves: number;
  seconds: number;
  /** Clients: the first subscribes with traces and checks every sample; the others as the class grid. */
  viewers: number;
  /** Print the per-glove table. */
  perGlove: boolean;
}

export async function runClassLoad({ gloves: GLOVES, seconds: SECONDS, viewers: VIEWERS, perGlove }: ClassLoadOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pijat-class-load-'));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, PIJAT_CLASS_LOAD_SERVER: '1', PIJAT_BENCH_DIR: dir, PIJAT_BENCH_GLOVES: String(GLOVES) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const hardStop = setTimeout(() => child.kill('SIGKILL'), (SECONDS + 60) * 1000);
  const others: { ws: WebSocket; messages: number }[] = [];
  try {
    const { port } = await waitChild(child, 'ready');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const per = new Map<string, PerGlove>();
    let measuring = false;
    let messages = 0;
    let bytes = 0;
    ws.on('message', (data) => {
      const text = String(data);
      const m = JSON.parse(text) as ServerMessage;
      if (m.type !== 'live' || !measuring) return;
      messages++;
      bytes += text.length;
      let g = per.get(m.id);
      if (!g) {
        g = { msgs: 0, first: m, last: m, traced: 0 };
        per.set(m.id, g);
      } else {
        g.traced += m.trace.t_s.length; // samples after the first message's count
        g.last = m;
      }
      g.msgs++;
    });
    await new Promise<void>((r) => ws.once('open', () => r()));
    ws.send(JSON.stringify({ type: 'subscribe', gloves: 'all', trace: true }));
    for (let i = 1; i < VIEWERS; i++) {
      const v = { ws: new WebSocket(`ws://127.0.0.1:${port}/ws`), messages: 0 };
      v.ws.on('message', (data) => {
        if (measuring && String(data).startsWith('{"type":"live"')) v.messages++;
      });
      await new Promise<void>((r) => v.ws.once('open', () => r()));
      v.ws.send(JSON.stringify({ type: 'subscribe', gloves: 'all', trace: false }));
      others.push(v);
    }
    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
    child.send({ type: 'measure' });
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const wall_s = (performance.now() - t0) / 1000;
    child.send({ type: 'stats' });
    const { stats } = await waitChild(child, 'stats');
    ws.close();
    for (const v of others) v.ws.close();

    const rows: string[][] = [['glove', 'ws msgs', 'expected', 'decoded', 'received', 'missing', 'sim gaps', 'stored KiB']];
    let totalExpected = 0;
    let totalReceived = 0;
    let totalMissing = 0;
    for (const g of stats.gloves) {
      const p = per.get(g.id);
      if (!p || !p.first || !p.last) {
        rows.push([g.id, '0', '-', '-', '0', 'all', '-', '-']);
        continue;
      }
      const decoded = p.last.samples - p.first.samples;
      // Device time between the two messages at 100 Hz: what the glove meant to send.
      const expected = Math.round((p.last.live.t_s - p.first.live.t_s) * RATE_HZ);
      const missing = decoded - p.traced;
      totalExpected += expected;
      totalReceived += p.traced;
      totalMissing += missing;
      rows.push([g.id, String(p.msgs), String(expected), String(decoded), String(p.traced), String(missing), String(g.lost_frames), (g.stored_bytes / 1024).toFixed(0)]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    if (perGlove) {
      for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
      console.log('');
    }
    console.log(`gloves                      ${GLOVES} x ${RATE_HZ} Hz, ${wall_s.toFixed(1)} s measured (after ${WARMUP_S} s warm-up)`);
    console.log(`frames expected / received  ${totalExpected} / ${totalReceived} (missing between server and client: ${totalMissing})`);
    console.log(`WS messages/s               ${(messages / wall_s).toFixed(1)} (${((bytes / wall_s) / 1024).toFixed(0)} KiB/s; per glove ${(messages / wall_s / GLOVES).toFixed(1)}/s)`);
    if (others.length > 0) {
      const rates = others.map((v) => v.messages / wall_s / GLOVES);
      console.log(`other viewers (grid)        ${others.length}, live updates per glove per s: min ${Math.min(...rates).toFixed(1)}, max ${Math.max(...rates).toFixed(1)} (nominal 10)`);
    }
    console.log(`WS updates skipped (slow)   ${stats.skipped}`);
    console.log(`server event-loop lag       p50 ${stats.lag_ms.p50.toFixed(1)} ms, p99 ${stats.lag_ms.p99.toFixed(1)} ms, max ${stats.lag_ms.max.toFixed(1)} ms`);
    console.log(`server CPU                  ${stats.cpu_pct.toFixed(1)} % of one core (RSS ${stats.rss_mb.toFixed(0)} MiB)`);
    console.log('(sim gaps: frames the simulator drops on purpose, counted by the decoder; not losses)');
  } finally {
    for (const v of others) v.ws.terminate();
    clearTimeout(hardStop);
    if (child.exitCode === null) {
      child.send({ type: 'stop' });
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.PIJAT_CLASS_LOAD_SERVER === '1') void serverChild();
