// The simulated session as bytes: deterministic per seed, the firmware's frame schedule,
// lost frames as sequence gaps, lazy generation that agrees with itself.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../host/sim';
import { decodeAll } from '../../shared/protocol/decoder';
import { EVENT_ERROR, EVENT_PERIODIC, EVENT_STARTED } from '../../shared/protocol/constants';
import type { Status } from '../../shared/protocol/types';

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('simulate', () => {
  it('gives the same bytes for the same seed, and different bytes for another seed', () => {
    const a = simulate({ scenario: 'irregular', seed: 42, duration_s: 20 }).bytes();
    const b = simulate({ scenario: 'irregular', seed: 42, duration_s: 20 }).bytes();
    const c = simulate({ scenario: 'irregular', seed: 43, duration_s: 20 }).bytes();
    expect(a.length).toBeGreaterThan(20 * 100 * 48);
    expect(equal(a, b)).toBe(true);
    expect(equal(a, c)).toBe(false);
  });

  it('yields the same bytes through frames(), chunks() and bytes(), one frame per array', () => {
    const s = simulate({ scenario: 'good', seed: 3, duration_s: 7, loss_rate: 0.01 });
    const frames = [...s.frames()];
    const joined = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let o = 0;
    for (const f of frames) {
      expect(f[0]).toBe(0xa5);
      expect(f.length).toBe((f[1]! | (f[2]! << 8)) + 7);
      joined.set(f, o);
      o += f.length;
    }
    const count = { frames: 0 };
    const chunks = [...s.chunks(1000, count)];
    expect(chunks.length).toBeGreaterThan(30);
    expect(count.frames).toBe(frames.length);
    expect(equal(joined, s.bytes())).toBe(true);
    expect(decodeAll(joined).counters.frames).toBe(frames.length);
  });

  it('sends a descriptor at start and every 2 s, a status at start and every 1 s, samples at the rate', () => {
    const s = simulate({ scenario: 'good', seed: 1, duration_s: 10, loss_rate: 0 });
    const { messages, counters } = decodeAll(s.bytes());
    expect(counters).toMatchObject({ crc_errors: 0, junk_bytes: 0, lost_frames: 0, frames: 1000 + 5 + 10 });
    expect(messages[0]!.type).toBe('descriptor');
    expect(messages[1]).toMatchObject({ type: 'status', event: EVENT_STARTED });
    expect(messages[2]!.type).toBe('sample');
    const desc = messages.filter((m) => m.type === 'descriptor').map((m) => m.t_s);
    const stat = messages.filter((m): m is Status => m.type === 'status');
    expect(desc.map((x) => Math.round(x))).toEqual([0, 2, 4, 6, 8]);
    expect(stat.map((m) => Math.round(m.t_s))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stat.slice(1).every((m) => m.event === EVENT_PERIODIC)).toBe(true);
    // Sequence numbers: +1 per frame of every type.
    messages.forEach((m, i) => expect(m.seq).toBe(i));
    const samples = messages.filter((m) => m.type === 'sample');
    const dts = samples.slice(1).map((m, i) => m.t_s - samples[i]!.t_s);
    expect(Math.min(...dts)).toBeGreaterThan(0.0098);
    expect(Math.max(...dts)).toBeLessThan(0.0102);
    expect(s.descriptor).toMatchObject({ board: 'simulator', sample_rate_hz: 100, protocol_version: 2 });
    expect(s.descriptor.channels.map((c) => c.name).slice(0, 6)).toEqual([
      'left_thumb', 'right_thumb', 'left_knuckle', 'right_knuckle', 'left_ax', 'left_ay',
    ]);
  });

  it('honours --rate: 50 Hz gives 50 samples a second and says so in the descriptor', () => {
    const s = simulate({ scenario: 'good', seed: 1, duration_s: 4, rate_hz: 50, loss_rate: 0 });
    const { messages } = decodeAll(s.bytes());
    expect(messages.filter((m) => m.type === 'sample')).toHaveLength(200);
    expect(s.descriptor.sample_rate_hz).toBe(50);
  });

  it('loses frames as the device does: sequence gaps that match the truth, with an error status', () => {
    const s = simulate({ scenario: 'good', seed: 5, duration_s: 60, loss_rate: 0.005 });
    const { messages, counters } = decodeAll(s.bytes());
    expect(s.truth.lost_frames).toBeGreaterThan(10);
    expect(counters.lost_frames).toBe(s.truth.lost_frames);
    expect(counters.crc_errors).toBe(0);
    const samples = messages.filter((m) => m.type === 'sample');
    expect(samples.length).toBe(6000 - s.truth.lost_frames);
    let gaps = 0;
    for (let i = 1; i < messages.length; i++) if (messages[i]!.seq !== messages[i - 1]!.seq + 1) gaps++;
    expect(gaps).toBeGreaterThan(5);
    const errors = messages.filter((m): m is Status => m.type === 'status' && m.event === EVENT_ERROR);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.arg === 2)).toBe(true);
  });

  it('by default loses a frame only now and then (about one burst per 200 s)', () => {
    const s = simulate({ scenario: 'good', seed: 9, duration_s: 1200 });
    expect(s.truth.lost_frames).toBeGreaterThan(0);
    expect(s.truth.lost_frames).toBeLessThan(40);
  });

  it('rejects unknown scenarios (listing the valid ones), bad rates, seeds and durations', () => {
    expect(() => simulate({ scenario: 'nope' })).toThrow(/good, too-hard, too-light, too-fast.*one-hand, short-passes/);
    expect(() => simulate({ rate_hz: 500 })).toThrow(/25\.\.200/);
    expect(() => simulate({ seed: -1 })).toThrow(/Seed -1/);
    expect(() => simulate({ duration_s: 0 })).toThrow(/Duration/);
  });

  it('generates lazily: an hour of frames is streamed without building the capture', () => {
    const s = simulate({ scenario: 'good', seed: 2, duration_s: 3600 });
    let n = 0;
    let bytes = 0;
    for (const c of s.chunks(1 << 16)) {
      n++;
      bytes += c.length;
      expect(c.length).toBeLessThanOrEqual(1 << 16);
    }
    expect(s.samples).toBe(360_000);
    expect(bytes).toBeGreaterThan(360_000 * 48 * 0.99);
    expect(n).toBeGreaterThan(250);
  });
});
