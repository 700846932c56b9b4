// Public API of the wire protocol (PROTOCOL.md beside this file).
export * from './constants';
export type * from './types';
export { crc32 } from './crc32';
export { fletcher32 } from './fletcher32';
export { boardCode, boardName, channelCodes, channelFromCodes, channelName } from './names';
export {
  frame, encodeDescriptor, encodeSample, encodeStatus, encodeCommand, encodeAck, samplePayloadSize, u16le,
  commandBody, encodeCommandText, encodeCommandFor, usesTextCommands, type CommandSpec,
  type FrameCheck, type FrameOptions, type SampleOptions,
} from './encode';
export {
  CommandTextParser, CommandSender, parseCommandText, emptyCommandTextCounters, type CommandTextCounters,
} from './command-text';
export { Decoder, decodeAll, emptyCounters, lenFitsType, WRAP_WINDOW_US, TYPE_FLETCHER, LAYOUT_RAW_IMU } from './decoder';
