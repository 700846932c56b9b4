// `pijat flash --board kaluma` against the REAL Kaluma 1.2.1 image in rp2040js (./rp2040/): the
// same flashGlove() the CLI runs, with the emulated clock injected, over the emulated USB link
// (waiting runs the emulator) or over a real serial port (serialport on a pty that socat joins to
// the emulated USB, ./flash-bridge.ts). Kaluma's own REPL, its `.flash -w` YMODEM receiver and its
// flash writes (through the flash-chip model) do the work; nothing on the device side is imitated.
// Emulated time runs ~3-5x slower than wall time here: emulated seconds are kept small. All
// waits, the flasher's included, are in emulated time: the flasher's clock is the board's, and
// over the serial port the bridge turns the event loop every 10 emulated ms, so that the host
// keeps up with the board however slowly the machine runs (Kaluma's YMODEM receiver gives up
// after some 6 emulated seconds without a good block).
// The log line per test run says what Kaluma's receiver answered: 16 ACKs and 2 'C's (its first,
// and the one after block 0); more 'C's, NAKs or CANs: the host side fell behind somewhere.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import { FlashError } from '../../host/flash/errors';
import type { Clock, OpenLink } from '../../host/flash/link';
import type { FlashPlan } from '../../host/flash/plan';
import { flashGlove, type FlashEnv, type FlashOutcome } from '../../host/flash/run';
import { FIRMWARE } from '../../shared/i18n/firmware';
import { emulatedClock, hasSocat, serveGlove } from './flash-bridge';
import { skipReason } from './locate';
import { createGlove, Glove, KALUMA_PROGRAM_OFFSET } from './rp2040/glove';
import { streamFacts } from './stream-facts';

const missing = skipReason('kaluma', 'bootrom');
if (missing !== undefined) console.warn(`skipping the Kaluma flash tests: ${missing}`);

let dir = '';
let original = Buffer.alloc(0);
let version = '';
/** The built firmware with another version string: a different program that says which it is. */
let variant = Buffer.alloc(0);
const VARIANT = '9.8.7';

beforeAll(async () => {
  if (missing !== undefined) return;
  await buildFirmware();
  original = readFileSync(BOARDS.find((b) => b.name === 'kaluma')!.out);
  version = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  const text = original.toString('utf8');
  expect(text.split(`"${version}"`)).toHaveLength(2); // the version is in the bundle once
  variant = Buffer.from(text.replace(`"${version}"`, `"${VARIANT}"`), 'utf8');
  dir = mkdtempSync(path.join(tmpdir(), 'pijat-flash-kaluma-'));
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** The emulated board as the flasher's link and clock. */
function emulated(g: Glove): Pick<FlashEnv, 'open' | 'clock'> {
  const link: OpenLink = {
    write: (bytes) => {
      g.send(bytes);
      return Promise.resolve();
    },
    onData: (l) => g.usb.onData(l),
    close: () => Promise.resolve(),
  };
  const clock: Clock = { now: () => g.now() * 1000, until: (done, ms) => g.runUntil(done, ms / 1000) };
  return { open: () => Promise.resolve(link), clock };
}

function plan(name: string, program: Buffer, expect: string | undefined, port = 'emulated-usb'): FlashPlan {
  const file = path.join(dir, name);
  writeFileSync(file, program);
  return { board: 'kaluma', port, file, version: expect, command: 'kaluma', args: [], save: true };
}

/** What the board's flash holds as Kaluma's program: up to the NUL `.flash -w` writes after it. */
function programInFlash(g: Glove): Buffer {
  const flash = g.machine.mcu.flash;
  const end = flash.indexOf(0, KALUMA_PROGRAM_OFFSET);
  return Buffer.from(flash.subarray(KALUMA_PROGRAM_OFFSET, end));
}

const FAST_HANDOVER = { silentMs: 600, maxMs: 2000, resendMs: 300 };

describe.skipIf(missing !== undefined)('pijat flash on the real Kaluma 1.2.1 (rp2040js)', () => {
  it('re-flashes a streaming glove, then flashes it again through a serial port; each new firmware runs, streams, and survives a power cycle', async () => {
    const g = await createGlove({ board: 'kaluma', program: original });
    expect(await g.runUntil(() => streamFacts(g.received).samples.length > 10, 6)).toBe(true);
    expect(streamFacts(g.received).descriptors[0]!.firmware_version).toBe(version);
    const timings: string[] = [];
    const flashes = [
      // 1. the emulated USB as the link, waits run the emulator
      { name: 'variant.js', program: variant, expected: VARIANT, before: version, serial: false },
      // 2. the default link, as users have it: serialport (115200) on a pty that socat joins to the
      //    emulated USB, while the emulator runs in the background
      { name: 'original.js', program: original, expected: version, before: VARIANT, serial: true },
    ];
    for (const f of flashes) {
      if (f.serial && !hasSocat) {
        console.warn('[flash-kaluma] socat is missing: the second flash goes over the emulated USB link too');
      }
      const served = f.serial && hasSocat ? await serveGlove(g, { pty: true, cliPauses: false }) : undefined;
      const from = g.received.length;
      const wall = performance.now();
      const said: string[] = [];
      let out: FlashOutcome;
      try {
        const env: Partial<FlashEnv> = served !== undefined ? { clock: emulatedClock(g) } : emulated(g);
        out = await flashGlove(plan(f.name, f.program, f.expected, served?.serialPath), { ...env, timing: FAST_HANDOVER, verifyMs: 6000, say: (e) => said.push(e.en) });
      } finally {
        await served?.stop();
      }
      timings.push(`${f.name}${served !== undefined ? ' (serial port)' : ''}: ${(out.ms / 1000).toFixed(2)} emulated s (upload ${(out.uploadMs / 1000).toFixed(2)}), ${((performance.now() - wall) / 1000).toFixed(1)} wall s, receiver ${receiverAnswers(g.received.subarray(from))}`);
      expect(out.handover).toBe('handed_over'); // the streaming glove acked `console`: no Ctrl-C needed
      expect(out.before?.firmware_version).toBe(f.before); // it said what ran before (`describe`)
      expect(out.after).toMatchObject({ firmware_version: f.expected, board: 'kaluma-pico', protocol_version: 2 });
      expect(said).toContain(FIRMWARE.console_handed_over.en);
      expect(programInFlash(g).equals(f.program)).toBe(true);
      // The REPL had the link only between the handover and `.load`; now the new firmware streams.
      const since = g.received.length;
      await g.run(1);
      const facts = streamFacts(g.received.subarray(since));
      expect(facts.samples.length).toBeGreaterThan(30);
      expect(facts.counters.crc_errors).toBe(0);
      const session = g.received.subarray(from).toString('latin1');
      expect(session).toContain('soft reset');
      expect(session).toMatch(/Transfer a file via YMODEM[^]*\r\nDone\r\n/);
    }
    console.log(`[flash-kaluma] ${timings.join('; ')}`);

    // Power cycle: a new chip with the same flash boots Kaluma, which runs the program in flash.
    const again = new Glove({ board: 'kaluma' });
    again.machine.mcu.flash.set(g.machine.mcu.flash);
    expect(await again.runUntil(() => streamFacts(again.received).descriptors.length > 0, 6)).toBe(true);
    expect(streamFacts(again.received).descriptors[0]!.firmware_version).toBe(version);
  }, 300_000);

  it('gets the REPL with Ctrl-C from a board whose program never answers, and flashes it', async () => {
    // A program busy in JavaScript for ever: no frames, no acks, the REPL never gets a byte.
    const g = await createGlove({ board: 'kaluma', program: 'while (true) {}\n' });
    await g.run(0.3);
    const out = await flashGlove(plan('variant.js', variant, VARIANT), { ...emulated(g), timing: FAST_HANDOVER, verifyMs: 6000 });
    expect(out.handover).toBe('silent');
    expect(out.after.firmware_version).toBe(VARIANT);
    expect(programInFlash(g).equals(variant)).toBe(true);
  }, 180_000);

  it('fails with a clear message when the uploaded program does not start a glove', async () => {
    const g = await createGlove({ board: 'kaluma', load: 'none' });
    const bad = plan('hello.js', Buffer.from('console.log("hello from a program that is not the glove");\n'), version);
    let error: unknown;
    try {
      await flashGlove(bad, { ...emulated(g), timing: FAST_HANDOVER, verifyMs: 2500 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlashError);
    const e = error as FlashError;
    expect(e.exitCode).toBe(1);
    expect(e.message).toMatch(/^The glove on emulated-usb sent something, but no Pijat data, within 3 s after the upload: the new firmware does not run\. Unplug the glove, connect GP22 to GND/);
    expect(e.entry.id).toMatch(/hubungkan GP22 ke GND/);
    // it was written and ran all the same
    expect(programInFlash(g).toString()).toContain('hello from a program');
    expect(g.received.toString('latin1')).toContain('hello from a program that is not the glove');
  }, 120_000);
});

/** What Kaluma's YMODEM receiver sent between its "Transfer a file" line and its verdict: counts of ACK, NAK, 'C', CAN. */
function receiverAnswers(session: Buffer): string {
  const text = session.toString('latin1');
  const m = /Transfer a file via YMODEM[^\n]*\n([^]*?)\r\n(Done|The file size is too large|Verification failed|Aborted|Failed to receive)\r\n/.exec(text);
  if (m === null) return '(no transfer seen)';
  const count = (c: string): number => m[1]!.split(c).length - 1;
  return `${count('\x06')} ACK, ${count('C')} C, ${count('\x15')} NAK, ${count('\x18')} CAN`;
}
