// Calibrates an idle map for an engine image: boots it bare on a separate machine, waits until
// its REPL answers, then flags every address it executes during `window` emulated seconds with
// nothing to do. Cached per image file (and board) for the life of the process.
import type { BoardName, Glove } from './glove';
import { CodeMap } from './machine';

const cache = new Map<string, Promise<CodeMap>>();

export function idleMapFor(board: BoardName, image: string, bootrom: string | undefined, make: () => Promise<Glove>, window = 0.2): Promise<CodeMap> {
  const key = `${board}\0${image}\0${bootrom ?? ''}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = (async () => {
      const g = await make();
      if (!(await g.waitForRepl(6))) throw new Error(`${image}: REPL did not answer while calibrating the idle map`);
      await g.run(0.05);
      const map = new CodeMap(g.machine.imageBytes);
      g.machine.recordMap = map;
      await g.run(window);
      g.machine.recordMap = undefined;
      return map;
    })();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}
