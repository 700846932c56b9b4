// `pijat flash` (Espruino) against the REAL Espruino interpreter (Linux build, ../shared/engines)
// run as a board (espruino-linux-board.ts: interactive mode, its own flash file, reachable as
// tcp://127.0.0.1:PORT). The real espruino CLI uploads; the glove firmware is the built
// firmware/dist/pijat-espruino.js with the Espruino Pico's hardware supplied in JavaScript before
// it (espruino-prelude.ts; it has to be part of the uploaded file, since the upload starts with
// reset()). Wall-clock time: the interpreter runs in real time.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FlashError } from '../../host/flash/errors';
import { planFlash } from '../../host/flash/plan';
import { VERIFY_MS } from '../../host/flash/verify';
import { flashGlove, type FlashOutcome } from '../../host/flash/run';
import { CMD_CONSOLE, CMD_STOP } from '../../shared/protocol/constants';
import { EspruinoLinuxBoard, type BoardBridge } from './espruino-linux-board';
import { espruinoPrelude } from './espruino-prelude';
import { REPO_ROOT, skipReason } from './locate';
import { espruinoCliMissing, firmwareFiles, VARIANT } from './flash-firmware';
import { streamFacts, textCommand } from './stream-facts';

const missing = skipReason('espruinoLinux') ?? espruinoCliMissing();
if (missing !== undefined) console.warn(`skipping the Espruino flash tests: ${missing}`);

let version = '';
let dir = '';
/** prelude + built firmware, and the same with another version string. */
let originalFile = '';
let variantFile = '';

beforeAll(async () => {
  if (missing !== undefined) return;
  ({ version, dir, originalFile, variantFile } = await firmwareFiles('espruino', espruinoPrelude()));
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Powers the board down and up again; what it streams in its first 3.5 s. */
async function powerCycle(board: EspruinoLinuxBoard): Promise<ReturnType<typeof streamFacts>> {
  await board.powerDown();
  const from = board.receivedLength;
  board.powerUp();
  await sleep(3500);
  return streamFacts(board.received.subarray(from));
}

const boards: { board: EspruinoLinuxBoard; bridge: BoardBridge }[] = [];
afterEach(async () => {
  while (boards.length > 0) {
    const b = boards.pop()!;
    await b.bridge.close();
    await b.board.dispose();
  }
});

/** A fresh board (empty flash, REPL on its link) behind tcp://. */
async function freshBoard(): Promise<{ board: EspruinoLinuxBoard; bridge: BoardBridge }> {
  const board = new EspruinoLinuxBoard();
  board.powerUp();
  await board.waitFor(/>$/, 5000);
  const bridge = await board.serve();
  const b = { board, bridge };
  boards.push(b);
  return b;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function flash(url: string, file: string, expected: string, save = true): Promise<{ out: FlashOutcome; cli: string; wallMs: number }> {
  const out = new PassThrough();
  let cli = '';
  out.on('data', (d: Buffer) => {
    cli += d.toString();
  });
  const t0 = performance.now();
  const r = await flashGlove(planFlash({ port: url, board: 'espruino', file, version: expected, save }), { out });
  return { out: r, cli, wallMs: performance.now() - t0 };
}

/** What the board streams over the next `ms`. */
async function streamFor(board: EspruinoLinuxBoard, ms: number): Promise<ReturnType<typeof streamFacts>> {
  const from = board.receivedLength;
  await sleep(ms);
  return streamFacts(board.received.subarray(from));
}

describe.skipIf(missing !== undefined)('pijat flash on the real Espruino interpreter (Linux build) through the espruino CLI', () => {
  it('flashes a fresh board, re-flashes it while it streams, survives a power cycle, and flashes it again', async () => {
    const { board, bridge } = await freshBoard();
    const timings: string[] = [];

    // 1. a fresh board: nothing streams, the REPL has the link
    const first = await flash(bridge.url, originalFile, version);
    expect(first.out.handover).toBe('silent');
    expect(first.out.after).toMatchObject({ firmware_version: version, board: 'espruino-pico', protocol_version: 2 });
    expect(first.cli).toContain('Upload Complete');
    timings.push(`fresh: ${(first.wallMs / 1000).toFixed(1)} s`);

    // 2. while it streams: the glove acks `console`, the upload replaces the program
    const streaming = await streamFor(board, 1000);
    expect(streaming.samples.length).toBeGreaterThan(50);
    const second = await flash(bridge.url, variantFile, VARIANT);
    expect(second.out.handover).toBe('handed_over');
    expect(second.out.before?.firmware_version).toBe(version);
    expect(second.out.after.firmware_version).toBe(VARIANT);
    timings.push(`streaming: ${(second.wallMs / 1000).toFixed(1)} s`);
    const after = await streamFor(board, 1500);
    expect(after.samples.length).toBeGreaterThan(100);
    expect(after.descriptors.every((d) => d.firmware_version === VARIANT)).toBe(true);
    expect(after.counters.crc_errors).toBe(0);

    // 3. save() kept it: at the next power-up the board loads and streams the new firmware
    const booted = await powerCycle(board);
    expect(booted.descriptors.length).toBeGreaterThan(0);
    expect(booted.descriptors.every((d) => d.firmware_version === VARIANT)).toBe(true);
    expect(booted.samples.length).toBeGreaterThan(50);

    // 4. and flashed once more, back to the original
    const third = await flash(bridge.url, originalFile, version);
    expect(third.out.handover).toBe('handed_over');
    expect(third.out.after.firmware_version).toBe(version);
    timings.push(`again: ${(third.wallMs / 1000).toFixed(1)} s`);
    const last = await streamFor(board, 1500);
    expect(last.samples.length).toBeGreaterThan(100);
    expect(last.descriptors.every((d) => d.firmware_version === version)).toBe(true);
    console.log(`[flash-espruino] wall time per flash: ${timings.join(', ')}`);
  }, 120_000);

  it('with --no-save the new firmware runs until power-down; then the saved one is back', async () => {
    const { board, bridge } = await freshBoard();
    await flash(bridge.url, originalFile, version);
    const trial = await flash(bridge.url, variantFile, VARIANT, false);
    expect(trial.out.after.firmware_version).toBe(VARIANT);
    const booted = await powerCycle(board);
    expect(booted.descriptors.length).toBeGreaterThan(0);
    expect(booted.descriptors.every((d) => d.firmware_version === version)).toBe(true);
  }, 90_000);

  it('reaches a glove whose console was handed over already (silent link) and one that was stopped', async () => {
    const { board, bridge } = await freshBoard();
    await flash(bridge.url, originalFile, version);
    await sleep(500);
    board.send(textCommand(7, CMD_CONSOLE)); // someone took the console before: the link is a quiet REPL
    await sleep(500);
    expect(streamFacts(board.received).acks.some((a) => a.cmd === CMD_CONSOLE && a.cmd_seq === 7)).toBe(true);
    const r = await flash(bridge.url, variantFile, VARIANT);
    expect(r.out.handover).toBe('silent');
    expect(r.out.after.firmware_version).toBe(VARIANT);
    // a stopped glove keeps its link and still answers `console`
    board.send(textCommand(8, CMD_STOP));
    await sleep(500);
    expect(streamFacts(board.received).acks.some((a) => a.cmd === CMD_STOP && a.cmd_seq === 8)).toBe(true);
    const s = await flash(bridge.url, originalFile, version);
    expect(s.out.handover).toBe('handed_over');
    expect(s.out.after.firmware_version).toBe(version);
  }, 90_000);

  it('uploads nothing when the glove says it is another board than --board names', async () => {
    const { board, bridge } = await freshBoard();
    await flash(bridge.url, originalFile, version);
    const from = board.receivedLength;
    let error: unknown;
    try {
      await flashGlove(planFlash({ port: bridge.url, board: 'espruino-rp2040', file: variantFile, version: VARIANT }), { out: new PassThrough() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlashError);
    expect((error as FlashError).exitCode).toBe(2);
    expect((error as FlashError).message).toMatch(/runs Pijat firmware \d+\.\d+\.\d+ for the espruino-pico board, not espruino-rp2040: nothing was uploaded\. Run pijat flash again with --board espruino\./);
    await sleep(500);
    expect(board.received.subarray(from).toString('latin1')).not.toContain('reset()');
  }, 60_000);

  it('fails with a clear message, not "uploaded", when the new program does not stream', async () => {
    const { board, bridge } = await freshBoard();
    const file = path.join(dir, 'not-a-glove.js');
    writeFileSync(file, 'var x = 1;\n');
    let error: unknown;
    try {
      await flashGlove(planFlash({ port: bridge.url, board: 'espruino', file, version }), { out: new PassThrough(), verifyMs: 2500 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlashError);
    const e = error as FlashError;
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe(`No data from the glove on ${bridge.url} within 3 s after the upload: the new firmware does not run. ` +
      'Unplug the glove, hold its button while plugging it back in (Espruino then skips the saved firmware), then run pijat flash again.');
    expect(e.entry.id).toMatch(/^Tidak ada data dari sarung tangan/);
    expect(board.running).toBe(true);
  }, 60_000);

  it('`pijat flash` itself: prints what it did in the chosen language and exits 0, or 1 with the message and no stack trace', async () => {
    const { bridge } = await freshBoard();
    const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'host', 'cli', 'main.ts'), 'flash', ...args], { cwd: REPO_ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    const ok = await run(['--port', bridge.url, '--file', variantFile, '--lang', 'en']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Running: node .*espruino-cli\.js --no-ble -p tcp:/m);
    expect(ok.stdout).toMatch(new RegExp(`^Firmware ${VARIANT.replace(/\./g, '\\.')} runs on tcp://127\\.0\\.0\\.1:\\d+ \\(board espruino\\) and streams\\. Done in [\\d.]+ s\\.$`, 'm'));

    const bad = path.join(dir, 'quiet.js');
    writeFileSync(bad, 'var y = 2;\n');
    const fail = await run(['--port', bridge.url, '--file', bad, '--lang', 'id']);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toMatch(new RegExp(`^pijat: Tidak ada data dari sarung tangan di tcp://127\\.0\\.0\\.1:\\d+ dalam ${VERIFY_MS / 1000} detik setelah pengunggahan`));
    expect(fail.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 90_000);
});
