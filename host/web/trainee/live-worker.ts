// The scoring worker: decoding, scoring and the force chart (on an OffscreenCanvas) run here,
// off the page's main thread. Bundled to dist/web/trainee/live-worker.js by host/web/build.ts.
import { LiveHost, type FromHost, type ToHost } from './live-host';

interface WorkerScope {
  postMessage(m: FromHost): void;
  onmessage: ((e: MessageEvent<ToHost>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = new LiveHost((m) => scope.postMessage(m));
scope.onmessage = (e) => {
  try {
    host.handle(e.data);
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
scope.postMessage({ type: 'ready' });
