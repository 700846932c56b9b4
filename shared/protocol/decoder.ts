// Incremental decoder of the wire protocol, exactly as PROTOCOL.md section 4 describes it.
//
// Speed: frames that lie wholly inside a pushed chunk are parsed in place; only an incomplete
// candidate at the end of a chunk is copied, into a fixed buffer of one maximum frame
// (1031 bytes), and only as many bytes as that candidate still needs. Junk is skipped with
// the native indexOf. The decoder never throws on any input; an exception thrown by the
// onMessage callback propagates to the caller of push().
import {
  SYNC, HEADER_SIZE, FRAME_OVERHEAD, MIN_LEN, MAX_LEN, LEN_OVERHEAD,
  MSG_DESCRIPTOR, MSG_SAMPLE, MSG_STATUS, MSG_COMMAND, MSG_ACK,
  DESCRIPTOR_HEADER_SIZE, CHANNEL_ENTRY_SIZE, STATUS_PAYLOAD_SIZE, ACK_PAYLOAD_SIZE,
  MAX_COUNTED_GAP,
} from './constants';
import { crc32 } from './crc32';
import { fletcher32 } from './fletcher32';
import { boardName, channelFromCodes } from './names';
import { interpretable } from './descriptor-check';
import type { Channel, DecoderCounters, Descriptor, Message, Sample } from './types';

const MAX_FRAME = MAX_LEN + FRAME_OVERHEAD;
const TWO_POW_32 = 4294967296;
/** A t_us that goes backwards is a wrap only if the previous one was this close to 2^32. */
export const WRAP_WINDOW_US = 60_000_000;
/** One entry per seq value: a frame identical to the last one with its seq is a duplicate (PROTOCOL.md 4, Duplicates). */
export const DUP_WINDOW = 65536;
/** Largest sample payload: 15 FSR and 2 raw IMU blocks (PROTOCOL.md 3.2). */
const MAX_SAMPLE_PAYLOAD = 2 + 2 * 15 + 14 * 2;
/** Bit 7 of the type byte: the frame carries Fletcher-32 instead of CRC-32 (PROTOCOL.md 2.2). */
export const TYPE_FLETCHER = 0x80;
/** Bit 7 of a sample's layout byte: each IMU is the MPU-6050's raw 14-byte burst (PROTOCOL.md 3.2). */
export const LAYOUT_RAW_IMU = 0x80;
/** Byte offsets of ax ay az gx gy gz inside a raw IMU block (6-7 is the temperature). */
const RAW_IMU_AXES = [0, 2, 4, 8, 10, 12];

export function emptyCounters(): DecoderCounters {
  return { bytes: 0, frames: 0, crc_errors: 0, resyncs: 0, lost_frames: 0, junk_bytes: 0, unknown_type: 0, duplicates: 0, restarts: 0 };
}

/**
 * Whether `len` (7..1024) is a size a frame of `type` can have (PROTOCOL.md section 4, step 2).
 * Unknown types may have any length.
 */
export function lenFitsType(type: number, len: number): boolean {
  const payload = len - LEN_OVERHEAD;
  switch (type) {
    case MSG_DESCRIPTOR:
      return payload >= DESCRIPTOR_HEADER_SIZE && (payload - DESCRIPTOR_HEADER_SIZE) % CHANNEL_ENTRY_SIZE === 0;
    case MSG_SAMPLE:
      return payload >= 2 && payload <= MAX_SAMPLE_PAYLOAD && (payload & 1) === 0;
    case MSG_STATUS:
      return payload === STATUS_PAYLOAD_SIZE;
    case MSG_COMMAND:
      return payload >= 1;
    case MSG_ACK:
      return payload === ACK_PAYLOAD_SIZE;
    default:
      return true;
  }
}

export interface DecoderOptions {
  /**
   * Deliver every sample in one reused object (its fsr and imu arrays too), for a consumer that
   * copies what it keeps (the pipeline): 3 allocations fewer per frame.
   */
  reuseSamples?: boolean;
}

export class Decoder {
  /** Health counters, updated in place (the object stays the same across reset()). */
  readonly counters: DecoderCounters = emptyCounters();
  /** The reused sample (reuseSamples), null otherwise. */
  private readonly shared: Sample | null;

  constructor(opts?: DecoderOptions) {
    this.shared = opts?.reuseSamples
      ? { type: 'sample', seq: 0, t_us: 0, t_s: 0, n_fsr: 0, n_imu: 0, flags: 0, fsr: [], imu: [] }
      : null;
  }

  /** Holds the incomplete candidate frame at the end of the last chunk; starts with 0xA5. */
  private readonly tail = new Uint8Array(MAX_FRAME);
  private tailLen = 0;
  /** Bytes the candidate in `tail` needs before it can be judged (4 for the header, or len + 7). */
  private need = 0;
  /** Junk was discarded since the last intact frame (the next one counts a resync). */
  private junkSinceFrame = false;
  private prevSeq = -1;
  private prevTus = 0;
  /** Microseconds added to t_us: 2^32 per wrap; at a restart, the time reached minus the new t_us. */
  private offsetUs = 0;
  /**
   * The last device frame per seq: seq + 1 (0 empty), t_us and check (768 KiB). Made at
   * the first device frame (a decoder that never sees one, as in the many short decodes of the
   * property tests, costs nothing).
   */
  private ringSeq: Int32Array | null = null;
  private ringTus: Uint32Array | null = null;
  private ringCheck: Uint32Array | null = null;
  /** Segment of the last delivered device frame: 0, +1 at every restart (PROTOCOL.md 4, Time). */
  segment = 0;

  /** Bytes held back because the frame they start is not complete yet. */
  get pendingBytes(): number {
    return this.tailLen;
  }

  /** Decodes a chunk of the byte stream; calls onMessage for every message, in order. */
  push(chunk: Uint8Array, onMessage: (m: Message) => void): void {
    const n = chunk.length;
    this.counters.bytes += n;
    let off = 0;
    // First complete the candidate left over from the previous chunk, a few bytes at a time.
    while (this.tailLen > 0) {
      if (off >= n) return;
      const take = Math.min(this.need - this.tailLen, n - off);
      const tail = this.tail;
      for (let k = 0; k < take; k++) tail[this.tailLen + k] = chunk[off + k]!;
      this.tailLen += take;
      off += take;
      if (this.tailLen < this.need) return;
      const p = this.scan(tail, 0, this.tailLen, false, onMessage);
      if (p > 0) {
        tail.copyWithin(0, p, this.tailLen);
        this.tailLen -= p;
      }
    }
    if (off < n) {
      const p = this.scan(chunk, off, n, false, onMessage);
      if (p < n) {
        this.tail.set(chunk.subarray(p, n), 0);
        this.tailLen = n - p;
      }
    }
  }

  /**
   * End of a finite input (a capture file): the candidate still waiting can never complete, so
   * it is a false sync (PROTOCOL.md section 4, end of input). Afterwards every byte pushed is
   * either in a frame or in junk_bytes.
   */
  finish(onMessage: (m: Message) => void): void {
    if (this.tailLen === 0) return;
    const n = this.tailLen;
    this.tailLen = 0;
    this.scan(this.tail, 0, n, true, onMessage);
  }

  /** Back to the state of a new decoder (buffer, counters, sequence and time tracking). */
  reset(): void {
    Object.assign(this.counters, emptyCounters());
    this.tailLen = 0;
    this.need = 0;
    this.junkSinceFrame = false;
    this.prevSeq = -1;
    this.prevTus = 0;
    this.offsetUs = 0;
    this.ringSeq?.fill(0);
    this.segment = 0;
  }

  /**
   * Decodes frames in buf[i, end). Returns where an incomplete candidate starts (and sets
   * `need`), or `end` when everything was consumed. With `final` nothing is left waiting.
   */
  private scan(buf: Uint8Array, i: number, end: number, final: boolean, onMessage: (m: Message) => void): number {
    const c = this.counters;
    while (i < end) {
      if (buf[i] !== SYNC) {
        let j = buf.indexOf(SYNC, i);
        if (j < 0 || j > end) j = end;
        c.junk_bytes += j - i;
        this.junkSinceFrame = true;
        i = j;
        continue;
      }
      if (end - i < 4) {
        if (!final) {
          this.need = 4;
          return i;
        }
        c.junk_bytes++;
        this.junkSinceFrame = true;
        i++;
        continue;
      }
      const len = buf[i + 1]! | (buf[i + 2]! << 8);
      const fletcher = (buf[i + 3]! & TYPE_FLETCHER) !== 0;
      const type = buf[i + 3]! & ~TYPE_FLETCHER;
      if (len < MIN_LEN || len > MAX_LEN || !lenFitsType(type, len) || (fletcher && (type === MSG_COMMAND || (len & 1) === 0))) {
        c.junk_bytes++;
        this.junkSinceFrame = true;
        i++;
        continue;
      }
      const size = len + FRAME_OVERHEAD;
      if (end - i < size) {
        if (!final) {
          this.need = size;
          return i;
        }
        c.junk_bytes++;
        this.junkSinceFrame = true;
        i++;
        continue;
      }
      const crcAt = i + 3 + len;
      const stored = (buf[crcAt]! | (buf[crcAt + 1]! << 8) | (buf[crcAt + 2]! << 16) | (buf[crcAt + 3]! << 24)) >>> 0;
      if ((fletcher ? fletcher32(buf, i, crcAt) : crc32(buf, i + 1, crcAt)) !== stored) {
        c.crc_errors++;
        c.junk_bytes++;
        this.junkSinceFrame = true;
        i++;
        continue;
      }
      c.frames++;
      if (this.junkSinceFrame) {
        c.resyncs++;
        this.junkSinceFrame = false;
      }
      const at = i;
      i += size;
      this.deliver(buf, at, type, len, stored, onMessage);
    }
    return end;
  }

  /** Decodes one intact frame starting at buf[i] and hands it on (or counts it as skipped). */
  private deliver(buf: Uint8Array, i: number, type: number, len: number, check: number, onMessage: (m: Message) => void): void {
    const seq = buf[i + 4]! | (buf[i + 5]! << 8);
    const t_us = (buf[i + 6]! | (buf[i + 7]! << 8) | (buf[i + 8]! << 16) | (buf[i + 9]! << 24)) >>> 0;
    const p = i + HEADER_SIZE;
    const size = len - LEN_OVERHEAD;
    if (type === MSG_COMMAND) {
      // Host -> device: its own seq counter and t_us 0, so no sequence or time tracking.
      // A copy as a plain Uint8Array (Node's Buffer#slice would return a view of the chunk).
      const args = new Uint8Array(buf.subarray(p + 1, p + size));
      onMessage({ type: 'command', seq, t_us, t_s: 0, cmd: buf[p]!, args });
      return;
    }
    const t_s = this.track(seq, t_us, check);
    if (t_s < 0) return; // a duplicate: counted, not delivered
    let m: Message | undefined;
    switch (type) {
      case MSG_SAMPLE: {
        const layout = buf[p]!;
        const nFsr = layout & 0x0f;
        const raw = (layout & LAYOUT_RAW_IMU) !== 0;
        const nImu = raw ? (layout >> 4) & 0x07 : layout >> 4;
        if (nImu > 2 || 2 + 2 * nFsr + (raw ? 14 : 12) * nImu !== size) break;
        const nVal = 6 * nImu;
        const sh = this.shared;
        if (sh && sh.fsr.length !== nFsr) sh.fsr = new Array<number>(nFsr).fill(0);
        if (sh && sh.imu.length !== nVal) sh.imu = new Array<number>(nVal).fill(0);
        const fsr: number[] = sh ? sh.fsr : new Array<number>(nFsr);
        let q = p + 2;
        for (let k = 0; k < nFsr; k++, q += 2) fsr[k] = buf[q]! | (buf[q + 1]! << 8);
        const imu: number[] = sh ? sh.imu : new Array<number>(nVal);
        if (raw) {
          // big-endian, as the sensor sends them; the temperature in each block is skipped
          for (let m = 0, k = 0; m < nImu; m++, q += 14) {
            for (const o of RAW_IMU_AXES) imu[k++] = ((buf[q + o]! << 8) | buf[q + o + 1]!) << 16 >> 16;
          }
        } else {
          for (let k = 0; k < nVal; k++, q += 2) imu[k] = ((buf[q]! | (buf[q + 1]! << 8)) << 16) >> 16;
        }
        if (sh) {
          sh.seq = seq; sh.t_us = t_us; sh.t_s = t_s; sh.n_fsr = nFsr; sh.n_imu = nImu; sh.flags = buf[p + 1]!;
          m = sh;
        } else {
          m = { type: 'sample', seq, t_us, t_s, n_fsr: nFsr, n_imu: nImu, flags: buf[p + 1]!, fsr, imu };
        }
        break;
      }
      case MSG_DESCRIPTOR:
        m = decodeDescriptor(buf, p, size, seq, t_us, t_s);
        break;
      case MSG_STATUS:
        m = {
          type: 'status', seq, t_us, t_s,
          event: buf[p]!, arg: buf[p + 1]!,
          state: buf[p + 2]! | (buf[p + 3]! << 8),
          battery_mv: buf[p + 4]! | (buf[p + 5]! << 8),
          error_count: buf[p + 6]! | (buf[p + 7]! << 8),
        };
        break;
      case MSG_ACK:
        m = { type: 'ack', seq, t_us, t_s, cmd: buf[p]!, result: buf[p + 1]!, cmd_seq: buf[p + 2]! | (buf[p + 3]! << 8) };
        break;
    }
    if (m === undefined) this.counters.unknown_type++;
    else onMessage(m);
  }

  /**
   * Duplicates, sequence gaps, restarts and t_us unwrapping for one intact device frame
   * (PROTOCOL.md section 4, Sequence and Time). Returns t_s, or -1 for a duplicate.
   */
  private track(seq: number, t_us: number, check: number): number {
    const slot = seq & (DUP_WINDOW - 1);
    if (this.ringSeq === null) {
      this.ringSeq = new Int32Array(DUP_WINDOW);
      this.ringTus = new Uint32Array(DUP_WINDOW);
      this.ringCheck = new Uint32Array(DUP_WINDOW);
    }
    const ringSeq = this.ringSeq, ringTus = this.ringTus!, ringCheck = this.ringCheck!;
    if (this.prevSeq >= 0) {
      if (ringSeq[slot] === seq + 1 && ringTus[slot] === t_us && ringCheck[slot] === check) {
        this.counters.duplicates++;
        return -1;
      }
      let restart = false;
      if (t_us < this.prevTus) {
        if (this.prevTus >= TWO_POW_32 - WRAP_WINDOW_US && t_us < WRAP_WINDOW_US) this.offsetUs += TWO_POW_32;
        else restart = true;
      }
      if (restart) {
        // A new segment (reboot, new `start`, a second capture): it starts at the time reached,
        // its length of silence unknown here; its seq starts anywhere, so no gap is counted.
        this.offsetUs += this.prevTus - t_us;
        this.counters.restarts++;
        this.segment++;
      } else {
        const gap = (seq - this.prevSeq - 1) & 0xffff;
        if (gap <= MAX_COUNTED_GAP) this.counters.lost_frames += gap;
      }
    }
    ringSeq[slot] = seq + 1;
    ringTus[slot] = t_us;
    ringCheck[slot] = check;
    this.prevSeq = seq;
    this.prevTus = t_us;
    return (this.offsetUs + t_us) / 1e6;
  }
}

function decodeDescriptor(
  buf: Uint8Array, p: number, size: number, seq: number, t_us: number, t_s: number,
): Descriptor | undefined {
  const n = buf[p + 12]!;
  if (size !== DESCRIPTOR_HEADER_SIZE + CHANNEL_ENTRY_SIZE * n) return undefined;
  const view = new DataView(buf.buffer, buf.byteOffset + p, size);
  const channels: Channel[] = [];
  for (let k = 0, c = DESCRIPTOR_HEADER_SIZE; k < n; k++, c += CHANNEL_ENTRY_SIZE) {
    const ch = channelFromCodes(
      buf[p + c]!, buf[p + c + 1]!, buf[p + c + 2]!, buf[p + c + 3]!,
      view.getFloat32(c + 4, true), view.getFloat32(c + 8, true), view.getFloat32(c + 12, true),
    );
    if (ch === undefined) return undefined;
    channels.push(ch);
  }
  return interpretable({
    type: 'descriptor', seq, t_us, t_s,
    protocol_version: buf[p]!,
    firmware_version: `${buf[p + 1]}.${buf[p + 2]}.${buf[p + 3]}`,
    board: boardName(buf[p + 4]!),
    device_id: view.getUint32(6, true),
    sample_rate_hz: view.getUint16(10, true),
    channels,
  });
}

/** Decodes a whole capture (and its end: see Decoder.finish). */
export function decodeAll(bytes: Uint8Array): { messages: Message[]; counters: DecoderCounters } {
  const d = new Decoder();
  const messages: Message[] = [];
  const keep = (m: Message): void => {
    messages.push(m);
  };
  d.push(bytes, keep);
  d.finish(keep);
  return { messages, counters: { ...d.counters } };
}
