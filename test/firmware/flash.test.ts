// `pijat flash`: the plan it makes, its errors and messages, the YMODEM sender against a receiver
// that behaves like Kaluma's (src/ymodem.c), and a real upload with the espruino CLI to a board
// stand-in listening on 127.0.0.1 (the CLI's tcp:// transport; it does not open ptys). The flash
// against the real engines is in test/engines/flash-*.test.ts.
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
import { withAdvice } from '../../host/flash/errors';
import { realClock, type ByteLink } from '../../host/flash/link';
import { flashGlove, recoveryFor } from '../../host/flash/run';
import { parseTcpPort } from '../../host/flash/tcp';
import {
  ACK, BLOCK_1K, CAN, CRC_REQUEST, crc16Xmodem, dataBlocks, EOT, headerBlock, NAK, PAD, sendYmodem, SOH, STX,
} from '../../host/flash/ymodem';
import { FIRMWARE } from '../../shared/i18n/firmware';

const root = packageRoot(join(__dirname, '..', '..', 'host', 'cli'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
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

function tempPort(): string {
  const port = join(mkdtempSync(join(tmpdir(), 'pijat-port-')), 'ttyACM0');
  writeFileSync(port, '');
  return port;
}

describe('pijat flash: plan', () => {
  it.skipIf(!hasEspruinoCli)('plans the espruino CLI upload with the local board file and save(), and the version to expect', () => {
    const port = tempPort();
    const plan = planFlash({ port }, root);
    expect(plan.command).toBe(process.execPath);
    expect(plan.args.slice(1)).toEqual(['--no-ble', '-p', port, '--board', join(root, 'firmware/espruino-board/PICO_R1_3.json'), firmwareFile(root, 'espruino'), '-e', 'save()']);
    expect(plan.args[0]).toMatch(/espruino[/\\]bin[/\\]espruino-cli\.js$/);
    expect(plan.version).toBe(version);
    expect(planFlash({ port, save: false }, root).args).not.toContain('save()');
    expect(commandLine(plan)).toMatch(/^node .*espruino-cli\.js --no-ble -p .* -e "save\(\)"$/);
    const rp = planFlash({ port, board: 'espruino-rp2040' }, root);
    expect(rp.args).toContain(join(root, 'firmware/espruino-board/RP2040_PICO.json'));
    expect(rp.args).toContain(firmwareFile(root, 'espruino-rp2040'));
    // Kaluma: pijat sends the file itself; --print shows the same upload with the Kaluma CLI
    const k = planFlash({ port, board: 'kaluma' }, root);
    expect([k.command, ...k.args]).toEqual(['kaluma', 'flash', firmwareFile(root, 'kaluma'), '--port', port]);
    expect(k.version).toBe(version);
    // --file: that file, of a version nobody knows (any is accepted) unless given
    const own = join(mkdtempSync(join(tmpdir(), 'pijat-file-')), 'mine.js');
    writeFileSync(own, 'x');
    expect(planFlash({ port, board: 'kaluma', file: own }, root)).toMatchObject({ file: own, version: undefined });
    expect(planFlash({ port, board: 'kaluma', file: own, version: '1.2.3' }, root).version).toBe('1.2.3');
    expect(parseTcpPort('tcp://127.0.0.1:4567')).toEqual({ host: '127.0.0.1', port: 4567 });
    expect(parseTcpPort('tcp://espruino.local')).toEqual({ host: 'espruino.local', port: 23 });
  });

  it('has every message in both languages with the same placeholders', () => {
    const holes = (x: string): string[] => (x.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, e] of Object.entries(FIRMWARE)) {
      expect(e.id.length, key).toBeGreaterThan(0);
      expect(e.en.length, key).toBeGreaterThan(0);
      expect(holes(e.id), key).toEqual(holes(e.en));
    }
    // {advice} is another message in the same language: the board's power-up recovery
    for (const board of ['espruino', 'espruino-rp2040', 'kaluma'] as const) {
      const m = withAdvice(FIRMWARE.verify_silent, recoveryFor(board));
      expect(m.id).not.toContain('{advice}');
      expect(m.en).toContain(recoveryFor(board).en);
      expect(m.id).toContain(recoveryFor(board).id);
    }
  });

  it('says what is missing and how to fix it', () => {
    expect(userError(() => planFlash({}, root)).message).toMatch(/--port PATH .* pijat ports/);
    expect(userError(() => planFlash({ port: '/dev/ttyNOPE9' }, root)).message).toBe(
      'Port /dev/ttyNOPE9 does not exist. Plug the glove in over USB, then list the ports with: pijat ports');
    expect(userError(() => planFlash({ port: 'COM3', board: 'arduino' }, root)).message).toMatch(/--board espruino, --board espruino-rp2040 or --board kaluma/);
    const empty = mkdtempSync(join(tmpdir(), 'pijat-root-'));
    writeFileSync(join(empty, 'package.json'), '{}');
    expect(userError(() => planFlash({ port: 'COM3', board: 'kaluma' }, empty)).message).toMatch(/pijat-kaluma\.js does not exist\. Build it with: npm run build/);
    expect(userError(() => planFlash({ port: 'COM3', board: 'kaluma' }, empty)).entry.id).toMatch(/npm run build/);
    expect(userError(() => planFlash({ port: 'COM3', board: 'kaluma', file: '/nope/x.js' }, root)).message).toMatch(/x\.js does not exist\. Check the path given to --file/);
  });

  it('a tcp:// board that does not answer is a clear error, not a stack trace', async () => {
    const server = net.createServer();
    const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)));
    await new Promise<void>((r) => server.close(() => r()));
    const plan = planFlash({ port: `tcp://127.0.0.1:${port}`, board: 'kaluma' }, root);
    await expect(flashGlove(plan)).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/^Could not connect to tcp:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\)\. Check the network address/) });
  });
});

// ------------------------------------------------------------------------------ YMODEM

interface ReceiverBehaviour {
  /** Data block numbers (1-based) answered with NAK the first time. */
  nak?: number[];
  /** Data block numbers not answered the first time (the sender must time out and resend). */
  mute?: number[];
  /** Data block number answered with CAN CAN (Kaluma: flash write failed). */
  cancelAt?: number;
  /** NAK the first EOT, as a classic receiver does (Kaluma acks it). */
  nakFirstEot?: boolean;
  /** Never say 'C'. */
  dead?: boolean;
}

/** A receiver that answers like Kaluma's km_ymodem_receive(): 'C' to start, ACK 'C' after block 0, ACK per block. */
class FakeReceiver implements ByteLink {
  readonly received: number[] = [];
  name = '';
  size = -1;
  finished = false;
  aborted = false;
  readonly blocksSeen: number[] = [];
  private readonly listeners = new Set<(c: Uint8Array) => void>();
  private buf: number[] = [];
  private expected = 0;
  private readonly once = new Set<string>();
  private eotSeen = false;

  constructor(private readonly b: ReceiverBehaviour = {}) {
    if (!b.dead) setTimeout(() => this.answer(CRC_REQUEST), 5);
  }

  onData(l: (c: Uint8Array) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private answer(...bytes: number[]): void {
    setImmediate(() => {
      for (const l of [...this.listeners]) l(Uint8Array.from(bytes));
    });
  }

  private first(key: string): boolean {
    if (this.once.has(key)) return false;
    this.once.add(key);
    return true;
  }

  write(bytes: Uint8Array): Promise<void> {
    this.buf.push(...bytes);
    this.consume();
    return Promise.resolve();
  }

  private consume(): void {
    while (this.buf.length > 0 && !this.finished && !this.aborted) {
      const start = this.buf[0]!;
      if (start === EOT) {
        this.buf.shift();
        if (this.b.nakFirstEot && this.first('eot')) this.answer(NAK);
        else {
          this.eotSeen = true;
          this.expected = 0;
          this.answer(ACK);
        }
        continue;
      }
      if (start === CAN) {
        this.buf.shift();
        if (this.buf[0] === CAN) this.aborted = true;
        continue;
      }
      if (start !== SOH && start !== STX) {
        this.buf.shift();
        continue;
      }
      const size = start === STX ? 1024 : 128;
      if (this.buf.length < size + 5) return;
      const packet = this.buf.splice(0, size + 5);
      const n = packet[1]!;
      const payload = Uint8Array.from(packet.slice(3, 3 + size));
      const crc = (packet[3 + size]! << 8) | packet[4 + size]!;
      if (n !== 0xff - packet[2]! || crc16Xmodem(payload) !== crc) {
        this.answer(NAK);
        continue;
      }
      if (n !== (this.expected & 0xff)) {
        this.answer(NAK);
        continue;
      }
      if (this.expected === 0) {
        if (payload[0] === 0) {
          this.finished = this.eotSeen;
          this.answer(ACK);
          continue;
        }
        const nul = payload.indexOf(0);
        this.name = Buffer.from(payload.subarray(0, nul)).toString('latin1');
        const sizeText = Buffer.from(payload.subarray(nul + 1)).toString('latin1');
        this.size = Number(sizeText.slice(0, sizeText.indexOf(' ')));
        this.expected = 1;
        this.answer(ACK, CRC_REQUEST);
        continue;
      }
      const k = this.expected;
      this.blocksSeen.push(k);
      if (this.b.cancelAt === k) {
        this.answer(CAN, CAN);
        this.aborted = true;
        return;
      }
      if (this.b.nak?.includes(k) && this.first(`nak${k}`)) {
        this.answer(NAK);
        continue;
      }
      if (this.b.mute?.includes(k) && this.first(`mute${k}`)) continue;
      this.received.push(...payload);
      this.expected++;
      this.answer(ACK);
    }
  }

  get file(): Buffer {
    return Buffer.from(this.received.slice(0, this.size));
  }
}

const FAST = { startMs: 300, blockMs: 150, headerMs: 150, retries: 4 };

describe('pijat flash: YMODEM sender', () => {
  const file = Buffer.from(Array.from({ length: 3 * BLOCK_1K + 100 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));

  it('builds blocks as Kaluma checks them: CRC-16/XMODEM big-endian, number and complement, "name\\0size " header', () => {
    expect(crc16Xmodem(Buffer.from('123456789'))).toBe(0x31c3);
    const h = headerBlock('pijat-kaluma.js', 11486);
    expect(h[0]).toBe(SOH);
    expect([h[1], h[2]]).toEqual([0, 0xff]);
    expect(Buffer.from(h.subarray(3, 3 + 22)).toString('latin1')).toBe('pijat-kaluma.js\x0011486 ');
    const blocks = dataBlocks(file);
    expect(blocks).toHaveLength(4);
    expect(blocks.map((b) => [b[0], b[1], b[2]])).toEqual([[STX, 1, 254], [STX, 2, 253], [STX, 3, 252], [STX, 4, 251]]);
    expect(blocks[3]![3 + 100]).toBe(PAD);
  });

  it('sends a file that arrives byte for byte', async () => {
    const r = new FakeReceiver();
    const progress: number[] = [];
    const res = await sendYmodem(r, realClock, 'pijat-kaluma.js', file, { ...FAST, onProgress: (sent) => progress.push(sent) });
    expect(res).toMatchObject({ ok: true, acked: 4, blocks: 4, resent: 0 });
    expect(r.finished).toBe(true);
    expect(r.name).toBe('pijat-kaluma.js');
    expect(r.file.equals(file)).toBe(true);
    expect(progress).toEqual([1024, 2048, 3072, file.length]);
  });

  it('sends a block again after a NAK, after no answer, and an EOT a classic receiver NAKs', async () => {
    const r = new FakeReceiver({ nak: [2], mute: [3], nakFirstEot: true });
    const res = await sendYmodem(r, realClock, 'f.js', file, FAST);
    expect(res).toMatchObject({ ok: true, resent: 3 });
    expect(r.blocksSeen).toEqual([1, 2, 2, 3, 3, 4]);
    expect(r.file.equals(file)).toBe(true);
  });

  it('stops on the receiver\'s CAN CAN, and cancels itself when nothing answers', async () => {
    const c = new FakeReceiver({ cancelAt: 2 });
    expect(await sendYmodem(c, realClock, 'f.js', file, FAST)).toMatchObject({ ok: false, failure: 'cancelled', acked: 1 });
    const dead = new FakeReceiver({ dead: true });
    expect(await sendYmodem(dead, realClock, 'f.js', file, FAST)).toMatchObject({ ok: false, failure: 'no_receiver', acked: 0 });
    const deaf = new FakeReceiver({ mute: [1] });
    const res = await sendYmodem(deaf, realClock, 'f.js', file, { ...FAST, retries: 1 });
    expect(res).toMatchObject({ ok: false, failure: 'no_answer', acked: 0 });
    expect(deaf.aborted).toBe(true); // our CAN CAN reached it
  });
});

// ------------------------------------------------------------------------------ espruino CLI

describe('pijat flash: the espruino CLI upload', () => {
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

  it.skipIf(!hasEspruinoCli)('fails with what to do when the board never streams after the upload (the old "uploaded, nothing happened")', async () => {
    const board = await fakeBoard(); // a REPL that takes everything and never runs a glove
    try {
      const plan = planFlash({ port: `tcp://127.0.0.1:${board.port}` }, root);
      await expect(flashGlove(plan, { out: new PassThrough(), verifyMs: 1500, timing: { silentMs: 300, maxMs: 900, resendMs: 100 } })).rejects.toMatchObject({
        exitCode: 1,
        message: expect.stringMatching(/^No data from the glove on tcp:\/\/127\.0\.0\.1:\d+ within 2 s after the upload: the new firmware does not run\. Unplug the glove, hold its button/),
      });
    } finally {
      board.close();
    }
  }, 60_000);
});
