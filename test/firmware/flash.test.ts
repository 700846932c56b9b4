// `pijat flash`: the plan it makes, its errors, and a real upload with the espruino CLI to a
// board stand-in listening on 127.0.0.1 (the CLI's tcp:// transport; it does not open ptys).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFirmware } from '../../firmware/build';
import { commandLine, firmwareFile, packageRoot, planFlash, runFlash } from '../../host/cli/flash';
import { UserError } from '../../host/cli/errors';
import { FIRMWARE } from '../../shared/i18n/firmware';

const root = packageRoot(join(__dirname, '..', '..', 'host', 'cli'));
/** The espruino CLI is an optional dependency: the upload tests need it. */
const hasEspruinoCli = ((): boolean => {
  try {
    createRequire(join(root, 'package.json')).resolve('espruino/bin/espruino-cli.js');
    return true;
  } catch {
    console.warn('test/firmware/flash.test.ts: the espruino CLI is not installed (npm install espruino); skipping the upload tests');
    return false;
  }
})();

beforeAll(async () => {
  await buildFirmware();
});

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

/** A stand-in board: records what the CLI sends and answers with a prompt, like the REPL. */
function fakeBoard(): Promise<{ port: number; received: () => string; close: () => void }> {
  const chunks: Buffer[] = [];
  const server = net.createServer((s) => {
    s.on('data', (d) => {
      chunks.push(d);
      s.write('\r\n>');
    });
    s.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, received: () => Buffer.concat(chunks).toString('latin1'), close: () => server.close() });
    });
  });
}

/** The REPL text without the CLI's control characters (0x10 echo-off, ESC before line breaks). */
function replText(raw: string): string {
  return raw.replace(/[\x10\x1b]/g, '');
}

describe('pijat flash', () => {
  it.skipIf(!hasEspruinoCli)('plans the espruino CLI upload with the local board file and save()', () => {
    const port = join(mkdtempSync(join(tmpdir(), 'pijat-port-')), 'ttyACM0');
    writeFileSync(port, '');
    const plan = planFlash({ port }, root);
    expect(plan.command).toBe(process.execPath);
    expect(plan.args.slice(1)).toEqual(['--no-ble', '-p', port, '--board', join(root, 'firmware/espruino-board/PICO_R1_3.json'), firmwareFile(root, 'espruino'), '-e', 'save()']);
    expect(plan.args[0]).toMatch(/espruino[/\\]bin[/\\]espruino-cli\.js$/);
    expect(planFlash({ port, save: false }, root).args).not.toContain('save()');
    expect(commandLine(plan)).toMatch(/^node .*espruino-cli\.js --no-ble -p .* -e "save\(\)"$/);
    const k = planFlash({ port, board: 'kaluma' }, root);
    expect([k.command, ...k.args]).toEqual(['npx', '--yes', '@kaluma/cli', 'flash', firmwareFile(root, 'kaluma'), '--port', port]);
  });

  it('has every message in both languages with the same placeholders', () => {
    const holes = (x: string): string[] => (x.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, e] of Object.entries(FIRMWARE)) {
      expect(e.id.length, key).toBeGreaterThan(0);
      expect(e.en.length, key).toBeGreaterThan(0);
      expect(holes(e.id), key).toEqual(holes(e.en));
    }
  });

  it('says what is missing and how to fix it', () => {
    expect(userError(() => planFlash({}, root)).message).toMatch(/--port PATH .* pijat ports/);
    expect(userError(() => planFlash({ port: '/dev/ttyNOPE9' }, root)).message).toBe(
      'Port /dev/ttyNOPE9 does not exist. Plug the glove in over USB, then list the ports with: pijat ports');
    expect(userError(() => planFlash({ port: 'COM3', board: 'arduino' }, root)).message).toMatch(/--board espruino or --board kaluma/);
    const empty = mkdtempSync(join(tmpdir(), 'pijat-root-'));
    writeFileSync(join(empty, 'package.json'), '{}');
    expect(userError(() => planFlash({ port: 'COM3' }, empty)).message).toMatch(/pijat-espruino\.js does not exist\. Build it with: npm run build/);
    expect(userError(() => planFlash({ port: 'COM3' }, empty)).entry.id).toMatch(/npm run build/);
  });

  it.skipIf(!hasEspruinoCli)('uploads the built file and save() through the real espruino CLI', async () => {
    const board = await fakeBoard();
    try {
      const out = new PassThrough();
      let log = '';
      out.on('data', (d: Buffer) => { log += d.toString(); });
      await runFlash(planFlash({ port: `tcp://127.0.0.1:${board.port}` }, root), out);
      const sent = replText(board.received());
      const firmware = readFileSync(firmwareFile(root, 'espruino'), 'utf8');
      // every line of code arrives (the CLI drops comment lines)
      for (const line of firmware.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'))) expect(sent).toContain(line);
      expect(sent.trimEnd().endsWith('save()')).toBe(true);
      expect(sent.indexOf('reset();')).toBeLessThan(sent.indexOf('"use strict"'));
      expect(log).toContain('Upload Complete');
    } finally {
      board.close();
    }
  }, 60_000);

  it.skipIf(!hasEspruinoCli)('leaves save() out with --no-save', async () => {
    const board = await fakeBoard();
    try {
      await runFlash(planFlash({ port: `tcp://127.0.0.1:${board.port}`, save: false }, root), new PassThrough());
      expect(replText(board.received())).not.toContain('save()');
    } finally {
      board.close();
    }
  }, 60_000);
});
