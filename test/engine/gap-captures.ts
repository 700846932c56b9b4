// Simulated captures hurt by an outage at a chosen place, scored, for the tests of what the
// reports show (the text report, the report page).
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import type { Report } from '../../shared/engine/report-schema';
import { simulate } from '../../host/sim/index';
import { cutBytes } from '../../host/sim/damage';
import { offsetAt } from '../protocol/helpers';

function scoreRaw(bytes: Uint8Array): Report {
  const p = createPipeline({ profile: loadBuiltinProfile('sop-000'), source: 'raw' });
  p.push(bytes);
  return p.report();
}

/** The good trainee (seed `seed`) with 25 s lost from 20 s before the end of her first pass: it ended in the gap. */
export function reportWithGapOverPassEnd(seed = 1): Report {
  const clean = simulate({ scenario: 'good', seed }).bytes();
  const end = scoreRaw(clean).passes[0]!.end_s;
  return scoreRaw(cutBytes(clean, offsetAt(clean, end - 20), offsetAt(clean, end + 5)));
}
