// One preallocated buffer per message type, written through typed-array views, finished with
// one CRC call and one write. Nothing here allocates after initFrames().
import {
  SYNC, MSG_SAMPLE, MSG_STATUS, MSG_ACK, MSG_DESCRIPTOR, PROTOCOL_VERSION,
  KIND_FSR, KIND_ACCEL, KIND_GYRO, UNIT_NEWTON, UNIT_G, UNIT_DPS,
} from '../../../shared/protocol/constants';
import type { GloveConfig } from './config';
import type { Hal } from './hal';
import {
  N_FSR, N_IMU, N_CHANNELS, SAMPLE_LAYOUT, SAMPLE_LEN, SAMPLE_SIZE, SAMPLE_CRC_U32, SAMPLE_FLAGS_BYTE,
  STATUS_LEN, STATUS_SIZE, ACK_LEN, ACK_SIZE, DESC_LEN, DESC_SIZE, DESC_CHANNEL0, DESC_P0_F32,
  DESC_RATE_U16, DESC_CRC_U32,
} from './layout';

// Sample frame and its views.
export const sample8 = new Uint8Array(SAMPLE_SIZE);
export const sample16 = new Uint16Array(sample8.buffer);
export const sample32 = new Uint32Array(sample8.buffer);
export const sampleCrcView = new Uint8Array(sample8.buffer, 1, SAMPLE_LEN + 2);
export const sampleWords = new Uint16Array(sample8.buffer, 0, (SAMPLE_LEN + 3) / 2);

const status8 = new Uint8Array(STATUS_SIZE);
const status16 = new Uint16Array(status8.buffer);
const statusCrcView = new Uint8Array(status8.buffer, 1, STATUS_LEN + 2);
const statusWords = new Uint16Array(status8.buffer, 0, (STATUS_LEN + 3) / 2);

const ack8 = new Uint8Array(ACK_SIZE);
const ack16 = new Uint16Array(ack8.buffer);
const ackCrcView = new Uint8Array(ack8.buffer, 1, ACK_LEN + 2);
const ackWords = new Uint16Array(ack8.buffer, 0, (ACK_LEN + 3) / 2);

const desc8 = new Uint8Array(DESC_SIZE);
const desc16 = new Uint16Array(desc8.buffer);
const desc32 = new Uint32Array(desc8.buffer);
const descF32 = new Float32Array(desc8.buffer);
const descCrcView = new Uint8Array(desc8.buffer, 1, DESC_LEN + 2);
const descWords = new Uint16Array(desc8.buffer, 0, (DESC_LEN + 3) / 2);

/** Hands out the sequence number of the next frame (the sampler owns the counter). */
let takeSeq: () => number = () => 0;
let check: (crcRange: Uint8Array, words: Uint16Array) => number = () => 0;
let checkKind = 0;
let write: (bytes: Uint8Array) => void = () => undefined;

function header(buf: Uint8Array, len: number, type: number): void {
  buf[0] = SYNC;
  buf[1] = len & 0xff;
  buf[2] = len >> 8;
  buf[3] = type | checkKind;
}

function channel(i: number, kind: number, hand: number, site: number, unit: number, p0: number, p1: number): void {
  const at = DESC_CHANNEL0 + 16 * i;
  desc8[at] = kind;
  desc8[at + 1] = hand;
  desc8[at + 2] = site;
  desc8[at + 3] = unit;
  descF32[DESC_P0_F32 + 4 * i] = p0;
  descF32[DESC_P0_F32 + 4 * i + 1] = p1;
  descF32[DESC_P0_F32 + 4 * i + 2] = 0;
}

/** Fills everything that never changes: sync, len, type, layout, the descriptor body. */
export function initFrames(hal: Hal, cfg: GloveConfig, seqSource: () => number): void {
  takeSeq = seqSource;
  check = hal.frameCheck;
  checkKind = hal.checkKind;
  write = hal.write;
  header(sample8, SAMPLE_LEN, MSG_SAMPLE);
  sample8[10] = SAMPLE_LAYOUT;
  header(status8, STATUS_LEN, MSG_STATUS);
  header(ack8, ACK_LEN, MSG_ACK);
  header(desc8, DESC_LEN, MSG_DESCRIPTOR);
  const v = cfg.version.split('.');
  desc8[10] = PROTOCOL_VERSION;
  desc8[11] = Number(v[0]) & 0xff;
  desc8[12] = Number(v[1]) & 0xff;
  desc8[13] = Number(v[2]) & 0xff;
  desc8[14] = hal.board;
  // device_id at byte 16 (u16 8 and 9), written without relying on bit operations on a u32
  const hi = Math.floor(hal.deviceId / 65536);
  desc16[8] = hal.deviceId - hi * 65536;
  desc16[9] = hi;
  desc8[22] = N_CHANNELS;
  for (let i = 0; i < N_FSR; i++) {
    channel(i, KIND_FSR, cfg.fsr[i].hand, cfg.fsr[i].site, UNIT_NEWTON, cfg.fsrP0, cfg.fsrP1);
  }
  for (let k = 0; k < N_IMU; k++) {
    const base = N_FSR + 6 * k;
    const hand = cfg.imu[k].hand;
    for (let a = 0; a < 3; a++) {
      channel(base + a, KIND_ACCEL, hand, a, UNIT_G, 1 / 8192, 0);
      channel(base + 3 + a, KIND_GYRO, hand, a, UNIT_DPS, 1 / 65.5, 0);
    }
  }
}

/** Writes seq and t_us (u16 indices 2, 3, 4) of any frame; `el` = seconds since streaming started. */
function stamp(v16: Uint16Array, el: number): void {
  v16[2] = takeSeq();
  const us = Math.round(el * 1e6) % 4294967296;
  const hi = Math.floor(us / 65536);
  v16[3] = us - hi * 65536;
  v16[4] = hi;
}

/** CRC into two u16 slots (for frames whose CRC is not 4-byte aligned). */
function putCrc(v16: Uint16Array, i: number, c: number): void {
  const hi = Math.floor(c / 65536);
  v16[i] = c - hi * 65536;
  v16[i + 1] = hi;
}

export function sendStatus(el: number, event: number, arg: number, state: number, errors: number): void {
  status8[10] = event;
  status8[11] = arg;
  status16[6] = state;
  status16[7] = 0; // battery_mv: the glove is USB powered, no battery to report
  status16[8] = errors > 0xffff ? 0xffff : errors;
  stamp(status16, el);
  putCrc(status16, 9, check(statusCrcView, statusWords));
  write(status8);
}

export function sendAck(el: number, cmd: number, result: number, cmdSeq: number): void {
  ack8[10] = cmd;
  ack8[11] = result;
  ack16[6] = cmdSeq;
  stamp(ack16, el);
  putCrc(ack16, 7, check(ackCrcView, ackWords));
  write(ack8);
}

export function sendDescriptor(el: number, rateHz: number): void {
  desc16[DESC_RATE_U16] = rateHz;
  stamp(desc16, el);
  desc32[DESC_CRC_U32] = check(descCrcView, descWords);
  write(desc8);
}

/** Stores an FSR's tare (p2, raw counts) in the descriptor. */
export function setTare(fsr: number, raw: number): void {
  descF32[DESC_P0_F32 + 4 * fsr + 2] = raw;
}
