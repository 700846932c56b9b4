// Finds the real engine binaries the engine tests run: $PIJAT_ENGINES if set, else
// <repo root>/../shared/engines (see ../shared/engines/README.md beside the checkout).
// Files are found by pattern, so a rebuilt version (another espruino-2vNN...) still matches.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root (this file is test/engines/locate.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type EngineName = 'espruinoLinux' | 'espruinoRp2040' | 'kaluma' | 'bootrom';

interface EngineSpec {
  /** File name pattern: `*` matches any run of characters. */
  readonly pattern: string;
  /** How a skip message names it. */
  readonly label: string;
}

const SPECS: Readonly<Record<EngineName, EngineSpec>> = {
  espruinoLinux: { pattern: 'espruino-*-linux-x86_64', label: 'Espruino Linux interpreter' },
  espruinoRp2040: { pattern: 'espruino-*-rp2040-pico.uf2', label: 'Espruino RP2040 image' },
  kaluma: { pattern: 'kaluma-rp2-pico-*.uf2', label: 'Kaluma RP2040 image' },
  bootrom: { pattern: 'rp2040-bootrom-*.bin', label: 'RP2040 boot ROM' },
};

/** The folder the engines are looked for in. */
export function enginesDir(): string {
  const env = process.env.PIJAT_ENGINES;
  if (env !== undefined && env.trim() !== '') return path.resolve(env);
  return path.resolve(REPO_ROOT, '..', 'shared', 'engines');
}

/** How messages name the folder: relative to the checkout unless PIJAT_ENGINES chose it. */
function shownDir(dir: string): string {
  const env = process.env.PIJAT_ENGINES;
  if (env !== undefined && env.trim() !== '') return dir;
  return path.relative(REPO_ROOT, dir).split(path.sep).join('/');
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** Numeric-aware comparison so that 2v30 sorts after 2v29 and 1.10 after 1.9. */
function versionCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The newest file in `dir` matching the engine's pattern, or undefined. */
function find(dir: string, name: EngineName): string | undefined {
  if (!existsSync(dir)) return undefined;
  const re = globToRegExp(SPECS[name].pattern);
  const hits = readdirSync(dir)
    .filter((f) => re.test(f))
    .filter((f) => {
      try {
        return statSync(path.join(dir, f)).isFile();
      } catch {
        return false;
      }
    })
    .sort(versionCompare);
  const last = hits[hits.length - 1];
  return last === undefined ? undefined : path.join(dir, last);
}

export interface EnginePaths {
  readonly dir: string;
  /** espruino-2v29.277-linux-x86_64 (or a rebuilt version). */
  readonly espruinoLinux: string | undefined;
  /** espruino-2v29.277-rp2040-pico.uf2 */
  readonly espruinoRp2040: string | undefined;
  /** kaluma-rp2-pico-1.2.1.uf2 */
  readonly kaluma: string | undefined;
  /** rp2040-bootrom-b1.bin */
  readonly bootrom: string | undefined;
}

/** Looks the engines up now (not cached: PIJAT_ENGINES may change between tests). */
export function locateEngines(dir: string = enginesDir()): EnginePaths {
  return {
    dir,
    espruinoLinux: find(dir, 'espruinoLinux'),
    espruinoRp2040: find(dir, 'espruinoRp2040'),
    kaluma: find(dir, 'kaluma'),
    bootrom: find(dir, 'bootrom'),
  };
}

/** The clear message for one missing engine. */
export function missingMessage(name: EngineName, dir: string = enginesDir()): string {
  return `${SPECS[name].label} not found in ${shownDir(dir)} (set PIJAT_ENGINES): see firmware/README.md to build it`;
}

/**
 * Why a test needing these engines must skip, or undefined when all are there.
 * Use with `describe.skipIf(skipReason('kaluma', 'bootrom') !== undefined)`.
 */
export function skipReason(...names: EngineName[]): string | undefined {
  const dir = enginesDir();
  const found = locateEngines(dir);
  for (const n of names) if (found[n] === undefined) return missingMessage(n, dir);
  return undefined;
}

/** The path of an engine, or an Error with the skip message. */
export function requireEngine(name: EngineName): string {
  const dir = enginesDir();
  const p = locateEngines(dir)[name];
  if (p === undefined) throw new Error(missingMessage(name, dir));
  return p;
}

const bootromCache = new Map<string, Uint32Array>();

/**
 * The RP2040 boot ROM as rp2040js's `loadBootrom()` takes it: 16 KB of little-endian words read
 * from the .bin file (the reference harness embeds the same bytes as JavaScript).
 */
export function loadBootrom(file: string = requireEngine('bootrom')): Uint32Array {
  const hit = bootromCache.get(file);
  if (hit !== undefined) return hit;
  const bytes = readFileSync(file);
  if (bytes.length !== 16384) throw new Error(`${file}: expected a 16384-byte boot ROM, got ${bytes.length} bytes`);
  const words = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < words.length; i++) words[i] = bytes.readUInt32LE(i * 4);
  bootromCache.set(file, words);
  return words;
}
