// host/sim/damage.ts, and the target: a damaged 60 s capture still yields >= 93 % of
// its frames, and the counters tell what happened.
import { describe, expect, it } from 'vitest';
import { CONSOLE_TEXT, damage, mulberry32 } from '../../host/sim/damage';
import { decodeAll } from '../../shared/protocol/decoder';
import type { Message } from '../../shared/protocol/types';
import { gloveCapture, intactFrames, withoutTime } from './helpers';

describe('damage()', () => {
  const input = gloveCapture(400).bytes;

  it('is deterministic for a seed and different across seeds', () => {
    const opts = { flipRate: 0.01, dropChunks: { rate: 0.002, maxLen: 50 }, consoleText: { rate: 0.002 } };
    const a = damage(input, { seed: 5, ...opts });
    const b = damage(input, { seed: 5, ...opts });
    const c = damage(input, { seed: 6, ...opts });
    expect(a).toEqual(b);
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(false);
  });

  it('with no rates it returns the input unchanged', () => {
    const r = damage(input, { seed: 1 });
    expect(Buffer.from(r.bytes).equals(Buffer.from(input))).toBe(true);
    expect(r).toMatchObject({ flips: 0, droppedChunks: 0, droppedBytes: 0, consoleLines: 0, consoleBytes: 0, events: [] });
  });

  it('its counts add up to the output length and match its event log', () => {
    const r = damage(input, { seed: 9, flipRate: 0.005, dropChunks: { rate: 0.001, maxLen: 100 }, consoleText: { rate: 0.001 } });
    expect(r.bytes.length).toBe(input.length - r.droppedBytes + r.consoleBytes);
    expect(r.events.filter((e) => e.kind === 'flip')).toHaveLength(r.flips);
    expect(r.events.filter((e) => e.kind === 'drop').reduce((s, e) => s + e.length, 0)).toBe(r.droppedBytes);
    expect(r.events.filter((e) => e.kind === 'text')).toHaveLength(r.consoleLines);
    // Rates are per input byte: ~0.5 % flipped bytes of 41 KB.
    expect(r.flips).toBeGreaterThan(input.length * 0.005 * 0.6);
    expect(r.flips).toBeLessThan(input.length * 0.005 * 1.4);
  });

  it('flips change exactly one bit; inserted text is one of the console lines', () => {
    const flipped = damage(input, { seed: 3, flipRate: 0.01 });
    expect(flipped.bytes.length).toBe(input.length);
    let bits = 0;
    for (let k = 0; k < input.length; k++) {
      const x = input[k]! ^ flipped.bytes[k]!;
      if (x) {
        expect(x & (x - 1)).toBe(0);
        bits++;
      }
    }
    expect(bits).toBe(flipped.flips);

    const texted = damage(new Uint8Array(1000), { seed: 4, consoleText: { rate: 0.01 } });
    const text = Buffer.from(texted.bytes).toString('latin1').replace(/\0/g, '|');
    const pieces = text.split('|').filter((s) => s.length > 0);
    expect(pieces.length).toBeGreaterThan(0);
    for (const p of pieces) {
      // Adjacent insertions can join; each piece is a concatenation of console lines.
      let rest = p;
      while (rest.length > 0) {
        const line = CONSOLE_TEXT.find((t) => rest.startsWith(t));
        expect(line, JSON.stringify(rest)).toBeDefined();
        rest = rest.slice(line!.length);
      }
    }
  });

  it('mulberry32 is uniform enough to trust the rates', () => {
    const r = mulberry32(42);
    let sum = 0;
    for (let k = 0; k < 100_000; k++) sum += r();
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('the target: 6000 sample frames + descriptors every 2 s, damaged', () => {
  const capture = gloveCapture(6000);
  const samplesSent = capture.messages.filter((m) => m.type === 'sample').length;

  it.each([1, 2, 3])('seed %i: at least 93 percent of the frames survive and the counters report the damage', (seed) => {
    const hurt = damage(capture.bytes, {
      seed, flipRate: 1 / 1000, dropChunks: { rate: 1 / 50_000, maxLen: 256 }, consoleText: { rate: 1 / 30_000 },
    });
    expect(hurt.flips).toBeGreaterThan(150);
    expect(hurt.droppedChunks).toBeGreaterThan(0);
    expect(hurt.consoleLines).toBeGreaterThan(0);

    const { messages, counters } = decodeAll(hurt.bytes);
    const samples = messages.filter((m) => m.type === 'sample').length;
    expect(samples / samplesSent).toBeGreaterThanOrEqual(0.93);

    // Exactly the frames that arrived intact, nothing else.
    const intact = intactFrames(capture, hurt.events);
    expect(messages.map(withoutTime)).toEqual(capture.messages.filter((_, k) => intact[k]).map(withoutTime));

    // The counters tell the story.
    expect(counters.crc_errors).toBeGreaterThan(0);
    expect(counters.junk_bytes).toBeGreaterThan(hurt.consoleBytes);
    expect(counters.resyncs).toBeGreaterThan(0);
    expect(counters.bytes).toBe(hurt.bytes.length);
    const lost = capture.messages.length - messages.length;
    const lostAtEnds = lostOutside(capture.messages, messages);
    expect(counters.lost_frames).toBe(lost - lostAtEnds);
    expect(counters.lost_frames).toBeGreaterThan(0);

    // Times stay those of the device clock.
    for (const m of messages) expect(m.t_s).toBeCloseTo(m.t_us / 1e6, 9);
  });
});

/** Frames lost before the first or after the last delivered frame (no gap shows them). */
function lostOutside(sent: Message[], got: Message[]): number {
  const first = sent.findIndex((m) => m.seq === got[0]!.seq);
  const last = sent.findIndex((m) => m.seq === got.at(-1)!.seq);
  return first + (sent.length - 1 - last);
}
