// `npm run bench`: runs every benchmark in scripts/bench/ (or those named on the command line)
// one after another; each prints its own table of figures.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';

const dir = resolve('scripts/bench');
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
for (const f of files) {
  console.log(`\n=== ${f.replace(/\.ts$/, '')} ===`);
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { main?: () => Promise<void> | void };
  if (mod.main) await mod.main();
}
