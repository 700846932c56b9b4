// Serial ports as the `ports` command shows them: known glove boards first, the rest "other".
import { SerialPort } from 'serialport';

/** What serialport's list() returns per port. */
export type PortInfo = Awaited<ReturnType<typeof SerialPort.list>>[number];

export type PortBoard = 'espruino-pico' | 'rp2040' | 'other';

export interface PortEntry {
  path: string;
  board: PortBoard;
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
  serialNumber?: string;
}

/** Known USB ids: Espruino Pico (STM32 virtual COM port) 0483:5740; RP2040 boards 2e8a:*. */
export function classifyPort(info: Pick<PortInfo, 'vendorId' | 'productId'>): PortBoard {
  const vid = (info.vendorId ?? '').toLowerCase().replace(/^0x/, '');
  const pid = (info.productId ?? '').toLowerCase().replace(/^0x/, '');
  if (vid === '0483' && pid === '5740') return 'espruino-pico';
  if (vid === '2e8a') return 'rp2040';
  return 'other';
}

const ORDER: Record<PortBoard, number> = { 'espruino-pico': 0, rp2040: 1, other: 2 };

/** Every serial port, gloves first (then by path). */
export async function listGloves(list: () => Promise<PortInfo[]> = () => SerialPort.list()): Promise<PortEntry[]> {
  const ports = await list();
  return ports
    .map((p): PortEntry => ({
      path: p.path,
      board: classifyPort(p),
      vendorId: p.vendorId,
      productId: p.productId,
      manufacturer: p.manufacturer,
      serialNumber: p.serialNumber,
    }))
    .sort((a, b) => ORDER[a.board] - ORDER[b.board] || a.path.localeCompare(b.path));
}
