// Errors the store raises for things a user can fix (a wrong file, an unknown session).
// They carry an i18n entry so every front end can say it in the user's language;
// `message` is the English text for logs and other callers.
import { LocalizedError } from '../../shared/i18n/index';

export class StoreError extends LocalizedError {}
