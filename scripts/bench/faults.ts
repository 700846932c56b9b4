// `npm run bench -- faults`: the fault suite. The class server's section (a client that never
// reads, exports while gloves stream, load at 32/64/128 gloves) is scripts/bench/faults/server.ts;
// the store's (frames lost per kill -9, per outage, per full disk) is scripts/bench/faults/store.ts
// when present. Each prints its own figures; the knobs for longer runs are in those files.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

export async function main(): Promise<void> {
  const server = (await import('./faults/server')) as { run: () => Promise<void> };
  await server.run();
  const storeFile = join(here, 'faults', 'store.ts');
  if (existsSync(storeFile)) {
    console.log('');
    const store = (await import(pathToFileURL(storeFile).href)) as { run?: () => Promise<void> };
    if (store.run) await store.run();
  }
}
