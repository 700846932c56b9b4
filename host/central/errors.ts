// Errors of the central database a user can fix (a bad URL, a refused connection, a role
// that is not a lab). They carry an i18n entry; `message` is the English text for logs.
import { LocalizedError } from '../../shared/i18n/index';

export class CentralError extends LocalizedError {}
