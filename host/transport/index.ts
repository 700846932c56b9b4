// Byte sources behind one interface: serial port (with reconnect), capture file, simulator.
import { FileReplay, type FileReplayOptions } from './file-replay';
import { SerialTransport, type SerialOptions } from './serial';
import { SimLink, type SimLinkOptions } from './sim-link';
import type { Transport } from './types';

export type { Transport, TransportStatus } from './types';
export { SerialTransport, RETRY_MS, openError, type SerialOptions } from './serial';
export { FileReplay, readCapture, type FileReplayOptions } from './file-replay';
export { SimLink, type SimLinkOptions } from './sim-link';
export { listGloves, classifyPort, type PortEntry, type PortBoard } from './ports';

export type Source =
  | ({ port: string } & SerialOptions)
  | ({ file: string } & FileReplayOptions)
  | { sim: SimLinkOptions };

/** Opens whichever source is given. */
export async function openTransport(src: Source): Promise<Transport> {
  if ('port' in src) return SerialTransport.open(src.port, src);
  if ('file' in src) return FileReplay.open(src.file, src);
  return new SimLink(src.sim);
}
export { TransportError } from './errors';
