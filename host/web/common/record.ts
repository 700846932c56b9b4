// One finished session as the report page draws it: the Report, the profile it was judged
// against, and the time series. The trainee page hands it over through sessionStorage; the
// report page can also build it from the class server's answer.
import type { Report } from '../../../shared/engine/report-schema';
import type { Profile } from '../../../shared/profiles/schema';
import type { ChecklistItem } from '../../../shared/i18n/sop';

export interface SeriesData {
  /** Seconds since the recording started. */
  t_s: number[];
  /** Thumb force, newtons; null where the channel was absent. */
  left_n: (number | null)[];
  right_n: (number | null)[];
  /** Circles per minute; null while not circling (absent when the source has no cadence). */
  cadence_cpm?: (number | null)[];
}

/** The instructor's checklist of a server session: every item and the ids ticked. */
export interface ChecklistState {
  items: ChecklistItem[];
  ticked: string[];
}

export interface SessionRecord {
  version: 1;
  source: 'local' | 'server';
  /** Server session id, when it came from the server. */
  session_id?: string;
  started_at: string;
  trainee?: string;
  device?: string;
  /** The profile judged against, when the page knows it (names, description, bands). */
  profile?: Profile;
  report: Report;
  series: SeriesData;
  checklist?: ChecklistState;
}

const KEY = 'pijat.session.v1';

export function saveLocalRecord(rec: SessionRecord): boolean {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(rec));
    return true;
  } catch {
    return false;
  }
}

export function loadLocalRecord(): SessionRecord | null {
  let text: string | null = null;
  try {
    text = sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const rec = JSON.parse(text) as SessionRecord;
    return rec && rec.version === 1 && rec.report ? rec : null;
  } catch {
    return null;
  }
}

/** Records the series at most every `step_s` seconds (the report does not need 100 Hz). */
export class SeriesRecorder {
  readonly data: Required<SeriesData> = { t_s: [], left_n: [], right_n: [], cadence_cpm: [] };
  private lastT = -Infinity;

  constructor(private readonly step_s = 0.1) {}

  add(t: number, left: number, right: number, cadenceHz: number | null): void {
    if (t - this.lastT < this.step_s - 1e-6) return;
    this.lastT = t;
    this.data.t_s.push(round(t, 2));
    this.data.left_n.push(round(finite(left), 2));
    this.data.right_n.push(round(finite(right), 2));
    this.data.cadence_cpm.push(cadenceHz === null || !Number.isFinite(cadenceHz) ? null : round(cadenceHz * 60, 1));
  }
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

function round(x: number, d: number): number {
  const k = 10 ** d;
  return Math.round(x * k) / k;
}
