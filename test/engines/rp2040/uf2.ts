// UF2 images (https://github.com/microsoft/uf2): 512-byte blocks, each carrying up to 476 bytes
// for a target address. For the RP2040 the addresses are in XIP flash (0x10000000...).
import { readFileSync } from 'node:fs';

const UF2_MAGIC_START0 = 0x0a324655;
const UF2_MAGIC_START1 = 0x9e5d5157;
const UF2_MAGIC_END = 0x0ab16f30;
const UF2_FLAG_NOT_MAIN_FLASH = 0x00000001;
export const XIP_BASE = 0x10000000;

export interface Uf2Block {
  readonly address: number;
  readonly data: Buffer;
}

/** The blocks of a UF2 file that go to main flash. */
export function parseUf2(buf: Buffer): Uf2Block[] {
  const out: Uf2Block[] = [];
  for (let off = 0; off + 512 <= buf.length; off += 512) {
    if (buf.readUInt32LE(off) !== UF2_MAGIC_START0 || buf.readUInt32LE(off + 4) !== UF2_MAGIC_START1) continue;
    if (buf.readUInt32LE(off + 508) !== UF2_MAGIC_END) continue;
    const flags = buf.readUInt32LE(off + 8);
    if ((flags & UF2_FLAG_NOT_MAIN_FLASH) !== 0) continue;
    const address = buf.readUInt32LE(off + 12);
    const size = buf.readUInt32LE(off + 16);
    if (size > 476) throw new Error(`UF2 block at file offset ${off}: payload size ${size} > 476`);
    out.push({ address, data: buf.subarray(off + 32, off + 32 + size) });
  }
  return out;
}

/**
 * Writes a UF2 file into an emulated flash array (index 0 = XIP_BASE); returns the block count
 * and the end of the image (bytes from XIP_BASE).
 */
export function loadUf2(file: string, flash: Uint8Array): { blocks: number; end: number } {
  const blocks = parseUf2(readFileSync(file));
  if (blocks.length === 0) throw new Error(`${file}: no UF2 blocks for main flash`);
  let end = 0;
  for (const b of blocks) {
    const at = b.address - XIP_BASE;
    if (at < 0 || at + b.data.length > flash.length) throw new Error(`${file}: block for 0x${b.address.toString(16)} is outside flash`);
    flash.set(b.data, at);
    end = Math.max(end, at + b.data.length);
  }
  return { blocks: blocks.length, end };
}
