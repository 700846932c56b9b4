// A glove that is unplugged and plugged in again starts streaming, descriptor first, soon after
// it reappears. Opening a serial port throws away what arrived before (serialport flushes the
// input on open), so the host must have the port open again before the glove's first frame:
// here the device end (a socat pty) comes back and writes its descriptor 0.3 s later, and the
// host, which watches the vanished device node, has it.
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../host/transport/serial';
import type { TransportStatus } from '../../host/transport/types';
import { Decoder } from '../../shared/protocol/decoder';
import type { Message } from '../../shared/protocol/types';
import { encodeMessage, referenceDescriptor } from '../protocol/helpers';
import { until } from '../support/until';
import { hasSocat, ptyPair } from '../support/socat';

const suite = hasSocat ? describe : describe.skip;
if (!hasSocat) console.warn('serial-reopen: socat is missing, so this suite is skipped. Install it with: sudo apt-get install -y socat');

const pty = ptyPair('reopen');
const { A, B } = pty;
const startSocat = pty.start;
const stop = pty.stop;
afterAll(() => pty.stopAll());

suite('serial port reopened in time for the glove\'s first frames (socat pty)', () => {
  it.each([1, 2, 3])('round %i: the descriptor written 0.3 s after the device comes back arrives', async (round) => {
    let socat = startSocat();
    await until('the socat links', () => existsSync(A) && existsSync(B), 5000);
    const host = await SerialTransport.open(B);
    const statuses: TransportStatus[] = [];
    host.onStatus((s) => statuses.push(s));
    const dec = new Decoder();
    const got: Message[] = [];
    host.onData((c) => dec.push(c, (m) => got.push(m)));

    await stop(socat);
    await until('the host to see the glove gone', () => statuses.some((s) => s.type === 'disconnected'), 15_000);
    socat = startSocat();
    await until('the device end back', () => existsSync(A), 5000);
    await new Promise((r) => setTimeout(r, 300));
    const fd = openSync(A, 'w');
    writeSync(fd, encodeMessage(referenceDescriptor(100 * round, 0)));
    closeSync(fd);
    await until('the descriptor', () => got.some((m) => m.type === 'descriptor'), 3000);
    expect(statuses.filter((s) => s.type === 'reconnected')).toHaveLength(1);
    expect(dec.counters.junk_bytes).toBe(0);
    await host.close();
    await stop(socat);
  }, 40_000);
});
