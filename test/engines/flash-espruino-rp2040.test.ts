// `pijat flash --board espruino-rp2040` against the REAL Espruino 2v29 image for the RP2040 in
// rp2040js (./rp2040/): the real espruino CLI uploads over tcp:// to the emulated board's USB,
// while the emulator runs alongside in the background (./flash-bridge.ts). The host side honours
// XON/XOFF at once (UsbHost.flowControl), as a host does next to a real board: the emulated board
// runs ~3-5x slower than wall time, so the CLI's own reaction to XOFF would come too late.
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFlash } from '../../host/flash/plan';
import { flashGlove } from '../../host/flash/run';
import { emulatedClock, serveGlove } from './flash-bridge';
import { skipReason } from './locate';
import { createGlove, Glove } from './rp2040/glove';
import { espruinoCliMissing, firmwareFiles, VARIANT } from './flash-firmware';
import { streamFacts } from './stream-facts';

const missing = skipReason('espruinoRp2040', 'bootrom') ?? espruinoCliMissing();
if (missing !== undefined) console.warn(`skipping the Espruino RP2040 flash tests: ${missing}`);

let version = '';
let dir = '';
let originalFile = '';
let variantFile = '';

beforeAll(async () => {
  if (missing !== undefined) return;
  ({ version, dir, originalFile, variantFile } = await firmwareFiles('espruino-rp2040'));
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(missing !== undefined)('pijat flash on the real Espruino RP2040 image (rp2040js) through the espruino CLI', () => {
  it('flashes a fresh board, re-flashes it while it streams, and the saved firmware starts at the next power-up', async () => {
    const g = await createGlove({ board: 'espruino-rp2040', load: 'none' });
    const bridge = await serveGlove(g, { flowControl: true });
    const timings: string[] = [];
    try {
      for (const [file, expected, handover] of [[originalFile, version, 'silent'], [variantFile, VARIANT, 'handed_over']] as const) {
        const wall = performance.now();
        const emu = g.now();
        const from = g.received.length;
        const cli = new PassThrough();
        let cliText = '';
        cli.on('data', (d: Buffer) => {
          cliText += d.toString();
        });
        const said: string[] = [];
        const plan = planFlash({ port: bridge.url, board: 'espruino-rp2040', file, version: expected });
        const env = { out: cli, clock: emulatedClock(g), say: (e: { en: string }) => said.push(`${(g.now() - emu).toFixed(2)} ${e.en}`) };
        const out = await flashGlove(plan, env).catch((e: unknown) => {
          throw new Error(`${String(e)}\nsteps: ${said.join(' | ')}\nCLI: ${cliText.slice(-1500)}\nthe board said: ${JSON.stringify(g.received.subarray(from).toString('latin1').slice(-1500))}`);
        });
        timings.push(`${expected}: ${(g.now() - emu).toFixed(2)} emulated s, ${((performance.now() - wall) / 1000).toFixed(1)} wall s`);
        expect(out.handover).toBe(handover);
        expect(out.after).toMatchObject({ firmware_version: expected, board: 'espruino-rp2040', protocol_version: 2 });
      }
      // it streams on (the emulator runs in the background: wait on its clock)
      const from = g.received.length;
      await emulatedClock(g).until(() => streamFacts(g.received.subarray(from)).samples.length > 30, 3000);
      expect(streamFacts(g.received.subarray(from)).samples.length).toBeGreaterThan(30);
    } finally {
      await bridge.stop();
    }
    console.log(`[flash-espruino-rp2040] ${timings.join('; ')}`);

    // Power cycle: a new chip with the same flash; Espruino loads the saved code.
    const again = new Glove({ board: 'espruino-rp2040' });
    again.machine.mcu.flash.set(g.machine.mcu.flash);
    expect(await again.runUntil(() => streamFacts(again.received).descriptors.length > 0, 6)).toBe(true);
    expect(streamFacts(again.received).descriptors[0]!.firmware_version).toBe(VARIANT);
  }, 240_000);
});
