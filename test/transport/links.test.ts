// FileReplay, SimLink, port listing and the openTransport facade.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../host/sim';
import { FileReplay, SimLink, classifyPort, listGloves, openTransport, type Transport, type TransportStatus } from '../../host/transport';
import { Decoder } from '../../shared/protocol/decoder';
import { CommandSender } from '../../shared/protocol/command-text';
import { encodeCommand, encodeCommandText } from '../../shared/protocol/encode';
import { ACK_OK, CMD_CONSOLE, CMD_DESCRIBE, CMD_START, CMD_STOP, EVENT_STOPPED } from '../../shared/protocol/constants';
import type { Message } from '../../shared/protocol/types';
import { until } from '../support/until';

const dir = mkdtempSync(join(tmpdir(), 'pijat-transport-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collect(t: Transport): { bytes: number[]; statuses: TransportStatus[]; times: number[] } {
  const out = { bytes: [] as number[], statuses: [] as TransportStatus[], times: [] as number[] };
  t.onStatus((s) => out.statuses.push(s));
  t.onData((c) => {
    out.bytes.push(...c);
    out.times.push(performance.now());
  });
  return out;
}


describe('FileReplay', () => {
  const capture = simulate({ scenario: 'good', seed: 1, duration_s: 4 }).bytes();
  const file = join(dir, 'c.bin');
  writeFileSync(file, capture);

  it('replays every byte in order, then reports the end', async () => {
    const t = await openTransport({ file });
    const c = collect(t);
    await until('the end of the link', () => c.statuses.some((s) => s.type === 'end'));
    expect(c.bytes.length).toBe(capture.length);
    expect(Buffer.compare(Buffer.from(c.bytes), Buffer.from(capture))).toBe(0);
    expect(c.statuses[0]).toEqual({ type: 'open', name: file });
    await t.write(new Uint8Array([1])); // a recording ignores commands
    await t.close();
  });

  it('paces by the device time stamps when asked (4 s at 20x takes at least ~0.2 s)', async () => {
    const t = await FileReplay.open(file, { realtime: true, speed: 20 });
    const t0 = performance.now();
    const c = collect(t);
    await until('the end of the link', () => c.statuses.some((s) => s.type === 'end'));
    expect(c.bytes.length).toBe(capture.length);
    expect(c.times.at(-1)! - t0).toBeGreaterThanOrEqual(170);
    expect(c.times.length).toBeGreaterThan(10);
    await t.close();
  });

  it('names a missing file, a folder and an empty file', async () => {
    await expect(FileReplay.open(join(dir, 'none.bin'))).rejects.toThrow(/none\.bin does not exist/);
    mkdirSync(join(dir, 'sub'));
    await expect(FileReplay.open(join(dir, 'sub'))).rejects.toThrow(/sub is a folder/);
    writeFileSync(join(dir, 'e.bin'), '');
    await expect(FileReplay.open(join(dir, 'e.bin'))).rejects.toThrow(/e\.bin is empty/);
  });
});

describe('SimLink', () => {
  it('streams the simulated glove in (sped-up) real time and passes commands to it', async () => {
    const link = new SimLink({ scenario: 'good', seed: 3, speed: 10, loss_rate: 0 });
    expect(link.name).toBe('sim:good:3');
    const dec = new Decoder();
    const got: Message[] = [];
    link.onData((c) => dec.push(c, (m) => got.push(m)));
    await until('200 samples', () => got.filter((m) => m.type === 'sample').length >= 200);
    expect(got[0]!.type).toBe('descriptor');
    const deviceTime = got.at(-1)!.t_s;
    expect(deviceTime).toBeGreaterThan(1.9);
    await link.write(encodeCommandText({ seq: 7, cmd: CMD_STOP }));
    expect(got.some((m) => m.type === 'ack' && m.cmd === CMD_STOP && m.result === ACK_OK && m.cmd_seq === 7)).toBe(true);
    expect(got.at(-1)).toMatchObject({ type: 'status', event: EVENT_STOPPED });
    const n = got.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(got.length).toBe(n);
    await link.close();
  });

  it('keeps frames in order when a command is written from inside the data callback', async () => {
    const link = new SimLink({ scenario: 'good', seed: 4, speed: 10, loss_rate: 0 });
    const dec = new Decoder();
    const seqs: number[] = [];
    let asked = 0;
    link.onData((c) =>
      dec.push(c, (m) => {
        seqs.push(m.seq);
        // Reply synchronously, as a host reacting to a descriptor would.
        if (m.type === 'descriptor' && asked < 3) void link.write(encodeCommandText({ seq: 100 + asked++, cmd: CMD_DESCRIBE }));
      }),
    );
    await until('3 commands and 600 frames', () => asked >= 3 && seqs.length > 600);
    await link.close();
    for (let i = 1; i < seqs.length; i++) expect((seqs[i]! - seqs[i - 1]! + 65536) % 65536).toBe(1);
    expect(dec.counters.lost_frames).toBe(0);
  });

  it('takes version 2 text commands from a CommandSender, version 1 frames too; console silences it until start', async () => {
    const link = new SimLink({ scenario: 'good', seed: 5, speed: 10, loss_rate: 0 });
    const dec = new Decoder();
    const sender = new CommandSender(40);
    const got: Message[] = [];
    link.onData((c) => dec.push(c, (m) => {
      sender.observe(m);
      got.push(m);
    }));
    await until('a descriptor', () => got.some((m) => m.type === 'descriptor'));
    expect(sender.text).toBe(true);
    await link.write(sender.encode(CMD_DESCRIBE));
    await link.write(encodeCommand({ seq: 9, cmd: CMD_DESCRIBE }));
    const acks = got.filter((m) => m.type === 'ack');
    expect(acks.map((a) => a.type === 'ack' && [a.cmd_seq, a.result])).toEqual([[40, ACK_OK], [9, ACK_OK]]);
    await link.write(sender.encode(CMD_CONSOLE));
    expect(got.at(-2)).toMatchObject({ type: 'ack', cmd: CMD_CONSOLE, cmd_seq: 41, result: ACK_OK });
    expect(got.at(-1)).toMatchObject({ type: 'status', event: EVENT_STOPPED });
    const n = got.length;
    await link.write(sender.encode(CMD_DESCRIBE));
    await new Promise((r) => setTimeout(r, 100));
    expect(got.length).toBe(n);
    await link.write(sender.encode(CMD_START));
    await until('streaming again', () => got.slice(n).some((m) => m.type === 'sample'));
    expect(got[n]).toMatchObject({ type: 'ack', cmd: CMD_START, cmd_seq: 43 });
    await link.close();
  });

  it('reports the end after end_s', async () => {
    const t = await openTransport({ sim: { scenario: 'too-fast', seed: 1, speed: 50, end_s: 2, loss_rate: 0 } });
    const c = collect(t);
    await until('the end of the link', () => c.statuses.some((s) => s.type === 'end'));
    const dec = new Decoder();
    let samples = 0;
    dec.push(Uint8Array.from(c.bytes), (m) => {
      if (m.type === 'sample') samples++;
    });
    expect(samples).toBe(201);
    await t.close();
  });
});

describe('ports', () => {
  it('knows the glove boards by USB id', () => {
    expect(classifyPort({ vendorId: '0483', productId: '5740' })).toBe('espruino-pico');
    expect(classifyPort({ vendorId: '0x0483', productId: '0x5740' })).toBe('espruino-pico');
    expect(classifyPort({ vendorId: '2E8A', productId: '0005' })).toBe('rp2040');
    expect(classifyPort({ vendorId: '0483', productId: 'df11' })).toBe('other');
    expect(classifyPort({ vendorId: undefined, productId: undefined })).toBe('other');
  });

  it('lists gloves first, the rest as other', async () => {
    const info = (path: string, vendorId?: string, productId?: string) => ({
      path, vendorId, productId, manufacturer: undefined, serialNumber: undefined, pnpId: undefined, locationId: undefined,
    });
    const list = await listGloves(async () => [
      info('/dev/ttyS0'), info('/dev/ttyACM1', '2e8a', '0005'), info('/dev/ttyACM0', '0483', '5740'), info('/dev/ttyUSB0', '1a86', '7523'),
    ]);
    expect(list.map((p) => [p.path, p.board])).toEqual([
      ['/dev/ttyACM0', 'espruino-pico'], ['/dev/ttyACM1', 'rp2040'], ['/dev/ttyS0', 'other'], ['/dev/ttyUSB0', 'other'],
    ]);
  });
});

describe('pijat ports text', () => {
  it('shows gloves with their board name and says when none is a glove', async () => {
    const { renderPorts } = await import('../../host/cli/ports');
    const glove = { path: '/dev/ttyACM0', board: 'espruino-pico' as const, vendorId: '0483', productId: '5740', manufacturer: 'STMicroelectronics' };
    const other = { path: '/dev/ttyS0', board: 'other' as const };
    const both = renderPorts([glove, other], 'en');
    expect(both).toMatch(/\/dev\/ttyACM0\s+Espruino Pico\s+0483:5740\s+STMicroelectronics/);
    expect(both).not.toMatch(/No known glove/);
    expect(renderPorts([other], 'en')).toMatch(/No known glove/);
    expect(renderPorts([], 'id')).toMatch(/Tidak ada port serial/);
  });
});
