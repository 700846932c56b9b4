// The pipeline's calibration lookup backed by the store: a glove's stored fit (pijat calibrate)
// is used whenever that glove's descriptor arrives. The store is opened only when a descriptor
// asks, and only if a store file exists, so scoring a file never creates one.
import { existsSync } from 'node:fs';
import type { DeviceCalibration } from '../../shared/engine/calibration';
import { parseDeviceCalibration } from '../../shared/engine/calibration-schema';
import { Store, resolveDataDir, storeFile } from '../store';

export interface CalibrationSource {
  lookup: (deviceId: number) => DeviceCalibration | undefined;
  close(): void;
}

/** From an open store (live, report, export). */
export function storeCalibration(store: Store): (deviceId: number) => DeviceCalibration | undefined {
  const cache = new Map<number, DeviceCalibration | undefined>();
  return (deviceId) => {
    if (!cache.has(deviceId)) {
      const rec = store.getCalibration(deviceId);
      cache.set(deviceId, rec ? parseDeviceCalibration(rec.data, `${store.file}: calibration of glove ${deviceId}`) : undefined);
    }
    return cache.get(deviceId);
  };
}

/** From the store in a data folder, opened on first use (score). */
export function lazyStoreCalibration(dataFlag?: string): CalibrationSource {
  const dir = resolveDataDir(dataFlag);
  let store: Store | null | undefined;
  let lookup: ((id: number) => DeviceCalibration | undefined) | undefined;
  return {
    lookup(deviceId) {
      if (store === undefined) {
        try {
          store = existsSync(storeFile(dir)) ? Store.open(dir, { create: false }) : null;
        } catch {
          store = null; // a store that cannot be read now only means no host calibration
        }
        if (store) lookup = storeCalibration(store);
      }
      return lookup?.(deviceId);
    },
    close() {
      store?.close();
    },
  };
}
