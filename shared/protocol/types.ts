// Typed messages of the wire protocol (PROTOCOL.md).

export type ChannelKind = 'fsr' | 'accel' | 'gyro';
export type Hand = 'left' | 'right';

export interface Channel {
  kind: ChannelKind;
  hand: Hand;
  /** FSR: 'thumb' | 'knuckle'; IMU: 'x' | 'y' | 'z'. */
  site: 'thumb' | 'knuckle' | 'x' | 'y' | 'z';
  unit: 'N' | 'g' | 'dps';
  /** `<hand>_<site>` for FSR, `<hand>_a<axis>` / `<hand>_g<axis>` for IMU (left_thumb, right_gz). */
  name: string;
  p0: number;
  p1: number;
  p2: number;
}

export type BoardName = 'unknown' | 'espruino-pico' | 'kaluma-pico' | 'simulator' | 'espruino-rp2040';

export interface Descriptor {
  type: 'descriptor';
  seq: number;
  t_us: number;
  /** Seconds since the device started streaming, unwrapped by the decoder (0 when encoding). */
  t_s: number;
  protocol_version: number;
  firmware_version: string; // "1.2.3"
  board: BoardName;
  device_id: number;
  sample_rate_hz: number;
  channels: Channel[];
}

export interface Sample {
  type: 'sample';
  seq: number;
  t_us: number;
  /** Seconds since the device started streaming, unwrapped by the decoder (0 when encoding). */
  t_s: number;
  n_fsr: number;
  n_imu: number;
  flags: number;
  /** Raw FSR counts (u16), n_fsr values. */
  fsr: number[];
  /** Raw IMU counts (i16), 6 per IMU: ax ay az gx gy gz of IMU 0, then IMU 1. */
  imu: number[];
}

export interface Status {
  type: 'status';
  seq: number;
  t_us: number;
  /** Seconds since the device started streaming, unwrapped by the decoder (0 when encoding). */
  t_s: number;
  event: number;
  arg: number;
  state: number;
  battery_mv: number;
  error_count: number;
}

export interface Command {
  type: 'command';
  seq: number;
  t_us: number;
  /** Seconds since the device started streaming, unwrapped by the decoder (0 when encoding). */
  t_s: number;
  cmd: number;
  /** Argument bytes after `cmd`. */
  args: Uint8Array;
}

export interface Ack {
  type: 'ack';
  seq: number;
  t_us: number;
  /** Seconds since the device started streaming, unwrapped by the decoder (0 when encoding). */
  t_s: number;
  cmd: number;
  result: number;
  cmd_seq: number;
}

export type Message = Descriptor | Sample | Status | Command | Ack;

/** Health counters of a decoder (PROTOCOL.md section 4). */
export interface DecoderCounters {
  bytes: number;
  frames: number;
  crc_errors: number;
  resyncs: number;
  lost_frames: number;
  junk_bytes: number;
  unknown_type: number;
  /** Intact device frames identical to the last one with their seq (replayed bytes): dropped. */
  duplicates: number;
  /** Times the device time went back (not a wrap): a new segment of the time line began. */
  restarts: number;
}
