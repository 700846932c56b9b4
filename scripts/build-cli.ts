import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

/** dist/pijat.mjs plus one chunk per lazily loaded command (host/cli/main.ts), and the CSV worker. */
export async function buildCli(): Promise<void> {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  rmSync('dist/cli', { recursive: true, force: true });
  await build({
    // The CSV worker is its own file, dist/csv-worker.mjs (host/io/csv-worker.ts finds it there).
    entryPoints: { pijat: 'host/cli/main.ts', 'csv-worker': 'host/io/csv-worker.ts' },
    outdir: 'dist',
    entryNames: '[name]',
    chunkNames: 'cli/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    define: { 'process.env.PIJAT_VERSION': JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
}
