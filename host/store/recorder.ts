// Records a live byte stream into the store in chunks of at most `chunkMs` (0.5 s): bytes are
// buffered as they arrive and each chunk is committed as it closes, so a killed process loses
// at most the open chunk. A timer closes chunks even when no more bytes come, and keeps the
// session's heartbeat fresh so other processes can tell a live session from a dead one.
//
// A store that cannot take a chunk (full disk, read-only or locked file, I/O error) never ends
// the recording: closed chunks wait in memory, in order, up to `maxHeldBytes` (MAX_HELD_BYTES,
// 32 MiB: about 1.7 hours of the reference glove at 100 Hz), and are written when the store takes
// data again, retried with a backoff from 0.25 s to 8 s. Past the bound new chunks are dropped
// (counted), so what is stored stays one unbroken prefix plus whatever came after recovery.
// Every change of state is told through `onNotice`, in both languages.
import { both, type Entry } from '../../shared/i18n/index';
import { STORE } from '../../shared/i18n/store';
import { faultOf, faultWords, type StoreFault } from './errors';
import type { Store } from './store';

/** Raw bytes a recorder holds in memory while the store cannot take them. */
export const MAX_HELD_BYTES = 32 * 1024 * 1024;
const RETRY_FIRST_MS = 250;
/** How long one write may wait for another process's lock: first try, then retries. */
const BUSY_FIRST_MS = 2000;
const BUSY_RETRY_MS = 100;
const RETRY_MAX_MS = 8000;

export type RecorderNoticeKind = 'holding' | 'dropping' | 'resumed' | 'not_saved_at_end';

export interface RecorderNotice {
  kind: RecorderNoticeKind;
  fault: StoreFault | null;
  message: Entry;
  held_bytes: number;
  dropped_bytes: number;
}

export interface RecorderOptions {
  chunkMs?: number;
  heartbeatMs?: number;
  /** Monotonic clock in ms (tests inject one). */
  now?: () => number;
  /** Bound of the bytes held in memory while the store fails (default MAX_HELD_BYTES). */
  maxHeldBytes?: number;
  /** Told when the store starts failing, when held data are dropped, and when it recovers. */
  onNotice?: (n: RecorderNotice) => void;
}

export interface Recorder {
  /** Buffers bytes as received (copied). `framesTotal`: frames decoded so far, if counted. */
  write(bytes: Uint8Array, framesTotal?: number): void;
  /** Closes the open chunk and writes what is waiting (never throws). */
  flush(): void;
  /** Flushes and stops the timer; the caller then finishes the session. */
  close(): void;
  readonly chunks: number;
  readonly bytes: number;
  /** Bytes waiting in memory for the store. */
  readonly held_bytes: number;
  /** Bytes dropped because the held bytes reached the bound. */
  readonly dropped_bytes: number;
  /** The store's current fault, null while it takes data. */
  readonly fault: StoreFault | null;
}

interface Chunk {
  data: Buffer;
  t0: number;
  t1: number;
  frames: number;
}

const mb = (n: number): string => (n / 1048576).toFixed(n < 1048576 ? 3 : 1);

export function createRecorder(store: Store, sessionId: number, opts: RecorderOptions = {}): Recorder {
  const chunkMs = opts.chunkMs ?? 500;
  const heartbeatMs = opts.heartbeatMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const maxHeld = opts.maxHeldBytes ?? MAX_HELD_BYTES;
  const notify = opts.onNotice ?? (() => {});
  const t0 = now();
  let parts: Buffer[] = [];
  let size = 0;
  let firstAt = 0;
  let lastAt = 0;
  let framesTotal = 0;
  let framesSealed = 0;
  let chunks = 0;
  let bytes = 0;
  let lastBeat = now();
  let closed = false;
  const queue: Chunk[] = [];
  let held = 0;
  let dropped = 0;
  let droppedSinceFault = 0;
  let fault: StoreFault | null = null;
  let retryAt = 0;
  let retryMs = RETRY_FIRST_MS;
  let dropping = false;

  function notice(kind: RecorderNoticeKind, entry: Entry, params: Record<string, string | number>): void {
    try {
      notify({ kind, fault, message: both(entry, params), held_bytes: held, dropped_bytes: dropped });
    } catch {
      // a front end's display problem must not stop the recording
    }
  }

  function wordParams(f: StoreFault | null): Record<string, string> {
    const w = faultWords(f ?? 'other');
    return { why_id: w.why.id, why_en: w.why.en, fix_id: w.fix.id, fix_en: w.fix.en };
  }

  /** Entry whose {why} and {fix} are filled per language. */
  function localized(entry: Entry, f: StoreFault | null): Entry {
    const p = wordParams(f);
    return {
      id: entry.id.replace('{why}', p.why_id!).replace('{fix}', p.fix_id!),
      en: entry.en.replace('{why}', p.why_en!).replace('{fix}', p.fix_en!),
    };
  }

  /** Bytes per second recorded so far (for "about N minutes" in the message). */
  function rate(): number {
    const s = (lastAt - t0) / 1000;
    return s > 1 ? (bytes + held + size) / s : 0;
  }

  function seal(): void {
    if (size === 0) return;
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    const c: Chunk = { data, t0: (firstAt - t0) / 1000, t1: (lastAt - t0) / 1000, frames: framesTotal - framesSealed };
    framesSealed = framesTotal;
    parts = [];
    size = 0;
    if (held + c.data.length > maxHeld && queue.length > 0) {
      dropped += c.data.length;
      droppedSinceFault += c.data.length;
      if (!dropping) {
        dropping = true;
        notice('dropping', localized(STORE.dropping, fault), { max: mb(maxHeld) });
      }
      return;
    }
    queue.push(c);
    held += c.data.length;
  }

  /** Writes the waiting chunks in order; stops at the first failure and schedules a retry. */
  function drain(): void {
    while (queue.length > 0) {
      const c = queue[0]!;
      try {
        store.withBusyTimeout(fault === null ? BUSY_FIRST_MS : BUSY_RETRY_MS, () => store.appendFrames(sessionId, c.data, c.t0, c.t1, c.frames));
      } catch (err) {
        const first = fault === null;
        fault = faultOf(err, [store.file]);
        retryAt = now() + retryMs;
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
        if (first) {
          const r = rate();
          const minutes = r > 0 ? Math.round(maxHeld / r / 60) : '-';
          notice('holding', localized(STORE.holding, fault), { held: mb(held), max: mb(maxHeld), minutes });
        }
        return;
      }
      queue.shift();
      held -= c.data.length;
      chunks++;
      bytes += c.data.length;
      lastBeat = now();
    }
    retryMs = RETRY_FIRST_MS;
    if (fault !== null) {
      const wasHeld = bytes;
      fault = null;
      dropping = false;
      if (droppedSinceFault > 0) notice('resumed', STORE.resumed_with_loss, { dropped: mb(droppedSinceFault), max: mb(maxHeld) });
      else notice('resumed', STORE.resumed, { held: mb(wasHeld - heldAtFaultBase) });
      droppedSinceFault = 0;
    }
    heldAtFaultBase = bytes;
  }
  // bytes stored when the store last took data (to say how much the recovery wrote)
  let heldAtFaultBase = 0;

  function flush(): void {
    seal();
    if (fault !== null && now() < retryAt) return;
    drain();
  }

  function tick(): void {
    const t = now();
    if (size > 0 && t - firstAt >= chunkMs * 0.9) flush();
    else if (queue.length > 0 && t >= retryAt) drain();
    else if (fault === null && t - lastBeat >= heartbeatMs) {
      try {
        store.withBusyTimeout(BUSY_RETRY_MS, () => store.heartbeat(sessionId));
      } catch {
        // the next chunk will find out what is wrong, and say it
      }
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
      seal();
      drain();
      if (queue.length > 0) {
        notice('not_saved_at_end', localized(STORE.not_saved_at_end, fault), { held: mb(held) });
      }
    },
    get chunks() {
      return chunks;
    },
    get bytes() {
      return bytes;
    },
    get held_bytes() {
      return held;
    },
    get dropped_bytes() {
      return dropped;
    },
    get fault() {
      return fault;
    },
  };
}
