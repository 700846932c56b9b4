// Bad simulator input a user can fix (unknown scenario, bad rate). Carries an i18n entry so the
// CLI (host/cli/errors.ts) says it in the user's language and exits with code 2; no Node APIs,
// because the pages bundle the simulator too.
import { LocalizedError } from '../../shared/i18n/index';

export class SimError extends LocalizedError {}
