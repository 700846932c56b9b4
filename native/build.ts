// Builds the compiled scorer (native/build/Release/pijat_native.node) with node-gyp, the
// compiler that builds better-sqlite3 at install. Without a C++ compiler the build is skipped
// with one line of explanation: `pijat score` then uses the TypeScript engine (same reports,
// slower). PIJAT_NATIVE_REQUIRED=1 (set by .ci/run) makes a failed build an error.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DIR = 'native';
const OUT = join(DIR, 'build', 'Release', 'pijat_native.node');

/** node-gyp's entry script: npm's own copy (npm tells scripts where it is), else the one beside npm. */
function nodeGyp(): string | null {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  const candidates: string[] = [];
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const npm = join(dir, 'npm');
    if (!existsSync(npm)) continue;
    candidates.push(join(dirname(realpathSync(npm)), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** The addon is older than one of its sources (or missing). */
function stale(): boolean {
  if (!existsSync(OUT)) return true;
  const built = statSync(OUT).mtimeMs;
  const sources = [join(DIR, 'binding.gyp'), ...readdirSync(join(DIR, 'src')).map((f) => join(DIR, 'src', f))];
  return sources.some((f) => statSync(f).mtimeMs > built);
}

/**
 * Node's own headers when npm does not name them (a build run outside npm): without them
 * node-gyp would try to download them.
 */
function nodeDir(): string[] {
  if (process.env.npm_config_nodedir) return [];
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) ? [`--nodedir=${prefix}`] : [];
}

/** The line of node-gyp's output that says what went wrong (a missing compiler, a compile error). */
function reason(out: string): string {
  const lines = out.split('\n').map((l) => l.trim()).filter((l) => l && !/^gyp ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok)/.test(l));
  return lines.find((l) => /error:|Error:|not found|No such file/.test(l)) ?? lines.find((l) => /ERR!/.test(l)) ?? 'node-gyp failed';
}

export async function buildNative(): Promise<string> {
  if (!stale()) return 'up to date';
  const gyp = nodeGyp();
  const why = gyp === null
    ? 'node-gyp not found'
    : (() => {
      const r = spawnSync(process.execPath, [gyp, 'rebuild', '--loglevel=error', ...nodeDir()], { cwd: DIR, encoding: 'utf8' });
      return r.status === 0 ? null : reason(`${r.stdout}\n${r.stderr}`).slice(0, 200);
    })();
  if (why === null) return 'built';
  const line = `compiled scorer not built (${why}): pijat score uses the TypeScript engine, same reports, slower`;
  if (process.env.PIJAT_NATIVE_REQUIRED === '1') throw new Error(line);
  console.log(line);
  return 'skipped';
}
