// `npm run build`: firmware bundles (firmware/dist/), the `pijat` CLI bundle (dist/pijat.mjs),
// the web pages (dist/web/), the compiled scorer (native/build/). Each part lives beside its
// code; this only runs them in order.
import { buildCli } from './build-cli';
import { buildSchemas } from './build-schemas';
import { buildWeb } from '../host/web/build';
import { buildFirmware } from '../firmware/build';
import { buildNative } from '../native/build';

const parts: [string, () => Promise<unknown>][] = [['firmware', buildFirmware], ['cli', buildCli], ['schemas', buildSchemas], ['web', () => buildWeb()], ['native', buildNative]];
for (const [name, run] of parts) {
  const t0 = Date.now();
  // buildNative says 'skipped' without a compiler (and has printed why)
  if ((await run()) !== 'skipped') console.log(`built ${name} in ${Date.now() - t0} ms`);
}
