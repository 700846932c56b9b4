// Byte layout of the frames this glove sends (shared/protocol/PROTOCOL.md), for the reference
// glove of 4 FSR + 2 IMU. Typed-array views need aligned offsets, so the indices below are
// given per view: u16[i] covers bytes 2i..2i+1, u32[i] bytes 4i..4i+3.

export const N_FSR = 4;
export const N_IMU = 2;
/** 4 FSR + 6 x 2 IMU axes. */
export const N_CHANNELS = N_FSR + 6 * N_IMU;

// Sample (protocol v2, raw IMU blocks): header 10 + payload (2 + 2*4 + 14*2 = 38) + check 4 =
// 52 bytes. Each IMU block is the MPU-6050's own 14-byte burst from ACCEL_XOUT_H, big-endian,
// temperature included, copied with one native call: converting it value by value cost more
// than the rest of the sample path on Espruino (PROTOCOL.md 3.2).
export const IMU_BLOCK = 14;
export const SAMPLE_PAYLOAD = 2 + 2 * N_FSR + IMU_BLOCK * N_IMU;
export const SAMPLE_LEN = 7 + SAMPLE_PAYLOAD; // 45
export const SAMPLE_SIZE = SAMPLE_LEN + 7; // 52
/** layout byte: n_fsr low nibble, n_imu bits 4-5, bit 7 = raw IMU blocks. */
export const SAMPLE_LAYOUT = N_FSR | (N_IMU << 4) | 0x80;
/** u16 index of the first FSR value (byte 12). */
export const SAMPLE_FSR_U16 = 6;
/** Byte offset of IMU 0's block (IMU 1's follows at +14). */
export const SAMPLE_IMU0_BYTE = 20;
/** u32 index of the check (byte 48). */
export const SAMPLE_CRC_U32 = 12;
export const SAMPLE_FLAGS_BYTE = 11;

// Status: 10 + 8 + 4 = 22 bytes; CRC at byte 18 (u16 9 and 10).
export const STATUS_LEN = 7 + 8;
export const STATUS_SIZE = STATUS_LEN + 7;

// Ack: 10 + 4 + 4 = 18 bytes; CRC at byte 14 (u16 7 and 8).
export const ACK_LEN = 7 + 4;
export const ACK_SIZE = ACK_LEN + 7;

// Descriptor: 10 + 14 + 16 x 16 + 4 = 284 bytes; CRC at byte 280 (u32 70).
export const DESC_LEN = 7 + 14 + 16 * N_CHANNELS;
export const DESC_SIZE = DESC_LEN + 7;
/** Byte offset of channel entry 0. */
export const DESC_CHANNEL0 = 24;
/** f32 index of p0 of channel 0 (byte 28); channel i adds 4. */
export const DESC_P0_F32 = 7;
/** u32 index of the CRC (byte 280). */
export const DESC_CRC_U32 = (DESC_LEN + 3) / 4;
/** u16 index of sample_rate_hz (byte 20). */
export const DESC_RATE_U16 = 10;

// Command frames from the host: 7 + cmd + arguments. The commands of protocol v1 need at most
// 4 argument bytes, but any longer frame (up to the protocol's len 1024) must still be acked.
export const CMD_MIN_LEN = 8;
export const CMD_MAX_LEN = 1024;
