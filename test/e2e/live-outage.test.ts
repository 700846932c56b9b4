// `pijat live` on a real serial device (a socat pty pair) while the glove disappears for 5 s in
// the middle of a pass: the live view shows the outage with its length and the pass timer stands
// still, the reconnect is counted, and the report lists the gap with its length, outside the
// pass's duration. The glove is `pijat simulate --port`, which keeps its clock while unplugged.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/engine/report-schema';
import { until } from '../support/until';
import { hasSocat, ptyPair } from '../support/socat';

const TITLE = 'pijat live through a 5 s outage (socat pty)';
const suite = hasSocat ? describe : describe.skip;
if (!hasSocat) console.warn('live-outage: socat is missing, so this suite is skipped. Install it with: sudo apt-get install -y socat');

const pty = ptyPair('outage');
const { A, B } = pty;
const startSocat = pty.start;
const stop = pty.stop;
afterAll(() => pty.stopAll());

interface LiveLine {
  type: 'live';
  t_s?: number;
  in_pass?: boolean;
  pass_elapsed_s?: number;
  link: string;
  outage_s: number | null;
  gaps?: { count: number; total_s: number; reconnects: number };
}

suite(hasSocat ? TITLE : `${TITLE}: SKIPPED, socat is missing; install it with: sudo apt-get install -y socat`, () => {
  it('shows the gap with its length, pauses the pass timer, counts the reconnect', async () => {
    let socat = startSocat();
    await until('the socat links', () => existsSync(A) && existsSync(B), 5000);
    const sim = spawn(process.execPath, [
      '--import', 'tsx', 'host/cli/main.ts', 'simulate', '--port', A, '--scenario', 'good', '--seed', '1',
      '--duration', '120', '--loss', '0', '--lang', 'en',
    ], { stdio: ['ignore', 'ignore', 'ignore'] });
    pty.track(sim);
    const live = spawn(process.execPath, [
      '--import', 'tsx', 'host/cli/main.ts', 'live', '--port', B, '--json', '--no-store', '--duration', '45', '--lang', 'en',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    pty.track(live);
    const lines: (LiveLine & { wall: number })[] = [];
    let report: Report | null = null;
    let buf = '';
    let err = '';
    live.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    live.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const o = JSON.parse(line) as (LiveLine | { type: 'report'; report: Report });
        if (o.type === 'report') report = o.report;
        else lines.push({ ...o, wall: performance.now() });
      }
    });

    // Into the first pass (it starts 2-4 s in and lasts minutes), then the glove goes away.
    await until(`the first pass (live said: ${err})`, () => lines.some((l) => l.in_pass && (l.pass_elapsed_s ?? 0) > 6), 40_000);
    await stop(socat);
    const killedAt = performance.now();
    await until('the outage shown', () => lines.some((l) => l.wall > killedAt && (l.outage_s ?? 0) >= 2), 15_000);
    await new Promise((r) => setTimeout(r, Math.max(0, 5000 - (performance.now() - killedAt))));
    socat = startSocat();
    const backAt = performance.now();
    await until('data again', () => lines.some((l) => l.wall > backAt && l.outage_s === null && (l.gaps?.reconnects ?? 0) >= 1), 15_000);
    await until('the report', () => report !== null, 60_000);
    await stop(sim);

    // While away: the outage grew with its length, the pass timer stood still.
    const away = lines.filter((l) => l.wall > killedAt && l.wall < backAt && l.outage_s !== null);
    expect(away.length).toBeGreaterThan(5);
    expect(Math.max(...away.map((l) => l.outage_s!))).toBeGreaterThan(3.5);
    const frozen = away.filter((l) => (l.outage_s ?? 0) >= 1.5).map((l) => l.pass_elapsed_s);
    expect(new Set(frozen).size).toBe(1);
    // After the reconnect the timer goes on from where it stood, not 5 s later.
    const after = lines.find((l) => l.wall > backAt && l.outage_s === null && l.in_pass)!;
    expect(after.pass_elapsed_s! - frozen[0]!).toBeLessThan(2);
    expect(after.gaps!.reconnects).toBe(1);

    const r = report!;
    expect(r.recording.reconnects).toBe(1);
    const link = r.recording.gaps!.filter((g) => g.cause === 'link');
    expect(link).toHaveLength(1);
    const gap = link[0]!;
    expect(gap.duration_s).toBeGreaterThan(4.5);
    expect(gap.duration_s).toBeLessThan(10);
    const pass = r.passes.find((p) => p.start_s <= gap.start_s && p.end_s >= gap.start_s + gap.duration_s)!;
    expect(pass).toBeDefined();
    expect(pass.gap_s!).toBeGreaterThanOrEqual(gap.duration_s - 0.01);
    expect(Math.abs(pass.duration_s - (pass.end_s - pass.start_s - pass.gap_s!))).toBeLessThan(0.01);
    expect(r.notes!.some((n) => n.en.includes('pass timer was paused'))).toBe(true);
  }, 120_000);
});
