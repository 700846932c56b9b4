// SerialTransport over serialport's mock binding: data, writes, clear open errors, and the
// disconnect -> retry -> reconnect cycle. (The real serialport over a pty: test/e2e/serial-pty.)
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport, openError, type BindingInterface } from '../../host/transport/serial';
import type { TransportStatus } from '../../host/transport/types';
import { until } from '../support/until';

const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

/** MockBinding that remembers the ports it opened, so a test can pull the plug. */
function binding(): { binding: BindingInterface; opened: MockPortBinding[] } {
  const opened: MockPortBinding[] = [];
  const b = {
    list: () => MockBinding.list(),
    open: async (o: Parameters<typeof MockBinding.open>[0]) => {
      const p = await MockBinding.open(o);
      opened.push(p);
      return p;
    },
  };
  return { binding: b as unknown as BindingInterface, opened };
}


afterEach(() => MockBinding.reset());

describe('SerialTransport', () => {
  it('refuses a missing port with a message naming it and the fix', async () => {
    MockBinding.createPort('/dev/ttyGLOVE0');
    const { binding: b } = binding();
    await expect(SerialTransport.open('/dev/ttyNOPE', { binding: b })).rejects.toThrow(/\/dev\/ttyNOPE does not exist.*pijat ports/);
  });

  it('maps open errors to what the user can do', () => {
    expect(openError('COM3', new Error('Error: Access denied, cannot open COM3')).message).toMatch(/No permission.*COM3/);
    expect(openError('/dev/ttyACM0', new Error('Error Resource temporarily unavailable Cannot lock port')).message).toMatch(/in use/);
    expect(openError('/dev/ttyACM0', new Error('EIO weird')).message).toMatch(/Cannot open the serial port \/dev\/ttyACM0: EIO weird/);
  });

  it('delivers data, writes commands, and closes', async () => {
    MockBinding.createPort('/dev/ttyGLOVE0', { record: true });
    const { binding: b, opened } = binding();
    const t = await SerialTransport.open('/dev/ttyGLOVE0', { binding: b });
    const statuses: TransportStatus[] = [];
    t.onStatus((s) => statuses.push(s));
    const got: number[] = [];
    t.onData((c) => got.push(...c));
    opened[0]!.emitData(Buffer.from([0xa5, 1, 2, 3]));
    await until('4 bytes', () => got.length === 4);
    expect(got).toEqual([0xa5, 1, 2, 3]);
    await t.write(new Uint8Array([9, 8, 7]));
    expect([...opened[0]!.recording]).toEqual([9, 8, 7]);
    await t.close();
    expect(statuses.map((s) => s.type)).toEqual(['open', 'closed']);
  });

  it('survives the device going away: disconnected, retries, reconnected with the gap, data again', async () => {
    MockBinding.createPort('/dev/ttyGLOVE0');
    const { binding: b, opened } = binding();
    const t = await SerialTransport.open('/dev/ttyGLOVE0', { binding: b, retryMs: 50 });
    const statuses: TransportStatus[] = [];
    t.onStatus((s) => statuses.push(s));
    const got: number[] = [];
    t.onData((c) => got.push(...c));
    // Unplug: the port disappears and the pending read fails as a disconnect.
    const port = opened[0]!;
    port.read = () => Promise.reject(Object.assign(new Error('device unplugged'), { disconnected: true }));
    MockBinding.reset();
    port.emitData(Buffer.from([1]));
    await until('the disconnect', () => statuses.some((s) => s.type === 'disconnected'));
    await expect(t.write(new Uint8Array([1]))).rejects.toThrow(/disconnected/);
    await new Promise((r) => setTimeout(r, 300));
    expect(statuses.some((s) => s.type === 'reconnected')).toBe(false);
    // Plug back in.
    MockBinding.createPort('/dev/ttyGLOVE0');
    await until('the reconnect', () => statuses.some((s) => s.type === 'reconnected'));
    const re = statuses.find((s) => s.type === 'reconnected') as Extract<TransportStatus, { type: 'reconnected' }>;
    expect(re.gap_s).toBeGreaterThanOrEqual(0.25);
    expect(t.connected).toBe(true);
    opened.at(-1)!.emitData(Buffer.from([0xa5, 0x42]));
    await until('the byte sent after the reconnect', () => got.includes(0x42));
    await t.close();
    expect(statuses.at(-1)!.type).toBe('closed');
  });

  it('does not reconnect after close()', async () => {
    MockBinding.createPort('/dev/ttyGLOVE0');
    const { binding: b, opened } = binding();
    const t = await SerialTransport.open('/dev/ttyGLOVE0', { binding: b, retryMs: 20 });
    t.onData(() => {});
    await t.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(opened).toHaveLength(1);
    expect(t.connected).toBe(false);
  });
});
