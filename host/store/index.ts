// The session store (SQLite): see store.ts for the API and the durability choice.
export { Store, DEFAULT_STALE_MS, DIR_MODE, FILE_MODE, UNDO_MS, emptyDocumentation } from './store';
export type {
  CalibrationRecord, ChecklistEntry, Documentation, FrameChunk, OpenOptions, OutcomeRow, OutcomeSheet,
  Deleted, ImportResult, Session, SessionStatus, StartSession, Trainee, TraineeChange,
} from './store';
export { createRecorder, MAX_HELD_BYTES } from './recorder';
export type { Recorder, RecorderNotice, RecorderOptions } from './recorder';
export { RosterError, StoreError, diagnose, faultOf, faultWords } from './errors';
export type { RosterCode } from './errors';
export type { StoreFault } from './errors';
export { defaultDataDir, resolveDataDir, storeFile, STORE_FILE } from './paths';
export { SCHEMA_VERSION, APPLICATION_ID } from './schema';
