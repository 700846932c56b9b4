// One glove watched through the class server: the shared live socket (common/live-socket.ts)
// subscribed to that glove, each of its messages handed to the page.
import type { GloveInfo, HelloMessage, LiveMessage, ServerMessage, SessionMessage } from '../../../shared/live-messages';
import { LiveSocket, type SocketState } from '../common/live-socket';

export interface ClassFeedHandlers {
  hello(msg: HelloMessage, glove: GloveInfo | undefined): void;
  live(msg: LiveMessage): void;
  glove(glove: GloveInfo): void;
  session(msg: SessionMessage): void;
  link(state: SocketState): void;
}

export class ClassFeed {
  private readonly socket: LiveSocket;

  constructor(
    readonly gloveId: string,
    private readonly on: ClassFeedHandlers,
  ) {
    this.socket = new LiveSocket({
      subscribe: { gloves: [gloveId], trace: true },
      message: (msg) => this.dispatch(msg),
      link: (state) => on.link(state),
    });
  }

  get url(): string {
    return this.socket.url;
  }

  connect(): void {
    this.socket.connect();
  }

  close(): void {
    this.socket.close();
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
