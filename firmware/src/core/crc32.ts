// Table-driven CRC-32 (zlib / IEEE, reflected 0xEDB88320) for boards without a native one
// (Kaluma). Espruino uses its native E.CRC32, which computes the same value.
//
// The 32-bit register is kept as two 16-bit halves: JerryScript stores integers up to 2^28
// unboxed, and a full 32-bit CRC register would allocate a boxed number at every byte.

const tableLo = new Uint16Array(256);
const tableHi = new Uint16Array(256);
for (let n = 0; n < 256; n++) {
  let lo = n;
  let hi = 0;
  for (let k = 0; k < 8; k++) {
    const odd = lo & 1;
    lo = (lo >> 1) | ((hi & 1) << 15);
    hi = hi >> 1;
    if (odd) {
      lo ^= 0x8320;
      hi ^= 0xedb8;
    }
  }
  tableLo[n] = lo;
  tableHi[n] = hi;
}

/** CRC-32 of `bytes`, unsigned (same value as zlib's crc32 and Espruino's E.CRC32). */
export function crc32(bytes: Uint8Array): number {
  'ram';
  const tl = tableLo;
  const th = tableHi;
  let lo = 0xffff;
  let hi = 0xffff;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const x = (lo ^ bytes[i]) & 0xff;
    lo = tl[x] ^ ((lo >> 8) | ((hi & 0xff) << 8));
    hi = th[x] ^ (hi >> 8);
  }
  return (hi ^ 0xffff) * 65536 + (lo ^ 0xffff);
}

/** CRC-32 of a string's char codes (low byte each): for ids built from text. */
export function crc32Text(text: string): number {
  const b = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i) & 0xff;
  return crc32(b);
}
