// Tests never read or write the user's own data folder: a store left there by another version
// (or with a stored calibration for a simulated glove) would change what `pijat score`,
// `pijat live` and the server do. `isolate-data.ts` (a vitest setup file) points PIJAT_DATA and
// XDG_DATA_HOME into a temporary folder for every test file; children spawned with
// `{ ...process.env }` or `childEnv()` inherit it. A test that needs its own store still passes
// `--data DIR` (or `dataDir`).
import { resolve } from 'node:path';

/** The variables that choose the data folder (host/store/paths.ts), all inside `dir`. */
export function isolatedDataEnv(dir: string): { PIJAT_DATA: string; XDG_DATA_HOME: string } {
  return { PIJAT_DATA: resolve(dir, 'pijat-data'), XDG_DATA_HOME: resolve(dir, 'xdg-data') };
}

/** The environment for a spawned `pijat`: the test's (isolated) one plus `extra`. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  if (!process.env.PIJAT_DATA || !process.env.XDG_DATA_HOME) {
    throw new Error('test/support/isolate-data.ts did not run: add it to setupFiles in vitest.config.ts');
  }
  return { ...process.env, ...extra };
}
