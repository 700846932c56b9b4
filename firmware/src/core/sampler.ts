// The per-sample path, built once at boot as a closure over a handful of locals.
//
// Why a closure: Espruino resolves a name by walking the scopes outwards, each a linked list,
// and a property by walking the object's. A function at the bundle's top level walks ~150
// names for every global it touches (that was 80 % of the sample cost on the RP2040). Here
// every name the tick uses is a local of this small scope, or one of a few properties of S;
// the sequence number and the start time live in the closure itself.
import type { Hal } from './hal';
import { sample16, sample32, sample8, sampleCrcView, sampleWords } from './frames';
import { REG_ACCEL_XOUT_H } from './imu';
import { IMU_BLOCK, SAMPLE_CRC_U32, SAMPLE_FLAGS_BYTE, SAMPLE_IMU0_BYTE } from './layout';
import { S } from './stream-state';

export interface Sampler {
  /** Reads the sensors, stamps, checks and writes one sample frame. */
  tick: () => void;
  /** The sequence number for the next frame of any type (all types share one counter). */
  takeSeq: () => number;
  /** Sets the time t_us counts from (getTime() at the start of streaming). */
  setStart: (t0: number) => void;
}

/**
 * `extra` runs after a sample while S.extra is set (a tare averaging, automatic LED cues).
 * Each IMU burst is copied as it is, big-endian (layout.ts); nothing else allocates.
 */
export function makeSampler(hal: Hal, addr0: number, addr1: number, extra: () => void): Sampler {
  const s8 = sample8;
  const s16 = sample16;
  const s32 = sample32;
  const dv = new DataView(sample8.buffer);
  const crcView = sampleCrcView;
  const words = sampleWords;
  const st = S;
  const now = hal.now;
  const readFsr = hal.readFsr;
  const readReg = hal.readReg;
  const check = hal.frameCheck;
  const write = hal.write;
  const more = extra;
  const a0 = addr0;
  const a1 = addr1;
  const reg = REG_ACCEL_XOUT_H;
  const m0 = SAMPLE_IMU0_BYTE;
  const m1 = SAMPLE_IMU0_BYTE + IMU_BLOCK;
  let seq = 0;
  let t0 = 0;

  return {
    tick: function (): void {
      'ram';
      try {
        dv.setUint32(6, (now() - t0) * 1e6, true); // t_us: setUint32 truncates and wraps at 2^32
        readFsr(s16);
        let f = st.flags;
        if (st.imu0) {
          try {
            s8.set(readReg(a0, reg, 14), m0);
          } catch (e) {
            f &= ~1;
            st.imuFail0++;
          }
        }
        if (st.imu1) {
          try {
            s8.set(readReg(a1, reg, 14), m1);
          } catch (e) {
            f &= ~2;
            st.imuFail1++;
          }
        }
        s16[2] = seq;
        seq = (seq + 1) & 0xffff;
        s8[SAMPLE_FLAGS_BYTE] = f;
        s32[SAMPLE_CRC_U32] = check(crcView, words);
        write(s8);
        st.sent++;
        if (st.extra) more();
      } catch (e) {
        st.faults++;
      }
    },
    takeSeq: function (): number {
      const s = seq;
      seq = (s + 1) & 0xffff;
      return s;
    },
    setStart: function (start: number): void {
      t0 = start;
    },
  };
}
