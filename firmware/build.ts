// Builds the glove firmware: one file per board, bundled by esbuild with the interpreter-safe
// settings of ../shared/ESPRUINO.md, then scanned for what esbuild lets through.
//   firmware/dist/pijat-espruino.js          (Espruino Pico)
//   firmware/dist/pijat-espruino-rp2040.js   (Espruino on an RP2040 board)
//   firmware/dist/pijat-kaluma.js            (Raspberry Pi Pico with Kaluma)
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFirmwareSource } from './check';
import { checkPinmap } from './pinmap-check';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const FIRMWARE_DIST = join(here, 'dist');
export const PINMAP_PATH = join(root, 'hardware', 'pinmap.json');

export const BOARDS = [
  { name: 'espruino', entry: join(here, 'src', 'boards', 'espruino.ts'), out: join(FIRMWARE_DIST, 'pijat-espruino.js') },
  { name: 'espruino-rp2040', entry: join(here, 'src', 'boards', 'espruino-rp2040.ts'), out: join(FIRMWARE_DIST, 'pijat-espruino-rp2040.js') },
  { name: 'kaluma', entry: join(here, 'src', 'boards', 'kaluma.ts'), out: join(FIRMWARE_DIST, 'pijat-kaluma.js') },
] as const;

/** Features the interpreters lack; esbuild refuses the build when the source uses them. */
export const UNSUPPORTED: Record<string, boolean> = {
  destructuring: false,
  'default-argument': false,
  'rest-argument': false,
  'array-spread': false,
  generator: false,
  'async-await': false,
  'async-generator': false,
  'for-await': false,
  'object-extensions': false,
  'class-field': false,
  'class-static-field': false,
};

function readPinmap(): unknown {
  let text: string;
  try {
    text = readFileSync(PINMAP_PATH, 'utf8');
  } catch {
    throw new Error(`${relative(process.cwd(), PINMAP_PATH)}: missing; the firmware build reads the pin map from there`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${relative(process.cwd(), PINMAP_PATH)}: not valid JSON (${(e as Error).message})`);
  }
}

function firmwareVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  const v = pkg.version ?? '0.0.0';
  if (!/^\d+\.\d+\.\d+/.test(v)) throw new Error(`package.json: version "${v}" is not major.minor.patch`);
  return v.replace(/[^\d.].*$/, '');
}

/** Build-time overrides, for tests and benchmarks (a release build uses none). */
export interface BundleOptions {
  /** Firmware version in the descriptor (default: package.json's). */
  version?: string;
  /** The board's highest accepted rate (default: the board file's measured MAX_RATE_HZ). */
  maxRateHz?: number;
}

/** Bundles one board's firmware and returns the code (not yet written). */
export async function bundleBoard(entry: string, opts: BundleOptions = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'es2015',
    supported: UNSUPPORTED,
    // Espruino runs from source text: every character is lexed at every call and every name is
    // compared byte by byte, so short names and no white space make the sample path ~N % cheaper
    // (measured in rp2040js). Kaluma gets the same file shape.
    minify: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    define: {
      PIJAT_FW_VERSION: JSON.stringify(opts.version ?? firmwareVersion()),
      PIJAT_MAX_RATE_HZ: opts.maxRateHz === undefined ? 'null' : String(opts.maxRateHz),
    },
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}

export async function buildFirmware(): Promise<void> {
  const problems = checkPinmap(readPinmap());
  if (problems.length > 0) {
    const where = relative(process.cwd(), PINMAP_PATH);
    throw new Error(`${where} has ${problems.length} problem(s):\n${problems.map((p) => `  ${where}: ${p.field}: ${p.message}`).join('\n')}`);
  }
  mkdirSync(FIRMWARE_DIST, { recursive: true });
  for (const b of BOARDS) {
    const code = await bundleBoard(b.entry);
    const findings = checkFirmwareSource(code, b.out);
    if (findings.length > 0) {
      const where = relative(process.cwd(), b.out);
      throw new Error(`firmware for ${b.name} uses what the interpreter cannot run (see ../shared/ESPRUINO.md):\n` +
        findings.map((f) => `  ${where}:${f.line}:${f.column}: ${f.rule}: ${f.text}`).join('\n'));
    }
    const header = `// Pijat glove firmware for ${b.name}, built from firmware/src by firmware/build.ts. Do not edit.\n`;
    // write then rename, so that a reader (a test in another worker) never sees half a file
    const tmp = `${b.out}.${process.pid}.tmp`;
    writeFileSync(tmp, header + code);
    renameSync(tmp, b.out);
  }
}
