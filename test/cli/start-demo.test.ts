// The demo of `npm start` (pijat start): one simulated good trainee, looping, on the class
// server. An instructor starts her session whenever she likes, often mid-pass; a trainee who
// does the SOP right must still pass. --speed runs the trainee faster than real time so that a
// whole session (3 passes) is seen within minutes.
import { describe, expect, it } from 'vitest';
import { SimLink } from '../../host/transport/sim-link';
import { Glove } from '../../host/server/glove';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { demoSpeed } from '../../host/cli/start';
import { UserError } from '../../host/cli/errors';
import type { Report } from '../../shared/engine/report-schema';

describe('pijat start --speed', () => {
  it('takes 1-20, refuses anything else with the option named', () => {
    expect(demoSpeed(undefined)).toBe(1);
    expect(demoSpeed('5')).toBe(5);
    for (const bad of ['0', '21', '2.5', 'fast', '-3']) {
      expect(() => demoSpeed(bad)).toThrow(UserError);
      expect(() => demoSpeed(bad)).toThrow(/--speed/);
    }
  });
});

describe('the demo trainee, her session started mid-pass', () => {
  it.each([1, 2])('seed %i at 40x: 3 passes, the first started before the recording, verdict pass', async (seed) => {
    const profile = loadBuiltinProfile('sop-000');
    const link = new SimLink({ scenario: 'good', seed, loop: true, speed: 40, tickMs: 10 });
    const glove = new Glove({ id: 'sim-1', kind: 'sim', label: 'Sim 1', source: 'good', profile });
    let started = false;
    let report: Report | null = null;
    const wall0 = performance.now();
    await new Promise<void>((resolve) => {
      link.onData((chunk) => {
        if (report) return;
        glove.push(chunk);
        const live = glove.live();
        if (!live) return;
        if (!started && live.in_pass && live.pass_elapsed_s > 40) {
          started = true;
          glove.restart(); // the instructor presses start in the middle of pass 1
        } else if (started && live.pass_number === 3 && !live.in_pass) {
          report = glove.report(); // ... and stop after her third pass
          resolve();
        }
      });
    });
    await link.close();
    const r = report!;
    expect(r.passes).toHaveLength(3);
    expect(r.passes[0]!.started_before_recording).toBe(true);
    expect(r.verdict).toBe('pass');
    expect(r.score.total).toBeGreaterThanOrEqual(60);
    // 40x: a session of about 9 minutes in well under a minute.
    expect(performance.now() - wall0).toBeLessThan(60_000);
  }, 90_000);
});
