// Public API of the wire protocol (PROTOCOL.md beside this file).
export * from './constants';
export type * from './types';
export { crc32 } from './crc32';
export { boardCode, boardName, channelCodes, channelFromCodes, channelName } from './names';
export {
  frame, encodeDescriptor, encodeSample, encodeStatus, encodeCommand, encodeAck, samplePayloadSize, u16le,
} from './encode';
export { Decoder, decodeAll, emptyCounters, lenFitsType, WRAP_WINDOW_US } from './decoder';
