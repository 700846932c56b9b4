// End to end over a real serial device: a socat pty pair, `pijat simulate --port A` on one end
// (the CLI from the sources, through tsx), the host's SerialTransport (real serialport) on the
// other. Frames must arrive intact at the simulated rate, and the host must survive the device
// end going away and coming back (socat killed and restarted with the same link names).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../host/transport/serial';
import type { TransportStatus } from '../../host/transport/types';
import { Decoder } from '../../shared/protocol/decoder';
import type { Sample } from '../../shared/protocol/types';
import { until } from '../support/until';
import { hasSocat, ptyPair } from '../support/socat';

const TITLE = 'serial over a pty pair (socat)';
const suite = hasSocat ? describe : describe.skip;
if (!hasSocat) {
  console.warn('serial-pty: socat is missing, so this suite is skipped. Install it with: sudo apt-get install -y socat');
}

const pty = ptyPair('pty', ['-d', '-d']);
const { A, B } = pty;
const startSocat = pty.start;
const stop = pty.stop;
afterAll(() => pty.stopAll());

suite(hasSocat ? TITLE : `${TITLE}: SKIPPED, socat is missing; install it with: sudo apt-get install -y socat`, () => {
  it('carries the simulated glove intact at its rate and survives the device end going away', async () => {
    let socat = startSocat();
    await until('the socat links', () => existsSync(A) && existsSync(B), 5000);

    const sim = spawn(process.execPath, [
      '--import', 'tsx', 'host/cli/main.ts', 'simulate', '--port', A, '--scenario', 'good', '--seed', '1',
      '--duration', '120', '--loss', '0', '--lang', 'en',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    pty.track(sim);
    let simErr = '';
    sim.stderr!.on('data', (c: Buffer) => (simErr += c.toString()));

    const host = await SerialTransport.open(B);
    const statuses: TransportStatus[] = [];
    host.onStatus((s) => statuses.push(s));
    const dec = new Decoder();
    const samples: { wall: number; m: Sample }[] = [];
    host.onData((c) => dec.push(c, (m) => {
      if (m.type === 'sample') samples.push({ wall: performance.now(), m });
    }));

    // 1. Intact frames at the simulated rate.
    await until(`the first sample (simulator said: ${simErr})`, () => samples.length > 0, 15_000);
    const w0 = samples[0]!.wall;
    await new Promise((r) => setTimeout(r, 3000));
    const window = samples.filter((s) => s.wall <= w0 + 3000);
    const span = window.at(-1)!.m.t_s - window[0]!.m.t_s;
    expect(dec.counters.crc_errors).toBe(0);
    expect(dec.counters.lost_frames).toBe(0);
    // Every sample the device stamped in that time arrived (100 Hz, nothing lost or doubled)...
    expect(Math.abs(window.length - (Math.round(span * 100) + 1))).toBeLessThanOrEqual(1);
    // ...and the device time kept pace with the wall clock (real time, not a burst).
    expect(span).toBeGreaterThan(1.5);
    expect(span).toBeLessThan(4.5);

    // 2. The device end goes away (socat killed) and comes back with the same names.
    const before = samples.length;
    await stop(socat);
    // serialport learns of the hangup from its poller; on a loaded 2-core machine that has taken over 5 s.
    await until('the host to report the disconnect', () => statuses.some((s) => s.type === 'disconnected'), 15_000);
    await new Promise((r) => setTimeout(r, 700));
    socat = startSocat();
    await until('the host to reconnect', () => statuses.some((s) => s.type === 'reconnected'), 10_000);
    const re = statuses.find((s): s is Extract<TransportStatus, { type: 'reconnected' }> => s.type === 'reconnected')!;
    expect(re.gap_s).toBeGreaterThan(0.5);
    expect(re.gap_s).toBeLessThan(10);
    await until('samples after the reconnect', () => samples.length > before + 100, 10_000);
    // The glove kept its clock while the link was down: the host sees the frames it missed.
    expect(dec.counters.lost_frames).toBeGreaterThan(20);
    const last = samples.at(-1)!.m;
    expect(last.t_s - samples[before - 1]!.m.t_s).toBeGreaterThan(re.gap_s * 0.8);

    await host.close();
    await stop(sim);
  }, 90_000);
});
