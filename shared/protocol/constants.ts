// Numbers of the wire protocol. PROTOCOL.md beside this file is the normative text.

/** The version this code implements; a v2 descriptor carries it in `protocol_version`. */
export const PROTOCOL_VERSION = 2;
/** The last version whose host sends binary command frames (type 0x10) instead of text commands. */
export const PROTOCOL_VERSION_BINARY_COMMANDS = 1;
export const SYNC = 0xa5;
/** Bytes before the payload: sync(1) len(2) type(1) seq(2) t_us(4). */
export const HEADER_SIZE = 10;
/** Bytes counted by `len` that are not payload: type(1) seq(2) t_us(4). */
export const LEN_OVERHEAD = 7;
export const CRC_SIZE = 4;
/** Frame size = len + FRAME_OVERHEAD. */
export const FRAME_OVERHEAD = 7;
export const MIN_LEN = 7;
export const MAX_LEN = 1024;

export const MSG_DESCRIPTOR = 0x01;
export const MSG_SAMPLE = 0x02;
export const MSG_STATUS = 0x03;
export const MSG_COMMAND = 0x10;
export const MSG_ACK = 0x11;

export const DESCRIPTOR_HEADER_SIZE = 14;
export const CHANNEL_ENTRY_SIZE = 16;
export const STATUS_PAYLOAD_SIZE = 8;
export const ACK_PAYLOAD_SIZE = 4;

export const BOARD_UNKNOWN = 0;
export const BOARD_ESPRUINO_PICO = 1;
export const BOARD_KALUMA_PICO = 2;
export const BOARD_SIMULATOR = 3;
export const BOARD_ESPRUINO_RP2040 = 4;

export const KIND_FSR = 1;
export const KIND_ACCEL = 2;
export const KIND_GYRO = 3;

export const HAND_LEFT = 0;
export const HAND_RIGHT = 1;

export const SITE_THUMB = 0;
export const SITE_KNUCKLE = 1;

export const UNIT_NEWTON = 1;
export const UNIT_G = 2;
export const UNIT_DPS = 3;

// Sample flags
export const FLAG_IMU0_VALID = 1 << 0;
export const FLAG_IMU1_VALID = 1 << 1;
export const FLAG_BUTTON = 1 << 2;
export const FLAG_PASS_MARKER = 1 << 3;

// Status events
/** Once a second; since version 2 its `arg` is the interpreter heap in use, percent (0 = unknown). */
export const EVENT_PERIODIC = 0;
export const EVENT_IMU_LOST = 1;
export const EVENT_IMU_RECOVERED = 2;
export const EVENT_BUTTON_DOWN = 3;
export const EVENT_BUTTON_UP = 4;
export const EVENT_STARTED = 5;
export const EVENT_STOPPED = 6;
export const EVENT_RATE_CHANGED = 7;
export const EVENT_ERROR = 8;
export const EVENT_BOOT = 9;

// Status state bits
export const STATE_STREAMING = 1 << 0;
export const STATE_IMU0_OK = 1 << 1;
export const STATE_IMU1_OK = 1 << 2;
export const STATE_BUTTON = 1 << 3;
export const STATE_PASS_MARKER = 1 << 4;
export const STATE_USB = 1 << 5;
export const STATE_BATTERY_LOW = 1 << 6;

// Error codes (status event 8 arg)
export const ERROR_I2C = 1;
export const ERROR_USB_FULL = 2;
export const ERROR_OVERRUN = 3;
/** The glove delivered fewer samples than its announced rate over the last second (version 2). */
export const ERROR_RATE_SHORTFALL = 4;
/** An exception in the firmware was caught and counted; sampling went on (version 2). */
export const ERROR_FAULT = 5;

// Commands
export const CMD_START = 0x01;
export const CMD_STOP = 0x02;
export const CMD_SET_RATE = 0x03;
export const CMD_IDENTIFY = 0x04;
export const CMD_TARE = 0x05;
export const CMD_FEEDBACK = 0x06;
export const CMD_SET_THRESHOLDS = 0x07;
export const CMD_DESCRIBE = 0x08;
/** Ack, stop streaming and give the REPL/console back to the USB link (version 2). */
export const CMD_CONSOLE = 0x09;

export const FEEDBACK_AUTO = 0;
export const FEEDBACK_IN_BAND = 1;
export const FEEDBACK_TOO_HARD = 2;
export const FEEDBACK_TOO_LIGHT = 3;
export const FEEDBACK_OFF = 4;

export const ACK_OK = 0;
export const ACK_BAD_ARGUMENT = 1;
export const ACK_UNKNOWN_COMMAND = 2;

// Text commands, host -> device (version 2, PROTOCOL.md section 3.4): `{` hex digits `}`.
/** `{`: starts (or restarts) a text command. */
export const TEXT_COMMAND_OPEN = 0x7b;
/** `}`: ends a text command. */
export const TEXT_COMMAND_CLOSE = 0x7d;
/** Body: seq u16, cmd u8, arguments, CRC-32 u32. */
export const TEXT_COMMAND_MIN_BODY = 7;
export const TEXT_COMMAND_MAX_BODY = 64;
/** Body bytes that are not arguments: seq(2) cmd(1) crc(4). */
export const TEXT_COMMAND_OVERHEAD = 7;
/** The most argument bytes a text command can carry. */
export const TEXT_COMMAND_MAX_ARGS = TEXT_COMMAND_MAX_BODY - TEXT_COMMAND_OVERHEAD;

/** The widest range of set_rate; a board refuses (bad argument) any rate it cannot sustain. */
export const MIN_RATE_HZ = 25;
export const MAX_RATE_HZ = 200;
export const DEFAULT_RATE_HZ = 100;
/** The descriptor is repeated at least this often while streaming. */
export const DESCRIPTOR_PERIOD_S = 2;
/** A sequence gap larger than this is a device restart, not lost frames. */
export const MAX_COUNTED_GAP = 30000;
