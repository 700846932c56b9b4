// Node-API glue of the compiled scorer: two functions that score a whole file held in memory and
// return the engine's totals packed in a Float64Array (layout: host/native/score-native.ts,
// which unpacks them), or the Decline number (readers.h) when the file is off the common path.
#include <node_api.h>

#include <cstring>

#if !defined(_WIN32)
#include <sys/mman.h>
#include <sys/stat.h>
#endif

#include "engine.h"
#include "readers.h"

using namespace pijat;

namespace {

// Layout of the result (keep in step with host/native/score-native.ts).
constexpr int HEAD = 23;  // decline, 13 engine totals, 9 format values
constexpr int PER_GAP = 2;
constexpr int PER_PASS = 29;

bool typed(napi_env env, napi_value v, napi_typedarray_type want, void** data, size_t* length) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type type;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, length, data, &ab, &offset) != napi_ok) return false;
  return type == want;
}

napi_value fail(napi_env env, const char* what) {
  napi_throw_type_error(env, nullptr, what);
  return nullptr;
}

napi_value number(napi_env env, double x) {
  napi_value v;
  napi_create_double(env, x, &v);
  return v;
}

bool params(napi_env env, napi_value v, EngineParams& p) {
  void* data;
  size_t n;
  if (!typed(env, v, napi_float64_array, &data, &n) || n != 7) return false;
  const double* d = static_cast<const double*>(data);
  p = EngineParams{d[0], d[1], d[2], d[3], d[4], d[5], d[6]};
  return true;
}

void putForce(double*& o, const ForceAcc& f) {
  *o++ = f.press_s; *o++ = f.sum; *o++ = f.sumSq; *o++ = f.max; *o++ = f.inBand_s;
}

void putCadence(double*& o, const CadenceAcc& c) {
  *o++ = c.circles; *o++ = c.n; *o++ = c.sum; *o++ = c.sumSq; *o++ = c.evidence;
}

/** The packed result: the engine's totals, then `format` (9 values), the gaps and the passes. */
napi_value pack(napi_env env, const EngineResult& r, const double format[9]) {
  const size_t n = HEAD + PER_GAP * r.gaps.size() + PER_PASS * r.passes.size();
  void* data;
  napi_value ab, out;
  if (napi_create_arraybuffer(env, n * sizeof(double), &data, &ab) != napi_ok) return nullptr;
  double* o = static_cast<double*>(data);
  *o++ = 0;
  *o++ = r.samples; *o++ = r.skipped; *o++ = r.t0; *o++ = r.lastT;
  *o++ = r.tooHardEvents; *o++ = r.gapCount; *o++ = r.gapTotal;
  *o++ = r.startFragment; *o++ = r.endFragment;
  *o++ = r.sawImuLeft ? 1 : 0; *o++ = r.sawImuRight ? 1 : 0;
  *o++ = static_cast<double>(r.gaps.size()); *o++ = static_cast<double>(r.passes.size());
  for (int i = 0; i < 9; i++) *o++ = format[i];
  for (const GapOut& g : r.gaps) { *o++ = g.start_s; *o++ = g.duration_s; }
  for (const PassOut& p : r.passes) {
    *o++ = p.start; *o++ = p.end; *o++ = p.gap;
    *o++ = p.early; *o++ = p.late; *o++ = p.startInGap; *o++ = p.endInGap;
    putForce(o, p.stats.left); putForce(o, p.stats.right);
    putCadence(o, p.stats.cadLeft); putCadence(o, p.stats.cadRight);
    *o++ = p.stats.any_s; *o++ = p.stats.both_s;
  }
  if (napi_create_typedarray(env, napi_float64_array, n, ab, 0, &out) != napi_ok) return nullptr;
  return out;
}

// scoreCsv(bytes: Uint8Array, offset, map: Int8Array, delim, decimalComma, gyroLeft, gyroRight, params: Float64Array)
napi_value ScoreCsv(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 8) return fail(env, "scoreCsv: 8 arguments");
  void* bytes;
  size_t n;
  if (!typed(env, argv[0], napi_uint8_array, &bytes, &n)) return fail(env, "scoreCsv: bytes must be a Uint8Array");
  double offset;
  if (napi_get_value_double(env, argv[1], &offset) != napi_ok || !(offset >= 0) || offset > static_cast<double>(n)) return fail(env, "scoreCsv: offset");
  void* map;
  size_t nFields;
  if (!typed(env, argv[2], napi_int8_array, &map, &nFields)) return fail(env, "scoreCsv: map must be an Int8Array");
  if (nFields < 1 || nFields > 256) return number(env, DECLINE_CSV_ROW);  // a file with that many columns: the TypeScript reads it
  CsvLayout layout;
  layout.nFields = static_cast<int>(nFields);
  std::memcpy(layout.map, map, nFields);
  double delim;
  bool dc, gl, gr;
  if (napi_get_value_double(env, argv[3], &delim) != napi_ok || napi_get_value_bool(env, argv[4], &dc) != napi_ok ||
      napi_get_value_bool(env, argv[5], &gl) != napi_ok || napi_get_value_bool(env, argv[6], &gr) != napi_ok) {
    return fail(env, "scoreCsv: delim, decimalComma, gyroLeft, gyroRight");
  }
  layout.delim = static_cast<uint8_t>(delim);
  layout.decimalComma = dc;
  layout.gyroLeft = gl;
  layout.gyroRight = gr;
  EngineParams p;
  if (!params(env, argv[7], p)) return fail(env, "scoreCsv: params must be a Float64Array of 7");
  Engine engine(p);
  CsvResult res;
  const size_t off = static_cast<size_t>(offset);
  const int why = scoreCsvRows(static_cast<const uint8_t*>(bytes) + off, n - off, layout, engine, res);
  if (why != DECLINE_NONE) return number(env, why);
  const double format[9] = {res.rows, res.firstT, res.lastT, 0, 0, 0, 0, 0, 0};
  return pack(env, engine.finish(), format);
}

struct FsrCall {
  napi_env env;
  napi_value fn;
  napi_value self;
};

double fsrNewtons(void* ctx, int ch, int raw) {
  FsrCall* c = static_cast<FsrCall*>(ctx);
  napi_handle_scope scope;
  if (napi_open_handle_scope(c->env, &scope) != napi_ok) return NAN;
  napi_value args[2] = {number(c->env, ch), number(c->env, raw)};
  napi_value r;
  double x = NAN;
  if (napi_call_function(c->env, c->self, c->fn, 2, args, &r) != napi_ok || napi_get_value_double(c->env, r, &x) != napi_ok) x = NAN;
  napi_close_handle_scope(c->env, scope);
  return x;
}

bool field(napi_env env, napi_value obj, const char* name, napi_typedarray_type type, void** data, size_t* n) {
  napi_value v;
  return napi_get_named_property(env, obj, name, &v) == napi_ok && typed(env, v, type, data, n);
}

bool intField(napi_env env, napi_value obj, const char* name, int* out) {
  napi_value v;
  double x;
  if (napi_get_named_property(env, obj, name, &v) != napi_ok || napi_get_value_double(env, v, &x) != napi_ok) return false;
  *out = static_cast<int>(x);
  return true;
}

/** The CalibrationPlan of shared/engine/calibration.ts into a CalPlan; false when malformed. */
bool plan(napi_env env, napi_value obj, CalPlan& cp) {
  if (!intField(env, obj, "nFsr", &cp.nFsr) || !intField(env, obj, "nImu", &cp.nImu)) return false;
  if (cp.nFsr < 0 || cp.nFsr > 15 || cp.nImu < 0 || cp.nImu > 2) return false;
  const size_t nf = static_cast<size_t>(cp.nFsr), ni = static_cast<size_t>(cp.nImu) * 6, nh = static_cast<size_t>(cp.nImu);
  struct Arr { const char* name; napi_typedarray_type type; void* dst; size_t want; size_t size; };
  Arr arrs[] = {
    {"fsrDest", napi_int32_array, cp.fsrDest, nf, 4}, {"fsrP0", napi_float64_array, cp.fsrP0, nf, 8},
    {"fsrP1", napi_float64_array, cp.fsrP1, nf, 8}, {"fsrP2", napi_float64_array, cp.fsrP2, nf, 8},
    {"imuDest", napi_int32_array, cp.imuDest, ni, 4}, {"imuScale", napi_float64_array, cp.imuScale, ni, 8},
    {"imuOffset", napi_float64_array, cp.imuOffset, ni, 8}, {"imuBias", napi_float64_array, cp.imuBias, ni, 8},
    {"imuHand", napi_int32_array, cp.imuHand, nh, 4}, {"imuUsable", napi_uint8_array, cp.imuUsable, nh, 1},
  };
  for (const Arr& a : arrs) {
    void* data;
    size_t n;
    if (!field(env, obj, a.name, a.type, &data, &n) || n != a.want) return false;
    std::memcpy(a.dst, data, n * a.size);
  }
  void* data;
  size_t n;
  if (!field(env, obj, "absentSlots", napi_int32_array, &data, &n) || n > 16) return false;
  cp.nAbsent = static_cast<int>(n);
  std::memcpy(cp.absent, data, n * 4);
  for (int i = 0; i < cp.nFsr; i++) if (cp.fsrDest[i] < 0 || cp.fsrDest[i] > 16) return false;
  for (size_t k = 0; k < ni; k++) if (cp.imuDest[k] < 0 || cp.imuDest[k] > 15) return false;
  for (int i = 0; i < cp.nAbsent; i++) if (cp.absent[i] < 0 || cp.absent[i] > 15) return false;
  return true;
}

// scoreRaw(bytes: Uint8Array, plan: CalibrationPlan, params: Float64Array, fsrNewtons: (ch, raw) => number)
napi_value ScoreRaw(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_value self;
  if (napi_get_cb_info(env, info, &argc, argv, &self, nullptr) != napi_ok || argc != 4) return fail(env, "scoreRaw: 4 arguments");
  void* bytes;
  size_t n;
  if (!typed(env, argv[0], napi_uint8_array, &bytes, &n)) return fail(env, "scoreRaw: bytes must be a Uint8Array");
  CalPlan cp;
  if (!plan(env, argv[1], cp)) return fail(env, "scoreRaw: malformed calibration plan");
  EngineParams p;
  if (!params(env, argv[2], p)) return fail(env, "scoreRaw: params must be a Float64Array of 7");
  napi_valuetype t;
  if (napi_typeof(env, argv[3], &t) != napi_ok || t != napi_function) return fail(env, "scoreRaw: fsrNewtons must be a function");
  FsrCall call{env, argv[3], self};
  Engine engine(p);
  RawCounters c;
  const int why = scoreRaw(static_cast<const uint8_t*>(bytes), n, cp, fsrNewtons, &call, engine, c);
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return nullptr;
  if (why != DECLINE_NONE) return number(env, why);
  const double format[9] = {c.bytes, c.frames, c.crc_errors, c.resyncs, c.lost_frames, c.junk_bytes, c.unknown_type, c.duplicates, c.restarts};
  return pack(env, engine.finish(), format);
}

#if !defined(_WIN32)
void unmap(napi_env, void* data, void* hint) {
  munmap(data, reinterpret_cast<size_t>(hint));
}
#endif

// mapFile(fd): the whole file as a Uint8Array backed by the page cache (a private mapping: no
// copy, no zero-filled buffer to fault in; a write would go to a private copy), or null where
// that is not possible (Windows, an empty or special file, an error): the caller reads it.
// A file cut short by another program while it is being scored would end the process (SIGBUS),
// as with any mapped file; recordings are not rewritten in place.
napi_value MapFile(napi_env env, napi_callback_info info) {
  napi_value nothing;
  napi_get_null(env, &nothing);
#if defined(_WIN32)
  (void)info;
  return nothing;
#else
  size_t argc = 1;
  napi_value argv[1];
  double fd;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 1 ||
      napi_get_value_double(env, argv[0], &fd) != napi_ok) {
    return fail(env, "mapFile: a file descriptor");
  }
  struct stat st;
  if (fstat(static_cast<int>(fd), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) return nothing;
  const size_t size = static_cast<size_t>(st.st_size);
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, static_cast<int>(fd), 0);
  if (p == MAP_FAILED) return nothing;
  madvise(p, size, MADV_SEQUENTIAL);
  napi_value ab, out;
  if (napi_create_external_arraybuffer(env, p, size, unmap, reinterpret_cast<void*>(size), &ab) != napi_ok) {
    munmap(p, size);
    return nothing;
  }
  if (napi_create_typedarray(env, napi_uint8_array, size, ab, 0, &out) != napi_ok) return nothing;
  return out;
#endif
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_property_descriptor fns[] = {
    {"scoreCsv", nullptr, ScoreCsv, nullptr, nullptr, nullptr, napi_default, nullptr},
    {"scoreRaw", nullptr, ScoreRaw, nullptr, nullptr, nullptr, napi_default, nullptr},
    {"mapFile", nullptr, MapFile, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 3, fns);
  return exports;
}
