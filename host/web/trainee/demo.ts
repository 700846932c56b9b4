// ?demo=SCENARIO: the project's simulator (host/sim) produces the exact bytes a glove would
// send; they are played at the device's own pace (the frames' t_us) into the same pipeline as
// a real glove. Lets a trainer show the page without hardware.
import { getScenario, simulate } from '../../sim/index';
import { MSG_SAMPLE } from '../../../shared/protocol/constants';

export interface DemoRun {
  scenario: string;
  /** The asked scenario did not exist; 'good' is played instead. */
  unknown: boolean;
  stop(): void;
}

export function startDemo(
  name: string,
  onBytes: (bytes: Uint8Array) => void,
  onEnd: () => void,
  speed = 1,
): DemoRun {
  const unknown = getScenario(name) === undefined;
  const scenario = unknown ? 'good' : name;
  const sim = simulate({ scenario, seed: 1 + Math.floor(Math.random() * 1000) });
  const frames = sim.frames();
  let pending: Uint8Array | null = null;
  let t0_us = NaN;
  let last_us = 0;
  let wraps = 0;
  const start = performance.now();
  let timer: number | null = null;

  const deviceTime = (f: Uint8Array): number => {
    const t = (f[6]! | (f[7]! << 8) | (f[8]! << 16) | (f[9]! << 24)) >>> 0;
    if (t < last_us && last_us - t > 2 ** 31) wraps++;
    last_us = t;
    const abs = t + wraps * 2 ** 32;
    if (t0_us !== t0_us) t0_us = abs;
    return (abs - t0_us) / 1e6;
  };

  const tick = (): void => {
    const now_s = ((performance.now() - start) / 1000) * speed;
    const out: Uint8Array[] = [];
    for (;;) {
      const f = pending ?? frames.next().value;
      pending = null;
      if (!f) {
        flush(out);
        stop();
        onEnd();
        return;
      }
      if (f[3] === MSG_SAMPLE && deviceTime(f) > now_s) {
        pending = f;
        break;
      }
      out.push(f);
    }
    flush(out);
  };

  const flush = (out: Uint8Array[]): void => {
    if (out.length === 0) return;
    const n = out.reduce((a, f) => a + f.length, 0);
    const buf = new Uint8Array(n);
    let o = 0;
    for (const f of out) {
      buf.set(f, o);
      o += f.length;
    }
    onBytes(buf);
  };

  const stop = (): void => {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
  };

  timer = window.setInterval(tick, 20);
  return { scenario, unknown, stop };
}
