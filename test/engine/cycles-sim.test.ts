// The estimator on the simulator's harder sessions (host/sim/scenarios.ts): slow wide circles
// with a force that hardly follows, a near-steady thumb on a widely circling hand, a tempo
// that wanders within each pass, 3.3-4 Hz circles, and an irregular trainee. Raw glove bytes through the pipeline,
// against the simulator's truth: pass count exact, edges within 1 s, cadence per pass and hand
// within 2 %, mean force within 2 %.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../host/sim/index';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';

const profile = loadBuiltinProfile('sop-000');
const RATES = [100, 50, 25, 200];

describe('cycle estimator on the harder simulated sessions', () => {
  // irregular (period CV 0.4-0.5): seeds 2, 5 and 22 each had a pass 2.1-2.3 % off (periods
  // left out at every change of source, the first circle after each touch-down lost).
  const cases: [string, number[]][] = [
    ['slow-circles', [1, 2, 3]], ['steady-thumb', [1, 2, 3]], ['tempo-drift', [1, 2, 3]], ['too-fast', [1, 2, 3]],
    ['irregular', [2, 5, 22]],
  ];
  for (const [scenario, seeds] of cases) {
    it.each(seeds)(`${scenario}, seed %i: passes exact, edges within 1 s, cadence and force within 2 %`, (seed) => {
      const sim = simulate({ scenario, seed, rate_hz: RATES[seed % RATES.length]!, band: profile.criteria.force_n.target });
      const pipe = createPipeline({ profile, source: 'raw' });
      for (const c of sim.chunks()) pipe.push(c);
      const s = pipe.summary();
      const truth = sim.truth;
      expect(s.passes.length).toBe(truth.passes.length);
      truth.passes.forEach((tp, i) => {
        const p = s.passes[i]!;
        expect(Math.abs(p.start_s - tp.start_s)).toBeLessThan(1);
        expect(Math.abs(p.end_s - tp.end_s)).toBeLessThan(1);
        for (const [a, b] of [[p.cadence_left_hz, tp.cadence_left_hz], [p.cadence_right_hz, tp.cadence_right_hz]] as const) {
          if (b === null) continue;
          expect(a, `pass ${i + 1} cadence`).not.toBeNull();
          expect(Math.abs(a! / b - 1), `pass ${i + 1} cadence ${a} vs ${b}`).toBeLessThan(0.02);
        }
        for (const [a, b] of [[p.mean_force_left_n, tp.mean_force_left_n], [p.mean_force_right_n, tp.mean_force_right_n]] as const) {
          if (b === null || a === null) continue;
          expect(Math.abs(a / b - 1)).toBeLessThan(0.02);
        }
      });
    });
  }
});
