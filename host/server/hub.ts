// The WebSocket side: one `hello` per client, subscriptions, and fan-out of server messages.
// Each message is serialised once and sent to every client that wants it.
//
// Whatever a client does, what the server holds for it is bounded:
// - live updates are skipped while more than `LIVE_SKIP_BYTES` wait to be sent to it (the next
//   one it gets is complete in itself, so a slow tablet never shows a stale picture for long);
// - while more than `LIVE_SKIP_BYTES` wait, nothing more is read from the client either (its
//   requests would only add answers it does not read); a client that stays so for `stuckMs`,
//   or has more than `maxQueueBytes` waiting, is evicted with close code CLOSE_SLOW_CLIENT
//   (shared/live-messages.ts), replies and broadcasts included;
// - every `heartbeatMs` each client is pinged; one that did not answer the previous ping is
//   dropped (a tablet that went to sleep, a vanished network);
// - at most `maxMessagesPerS` messages a second are read from one client (the pages send a
//   few on clicks): past that its socket is paused until the next second, so a flood costs
//   the server a bounded amount of work and garbage; one over its budget `floodSeconds` seconds
//   in a row is evicted with close code CLOSE_FLOODING;
// - at most `maxClients` at once: the next is refused before the upgrade (503, both languages).
import type { WebSocket } from 'ws';
import type { ClientMessage, GloveId, LiveMessage, ServerMessage } from '../../shared/live-messages';
import { CLOSE_FLOODING, CLOSE_SLOW_CLIENT, clientMessageSchema, parseClientMessage } from '../../shared/live-messages';
import { both } from '../../shared/i18n/index';
import { serverErrors } from '../../shared/i18n/web-class';
import { explainIssues } from './validation-message';

/** Above this many queued bytes a client gets no live updates until it drains. */
export const LIVE_SKIP_BYTES = 1 << 20;

export interface HubOptions {
  /** Queued bytes past which a client is evicted (default 8 MiB). */
  maxQueueBytes?: number;
  /** Ping interval; a client silent for a whole interval is dropped (default 15 s; 0 = off). */
  heartbeatMs?: number;
  /** Clients at once (default 256). */
  maxClients?: number;
  /** A client whose queue stays over LIVE_SKIP_BYTES this long is evicted (default 10 s). */
  stuckMs?: number;
  /** Messages read from one client per second at most (default 200). */
  maxMessagesPerS?: number;
  /** Over that budget this many seconds in a row: evicted (default 5). */
  floodSeconds?: number;
}

interface Client {
  ws: WebSocket;
  all: boolean;
  gloves: Set<GloveId>;
  trace: boolean;
  alive: boolean;
  gone: boolean;
  /** Since when its queue is over LIVE_SKIP_BYTES (reading paused), else 0. */
  stuckSince: number;
  /** Messages in the current one-second window, its start, and whether reading waits for the next. */
  windowCount: number;
  windowStart: number;
  throttled: boolean;
  /** Seconds in a row it went over its budget, and when it last did. */
  floodStreak: number;
  lastThrottle: number;
}

export interface HubStats {
  clients: number;
  sent: number;
  skipped: number;
  /** Clients closed for not reading (queue over the limit). */
  evicted_slow: number;
  /** Clients dropped for not answering a ping. */
  evicted_dead: number;
  /** Connections refused at the client limit. */
  refused: number;
  /** Times a client sent more than its messages per second (reading paused until the next second). */
  throttled: number;
  /** Clients closed for sending over their budget `floodSeconds` seconds in a row. */
  evicted_flood: number;
}

/** The `ref` of a message that failed validation, when it has a usable one (so the page can match the error). */
function refOf(text: string): string | null {
  try {
    const v = (JSON.parse(text) as { ref?: unknown } | null)?.ref;
    return typeof v === 'string' && v.length <= 64 ? v : null;
  } catch {
    return null;
  }
}

export class Hub {
  private clients = new Set<Client>();
  readonly stats: HubStats = { clients: 0, sent: 0, skipped: 0, evicted_slow: 0, evicted_dead: 0, refused: 0, throttled: 0, evicted_flood: 0 };
  readonly maxQueueBytes: number;
  readonly maxClients: number;
  private readonly heartbeat: ReturnType<typeof setInterval> | null;
  private readonly stuckMs: number;
  private readonly maxMessagesPerS: number;
  private readonly floodSeconds: number;
  private readonly drainCheck: ReturnType<typeof setInterval>;

  constructor(
    private readonly hello: () => ServerMessage,
    /** Runs a command; answers with the message to send back (ok / error). */
    private readonly command: (m: ClientMessage) => ServerMessage,
    opts: HubOptions = {},
  ) {
    this.maxQueueBytes = opts.maxQueueBytes ?? 8 << 20;
    this.maxClients = opts.maxClients ?? 256;
    const beat = opts.heartbeatMs ?? 15_000;
    this.heartbeat = beat > 0 ? setInterval(() => this.ping(), beat) : null;
    this.heartbeat?.unref();
    this.stuckMs = opts.stuckMs ?? 10_000;
    this.maxMessagesPerS = opts.maxMessagesPerS ?? 200;
    this.floodSeconds = opts.floodSeconds ?? 5;
    this.drainCheck = setInterval(() => this.checkQueues(), 250);
    this.drainCheck.unref();
  }

  /** False when the client limit is reached (the caller refuses the upgrade). */
  hasRoom(): boolean {
    return this.clients.size < this.maxClients;
  }

  refused(): void {
    this.stats.refused++;
  }

  add(ws: WebSocket): void {
    const c: Client = {
      ws, all: false, gloves: new Set(), trace: true, alive: true, gone: false, stuckSince: 0,
      windowCount: 0, windowStart: Date.now(), throttled: false, floodStreak: 0, lastThrottle: 0,
    };
    this.clients.add(c);
    this.stats.clients = this.clients.size;
    ws.on('message', (data, isBinary) => {
      if (c.gone) return;
      this.countMessage(c);
      if (isBinary) {
        this.send(c, this.error(null, both(serverErrors.bad_message, { field: '(message)', reason: 'binary' })));
        return;
      }
      this.onText(c, data.toString());
    });
    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('close', () => this.drop(c));
    ws.on('error', () => {
      this.drop(c);
      ws.terminate();
    });
    this.send(c, this.hello());
  }

  private drop(c: Client): void {
    c.gone = true;
    this.clients.delete(c);
    this.stats.clients = this.clients.size;
  }

  private onText(c: Client, text: string): void {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.send(c, this.error(refOf(text), this.explain(text, parsed.where)));
      return;
    }
    const m = parsed.message;
    if (m.type === 'subscribe') {
      c.all = m.gloves === 'all';
      c.gloves = new Set(m.gloves === 'all' ? [] : m.gloves);
      c.trace = m.trace ?? true;
      this.send(c, { type: 'ok', ref: m.ref ?? null });
      return;
    }
    this.send(c, this.command(m));
  }

  /** The same plain, bilingual explanation the REST API gives for a bad body. */
  private explain(text: string, where: string) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return both(serverErrors.bad_message, { field: '(message)', reason: 'JSON' });
    }
    const r = clientMessageSchema().safeParse(json);
    if (r.success) return both(serverErrors.bad_message, { field: where, reason: '?' });
    return explainIssues(clientMessageSchema(), r.error.issues, json, 'message').text;
  }

  private error(ref: string | null, error: ReturnType<typeof both>): ServerMessage {
    return { type: 'error', ref, code: 'bad_message', error };
  }

  /** Queues `text` for a client, or evicts it when its queue is over the limit. */
  private push(c: Client, text: string): void {
    if (c.gone || c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount + text.length > this.maxQueueBytes) {
      this.evictSlow(c);
      return;
    }
    c.ws.send(text);
    this.stats.sent++;
    if (c.stuckSince === 0 && c.ws.bufferedAmount > LIVE_SKIP_BYTES) {
      // Backpressure: read no more requests from a client that does not read its answers.
      c.stuckSince = Date.now();
      c.ws.pause();
    }
  }

  /** Counts a message against the client's one-second budget; pauses reading when it is spent. */
  private countMessage(c: Client): void {
    const now = Date.now();
    if (now - c.windowStart >= 1000) {
      c.windowStart = now;
      c.windowCount = 0;
    }
    if (++c.windowCount < this.maxMessagesPerS || c.throttled) return;
    c.throttled = true;
    this.stats.throttled++;
    c.floodStreak = now - c.lastThrottle < 2000 ? c.floodStreak + 1 : 1;
    c.lastThrottle = now;
    if (c.floodStreak >= this.floodSeconds) {
      this.evict(c, CLOSE_FLOODING, 'too many messages');
      this.stats.evicted_flood++;
      return;
    }
    c.ws.pause();
    setTimeout(() => {
      c.throttled = false;
      c.windowStart = Date.now();
      c.windowCount = 0;
      if (!c.gone && c.stuckSince === 0) c.ws.resume();
    }, Math.max(1, 1000 - (now - c.windowStart))).unref();
  }

  /** Resumes clients that drained; evicts those stuck too long. */
  private checkQueues(): void {
    const now = Date.now();
    for (const c of [...this.clients]) {
      if (c.stuckSince === 0) continue;
      if (c.ws.bufferedAmount <= LIVE_SKIP_BYTES / 2) {
        c.stuckSince = 0;
        if (!c.throttled) c.ws.resume();
      } else if (now - c.stuckSince > this.stuckMs) this.evictSlow(c);
    }
  }

  private evictSlow(c: Client): void {
    this.evict(c, CLOSE_SLOW_CLIENT, 'send queue full: client not reading');
    this.stats.evicted_slow++;
  }

  private evict(c: Client, code: number, reason: string): void {
    this.drop(c);
    // The close frame may wait behind data the client does not read: do not wait for it.
    c.ws.close(code, reason);
    setTimeout(() => c.ws.terminate(), 1000).unref();
  }

  private ping(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        this.drop(c);
        this.stats.evicted_dead++;
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.ws.ping();
      } catch {
        // closing already
      }
    }
  }

  private send(c: Client, m: ServerMessage): void {
    this.push(c, JSON.stringify(m));
  }

  /** To every client (glove list changes, sessions, checklist ticks). */
  broadcast(m: ServerMessage): void {
    const text = JSON.stringify(m);
    for (const c of [...this.clients]) this.push(c, text);
  }

  /** A glove's live update to its subscribers; serialised at most twice (with and without trace). */
  live(m: LiveMessage): void {
    let withTrace: string | null = null;
    let without: string | null = null;
    for (const c of [...this.clients]) {
      if (!(c.all || c.gloves.has(m.id)) || c.ws.readyState !== c.ws.OPEN) continue;
      if (c.ws.bufferedAmount > LIVE_SKIP_BYTES) {
        this.stats.skipped++;
        continue;
      }
      if (c.trace) withTrace ??= JSON.stringify(m);
      else without ??= JSON.stringify({ ...m, trace: { t_s: [], left_n: [], right_n: [] } });
      this.push(c, c.trace ? withTrace! : without!);
    }
  }

  /** True when some client wants this glove's live updates. */
  wants(id: GloveId): boolean {
    for (const c of this.clients) if (c.all || c.gloves.has(id)) return true;
    return false;
  }

  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    clearInterval(this.drainCheck);
    for (const c of this.clients) c.ws.close(1001, 'server stopping');
  }
}
