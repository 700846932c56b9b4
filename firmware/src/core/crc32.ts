// Table-driven CRC-32 (zlib / IEEE, reflected 0xEDB88320) for boards without a native one
// (Kaluma). Espruino uses its native E.CRC32, which computes the same value.
import type { CrcLike } from './hal';

const table = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  table[n] = c;
}

function crc32(bytes: Uint8Array | string): number {
  let c = 0xffffffff;
  if (typeof bytes === 'string') {
    for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  } else {
    for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** E.CRC32-shaped CRC object for the HAL. */
export const jsCrc: CrcLike = { CRC32: crc32 };

export { crc32 };
