// The board-independent core: start/stop, housekeeping (status, descriptor, IMU health and
// recovery, the delivered-rate check), host commands, boot after save(). The per-sample path
// is in sampler.ts.
import {
  CMD_START, CMD_STOP, CMD_SET_RATE, CMD_IDENTIFY, CMD_TARE, CMD_FEEDBACK, CMD_SET_THRESHOLDS,
  CMD_DESCRIBE, ACK_OK, ACK_BAD_ARGUMENT, ACK_UNKNOWN_COMMAND, MIN_RATE_HZ, DEFAULT_RATE_HZ,
  EVENT_PERIODIC, EVENT_IMU_LOST, EVENT_IMU_RECOVERED, EVENT_BUTTON_DOWN, EVENT_BUTTON_UP,
  EVENT_STARTED, EVENT_STOPPED, EVENT_RATE_CHANGED, EVENT_ERROR, EVENT_BOOT,
  FLAG_BUTTON, FLAG_PASS_MARKER, FLAG_IMU0_VALID, FLAG_IMU1_VALID, STATE_STREAMING, STATE_IMU0_OK, STATE_IMU1_OK, STATE_BUTTON,
  STATE_PASS_MARKER, STATE_USB, CMD_CONSOLE, ERROR_RATE_SHORTFALL, ERROR_FAULT,
} from '../../../shared/protocol/constants';
import { arg8, argU16, feed, initCommands } from './commands';
import type { GloveConfig } from './config';
import {
  feedbackOff, feedbackTick, identify, initFeedback, makeAutoFeedback, motorTick, setFeedback, setThresholds,
} from './feedback';
import { initFrames, sample16, sendAck, sendDescriptor, sendStatus, setTare } from './frames';
import type { Hal } from './hal';
import { IMU_DEAD, IMU_MOVED, imuCheck, imuInit, imuZero, initImuAccess } from './imu';
import { N_FSR, SAMPLE_FSR_U16 } from './layout';
import { makeSampler, type Sampler } from './sampler';
import { S } from './stream-state';

/** Delay between loading (or booting) and streaming, so that an upload's trailing `save()` still reaches the REPL. */
export const START_DELAY_MS = 2000;
/** Housekeeping period: motor pulses; every 5th run LED blinking; every 20th status, descriptor, IMU health, rate check. */
const HOUSE_MS = 50;
const RUNS_PER_QUARTER = 5;
const RUNS_PER_SECOND = 20;
/** Tare averages the FSRs for this long. */
const TARE_S = 0.5;
/** The delivered rate may fall this far below the announced one (plus one sample of timer jitter). */
const SHORTFALL = 0.02;

let hal!: Hal;
let addr0 = 0x68;
let addr1 = 0x69;
let streaming = false;
let booted = false;
let consoleTaken = false;
let rateHz = DEFAULT_RATE_HZ;
let runs = 0;
let errors = 0;
let reportedFaults = 0;
let checkT = 0;
let checkSent = 0;
/** The first second after a (re)start holds the start-up work: the rate is judged from the next one. */
let warmingUp = true;
let tareCount = 0;
const tareSum = new Uint32Array(N_FSR);
let sampler!: Sampler;
let tick: (() => void) | undefined;

function elapsed(): number {
  return hal.now() - S.t0;
}

function state(): number {
  return (streaming ? STATE_STREAMING : 0) | ((S.flags & FLAG_IMU0_VALID) !== 0 ? STATE_IMU0_OK : 0) |
    ((S.flags & FLAG_IMU1_VALID) !== 0 ? STATE_IMU1_OK : 0) |
    ((S.flags & FLAG_BUTTON) !== 0 ? STATE_BUTTON : 0) |
    ((S.flags & FLAG_PASS_MARKER) !== 0 ? STATE_PASS_MARKER : 0) | STATE_USB;
}

function status(event: number, arg: number): void {
  sendStatus(elapsed(), event, arg, state(), errors);
}

/** A lost-IMU status was sent for IMU k, so its return gets a recovered status. */
const reportedLost = new Uint8Array(2);

/** IMU k stops being read; a status says so unless one already did. */
function imuLost(k: number): void {
  if (k === 0) S.imu0 = false;
  else S.imu1 = false;
  S.flags &= k === 0 ? ~FLAG_IMU0_VALID : ~FLAG_IMU1_VALID;
  imuZero(k);
  if (reportedLost[k] !== 0) return;
  reportedLost[k] = 1;
  errors++;
  status(EVENT_IMU_LOST, k);
}

/** IMU k is valid: its data move. */
function imuValid(k: number): void {
  S.flags |= k === 0 ? FLAG_IMU0_VALID : FLAG_IMU1_VALID;
  if (reportedLost[k] === 0) return;
  reportedLost[k] = 0;
  status(EVENT_IMU_RECOVERED, k);
}

/**
 * Every quarter second while streaming: an IMU whose reads failed, or whose data read all zero
 * or stopped changing, is lost; one just set up becomes valid once its data move (imu.ts).
 */
function imuHealth(): void {
  for (let k = 0; k < 2; k++) {
    if (!(k === 0 ? S.imu0 : S.imu1)) continue;
    const failed = (k === 0 ? S.imuFail0 : S.imuFail1) > 0;
    const found = failed ? IMU_DEAD : imuCheck(k);
    if (found === IMU_DEAD) imuLost(k);
    else if (found === IMU_MOVED && (S.flags & (k === 0 ? FLAG_IMU0_VALID : FLAG_IMU1_VALID)) === 0) imuValid(k);
  }
  S.imuFail0 = 0;
  S.imuFail1 = 0;
}

/**
 * After a sample, while S.extra: automatic LED cues (on every sample while the host has set
 * thresholds, so a closure over locals, like the tick), and a tare's averaging.
 */
function makeAfterSample(): () => void {
  const st = S;
  const s16 = sample16;
  const cue = makeAutoFeedback();
  const tare = tareStep;
  return function (): void {
    'ram';
    if (st.feedbackLive) cue(s16[SAMPLE_FSR_U16], s16[SAMPLE_FSR_U16 + 1]);
    if (st.tareLeft > 0) tare();
  };
}

/** One sample of a tare: add it; after the last, store the averages and send the descriptor. */
function tareStep(): void {
  for (let i = 0; i < N_FSR; i++) tareSum[i] += sample16[SAMPLE_FSR_U16 + i];
  S.tareLeft--;
  if (S.tareLeft > 0) return;
  S.extra = S.feedbackLive;
  for (let i = 0; i < N_FSR; i++) setTare(i, Math.round(tareSum[i] / tareCount));
  sendDescriptor(elapsed(), rateHz);
}

/** A tare while stopped: the same number of FSR reads, back to back, then the descriptor. */
function tareNow(): void {
  for (let n = 0; n < tareCount; n++) {
    hal.readFsr(sample16);
    for (let i = 0; i < N_FSR; i++) tareSum[i] += sample16[SAMPLE_FSR_U16 + i];
  }
  for (let i = 0; i < N_FSR; i++) setTare(i, Math.round(tareSum[i] / tareCount));
  sendDescriptor(elapsed(), rateHz);
}

/** A bus that cannot be set up must not stop the FSR stream: the IMUs then count as lost. */
function i2cSetup(): void {
  try {
    hal.i2cSetup();
  } catch (e) {
    errors++;
  }
}

/** Sets up lost IMUs again; one that answers is read, and becomes valid once its data move. */
function retryImus(): void {
  i2cSetup();
  if (!S.imu0 && imuInit(addr0)) S.imu0 = true;
  if (!S.imu1 && imuInit(addr1)) S.imu1 = true;
}

/** Once a second while streaming: IMU health, the delivered rate, faults, status and descriptor. */
function everySecond(): void {
  if (!S.imu0 || !S.imu1) retryImus();
  const t = hal.now();
  const expected = (t - checkT) * rateHz;
  const delivered = S.sent - checkSent;
  checkT = t;
  checkSent = S.sent;
  const short = !warmingUp && delivered < expected * (1 - SHORTFALL) - 1;
  warmingUp = false;
  if (S.faults !== reportedFaults) {
    errors += S.faults - reportedFaults;
    reportedFaults = S.faults;
    status(EVENT_ERROR, ERROR_FAULT);
  } else if (short) {
    errors++;
    status(EVENT_ERROR, ERROR_RATE_SHORTFALL);
  } else {
    status(EVENT_PERIODIC, hal.memoryPercent()); // v2: a periodic status carries the heap in use, %
  }
  sendDescriptor(elapsed(), rateHz);
}

function housekeeping(): void {
  try {
    runs++;
    motorTick();
    if (runs % RUNS_PER_QUARTER !== 0) return;
    feedbackTick(runs / RUNS_PER_QUARTER);
    if (!streaming) return;
    imuHealth();
    if (runs % RUNS_PER_SECOND === 0) everySecond();
  } catch (e) {
    S.faults++;
  }
}

function startSampling(): void {
  warmingUp = true;
  checkT = hal.now();
  checkSent = S.sent;
  hal.schedule(housekeeping, HOUSE_MS, tick, 1 / rateHz);
}

/** Starts streaming: console off the link, sensors configured, descriptor first. */
export function start(): void {
  if (streaming) return;
  if (!consoleTaken) {
    consoleTaken = true;
    hal.takeConsole(feed);
  }
  S.t0 = hal.now();
  sampler.setStart(S.t0);
  i2cSetup();
  S.imu0 = imuInit(addr0);
  S.imu1 = imuInit(addr1);
  S.flags &= ~(FLAG_IMU0_VALID | FLAG_IMU1_VALID);
  imuZero(0);
  imuZero(1);
  reportedLost[0] = 0;
  reportedLost[1] = 0;
  S.imuFail0 = 0;
  S.imuFail1 = 0;
  streaming = true;
  sendDescriptor(0, rateHz);
  if (!booted) {
    booted = true;
    status(EVENT_BOOT, 0);
  }
  status(EVENT_STARTED, 0);
  if (!S.imu0) imuLost(0);
  if (!S.imu1) imuLost(1);
  runs = 0;
  startSampling();
}

/** Stops streaming; commands are still taken (the console stays off the link). */
export function stop(): void {
  if (consoleTaken) hal.schedule(housekeeping, HOUSE_MS, undefined, 0);
  feedbackOff();
  S.tareLeft = 0;
  S.extra = S.feedbackLive;
  if (!streaming) return;
  streaming = false;
  status(EVENT_STOPPED, 0);
}

/** The `console` command: stop, then hand the REPL back to the link for a firmware upload. */
function giveConsole(): void {
  stop();
  consoleTaken = false;
  hal.releaseConsole();
}

function setRate(hz: number): void {
  rateHz = hz;
  if (streaming) startSampling();
  sendDescriptor(elapsed(), rateHz);
  status(EVENT_RATE_CHANGED, 0);
}

function onCommand(cmd: number, cmdSeq: number, argLen: number): void {
  const el = elapsed();
  if (cmd === CMD_START) {
    sendAck(el, cmd, ACK_OK, cmdSeq);
    if (streaming) sendDescriptor(el, rateHz);
    else start();
  } else if (cmd === CMD_STOP) {
    sendAck(el, cmd, ACK_OK, cmdSeq);
    stop();
  } else if (cmd === CMD_SET_RATE) {
    const hz = argLen >= 2 ? argU16(0) : 0;
    if (hz < MIN_RATE_HZ || hz > hal.maxRateHz) {
      sendAck(el, cmd, ACK_BAD_ARGUMENT, cmdSeq);
      return;
    }
    sendAck(el, cmd, ACK_OK, cmdSeq);
    setRate(hz);
  } else if (cmd === CMD_IDENTIFY) {
    if (argLen < 1) {
      sendAck(el, cmd, ACK_BAD_ARGUMENT, cmdSeq);
      return;
    }
    sendAck(el, cmd, ACK_OK, cmdSeq);
    identify(arg8(0)); // 0 stops blinking
  } else if (cmd === CMD_TARE) {
    sendAck(el, cmd, ACK_OK, cmdSeq);
    for (let i = 0; i < N_FSR; i++) tareSum[i] = 0;
    tareCount = Math.max(1, Math.round(rateHz * TARE_S));
    if (streaming) {
      S.tareLeft = tareCount;
      S.extra = true;
    } else tareNow();
  } else if (cmd === CMD_FEEDBACK) {
    const ok = argLen >= 3 && setFeedback(arg8(0), argU16(1));
    sendAck(el, cmd, ok ? ACK_OK : ACK_BAD_ARGUMENT, cmdSeq);
  } else if (cmd === CMD_SET_THRESHOLDS) {
    const ok = argLen >= 4 && setThresholds(argU16(0), argU16(2));
    sendAck(el, cmd, ok ? ACK_OK : ACK_BAD_ARGUMENT, cmdSeq);
  } else if (cmd === CMD_DESCRIBE) {
    sendAck(el, cmd, ACK_OK, cmdSeq);
    sendDescriptor(el, rateHz);
  } else if (cmd === CMD_CONSOLE) {
    sendAck(el, cmd, ACK_OK, cmdSeq);
    giveConsole();
  } else {
    sendAck(el, cmd, ACK_UNKNOWN_COMMAND, cmdSeq);
  }
}

/** Guards the command path: a fault is counted, never stops the glove. */
function onCommandGuarded(cmd: number, cmdSeq: number, argLen: number): void {
  try {
    onCommand(cmd, cmdSeq, argLen);
  } catch (e) {
    S.faults++;
  }
}

/** The press that resumed streaming: it marks no pass, and its release sends no status. */
let resumingPress = false;

function onButton(down: boolean): void {
  if (!streaming) {
    // stopped, or the console was given back: the button resumes streaming
    if (down) {
      resumingPress = true;
      start();
    }
    return;
  }
  if (!down && resumingPress) {
    resumingPress = false;
    return;
  }
  if (down) S.flags = (S.flags | FLAG_BUTTON) ^ FLAG_PASS_MARKER;
  else S.flags &= ~FLAG_BUTTON;
  status(down ? EVENT_BUTTON_DOWN : EVENT_BUTTON_UP, 0);
}

let startTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleStart(): void {
  if (startTimer !== undefined) {
    try {
      clearTimeout(startTimer);
    } catch (e) {
      // already fired
    }
  }
  startTimer = setTimeout(function (): void {
    startTimer = undefined;
    start();
  }, START_DELAY_MS);
}

/** At boot of saved code (and right after save()): timers were restored from the snapshot; start afresh once. */
function onBoot(): void {
  hal.unschedule();
  streaming = false;
  booted = false;
  consoleTaken = false;
  scheduleStart();
}

/** Undoes everything this copy of the firmware set up (a second copy is being loaded). */
function shutdown(): void {
  stop();
  if (startTimer !== undefined) {
    try {
      clearTimeout(startTimer);
    } catch (e) {
      // already fired
    }
    startTimer = undefined;
  }
  hal.release();
}

interface Handle {
  start: () => void;
  stop: () => void;
  shutdown: () => void;
  version: string;
}

/** Entry point of every board: `boot(hal, config)` once, when the bundle is loaded. */
export function boot(h: Hal, cfg: GloveConfig): void {
  const g = global as unknown as { pijat?: Handle };
  if (g.pijat !== undefined && typeof g.pijat.shutdown === 'function') g.pijat.shutdown();
  hal = h;
  addr0 = cfg.imu[0].address;
  addr1 = cfg.imu[1].address;
  rateHz = h.maxRateHz < DEFAULT_RATE_HZ ? h.maxRateHz : DEFAULT_RATE_HZ;
  sampler = makeSampler(h, addr0, addr1, makeAfterSample());
  tick = sampler.tick;
  initFrames(h, cfg, sampler.takeSeq);
  initImuAccess(h);
  initFeedback(h);
  initCommands(h.crc32, onCommandGuarded);
  S.t0 = h.now();
  g.pijat = { start: start, stop: stop, shutdown: shutdown, version: cfg.version };
  h.onBoot(onBoot);
  h.watchButton(onButton);
  scheduleStart();
}
