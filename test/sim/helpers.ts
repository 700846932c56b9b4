// Decoding and calibrating a simulated session, for the sim tests.
import { blankSample, createCalibrator } from '../../shared/engine/calibration';
import { decodeAll } from '../../shared/protocol/decoder';
import type { DecoderCounters, Message, Sample } from '../../shared/protocol/types';
import type { SimSession } from '../../host/sim';

export interface Decoded {
  messages: Message[];
  counters: DecoderCounters;
  samples: Sample[];
  t: Float64Array;
  /** Calibrated per sample: thumb and knuckle force (N), IMU in g and dps. */
  lt: Float64Array;
  rt: Float64Array;
  lk: Float64Array;
  rk: Float64Array;
  lgx: Float64Array;
  lax: Float64Array;
  lay: Float64Array;
  laz: Float64Array;
  lgy: Float64Array;
  lgz: Float64Array;
}

export function decodeSession(s: SimSession): Decoded {
  const { messages, counters } = decodeAll(s.bytes());
  const samples = messages.filter((m): m is Sample => m.type === 'sample');
  const n = samples.length;
  const cal = createCalibrator(s.descriptor);
  const out = blankSample();
  const arr = (): Float64Array => new Float64Array(n);
  const d: Decoded = {
    messages, counters, samples, t: arr(), lt: arr(), rt: arr(), lk: arr(), rk: arr(),
    lgx: arr(), lax: arr(), lay: arr(), laz: arr(), lgy: arr(), lgz: arr(),
  };
  samples.forEach((m, i) => {
    cal(m, out);
    d.t[i] = out.t_s;
    d.lt[i] = out.left.thumb_n;
    d.rt[i] = out.right.thumb_n;
    d.lk[i] = out.left.knuckle_n;
    d.rk[i] = out.right.knuckle_n;
    d.lax[i] = out.left.ax_g;
    d.lay[i] = out.left.ay_g;
    d.laz[i] = out.left.az_g;
    d.lgx[i] = out.left.gx_dps;
    d.lgy[i] = out.left.gy_dps;
    d.lgz[i] = out.left.gz_dps;
  });
  return d;
}

/** Mean of xs[i] where keep(i). */
export function meanWhere(xs: Float64Array, keep: (i: number) => boolean): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    if (keep(i)) {
      s += xs[i]!;
      n++;
    }
  }
  return n ? s / n : NaN;
}

/**
 * Rhythm of a signal inside [t0, t1]: rising crossings of (x - its 1 s moving average) with a
 * hysteresis of `h`, per second.
 */
export function rhythmHz(t: Float64Array, x: Float64Array, t0: number, t1: number, h: number): number {
  const idx: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i]! >= t0 && t[i]! <= t1) idx.push(i);
  const w = 50;
  let armed = false;
  let count = 0;
  let first = NaN;
  let last = NaN;
  for (let k = w; k < idx.length - w; k++) {
    let s = 0;
    for (let j = k - w; j <= k + w; j++) s += x[idx[j]!]!;
    const v = x[idx[k]!]! - s / (2 * w + 1);
    if (v < -h) armed = true;
    else if (v > h && armed) {
      armed = false;
      const tt = t[idx[k]!]!;
      if (Number.isNaN(first)) first = tt;
      else count++;
      last = tt;
    }
  }
  return count / (last - first);
}
