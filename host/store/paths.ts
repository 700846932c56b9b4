// Where the session store lives: `--data DIR`, else $PIJAT_DATA, else the per-user data folder
// of the platform (Linux $XDG_DATA_HOME/pijat or ~/.local/share/pijat, macOS
// ~/Library/Application Support/pijat, Windows %APPDATA%\pijat).
import { homedir } from 'node:os';
import { join, resolve, win32, posix } from 'node:path';

export const STORE_FILE = 'pijat.sqlite';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'pijat');
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'pijat');
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec says a relative value is invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) return posix.join(xdg, 'pijat');
  return posix.join(home, '.local', 'share', 'pijat');
}

/** The data directory a command should use (absolute). */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.PIJAT_DATA) return resolve(env.PIJAT_DATA);
  return defaultDataDir(env);
}

export function storeFile(dataDir: string): string {
  return join(dataDir, STORE_FILE);
}
