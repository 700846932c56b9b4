// Records a live byte stream into the store in chunks of at most `chunkMs` (0.5 s): bytes are
// buffered as they arrive and each chunk is committed as it closes, so a killed process loses
// at most the open chunk. A timer closes chunks even when no more bytes come, and keeps the
// session's heartbeat fresh so other processes can tell a live session from a dead one.
import type { Store } from './store';

export interface RecorderOptions {
  chunkMs?: number;
  heartbeatMs?: number;
  /** Monotonic clock in ms (tests inject one). */
  now?: () => number;
}

export interface Recorder {
  /** Buffers bytes as received (copied). `framesTotal`: frames decoded so far, if counted. */
  write(bytes: Uint8Array, framesTotal?: number): void;
  /** Commits the open chunk now. */
  flush(): void;
  /** Flushes and stops the timer; the caller then finishes the session. */
  close(): void;
  readonly chunks: number;
  readonly bytes: number;
}

export function createRecorder(store: Store, sessionId: number, opts: RecorderOptions = {}): Recorder {
  const chunkMs = opts.chunkMs ?? 500;
  const heartbeatMs = opts.heartbeatMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  let parts: Buffer[] = [];
  let size = 0;
  let firstAt = 0;
  let lastAt = 0;
  let framesTotal = 0;
  let framesStored = 0;
  let chunks = 0;
  let bytes = 0;
  let lastBeat = now();
  let closed = false;

  function flush(): void {
    if (size === 0) return;
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    const frames = framesTotal - framesStored;
    store.appendFrames(sessionId, data, (firstAt - t0) / 1000, (lastAt - t0) / 1000, frames);
    framesStored = framesTotal;
    chunks++;
    bytes += size;
    parts = [];
    size = 0;
    lastBeat = now();
  }

  function tick(): void {
    const t = now();
    if (size > 0 && t - firstAt >= chunkMs * 0.9) flush();
    else if (t - lastBeat >= heartbeatMs) {
      store.heartbeat(sessionId);
      lastBeat = t;
    }
  }

  const timer = setInterval(tick, Math.max(10, Math.floor(chunkMs / 5)));
  timer.unref?.();

  return {
    write(data, total) {
      if (closed || data.length === 0) return;
      const t = now();
      if (size > 0 && t - firstAt >= chunkMs) flush();
      if (size === 0) firstAt = t;
      parts.push(Buffer.from(data));
      size += data.length;
      lastAt = t;
      if (total !== undefined) framesTotal = total;
    },
    flush,
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      flush();
    },
    get chunks() {
      return chunks;
    },
    get bytes() {
      return bytes;
    },
  };
}
