// Loads the compiled scorer (native/, built by `npm install` when a C++ compiler is there; see
// native/README.md). Kept apart from score-native.ts so that asking whether it exists is cheap.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CalibrationPlan } from '../../shared/engine/calibration';

/** The addon's functions (native/src/addon.cpp): the packed totals, or why the file was declined. */
export interface NativeScorer {
  scoreCsv(bytes: Uint8Array, offset: number, map: Int8Array, delim: number, decimalComma: boolean,
    gyroLeft: boolean, gyroRight: boolean, params: Float64Array): Float64Array | number;
  scoreRaw(bytes: Uint8Array, plan: CalibrationPlan, params: Float64Array, fsrNewtons: (ch: number, raw: number) => number): Float64Array | number;
  /** The whole file of an open descriptor, mapped from the page cache (no copy); null where it cannot be. */
  mapFile(fd: number): Uint8Array | null;
}

/** Where node-gyp puts the addon, seen from this module in the sources and in the CLI bundle (dist/cli/). */
const CANDIDATES = ['../../native/build/Release/pijat_native.node', '../../../native/build/Release/pijat_native.node'];

let addon: NativeScorer | null | undefined;

/** The compiled scorer, or null: not built, built for another Node, or PIJAT_NATIVE=0 (to compare with the TypeScript). */
export function nativeScorer(): NativeScorer | null {
  if (addon !== undefined) return addon;
  addon = null;
  if (process.env.PIJAT_NATIVE === '0' || !import.meta.url.startsWith('file:')) return null;
  for (const rel of CANDIDATES) {
    const f = fileURLToPath(new URL(rel, import.meta.url));
    if (!existsSync(f)) continue;
    try {
      addon = createRequire(import.meta.url)(f) as NativeScorer;
    } catch {
      addon = null;
    }
    break;
  }
  return addon;
}
