// The class server's WebSocket messages (host/server <-> host/web/class, host/web/trainee).
// Server -> client messages are plain JSON objects typed below; client -> server messages are
// validated with the zod schemas at the bottom (`parseClientMessage`).
//
// Flow: the client connects to `/ws` (same origin; in LAN mode the token cookie, `?token=` or a
// Bearer header is required), the server sends `hello` (every glove, the checklist, the profile),
// the client sends `subscribe`, then receives `live` messages about ten times a second per
// subscribed glove (coalesced: one message carries all samples since the previous one), plus
// `glove` / `glove_removed` / `session` whenever those change. Commands the client sends may
// carry a `ref`; the server answers each with `ok` or `error` carrying the same `ref`.
import { z } from 'zod';
import type { DecoderCounters } from './protocol/types';
import type { EngineEvent, LiveState } from './engine/types';
import type { Profile } from './profiles/schema';
import type { Entry } from './i18n/index';
import type { ChecklistItem } from './i18n/sop';

export const LIVE_PROTOCOL_VERSION = 1;
/** Path of the WebSocket endpoint on the class server. */
export const WS_PATH = '/ws';
/** Live updates per glove per second (the server coalesces frames into this rate). */
export const LIVE_RATE_HZ = 10;

/**
 * Close code for a client evicted because it reads too slowly: more than the server's queue
 * limit (8 MiB by default) waited to be sent to it. Reconnect and read (a page just reconnects).
 * Other closes: 1001 server stopping; a client that does not answer the server's ping within
 * one heartbeat (15 s) is cut without a close frame (1006 on the client); at the client limit
 * the upgrade itself is refused with HTTP 503 (code `too_many_clients`, both languages).
 */
export const CLOSE_SLOW_CLIENT = 4001;
/** Close code for a client that sent more than 200 messages a second for 5 seconds in a row. */
export const CLOSE_FLOODING = 4002;

// ---------------------------------------------------------------- shared shapes

/** 'sim-1', 'sim-2', ... for simulated gloves; 'usb-<serial number or port>' for plugged ones. */
export type GloveId = string;
export type SessionId = number;
export type TraineeId = number;

/**
 * connecting: port opening, no descriptor yet; streaming: frames arriving;
 * stalled: no frame for more than a second while open; disconnected: port gone (unplugged).
 */
export type LinkStatus = 'connecting' | 'streaming' | 'stalled' | 'disconnected';

/** What a tile's traffic light shows (see `trafficLight`). */
export type Light = 'green' | 'amber' | 'red' | 'grey';

export interface LinkInfo {
  status: LinkStatus;
  /** The decoder's health counters since the glove was opened. */
  counters: DecoderCounters;
  /** Measured sample rate over the last seconds, null until known. */
  rate_hz: number | null;
  /** From the glove's last status message, null when unknown (simulator, no status yet). */
  battery_mv: number | null;
}

export interface TraineeInfo {
  id: TraineeId;
  name: string;
  /** Cohort or group label, '' when none. */
  cohort: string;
  /** Student number (NIM), '' when none. */
  nim: string;
}

export interface SessionInfo {
  id: SessionId;
  glove: GloveId;
  trainee: TraineeInfo | null;
  /** Free text the instructor gives the session ('pre', 'post', 'latihan 2', ...). */
  label: string;
  /** Profile id the session is scored with. */
  profile: string;
  /** ms since the epoch. */
  started_at: number;
  /** null while running. */
  stopped_at: number | null;
}

/** The score of the running (or last) session so far, from the pipeline's report. */
export interface ScoreSoFar {
  /** 0..100, null while there is too little work to judge. */
  total: number | null;
  verdict: 'pass' | 'fail' | 'insufficient_data';
  /** Per criterion id (pass_duration_s, force_n, ...): 0..100 and passed. */
  criteria: { id: string; score: number; passed: boolean }[];
  /** The session is still running: show the passes so far ("in progress"), the verdict only at the end. */
  in_progress?: boolean;
  /** Each finished pass: its length (s, gaps left out) and whether that length passed. */
  passes?: { index: number; duration_s: number; passed: boolean }[];
}

/** Everything a tile needs about one glove; sent whole in `hello` and `glove`. */
export interface GloveInfo {
  id: GloveId;
  /** What the instructor sees as the glove's name ('Sarung 1', 'COM4', 'sim 2 (terlalu keras)'). */
  label: string;
  kind: 'serial' | 'sim';
  /** Serial port path, or the simulator scenario name. */
  source: string;
  /** The trainee assigned to this glove (used for the next session), null when none. */
  trainee: TraineeInfo | null;
  link: LinkInfo;
  /** The running session, or the last one on this glove, or null. */
  session: SessionInfo | null;
  /** null before the first sample. */
  live: LiveState | null;
  light: Light;
  score: ScoreSoFar | null;
}

/** One checklist item an instructor ticks: the SOP table in shared/i18n/sop.ts (ids stable). */
export type { ChecklistItem };

/**
 * The samples since the previous `live` message of that glove, for charts (thumb force per
 * hand, newtons; NaN sent as null). Arrays have equal length.
 */
export interface Trace {
  t_s: number[];
  left_n: (number | null)[];
  right_n: (number | null)[];
}

// ---------------------------------------------------------------- server -> client

export interface HelloMessage {
  type: 'hello';
  version: number;
  server_time: number;
  gloves: GloveInfo[];
  checklist: ChecklistItem[];
  /** The profile live cues and scores use (bands for gauges). */
  profile: Profile;
}

/** A glove appeared or its slow-changing state changed (trainee, label, link status, session). */
export interface GloveMessage {
  type: 'glove';
  glove: GloveInfo;
}

export interface GloveRemovedMessage {
  type: 'glove_removed';
  id: GloveId;
}

/** About ten times a second per subscribed glove. */
export interface LiveMessage {
  type: 'live';
  id: GloveId;
  live: LiveState;
  light: Light;
  link: LinkInfo;
  /** Recomputed after each completed pass (and at stop); the last value otherwise. */
  score: ScoreSoFar | null;
  /** Samples the pipeline has taken from this glove since it was opened (frames received). */
  samples: number;
  trace: Trace;
  /** Engine events (pass_start, pass_end, too_hard, cue, ...) since the previous message. */
  events: LiveEvent[];
}

/** An engine event, as sent (same shape as shared/engine/types EngineEvent). */
export type LiveEvent = EngineEvent;

export interface SessionMessage {
  type: 'session';
  event: 'started' | 'stopped' | 'labelled';
  session: SessionInfo;
  /** On 'stopped': the final score. */
  score: ScoreSoFar | null;
}

export interface ChecklistMessage {
  type: 'checklist';
  session: SessionId;
  /** Item ids ticked so far in that session. */
  ticked: string[];
}

export interface OkMessage {
  type: 'ok';
  ref: string | null;
  /** E.g. the session a session_start created, the trainee set_trainee created. */
  session?: SessionInfo;
  trainee?: TraineeInfo;
}

/**
 * The store stopped taking a running session's data (full disk, locked store, ...), dropped
 * some, or takes it again: said to the instructor, in both languages, as it happens.
 */
export interface StoreNoticeMessage {
  type: 'store_notice';
  glove: GloveId;
  session: SessionId;
  kind: 'holding' | 'dropping' | 'resumed' | 'not_saved_at_end';
  message: Entry;
}

export interface ErrorMessage {
  type: 'error';
  ref: string | null;
  /** Stable code ('bad_message', 'unknown_glove', 'no_session', ...) and both languages. */
  code: string;
  error: Entry;
}

export type ServerMessage =
  | HelloMessage
  | GloveMessage
  | GloveRemovedMessage
  | LiveMessage
  | SessionMessage
  | ChecklistMessage
  | OkMessage
  | StoreNoticeMessage
  | ErrorMessage;

// ---------------------------------------------------------------- client -> server

/** 'all' or a list of glove ids; replaces the previous subscription. [] = none. */
export interface SubscribeMessage {
  type: 'subscribe';
  ref?: string;
  gloves: 'all' | GloveId[];
  /** false: no `trace` arrays (smaller messages for the class grid). Default true. */
  trace?: boolean;
}

export interface SessionStartMessage {
  type: 'session_start';
  ref?: string;
  glove: GloveId;
  label?: string;
}

export interface SessionStopMessage {
  type: 'session_stop';
  ref?: string;
  glove: GloveId;
}

export interface SessionLabelMessage {
  type: 'session_label';
  ref?: string;
  session: SessionId;
  label: string;
}

/** Assign a trainee to a glove: an existing one by id, or by name (created when new). null clears. */
export interface SetTraineeMessage {
  type: 'set_trainee';
  ref?: string;
  glove: GloveId;
  trainee: { id: TraineeId } | { name: string; cohort?: string } | null;
}

export interface ChecklistTickMessage {
  type: 'checklist_tick';
  ref?: string;
  session: SessionId;
  item: string;
  checked: boolean;
}

export type ClientMessage =
  | SubscribeMessage
  | SessionStartMessage
  | SessionStopMessage
  | SessionLabelMessage
  | SetTraineeMessage
  | ChecklistTickMessage;

/**
 * The zod schema of a client message. Built on first use, so pages that only send messages do
 * not bundle zod (it is most of a page's weight otherwise).
 */
export function clientMessageSchema() {
  schema ??= buildClientSchema();
  return schema;
}
let schema: ReturnType<typeof buildClientSchema> | undefined;

// ---------------------------------------------------------------- text fields (REST and WebSocket)

/** Control characters (C0, DEL, C1), line/paragraph separators and bidi formatting characters. */
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/** Characters that show nothing: a name made only of these (and spaces) is no name. */
const INVISIBLE_CHARS = /[\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d\u2060-\u2064\u3164\ufeff\uffa0]/gu;

/** A student number (NIM): letters, digits and . / - ("P07124119001", "2101.0034"), kept in capitals. */
export const NIM_PATTERN = /^[A-Za-z0-9][A-Za-z0-9./-]{0,31}$/;

/** Whether a name, cohort or label is plain text a page can show as it is (see `textFields`). */
export function plainText(v: string): boolean {
  return !UNSAFE_CHARS.test(v) && (v === '' || v.replace(INVISIBLE_CHARS, '') !== '');
}

/**
 * The trainee name, cohort and session label as both the REST API and the WebSocket accept
 * them: trimmed, bounded, no control or bidi characters, not invisible only. One definition, so
 * both paths store the same text. `pijat_expect` lets the server's error message say so.
 */
export function textFields() {
  fields ??= buildTextFields();
  return fields;
}
let fields: ReturnType<typeof buildTextFields> | undefined;

function buildTextFields() {
  const text = (min: number, max: number) =>
    z
      .string()
      .trim()
      .min(min)
      .max(max)
      .refine(plainText, { message: 'control, bidi or invisible-only text' })
      .meta({ pijat_expect: min > 0 ? 'plain_text_range' : 'plain_text_max' });
  // A student number: '' (none) or NIM_PATTERN.
  const Nim = z
    .string()
    .trim()
    .max(32)
    .refine((v) => v === '' || NIM_PATTERN.test(v), { message: 'letters, digits, . / -' })
    .meta({ pijat_expect: 'nim' });
  return { Name: text(1, 120), Cohort: text(0, 120), Label: text(0, 200), Nim };
}

function buildClientSchema() {
  const Ref = z.string().max(64).optional();
  const Glove = z.string().min(1).max(128);
  const Session = z.number().int().positive();
  const { Name, Cohort, Label } = textFields();
  return z.discriminatedUnion('type', [
    z.object({
      type: z.literal('subscribe'),
      ref: Ref,
      gloves: z.union([z.literal('all'), z.array(Glove).max(256)]),
      trace: z.boolean().optional(),
    }),
    z.object({ type: z.literal('session_start'), ref: Ref, glove: Glove, label: Label.optional() }),
    z.object({ type: z.literal('session_stop'), ref: Ref, glove: Glove }),
    z.object({ type: z.literal('session_label'), ref: Ref, session: Session, label: Label }),
    z.object({
      type: z.literal('set_trainee'),
      ref: Ref,
      glove: Glove,
      trainee: z.union([
        z.object({ id: z.number().int().positive() }),
        z.object({ name: Name, cohort: Cohort.optional() }),
        z.null(),
      ]),
    }),
    z.object({
      type: z.literal('checklist_tick'),
      ref: Ref,
      session: Session,
      item: z.string().min(1).max(64),
      checked: z.boolean(),
    }),
  ]);
}

// The schema and the interfaces above must describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<z.infer<ReturnType<typeof buildClientSchema>>, ClientMessage> = true;
void schemaMatchesTypes;

/** Parse one text frame from a client; `where` names the first bad field. */
export function parseClientMessage(
  text: string,
): { ok: true; message: ClientMessage } | { ok: false; where: string; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, where: '(message)', reason: 'not valid JSON' };
  }
  const r = clientMessageSchema().safeParse(json);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'type';
  return { ok: false, where, reason: issue ? issue.message : 'invalid' };
}

// ---------------------------------------------------------------- the traffic light

/** Criteria about how the trainee works (not about how far the session has got). */
export const TECHNIQUE_CRITERIA: readonly string[] = [
  'force_n', 'in_band_fraction', 'cadence_hz', 'regularity_cv', 'bilateral_fraction', 'balance',
];

/**
 * grey: no link, or no thumb on the back; red: pressing too hard now, or a cue is showing for
 * a technique that already fails in the score so far; amber: any other cue (too light, too
 * fast, irregular, one hand, ...); green: working in band.
 */
export function trafficLight(live: LiveState | null, link: LinkStatus, score?: ScoreSoFar | null): Light {
  if (link !== 'streaming' || !live) return 'grey';
  if (!(live.left.contact || live.right.contact)) return 'grey';
  if (live.cue === 'too_hard' || live.left.band === 'high' || live.right.band === 'high') return 'red';
  if (live.cue === 'ok' || live.cue === 'rest') return 'green';
  const failing = score ? score.criteria.some((c) => !c.passed && TECHNIQUE_CRITERIA.includes(c.id)) : false;
  return failing ? 'red' : 'amber';
}
