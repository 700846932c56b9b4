// The one WebSocket client of the class server (`/ws`, shared/live-messages.ts) that the class
// page and the trainee page both use: connect, answer `hello` with the page's subscription,
// hand every server message on typed, and reconnect with a growing delay after a drop.
import {
  CLOSE_FLOODING,
  CLOSE_SLOW_CLIENT,
  WS_PATH,
  type ClientMessage,
  type ServerMessage,
  type SubscribeMessage,
} from '../../../shared/live-messages';

/** open: connected; lost: dropped after being open (retrying); failed: not reached (retrying). */
export type SocketState = 'open' | 'lost' | 'failed';

export interface LiveSocketOptions {
  /** Sent after every `hello` (so again after each reconnect). */
  subscribe: Omit<SubscribeMessage, 'type' | 'ref'>;
  message(msg: ServerMessage): void;
  link(state: SocketState): void;
}

/** First retry delay, doubled after each failed try up to RETRY_MAX_MS. */
export const RETRY_MIN_MS = 500;
export const RETRY_MAX_MS = 8000;

/** The delay before the next try after a close with `code`, given the current delay. */
export function retryDelay(code: number, current_ms: number): number {
  // Evicted for reading too slowly: the server asks us to reconnect and read (a busy tab).
  if (code === CLOSE_SLOW_CLIENT) return RETRY_MIN_MS;
  // Evicted for flooding: this page sent too much; come back slowly.
  if (code === CLOSE_FLOODING) return RETRY_MAX_MS;
  return current_ms;
}

export class LiveSocket {
  private ws: WebSocket | null = null;
  private retry_ms = RETRY_MIN_MS;
  private everOpen = false;
  private stopped = false;
  private timer: number | undefined;

  constructor(private readonly opts: LiveSocketOptions) {}

  /** The same-origin address of the live endpoint (wss: on an https page). */
  get url(): string {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}${WS_PATH}`;
  }

  get connected(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  connect(): void {
    this.stopped = false;
    window.clearTimeout(this.timer);
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.everOpen = true;
      this.retry_ms = RETRY_MIN_MS;
      this.opts.link('open');
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      if (msg.type === 'hello') this.send({ type: 'subscribe', ...this.opts.subscribe });
      this.opts.message(msg);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      this.opts.link(this.everOpen ? 'lost' : 'failed');
      const wait = retryDelay(ev.code, this.retry_ms);
      this.timer = window.setTimeout(() => this.connect(), wait);
      this.retry_ms = Math.min(Math.max(wait, this.retry_ms) * 2, RETRY_MAX_MS);
    };
  }

  /** Sends when connected; false when not (the caller's change is lost, as on a dropped link). */
  send(msg: ClientMessage): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /** Closes for good: no reconnect. */
  close(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }
}
