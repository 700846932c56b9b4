// Lab and analyst login roles in the central database (run by its administrator).
import type pg from 'pg';
import { CENTRAL as C } from '../../shared/i18n/central';
import { CentralError } from './errors';

const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/** The login role of a lab code: pijat_lab_<code> with '-' as '_'. */
export function labRole(code: string): string {
  return `pijat_lab_${code.replace(/-/g, '_')}`;
}

export function checkLabCode(code: string): void {
  if (!CODE.test(code)) throw new CentralError(C.bad_lab_code, { code });
}

async function upsertLoginRole(c: pg.PoolClient, role: string, password: string, group: string): Promise<void> {
  const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  await c.query(`${verb} ROLE ${c.escapeIdentifier(role)} LOGIN PASSWORD ${c.escapeLiteral(password)}`);
  await c.query(`GRANT ${group} TO ${c.escapeIdentifier(role)}`);
}

/** Creates (or updates the password and site of) a lab and its login role. */
export async function addLab(c: pg.PoolClient, code: string, password: string, site: string | null): Promise<string> {
  checkLabCode(code);
  const role = labRole(code);
  await c.query('BEGIN');
  try {
    await upsertLoginRole(c, role, password, 'pijat_lab');
    await c.query(
      `INSERT INTO pijat.labs (code, role, site) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET site = coalesce(excluded.site, pijat.labs.site)`,
      [code, role, site],
    );
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  }
  return role;
}

/** Creates (or updates the password of) a read-only analyst login role. */
export async function addAnalyst(c: pg.PoolClient, role: string, password: string): Promise<void> {
  if (!ROLE.test(role)) throw new CentralError(C.bad_role_name, { role });
  await upsertLoginRole(c, role, password, 'pijat_analyst');
}
