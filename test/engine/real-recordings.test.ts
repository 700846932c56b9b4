// Real human circular motion (test/fixtures/real/README.md): each recording scored alone as one
// single-handed pass with a steady thumb force. Cadence within 5 % of a labelled truth, 10 % of a
// counted one. A recording whose file is absent (run test/fixtures/real/fetch.sh) is skipped.
import { describe, expect, it } from 'vitest';
import { REAL_RECORDINGS, readImu, realAvailable, toPijatCsv } from '../fixtures/real/recordings';
import { scoreReal } from '../fixtures/real/score-real';
import { countMinima } from '../fixtures/real/count-truth';
import { parseCsv } from '../../host/io/csv';

describe('real recordings of circular motion', () => {
  for (const r of REAL_RECORDINGS) {
    const tol = r.truth.kind === 'label' ? 0.05 : 0.1;
    it.skipIf(!realAvailable(r))(`${r.id} (${r.device}): one pass, cadence within ${tol * 100} % of ${r.truth.rate_hz} Hz (${r.truth.kind})`, () => {
      const x = scoreReal(r);
      expect(x.passes).toBe(1);
      expect(x.cadence_hz).not.toBeNull();
      expect(x.cadence_error!).toBeLessThan(tol);
      // a handful of circles is a weak estimate, 20 clear ones a strong one
      expect(x.confidence!).toBeGreaterThan(0.15);
      expect(x.confidence!).toBeLessThanOrEqual(1);
      if (r.truth.circles >= 15) expect(x.confidence!).toBeGreaterThan(0.6);
      // count and rate from the same circles: within 30 % of the truth's count
      expect(x.circles_error!).toBeLessThan(0.35); // the first circles count only once periodic: 4 of 6 on p04-razor
      // the circles the gyro saw before it recognised the rhythm are credited once it does:
      // within 2 of the circles an offline count finds (SPAR S13 lost its first 3 without)
      expect(Math.abs(x.circles! - countMinima(readImu(r)).length)).toBeLessThanOrEqual(2);
    });
  }

  const first = REAL_RECORDINGS.find(realAvailable);
  it.skipIf(!first)('the converted Pijat CSV reads back with the same samples', () => {
    const tr = readImu(first!);
    let n = 0;
    parseCsv(toPijatCsv(tr), 'real.csv', () => { n++; });
    expect(n).toBeGreaterThan(900);
  });
});
