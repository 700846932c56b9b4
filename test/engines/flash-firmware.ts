// For the Espruino flash tests: whether the espruino CLI is installed, and the built firmware of
// a board written to a temporary folder twice, as built and with another version string (the
// variant a test flashes to tell the two apart).
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import { REPO_ROOT } from './locate';

/** The version string of the variant build. */
export const VARIANT = '9.8.7';

/** Why the espruino CLI cannot be used, or undefined when it is installed. */
export function espruinoCliMissing(): string | undefined {
  try {
    createRequire(path.join(REPO_ROOT, 'package.json')).resolve('espruino/bin/espruino-cli.js');
    return undefined;
  } catch {
    return 'the espruino CLI is not installed (npm install espruino)';
  }
}

export interface FirmwareFiles {
  /** The version the build carries (package.json's). */
  version: string;
  dir: string;
  originalFile: string;
  variantFile: string;
}

/** Builds the firmware and writes `prefix` + the board's file, and its variant, to a new folder. */
export async function firmwareFiles(board: string, prefix = ''): Promise<FirmwareFiles> {
  await buildFirmware();
  const firmware = readFileSync(BOARDS.find((b) => b.name === board)!.out, 'utf8');
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  expect(firmware.split(`"${version}"`)).toHaveLength(2); // the version is in the bundle once
  const dir = mkdtempSync(path.join(tmpdir(), `pijat-flash-${board}-`));
  const originalFile = path.join(dir, 'original.js');
  const variantFile = path.join(dir, 'variant.js');
  writeFileSync(originalFile, prefix + firmware);
  writeFileSync(variantFile, prefix + firmware.replace(`"${version}"`, `"${VARIANT}"`));
  return { version, dir, originalFile, variantFile };
}
