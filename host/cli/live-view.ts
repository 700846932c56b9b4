// The terminal view of `pijat live`: force per hand as a bar against the profile's band,
// cadence, pass number and timer, the current cue, link health. Pure: state in, lines out.
import { criterionBand, criterionValue } from '../../shared/i18n/criteria';
import type { DecoderCounters } from '../../shared/protocol/types';
import type { ForceBand, LiveHand, LiveState } from '../../shared/engine/types';
import type { Profile } from '../../shared/profiles/schema';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { CUES, CUE_HINTS } from '../../shared/i18n/cues';
import { formatDuration, formatDurationRange, formatNumber, formatRange } from '../../shared/i18n/format';
import { linkSource } from './source-words';

export type LinkStatus = 'waiting' | 'streaming' | 'stalled' | 'ended';

export interface LiveViewInput {
  source: string;
  profile: Profile;
  device_id: number | null;
  live: LiveState | null;
  link: LinkStatus;
  rate_hz: number | null;
  counters: DecoderCounters;
  /** Stored chunks, or null with --no-store. */
  session_id: number | null;
  /** Seconds without data now (the link is down or silent), null while data flows. */
  outage_s?: number | null;
  /** Gaps in the data so far (count, total s) and link reconnects. */
  gaps?: { count: number; total_s: number; reconnects: number };
}

const BAR_WIDTH = 30;

const COLORS: Record<ForceBand, string> = {
  off: '\x1b[2m', low: '\x1b[33m', below: '\x1b[36m', in: '\x1b[32m', above: '\x1b[36m', high: '\x1b[31m',
};
const RESET = '\x1b[0m';

/** A bar from 0 to `scale` newtons: filled up to the force, the band drawn as '░' where empty. */
export function forceBar(force: number, band: { min: number; max: number }, scale: number, width = BAR_WIDTH): string {
  let out = '';
  const f = Number.isFinite(force) ? force : 0;
  for (let i = 0; i < width; i++) {
    const mid = ((i + 0.5) / width) * scale;
    if (mid <= f) out += '█';
    else if (mid >= band.min && mid <= band.max) out += '░';
    else out += '·';
  }
  return out;
}

function handLine(label: string, hand: LiveHand, input: LiveViewInput, lang: Lang, color: boolean): string {
  const band = input.profile.criteria.force_n.target;
  const scale = Math.max(input.profile.too_hard_n * 1.15, band.max * 1.5);
  let bar = forceBar(hand.force_n, band, scale);
  if (color) bar = COLORS[hand.band] + bar + RESET;
  const force = Number.isFinite(hand.force_n) ? `${formatNumber(hand.force_n, 1, lang).padStart(5)} N` : '    - N';
  return `${label} ${bar} ${force}  ${t(CLI[`band_${hand.band}`], lang)}`;
}

/** The lines of one refresh. */
export function renderLive(input: LiveViewInput, lang: Lang, color: boolean): string[] {
  const L = (e: (typeof CLI)[keyof typeof CLI], p?: Record<string, string | number>): string => t(e, lang, p);
  const p = input.profile;
  const c = input.counters;
  const lines: string[] = [];
  const device = input.device_id === null ? '-' : String(input.device_id);
  lines.push(L(CLI.live_header, { source: linkSource(input.source, lang), profile: p.id, device }));
  lines.push(L(CLI.live_link, {
    status: L(CLI[`link_${input.link}`]),
    rate: input.rate_hz === null ? '-' : formatNumber(input.rate_hz, 0, lang),
    frames: c.frames,
    lost: c.lost_frames,
    crc: c.crc_errors,
    junk: c.junk_bytes,
  }) + (input.session_id === null ? `  ${L(CLI.live_not_stored)}` : `  ${L(CLI.live_stored, { session: input.session_id })}`));
  const g = input.gaps;
  if (g && (g.count > 0 || g.reconnects > 0 || c.duplicates > 0)) {
    lines.push(L(CLI.live_gaps, { n: g.count, dur: formatDuration(g.total_s, lang), re: g.reconnects, dup: c.duplicates }));
  }
  if (input.outage_s != null && input.outage_s >= 1) {
    const warn = L(CLI.live_outage, { dur: formatDuration(input.outage_s, lang) });
    lines.push(color ? COLORS.high + warn + RESET : warn);
  }
  const s = input.live;
  if (!s) {
    lines.push('', L(CLI.live_waiting));
    return lines;
  }
  const band = p.criteria.pass_duration_s.target;
  if (s.pass_number === 0) lines.push('', L(CLI.live_before_first));
  else {
    lines.push('', L(s.in_pass ? CLI.live_pass : CLI.live_pass_done, {
      n: s.pass_number,
      of: p.criteria.pass_count.target.max,
      elapsed: formatDuration(s.pass_elapsed_s, lang),
      band: formatDurationRange(band.min, band.max, lang),
    }));
  }
  const fb = p.criteria.force_n.target;
  lines.push(L(CLI.live_force_band, { band: formatRange(fb.min, fb.max, lang) }));
  lines.push(handLine(L(CLI.hand_left), s.left, input, lang, color));
  lines.push(handLine(L(CLI.hand_right), s.right, input, lang, color));
  const cb = p.criteria.cadence_hz.target;
  lines.push(L(CLI.live_cadence, {
    cadence: s.cadence_hz === null ? '-' : criterionValue('cadence_hz', s.cadence_hz, lang),
    band: criterionBand('cadence_hz', cb, lang),
  }));
  const cue = `${CUES[s.cue][lang].toUpperCase()} - ${CUE_HINTS[s.cue][lang]}`;
  const cueColor = s.cue === 'ok' ? COLORS.in : s.cue === 'rest' ? '' : COLORS.high;
  lines.push('', `>> ${color && cueColor ? cueColor + cue + RESET : cue}`);
  return lines;
}
