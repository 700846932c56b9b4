// Byte layout of the frames this glove sends (shared/protocol/PROTOCOL.md), for the reference
// glove of 4 FSR + 2 IMU. Typed-array views need aligned offsets, so the indices below are
// given per view: u16[i] covers bytes 2i..2i+1, u32[i] bytes 4i..4i+3.

export const N_FSR = 4;
export const N_IMU = 2;
/** 4 FSR + 6 x 2 IMU axes. */
export const N_CHANNELS = N_FSR + 6 * N_IMU;

// Sample: header 10 + payload (2 + 2*4 + 12*2 = 34) + CRC 4 = 48 bytes.
export const SAMPLE_PAYLOAD = 2 + 2 * N_FSR + 12 * N_IMU;
export const SAMPLE_LEN = 7 + SAMPLE_PAYLOAD; // 41
export const SAMPLE_SIZE = SAMPLE_LEN + 7; // 48
/** u16 index of the first FSR value (byte 12). */
export const SAMPLE_FSR_U16 = 6;
/** i16 index of the first IMU value (byte 20). */
export const SAMPLE_IMU_I16 = 10;
/** u32 index of the CRC (byte 44). */
export const SAMPLE_CRC_U32 = 11;
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
