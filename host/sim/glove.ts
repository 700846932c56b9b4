// The simulated glove as a device: it samples the simulated hands at its rate, packs frames as
// the firmware does (descriptor at start and every 2 s, status at start and every 1 s, one seq
// counter for every frame), loses a frame now and then (a seq gap), and answers the host's
// commands with acks (PROTOCOL.md 3.4, 3.5): version 2 text commands, and version 1 command
// frames too (unless it plays a version 1 glove, which knows only those). Time only moves when
// the caller says so (tick / advanceTo), so the same object serves both an offline file and a
// real-time link.
import {
  ACK_BAD_ARGUMENT, ACK_OK, ACK_UNKNOWN_COMMAND, CMD_CONSOLE, CMD_DESCRIBE, CMD_FEEDBACK, CMD_IDENTIFY,
  CMD_SET_RATE, CMD_SET_THRESHOLDS, CMD_START, CMD_STOP, CMD_TARE, DEFAULT_RATE_HZ,
  DESCRIPTOR_PERIOD_S, ERROR_USB_FULL, EVENT_ERROR, EVENT_PERIODIC, EVENT_RATE_CHANGED,
  EVENT_STARTED, EVENT_STOPPED, FEEDBACK_OFF, FLAG_IMU0_VALID, FLAG_IMU1_VALID, MAX_RATE_HZ,
  MIN_RATE_HZ, PROTOCOL_VERSION, STATE_IMU0_OK, STATE_IMU1_OK, STATE_STREAMING, STATE_USB,
} from '../../shared/protocol/constants';
import { CommandTextParser } from '../../shared/protocol/command-text';
import { Decoder } from '../../shared/protocol/decoder';
import { encodeAck, encodeDescriptor, encodeStatus } from '../../shared/protocol/encode';
import type { Command, Descriptor, Message } from '../../shared/protocol/types';
import { SIM } from '../../shared/i18n/sim';
import { SimError } from './errors';
import { HandTrack, newHandState } from './model';
import { makePlan, type SessionPlan } from './plan';
import { Rng, hash32 } from './prng';
import { SCENARIO_NAMES, getScenario, type ScenarioSpec } from './scenarios';
import { GloveSensors, N_FSR, gloveChannels, makeParts, type GloveParts } from './sensors';
import type { FrameSink } from './sinks';

export const SIM_FIRMWARE_VERSION = '1.0.0';
/** Probability per sample that the device drops frames (a burst of 1-3): ~1 per 200 s at 100 Hz. */
export const DEFAULT_LOSS_RATE = 1 / 20000;
const STATUS_PERIOD_S = 1;
const TIMESTAMP_JITTER_US = 50;
const TARE_S = 0.5;

export interface GloveOptions {
  scenario?: string;
  seed?: number;
  rate_hz?: number;
  /** Length of the trainee's session; without it the scenario's natural length. */
  duration_s?: number;
  /** After the session, start another one (next seed) instead of resting. */
  loop?: boolean;
  /** Streaming from power-up (default true); otherwise waits for `start`. */
  streaming?: boolean;
  /** Probability per sample that a loss burst starts (default DEFAULT_LOSS_RATE). */
  loss_rate?: number;
  /**
   * The fastest rate this glove sustains (default MAX_RATE_HZ): set_rate above it is refused
   * with bad_argument, as a real board that cannot keep up does.
   */
  max_rate_hz?: number;
  /**
   * The protocol version it announces and speaks (default PROTOCOL_VERSION). 1 plays an older
   * glove: binary command frames only, text commands are ignored.
   */
  protocol_version?: number;
}

export function resolveScenario(name: string): ScenarioSpec {
  const spec = getScenario(name);
  if (!spec) throw new SimError(SIM.unknown_scenario, { name, valid: SCENARIO_NAMES.join(', ') });
  return spec;
}

export function checkRate(rate: number): number {
  if (!Number.isInteger(rate) || rate < MIN_RATE_HZ || rate > MAX_RATE_HZ) {
    throw new SimError(SIM.bad_rate, { rate, min: MIN_RATE_HZ, max: MAX_RATE_HZ });
  }
  return rate;
}

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new SimError(SIM.bad_seed, { seed });
  return seed;
}

export function checkDuration(d: number | undefined): number | undefined {
  if (d !== undefined && !(Number.isFinite(d) && d > 0)) throw new SimError(SIM.bad_duration, { duration: d });
  return d;
}

/** Sample losses: bursts of 1-3 frames with geometric spacing, from their own PRNG stream. */
export class LossSchedule {
  private readonly rng: Rng;
  private next: number;
  private left = 0;

  constructor(seed: number, private readonly rate: number) {
    this.rng = new Rng(seed, 0x1055);
    this.next = this.gap(0);
  }

  private gap(from: number): number {
    if (!(this.rate > 0)) return Infinity;
    const u = 1 - this.rng.next();
    return from + 1 + Math.floor(Math.log(u) / Math.log(1 - Math.min(this.rate, 0.5)));
  }

  /** Whether sample number k (0, 1, 2, ... in order) is dropped. */
  drop(k: number): boolean {
    if (this.left > 0) {
      this.left--;
      if (this.left === 0) this.next = this.gap(k);
      return true;
    }
    if (k < this.next) return false;
    this.left = this.rng.int(1, 3) - 1;
    if (this.left === 0) this.next = this.gap(k);
    return true;
  }
}

export class SimulatedGlove {
  readonly spec: ScenarioSpec;
  readonly seed: number;
  readonly device_id: number;
  readonly parts: GloveParts;
  /** The session being played (the first one, or the current one when looping). */
  plan: SessionPlan;
  private planOffset = 0;
  private loops = 0;
  private tracks: { left: HandTrack; right: HandTrack };
  private readonly hand = { left: newHandState(), right: newHandState() };
  private readonly sensors: GloveSensors;
  private readonly fsr: number[] = [0, 0, 0, 0];
  private readonly imu: number[] = new Array<number>(12).fill(0);
  private readonly jitter: Rng;
  private readonly loss: LossSchedule;
  private readonly decoder = new Decoder();
  private readonly text = new CommandTextParser();
  private readonly loop: boolean;
  private readonly maxRate: number;
  readonly protocol_version: number;
  /**
   * After `console`: a real glove's REPL has the link now. The simulator has no REPL: it stays
   * silent and ignores every command until a `start`.
   */
  private consoleMode = false;

  private rate: number;
  /** Physical time of tick 0 at the current rate, and ticks since. */
  private tickBase = 0;
  private tickN = 0;
  private lastTick = 0;
  private streaming: boolean;
  private streamStart = 0;
  private nextDesc = 0;
  private nextStatus = 0;
  private startEvent = EVENT_STARTED;
  private descriptorDue = false;
  private seq = 0;
  private samples = 0;
  private lastUs = 0;
  private errorCount = 0;
  private errorDue = false;
  private tare: number[] = [0, 0, 0, 0];
  private tareAcc: { sum: number[]; n: number; until: number } | undefined;
  /** Last feedback and thresholds set by the host (the simulated LEDs and motor). */
  feedback = { mode: FEEDBACK_OFF, vibrate_ms: 0, low_raw: 0, high_raw: 0, identify_until_s: 0 };

  constructor(opts: GloveOptions = {}) {
    this.spec = resolveScenario(opts.scenario ?? 'good');
    this.seed = checkSeed(opts.seed ?? 1);
    this.rate = checkRate(opts.rate_hz ?? DEFAULT_RATE_HZ);
    this.loop = opts.loop ?? false;
    this.device_id = hash32(`pijat-sim:${this.seed}`);
    this.parts = makeParts(this.seed);
    this.plan = makePlan(this.spec, this.seed, checkDuration(opts.duration_s));
    this.tracks = { left: new HandTrack(this.plan, 'left'), right: new HandTrack(this.plan, 'right') };
    this.sensors = new GloveSensors(this.parts, this.seed);
    this.jitter = new Rng(this.seed, 0x717e);
    this.loss = new LossSchedule(this.seed, opts.loss_rate ?? DEFAULT_LOSS_RATE);
    this.streaming = opts.streaming ?? true;
    this.maxRate = Math.max(MIN_RATE_HZ, Math.min(MAX_RATE_HZ, opts.max_rate_hz ?? MAX_RATE_HZ));
    if (this.rate > this.maxRate) throw new SimError(SIM.bad_rate, { rate: this.rate, min: MIN_RATE_HZ, max: this.maxRate });
    this.protocol_version = opts.protocol_version ?? PROTOCOL_VERSION;
  }

  /** After a `console` command, until a `start`: the link belongs to the (absent) REPL. */
  get inConsole(): boolean {
    return this.consoleMode;
  }

  /** Health of the text-command parser (bytes, commands, abandoned, bad length, CRC errors). */
  get textCounters(): Readonly<CommandTextParser['counters']> {
    return this.text.counters;
  }

  get rate_hz(): number {
    return this.rate;
  }

  get isStreaming(): boolean {
    return this.streaming;
  }

  /** Physical time (s since power-up) of the next sample. */
  get nextTime(): number {
    return this.tickBase + this.tickN / this.rate;
  }

  /** The descriptor the glove sends now (seq and t_us of the last frame sent). */
  descriptor(): Descriptor {
    return {
      type: 'descriptor',
      seq: this.seq,
      t_us: this.lastUs,
      t_s: 0,
      protocol_version: this.protocol_version,
      firmware_version: SIM_FIRMWARE_VERSION,
      board: 'simulator',
      device_id: this.device_id,
      sample_rate_hz: this.rate,
      channels: gloveChannels(this.parts, this.tare),
    };
  }

  /** Runs every sample instant up to and including physical time t. */
  advanceTo(t: number, sink: FrameSink): void {
    while (this.nextTime <= t + 1e-9) this.tick(sink);
  }

  /** One sample instant: sense, then (when streaming) descriptor/status if due, and the sample. */
  tick(sink: FrameSink): void {
    const t = this.nextTime;
    this.tickN++;
    this.lastTick = t;
    const dt = 1 / this.rate;
    let local = t - this.planOffset;
    if (this.loop && local >= this.plan.length_s && this.plan.length_s > 0) {
      this.planOffset += this.plan.length_s;
      this.loops++;
      this.plan = makePlan(this.spec, (this.seed + this.loops) >>> 0);
      this.tracks = { left: new HandTrack(this.plan, 'left'), right: new HandTrack(this.plan, 'right') };
      local = t - this.planOffset;
    }
    this.tracks.left.eval(local, this.hand.left);
    this.tracks.right.eval(local, this.hand.right);
    this.sensors.read(this.hand.left, this.hand.right, dt, this.fsr, this.imu);
    if (this.tareAcc) this.accumulateTare(t, sink);
    if (!this.streaming) return;

    const st = t - this.streamStart;
    const j = st > 0 ? Math.round(TIMESTAMP_JITTER_US * (2 * this.jitter.next() - 1)) : 0;
    this.lastUs = Math.max(0, Math.round(st * 1e6) + j);
    if (this.descriptorDue || st >= this.nextDesc - 1e-9) {
      this.sendDescriptor(sink);
      if (st >= this.nextDesc - 1e-9) this.nextDesc += DESCRIPTOR_PERIOD_S;
    }
    if (st >= this.nextStatus - 1e-9) {
      this.sendStatus(sink, this.startEvent, 0);
      this.startEvent = EVENT_PERIODIC;
      this.nextStatus += STATUS_PERIOD_S;
    }
    if (this.loss.drop(this.samples++)) {
      this.seq = (this.seq + 1) & 0xffff;
      this.errorCount++;
      this.errorDue = true;
      return;
    }
    if (this.errorDue) {
      this.errorDue = false;
      this.sendStatus(sink, EVENT_ERROR, ERROR_USB_FULL);
    }
    sink.sample(this.seq, this.lastUs, FLAG_IMU0_VALID | FLAG_IMU1_VALID, this.fsr, this.imu);
    this.seq = (this.seq + 1) & 0xffff;
  }

  /**
   * Bytes from the host: commands are decoded and answered (ack first, then the effect). Text
   * commands (version 2) and command frames (version 1) may both arrive; a byte at a time to
   * both parsers, so that commands are answered in the order they were sent.
   */
  receive(bytes: Uint8Array, sink: FrameSink): void {
    const onCommand = (c: Command): void => this.command(c, sink);
    const onFrame = (m: Message): void => {
      if (m.type === 'command') this.command(m, sink);
    };
    for (let i = 0; i < bytes.length; i++) {
      const one = bytes.subarray(i, i + 1);
      if (this.protocol_version >= 2) this.text.push(one, onCommand);
      this.decoder.push(one, onFrame);
    }
  }

  private command(c: Command, sink: FrameSink): void {
    const a = c.args;
    const u16 = (i: number): number => a[i]! | (a[i + 1]! << 8);
    // Fewer argument bytes than the command takes: bad argument; extra bytes are ignored (3.4).
    const ack = (result: number): void => {
      sink.frame(encodeAck({ seq: this.nextSeq(), t_us: this.lastUs, cmd: c.cmd, result, cmd_seq: c.seq }));
    };
    if (this.consoleMode && c.cmd !== CMD_START) return;
    switch (c.cmd) {
      case CMD_START:
        ack(ACK_OK);
        this.consoleMode = false;
        if (!this.streaming) {
          this.streaming = true;
          this.streamStart = this.nextTime;
          this.nextDesc = 0;
          this.nextStatus = 0;
          this.startEvent = EVENT_STARTED;
        }
        return;
      case CMD_STOP:
        ack(ACK_OK);
        if (this.streaming) {
          this.streaming = false;
          this.sendStatus(sink, EVENT_STOPPED, 0);
        }
        return;
      case CMD_CONSOLE:
        if (this.protocol_version < 2) return ack(ACK_UNKNOWN_COMMAND);
        ack(ACK_OK);
        if (this.streaming) {
          this.streaming = false;
          this.sendStatus(sink, EVENT_STOPPED, 0);
        }
        this.consoleMode = true;
        return;
      case CMD_SET_RATE: {
        const hz = a.length >= 2 ? u16(0) : 0;
        // Only a rate this glove sustains: the descriptor's rate is always the delivered one.
        if (hz < MIN_RATE_HZ || hz > this.maxRate) return ack(ACK_BAD_ARGUMENT);
        ack(ACK_OK);
        this.tickBase = this.nextTime;
        this.tickN = 0;
        this.rate = hz;
        if (this.streaming) {
          this.sendStatus(sink, EVENT_RATE_CHANGED, 0);
          this.descriptorDue = true;
        }
        return;
      }
      case CMD_IDENTIFY:
        if (a.length < 1) return ack(ACK_BAD_ARGUMENT);
        this.feedback.identify_until_s = this.lastTick + a[0]!;
        return ack(ACK_OK);
      case CMD_TARE:
        ack(ACK_OK);
        this.tareAcc = { sum: [0, 0, 0, 0], n: 0, until: this.lastTick + TARE_S };
        return;
      case CMD_FEEDBACK:
        if (a.length < 3 || a[0]! > FEEDBACK_OFF) return ack(ACK_BAD_ARGUMENT);
        this.feedback.mode = a[0]!;
        this.feedback.vibrate_ms = u16(1);
        return ack(ACK_OK);
      case CMD_SET_THRESHOLDS:
        if (a.length < 4 || u16(0) >= u16(2)) return ack(ACK_BAD_ARGUMENT);
        this.feedback.low_raw = u16(0);
        this.feedback.high_raw = u16(2);
        return ack(ACK_OK);
      case CMD_DESCRIBE:
        ack(ACK_OK);
        this.sendDescriptor(sink);
        return;
      default:
        return ack(ACK_UNKNOWN_COMMAND);
    }
  }

  private accumulateTare(t: number, sink: FrameSink): void {
    const acc = this.tareAcc!;
    for (let i = 0; i < N_FSR; i++) acc.sum[i]! += this.fsr[i]!;
    acc.n++;
    if (t + 1e-9 < acc.until) return;
    this.tare = acc.sum.map((s) => Math.round(s / acc.n));
    this.tareAcc = undefined;
    this.sendDescriptor(sink);
  }

  private nextSeq(): number {
    const s = this.seq;
    this.seq = (this.seq + 1) & 0xffff;
    return s;
  }

  private sendDescriptor(sink: FrameSink): void {
    this.descriptorDue = false;
    const d = this.descriptor();
    d.seq = this.nextSeq();
    sink.frame(encodeDescriptor(d));
  }

  private sendStatus(sink: FrameSink, event: number, arg: number): void {
    const state = (this.streaming ? STATE_STREAMING : 0) | STATE_IMU0_OK | STATE_IMU1_OK | STATE_USB;
    sink.frame(encodeStatus({
      seq: this.nextSeq(), t_us: this.lastUs, event, arg, state, battery_mv: 0, error_count: Math.min(this.errorCount, 0xffff),
    }));
  }
}
