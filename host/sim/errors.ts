// Bad simulator input a user can fix (unknown scenario, bad rate). Carries an i18n entry so the
// CLI (host/cli/errors.ts) says it in the user's language and exits with code 2; no Node APIs,
// because the pages bundle the simulator too.
import { fill, type Entry, type Params } from '../../shared/i18n/index';

export class SimError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly entry: Entry,
    readonly params: Params = {},
  ) {
    super(fill(entry.en, params));
    this.name = 'SimError';
  }
}
