// Transport problems a user can fix (missing port, no permission, bad file). Carries an i18n
// entry so the CLI (host/cli/errors.ts) says it in the user's language and exits with code 2.
import { LocalizedError } from '../../shared/i18n/index';

export class TransportError extends LocalizedError {}
