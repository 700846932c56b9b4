// The YMODEM sender of @kaluma/cli 1.4.0 (`kaluma flash`, lib/ymodem.js), ported so that the
// same bytes go to the device: 1K blocks (STX), block 0 = "name\0size " padded with NUL, data
// padded with 0xFF, CRC-16/XMODEM big-endian, EOT, then a NUL header to end the session. It
// reacts to the receiver's 'C' / ACK / NAK / CAN exactly as that sender does (including its
// quirks: the first 'C' starts block 0; every ACK advances).
import path from 'node:path';

const PACKET_SIZE = 1024;
const STX = 0x02;
const EOT = 0x04;
const ACK = 0x06;
const NAK = 0x15;
const CA = 0x18;
const CRC16 = 0x43; // 'C'

export function crc16Xmodem(data: Uint8Array): number {
  let crc = 0;
  for (const b of data) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function fileHeader(filePath: string, size: number): Buffer {
  const payload = Buffer.alloc(PACKET_SIZE, 0x00);
  let offset = 0;
  if (filePath) {
    const name = path.basename(filePath);
    payload.write(name, offset);
    offset = name.length + 1;
  }
  if (size) payload.write(`${size} `, offset);
  return payload;
}

function split(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let start = 0; start < data.length || out.length === 0; start += size) {
    const chunk = Buffer.alloc(size, 0xff);
    data.copy(chunk, 0, start, Math.min(start + size, data.length));
    out.push(chunk);
  }
  return out;
}

export interface YmodemResult {
  readonly ok: boolean;
  readonly writtenBytes: number;
  readonly totalBytes: number;
}

export class YmodemSender {
  private readonly queue: Buffer[];
  private readonly totalBytes: number;
  private writtenBytes = 0;
  private seq = 0;
  private session = true;
  private sending = false;
  private finished = false;
  /** Set when the transfer is over. */
  result: YmodemResult | undefined;

  constructor(
    fileName: string,
    data: Buffer,
    private readonly write: (bytes: Buffer) => void,
  ) {
    this.totalBytes = data.length;
    this.queue = [fileHeader(fileName, data.length), ...split(data, PACKET_SIZE)];
  }

  get done(): boolean {
    return this.finished;
  }

  private sendPacket(): void {
    if (this.seq < this.queue.length) {
      const packet = Buffer.alloc(3 + PACKET_SIZE + 2);
      packet[0] = STX;
      packet[1] = this.seq & 0xff;
      packet[2] = 0xff - packet[1]!;
      const payload = this.queue[this.seq]!;
      payload.copy(packet, 3);
      packet.writeUInt16BE(crc16Xmodem(payload), packet.length - 2);
      this.write(packet);
    } else if (this.sending) {
      this.write(Buffer.from([EOT]));
    }
  }

  private close(ok: boolean): void {
    this.session = false;
    this.sending = false;
    if (!this.finished) this.result = { ok, writtenBytes: this.writtenBytes, totalBytes: this.totalBytes };
    this.finished = true;
  }

  /** Bytes from the receiver. */
  onData(data: Uint8Array): void {
    for (const ch of data) {
      if (this.finished) return;
      if (ch === CRC16) {
        if (!this.sending) {
          this.sendPacket();
          this.sending = true;
        }
      } else if (ch === ACK) {
        if (!this.session) this.close(true);
        if (this.sending) {
          if (this.seq < this.queue.length) {
            if (this.writtenBytes < this.totalBytes) {
              this.writtenBytes = Math.min((this.seq + 1) * PACKET_SIZE, this.totalBytes);
            }
            this.seq++;
            this.sendPacket();
          } else {
            this.sending = false;
            this.session = false;
            const end = Buffer.alloc(PACKET_SIZE + 5, 0x00);
            end[0] = STX;
            end[1] = 0x00;
            end[2] = 0xff;
            this.write(end);
          }
        }
      } else if (ch === NAK) {
        this.sendPacket();
      } else if (ch === CA) {
        this.close(false);
      }
    }
  }
}
