// One glove watched through the class server: WebSocket `/ws` (shared/live-messages.ts),
// subscribe to that glove, hand each live message to the page; reconnect after a drop.
import { WS_PATH, type GloveInfo, type HelloMessage, type LiveMessage, type ServerMessage, type SessionMessage } from '../../../shared/live-messages';

export interface ClassFeedHandlers {
  hello(msg: HelloMessage, glove: GloveInfo | undefined): void;
  live(msg: LiveMessage): void;
  glove(glove: GloveInfo): void;
  session(msg: SessionMessage): void;
  /** open: connected; lost: dropped (retrying); failed: never reached the server. */
  link(state: 'open' | 'lost' | 'failed'): void;
}

export class ClassFeed {
  private ws: WebSocket | null = null;
  private retry_ms = 1000;
  private everOpen = false;
  private closed = false;

  constructor(
    readonly gloveId: string,
    private readonly on: ClassFeedHandlers,
  ) {}

  get url(): string {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}${WS_PATH}`;
  }

  connect(): void {
    this.closed = false;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.everOpen = true;
      this.retry_ms = 1000;
      ws.send(JSON.stringify({ type: 'subscribe', gloves: [this.gloveId], trace: true }));
      this.on.link('open');
    };
    ws.onmessage = (ev) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(ev.data)) as ServerMessage;
      } catch {
        return;
      }
      this.dispatch(msg);
    };
    ws.onclose = () => {
      if (this.closed) return;
      this.on.link(this.everOpen ? 'lost' : 'failed');
      window.setTimeout(() => this.connect(), this.retry_ms);
      this.retry_ms = Math.min(this.retry_ms * 2, 8000);
    };
  }

  close(): void {
    this.closed = true;
    this.ws?.close();
  }

  private dispatch(msg: ServerMessage): void {
    switch (msg.type) {
      case 'hello':
        this.on.hello(msg, msg.gloves.find((g) => g.id === this.gloveId));
        break;
      case 'live':
        if (msg.id === this.gloveId) this.on.live(msg);
        break;
      case 'glove':
        if (msg.glove.id === this.gloveId) this.on.glove(msg.glove);
        break;
      case 'session':
        if (msg.session.glove === this.gloveId) this.on.session(msg);
        break;
      default:
        break;
    }
  }
}
