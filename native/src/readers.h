// The two file formats `pijat score` reads, on their common path only: a raw capture whose
// frames are all intact and in order (host side: shared/protocol/decoder.ts, then the
// calibration of shared/engine/calibration.ts), and CSV rows whose numbers all take the
// CSV reader's fast path (host/io/csv.ts). Anything else (junk, a CRC failure, a duplicate, a
// restarted device, a new descriptor, a quoted field, a word, an out-of-range value...) is
// declined with a reason, and the caller scores the file with the TypeScript instead, which
// then gives the user its own message or warning. Each sample goes to an Engine (engine.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include "engine.h"

namespace pijat {

/** Why a file was declined (0 = scored). The numbers are part of the addon's interface. */
enum Decline : int {
  DECLINE_NONE = 0,
  DECLINE_JUNK = 1,            // a byte outside a frame, or an incomplete frame at the end
  DECLINE_CHECKSUM = 2,        // a frame with a bad CRC-32 / Fletcher-32
  DECLINE_DUPLICATE = 3,       // a frame identical to the last one with its seq
  DECLINE_RESTART = 4,         // t_us went back (not a wrap): a new segment
  DECLINE_DESCRIPTOR = 5,      // a descriptor whose payload differs from the first one
  DECLINE_LAYOUT = 6,          // a sample whose FSR/IMU count or size differs from the descriptor's
  DECLINE_UNKNOWN_TYPE = 7,    // a frame of a type the decoder does not deliver
  DECLINE_CSV_FIELD = 8,       // a field off the fast path (quotes, words, long mantissa, exponent)
  DECLINE_CSV_ROW = 9,         // a row with another field count, or a cut last line
  DECLINE_CSV_TIME = 10,       // t_s missing, negative, not increasing, in the wrong unit, too long
  DECLINE_CSV_RANGE = 11,      // a value outside CSV_LIMITS
  DECLINE_CSV_SHORT = 12,      // fewer rows than the time-unit check needs (TIME_STEP_ROWS + 1)
};

/**
 * The calibrator of one descriptor, resolved by the TypeScript (calibrationPlan in
 * shared/engine/calibration.ts): where each channel goes and its constants.
 * Output slots: per hand 0 thumb, 1 knuckle, 2..4 accel x y z, 5..7 gyro x y z; right = +8;
 * slot 16 discards the value of an unusable FSR channel.
 */
struct CalPlan {
  int nFsr = 0, nImu = 0;  // nImu: IMUs (0..2), each 6 channels
  int fsrDest[16];
  double fsrP0[16], fsrP1[16], fsrP2[16];
  int imuDest[12];
  double imuScale[12], imuOffset[12], imuBias[12];
  int imuHand[2];         // 0 left, 1 right
  uint8_t imuUsable[2];   // 0: an unusable constant in this IMU, it counts as not valid
  int absent[16];         // slots no channel fills (NaN on every sample)
  int nAbsent = 0;
};

/**
 * Newtons for a raw count of FSR channel `ch` (the TypeScript's fsrNewtons, so that both use
 * the same Math.pow): called once per channel and count, the first time that count is seen.
 */
typedef double (*FsrNewtonsFn)(void* ctx, int ch, int raw);

/** The decoder's counters (DecoderCounters in shared/protocol/types.ts). */
struct RawCounters {
  double bytes = 0, frames = 0, crc_errors = 0, resyncs = 0, lost_frames = 0, junk_bytes = 0;
  double unknown_type = 0, duplicates = 0, restarts = 0;
};

/** Decodes, calibrates and pushes every sample of a whole capture; DECLINE_NONE or why not. */
int scoreRaw(const uint8_t* bytes, size_t n, const CalPlan& plan, FsrNewtonsFn fsr, void* ctx,
             Engine& engine, RawCounters& counters);

/** The CSV header as the TypeScript read it (CsvReader). */
struct CsvLayout {
  int nFields = 0;
  int8_t map[256];        // slot (CSV_COLUMNS index) per field, -1 ignored; nFields <= 256
  uint8_t delim = ',';
  bool decimalComma = false;
  bool gyroLeft = false, gyroRight = false;
};

struct CsvResult {
  double rows = 0, firstT = NAN, lastT = NAN;
};

/** Parses every row after the header (bytes start at the line after it) into the engine. */
int scoreCsvRows(const uint8_t* bytes, size_t n, const CsvLayout& layout, Engine& engine, CsvResult& out);

}  // namespace pijat
