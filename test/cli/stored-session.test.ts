// Re-scoring a stored session (pijat report, pijat export, the server's report series and CSV)
// keeps every sample before the first descriptor, as `pijat score FILE` does (issue 8): a session
// whose descriptors of the first 60 s were lost scores the same passes as the clean one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store, type Session } from '../../host/store';
import { simulate } from '../../host/sim/index';
import { replaySession } from '../../host/cli/stored-session';
import { sessionSeries } from '../../host/server/export';
import { decodeAll } from '../../shared/protocol/decoder';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import type { Report } from '../../shared/engine/report-schema';
import { encodeMessage } from '../protocol/helpers';

const profile = loadBuiltinProfile('sop-000');
const LOST_S = 60;

/** The capture with one byte of every descriptor frame of the first `seconds` flipped (CRC fails). */
function withoutEarlyDescriptors(bytes: Uint8Array, seconds: number): { bytes: Uint8Array; hit: number } {
  const out = bytes.slice();
  const { messages } = decodeAll(bytes);
  const t0 = messages[0]!.t_s;
  let off = 0;
  let hit = 0;
  for (const m of messages) {
    const len = encodeMessage(m).length;
    if (m.type === 'descriptor' && m.t_s - t0 < seconds) {
      out[off + Math.floor(len / 2)]! ^= 0x5a;
      hit++;
    }
    off += len;
  }
  expect(off, 'the frames re-encode to the capture byte for byte').toBe(bytes.length);
  return { bytes: out, hit };
}

function store(s: Store, bytes: Uint8Array): Session {
  const session = s.startSession({ profile: 'sop-000', source: 'test' });
  const CHUNK = 2600; // about half a second of frames, like the recorder
  for (let off = 0, k = 0; off < bytes.length; off += CHUNK, k++) {
    s.appendFrames(session.id, bytes.subarray(off, Math.min(bytes.length, off + CHUNK)), k * 0.5, (k + 1) * 0.5);
  }
  return s.finishSession(session.id);
}

describe('a stored session whose first descriptors were lost', () => {
  let dir = '';
  let st: Store;
  let clean: Session;
  let hurt: Session;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pijat-stored-'));
    st = Store.open(join(dir, 'data'));
    const bytes = simulate({ scenario: 'good', seed: 1 }).bytes();
    const damaged = withoutEarlyDescriptors(bytes, LOST_S);
    expect(damaged.hit).toBeGreaterThanOrEqual(LOST_S / 2 - 1); // one every 2 s
    const first = decodeAll(damaged.bytes).messages.find((m) => m.type === 'descriptor')!;
    expect(first.t_s).toBeGreaterThanOrEqual(LOST_S);
    clean = store(st, bytes);
    hurt = store(st, damaged.bytes);
  });
  afterAll(() => {
    st?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-scores (pijat report) to the clean passes: every sample kept, same verdict, pass edges within 1 s', async () => {
    const ref: Report = (await replaySession(st, clean, profile, 'clean')).report();
    const pipe = await replaySession(st, hurt, profile, 'hurt');
    const got = pipe.report();
    expect(ref.passes.length).toBe(3);
    expect(pipe.drops.before_descriptor).toBe(0);
    expect(got.recording.samples).toBe(ref.recording.samples);
    expect(got.duration_s).toBeCloseTo(ref.duration_s, 1);
    expect(got.verdict).toBe(ref.verdict);
    expect(got.passes).toHaveLength(ref.passes.length);
    got.passes.forEach((p, i) => {
      expect(Math.abs(p.start_s - ref.passes[i]!.start_s), `pass ${i + 1} start`).toBeLessThan(1);
      expect(Math.abs(p.end_s - ref.passes[i]!.end_s), `pass ${i + 1} end`).toBeLessThan(1);
    });
    expect(got.score.total).toBeCloseTo(ref.score.total ?? NaN, 0);
  });

  it("gives the server's report page the whole series from 0 s", () => {
    const ref = sessionSeries(st, clean.id, profile);
    const got = sessionSeries(st, hurt.id, profile);
    expect(got.t_s[0]).toBeLessThan(0.2);
    expect(got.t_s.length).toBe(ref.t_s.length);
    expect(got.passes.map((p) => p.index)).toEqual(ref.passes.map((p) => p.index));
  });
});
