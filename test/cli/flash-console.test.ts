// `pijat flash` asks the glove for its console before uploading (PROTOCOL.md 3.4, `console`):
// a version 2 glove gets the text command, a version 1 glove (known from its descriptor) the
// binary `stop` frame, whose v1 meaning was the same; a silent link is left to the upload tool.
import { describe, expect, it } from 'vitest';
import { handOverConsole, type HandoverTiming } from '../../host/cli/flash';
import { SimLink } from '../../host/transport/sim-link';
import { BaseTransport } from '../../host/transport/types';
import { encodeStatus } from '../../shared/protocol/encode';
import { parseCommandText } from '../../shared/protocol/command-text';
import { CMD_CONSOLE } from '../../shared/protocol/constants';

const FAST: HandoverTiming = { silentMs: 300, maxMs: 900, resendMs: 100 };

/** A link whose far end never answers; optionally it streams status frames. */
class DeafLink extends BaseTransport {
  readonly kind = 'serial' as const;
  readonly name = 'deaf';
  readonly written: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  constructor(private readonly streams: boolean) {
    super();
  }
  protected startFlow(): void {
    if (!this.streams) return;
    this.timer = setInterval(() => {
      this.emitData(encodeStatus({ seq: this.seq++, t_us: 0, event: 0, arg: 0, state: 1, battery_mv: 0, error_count: 0 }));
    }, 50);
  }
  write(bytes: Uint8Array): Promise<void> {
    this.written.push(...bytes);
    return Promise.resolve();
  }
  close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    return Promise.resolve();
  }
}

describe('pijat flash: console handover', () => {
  it('a version 2 glove acks console, stops and gives up the link', async () => {
    const link = new SimLink({ scenario: 'good', seed: 1, speed: 5, loss_rate: 0 });
    expect(await handOverConsole(link, FAST)).toBe('handed_over');
    expect(link.glove.inConsole).toBe(true);
    expect(link.glove.isStreaming).toBe(false);
    await link.close();
  });

  it('a version 1 glove (from its descriptor) gets a binary stop frame', async () => {
    const link = new SimLink({ scenario: 'good', seed: 1, speed: 5, loss_rate: 0, protocol_version: 1 });
    expect(await handOverConsole(link, FAST)).toBe('handed_over');
    expect(link.glove.isStreaming).toBe(false);
    expect(link.glove.inConsole).toBe(false); // the simulator has no REPL to hand over in version 1
    await link.close();
  });

  it('a silent link is left alone after silentMs; a glove that streams but never acks is reported', async () => {
    const silent = new DeafLink(false);
    const t0 = Date.now();
    expect(await handOverConsole(silent, FAST)).toBe('silent');
    expect(Date.now() - t0).toBeLessThan(FAST.maxMs);
    // only text console commands went out, each intact
    const sent = parseCommandText(Uint8Array.from(silent.written));
    expect(sent.commands.length).toBeGreaterThanOrEqual(2);
    expect(sent.commands.every((c) => c.cmd === CMD_CONSOLE)).toBe(true);
    expect(sent.counters.ignored_bytes).toBe(0);

    const deaf = new DeafLink(true);
    expect(await handOverConsole(deaf, FAST)).toBe('no_answer');
    await deaf.close();
  });
});
