// Fletcher-32 over little-endian 16-bit words (PROTOCOL.md 2.2): the frame check a device
// without a native CRC-32 may choose (bit 7 of the type byte). s1 and s2 start at 0 and are
// taken mod 65535; the check is s2 * 65536 + s1.

/** Fletcher-32 of bytes[start, end); the count must be even. */
export function fletcher32(bytes: Uint8Array, start: number, end: number): number {
  let s1 = 0;
  let s2 = 0;
  let i = start;
  while (i < end) {
    // 359 words keep s2 below 2^32 before the reduction (the classic Fletcher block size)
    const stop = Math.min(end, i + 2 * 359);
    for (; i < stop; i += 2) {
      s1 += bytes[i]! | (bytes[i + 1]! << 8);
      s2 += s1;
    }
    s1 %= 65535;
    s2 %= 65535;
  }
  return (s2 * 65536 + s1) >>> 0;
}
