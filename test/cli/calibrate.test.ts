// pijat calibrate over a real pty: a scripted glove answers with raw counts for the weight the
// prompt asks for, stdin presses Enter at each prompt; the fit must recover the glove's true
// sensor law, be saved for its device id, and be used when that glove's data is exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SerialPort } from 'serialport';
import { Store } from '../../host/store';
import { parseDeviceCalibration } from '../../shared/engine/calibration-schema';
import { DEVICE_ID, FakeGlove, PADS, TRUTH, type Pad } from './fake-glove';
import { until } from '../support/until';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');
const G = 9.80665 / 1000;
const hasSocat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
if (!hasSocat) console.warn('calibrate: socat is missing, pty tests skipped. Install it with: apt-get install -y socat');

let dir = '';
const procs: ChildProcess[] = [];
afterAll(async () => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-cal-'));
});


/** Runs pijat calibrate against a fake glove; answers each prompt after setting the asked load. */
async function calibrate(glove: FakeGlove, data: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const tag = Math.random().toString(36).slice(2, 8);
  const a = join(dir, `glove-${tag}`);
  const b = join(dir, `host-${tag}`);
  const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  procs.push(socat);
  await until('socat ptys', () => existsSync(a) && existsSync(b), 5000);
  const port = new SerialPort({ path: a, baudRate: 115200 });
  await new Promise<void>((r, j) => port.once('open', () => r()).once('error', j));
  port.on('data', () => {}); // commands from the host are read and ignored
  const timer = setInterval(() => port.write(Buffer.from(glove.next(2))), 20);

  const cal = spawn(process.execPath, [BIN, 'calibrate', '--port', b, '--data', data, '--lang', 'en', ...args], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'],
  });
  procs.push(cal);
  let out = '';
  let err = '';
  let pending = '';
  cal.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  cal.stdout!.on('data', (d: Buffer) => {
    const s = d.toString();
    out += s;
    pending += s;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (/^Take every weight/.test(line)) {
        for (const p of PADS) glove.load[p] = 0;
        cal.stdin!.write('\n');
      }
      const m = /^Place ([\d.]+) (g|kg) in the middle of the .*\((\w+)\) pad/.exec(line);
      if (m) {
        for (const p of PADS) glove.load[p] = 0;
        glove.load[m[3] as Pad] = Number(m[1]) * (m[2] === 'kg' ? 1000 : 1) * G;
        cal.stdin!.write('\n');
      }
    }
  });
  // A prompt the script does not understand would wait forever: give up after 40 s.
  const guard = setTimeout(() => cal.kill('SIGKILL'), 40_000);
  const code = await new Promise<number | null>((r) => cal.once('exit', (c) => r(c)));
  clearTimeout(guard);
  clearInterval(timer);
  await new Promise<void>((r) => port.close(() => r()));
  socat.kill('SIGTERM');
  return { code, out, err };
}

describe.skipIf(!hasSocat)('pijat calibrate', () => {
  it('recovers each pad\'s sensor law from the weights and saves it for the glove', async () => {
    const data = join(dir, 'ok');
    const r = await calibrate(new FakeGlove(), data, ['--weights', '100,500,2000', '--seconds', '0.3']);
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/Calibration of glove \d+ saved/);
    expect(r.out).toMatch(/Fitted N/); // the residual table is shown
    const store = Store.open(data, { create: false });
    const rec = store.getCalibration(DEVICE_ID);
    store.close();
    const cal = parseDeviceCalibration(rec!.data, 'test');
    for (const p of PADS) {
      const fit = cal.fsr[p]!;
      expect(fit.p1).toBeCloseTo(TRUTH[p].p1, 1);
      expect(Math.abs(fit.p0 / TRUTH[p].p0 - 1)).toBeLessThan(0.05);
      expect(Math.abs(fit.p2 - TRUTH[p].tare)).toBeLessThan(10);
    }
  }, 60_000);

  it('refuses a pad that does not feel the load, with the reason, and saves nothing', async () => {
    const data = join(dir, 'dead');
    const glove = new FakeGlove({ ...TRUTH, right_knuckle: { ...TRUTH.right_knuckle, dead: true } });
    const r = await calibrate(glove, data, ['--pads', 'left_thumb,right_knuckle', '--weights', '200,500,1000', '--seconds', '0.3']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Pad right index knuckle \(right_knuckle\) REFUSED: .*not above the tare/);
    expect(r.err).toMatch(/Calibration refused for right_knuckle; nothing was saved/);
    const store = Store.open(data, { create: false });
    expect(store.getCalibration(DEVICE_ID)).toBeUndefined();
    store.close();
  }, 60_000);

  it('names an unknown pad and the pads the glove has', async () => {
    const r = await calibrate(new FakeGlove(), join(dir, 'bad'), ['--pads', 'left_pinky', '--seconds', '0.2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('left_pinky');
    expect(r.err).toContain('left_thumb, right_thumb, left_knuckle, right_knuckle');
  }, 30_000);
});

describe('stored calibration in use', () => {
  it('export converts a glove\'s stored session with that glove\'s stored fit', () => {
    const data = join(dir, 'use');
    const glove = new FakeGlove();
    const store = Store.open(data);
    store.saveCalibration(DEVICE_ID, {
      device_id: DEVICE_ID,
      fsr: Object.fromEntries(PADS.map((p) => [p, { p0: TRUTH[p].p0, p1: TRUTH[p].p1, p2: TRUTH[p].tare }])),
    });
    const s = store.startSession({ profile: 'sop-000', source: 'test' });
    glove.load.left_thumb = 500 * G;
    glove.load.right_thumb = 1000 * G;
    store.appendFrames(s.id, glove.next(100), 0, 1);
    store.finishSession(s.id);
    store.close();
    const r = spawnSync(process.execPath, [BIN, 'export', String(s.id), '--format', 'csv', '--data', data], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('t_s,left_thumb_n,right_thumb_n,left_knuckle_n,right_knuckle_n');
    expect(lines).toHaveLength(101);
    const row = lines[50]!.split(',').map(Number);
    expect(row[1]).toBeCloseTo(500 * G, 1);
    expect(row[2]).toBeCloseTo(1000 * G, 1);
    expect(row[3]).toBe(0);
  });
});
