// Decodes what a sandboxed glove wrote, with the project's Decoder, and keeps every message.
import { Decoder } from '../../shared/protocol/decoder';
import type { Ack, Descriptor, Message, Sample, Status } from '../../shared/protocol/types';

export class Capture {
  readonly decoder = new Decoder();
  readonly messages: Message[] = [];

  constructor(private readonly take: () => Uint8Array) {}

  /** Decodes the bytes written since the last pull; returns the new messages. */
  pull(): Message[] {
    const fresh: Message[] = [];
    this.decoder.push(this.take(), (m) => {
      this.messages.push(m);
      fresh.push(m);
    });
    return fresh;
  }

  samples(from = 0): Sample[] {
    return this.messages.slice(from).filter((m): m is Sample => m.type === 'sample');
  }

  descriptors(from = 0): Descriptor[] {
    return this.messages.slice(from).filter((m): m is Descriptor => m.type === 'descriptor');
  }

  statuses(from = 0): Status[] {
    return this.messages.slice(from).filter((m): m is Status => m.type === 'status');
  }

  acks(from = 0): Ack[] {
    return this.messages.slice(from).filter((m): m is Ack => m.type === 'ack');
  }
}
