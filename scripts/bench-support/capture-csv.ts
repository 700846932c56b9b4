// Benchmarks' shared step: a raw capture decoded and calibrated by the pipeline, written as the
// DESIGN.md CSV (all columns), streamed to disk in 1 MiB writes.
import { closeSync, openSync, writeSync } from 'node:fs';
import { CsvWriter } from '../../host/io/csv';
import { createPipeline } from '../../shared/pipeline';
import type { Profile } from '../../shared/profiles/schema';

/** Writes `bytes` as CSV to `file`; returns the frames the decoder counted. */
export function writeCaptureCsv(bytes: Uint8Array, file: string, profile: Profile): number {
  const fd = openSync(file, 'w');
  const w = new CsvWriter({ knuckles: true, imu: true });
  let pending = w.header();
  const p = createPipeline({
    profile,
    onSample: (s) => {
      pending += w.row(s);
      if (pending.length > 1 << 20) { writeSync(fd, pending); pending = ''; }
    },
  });
  p.push(bytes);
  p.end();
  writeSync(fd, pending);
  closeSync(fd);
  return p.counters.frames;
}
