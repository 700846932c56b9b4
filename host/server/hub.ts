// The WebSocket side: one `hello` per client, subscriptions, and fan-out of server messages.
// Each message is serialised once and sent to every client that wants it. A client that cannot
// keep up (more than MAX_BUFFERED bytes queued) skips live updates until it drains; the next
// update it gets is complete in itself, so it never shows a stale picture for long.
import type { WebSocket } from 'ws';
import type { ClientMessage, GloveId, LiveMessage, ServerMessage } from '../../shared/live-messages';
import { parseClientMessage } from '../../shared/live-messages';
import { both } from '../../shared/i18n/index';
import { serverErrors } from '../../shared/i18n/web-class';

const MAX_BUFFERED = 1 << 20;

interface Client {
  ws: WebSocket;
  all: boolean;
  gloves: Set<GloveId>;
  trace: boolean;
}

export interface HubStats {
  clients: number;
  sent: number;
  skipped: number;
}

export class Hub {
  private clients = new Set<Client>();
  readonly stats: HubStats = { clients: 0, sent: 0, skipped: 0 };

  constructor(
    private readonly hello: () => ServerMessage,
    /** Runs a command; answers with the message to send back (ok / error). */
    private readonly command: (m: ClientMessage) => ServerMessage,
  ) {}

  add(ws: WebSocket): void {
    const c: Client = { ws, all: false, gloves: new Set(), trace: true };
    this.clients.add(c);
    this.stats.clients = this.clients.size;
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.send(c, this.error(null, 'bad_message', '(message)', 'binary frames are not accepted'));
        return;
      }
      this.onText(c, data.toString());
    });
    ws.on('close', () => {
      this.clients.delete(c);
      this.stats.clients = this.clients.size;
    });
    ws.on('error', () => ws.terminate());
    this.send(c, this.hello());
  }

  private onText(c: Client, text: string): void {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.send(c, this.error(null, 'bad_message', parsed.where, parsed.reason));
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

  private error(ref: string | null, code: 'bad_message', field: string, reason: string): ServerMessage {
    return { type: 'error', ref, code, error: both(serverErrors[code], { field, reason }) };
  }

  private send(c: Client, m: ServerMessage): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    c.ws.send(JSON.stringify(m));
    this.stats.sent++;
  }

  /** To every client (glove list changes, sessions, checklist ticks). */
  broadcast(m: ServerMessage): void {
    const text = JSON.stringify(m);
    for (const c of this.clients) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      c.ws.send(text);
      this.stats.sent++;
    }
  }

  /** A glove's live update to its subscribers; serialised at most twice (with and without trace). */
  live(m: LiveMessage): void {
    let withTrace: string | null = null;
    let without: string | null = null;
    for (const c of this.clients) {
      if (!(c.all || c.gloves.has(m.id)) || c.ws.readyState !== c.ws.OPEN) continue;
      if (c.ws.bufferedAmount > MAX_BUFFERED) {
        this.stats.skipped++;
        continue;
      }
      if (c.trace) withTrace ??= JSON.stringify(m);
      else without ??= JSON.stringify({ ...m, trace: { t_s: [], left_n: [], right_n: [] } });
      c.ws.send(c.trace ? withTrace! : without!);
      this.stats.sent++;
    }
  }

  /** True when some client wants this glove's live updates. */
  wants(id: GloveId): boolean {
    for (const c of this.clients) if (c.all || c.gloves.has(id)) return true;
    return false;
  }

  closeAll(): void {
    for (const c of this.clients) c.ws.close(1001, 'server stopping');
  }
}
