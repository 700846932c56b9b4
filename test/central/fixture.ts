// Lab stores for the central database's tests and benchmark: real SQLite stores (host/store)
// filled with trainees in cohorts and sessions labelled pre / post, each with a report. The
// reports start from a few real ones (simulated glove -> the scoring pipeline) and vary their
// scores with a seeded generator, so every session's numbers differ and the pre/post table is
// not trivial. Deterministic per seed.
import type { Report } from '../../shared/engine/report-schema';
import { createPipeline } from '../../shared/pipeline';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { CHECKLIST_ITEMS } from '../../shared/i18n/sop';
import { simulate } from '../../host/sim/index';
import { Store } from '../../host/store/index';

let bases: Report[] | undefined;

/** Real reports of short simulated sessions (made once per process). */
export function baseReports(): Report[] {
  if (bases) return bases;
  const profile = loadBuiltinProfile('sop-000');
  bases = ['good', 'too-light', 'too-fast', 'irregular'].map((scenario, i) => {
    const p = createPipeline({ profile });
    p.push(simulate({ scenario, seed: 11 + i, duration_s: 90 }).bytes());
    return p.report();
  });
  return bases;
}

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const clamp = (x: number): number => Math.max(0, Math.min(100, Math.round(x * 10) / 10));

export interface LabSpec {
  seed: number;
  sessions: number;
  cohorts: string[];
  /** Trainees per cohort. */
  trainees?: number;
  /** Prefix of trainee names (names are unique per lab). */
  prefix?: string;
}

/** Fills a store with `spec.sessions` finished, scored sessions; returns their count. */
export function fillLab(store: Store, spec: LabSpec): number {
  const rnd = prng(spec.seed);
  const reports = baseReports();
  const perCohort = spec.trainees ?? 10;
  const names: string[] = [];
  store.db.transaction(() => {
    for (const c of spec.cohorts) {
      for (let i = 0; i < perCohort; i++) {
        const name = `${spec.prefix ?? 'Peserta'} ${c} ${i + 1}`;
        store.ensureTrainee(name, c);
        names.push(name);
      }
    }
    const t0 = Date.UTC(2026, 0, 5);
    for (let k = 0; k < spec.sessions; k++) {
      const name = names[Math.floor(rnd() * names.length)]!;
      const r = rnd();
      const label = r < 0.45 ? 'pre' : r < 0.9 ? 'post' : r < 0.95 ? 'latihan' : '';
      const s = store.startSession({ trainee: name, profile: 'sop-000', source: 'sim', label, started: new Date(t0 + k * 3_600_000 + Math.floor(rnd() * 600_000)) });
      const base = reports[Math.floor(rnd() * reports.length)]!;
      const lift = label === 'post' ? 8 : 0;
      const report: Report = structuredClone(base);
      report.score.criteria = report.score.criteria.map((c) => ({ ...c, score: clamp(c.score + lift + (rnd() - 0.5) * 30) }));
      report.score.total = clamp((base.score.total ?? 50) + lift + (rnd() - 0.5) * 40);
      store.finishSession(s.id, 'complete');
      store.saveReport(s.id, report);
      const ticks: Record<string, boolean> = {};
      for (const item of CHECKLIST_ITEMS) if (rnd() < 0.8) ticks[item.id] = rnd() < 0.85;
      store.setChecklist(s.id, ticks);
      if (rnd() < 0.5) store.setDocumentation(s.id, { duration_min: Math.round(rnd() * 15 + 5), milk_change: rnd() < 0.5 ? 'bertambah' : 'tetap' });
    }
  })();
  return spec.sessions;
}

/** A new store file in `dir` filled per `spec`. */
export function makeLab(dir: string, spec: LabSpec): Store {
  const store = Store.open(dir);
  fillLab(store, spec);
  return store;
}
