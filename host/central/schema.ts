// The central database's schema, as numbered migrations applied by `pijat central init`.
// Everything lives in the schema `pijat`; `pijat.migrations` lists what has been applied.
// Never edit a released migration: add one.
//
// Roles: `pijat_lab` (a group; each lab logs in with its own member role, mapped to its code in
// pijat.labs) may insert and update its own lab's rows and read nothing else, enforced by
// row-level security; `pijat_analyst` (a group) reads everything and writes nothing. The owner
// (the administrator who ran init) bypasses row-level security as the tables' owner.
import type pg from 'pg';

export interface CentralMigration {
  version: number;
  sql: string;
}

const DATA_TABLES = ['trainees', 'sessions', 'reports', 'checklist', 'documentation', 'frames'] as const;

const V1 = `
CREATE SCHEMA IF NOT EXISTS pijat;

CREATE TABLE pijat.labs (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  role    name NOT NULL UNIQUE,
  site    text,
  created timestamptz NOT NULL DEFAULT now()
);

-- A trainee of one lab. name is null unless the lab synced with --with-names; pseudonym is
-- stable (lab code and the start of the trainee's global id) and the mapping stays in the lab.
CREATE TABLE pijat.trainees (
  uuid      uuid PRIMARY KEY,
  lab       text NOT NULL REFERENCES pijat.labs(code),
  pseudonym text NOT NULL,
  name      text,
  cohort    text,
  created   timestamptz NOT NULL
);
CREATE INDEX trainees_lab ON pijat.trainees(lab);
CREATE INDEX trainees_cohort ON pijat.trainees(cohort);

CREATE TABLE pijat.sessions (
  uuid         uuid PRIMARY KEY,
  lab          text NOT NULL REFERENCES pijat.labs(code),
  local_id     integer NOT NULL,
  trainee_uuid uuid REFERENCES pijat.trainees(uuid),
  profile      text NOT NULL,
  device_id    bigint,
  started      timestamptz NOT NULL,
  ended        timestamptz,
  status       text NOT NULL,
  label        text,
  source       text NOT NULL,
  client       text,
  chunks       integer NOT NULL,
  bytes        bigint NOT NULL,
  frames       bigint NOT NULL,
  recorded_s   double precision NOT NULL
);
CREATE INDEX sessions_lab ON pijat.sessions(lab);
CREATE INDEX sessions_trainee ON pijat.sessions(trainee_uuid);
CREATE INDEX sessions_started ON pijat.sessions(started);

CREATE TABLE pijat.reports (
  session_uuid uuid PRIMARY KEY REFERENCES pijat.sessions(uuid) ON DELETE CASCADE,
  lab          text NOT NULL REFERENCES pijat.labs(code),
  profile      text NOT NULL,
  total        double precision,
  verdict      text NOT NULL,
  report       jsonb NOT NULL,
  -- [[criterion id, score], ...] of the report, kept beside it so that the pooled cohort query
  -- does not read every whole report
  criteria     jsonb NOT NULL,
  scored       timestamptz NOT NULL
);
CREATE INDEX reports_lab ON pijat.reports(lab);

CREATE TABLE pijat.checklist (
  session_uuid uuid NOT NULL REFERENCES pijat.sessions(uuid) ON DELETE CASCADE,
  lab          text NOT NULL REFERENCES pijat.labs(code),
  item_id      text NOT NULL,
  done         boolean NOT NULL,
  updated      timestamptz NOT NULL,
  PRIMARY KEY (session_uuid, item_id)
);
CREATE INDEX checklist_lab ON pijat.checklist(lab);

CREATE TABLE pijat.documentation (
  session_uuid    uuid PRIMARY KEY REFERENCES pijat.sessions(uuid) ON DELETE CASCADE,
  lab             text NOT NULL REFERENCES pijat.labs(code),
  massage_at      text,
  duration_min    double precision,
  mother_response text,
  milk_change     text,
  follow_up       text,
  updated         timestamptz NOT NULL
);
CREATE INDEX documentation_lab ON pijat.documentation(lab);

-- The raw wire bytes, only when a lab syncs with --frames.
CREATE TABLE pijat.frames (
  session_uuid uuid NOT NULL REFERENCES pijat.sessions(uuid) ON DELETE CASCADE,
  lab          text NOT NULL REFERENCES pijat.labs(code),
  seq          integer NOT NULL,
  t0_s         double precision NOT NULL,
  t1_s         double precision NOT NULL,
  frames       integer,
  bytes        bytea NOT NULL,
  PRIMARY KEY (session_uuid, seq)
);

-- The lab of the connected role (null for any other role). SECURITY DEFINER: lab roles cannot
-- read pijat.labs itself.
CREATE FUNCTION pijat.my_lab() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pijat, pg_temp
  AS $$ SELECT code FROM pijat.labs WHERE role = session_user $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pijat_lab') THEN CREATE ROLE pijat_lab NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pijat_analyst') THEN CREATE ROLE pijat_analyst NOLOGIN; END IF;
END $$;

REVOKE ALL ON SCHEMA pijat FROM PUBLIC;
REVOKE ALL ON FUNCTION pijat.my_lab() FROM PUBLIC;
GRANT USAGE ON SCHEMA pijat TO pijat_lab, pijat_analyst;
GRANT EXECUTE ON FUNCTION pijat.my_lab() TO pijat_lab, pijat_analyst;
GRANT SELECT ON pijat.labs TO pijat_analyst;
GRANT SELECT ON pijat.migrations TO pijat_lab, pijat_analyst;
${DATA_TABLES.map(
  (t) => `
ALTER TABLE pijat.${t} ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE${t === 'checklist' || t === 'frames' ? ', DELETE' : ''} ON pijat.${t} TO pijat_lab;
GRANT SELECT ON pijat.${t} TO pijat_analyst;
CREATE POLICY ${t}_own_lab ON pijat.${t} TO pijat_lab
  USING (lab = pijat.my_lab()) WITH CHECK (lab = pijat.my_lab());
CREATE POLICY ${t}_analyst ON pijat.${t} FOR SELECT TO pijat_analyst USING (true);`,
).join('\n')}
`;

export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [{ version: 1, sql: V1 }];
export const CENTRAL_SCHEMA_VERSION = CENTRAL_MIGRATIONS[CENTRAL_MIGRATIONS.length - 1]!.version;

/** The applied version (0: never initialised), without changing anything. */
export async function centralVersion(c: pg.PoolClient | pg.Client): Promise<number> {
  const r = await c.query<{ v: number | null }>(
    `SELECT CASE WHEN to_regclass('pijat.migrations') IS NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM pijat.migrations) END AS v`,
  );
  return Number(r.rows[0]?.v ?? 0);
}

/**
 * Applies the missing migrations, each in its own transaction; concurrent runs wait on an
 * advisory lock. Returns the versions applied (empty when already up to date).
 */
export async function migrateCentral(c: pg.PoolClient | pg.Client): Promise<{ from: number; applied: number[] }> {
  await c.query('SELECT pg_advisory_lock(hashtext($1))', ['pijat.migrate']);
  try {
    await c.query('CREATE SCHEMA IF NOT EXISTS pijat');
    await c.query('CREATE TABLE IF NOT EXISTS pijat.migrations (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())');
    const from = await centralVersion(c);
    const applied: number[] = [];
    for (const m of CENTRAL_MIGRATIONS) {
      if (m.version <= from) continue;
      await c.query('BEGIN');
      try {
        await c.query(m.sql);
        await c.query('INSERT INTO pijat.migrations (version) VALUES ($1)', [m.version]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
      applied.push(m.version);
    }
    return { from, applied };
  } finally {
    await c.query('SELECT pg_advisory_unlock(hashtext($1))', ['pijat.migrate']);
  }
}
