// Errors the store raises for things a user can fix (a wrong file, an unknown session).
// They carry an i18n entry so every front end can say it in the user's language;
// `message` is the English text for logs and other callers.
import { fill, type Entry, type Params } from '../../shared/i18n/index';

export class StoreError extends Error {
  constructor(
    readonly entry: Entry,
    readonly params: Params = {},
  ) {
    super(fill(entry.en, params));
    this.name = 'StoreError';
  }
}
