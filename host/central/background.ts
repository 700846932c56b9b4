// Background sync for `pijat serve`: every few minutes (and once at start) the lab's changes
// go to the central database when it is reachable; when it is not, the class goes on and the
// next round tries again. Runs never overlap. Opens its own connection to the store.
import { Store } from '../store/index';
import { syncStore, type SyncResult } from './sync';

export interface BackgroundSync {
  /** Runs a sync now (waits for a running one first). */
  now(): Promise<SyncResult | Error>;
  stop(): Promise<void>;
}

export function startBackgroundSync(
  dataDir: string,
  url: string,
  opts: { intervalMs: number; onResult: (r: SyncResult | Error) => void },
): BackgroundSync {
  let running: Promise<SyncResult | Error> | null = null;
  let stopped = false;
  const once = async (): Promise<SyncResult | Error> => {
    let store: Store | undefined;
    try {
      store = Store.open(dataDir);
      return await syncStore(store, url);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    } finally {
      store?.close();
    }
  };
  const now = async (): Promise<SyncResult | Error> => {
    if (running) await running;
    running = once().then((r) => {
      if (!stopped) opts.onResult(r);
      return r;
    });
    try {
      return await running;
    } finally {
      running = null;
    }
  };
  const timer = setInterval(() => void now(), opts.intervalMs);
  timer.unref();
  void now();
  return {
    now,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
