// A glove on a real serial port: socat makes a pty pair, `pijat simulate --port` writes the wire
// protocol into one end in real time, and the class server reads the other end through
// SerialTransport: the glove appears, streams, records a session, and shows 'stalled' when the
// bytes stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWs, startTestServer, waitFor, type TestServer } from './helpers';

const hasSocat = spawnSync('socat', ['-V'], { encoding: 'utf8' }).status === 0;
if (!hasSocat) console.warn('socat not found: install it with `apt-get install -y socat` (serial class-server test skipped)');

describe.skipIf(!hasSocat)('a glove on a pty', () => {
  let t: TestServer;
  let socat: ChildProcess;
  let sim: ChildProcess | undefined;
  let glovePath: string;

  let ptys: string;

  beforeAll(async () => {
    ptys = mkdtempSync(join(tmpdir(), 'pijat-pty-'));
    glovePath = join(ptys, 'glove');
    const hostPath = join(ptys, 'host');
    socat = spawn('socat', [`pty,raw,echo=0,link=${glovePath}`, `pty,raw,echo=0,link=${hostPath}`], { stdio: 'ignore' });
    await waitFor('pty links', () => existsSync(glovePath) && existsSync(hostPath));
    // The server opens the host end as it would a USB port it was told about.
    t = await startTestServer({ sim: 0, ports: [hostPath] });
  }, 60_000);

  afterAll(async () => {
    sim?.kill('SIGKILL');
    await t?.close();
    socat?.kill('SIGTERM');
    if (ptys) rmSync(ptys, { recursive: true, force: true });
  });

  it('streams, records a session and notices when the bytes stop', async () => {
    const room = t.server.classroom;
    const glove = await waitFor('glove', () => [...room.gloves.values()].find((g) => g.kind === 'serial'));
    expect(glove.id).toBe('usb-host');
    sim = spawn(process.execPath, ['bin/pijat.mjs', 'simulate', '--scenario', 'good', '--port', glovePath, '--loop'], { stdio: 'ignore' });
    await waitFor('streaming', () => glove.status === 'streaming', 30_000);

    const { ws, messages } = await openWs(`ws://127.0.0.1:${t.server.port}/ws`);
    ws.send(JSON.stringify({ type: 'subscribe', gloves: [glove.id] }));
    await waitFor('live', () => messages.filter((m) => m.type === 'live').length > 5);

    const session = room.start(glove.id, { label: 'pty' });
    const before = glove.samples();
    await waitFor('200 samples', () => glove.samples() - before > 200, 15_000);
    const { report } = room.stop(glove.id);
    expect(report.recording.samples).toBeGreaterThan(200);
    expect(report.recording.crc_errors).toBe(0);
    expect(room.store.getSession(session.id).bytes).toBeGreaterThan(200 * 40);

    sim.kill('SIGKILL');
    await waitFor('stalled', () => glove.status === 'stalled', 10_000);
    await waitFor('stalled broadcast', () => messages.some((m) => m.type === 'glove' && m.glove.link.status === 'stalled'));
    ws.close();
  }, 60_000);
});
