// The session store (SQLite): see store.ts for the API and the durability choice.
export { Store, DEFAULT_STALE_MS, emptyDocumentation } from './store';
export type {
  CalibrationRecord, ChecklistEntry, Documentation, FrameChunk, OpenOptions, OutcomeRow, OutcomeSheet,
  Session, SessionStatus, StartSession, Trainee,
} from './store';
export { createRecorder } from './recorder';
export type { Recorder, RecorderOptions } from './recorder';
export { StoreError } from './errors';
export { defaultDataDir, resolveDataDir, storeFile, STORE_FILE } from './paths';
export { SCHEMA_VERSION, APPLICATION_ID } from './schema';
