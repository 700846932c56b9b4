// `pijat live`: scores a glove (a serial port or pty) or a simulated glove as it streams.
// Bytes -> shared pipeline -> a terminal view refreshed 5 times a second (or JSON lines), and
// (unless --no-store) the raw bytes into the store in chunks of <= 0.5 s. Ctrl-C, SIGTERM or
// the end of the stream saves the final report; a kill -9 leaves the session for the next
// open of the store to mark interrupted, with everything but the open chunk kept.
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { CMD_DESCRIBE, CMD_SET_THRESHOLDS } from '../../shared/protocol/constants';
import { CommandSender } from '../../shared/protocol/command-text';
import { u16le } from '../../shared/protocol/encode';
import type { Descriptor, Message } from '../../shared/protocol/types';
import { fsrRaw, type DeviceCalibration } from '../../shared/engine/calibration';
import type { Profile } from '../../shared/profiles/schema';
import type { Report } from '../../shared/engine/report-schema';
import type { Transport } from '../transport/types';
import { RosterError, Store, StoreError, createRecorder, faultOf, faultWords, resolveDataDir, type Recorder, type RecorderNotice } from '../store';
import { ROSTER, ROSTER_CLI } from '../../shared/i18n/roster';
import { validText } from '../../shared/roster-csv';
import { STORE } from '../../shared/i18n/store';
import type { Entry } from '../../shared/i18n/index';
import { UserError, runCommand } from './errors';
import { dataOption, examples, h, intArg, langOf, langOption } from './options';
import { renderLive, type LinkStatus, type LiveViewInput } from './live-view';
import { renderReport } from './render-report';

interface Opts {
  port?: string;
  sim?: string;
  seed?: string;
  duration?: string;
  profile?: string;
  json?: boolean;
  trainee?: string;
  nim?: string;
  cohort?: string;
  label?: string;
  data?: string;
  store?: boolean;
  lang?: string;
}

const REFRESH_MS = 200;
/** No byte for this long: the link is shown as stalled. */
const STALL_MS = 1000;

export function register(program: Command): void {
  program
    .command('live')
    .description(h(CLI.cmd_live))
    .option('--port <path>', h(CLI.opt_port))
    .option('--sim <scenario>', h(CLI.opt_sim))
    .option('--seed <n>', h(CLI.opt_seed))
    .option('--duration <s>', h(CLI.opt_live_duration))
    .option('--profile <name|path>', h(CLI.opt_profile), 'sop-000')
    .option('--json', h(CLI.opt_json_lines))
    .option('--trainee <name>', h(CLI.opt_trainee))
    .option('--nim <nim>', h(ROSTER_CLI.opt_live_nim))
    .option('--cohort <name>', h(ROSTER_CLI.opt_live_cohort))
    .option('--label <text>', h(CLI.opt_label))
    .addOption(dataOption())
    .option('--no-store', h(CLI.opt_no_store))
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat live --port /dev/ttyACM0 --trainee "Siti"', CLI.ex_live_port],
      ['pijat live --port COM3 --lang en', CLI.ex_live_windows],
      ['pijat live --port COM3 --nim 2101001 --trainee "Siti" --cohort 2026-A', ROSTER_CLI.ex_live_nim],
      ['pijat live --sim good --seed 3', CLI.ex_live_sim],
      ['pijat live --port /dev/ttyACM0 --json --no-store', CLI.ex_live_json],
    ]))
    .action((opts: Opts) => runCommand(langOf(opts), () => liveCommand(opts)));
}

/** Raw thumb thresholds for the glove's own LED feedback: the profile's warning band, in counts. */
export function thresholdsFor(profile: Profile, d: Descriptor, cal?: DeviceCalibration): [number, number] | null {
  const band = profile.criteria.force_n.warn;
  const thumbs = d.channels.filter((c) => c.kind === 'fsr' && c.site === 'thumb');
  if (thumbs.length === 0) return null;
  let low = 0;
  let high = 0;
  for (const c of thumbs) {
    const own = cal && cal.device_id === d.device_id ? cal.fsr[c.name] : undefined;
    const p0 = own?.p0 ?? c.p0;
    const p1 = own?.p1 ?? c.p1;
    const p2 = c.p2 !== 0 ? c.p2 : (own?.p2 ?? 0);
    low += fsrRaw(band.min, p0, p1, p2);
    high += fsrRaw(band.max, p0, p1, p2);
  }
  const clamp = (x: number): number => Math.max(0, Math.min(65535, Math.round(x / thumbs.length)));
  return [clamp(low), clamp(high)];
}

async function liveCommand(opts: Opts): Promise<void> {
  const lang = langOf(opts);
  if (!opts.port && !opts.sim) throw new UserError(CLI.live_need_source);
  if (opts.port && opts.sim) throw new UserError(CLI.live_both_sources);
  const seed = intArg('--seed', opts.seed);
  const duration = opts.duration === undefined ? undefined : Number(opts.duration);
  if (duration !== undefined && !(duration > 0)) throw new UserError(CLI.bad_number, { option: '--duration', value: String(opts.duration) });

  const [{ createPipeline }, { resolveProfile }, { storeCalibration, lazyStoreCalibration }] = await Promise.all([
    import('../../shared/pipeline'),
    import('../profiles'),
    import('./stored-calibration'),
  ]);
  const profile = resolveProfile(opts.profile);
  // A full disk, a lock held elsewhere or an I/O error does not stop a live session: it runs
  // unrecorded and says so. Anything the user must fix first (read-only, module) stops here.
  let store: Store | null = null;
  let openFault: StoreError | null = null;
  if (opts.store !== false) {
    try {
      store = Store.open(resolveDataDir(opts.data));
    } catch (err) {
      const f = err instanceof StoreError ? err.fault : undefined;
      if (!(err instanceof StoreError) || (f !== 'full' && f !== 'locked' && f !== 'io')) throw err;
      openFault = err;
    }
  }
  // The trainee: by NIM first, else by name; a NIM or name the roster cannot take stops here,
  // before the glove streams (a full disk or a lock only means this session is not recorded).
  let traineeId: number | null = null;
  if (opts.cohort !== undefined && !validText(opts.cohort.trim(), 0, 120)) {
    store?.close();
    throw new UserError(ROSTER_CLI.bad_text, { option: '--cohort', reason: t(ROSTER.bad_cohort, lang) });
  }
  if (store && (opts.trainee || opts.nim)) {
    try {
      traineeId = store.resolveTrainee({ nim: opts.nim, name: opts.trainee?.trim(), cohort: opts.cohort?.trim() || null }).id;
    } catch (err) {
      if (err instanceof RosterError) {
        store.close();
        throw err;
      }
    }
  }
  const fallbackCal = store ? null : lazyStoreCalibration(opts.data);
  const lookup = store ? storeCalibration(store) : fallbackCal!.lookup;

  let transport: Transport;
  try {
    const { SerialTransport, SimLink } = await import('../transport');
    transport = opts.port
      ? await SerialTransport.open(opts.port)
      : new SimLink({ scenario: opts.sim, seed, end_s: duration });
  } catch (err) {
    store?.close();
    fallbackCal?.close();
    throw err;
  }

  const notes: string[] = [];
  // Store trouble never ends a live session: it is said (both languages) and recording waits.
  const storeNote = (kind: string, message: Entry): void => {
    if (opts.json) process.stdout.write(`${JSON.stringify({ type: 'store', kind, message })}\n`);
    else notes.push(message[lang]);
  };
  const faultEntry = (entry: Entry, err: unknown): Entry => {
    const w = faultWords(err instanceof StoreError && err.fault ? err.fault : faultOf(err, store ? [store.file] : []));
    return {
      id: entry.id.replace('{why}', w.why.id).replace('{fix}', w.fix.id),
      en: entry.en.replace('{why}', w.why.en).replace('{fix}', w.fix.en),
    };
  };
  if (openFault) storeNote('not_recording', faultEntry(STORE.not_recording, openFault));
  for (const n of store?.notices ?? []) storeNote('permissions', { id: t(n.entry, 'id', n.params), en: t(n.entry, 'en', n.params) });
  let session: ReturnType<Store['startSession']> | undefined;
  try {
    session = store?.startSession({
      trainee: traineeId ?? opts.trainee ?? null,
      profile: profile.id,
      source: transport.name,
      label: opts.label ?? null,
    });
  } catch (err) {
    storeNote('not_recording', faultEntry(STORE.not_recording, err));
  }
  const onNotice = (n: RecorderNotice): void => storeNote(n.kind, n.message);
  const recorder: Recorder | null = store && session ? createRecorder(store, session.id, { onNotice }) : null;

  // Channels left out for unusable calibration constants (PROTOCOL.md 3.1), said once per change.
  let unusableSaid = '';
  const sayUnusable = (): void => {
    const u = pipeline.unusable_channels;
    const key = u.map((p) => `${p.index}:${p.params.param}`).join(',');
    if (key === unusableSaid) return;
    unusableSaid = key;
    for (const p of u) {
      if (opts.json) process.stdout.write(`${JSON.stringify({ type: 'channel', message: { id: t(p.entry, 'id', p.params), en: t(p.entry, 'en', p.params) } })}\n`);
      else notes.push(t(p.entry, lang, p.params));
    }
  };
  let samples = 0;
  let descriptor: Descriptor | null = null;
  // Text commands (protocol 2), or binary command frames for a glove whose descriptor says 1.
  const commands = new CommandSender();
  const sendThresholds = (d: Descriptor): void => {
    const th = thresholdsFor(profile, d, lookup(d.device_id));
    if (!th) return;
    const bytes = commands.encode(CMD_SET_THRESHOLDS, u16le(th[0], th[1]));
    transport.write(bytes).then(
      () => { if (!opts.json) notes.push(t(CLI.live_thresholds, lang, { low: th[0], high: th[1] })); },
      () => {}, // a glove that cannot take commands still streams; thresholds are a nicety
    );
  };
  const pipeline = createPipeline({
    profile,
    source: 'live',
    calibration: lookup,
    // Where the glove restarts while away, its new data goes after the silence this clock measured.
    clock: () => performance.now(),
    onMessage: (m: Message) => {
      commands.observe(m);
      if (m.type === 'sample') samples++;
      if (m.type === 'descriptor') sayUnusable();
      if (m.type === 'descriptor' && (descriptor === null || descriptor.device_id !== m.device_id)) {
        descriptor = m;
        if (store && session) {
          try {
            store.setDeviceId(session.id, m.device_id);
          } catch {
            // a store that cannot be written now is reported by the recorder; the id is in the bytes
          }
        }
        // Not from inside the data callback: a reply must not overtake frames still being delivered.
        setTimeout(() => sendThresholds(m), 0);
      }
    },
  });

  let link: LinkStatus = 'waiting';
  let lastDataAt = 0;
  const rateWindow: { at: number; samples: number }[] = [];
  let rate: number | null = null;

  transport.onData((chunk) => {
    pipeline.push(chunk);
    recorder?.write(chunk, pipeline.counters.frames);
    lastDataAt = performance.now();
  });

  const view = createView(opts, lang);
  let finished = false;
  const done = new Promise<void>((resolve) => {
    const finish = async (why: 'ended' | 'stopped'): Promise<void> => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      link = 'ended';
      await transport.close().catch(() => {});
      recorder?.close();
      const report = pipeline.report();
      let saved = store !== null && session !== undefined;
      if (store && session) {
        try {
          store.saveReport(session.id, report);
          store.finishSession(session.id, 'complete');
        } catch (err) {
          // The bytes are stored; the next open marks the session interrupted and it can be re-scored.
          saved = false;
          storeNote('report_not_saved', faultEntry(STORE.report_not_saved, err));
        }
      }
      for (const n of notes.splice(0)) process.stderr.write(`${n}\n`);
      view.end(report, why, saved ? session!.id : null, store?.file ?? null);
      store?.close();
      fallbackCal?.close();
      resolve();
    };
    const stop = (): void => void finish('stopped');
    transport.onStatus((s) => {
      if (s.type === 'end') void finish('ended');
      else if (s.type === 'disconnected') link = 'stalled';
      else if (s.type === 'reconnected') {
        pipeline.linkRestored();
        // Ask for the descriptor at once: one sent before the port was open again is gone.
        transport.write(commands.encode(CMD_DESCRIBE, new Uint8Array(0))).catch(() => {});
        if (descriptor) sendThresholds(descriptor);
      }
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // A simulation ends its own stream at --duration; a real port has to be stopped here.
    if (opts.port && duration !== undefined) setTimeout(stop, duration * 1000).unref();
  });

  const tick = (): void => {
    const now = performance.now();
    if (lastDataAt > 0) link = now - lastDataAt > STALL_MS ? 'stalled' : 'streaming';
    rateWindow.push({ at: now, samples });
    while (rateWindow.length > 1 && now - rateWindow[0]!.at > 2000) rateWindow.shift();
    const first = rateWindow[0]!;
    if (now - first.at >= 900) rate = ((samples - first.samples) * 1000) / (now - first.at);
    view.update({
      source: transport.name,
      profile,
      device_id: pipeline.descriptor?.device_id ?? null,
      live: pipeline.samples > 0 ? pipeline.live() : null,
      link,
      rate_hz: rate,
      counters: pipeline.counters,
      session_id: session?.id ?? null,
      samples: pipeline.samples,
      outage_s: lastDataAt > 0 && now - lastDataAt > STALL_MS ? (now - lastDataAt) / 1000 : null,
      gaps: (() => {
        const r = pipeline.recording();
        return { count: r.gap_count ?? 0, total_s: r.gap_s ?? 0, reconnects: pipeline.reconnects };
      })(),
      notes: notes.splice(0),
    });
  };
  const timer = setInterval(tick, REFRESH_MS);
  if (!opts.json) process.stderr.write(`${t(CLI.live_stop_hint, lang)}\n`);
  await done;
  // Serial handles occasionally linger after close; do not let them keep the process up.
  setTimeout(() => process.exit(), 1000).unref();
}

interface ViewState extends LiveViewInput {
  samples: number;
  notes: string[];
}

interface View {
  update(s: ViewState): void;
  end(report: Report, why: 'ended' | 'stopped', sessionId: number | null, file: string | null): void;
}

/** --json: one object per line; a terminal: the view redrawn in place; a pipe: a line a second. */
function createView(opts: Opts, lang: Lang): View {
  const out = process.stdout;
  if (opts.json) {
    return {
      update(s) {
        out.write(`${JSON.stringify({
          type: 'live',
          ...(s.live ?? {}),
          session_id: s.session_id,
          device_id: s.device_id,
          link: s.link,
          rate_hz: s.rate_hz === null ? null : Math.round(s.rate_hz * 10) / 10,
          samples: s.samples,
          counters: s.counters,
          outage_s: s.outage_s === null || s.outage_s === undefined ? null : Math.round(s.outage_s * 10) / 10,
          gaps: s.gaps,
        })}\n`);
      },
      end(report, why, sessionId) {
        out.write(`${JSON.stringify({ type: 'report', end: why, session_id: sessionId, report })}\n`);
      },
    };
  }
  const tty = out.isTTY === true;
  let drawn = 0;
  let lastPrint = 0;
  return {
    update(s) {
      for (const n of s.notes) process.stderr.write(`${n}\n`);
      const lines = renderLive(s, lang, tty);
      if (tty) {
        // Back to the top of the previous drawing, clear it, draw again.
        out.write(`${drawn > 0 ? `\x1b[${drawn}F\x1b[J` : ''}${lines.join('\n')}\n`);
        drawn = lines.length;
      } else if (performance.now() - lastPrint >= 1000) {
        lastPrint = performance.now();
        out.write(`${lines.filter((l) => l.trim() !== '').join(' | ')}\n`);
      }
    },
    end(report, why, sessionId, file) {
      out.write(`\n${t(why === 'ended' ? CLI.live_ended : CLI.live_stopped, lang)}\n\n${renderReport(report, lang)}`);
      if (sessionId !== null && file) out.write(`\n${t(CLI.live_saved, lang, { session: sessionId, file })}\n`);
    },
  };
}
