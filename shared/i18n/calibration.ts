// Messages of the FSR calibration fit (shared/engine/calibration.ts `fitFsr`), read by the
// instructor who calibrates a glove. `{name}` placeholders are filled by `both()` / `t()`.
import type { Entry } from './index';

export type FitRefusal =
  | 'too_few_loads'
  | 'bad_point'
  | 'below_tare'
  | 'not_monotonic'
  | 'implausible_exponent'
  | 'poor_fit'
  | 'large_residual';

export const FIT_MESSAGES: Record<FitRefusal | 'ok', Entry> = {
  ok: {
    id: 'Kalibrasi diterima: p0 = {p0} N, p1 = {p1}, tara = {p2}; R² = {r2}, galat terbesar {max_err} %.',
    en: 'Calibration accepted: p0 = {p0} N, p1 = {p1}, tare = {p2}; R² = {r2}, largest error {max_err} %.',
  },
  too_few_loads: {
    id: 'Hanya {n} beban berbeda; perlu minimal 3 beban berbeda di atas nol. Tambahkan beban lain (misalnya 2, 5 dan 10 N) lalu ulangi.',
    en: 'Only {n} distinct loads; at least 3 distinct loads above zero are needed. Add more loads (e.g. 2, 5 and 10 N) and repeat.',
  },
  bad_point: {
    id: 'Titik {index} tidak valid (raw {raw}, {newtons} N): raw harus 0-65535 dan gaya tidak negatif. Periksa data titik itu.',
    en: 'Point {index} is invalid (raw {raw}, {newtons} N): raw must be 0-65535 and the force not negative. Check that point.',
  },
  below_tare: {
    id: 'Beban {newtons} N terbaca {raw}, tidak di atas tara {p2}: sensor tidak merasakan beban. Periksa posisi beban di atas sensor dan kabelnya.',
    en: 'The {newtons} N load reads {raw}, not above the tare {p2}: the sensor does not feel the load. Check that the load sits on the sensor and the wiring.',
  },
  not_monotonic: {
    id: 'Bacaan tidak naik dengan beban ({newtons} N terbaca {raw}, lebih kecil dari beban sebelumnya). Ulangi pengukuran; beban mungkin tergelincir dari sensor.',
    en: 'Readings do not rise with the load ({newtons} N reads {raw}, less than the lighter load). Repeat the measurement; a load may have slipped off the sensor.',
  },
  implausible_exponent: {
    id: 'Eksponen p1 = {p1} tidak masuk akal untuk FSR (harus 0,2-5). Periksa resistor pembagi tegangan dan beban yang dipakai.',
    en: 'The exponent p1 = {p1} is implausible for an FSR (expected 0.2-5). Check the divider resistor and the loads used.',
  },
  poor_fit: {
    id: 'Kecocokan buruk: R² = {r2} (minimal {min_r2}). Ulangi pengukuran dengan beban yang diletakkan tepat di tengah sensor.',
    en: 'Poor fit: R² = {r2} (at least {min_r2} needed). Repeat the measurement with each load centred on the sensor.',
  },
  large_residual: {
    id: 'Galat terbesar {max_err} % pada {newtons} N (maksimal {limit} %). Ulangi titik itu atau periksa sensornya.',
    en: 'Largest error {max_err} % at {newtons} N (at most {limit} %). Repeat that point or check the sensor.',
  },
};

/** A stored calibration that does not validate (the store or a file). */
export const CALIBRATION_INVALID: Entry = {
  id: '{where}: kolom kalibrasi \'{field}\' tidak valid ({reason}); kalibrasi ulang sarung tangan ini atau hapus entri itu.',
  en: '{where}: calibration field \'{field}\' is invalid ({reason}); recalibrate the glove or remove that entry.',
};
