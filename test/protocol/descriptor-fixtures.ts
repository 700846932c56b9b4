// Byte-level descriptor edits the encoder cannot produce (it writes the unit from the kind).
import { crc32 } from '../../shared/protocol/crc32';
import { decodeAll } from '../../shared/protocol/decoder';
import type { Descriptor } from '../../shared/protocol/types';

/** Offset of the first channel entry in a descriptor frame: header 10 + descriptor header 14. */
export const FIRST_CHANNEL = 24;

/** Sets channel `k`'s unit byte to `unit` and fixes the frame's CRC-32. */
export function patchUnit(frame: Uint8Array, k: number, unit: number): Uint8Array {
  const f = frame.slice();
  f[FIRST_CHANNEL + 16 * k + 3] = unit;
  const end = f.length - 4;
  new DataView(f.buffer).setUint32(end, crc32(f, 1, end), true);
  return f;
}

/** The reference descriptor with its first FSR channel in g (unit 2): decoded counts. */
export function decodeWithFsrInG(
  d: Descriptor, encode: (d: Descriptor) => Uint8Array,
): { delivered: number; unknown: number } {
  const { messages, counters } = decodeAll(patchUnit(encode(d), 0, 2));
  return { delivered: messages.length, unknown: counters.unknown_type };
}
