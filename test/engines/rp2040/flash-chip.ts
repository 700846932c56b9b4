// The external QSPI flash chip, modelled at the command level (a W25Q16-style part: JEDEC id
// EF 40 15). rp2040js maps flash for XIP reads but ignores SSI command traffic, so a firmware
// that erases or programs its own flash (Kaluma's `.flash -w` and file system, Espruino's
// save()/Storage) would lose every write. Here:
// - chip select comes from IO_QSPI GPIO_QSPI_SS_CTRL's output override (bits 9:8: 2 = drive low =
//   selected, 3 = drive high), which is how the boot ROM and the Pico SDK's flash_do_cmd() frame
//   a command; IO_QSPI is unimplemented in rp2040js and gets a register file;
// - while selected, bytes written to SSI DR0 go to the chip and the answers fill a real RX FIFO,
//   with TXFLR/RXFLR/SR as the SDK polls them;
// - commands: 06 WREN, 04 WRDI, 05/35 status 1/2, 9F JEDEC id, 4B unique id, 03/0B reads,
//   02 page program (AND into the page, wrapping at the 256-byte boundary), 20/52/D8 erase
//   4/32/64 KB. Erase and program take effect at once (status never shows BUSY).
import type { RP2040 } from 'rp2040js';

const SSI_BASE_INDEX = 0x18000;
const IO_QSPI_INDEX = 0x40018;
const GPIO_QSPI_SS_CTRL = 0x0c;
const SSI_TXFLR = 0x20;
const SSI_RXFLR = 0x24;
const SSI_SR = 0x28;
const SSI_DR0 = 0x60;
const SSI_SSIENR = 0x08;

export interface FlashStats {
  erases: number;
  programs: number;
  bytesProgrammed: number;
}

interface RegisterFile {
  readUint32(offset: number): number;
  writeUint32(offset: number, value: number): void;
}

export class FlashChip {
  readonly stats: FlashStats = { erases: 0, programs: 0, bytesProgrammed: 0 };
  private readonly flash: Uint8Array;
  private selected = false;
  private cmd = -1;
  private bytes: number[] = [];
  private wel = false;
  private readonly rx: number[] = [];

  constructor(mcu: RP2040) {
    this.flash = mcu.flash;
    const ssi = mcu.peripherals[SSI_BASE_INDEX] as RegisterFile | undefined;
    const ioq = mcu.peripherals[IO_QSPI_INDEX] as RegisterFile | undefined;
    if (ssi === undefined || ioq === undefined) throw new Error('rp2040js layout changed: no SSI / IO_QSPI peripheral');
    const ioqRegs = new Map<number, number>();
    ioq.readUint32 = (offset) => ioqRegs.get(offset) ?? 0;
    ioq.writeUint32 = (offset, value) => {
      ioqRegs.set(offset, value >>> 0);
      if (offset === GPIO_QSPI_SS_CTRL) this.chipSelect(((value >>> 8) & 3) === 2);
    };
    const ssiWrite = ssi.writeUint32.bind(ssi);
    const ssiRead = ssi.readUint32.bind(ssi);
    ssi.writeUint32 = (offset, value) => {
      if (offset === SSI_DR0) {
        const r = this.selected ? this.transfer(value & 0xff) : 0;
        if (this.rx.length < 16) this.rx.push(r);
        return;
      }
      if (offset === SSI_SSIENR) this.rx.length = 0; // (re)enabling clears the FIFOs
      ssiWrite(offset, value);
    };
    ssi.readUint32 = (offset) => {
      if (offset === SSI_DR0) return this.rx.length > 0 ? this.rx.shift()! : 0;
      if (offset === SSI_RXFLR) return this.rx.length;
      if (offset === SSI_TXFLR) return 0;
      if (offset === SSI_SR) return 0x06 | (this.rx.length > 0 ? 0x08 : 0); // TFE | TFNF | RFNE
      return ssiRead(offset);
    };
  }

  private chipSelect(low: boolean): void {
    if (low === this.selected) return;
    if (!low) this.endCommand();
    this.cmd = -1;
    this.bytes = [];
    this.rx.length = 0;
    this.selected = low;
  }

  private addr(): number {
    return ((this.bytes[1]! << 16) | (this.bytes[2]! << 8) | this.bytes[3]!) >>> 0;
  }

  /** One byte clocked out to the chip; returns the byte clocked in. */
  private transfer(v: number): number {
    if (this.bytes.length === 0) {
      this.cmd = v;
      if (v === 0x06) this.wel = true;
      if (v === 0x04) this.wel = false;
    }
    this.bytes.push(v);
    const n = this.bytes.length;
    switch (this.cmd) {
      case 0x03:
        return n > 4 ? (this.flash[this.addr() + n - 5] ?? 0xff) : 0;
      case 0x0b:
        return n > 5 ? (this.flash[this.addr() + n - 6] ?? 0xff) : 0;
      case 0x05:
        return this.wel ? 0x02 : 0x00;
      case 0x35:
        return 0x02; // status 2: QE set
      case 0x9f:
        return [0, 0xef, 0x40, 0x15][n - 1] ?? 0;
      case 0x4b:
        return n > 5 ? (0xe0 + n) & 0xff : 0;
      default:
        return 0;
    }
  }

  private endCommand(): void {
    const cmd = this.cmd;
    if (cmd === 0x02 && this.bytes.length > 4 && this.wel) {
      const a = this.addr();
      const page = a & ~0xff;
      for (let i = 4; i < this.bytes.length; i++) {
        const o = page + ((a + (i - 4)) & 0xff);
        if (o < this.flash.length) this.flash[o] = this.flash[o]! & this.bytes[i]!;
      }
      this.stats.programs++;
      this.stats.bytesProgrammed += this.bytes.length - 4;
    } else if ((cmd === 0x20 || cmd === 0x52 || cmd === 0xd8) && this.bytes.length >= 4 && this.wel) {
      const size = cmd === 0x20 ? 4096 : cmd === 0x52 ? 32768 : 65536;
      const a = this.addr() & ~(size - 1);
      this.flash.fill(0xff, a, Math.min(a + size, this.flash.length));
      this.stats.erases++;
    }
    if (cmd === 0x02 || cmd === 0x20 || cmd === 0x52 || cmd === 0xd8) this.wel = false;
  }
}
