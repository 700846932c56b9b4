// Fletcher-32 over little-endian 16-bit words: the frame check of boards without a native
// CRC-32 (Kaluma). Protocol v2 lets a device choose it per frame (bit 7 of the type byte;
// PROTOCOL.md 2.2). In JerryScript it costs ~0.4 ms for a sample frame where a table-driven
// CRC-32 costs ~2 ms (measured in rp2040js at 125 MHz), and its sums stay small integers.

/** Fletcher-32 of `words` (s1, s2 from 0, mod 65535): s2 * 65536 + s1. */
export function fletcher32(words: Uint16Array): number {
  let s1 = 0;
  let s2 = 0;
  const n = words.length;
  for (let i = 0; i < n; i++) {
    s1 += words[i];
    s2 += s1;
    if (s2 > 0x7ffffff) {
      s1 %= 65535;
      s2 %= 65535;
    }
  }
  return (s2 % 65535) * 65536 + (s1 % 65535);
}

/** The same for the 24 words of a sample frame, unrolled (the per-sample path). */
export function fletcher32Sample(v: Uint16Array): number {
  'ram';
  let s1 = v[0];
  let s2 = s1;
  s1 += v[1]; s2 += s1; s1 += v[2]; s2 += s1; s1 += v[3]; s2 += s1; s1 += v[4]; s2 += s1;
  s1 += v[5]; s2 += s1; s1 += v[6]; s2 += s1; s1 += v[7]; s2 += s1; s1 += v[8]; s2 += s1;
  s1 += v[9]; s2 += s1; s1 += v[10]; s2 += s1; s1 += v[11]; s2 += s1; s1 += v[12]; s2 += s1;
  s1 += v[13]; s2 += s1; s1 += v[14]; s2 += s1; s1 += v[15]; s2 += s1; s1 += v[16]; s2 += s1;
  s1 += v[17]; s2 += s1; s1 += v[18]; s2 += s1; s1 += v[19]; s2 += s1; s1 += v[20]; s2 += s1;
  s1 += v[21]; s2 += s1; s1 += v[22]; s2 += s1; s1 += v[23]; s2 += s1;
  return (s2 % 65535) * 65536 + (s1 % 65535);
}
