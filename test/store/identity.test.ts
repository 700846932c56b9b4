// Two processes creating one store at the same instant: the one reading the file's identity
// while the other commits its first migration must see the file from before that commit or from
// after it. The id from before and the tables from after made a new Pijat store look like
// another program's database ("two writers on one store" failed so, once in many runs). Here
// the other writer's commit is made to land between the reads.
import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, readIdentity } from '../../host/store/schema';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function freshFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pijat-identity-'));
  dirs.push(dir);
  const file = join(dir, 'pijat.sqlite');
  closeSync(openSync(file, 'a')); // as Store.openFile makes it: an empty file
  return file;
}

/** `db`, with `between` run once right after its first pragma call returns. */
function withCommitAfterFirstPragma(db: Database.Database, between: () => void): Database.Database {
  let done = false;
  return new Proxy(db, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (prop === 'pragma') {
        return (...args: Parameters<Database.Database['pragma']>) => {
          const r = target.pragma(...args);
          if (!done) { done = true; between(); }
          return r;
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('reading a store file\'s identity', () => {
  it('sees the other process\'s first migration whole or not at all', () => {
    const file = freshFile();
    const reader = new Database(file, { timeout: 5000 });
    const writer = new Database(file, { timeout: 50 });
    let committed = false;
    let busy = false;
    const db = withCommitAfterFirstPragma(reader, () => {
      try {
        writer.transaction(() => {
          writer.exec('CREATE TABLE trainees (id INTEGER PRIMARY KEY)');
          writer.pragma(`application_id = ${APPLICATION_ID}`);
        }).immediate();
        committed = true;
      } catch (err) {
        busy = (err as { code?: string }).code === 'SQLITE_BUSY';
      }
    });
    const id = readIdentity(db);
    reader.close();
    writer.close();
    // The reader's snapshot holds the writer's commit off until the reads are done.
    expect(committed).toBe(false);
    expect(busy).toBe(true);
    expect([id.appId, id.tables]).toEqual([0, 0]);
  });
});
