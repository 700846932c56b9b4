// The descriptor rules of PROTOCOL.md 3.1 and 4 (step 4): which descriptors a host refuses
// (skipped, counted in unknown_type) and which calibration constants leave a channel unusable.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAll } from '../../shared/protocol/decoder';
import { channelProblem, descriptorProblem, MAX_CHANNELS } from '../../shared/protocol/descriptor-check';
import { encodeDescriptor } from '../../shared/protocol/encode';
import { decodeWithFsrInG } from './descriptor-fixtures';
import { buildCapture, referenceDescriptor } from './helpers';
import type { Channel, Descriptor } from '../../shared/protocol/types';

const REF = referenceDescriptor(1, 1000);
const fsr = REF.channels.slice(0, 4);
const left = REF.channels.slice(4, 10);
const right = REF.channels.slice(10, 16);

function withChannels(channels: Channel[]): Descriptor {
  return { ...REF, channels };
}

function decoded(d: Descriptor): { delivered: number; unknown: number; frames: number } {
  const { messages, counters } = decodeAll(buildCapture([d]).bytes);
  return { delivered: messages.length, unknown: counters.unknown_type, frames: counters.frames };
}

const REFUSED: [string, Channel[], string][] = [
  ['IMU channels before the FSR channels', [...left, ...right, ...fsr], 'fsr_after_imu'],
  ['an FSR between two IMUs', [...fsr.slice(0, 3), ...left, fsr[3]!, ...right], 'fsr_after_imu'],
  ['five channels of an IMU', [...fsr, ...left.slice(0, 5)], 'imu_incomplete'],
  ['gyroscope before accelerometer', [...fsr, ...left.slice(3), ...left.slice(0, 3)], 'imu_order'],
  ['axes swapped', [...fsr, left[1]!, left[0]!, ...left.slice(2)], 'imu_order'],
  ['an IMU of two hands', [...fsr, ...left.slice(0, 3), ...right.slice(3)], 'imu_hands'],
  ['two left thumbs', [fsr[0]!, fsr[0]!, ...left], 'duplicate_name'],
  ['two left IMUs', [...fsr, ...left, ...left], 'duplicate_name'],
  ['16 FSR channels', Array.from({ length: 16 }, () => fsr[0]!), 'too_many_channels'],
  ['three IMUs', [...left, ...right, ...left], 'too_many_channels'],
];

describe('descriptors a host cannot interpret (PROTOCOL.md 4, step 4)', () => {
  it('the reference descriptor and its subsets in order are accepted', () => {
    for (const chans of [REF.channels, fsr, left, [...fsr, ...right], [fsr[2]!, fsr[0]!, ...right, ...left], []]) {
      expect(descriptorProblem(withChannels(chans))).toBeNull();
      expect(decoded(withChannels(chans))).toEqual({ delivered: 1, unknown: 0, frames: 1 });
    }
  });

  for (const [what, chans, code] of REFUSED) {
    it(`refused and counted: ${what}`, () => {
      expect(descriptorProblem(withChannels(chans))?.code).toBe(code);
      expect(decoded(withChannels(chans))).toEqual({ delivered: 0, unknown: 1, frames: 1 });
    });
  }

  it('the message names the real counts (12 IMU channels, not 16)', () => {
    const p = descriptorProblem(withChannels([...left, ...right, ...fsr]))!;
    expect(p.params).toMatchObject({ channel: 'left_thumb', device: REF.device_id });
    expect(p.entry.en).toContain('every FSR channel must come first');
    expect(p.entry.id).toContain('semua kanal FSR harus di depan');
  });

  it('a valid unit on the wrong kind (an FSR in g) is refused by the decoder', () => {
    // encodeDescriptor writes the unit from the channel; patch the unit byte of channel 0 to 2 (g).
    expect(decoded(withChannels(fsr))).toMatchObject({ delivered: 1 });
    const { delivered, unknown } = decodeWithFsrInG(REF, encodeDescriptor);
    expect({ delivered, unknown }).toEqual({ delivered: 0, unknown: 1 });
  });

  it('at most 27 channels: 15 FSR and 2 IMUs fill a sample', () => {
    expect(MAX_CHANNELS).toBe(27);
  });
});

describe('calibration constants (PROTOCOL.md 3.1)', () => {
  const thumb = fsr[0]!;
  const ax = left[0]!;
  it('good constants pass', () => {
    for (const c of REF.channels) expect(channelProblem(c, 0, 1)).toBeNull();
  });
  const BAD: [string, Channel, string, string][] = [
    ['NaN p0 on an FSR', { ...thumb, p0: NaN }, 'not_finite', 'p0'],
    ['infinite p1 on an FSR', { ...thumb, p1: Infinity }, 'not_finite', 'p1'],
    ['negative p0 on an FSR', { ...thumb, p0: -6.5 }, 'out_of_range', 'p0'],
    ['zero exponent', { ...thumb, p1: 0 }, 'out_of_range', 'p1'],
    ['a tare above 65535', { ...thumb, p2: 70000 }, 'out_of_range', 'p2'],
    ['a negative tare', { ...thumb, p2: -1 }, 'out_of_range', 'p2'],
    ['NaN scale on an accelerometer', { ...ax, p0: NaN }, 'not_finite', 'p0'],
    ['zero scale on an accelerometer', { ...ax, p0: 0 }, 'out_of_range', 'p0'],
    ['negative scale on a gyroscope', { ...left[3]!, p0: -1 / 65.5 }, 'out_of_range', 'p0'],
    ['an offset beyond the i16 range', { ...ax, p1: 1e6 }, 'out_of_range', 'p1'],
  ];
  for (const [what, c, code, param] of BAD) {
    it(`unusable: ${what}`, () => {
      const p = channelProblem(c, 3, 77)!;
      expect(p.code).toBe(code);
      expect(p.params).toMatchObject({ channel: c.name, device: 77, param });
    });
  }
  it('an IMU p2 (unused) may be anything', () => {
    expect(channelProblem({ ...ax, p2: NaN }, 0, 1)).toBeNull();
  });
  it('a descriptor with bad constants is still delivered (only the channel is left out)', () => {
    const chans = REF.channels.map((c, i) => (i === 0 ? { ...c, p0: NaN } : c));
    expect(decoded(withChannels(chans))).toEqual({ delivered: 1, unknown: 0, frames: 1 });
  });
});

describe('the independent decoder (written from PROTOCOL.md) agrees on every case', () => {
  const hasPython = spawnSync('python3', ['--version']).status === 0;
  const dir = mkdtempSync(join(tmpdir(), 'pijat-descriptors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string, Channel[]][] = [
    ['reference', REF.channels], ['fsr only', fsr], ['right IMU only', right], ['empty', []],
    ...REFUSED.map(([w, c]) => [w, c] as [string, Channel[]]),
  ];
  it.skipIf(!hasPython)('same delivered descriptors and unknown_type counts', () => {
    for (const [what, chans] of cases) {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.bin`);
      const bytes = buildCapture([withChannels(chans)]).bytes;
      writeFileSync(file, bytes);
      const r = spawnSync('python3', [join(__dirname, 'independent_decoder.py'), file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const py = JSON.parse(r.stdout) as { counters: { unknown_type: number }; types: { descriptor: number } };
      const ours = decoded(withChannels(chans));
      expect({ what, delivered: py.types.descriptor, unknown: py.counters.unknown_type }).toEqual({ what, delivered: ours.delivered, unknown: ours.unknown });
    }
  });
});
