// A capture damaged on the wire (bit flips, lost chunks, console text) scores the same passes
// as the clean capture: the decoder drops only damaged frames and the engine bridges the gaps.
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { simulate } from '../../host/sim/index';
import { damage } from '../../host/sim/damage';

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe('damaged capture', () => {
  const profile = loadBuiltinProfile('sop-000');

  it.each([
    ['good', 1],
    ['short-passes', 2],
    ['one-hand', 3],
  ] as const)('%s (seed %i): same passes, verdict and near-equal force as the clean capture', (scenario, seed) => {
    const clean = concat(simulate({ scenario, seed }).chunks());
    const hurt = damage(clean, {
      seed: seed + 100,
      flipRate: 1 / 1000,
      dropChunks: { rate: 1 / 50_000, maxLen: 256 },
      consoleText: { rate: 1 / 30_000 },
    });
    expect(hurt.flips).toBeGreaterThan(100);

    const a = createPipeline({ profile });
    a.push(clean);
    const ra = a.report();
    const b = createPipeline({ profile });
    b.push(hurt.bytes);
    const rb = b.report();

    expect(b.counters.crc_errors).toBeGreaterThan(0);
    expect(rb.recording.samples / ra.recording.samples).toBeGreaterThan(0.93);
    expect(rb.passes).toHaveLength(ra.passes.length);
    rb.passes.forEach((p, i) => {
      expect(Math.abs(p.start_s - ra.passes[i]!.start_s)).toBeLessThan(0.5);
      expect(Math.abs(p.end_s - ra.passes[i]!.end_s)).toBeLessThan(0.5);
    });
    expect(rb.verdict).toBe(ra.verdict);
    for (const hand of ['left', 'right'] as const) {
      const ma = ra.pressure[hand].mean_n;
      const mb = rb.pressure[hand].mean_n;
      if (ma === null || ma < 0.5) continue;
      expect(Math.abs(mb! / ma - 1)).toBeLessThan(0.02);
    }
  });
});
