import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

export async function buildCli(): Promise<void> {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  await build({
    entryPoints: ['host/cli/main.ts'],
    outfile: 'dist/pijat.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    define: { 'process.env.PIJAT_VERSION': JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
}
