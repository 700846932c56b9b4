// The per-sample path of each built firmware file, read statically (sample-path.ts): what no
// engine run shows directly. The engines show that the glove keeps its rate; this shows why it
// will go on doing so on a slower board: the tick finds every name in its own small scope (no
// walk through the bundle's ~150 names or the built-ins), and nothing in the "ram" functions
// allocates.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import { ramFunctions, sampleTick } from './sample-path';

/** Operations of the tick (firmware/src/core/sampler.ts): 23 when this was written. */
const TICK_OPERATIONS = 30;
/** Any other "ram" function (Kaluma's unrolled Fletcher-32 of a sample frame is the largest: 49). */
const RAM_OPERATIONS = 60;

beforeAll(async () => {
  await buildFirmware();
}, 60_000);

describe('the per-sample path of the built firmware', () => {
  it.each(BOARDS.map((b) => [b.name, b.out] as const))('%s: the tick finds every name in its own closure; no "ram" function allocates', (_name, out) => {
    const fns = ramFunctions(readFileSync(out, 'utf8'));
    const tick = sampleTick(fns);
    expect(tick.calls).toBeGreaterThanOrEqual(5); // time, FSRs, two IMU bursts, check, write
    expect(tick.topLevel).toBe(false);
    expect(tick.names.filter((n) => n.home !== 'enclosing'), tick.source).toEqual([]);
    expect(tick.operations).toBeLessThanOrEqual(TICK_OPERATIONS);
    for (const f of fns) {
      expect(f.allocations, f.source).toEqual([]);
      expect(f.operations, f.source).toBeLessThanOrEqual(RAM_OPERATIONS);
      // built-ins and names further out are found only after every scope in between
      expect(f.names.filter((n) => n.home === 'global' || n.home === 'outer'), f.source).toEqual([]);
      if (!f.topLevel) expect(f.names.filter((n) => n.home === 'bundle'), f.source).toEqual([]);
    }
  });

  it('tells a closure that keeps its names local from code that walks the scopes or allocates', () => {
    const good = ramFunctions(`"use strict";(()=>{var B=1,T=new Uint8Array(4);function mk(h){let w=h.write,t=T,f=Math.floor;return{tick:function(){"ram";try{let x=f(3.5);t[0]=x,w(t)}catch(e){t[1]++}}}}function at(a){"ram";a>B&&(B=a)}mk({write:print})})();`);
    const tick = sampleTick(good);
    expect(tick.label).toBe('tick');
    expect(tick.names).toEqual([{ name: 'f', home: 'enclosing' }, { name: 't', home: 'enclosing' }, { name: 'w', home: 'enclosing' }]);
    expect(tick.allocations).toEqual([]);
    expect(good.find((f) => f.label === 'at')).toMatchObject({ topLevel: true, names: [{ name: 'B', home: 'bundle' }] });

    const bad = sampleTick(ramFunctions(`(()=>{var T=new Uint8Array(4);function mk(h){let w=h.write;return function(){"ram";let v=new Uint8Array(2),o={a:1};USB.write(T),w([1]),w("n"+v),w(Math.floor(o.a))}}mk({})})();`));
    expect(bad.names).toEqual([
      { name: 'Uint8Array', home: 'global' }, { name: 'USB', home: 'global' }, { name: 'T', home: 'bundle' },
      { name: 'w', home: 'enclosing' }, { name: 'Math', home: 'global' },
    ]);
    expect(bad.allocations.map((a) => a.split(':')[0])).toEqual(['new', 'object literal', 'array literal', 'string concatenation']);
  });
});
