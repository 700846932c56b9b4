// The store's schema as numbered migrations. `PRAGMA user_version` holds the number of the last
// migration applied; `PRAGMA application_id` marks the file as a Pijat store so that a foreign
// SQLite file is refused instead of being written into. Never edit a released migration: add one.
import type { Database } from 'better-sqlite3';
import { CHECKLIST_ITEMS, OUTCOME_ITEMS } from '../../shared/i18n/sop';

/** "PJAT" in ASCII. */
export const APPLICATION_ID = 0x504a4154;

export interface Migration {
  version: number;
  up: (db: Database) => void;
}

const V1 = `
CREATE TABLE trainees (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  cohort  TEXT,
  created TEXT NOT NULL
);

CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  trainee_id  INTEGER REFERENCES trainees(id) ON DELETE SET NULL,
  profile     TEXT NOT NULL,
  device_id   INTEGER,
  started     TEXT NOT NULL,
  ended       TEXT,
  status      TEXT NOT NULL CHECK (status IN ('live', 'complete', 'interrupted')),
  label       TEXT,
  source      TEXT NOT NULL,
  -- the mother (or practice partner) massaged; keys the outcome sheet
  client      TEXT,
  -- owner of a live session: process id, host name and last sign of life (ms since epoch)
  pid         INTEGER,
  host        TEXT,
  heartbeat   INTEGER,
  -- running totals of the raw chunks, kept in the same transaction as each chunk
  chunks      INTEGER NOT NULL DEFAULT 0,
  bytes       INTEGER NOT NULL DEFAULT 0,
  frames      INTEGER NOT NULL DEFAULT 0,
  recorded_s  REAL NOT NULL DEFAULT 0
);
CREATE INDEX sessions_trainee ON sessions(trainee_id);
CREATE INDEX sessions_status ON sessions(status);

-- The exact wire bytes as received, in chunks of at most ~0.5 s (t0_s/t1_s: host seconds
-- since the session started when the chunk's first and last bytes arrived).
CREATE TABLE frames (
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  t0_s       REAL NOT NULL,
  t1_s       REAL NOT NULL,
  frames     INTEGER,
  bytes      BLOB NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;

CREATE TABLE scores (
  session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  profile    TEXT NOT NULL,
  total      REAL,
  verdict    TEXT NOT NULL,
  report     TEXT NOT NULL,
  scored     TEXT NOT NULL
);

CREATE TABLE checklist_items (
  id       TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  phase    TEXT NOT NULL,
  label_id TEXT NOT NULL,
  label_en TEXT NOT NULL,
  source   TEXT NOT NULL
);

CREATE TABLE checklist (
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  item_id    TEXT NOT NULL REFERENCES checklist_items(id),
  done       INTEGER NOT NULL CHECK (done IN (0, 1)),
  updated    TEXT NOT NULL,
  PRIMARY KEY (session_id, item_id)
);

-- Seed 003, "Dokumentasi": time and duration, mother's response, change in milk, follow-up.
CREATE TABLE documentation (
  session_id      INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  massage_at      TEXT,
  duration_min    REAL,
  mother_response TEXT,
  milk_change     TEXT,
  follow_up       TEXT,
  updated         TEXT NOT NULL
);

CREATE TABLE outcome_items (
  id       TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  label_id TEXT NOT NULL,
  label_en TEXT NOT NULL,
  source   TEXT NOT NULL
);

-- Seed 000's observation sheet: per client, items x days 1-3, yes (1) / no (0).
CREATE TABLE outcomes (
  client  TEXT NOT NULL,
  day     INTEGER NOT NULL CHECK (day BETWEEN 1 AND 3),
  item_id TEXT NOT NULL REFERENCES outcome_items(id),
  yes     INTEGER NOT NULL CHECK (yes IN (0, 1)),
  updated TEXT NOT NULL,
  PRIMARY KEY (client, day, item_id)
);

-- Host-side FSR calibration per glove (device_id from the descriptor), as JSON.
CREATE TABLE calibration (
  device_id INTEGER PRIMARY KEY,
  data      TEXT NOT NULL,
  saved     TEXT NOT NULL
);
`;

function seedForms(db: Database): void {
  const item = db.prepare(
    `INSERT INTO checklist_items (id, position, phase, label_id, label_en, source) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET position = excluded.position, phase = excluded.phase,
       label_id = excluded.label_id, label_en = excluded.label_en, source = excluded.source`,
  );
  CHECKLIST_ITEMS.forEach((c, i) => item.run(c.id, i + 1, c.phase, c.label.id, c.label.en, c.source));
  const outcome = db.prepare(
    `INSERT INTO outcome_items (id, position, label_id, label_en, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET position = excluded.position, label_id = excluded.label_id,
       label_en = excluded.label_en, source = excluded.source`,
  );
  OUTCOME_ITEMS.forEach((o, i) => outcome.run(o.id, i + 1, o.label.id, o.label.en, o.source));
}

// A UUID v4 made by SQLite itself, so that every insert path gets one at creation.
const UUID_SQL = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
  substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
  substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;

// Version 2: a global id per trainee and session (the key in a central database, see
// docs/CENTRAL.md) and a change log the incremental sync reads. Triggers fill both, so the
// store's insert and update statements stay as they were. Chunk appends and heartbeats are not
// logged (they would add a row per half second); a session is logged again when it ends.
const V2 = `
ALTER TABLE trainees ADD COLUMN uuid TEXT;
ALTER TABLE sessions ADD COLUMN uuid TEXT;
UPDATE trainees SET uuid = ${UUID_SQL} WHERE uuid IS NULL;
UPDATE sessions SET uuid = ${UUID_SQL} WHERE uuid IS NULL;
CREATE UNIQUE INDEX trainees_uuid ON trainees(uuid);
CREATE UNIQUE INDEX sessions_uuid ON sessions(uuid);
CREATE TRIGGER trainees_uuid AFTER INSERT ON trainees WHEN NEW.uuid IS NULL
  BEGIN UPDATE trainees SET uuid = ${UUID_SQL} WHERE id = NEW.id; END;
CREATE TRIGGER sessions_uuid AFTER INSERT ON sessions WHEN NEW.uuid IS NULL
  BEGIN UPDATE sessions SET uuid = ${UUID_SQL} WHERE id = NEW.id; END;

CREATE TABLE sync_changes (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  kind   TEXT NOT NULL CHECK (kind IN ('trainee', 'session')),
  row_id INTEGER NOT NULL
);
-- What was sent where: one row per central database (host, port, database, lab).
CREATE TABLE sync_state (
  target    TEXT PRIMARY KEY,
  last_seq  INTEGER NOT NULL DEFAULT 0,
  synced    TEXT,
  sessions  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_changes (kind, row_id) SELECT 'trainee', id FROM trainees ORDER BY id;
INSERT INTO sync_changes (kind, row_id) SELECT 'session', id FROM sessions ORDER BY id;

CREATE TRIGGER trainees_log_ins AFTER INSERT ON trainees
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('trainee', NEW.id); END;
CREATE TRIGGER trainees_log_upd AFTER UPDATE OF name, cohort ON trainees
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('trainee', NEW.id); END;
CREATE TRIGGER sessions_log_ins AFTER INSERT ON sessions
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('session', NEW.id); END;
CREATE TRIGGER sessions_log_upd AFTER UPDATE OF trainee_id, profile, device_id, ended, status, label, client ON sessions
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('session', NEW.id); END;
${['scores', 'checklist', 'documentation']
  .map((t) => ['INSERT', 'UPDATE', 'DELETE'].map((op) => {
    const row = op === 'DELETE' ? 'OLD' : 'NEW';
    return `CREATE TRIGGER ${t}_log_${op.toLowerCase()} AFTER ${op} ON ${t}
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('session', ${row}.session_id); END;`;
  }).join('\n'))
  .join('\n')}
`;

// Version 3: a class roster. A student number (NIM) per trainee, unique among the trainees not
// deleted; names may repeat (two students called Siti). Trainees and sessions are deleted softly
// (deleted_at, ms since the epoch) and purged for good when the undo window has passed
// (store.ts). Dropping UNIQUE from trainees.name needs a rebuild of the table: made anew under
// the old name so that sessions.trainee_id keeps its foreign key, rows copied with their ids and
// global ids, the v2 triggers and index made again. Runs with foreign keys off (migrate() turns
// them off around migrations), else dropping the old table would clear every session's trainee.
const V3 = `
CREATE TABLE trainees_v3 (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL,
  cohort     TEXT,
  created    TEXT NOT NULL,
  uuid       TEXT,
  nim        TEXT,
  deleted_at INTEGER
);
INSERT INTO trainees_v3 (id, name, cohort, created, uuid) SELECT id, name, cohort, created, uuid FROM trainees ORDER BY id;
DROP TABLE trainees;
ALTER TABLE trainees_v3 RENAME TO trainees;
CREATE UNIQUE INDEX trainees_uuid ON trainees(uuid);
CREATE UNIQUE INDEX trainees_nim ON trainees(nim) WHERE nim IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX trainees_name ON trainees(name);
CREATE TRIGGER trainees_uuid AFTER INSERT ON trainees WHEN NEW.uuid IS NULL
  BEGIN UPDATE trainees SET uuid = ${UUID_SQL} WHERE id = NEW.id; END;
CREATE TRIGGER trainees_log_ins AFTER INSERT ON trainees
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('trainee', NEW.id); END;
CREATE TRIGGER trainees_log_upd AFTER UPDATE OF name, cohort, nim, deleted_at ON trainees
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('trainee', NEW.id); END;

ALTER TABLE sessions ADD COLUMN deleted_at INTEGER;
CREATE INDEX sessions_deleted ON sessions(deleted_at) WHERE deleted_at IS NOT NULL;
DROP TRIGGER sessions_log_upd;
-- A restored session is logged again, so a sync that skipped it while deleted sends it after all.
CREATE TRIGGER sessions_log_upd AFTER UPDATE OF trainee_id, profile, device_id, ended, status, label, client, deleted_at ON sessions
  BEGIN INSERT INTO sync_changes (kind, row_id) VALUES ('session', NEW.id); END;

-- Rows purged after their undo window, kept a week: a late restore is told "expired", not
-- "unknown". Nothing of it is sent to a central database (docs/CENTRAL.md).
CREATE TABLE purged (
  kind      TEXT NOT NULL CHECK (kind IN ('trainee', 'session')),
  row_id    INTEGER NOT NULL,
  uuid      TEXT,
  purged_at INTEGER NOT NULL,
  PRIMARY KEY (kind, row_id)
);
`;

// Version 4: a session number is never given twice. sessions.id has no AUTOINCREMENT (v1), so
// once the newest session was purged the next one took its number, and a printed report or an
// undo command then named another session. The highest number ever given is kept here, and new
// sessions take the next one (store.ts insertSession).
const V4 = `
CREATE TABLE id_marks (
  kind    TEXT PRIMARY KEY,
  last_id INTEGER NOT NULL
);
INSERT INTO id_marks (kind, last_id) SELECT 'session', MAX(
  COALESCE((SELECT MAX(id) FROM sessions), 0),
  COALESCE((SELECT MAX(row_id) FROM purged WHERE kind = 'session'), 0));
CREATE TRIGGER sessions_mark AFTER INSERT ON sessions
  BEGIN UPDATE id_marks SET last_id = MAX(last_id, NEW.id) WHERE kind = 'session'; END;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: (db) => {
      db.exec(V1);
      seedForms(db);
    },
  },
  {
    version: 2,
    up: (db) => db.exec(V2),
  },
  {
    version: 3,
    up: (db) => {
      db.exec(V3);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`schema 3: ${broken.length} broken references after the trainees rebuild`);
    },
  },
  {
    version: 4,
    up: (db) => db.exec(V4),
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** What a file says it is: its application id, its schema version and how many tables it holds. */
export interface StoreIdentity {
  appId: number;
  version: number;
  tables: number;
}

/**
 * Reads the identity in one read transaction. Two processes opening a new store at the same
 * instant both find an empty file; the first to migrate commits its tables and its id together,
 * and read one statement at a time the other could see the id from before that commit and the
 * tables from after it: a Pijat store taken for another program's database.
 */
export function readIdentity(db: Database): StoreIdentity {
  return db.transaction((): StoreIdentity => ({
    // The first statement is where a file that is not SQLite fails ("file is not a database").
    appId: db.pragma('application_id', { simple: true }) as number,
    version: db.pragma('user_version', { simple: true }) as number,
    tables: (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n,
  }))();
}
