// The two file readers of `pijat score` on their common path (readers.h): a port, operation
// for operation, of shared/protocol/decoder.ts (scan, deliver, track, lenFitsType, crc32.ts,
// fletcher32.ts), of the raw half of shared/pipeline.ts (handle, scoreSample) with the
// calibrate closure of shared/engine/calibration.ts, and of host/io/csv.ts CsvReader's rows
// (push, line, row, checkSteps). Every value is computed with the same double operations in
// the same order as the TypeScript, so each sample is the same bits. Whatever would take the
// TypeScript off its common path returns a Decline code at once; the caller then scores the
// whole file with the TypeScript (the samples already pushed are thrown away with the engine).
#include "readers.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

// `a * b + c` must stay two roundings, as in JavaScript: no fused multiply-add.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace pijat {
namespace {

// ------------------------------------------------------------------ protocol constants
// shared/protocol/constants.ts
constexpr uint8_t SYNC = 0xa5;
constexpr int HEADER_SIZE = 10;
constexpr int LEN_OVERHEAD = 7;
constexpr int FRAME_OVERHEAD = 7;
constexpr int MIN_LEN = 7;
constexpr int MAX_LEN = 1024;
constexpr int MSG_DESCRIPTOR = 0x01;
constexpr int MSG_SAMPLE = 0x02;
constexpr int MSG_STATUS = 0x03;
constexpr int MSG_COMMAND = 0x10;
constexpr int MSG_ACK = 0x11;
constexpr int DESCRIPTOR_HEADER_SIZE = 14;
constexpr int CHANNEL_ENTRY_SIZE = 16;
constexpr int STATUS_PAYLOAD_SIZE = 8;
constexpr int ACK_PAYLOAD_SIZE = 4;
constexpr int MAX_COUNTED_GAP = 30000;
constexpr int KIND_FSR = 1, KIND_ACCEL = 2, KIND_GYRO = 3;
// shared/protocol/decoder.ts
constexpr double TWO_POW_32 = 4294967296.0;
constexpr double WRAP_WINDOW_US = 60000000.0;
constexpr int DUP_WINDOW = 65536;
constexpr int MAX_SAMPLE_PAYLOAD = 2 + 2 * 15 + 14 * 2;
constexpr uint8_t TYPE_FLETCHER = 0x80;
constexpr uint8_t LAYOUT_RAW_IMU = 0x80;
constexpr int RAW_IMU_AXES[6] = {0, 2, 4, 8, 10, 12};
// shared/engine/calibration.ts
constexpr int SLOTS = 16;
constexpr int DISCARD = SLOTS;

inline uint32_t le32(const uint8_t* p) {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}

// ------------------------------------------------------------------ CRC-32, Fletcher-32
// zlib/IEEE, reflected 0xEDB88320 (crc32.ts); here slice-by-8, the same function.
struct CrcTables {
  uint32_t t[8][256];
};

constexpr CrcTables makeCrcTables() {
  CrcTables r{};
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    r.t[0][n] = c;
  }
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = r.t[0][n];
    for (int s = 1; s < 8; s++) {
      c = r.t[0][c & 0xff] ^ (c >> 8);
      r.t[s][n] = c;
    }
  }
  return r;
}

constexpr CrcTables CRC = makeCrcTables();

/** CRC-32 of p[0, n). */
uint32_t crc32(const uint8_t* p, size_t n) {
  uint32_t c = 0xffffffffu;
  const auto& T = CRC.t;
  while (n >= 8) {
    const uint32_t a = le32(p) ^ c;
    const uint32_t b = le32(p + 4);
    c = T[7][a & 0xff] ^ T[6][(a >> 8) & 0xff] ^ T[5][(a >> 16) & 0xff] ^ T[4][a >> 24] ^
        T[3][b & 0xff] ^ T[2][(b >> 8) & 0xff] ^ T[1][(b >> 16) & 0xff] ^ T[0][b >> 24];
    p += 8;
    n -= 8;
  }
  while (n--) c = T[0][(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}

/** Fletcher-32 of buf[start, end) (fletcher32.ts); the count is even. */
uint32_t fletcher32(const uint8_t* buf, size_t start, size_t end) {
  uint64_t s1 = 0, s2 = 0;
  size_t i = start;
  while (i < end) {
    const size_t stop = std::min(end, i + 2 * 359);
    for (; i < stop; i += 2) {
      s1 += uint32_t(buf[i]) | (uint32_t(buf[i + 1]) << 8);
      s2 += s1;
    }
    s1 %= 65535;
    s2 %= 65535;
  }
  return uint32_t(s2 * 65536 + s1);
}

/** decoder.ts lenFitsType. */
bool lenFitsType(int type, int len) {
  const int payload = len - LEN_OVERHEAD;
  switch (type) {
    case MSG_DESCRIPTOR:
      return payload >= DESCRIPTOR_HEADER_SIZE && (payload - DESCRIPTOR_HEADER_SIZE) % CHANNEL_ENTRY_SIZE == 0;
    case MSG_SAMPLE:
      return payload >= 2 && payload <= MAX_SAMPLE_PAYLOAD && (payload & 1) == 0;
    case MSG_STATUS:
      return payload == STATUS_PAYLOAD_SIZE;
    case MSG_COMMAND:
      return payload >= 1;
    case MSG_ACK:
      return payload == ACK_PAYLOAD_SIZE;
    default:
      return true;
  }
}

inline bool sameBits(double a, double b) {
  if (a != a && b != b) return true;  // Object.is: every NaN is the same
  return std::memcmp(&a, &b, sizeof a) == 0;
}

inline double f32le(const uint8_t* p) {
  const uint32_t u = le32(p);
  float f;
  std::memcpy(&f, &u, sizeof f);
  return double(f);
}

/** The plan's own consistency: every index in range (a caller's mistake must not write anywhere). */
bool planInRange(const CalPlan& pl) {
  if (pl.nFsr < 0 || pl.nFsr > 15 || pl.nImu < 0 || pl.nImu > 2) return false;
  if (pl.nAbsent < 0 || pl.nAbsent > SLOTS) return false;
  for (int i = 0; i < pl.nFsr; i++) if (pl.fsrDest[i] < 0 || pl.fsrDest[i] > DISCARD) return false;
  for (int k = 0; k < 6 * pl.nImu; k++) if (pl.imuDest[k] < 0 || pl.imuDest[k] >= SLOTS) return false;
  for (int j = 0; j < pl.nImu; j++) if (pl.imuHand[j] != 0 && pl.imuHand[j] != 1) return false;
  for (int a = 0; a < pl.nAbsent; a++) if (pl.absent[a] < 0 || pl.absent[a] >= SLOTS) return false;
  return true;
}

/**
 * The first descriptor frame's payload q[0, size): true when the decoder would deliver it
 * (decodeDescriptor: channel codes, then descriptor-check.ts descriptorProblem) and the plan is
 * the one calibrationPlan makes of it (destinations, hands, IMU constants, absent slots).
 */
bool descriptorMatchesPlan(const uint8_t* q, int size, const CalPlan& pl) {
  const int n = q[12];
  if (size != DESCRIPTOR_HEADER_SIZE + CHANNEL_ENTRY_SIZE * n) return false;
  int kind[256], hand[256], site[256];
  for (int k = 0, c = DESCRIPTOR_HEADER_SIZE; k < n; k++, c += CHANNEL_ENTRY_SIZE) {
    kind[k] = q[c];
    hand[k] = q[c + 1];
    site[k] = q[c + 2];
    const int unit = q[c + 3];
    // names.ts channelFromCodes
    if (kind[k] < 1 || kind[k] > 3 || unit != kind[k] || hand[k] > 1) return false;
    if (site[k] >= (kind[k] == KIND_FSR ? 2 : 3)) return false;
  }
  // descriptor-check.ts descriptorProblem
  int nFsr = 0;
  for (int k = 0; k < n; k++) if (kind[k] == KIND_FSR) nFsr++;
  const int nImuCh = n - nFsr;
  if (nFsr > 15 || nImuCh > 12) return false;
  for (int i = nFsr; i < n; i++) if (kind[i] == KIND_FSR) return false;
  if (nImuCh % 6 != 0) return false;
  for (int i = nFsr; i < n; i++) {
    const int r = (i - nFsr) % 6;
    if (kind[i] != (r < 3 ? KIND_ACCEL : KIND_GYRO) || site[i] != r % 3) return false;
    if (hand[i] != hand[i - r]) return false;
  }
  bool seen[32] = {};
  for (int k = 0; k < n; k++) {
    const int name = kind[k] * 8 + hand[k] * 4 + site[k];  // one name per (kind, hand, site)
    if (seen[name]) return false;
    seen[name] = true;
  }
  // calibrationPlan of this descriptor
  if (pl.nFsr != nFsr || pl.nImu != nImuCh / 6) return false;
  bool present[SLOTS] = {};
  for (int i = 0; i < nFsr; i++) {
    const int dest = hand[i] * 8 + site[i];
    if (pl.fsrDest[i] != dest && pl.fsrDest[i] != DISCARD) return false;
    if (pl.fsrDest[i] != DISCARD) present[dest] = true;
  }
  for (int k = 0; k < nImuCh; k++) {
    const int ch = nFsr + k;
    const int dest = hand[ch] * 8 + (kind[ch] == KIND_ACCEL ? 2 : 5) + site[ch];
    if (pl.imuDest[k] != dest) return false;
    present[dest] = true;
    const int c = DESCRIPTOR_HEADER_SIZE + CHANNEL_ENTRY_SIZE * ch;
    if (!sameBits(pl.imuScale[k], f32le(q + c + 4)) || !sameBits(pl.imuOffset[k], f32le(q + c + 8))) return false;
    if (k % 6 == 0 && pl.imuHand[k / 6] != hand[ch]) return false;
  }
  int a = 0;
  for (int s = 0; s < SLOTS; s++) {
    if (present[s]) continue;
    if (a >= pl.nAbsent || pl.absent[a] != s) return false;
    a++;
  }
  return a == pl.nAbsent;
}

struct RingEntry {
  int32_t seq1;  // seq + 1, 0 empty
  uint32_t tus, check;
};

}  // namespace

// ------------------------------------------------------------------ raw captures

int scoreRaw(const uint8_t* b, size_t n, const CalPlan& plan, FsrNewtonsFn fsrFn, void* ctx,
             Engine& engine, RawCounters& c) {
  c = RawCounters();
  c.bytes = double(n);
  if (!planInRange(plan)) return DECLINE_DESCRIPTOR;
  const int nFsr = plan.nFsr, nImu = plan.nImu;

  // Decoder state (decoder.ts)
  int prevSeq = -1;
  uint32_t prevTus = 0;
  double offsetUs = 0;
  struct Free {
    void operator()(void* p) const { std::free(p); }
  };
  std::unique_ptr<RingEntry, Free> ringOwner(static_cast<RingEntry*>(std::calloc(DUP_WINDOW, sizeof(RingEntry))));
  RingEntry* ring = ringOwner.get();
  if (!ring) return DECLINE_JUNK;  // out of memory: the TypeScript may do better

  // Pipeline state (pipeline.ts): the recording's time 0
  double origin = NAN;
  const uint8_t* firstDesc = nullptr;
  int firstDescSize = 0;

  // Calibrator state (calibration.ts createCalibrator)
  std::vector<float> tables(size_t(nFsr) * 65536, NAN);
  double v[SLOTS + 1] = {};
  SampleIn out;

  size_t i = 0;
  while (i < n) {
    // decoder.ts scan: anything but an intact frame right here is declined
    if (b[i] != SYNC || n - i < 4) return DECLINE_JUNK;
    const int len = b[i + 1] | (b[i + 2] << 8);
    const bool fletcher = (b[i + 3] & TYPE_FLETCHER) != 0;
    const int type = b[i + 3] & ~TYPE_FLETCHER & 0xff;
    if (len < MIN_LEN || len > MAX_LEN || !lenFitsType(type, len) ||
        (fletcher && (type == MSG_COMMAND || (len & 1) == 0)))
      return DECLINE_JUNK;
    const size_t size = size_t(len) + FRAME_OVERHEAD;
    if (n - i < size) return DECLINE_JUNK;
    const size_t crcAt = i + 3 + len;
    const uint32_t stored = le32(b + crcAt);
    const uint32_t check = fletcher ? fletcher32(b, i, crcAt) : crc32(b + i + 1, crcAt - (i + 1));
    if (check != stored) return DECLINE_CHECKSUM;
    c.frames++;
    const size_t at = i;
    i += size;

    // decoder.ts deliver
    if (type == MSG_COMMAND) continue;  // not tracked; the pipeline does nothing with it
    if (type != MSG_SAMPLE && type != MSG_DESCRIPTOR && type != MSG_STATUS && type != MSG_ACK)
      return DECLINE_UNKNOWN_TYPE;
    const int seq = b[at + 4] | (b[at + 5] << 8);
    const uint32_t t_us = le32(b + at + 6);
    const uint8_t* p = b + at + HEADER_SIZE;
    const int psize = len - LEN_OVERHEAD;

    // decoder.ts track (a duplicate or a restart is declined)
    RingEntry& slot = ring[seq & (DUP_WINDOW - 1)];
    if (prevSeq >= 0) {
      if (slot.seq1 == seq + 1 && slot.tus == t_us && slot.check == stored) return DECLINE_DUPLICATE;
      if (t_us < prevTus) {
        if (double(prevTus) >= TWO_POW_32 - WRAP_WINDOW_US && double(t_us) < WRAP_WINDOW_US) offsetUs += TWO_POW_32;
        else return DECLINE_RESTART;
      }
      const int gap = (seq - prevSeq - 1) & 0xffff;
      if (gap <= MAX_COUNTED_GAP) c.lost_frames += gap;
    }
    slot.seq1 = seq + 1;
    slot.tus = t_us;
    slot.check = stored;
    prevSeq = seq;
    prevTus = t_us;
    const double t_s = (offsetUs + double(t_us)) / 1e6;

    if (type == MSG_SAMPLE) {
      const int layout = p[0];
      const int sFsr = layout & 0x0f;
      const bool raw = (layout & LAYOUT_RAW_IMU) != 0;
      const int sImu = raw ? (layout >> 4) & 0x07 : layout >> 4;
      if (sImu > 2 || 2 + 2 * sFsr + (raw ? 14 : 12) * sImu != psize) return DECLINE_LAYOUT;
      // pipeline.ts handle / scoreSample; calibration.ts calibrate
      if (sFsr != nFsr || sImu != nImu) return DECLINE_LAYOUT;
      if (origin != origin) origin = t_s;
      for (int a = 0; a < plan.nAbsent; a++) v[plan.absent[a]] = NAN;
      const uint8_t* q = p + 2;
      for (int k = 0; k < nFsr; k++, q += 2) {
        const int dest = plan.fsrDest[k];
        if (dest == DISCARD) continue;  // its value would go to a slot never read
        const int rawCount = q[0] | (q[1] << 8);
        float* table = tables.data() + size_t(k) * 65536;
        double nv = table[rawCount];
        if (nv != nv) {
          nv = fsrFn(ctx, k, rawCount);
          table[rawCount] = float(nv);
        }
        v[dest] = nv;
      }
      const int flags = p[1];
      bool leftOk = false, rightOk = false;
      for (int j = 0; j < nImu; j++) {
        const bool ok = ((flags >> j) & 1) == 1 && plan.imuUsable[j] == 1;
        if (plan.imuHand[j] == 0) leftOk = ok;
        else rightOk = ok;
        const int k0 = j * 6;
        if (ok) {
          const uint8_t* blk = q + j * (raw ? 14 : 12);
          for (int a = 0; a < 6; a++) {
            const int k = k0 + a;
            const double count = raw ? double(int16_t(uint16_t((blk[RAW_IMU_AXES[a]] << 8) | blk[RAW_IMU_AXES[a] + 1])))
                                     : double(int16_t(uint16_t(blk[2 * a] | (blk[2 * a + 1] << 8))));
            v[plan.imuDest[k]] = (count - plan.imuOffset[k]) * plan.imuScale[k] - plan.imuBias[k];
          }
        } else {
          for (int k = k0; k < k0 + 6; k++) v[plan.imuDest[k]] = NAN;
        }
      }
      out.t_s = t_s - origin;
      HandIn& l = out.left;
      l.thumb_n = v[0]; l.knuckle_n = v[1]; l.imu_ok = leftOk;
      l.ax_g = v[2]; l.ay_g = v[3]; l.az_g = v[4]; l.gx_dps = v[5]; l.gy_dps = v[6]; l.gz_dps = v[7];
      HandIn& r = out.right;
      r.thumb_n = v[8]; r.knuckle_n = v[9]; r.imu_ok = rightOk;
      r.ax_g = v[10]; r.ay_g = v[11]; r.az_g = v[12]; r.gx_dps = v[13]; r.gy_dps = v[14]; r.gz_dps = v[15];
      engine.push(out);
    } else if (type == MSG_DESCRIPTOR) {
      if (firstDesc == nullptr) {
        // The descriptor the caller built the plan from (findDescriptor: the first intact one
        // the decoder delivers); anything else is the TypeScript's business.
        if (!descriptorMatchesPlan(p, psize, plan)) return DECLINE_DESCRIPTOR;
        firstDesc = p;
        firstDescSize = psize;
      } else if (psize != firstDescSize || std::memcmp(p, firstDesc, size_t(psize)) != 0) {
        return DECLINE_DESCRIPTOR;
      }
      if (origin != origin) origin = t_s;
    }
    // status, ack: delivered; the pipeline does nothing with them
  }
  // No descriptor at all: the plan did not come from this file.
  if (firstDesc == nullptr) return DECLINE_DESCRIPTOR;
  return DECLINE_NONE;
}

// ------------------------------------------------------------------ CSV rows

namespace {

constexpr uint8_t LF = 10, CR = 13, QUOTE = 34, SPACE = 32, TAB = 9, COMMA = 44, DOT = 46, MINUS = 45, PLUS = 43;
constexpr int N_SLOTS = 17;
constexpr int T = 0;
constexpr int MAX_DIGITS = 15;
constexpr int TIME_STEP_ROWS = 16;
constexpr double MAX_MEDIAN_STEP_S = 1;
constexpr double MAX_SESSION_S = 24 * 3600;
// 10 ** i, exact for i <= 22
constexpr double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
// CSV_LIMITS by KIND_OF_SLOT; t_s unbounded here
constexpr double LO[N_SLOTS] = {-INFINITY, -1, -1, -1, -1, -16, -16, -16, -2000, -2000, -2000,
                                -16, -16, -16, -2000, -2000, -2000};
constexpr double HI[N_SLOTS] = {INFINITY, 200, 200, 200, 200, 16, 16, 16, 2000, 2000, 2000,
                                16, 16, 16, 2000, 2000, 2000};

bool isBlank(const uint8_t* buf, size_t s, size_t e) {
  for (size_t i = s; i < e; i++) {
    const uint8_t c = buf[i];
    if (c != SPACE && c != TAB && c != CR) return false;
  }
  return true;
}

struct CsvState {
  const CsvLayout& L;
  Engine& engine;
  double vals[N_SLOTS];
  double prevT = -INFINITY, firstT = NAN;
  double steps[TIME_STEP_ROWS];
  double rows = 0;
  SampleIn smp;

  CsvState(const CsvLayout& l, Engine& e) : L(l), engine(e) {
    for (double& x : vals) x = NAN;
  }

  /** csv.ts checkSteps: false when the median step is not seconds at a glove's rate. */
  bool stepsOk(int n) const {
    if (n < 1) return true;
    double sorted[TIME_STEP_ROWS];
    std::copy(steps, steps + n, sorted);
    std::sort(sorted, sorted + n);
    const double step = (n & 1) ? sorted[n >> 1] : (sorted[(n >> 1) - 1] + sorted[n >> 1]) / 2;
    return !(step > MAX_MEDIAN_STEP_S);
  }

  /** csv.ts row(): buf[e] is CR or LF. */
  int row(const uint8_t* buf, size_t s, size_t e, bool last) {
    const int n = L.nFields;
    const uint8_t delim = L.delim;
    const bool decimalComma = L.decimalComma;
    size_t p = s;
    int field = 0;
    int bad = -1;
    for (;;) {
      const int slot = field < n ? L.map[field] : -1;
      size_t q = p;
      if (slot < 0) {
        while (q < e && buf[q] != delim) {
          if (buf[q] == QUOTE) return DECLINE_CSV_FIELD;
          q++;
        }
      } else {
        uint8_t c = buf[q];
        while (c == SPACE) c = buf[++q];
        const size_t numStart = q;
        bool neg = false;
        if (c == MINUS) {
          neg = true;
          c = buf[++q];
        } else if (c == PLUS) {
          c = buf[++q];
        }
        double mant = 0, exp = 0;
        const size_t d0 = q;
        while (c >= 48 && c <= 57) {
          mant = mant * 10 + (c - 48);
          c = buf[++q];
        }
        size_t digits = q - d0;
        if (c == DOT || (c == COMMA && decimalComma)) {
          c = buf[++q];
          const size_t f0 = q;
          while (c >= 48 && c <= 57) {
            mant = mant * 10 + (c - 48);
            c = buf[++q];
          }
          digits += q - f0;
          exp = double(f0) - double(q);
        }
        bool ok = digits > 0 && digits <= MAX_DIGITS;
        if (ok && (c | 32) == 101) {
          c = buf[++q];
          bool eneg = false;
          if (c == MINUS) {
            eneg = true;
            c = buf[++q];
          } else if (c == PLUS) {
            c = buf[++q];
          }
          double ev = 0;
          const size_t e0 = q;
          while (c >= 48 && c <= 57) {
            ev = ev * 10 + (c - 48);
            c = buf[++q];
          }
          if (q == e0) ok = false;
          exp += eneg ? -ev : ev;
        }
        while (c == SPACE) c = buf[++q];
        if (ok && (q == e || buf[q] == delim) && exp >= -22 && exp <= 22) {
          const double v = exp == 0 ? mant : exp > 0 ? mant * POW10[int(exp)] : mant / POW10[int(-exp)];
          const double x = neg ? -v : v;
          if ((x < LO[slot] || x > HI[slot]) && bad < 0) bad = slot;
          vals[slot] = x;
        } else if (digits == 0 && numStart == q && (q == e || buf[q] == delim)) {
          vals[slot] = NAN;  // empty field
        } else {
          return DECLINE_CSV_FIELD;  // the TypeScript's slow path
        }
      }
      field++;
      if (q >= e) break;
      p = q + 1;
    }
    if (field != n) return DECLINE_CSV_ROW;
    const double t = vals[T];
    if (t != t) return last ? DECLINE_CSV_ROW : DECLINE_CSV_TIME;
    if (!(t >= 0 && t < INFINITY)) return DECLINE_CSV_TIME;
    if (!(t > prevT)) return DECLINE_CSV_TIME;
    if (bad >= 0) return DECLINE_CSV_RANGE;
    if (rows == 0) {
      firstT = t;
    } else {
      if (rows <= TIME_STEP_ROWS) {
        steps[int(rows) - 1] = t - prevT;
        if (rows == TIME_STEP_ROWS && !stepsOk(TIME_STEP_ROWS)) return DECLINE_CSV_TIME;
      }
      if (t - firstT > MAX_SESSION_S) return DECLINE_CSV_TIME;
    }
    prevT = t;
    rows++;
    smp.t_s = t;
    HandIn& l = smp.left;
    HandIn& r = smp.right;
    l.thumb_n = vals[1]; r.thumb_n = vals[2]; l.knuckle_n = vals[3]; r.knuckle_n = vals[4];
    l.ax_g = vals[5]; l.ay_g = vals[6]; l.az_g = vals[7];
    l.gx_dps = vals[8]; l.gy_dps = vals[9]; l.gz_dps = vals[10];
    r.ax_g = vals[11]; r.ay_g = vals[12]; r.az_g = vals[13];
    r.gx_dps = vals[14]; r.gy_dps = vals[15]; r.gz_dps = vals[16];
    l.imu_ok = L.gyroLeft && l.gx_dps == l.gx_dps && l.gy_dps == l.gy_dps && l.gz_dps == l.gz_dps;
    r.imu_ok = L.gyroRight && r.gx_dps == r.gx_dps && r.gy_dps == r.gy_dps && r.gz_dps == r.gz_dps;
    engine.push(smp);
    return DECLINE_NONE;
  }

  /** csv.ts line() after the header; buf[le] is the LF. */
  int line(const uint8_t* buf, size_t s, size_t e, bool last) {
    if (e > s && buf[e - 1] == CR) e--;
    if (e == s || isBlank(buf, s, e) || buf[s] == 0x23 /* # comment */) return DECLINE_NONE;
    return row(buf, s, e, last);
  }
};

}  // namespace

int scoreCsvRows(const uint8_t* bytes, size_t n, const CsvLayout& layout, Engine& engine, CsvResult& out) {
  out = CsvResult();
  if (layout.nFields < 1 || layout.nFields > 256) return DECLINE_CSV_ROW;
  for (int f = 0; f < layout.nFields; f++) if (layout.map[f] < -1 || layout.map[f] >= N_SLOTS) return DECLINE_CSV_ROW;
  CsvState st(layout, engine);
  size_t s = 0;
  while (s < n) {
    const void* nl = std::memchr(bytes + s, LF, n - s);
    int r;
    if (nl != nullptr) {
      const size_t e = size_t(static_cast<const uint8_t*>(nl) - bytes);
      r = st.line(bytes, s, e, false);
      s = e + 1;
    } else {
      // The last line without its LF: the TypeScript appends one (end()).
      std::vector<uint8_t> c(bytes + s, bytes + n);
      c.push_back(LF);
      r = st.line(c.data(), 0, c.size() - 1, true);
      s = n;
    }
    if (r != DECLINE_NONE) return r;
  }
  // end(): no rows, or too few for the time-unit check
  if (st.rows <= TIME_STEP_ROWS) return DECLINE_CSV_SHORT;
  out.rows = st.rows;
  out.firstT = st.firstT;
  out.lastT = st.prevT;
  return DECLINE_NONE;
}

}  // namespace pijat
