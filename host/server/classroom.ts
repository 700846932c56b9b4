// The class: every glove, the store, and the commands both the REST API and the WebSocket run
// (start/stop/label a session, assign a trainee, tick the checklist). Every change is recorded in
// the store first, then broadcast to the pages.
import type { Profile } from '../../shared/profiles/schema';
import type { Report } from '../../shared/engine/report-schema';
import type { Entry } from '../../shared/i18n/index';
import { both } from '../../shared/i18n/index';
import { CHECKLIST_ITEMS } from '../../shared/i18n/sop';
import { serverErrors } from '../../shared/i18n/web-class';
import {
  LIVE_PROTOCOL_VERSION,
  type ClientMessage,
  type GloveInfo,
  type HelloMessage,
  type ScoreSoFar,
  type ServerMessage,
  type SessionInfo,
  type TraineeInfo,
} from '../../shared/live-messages';
import { dirname } from 'node:path';
import { createRecorder, RosterError, StoreError, STORE_FILE, type Deleted, type Session, type Store, type Trainee, type TraineeChange } from '../store/index';
import { ROSTER } from '../../shared/i18n/roster';
import { publicParams, redactPaths } from './http-util';
import { Glove, scoreOf } from './glove';
import type { Hub } from './hub';

/** A command failed for a reason the user can fix; carries the HTTP status and both languages. */
export class CommandError extends Error {
  constructor(
    readonly status: number,
    readonly code: keyof typeof serverErrors,
    readonly text: Entry,
    readonly field?: string,
  ) {
    super(text.en);
  }
}

function fail(status: number, code: keyof typeof serverErrors, params: Record<string, string | number>, field?: string): never {
  throw new CommandError(status, code, both(serverErrors[code], params), field);
}

export function traineeInfo(t: Trainee): TraineeInfo {
  return { id: t.id, name: t.name, cohort: t.cohort ?? '', nim: t.nim ?? '' };
}

export class Classroom {
  readonly gloves = new Map<string, Glove>();
  hub: Hub | null = null;
  /** Sessions this server started and has not stopped, by session id. */
  private running = new Map<number, Glove>();

  constructor(
    readonly store: Store,
    readonly profile: Profile,
  ) {}

  // ------------------------------------------------------------ gloves

  add(g: Glove): void {
    this.gloves.set(g.id, g);
    this.changed(g);
  }

  remove(id: string): void {
    const g = this.gloves.get(id);
    if (!g) return;
    if (g.session && g.session.stopped_at === null) this.stop(g.id);
    this.gloves.delete(id);
    this.hub?.broadcast({ type: 'glove_removed', id });
  }

  /** Broadcasts a glove's slow-changing state. */
  changed(g: Glove): void {
    this.hub?.broadcast({ type: 'glove', glove: g.info() });
  }

  glove(id: string, field = 'glove'): Glove {
    const g = this.gloves.get(id);
    if (!g) fail(404, 'unknown_glove', { glove: id }, field);
    return g;
  }

  list(): GloveInfo[] {
    return [...this.gloves.values()].map((g) => g.info());
  }

  hello(): HelloMessage {
    return {
      type: 'hello',
      version: LIVE_PROTOCOL_VERSION,
      server_time: Date.now(),
      gloves: this.list(),
      checklist: [...CHECKLIST_ITEMS],
      profile: this.profile,
    };
  }

  /** About ten times a second: stalled links, then one live update per glove with news. */
  tick(): void {
    for (const g of this.gloves.values()) {
      if (g.checkStall()) this.changed(g);
      const m = g.takeUpdate();
      if (m && this.hub) this.hub.live(m);
    }
  }

  // ------------------------------------------------------------ sessions

  sessionInfo(s: Session): SessionInfo {
    const owner = this.running.get(s.id);
    return {
      id: s.id,
      glove: owner ? owner.id : gloveOfSource(s.source),
      trainee: s.trainee_id !== null && s.trainee !== null ? { id: s.trainee_id, name: s.trainee, cohort: s.cohort ?? '', nim: s.nim ?? '' } : null,
      label: s.label ?? '',
      profile: s.profile,
      started_at: Date.parse(s.started),
      stopped_at: s.ended ? Date.parse(s.ended) : null,
    };
  }

  session(id: number, field = 'session'): Session {
    const s = this.store.findSession(id);
    if (!s) fail(404, 'unknown_session', { session: id }, field);
    return s;
  }

  start(gloveId: string, opts: { label?: string; trainee_id?: number } = {}): SessionInfo {
    const g = this.glove(gloveId);
    if (g.session && g.session.stopped_at === null) {
      fail(409, 'session_running', { glove: g.id, session: g.session.id }, 'glove');
    }
    if (opts.trainee_id !== undefined) g.trainee = this.traineeById(opts.trainee_id, 'trainee_id');
    g.restart();
    const s = this.store.startSession({
      trainee: g.trainee ? g.trainee.id : null,
      profile: this.profile.id,
      device_id: g.deviceId(),
      label: opts.label ?? null,
      source: `${g.kind}:${g.source}#${g.id}`,
    });
    g.recorder = createRecorder(this.store, s.id, {
      onNotice: (n) => this.hub?.broadcast({ type: 'store_notice', glove: g.id, session: s.id, kind: n.kind, message: n.message }),
    });
    this.running.set(s.id, g);
    g.session = this.sessionInfo(s);
    this.hub?.broadcast({ type: 'session', event: 'started', session: g.session, score: null });
    this.changed(g);
    return g.session;
  }

  stop(gloveId: string): { session: SessionInfo; report: Report } {
    const g = this.glove(gloveId);
    if (!g.session || g.session.stopped_at !== null) fail(409, 'no_session', { glove: g.id }, 'glove');
    const id = g.session.id;
    g.recorder?.close();
    g.recorder = null;
    const report = g.report();
    this.store.saveReport(id, report);
    const deviceId = g.deviceId();
    if (deviceId !== null) this.store.setDeviceId(id, deviceId);
    const s = this.store.finishSession(id, 'complete');
    this.running.delete(id);
    const score: ScoreSoFar = scoreOf(report);
    g.freezeScore(score);
    g.session = { ...this.sessionInfo(s), glove: g.id };
    this.hub?.broadcast({ type: 'session', event: 'stopped', session: g.session, score });
    this.changed(g);
    return { session: g.session, report };
  }

  /** Stops every running session (server shutdown). */
  stopAll(): void {
    for (const g of [...this.running.values()]) this.stop(g.id);
  }

  label(sessionId: number, label: string): SessionInfo {
    return this.editSession(sessionId, { label });
  }

  /**
   * Corrects a session's label and/or trainee (also while it runs: then the glove's trainee
   * follows, for its next session too). The pages get a 'labelled' session message.
   */
  editSession(sessionId: number, change: { label?: string; trainee_id?: number | null }): SessionInfo {
    this.session(sessionId);
    let trainee: TraineeInfo | null | undefined;
    if (change.trainee_id !== undefined) trainee = change.trainee_id === null ? null : this.traineeById(change.trainee_id, 'trainee_id');
    this.store.db.transaction(() => {
      if (change.label !== undefined) this.store.setSessionLabel(sessionId, change.label === '' ? null : change.label);
      if (trainee !== undefined) this.store.setSessionTrainee(sessionId, trainee ? trainee.id : null);
    })();
    const info = this.sessionInfo(this.session(sessionId));
    const running = this.running.get(sessionId);
    const g = running ?? [...this.gloves.values()].find((x) => x.session?.id === sessionId);
    if (g) {
      g.session = { ...info, glove: g.id };
      if (running && trainee !== undefined) g.trainee = trainee;
      this.changed(g);
    }
    this.hub?.broadcast({ type: 'session', event: 'labelled', session: info, score: null });
    return info;
  }

  /** Hides a session (not a running one); a glove showing it as its last session forgets it. */
  deleteSession(sessionId: number): Deleted {
    const d = this.store.deleteSession(sessionId);
    for (const g of this.gloves.values()) {
      if (g.session?.id === sessionId) {
        g.session = null;
        this.changed(g);
      }
    }
    return d;
  }

  restoreSession(sessionId: number): SessionInfo {
    return this.sessionInfo(this.store.restoreSession(sessionId));
  }

  // ------------------------------------------------------------ trainees

  traineeById(id: number, field = 'trainee_id'): TraineeInfo {
    const t = this.store.findTrainee(id);
    if (!t) fail(404, 'unknown_trainee', { trainee: id }, field);
    return traineeInfo(t);
  }

  /** Changes a trainee's NIM, name or cohort; tiles showing them get the new text. */
  editTrainee(id: number, change: TraineeChange): TraineeInfo {
    const info = traineeInfo(this.store.updateTrainee(id, change));
    this.traineeChanged(id, info);
    return info;
  }

  /** Hides a trainee and their sessions; refused while a glove records them. Gloves forget them. */
  deleteTrainee(id: number): Deleted {
    const t = this.traineeById(id, 'id');
    for (const g of this.running.values()) {
      if (g.session?.trainee?.id === id) throw new RosterError('trainee_on_glove', ROSTER.trainee_on_glove, { glove: g.label, name: t.name }, 'id');
    }
    const d = this.store.deleteTrainee(id);
    this.traineeChanged(id, null);
    return d;
  }

  restoreTrainee(id: number): TraineeInfo {
    return traineeInfo(this.store.restoreTrainee(id));
  }

  /** Every glove assigned to (or last showing a session of) this trainee, told the change; null: deleted. */
  private traineeChanged(id: number, info: TraineeInfo | null): void {
    for (const g of this.gloves.values()) {
      let touched = false;
      if (g.trainee?.id === id) {
        g.trainee = info;
        touched = true;
      }
      if (g.session?.trainee?.id === id) {
        g.session = info ? { ...g.session, trainee: info } : null;
        touched = true;
      }
      if (touched) this.changed(g);
    }
  }

  /** Assigns a trainee to a glove (used for its next session, and the running one if any). */
  setTrainee(gloveId: string, who: { id: number } | { name: string; cohort?: string; nim?: string } | null): GloveInfo {
    const g = this.glove(gloveId);
    if (who === null) g.trainee = null;
    else if ('id' in who) g.trainee = this.traineeById(who.id, 'trainee.id');
    else g.trainee = traineeInfo(this.store.resolveTrainee({ nim: who.nim || null, name: who.name, cohort: who.cohort ? who.cohort : null }));
    if (g.session && g.session.stopped_at === null) {
      this.store.setSessionTrainee(g.session.id, g.trainee ? g.trainee.id : null);
      g.session = { ...this.sessionInfo(this.session(g.session.id)), glove: g.id };
    }
    this.changed(g);
    return g.info();
  }

  // ------------------------------------------------------------ checklist

  tick_(sessionId: number, item: string, checked: boolean): string[] {
    this.session(sessionId);
    if (!CHECKLIST_ITEMS.some((c) => c.id === item)) fail(400, 'unknown_item', { item }, 'item');
    this.store.setChecklist(sessionId, { [item]: checked });
    const ticked = this.ticked(sessionId);
    this.hub?.broadcast({ type: 'checklist', session: sessionId, ticked });
    return ticked;
  }

  ticked(sessionId: number): string[] {
    return this.store
      .getChecklist(sessionId)
      .filter((c) => c.done === true)
      .map((c) => c.id);
  }

  // ------------------------------------------------------------ WebSocket commands

  command(m: Exclude<ClientMessage, { type: 'subscribe' }>): ServerMessage {
    const ref = m.ref ?? null;
    try {
      switch (m.type) {
        case 'session_start':
          return { type: 'ok', ref, session: this.start(m.glove, { label: m.label }) };
        case 'session_stop':
          return { type: 'ok', ref, session: this.stop(m.glove).session };
        case 'session_label':
          return { type: 'ok', ref, session: this.label(m.session, m.label) };
        case 'set_trainee': {
          const info = this.setTrainee(m.glove, m.trainee);
          return info.trainee ? { type: 'ok', ref, trainee: info.trainee } : { type: 'ok', ref };
        }
        case 'checklist_tick':
          this.tick_(m.session, m.item, m.checked);
          return { type: 'ok', ref };
      }
    } catch (e) {
      if (e instanceof CommandError) return { type: 'error', ref, code: e.code, error: e.text };
      // Like the REST API: no path of this machine in a reply (the console has the whole reason).
      if (e instanceof StoreError) return { type: 'error', ref, code: 'store', error: both(e.entry, publicParams(e.params, STORE_FILE)) };
      const reason = e instanceof Error ? e.message : String(e);
      process.stderr.write(`pijat serve: ${m.type}: ${reason}\n`);
      return { type: 'error', ref, code: 'internal', error: both(serverErrors.internal, { reason: redactPaths(reason, dirname(this.store.file)) }) };
    }
  }
}

/** `sim:good#sim-1` -> `sim-1` (the glove a stored session came from). */
export function gloveOfSource(source: string): string {
  const i = source.lastIndexOf('#');
  return i >= 0 ? source.slice(i + 1) : '';
}
