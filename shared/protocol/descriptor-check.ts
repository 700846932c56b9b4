// What makes a descriptor one a host can interpret (PROTOCOL.md 3.1 and 4, step 4), and which
// channels' calibration constants a host can use (PROTOCOL.md 3.1, "Calibration constants").
// The decoder refuses an uninterpretable descriptor (counted in unknown_type); the calibrator
// leaves out a channel whose constants are unusable and reports it.
import type { Channel, Descriptor } from './types';
import {
  CHANNEL_PROBLEMS, DESCRIPTOR_PROBLEMS, type ChannelProblemCode, type DescriptorProblemCode,
} from '../i18n/descriptor';
import type { Entry, Params } from '../i18n/index';

/** A sample carries at most 15 FSR values and 2 IMUs (PROTOCOL.md 3.2): 27 values. */
export const MAX_FSR_CHANNELS = 15;
export const MAX_IMUS = 2;
export const MAX_CHANNELS = MAX_FSR_CHANNELS + 6 * MAX_IMUS;

const IMU_ORDER: readonly { kind: Channel['kind']; site: Channel['site'] }[] = [
  { kind: 'accel', site: 'x' }, { kind: 'accel', site: 'y' }, { kind: 'accel', site: 'z' },
  { kind: 'gyro', site: 'x' }, { kind: 'gyro', site: 'y' }, { kind: 'gyro', site: 'z' },
];
const UNIT_OF: Record<Channel['kind'], Channel['unit']> = { fsr: 'N', accel: 'g', gyro: 'dps' };

export interface DescriptorProblem {
  code: DescriptorProblemCode;
  entry: Entry;
  params: Params;
}

export interface ChannelProblem {
  code: ChannelProblemCode;
  entry: Entry;
  /** Channel index in the descriptor. */
  index: number;
  params: Params;
}

/** FSR and IMU counts a matching sample has (n_fsr, n_imu), for a checked descriptor. */
export function layoutOf(d: Pick<Descriptor, 'channels'>): { n_fsr: number; n_imu: number } {
  let nFsr = 0;
  for (const c of d.channels) if (c.kind === 'fsr') nFsr++;
  return { n_fsr: nFsr, n_imu: Math.floor((d.channels.length - nFsr) / 6) };
}

/** Null when the host can interpret the descriptor, else the first rule it breaks. */
export function descriptorProblem(d: Pick<Descriptor, 'channels' | 'device_id'>): DescriptorProblem | null {
  const chans = d.channels;
  const device = d.device_id;
  const problem = (code: DescriptorProblemCode, params: Params): DescriptorProblem => ({
    code, entry: DESCRIPTOR_PROBLEMS[code], params: { device, ...params },
  });
  let nFsr = 0;
  for (const c of chans) if (c.kind === 'fsr') nFsr++;
  const nImuCh = chans.length - nFsr;
  if (nFsr > MAX_FSR_CHANNELS || nImuCh > 6 * MAX_IMUS) return problem('too_many_channels', { fsr: nFsr, imu: nImuCh });
  for (const c of chans) {
    if (c.unit !== UNIT_OF[c.kind]) return problem('unit_kind', { channel: c.name, unit: c.unit, expected: UNIT_OF[c.kind] });
  }
  for (let i = nFsr; i < chans.length; i++) {
    if (chans[i]!.kind === 'fsr') return problem('fsr_after_imu', { channel: chans[i]!.name });
  }
  if (nImuCh % 6 !== 0) return problem('imu_incomplete', { imu: nImuCh });
  for (let i = nFsr; i < chans.length; i++) {
    const c = chans[i]!;
    const want = IMU_ORDER[(i - nFsr) % 6]!;
    if (c.kind !== want.kind || c.site !== want.site) {
      const expected = `${c.hand}_${want.kind === 'accel' ? 'a' : 'g'}${want.site}`;
      return problem('imu_order', { position: i + 1, channel: c.name, expected });
    }
    const first = chans[i - ((i - nFsr) % 6)]!;
    if (c.hand !== first.hand) return problem('imu_hands', { channel: c.name });
  }
  const seen = new Set<string>();
  for (const c of chans) {
    if (seen.has(c.name)) return problem('duplicate_name', { channel: c.name });
    seen.add(c.name);
  }
  return null;
}

/** Limits of the calibration constants (PROTOCOL.md 3.1); a value outside makes the channel unusable. */
export const FSR_P0_MAX_N = 1000;
export const FSR_P1_MAX = 10;
export const IMU_P0_MAX = 1;
export const IMU_P1_MAX = 32768;

const fmt = (x: number): string => (Number.isFinite(x) ? String(Math.round(x * 1e6) / 1e6) : String(x));

/** Null when the channel's constants (p0, p1, and p2 for an FSR) can be used, else why not. */
export function channelProblem(c: Pick<Channel, 'kind' | 'name' | 'p0' | 'p1' | 'p2'>, index: number, device: number): ChannelProblem | null {
  const checks: [string, number, number, number, boolean][] = c.kind === 'fsr'
    ? [['p0', c.p0, 0, FSR_P0_MAX_N, false], ['p1', c.p1, 0, FSR_P1_MAX, false], ['p2', c.p2, 0, 65535, true]]
    : [['p0', c.p0, 0, IMU_P0_MAX, false], ['p1', c.p1, -IMU_P1_MAX, IMU_P1_MAX, true]];
  for (const [param, value, lo, hi, loIncluded] of checks) {
    const params: Params = { channel: c.name, device, param, value: fmt(value) };
    if (!Number.isFinite(value)) return { code: 'not_finite', entry: CHANNEL_PROBLEMS.not_finite, index, params };
    if (value > hi || (loIncluded ? value < lo : value <= lo)) {
      const range = `${loIncluded ? '[' : '('}${lo}, ${hi}]`;
      return { code: 'out_of_range', entry: CHANNEL_PROBLEMS.out_of_range, index, params: { ...params, range } };
    }
  }
  return null;
}

/** The decoder's hook: the descriptor when the host can interpret it, else undefined (skipped). */
export function interpretable(d: Descriptor): Descriptor | undefined {
  return descriptorProblem(d) === null ? d : undefined;
}
