// Fletcher-32 as PROTOCOL.md 2.2 defines it: little-endian 16-bit words, s1 = s2 = 0, both sums
// mod 65535 after every word, check = s2 * 65536 + s1. The fast version reduces once per 359
// words; it must equal the word-by-word definition for any range, including long ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fletcher32 } from '../../shared/protocol/fletcher32';

function byDefinition(bytes: Uint8Array, start: number, end: number): number {
  let s1 = 0;
  let s2 = 0;
  for (let i = start; i < end; i += 2) {
    s1 = (s1 + (bytes[i]! | (bytes[i + 1]! << 8))) % 65535;
    s2 = (s2 + s1) % 65535;
  }
  return s2 * 65536 + s1;
}

const ascii = (t: string): Uint8Array => new TextEncoder().encode(t);

describe('fletcher32', () => {
  it('gives the usual check values (PROTOCOL.md 2.2)', () => {
    expect(fletcher32(ascii('abcdef'), 0, 6)).toBe(0x56502d2a);
    expect(fletcher32(ascii('abcdefgh'), 0, 8)).toBe(0xebe19591);
    expect(fletcher32(new Uint8Array(0), 0, 0)).toBe(0);
  });

  it('cannot tell a 0x0000 word from a 0xFFFF word (the weakness PROTOCOL.md 2.2 names)', () => {
    const a = Uint8Array.of(0xa5, 0x2d, 0x00, 0x00, 0x12, 0x34);
    const b = Uint8Array.of(0xa5, 0x2d, 0xff, 0xff, 0x12, 0x34);
    expect(fletcher32(a, 0, 6)).toBe(fletcher32(b, 0, 6));
  });

  it('all-0xFF words sum to 0: each half is taken mod 65535, so it never reads 0xFFFF', () => {
    const ff = new Uint8Array(1030).fill(0xff);
    expect(fletcher32(ff, 0, 1030)).toBe(0);
  });

  it('equals the word-by-word definition on any even range, up to the largest frame', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 1100 }), fc.uint8Array({ minLength: 700, maxLength: 1100 }).map((b) => b.map((x) => x | 0xf0))),
        fc.nat(), fc.nat(),
        (bytes, a, b) => {
          const start = bytes.length ? a % (bytes.length + 1) : 0;
          const end = start + 2 * Math.floor((bytes.length - start ? b % (bytes.length - start + 1) : 0) / 2);
          expect(fletcher32(bytes, start, end)).toBe(byDefinition(bytes, start, end));
        },
      ),
      { numRuns: 400 },
    );
  });
});
