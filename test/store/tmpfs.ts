// A real small file system for the store's fault tests: a tmpfs of a given size (needs root or
// CAP_SYS_ADMIN). Tests skip, saying why, where mounting is not permitted.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  dir: string;
  /** Writes a file until the file system is full; returns its path. */
  fill(): string;
  remount(options: string): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeMb`; a string saying why not when mounting is not permitted. */
export function mountTmpfs(sizeMb: number): Tmpfs | string {
  const dir = mkdtempSync(join(tmpdir(), 'pijat-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}): run as root to include this test`;
  }
  return {
    dir,
    fill() {
      const path = join(dir, `filler-${Date.now()}`);
      const fd = openSync(path, 'w');
      const block = Buffer.alloc(64 * 1024, 0x5a);
      try {
        for (;;) writeSync(fd, block);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      }
      // the last partial block
      const small = Buffer.alloc(512, 0x5a);
      try {
        for (;;) writeSync(fd, small);
      } catch {
        // full
      }
      closeSync(fd);
      return path;
    },
    remount(options: string) {
      const m = spawnSync('mount', ['-o', `remount,${options}`, dir], { encoding: 'utf8' });
      if (m.status !== 0) throw new Error(`remount ${options} failed: ${m.stderr}`);
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
