// pijat live with a simulated glove: JSON lines while it streams, the final report, the stored
// session (raw bytes, report, complete), and the feedback thresholds it sends the glove.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store, storeFile } from '../../host/store';
import { Decoder } from '../../shared/protocol/decoder';
import { Report } from '../../shared/engine/report-schema';
import { fsrNewtons } from '../../shared/engine/calibration';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { thresholdsFor } from '../../host/cli/live';
import { FrameListSink, SimulatedGlove, simulate } from '../../host/sim';
import { parseCommandText } from '../../shared/protocol/command-text';
import { CMD_SET_THRESHOLDS } from '../../shared/protocol/constants';
import { decodeAll } from '../../shared/protocol/decoder';
import { SerialPort } from 'serialport';
import { until } from '../support/until';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-live-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pijat(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pijat live', () => {
  it('streams JSON lines, stores the raw bytes and saves the report when the stream ends', () => {
    const data = join(dir, 'a');
    const r = pijat('live', '--sim', 'good', '--seed', '3', '--duration', '3', '--trainee', 'Siti', '--label', 'pre', '--data', data, '--json');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const live = lines.filter((l) => l.type === 'live');
    // ~5 refreshes a second for 3 s
    expect(live.length).toBeGreaterThanOrEqual(10);
    expect(live.length).toBeLessThanOrEqual(20);
    const last = live[live.length - 1]!;
    expect(last).toHaveProperty('counters.frames');
    expect(last).toHaveProperty('cue');
    expect(last).toHaveProperty('left.force_n');
    expect(last.rate_hz as number).toBeGreaterThan(90);
    const end = lines[lines.length - 1]!;
    expect(end.type).toBe('report');
    expect(end.end).toBe('ended');
    const report = Report.parse(end.report);
    expect(report.recording.source).toBe('live');
    expect(report.recording.samples).toBeGreaterThanOrEqual(290);

    const store = Store.open(data, { create: false });
    const [s] = store.listSessions();
    expect(s).toMatchObject({ id: end.session_id, status: 'complete', trainee: 'Siti', label: 'pre', profile: 'sop-000' });
    expect(s!.device_id).toBe(report.recording.device_id);
    expect(store.getReport(s!.id)).toEqual(report);
    // Every stored chunk spans at most 0.5 s; together they decode to the frames live counted.
    const dec = new Decoder();
    let frames = 0;
    for (const c of store.readFrames(s!.id)) {
      expect(c.t1_s - c.t0_s).toBeLessThanOrEqual(0.5);
      dec.push(c.bytes, () => frames++);
    }
    store.close();
    expect(dec.counters.crc_errors).toBe(0);
    expect(frames).toBe(s!.frames);
    expect(frames).toBeGreaterThanOrEqual((last.counters as { frames: number }).frames);
  });

  it('--no-store stores nothing; the human view ends with the report', () => {
    const data = join(dir, 'b');
    const r = pijat('live', '--sim', 'good', '--duration', '3', '--no-store', '--data', data, '--lang', 'en');
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(storeFile(data))).toBe(false);
    expect(r.stdout).toMatch(/Link: streaming, \d+ Hz/);
    expect(r.stdout).toMatch(/The glove stream ended/);
    expect(r.stdout).toMatch(/Verdict: /);
    expect(r.stderr).toMatch(/Feedback thresholds sent to the glove: \d+-\d+/);
  });

  it('says what is missing without a source, and names a port that cannot be opened', () => {
    const none = pijat('live', '--lang', 'en', '--no-store');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--port PATH .* --sim SCENARIO/);
    const bad = pijat('live', '--port', join(dir, 'no-such-port'), '--no-store', '--lang', 'en');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(join(dir, 'no-such-port'));
  });

  const hasSocat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).error === undefined;
  it.skipIf(!hasSocat)('--duration stops a session on a serial port too (needs socat)', async () => {
    const a = join(dir, 'pty-glove');
    const b = join(dir, 'pty-host');
    const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    const sim = { p: null as ChildProcess | null };
    try {
      await until('the socat links', () => existsSync(a) && existsSync(b), 5000);
      sim.p = spawn(process.execPath, [BIN, 'simulate', '--port', a, '--duration', '120'], { cwd: ROOT, stdio: 'ignore' });
      // Without the limit, live would stream until the 120 s simulation ends (or forever).
      const r = spawnSync(process.execPath, [BIN, 'live', '--port', b, '--duration', '3', '--json', '--no-store'], { cwd: ROOT, encoding: 'utf8', timeout: 40_000 });
      expect(r.status, r.stderr).toBe(0);
      const end = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { type: string; report: { recording: { samples: number } } };
      expect(end.type).toBe('report');
      expect(end.report.recording.samples).toBeGreaterThan(100);
    } finally {
      sim.p?.kill('SIGTERM');
      socat.kill('SIGTERM');
    }
  }, 60_000);

  /** `pijat live --port` against an in-process simulated glove on a pty; returns what the host wrote. */
  async function liveAgainst(protocol_version: 1 | 2): Promise<{ written: Uint8Array; glove: SimulatedGlove }> {
    const tag = `v${protocol_version}`;
    const a = join(dir, `pty-glove-${tag}`);
    const b = join(dir, `pty-host-${tag}`);
    const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    const glove = new SimulatedGlove({ scenario: 'good', seed: 5, loss_rate: 0, protocol_version });
    const sink = new FrameListSink();
    const written: number[] = [];
    let timer: NodeJS.Timeout | undefined;
    let port: SerialPort | undefined;
    try {
      await until('the socat links', () => existsSync(a) && existsSync(b), 5000);
      const p = new SerialPort({ path: a, baudRate: 115200 });
      port = p;
      await new Promise<void>((r, j) => p.once('open', () => r()).once('error', j));
      const flush = (): void => {
        for (const f of sink.take()) p.write(Buffer.from(f));
      };
      p.on('data', (d: Buffer) => {
        written.push(...d);
        glove.receive(new Uint8Array(d), sink);
        flush();
      });
      const t0 = performance.now();
      timer = setInterval(() => {
        glove.advanceTo((performance.now() - t0) / 1000, sink);
        flush();
      }, 20);
      const r = await new Promise<{ status: number | null; stderr: string }>((resolveRun) => {
        const child = spawn(process.execPath, [BIN, 'live', '--port', b, '--duration', '3', '--no-store', '--lang', 'en'], { cwd: ROOT });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.resume();
        child.on('close', (status) => resolveRun({ status, stderr }));
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/Feedback thresholds sent to the glove/);
      return { written: Uint8Array.from(written), glove };
    } finally {
      if (timer) clearInterval(timer);
      if (port?.isOpen) await new Promise<void>((r) => port!.close(() => r()));
      socat.kill('SIGTERM');
    }
  }

  it.skipIf(!hasSocat)('sends text commands to a version 2 glove, binary command frames only to a version 1 glove (needs socat)', async () => {
    const v2 = await liveAgainst(2);
    expect(v2.written.length).toBeGreaterThan(0);
    expect([...v2.written].every((x) => /[{}0-9a-f]/.test(String.fromCharCode(x)))).toBe(true);
    const text = parseCommandText(v2.written);
    expect(text.commands.map((c) => c.cmd)).toEqual([CMD_SET_THRESHOLDS]);
    expect(text.counters).toMatchObject({ crc_errors: 0, bad_length: 0, abandoned: 0, ignored_bytes: 0 });
    expect(v2.glove.feedback.low_raw).toBeGreaterThan(0);

    const v1 = await liveAgainst(1);
    const frames = decodeAll(v1.written);
    expect(frames.messages.map((m) => m.type === 'command' && m.cmd)).toEqual([CMD_SET_THRESHOLDS]);
    expect(frames.counters).toMatchObject({ junk_bytes: 0, crc_errors: 0 });
    expect(parseCommandText(v1.written).counters.commands).toBe(0);
    expect(v1.glove.feedback.low_raw).toBeGreaterThan(0);
  }, 60_000);

  it('turns the profile\'s warning force band into raw thresholds for the glove', () => {
    const profile = loadBuiltinProfile('sop-000');
    const d = simulate({ seed: 1, duration_s: 1 }).descriptor;
    const [low, high] = thresholdsFor(profile, d)!;
    const thumbs = d.channels.filter((c) => c.site === 'thumb');
    // Each threshold read back through a thumb's own law lands near the band edge (the two
    // thumbs share one pair of thresholds, so each is off by their difference only).
    for (const c of thumbs) {
      expect(fsrNewtons(low, c.p0, c.p1, c.p2)).toBeCloseTo(profile.criteria.force_n.warn.min, 0);
      expect(fsrNewtons(high, c.p0, c.p1, c.p2)).toBeCloseTo(profile.criteria.force_n.warn.max, 0);
    }
    expect(low).toBeLessThan(high);
  });
});

describe('live view', () => {
  it('shows force bars against the band, the pass timer, cadence and the cue in both languages', async () => {
    const { renderLive, forceBar } = await import('../../host/cli/live-view');
    const { emptyCounters } = await import('../../shared/protocol/decoder');
    const profile = loadBuiltinProfile('sop-000');
    const hand = (force_n: number, band: 'in' | 'high') => ({ force_n, band, cadence_hz: 1.5, contact: true });
    const input = {
      source: '/dev/ttyACM0', profile, device_id: 7, link: 'streaming' as const, rate_hz: 100,
      counters: { ...emptyCounters(), frames: 1234 }, session_id: 5,
      live: {
        t_s: 200, in_pass: true, pass_number: 2, pass_elapsed_s: 75, left: hand(7, 'in'), right: hand(14, 'high'),
        cadence_hz: 1.52, cue: 'too_hard' as const,
      },
    };
    const en = renderLive(input, 'en', false).join('\n');
    expect(en).toMatch(/Pass 2 of 3: 1 min 15 s \(target 2-3 minutes\)/);
    expect(en).toMatch(/Circle tempo: 91 circles\/min \(target 60–150 circles\/min\)/);
    expect(en).toMatch(/>> TOO HARD - Press lighter/);
    expect(en).toMatch(/Left .* 7\.0 N {2}on target/);
    expect(en).toMatch(/Right .*14\.0 N {2}too hard/);
    expect(en).toMatch(/1234 frames/);
    expect(en).toMatch(/stored as session 5/);
    const id = renderLive(input, 'id', false).join('\n');
    expect(id).toMatch(/Putaran 2 dari 3: 1 menit 15 detik/);
    expect(id).toMatch(/Tempo lingkaran: 91 lingkaran\/menit \(target 60–150 lingkaran\/menit\)/);
    expect(id).toMatch(/>> TERLALU KERAS - Kurangi tekanan/);
    // 0..20 N over 20 cells: 7 N fills 7 cells, the 5-10 N band shows in the empty part.
    expect(forceBar(7, { min: 5, max: 10 }, 20, 20)).toBe('███████░░░··········');
    expect(forceBar(NaN, { min: 5, max: 10 }, 20, 20)).toBe('·····░░░░░··········');
  });

  it('shows an outage with its length while it lasts, and the gaps, reconnects and duplicates after', async () => {
    const { renderLive } = await import('../../host/cli/live-view');
    const { emptyCounters } = await import('../../shared/protocol/decoder');
    const profile = loadBuiltinProfile('sop-000');
    const hand = { force_n: 7, band: 'in' as const, cadence_hz: 1.5, contact: true };
    const base = {
      source: '/dev/ttyACM0', profile, device_id: 7, link: 'stalled' as const, rate_hz: 0, session_id: null,
      counters: { ...emptyCounters(), frames: 900, duplicates: 2 },
      live: { t_s: 40, in_pass: true, pass_number: 1, pass_elapsed_s: 30, left: hand, right: hand, cadence_hz: 1.5, cue: 'ok' as const },
    };
    const away = renderLive({ ...base, outage_s: 4.2, gaps: { count: 0, total_s: 0, reconnects: 0 } }, 'en', false).join('\n');
    expect(away).toMatch(/No data for 4 s: the pass timer is paused/);
    expect(away).toMatch(/Data gaps: 0 \(0 s in all\); reconnects: 0; duplicate frames dropped: 2/);
    const back = renderLive({ ...base, link: 'streaming', outage_s: null, gaps: { count: 1, total_s: 5.3, reconnects: 1 } }, 'id', false).join('\n');
    expect(back).toMatch(/Celah data: 1 \(5 detik seluruhnya\); tersambung ulang: 1; bingkai ganda dibuang: 2/);
    expect(back).not.toMatch(/dihentikan/);
    const clean = renderLive({ ...base, counters: emptyCounters(), outage_s: null, gaps: { count: 0, total_s: 0, reconnects: 0 } }, 'en', false).join('\n');
    expect(clean).not.toMatch(/Data gaps|No data/);
  });
});
