// The USB host side of a CDC-ACM device on rp2040js: enumeration by rp2040js's USBCDC, every byte
// the device sends captured with its emulated arrival time, and host-to-device bytes delivered the
// way a real host does it: in bulk OUT packets of at most 64 bytes, only when the host has bytes.
// (rp2040js's USBCDC answers every OUT transfer the device arms at once, with a zero-length packet
// when it has nothing: TinyUSB re-arms at once and the emulated CPU takes ~40,000 needless USB
// interrupts a second. Here an armed OUT transfer is held until the host has data for it.)
import { USBCDC, type RP2040 } from 'rp2040js';

export const FULL_SPEED_BULK_MAX_PACKET = 64;
const XON = 0x11;
const XOFF = 0x13;

export interface UsbChunk {
  /** Offset in `received`. */
  readonly offset: number;
  readonly length: number;
  /** Emulated seconds and core cycles at arrival. */
  readonly t: number;
  readonly cycles: number;
}

export interface UsbStats {
  /** OUT packets delivered to the device, and their bytes. */
  outPackets: number;
  outBytes: number;
  /** OUT transfers the device armed while the host had nothing to send (held, not answered). */
  heldEmpty: number;
}

export class UsbHost {
  readonly cdc: USBCDC;
  readonly chunks: UsbChunk[] = [];
  readonly stats: UsbStats = { outPackets: 0, outBytes: 0, heldEmpty: 0 };
  /** The device finished enumeration and the host set DTR/RTS. */
  connected = false;
  /** Honour XON/XOFF from the device (the Espruino CLI does while uploading). */
  flowControl = false;
  private paused = false;
  private readonly parts: Buffer[] = [];
  private total = 0;
  private joined: Buffer | undefined;
  private queue: Buffer = Buffer.alloc(0);
  private armed: { endpoint: number; size: number } | undefined;
  private readonly listeners = new Set<(data: Buffer) => void>();
  private readonly mcu: RP2040;

  constructor(mcu: RP2040) {
    this.mcu = mcu;
    const usb = mcu.usbCtrl;
    this.cdc = new USBCDC(usb);
    this.cdc.onDeviceConnected = () => {
      this.connected = true;
    };
    this.cdc.onSerialData = (data: Uint8Array) => this.fromDevice(data);
    const cdcRead = usb.onEndpointRead;
    usb.onEndpointRead = (endpoint: number, size: number) => {
      if (endpoint !== this.outEndpoint) {
        cdcRead?.(endpoint, size);
        return;
      }
      this.armed = { endpoint, size };
      if (this.queue.length === 0) this.stats.heldEmpty++;
      this.deliver();
    };
  }

  private get outEndpoint(): number {
    return (this.cdc as unknown as { outEndpoint: number }).outEndpoint;
  }

  private fromDevice(data: Uint8Array): void {
    const copy = Buffer.from(data);
    this.chunks.push({ offset: this.total, length: copy.length, t: this.mcu.clock.nanos / 1e9, cycles: this.mcu.core.cycles });
    this.parts.push(copy);
    this.total += copy.length;
    this.joined = undefined;
    if (this.flowControl) {
      for (const b of copy) {
        if (b === XOFF) this.paused = true;
        else if (b === XON) this.paused = false;
      }
    } else this.paused = false;
    for (const l of [...this.listeners]) l(copy);
    this.deliver();
  }

  /**
   * A host program opened the port: its XON/XOFF state starts afresh. Without this, an XOFF byte
   * inside the binary frames a streaming glove sent to the previous program (a CRC byte of 0x13)
   * kept the next one paused: the espruino CLI's upload, after the console handover, was held
   * forever and the board stayed silent.
   */
  hostOpened(): void {
    this.paused = false;
    this.deliver();
  }

  /** Queues host-to-device bytes. */
  send(data: Uint8Array | string): void {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
    this.queue = this.queue.length === 0 ? b : Buffer.concat([this.queue, b]);
    this.deliver();
  }

  /** Host bytes not yet taken by the device. */
  get pending(): number {
    return this.queue.length;
  }

  /** Every byte the device has sent. */
  get received(): Buffer {
    if (this.joined === undefined || this.joined.length !== this.total) this.joined = Buffer.concat(this.parts, this.total);
    return this.joined;
  }

  get receivedLength(): number {
    return this.total;
  }

  /** Calls `l` with every later chunk from the device; returns the unsubscribe. */
  onData(l: (data: Buffer) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private deliver(): void {
    if (this.armed === undefined || this.queue.length === 0 || (this.flowControl && this.paused)) return;
    const { endpoint, size } = this.armed;
    const n = Math.min(size, FULL_SPEED_BULK_MAX_PACKET, this.queue.length);
    if (n <= 0) return;
    const packet = Uint8Array.from(this.queue.subarray(0, n));
    this.queue = this.queue.subarray(n);
    this.armed = undefined;
    this.stats.outPackets++;
    this.stats.outBytes += n;
    this.mcu.usbCtrl.endpointReadDone(endpoint, packet);
  }
}
