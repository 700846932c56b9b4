// Web Serial link to one glove: choose (user gesture) or reuse a port granted before, open it
// with a large buffer, read until stopped (AbortController) or the glove is unplugged, and
// notice a replug (Chrome gives a new SerialPort object: match it on getInfo()).

/** USB ids of the gloves' boards: Espruino Pico (STM32 VCP) and Raspberry Pi RP2040 (Kaluma). */
export const GLOVE_FILTERS: SerialPortFilter[] = [
  { usbVendorId: 0x0483, usbProductId: 0x5740 },
  { usbVendorId: 0x2e8a },
];

export type SerialFailure = 'unsupported' | 'insecure' | 'cancelled' | 'busy' | 'open_failed';

export class SerialFailureError extends Error {
  constructor(
    readonly kind: SerialFailure,
    readonly detail = '',
  ) {
    super(`${kind}${detail ? `: ${detail}` : ''}`);
  }
}

/** Why reading stopped: the user stopped it, the glove vanished, or its stream closed. */
export type EndReason = 'stopped' | 'lost' | 'ended';

export interface OpenGlove {
  port: SerialPort;
  /** Settles when reading has stopped and the port is closed. */
  done: Promise<EndReason>;
  stop(): Promise<EndReason>;
}

/** Errors after which Chrome hands out a fresh `port.readable` and reading can go on. */
const RECOVERABLE = new Set(['BufferOverrunError', 'BreakError', 'FramingError', 'ParityError']);

export function serialApi(): Serial | 'unsupported' | 'insecure' {
  const serial = (navigator as Navigator & { serial?: Serial }).serial;
  if (serial) return serial;
  return window.isSecureContext ? 'unsupported' : 'insecure';
}

export function isGlove(info: SerialPortInfo): boolean {
  return GLOVE_FILTERS.some(
    (f) =>
      info.usbVendorId === f.usbVendorId &&
      (f.usbProductId === undefined || info.usbProductId === f.usbProductId),
  );
}

export function sameDevice(a: SerialPortInfo, b: SerialPortInfo): boolean {
  return a.usbVendorId === b.usbVendorId && a.usbProductId === b.usbProductId;
}

/** A glove this site was allowed to use before (no chooser needed). */
export async function grantedGlove(serial: Serial): Promise<SerialPort | undefined> {
  const ports = await serial.getPorts();
  return ports.find((p) => isGlove(p.getInfo()));
}

/** Shows Chrome's port chooser, filtered to the gloves. Must run inside a user gesture. */
export async function chooseGlove(serial: Serial): Promise<SerialPort> {
  try {
    return await serial.requestPort({ filters: GLOVE_FILTERS });
  } catch (e) {
    if (errorName(e) === 'NotFoundError') throw new SerialFailureError('cancelled');
    throw new SerialFailureError('open_failed', errorText(e));
  }
}

export async function openGlove(port: SerialPort, onBytes: (chunk: Uint8Array) => void): Promise<OpenGlove> {
  try {
    // USB CDC ignores the baud rate; bufferSize keeps 100 Hz bursts from overrunning.
    await port.open({ baudRate: 115200, bufferSize: 8192 });
  } catch (e) {
    const name = errorName(e);
    // InvalidStateError: already open (this page or another tab); NetworkError: another
    // program holds the port.
    if (name === 'InvalidStateError' || name === 'NetworkError') throw new SerialFailureError('busy', errorText(e));
    throw new SerialFailureError('open_failed', errorText(e));
  }
  const abort = new AbortController();
  const sink = (): WritableStream<Uint8Array> => new WritableStream({ write: (chunk) => onBytes(chunk) });
  const done = (async (): Promise<EndReason> => {
    let reason: EndReason = 'ended';
    while (port.readable && !abort.signal.aborted) {
      try {
        await port.readable.pipeTo(sink(), { signal: abort.signal });
        reason = 'ended';
        break;
      } catch (e) {
        if (abort.signal.aborted) break;
        if (RECOVERABLE.has(errorName(e))) continue;
        reason = 'lost';
        break;
      }
    }
    if (abort.signal.aborted) reason = 'stopped';
    try {
      await port.close();
    } catch {
      // an unplugged port may refuse to close; it is gone either way
    }
    return reason;
  })();
  return {
    port,
    done,
    stop: async () => {
      abort.abort();
      return done;
    },
  };
}

/** Calls `onReplug` with the new SerialPort when a glove is plugged in (granted ports only). */
export function watchReplug(serial: Serial, onReplug: (port: SerialPort) => void): () => void {
  const handler = (ev: Event): void => {
    const port = ev.target as SerialPort | null;
    if (port && typeof port.getInfo === 'function' && isGlove(port.getInfo())) onReplug(port);
  };
  serial.addEventListener('connect', handler);
  return () => serial.removeEventListener('connect', handler);
}

function errorName(e: unknown): string {
  return e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)
    ? (e as Error).name
    : '';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
