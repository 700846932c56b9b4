// `npm install` on a machine without a C++ compiler: the compiled scorer is skipped with one
// line that says why and what it means, and the install goes on (unless CI requires the build).
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'pijat-native-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(env: Record<string, string>): { status: number | null; out: string } {
  rmSync(join(dir, 'native'), { recursive: true, force: true });
  const built = join(ROOT, 'native', 'build');
  cpSync(join(ROOT, 'native'), join(dir, 'native'), { recursive: true, filter: (f) => f !== built && !f.startsWith(`${built}/`) });
  writeFileSync(join(dir, 'run.mts'), "import { buildNative } from './native/build.ts';\nconsole.log('result:', await buildNative());\n");
  const r = spawnSync(TSX, ['run.mts'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PIJAT_NATIVE_REQUIRED: '', ...env } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('building the compiled scorer', () => {
  it('without a compiler: one line naming the cause, the TypeScript fallback, and no failure', () => {
    const r = build({ CXX: '/nonexistent/g++' });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^compiled scorer not built \(.*\/nonexistent\/g\+\+.*\): pijat score uses the TypeScript engine, same reports, slower\nresult: skipped\n$/);
    expect(existsSync(join(dir, 'native', 'build', 'Release', 'pijat_native.node'))).toBe(false);
  });

  it('fails when CI requires it (PIJAT_NATIVE_REQUIRED=1)', () => {
    const r = build({ CXX: '/nonexistent/g++', PIJAT_NATIVE_REQUIRED: '1' });
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('compiled scorer not built');
  });
});
