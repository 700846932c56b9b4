// A Python 3 that has the given modules (Debian's /usr/bin/python3 first: python3-scipy and
// python3-pandas install there, while a `python3` earlier in PATH may be another one), or null.
import { spawnSync } from 'node:child_process';

export function pythonWith(modules: string[]): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}
