// Tests run against their own data folder, never the user's (test/support/data-env.ts): a
// store left in ~/.local/share/pijat by another version once made the CLI tests fail.
import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../host/store';
import { childEnv } from '../support/data-env';

const ROOT = resolve(__dirname, '../..');

describe('test data folder', () => {
  it('points PIJAT_DATA and XDG_DATA_HOME into a temporary folder, away from the home folder', () => {
    const tmp = resolve(tmpdir());
    expect(resolveDataDir().startsWith(tmp + '/')).toBe(true);
    expect(defaultDataDir().startsWith(tmp + '/')).toBe(true);
    expect(resolveDataDir().startsWith(join(homedir(), '.local'))).toBe(false);
  });

  it('is the folder a spawned pijat uses', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'pijat.mjs'), 'sessions', '--lang', 'en'], { cwd: ROOT, encoding: 'utf8', env: childEnv() });
    // No store there yet: the command names the folder it looked in.
    expect(r.stderr + r.stdout).toContain(resolveDataDir());
  });
});
