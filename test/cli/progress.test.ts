import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress } from '../../host/cli/progress';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      (w as unknown as { text: string }).text += chunk.toString();
      cb();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  w.text = '';
  Object.assign(w, { isTTY, columns: 100 });
  return w;
}

describe('progress bar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const s = fakeStream(false);
    let t = 0;
    const p = createProgress('Scoring', 100, { stream: s, now: () => t });
    for (let i = 0; i <= 100; i += 10) { t += 500; p.update(i); }
    p.stop();
    expect(s.text).toBe('');
  });

  it('draws nothing for work done within a second', () => {
    const s = fakeStream(true);
    let t = 0;
    const p = createProgress('Scoring', 100, { stream: s, now: () => t });
    for (let i = 0; i <= 100; i += 10) { t += 90; p.update(i); }
    p.stop();
    expect(s.text).toBe('');
  });

  it('draws the bar once the work has run for a second, and clears it at the end', () => {
    const s = fakeStream(true);
    let t = 0;
    const p = createProgress('Scoring', 200, { stream: s, now: () => t, unit: 'B' });
    t = 1200;
    p.update(80);
    expect(s.text).toContain('Scoring');
    expect(s.text).toContain('40%');
    expect(s.text).toContain('80/200 B');
    p.stop();
  });
});
