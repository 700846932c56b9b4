// The board-independent sampling core: start/stop, the per-sample callback, status and
// descriptor housekeeping, IMU loss and recovery, host commands, boot after save().
import {
  CMD_START, CMD_STOP, CMD_SET_RATE, CMD_IDENTIFY, CMD_TARE, CMD_FEEDBACK, CMD_SET_THRESHOLDS,
  CMD_DESCRIBE, ACK_OK, ACK_BAD_ARGUMENT, ACK_UNKNOWN_COMMAND, MIN_RATE_HZ, MAX_RATE_HZ,
  DEFAULT_RATE_HZ, EVENT_PERIODIC, EVENT_IMU_LOST, EVENT_IMU_RECOVERED, EVENT_BUTTON_DOWN,
  EVENT_BUTTON_UP, EVENT_STARTED, EVENT_STOPPED, EVENT_RATE_CHANGED, EVENT_ERROR, EVENT_BOOT,
  ERROR_OVERRUN, FLAG_IMU0_VALID, FLAG_IMU1_VALID, FLAG_BUTTON, FLAG_PASS_MARKER,
  STATE_STREAMING, STATE_IMU0_OK, STATE_IMU1_OK, STATE_BUTTON, STATE_PASS_MARKER, STATE_USB,
} from '../../../shared/protocol/constants';
import { argU16, feed, initCommands, rx } from './commands';
import type { GloveConfig } from './config';
import {
  autoFeedback, feedbackLive, feedbackOff, feedbackTick, identify, initFeedback, setFeedback,
  setThresholds,
} from './feedback';
import { initFrames, sample16, sendAck, sendDescriptor, sendSample, sendStatus, setTare } from './frames';
import type { Hal } from './hal';
import { imuInit, imuInto, imuZero, initImuAccess } from './imu';
import { N_FSR, SAMPLE_FSR_U16, SAMPLE_IMU_I16 } from './layout';
import { cancel, every, later, type TimerId } from './timers';

/** Delay between loading (or booting) and streaming, so that an upload's trailing `save()` still reaches the REPL. */
export const START_DELAY_MS = 2000;
/** Housekeeping period: LED blinking; every 4th run sends status + descriptor and retries lost IMUs. */
const HOUSE_MS = 250;
/** Tare averages the FSRs for this long. */
const TARE_S = 0.5;

let hal!: Hal;
let now: () => number = () => 0;
let readFsr: (s16: Uint16Array) => void = () => undefined;

let addr0 = 0x68;
let addr1 = 0x69;
let streaming = false;
let booted = false;
let rateHz = DEFAULT_RATE_HZ;
/** getTime() when streaming started; t_us counts from here. */
let t0 = 0;
let lastEl = 0;
/** A sample later than this after the previous one counts as an overrun. */
let overrunS = 1.5 / DEFAULT_RATE_HZ;
let overruns = 0;
let reportedOverruns = 0;
let errors = 0;
let imu0 = false;
let imu1 = false;
/** Button bits of the sample flags (held, pass marker). */
let flagsBase = 0;
let quarter = 0;
let tareLeft = 0;
let tareCount = 0;
const tareSum = new Uint32Array(N_FSR);

let sampleTimer: TimerId;
let houseTimer: TimerId;
let startTimer: TimerId;

function elapsed(): number {
  return now() - t0;
}

function state(): number {
  return (streaming ? STATE_STREAMING : 0) | (imu0 ? STATE_IMU0_OK : 0) | (imu1 ? STATE_IMU1_OK : 0) |
    ((flagsBase & FLAG_BUTTON) !== 0 ? STATE_BUTTON : 0) |
    ((flagsBase & FLAG_PASS_MARKER) !== 0 ? STATE_PASS_MARKER : 0) | STATE_USB;
}

function status(event: number, arg: number): void {
  sendStatus(elapsed(), event, arg, state(), errors);
}

function imuLost(k: number): void {
  if (k === 0) imu0 = false;
  else imu1 = false;
  imuZero(SAMPLE_IMU_I16 + 6 * k);
  errors++;
  status(EVENT_IMU_LOST, k);
}

function tareAdd(): void {
  for (let i = 0; i < N_FSR; i++) tareSum[i] += sample16[SAMPLE_FSR_U16 + i];
  tareLeft--;
  if (tareLeft > 0) return;
  for (let i = 0; i < N_FSR; i++) setTare(i, Math.round(tareSum[i] / tareCount));
  sendDescriptor(elapsed(), rateHz);
}

/** The per-sample callback: a few dozen statements, one burst per IMU, one write, no allocation. */
function sampleTick(): void {
  'ram';
  const el = now() - t0;
  if (el - lastEl > overrunS) overruns++;
  lastEl = el;
  readFsr(sample16);
  let f = flagsBase;
  if (imu0) {
    if (imuInto(addr0, SAMPLE_IMU_I16)) f |= FLAG_IMU0_VALID;
    else imuLost(0);
  }
  if (imu1) {
    if (imuInto(addr1, SAMPLE_IMU_I16 + 6)) f |= FLAG_IMU1_VALID;
    else imuLost(1);
  }
  sendSample(el, f);
  if (feedbackLive) autoFeedback(sample16[SAMPLE_FSR_U16], sample16[SAMPLE_FSR_U16 + 1]);
  if (tareLeft > 0) tareAdd();
}

/** A bus that cannot be set up must not stop the FSR stream: the IMUs then count as lost. */
function i2cSetup(): void {
  try {
    hal.i2cSetup();
  } catch (e) {
    errors++;
  }
}

function retryImus(): void {
  i2cSetup();
  if (!imu0 && imuInit(addr0)) {
    imu0 = true;
    status(EVENT_IMU_RECOVERED, 0);
  }
  if (!imu1 && imuInit(addr1)) {
    imu1 = true;
    status(EVENT_IMU_RECOVERED, 1);
  }
}

function housekeeping(): void {
  quarter++;
  feedbackTick(quarter);
  if (quarter % 4 !== 0) return;
  if (!imu0 || !imu1) retryImus();
  if (overruns !== reportedOverruns) {
    errors += overruns - reportedOverruns;
    reportedOverruns = overruns;
    status(EVENT_ERROR, ERROR_OVERRUN);
  } else {
    status(EVENT_PERIODIC, 0);
  }
  sendDescriptor(elapsed(), rateHz);
}

function startSampling(): void {
  sampleTimer = cancel(sampleTimer);
  overrunS = 1.5 / rateHz;
  lastEl = elapsed();
  sampleTimer = every(sampleTick, 1000 / rateHz);
}

/** Starts streaming: console off the link, sensors configured, descriptor first. */
export function start(): void {
  startTimer = cancel(startTimer);
  if (streaming) return;
  hal.takeConsole(feed);
  t0 = now();
  i2cSetup();
  imu0 = imuInit(addr0);
  imu1 = imuInit(addr1);
  if (!imu0) imuZero(SAMPLE_IMU_I16);
  if (!imu1) imuZero(SAMPLE_IMU_I16 + 6);
  streaming = true;
  sendDescriptor(0, rateHz);
  if (!booted) {
    booted = true;
    status(EVENT_BOOT, 0);
  }
  status(EVENT_STARTED, 0);
  if (!imu0) status(EVENT_IMU_LOST, 0);
  if (!imu1) status(EVENT_IMU_LOST, 1);
  quarter = 0;
  houseTimer = cancel(houseTimer);
  houseTimer = every(housekeeping, HOUSE_MS);
  startSampling();
}

function stopTimers(): void {
  sampleTimer = cancel(sampleTimer);
  houseTimer = cancel(houseTimer);
  startTimer = cancel(startTimer);
}

/** Stops streaming and gives the REPL back to the host link. */
export function stop(): void {
  stopTimers();
  feedbackOff();
  tareLeft = 0;
  if (!streaming) return;
  status(EVENT_STOPPED, 0);
  streaming = false;
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
    if (hz < MIN_RATE_HZ || hz > MAX_RATE_HZ) {
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
    identify(rx[11]); // 0 stops blinking
  } else if (cmd === CMD_TARE) {
    sendAck(el, cmd, ACK_OK, cmdSeq);
    for (let i = 0; i < N_FSR; i++) tareSum[i] = 0;
    tareCount = Math.max(1, Math.round(rateHz * TARE_S));
    tareLeft = tareCount;
  } else if (cmd === CMD_FEEDBACK) {
    const ok = argLen >= 3 && setFeedback(rx[11], argU16(1));
    sendAck(el, cmd, ok ? ACK_OK : ACK_BAD_ARGUMENT, cmdSeq);
  } else if (cmd === CMD_SET_THRESHOLDS) {
    const ok = argLen >= 4 && setThresholds(argU16(0), argU16(2));
    sendAck(el, cmd, ok ? ACK_OK : ACK_BAD_ARGUMENT, cmdSeq);
  } else if (cmd === CMD_DESCRIBE) {
    sendAck(el, cmd, ACK_OK, cmdSeq);
    sendDescriptor(el, rateHz);
  } else {
    sendAck(el, cmd, ACK_UNKNOWN_COMMAND, cmdSeq);
  }
}

function onButton(down: boolean): void {
  if (down) flagsBase = (flagsBase | FLAG_BUTTON) ^ FLAG_PASS_MARKER;
  else flagsBase &= ~FLAG_BUTTON;
  if (streaming) status(down ? EVENT_BUTTON_DOWN : EVENT_BUTTON_UP, 0);
  else if (down) start(); // stopped (console back on USB): the button resumes streaming
}

function scheduleStart(): void {
  startTimer = cancel(startTimer);
  startTimer = later(start, START_DELAY_MS);
}

/** At boot of saved code (and right after save()): timers were restored from the snapshot; start afresh once. */
function onBoot(): void {
  stopTimers();
  streaming = false;
  booted = false;
  scheduleStart();
}

/** Undoes everything this copy of the firmware set up (a second copy is being loaded). */
function shutdown(): void {
  stop();
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
  now = h.now;
  readFsr = h.readFsr;
  addr0 = cfg.imu[0].address;
  addr1 = cfg.imu[1].address;
  initFrames(h, cfg);
  initImuAccess(h);
  initFeedback(h);
  initCommands(h.crc, onCommand);
  t0 = now();
  g.pijat = { start: start, stop: stop, shutdown: shutdown, version: cfg.version };
  h.onBoot(onBoot);
  h.watchButton(onButton);
  scheduleStart();
}
