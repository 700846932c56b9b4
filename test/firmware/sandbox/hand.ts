// A simulated pair of hands doing the fist technique: thumbs pressing in small circles at
// ~2 Hz, knuckles lighter, IMUs seeing gravity plus a little circling. Values are exact
// integers (FSR raw counts 0..65535, IMU i16 counts) so tests can compare bit for bit.
import type { Motion } from './mpu6050';

export interface Hand {
  /** FSR raw counts in protocol order (left thumb, right thumb, left knuckle, right knuckle). */
  fsr: (t: number) => [number, number, number, number];
  left: Motion;
  right: Motion;
}

const clampRaw = (x: number): number => Math.max(0, Math.min(65535, Math.round(x)));

export function massagingHand(): Hand {
  return {
    fsr: (t) => [
      clampRaw(40000 + 15000 * Math.sin(2 * Math.PI * 2.0 * t)),
      clampRaw(38000 + 14000 * Math.sin(2 * Math.PI * 2.1 * t + 0.5)),
      clampRaw(9000 + 3000 * Math.sin(2 * Math.PI * 0.7 * t)),
      clampRaw(8000 + 2500 * Math.cos(2 * Math.PI * 0.6 * t)),
    ],
    left: (t) => [
      800 * Math.cos(2 * Math.PI * 2 * t), 800 * Math.sin(2 * Math.PI * 2 * t), 8192,
      -2000 * Math.sin(2 * Math.PI * 2 * t), 300, 120 * Math.cos(2 * Math.PI * 2 * t),
    ],
    right: (t) => [
      -700 * Math.cos(2 * Math.PI * 2.1 * t), 650 * Math.sin(2 * Math.PI * 2.1 * t), -8100,
      1800 * Math.cos(2 * Math.PI * 2.1 * t), -250, -90,
    ],
  };
}

/** A hand resting with fixed values (for tare and threshold tests). */
export function steadyHand(fsr: [number, number, number, number]): Hand {
  return {
    fsr: () => [...fsr] as [number, number, number, number],
    left: () => [0, 0, 8192, 0, 0, 0],
    right: () => [0, 0, -8192, 0, 0, 0],
  };
}
