// Session edits the class server needs that the store (host/store) does not offer yet: a label
// and a trainee set after the session started. Kept here, small, until the store has them.
import type { Store } from '../store/index';

export function setSessionLabel(store: Store, sessionId: number, label: string | null): void {
  store.db.prepare('UPDATE sessions SET label = ? WHERE id = ?').run(label, sessionId);
}

export function setSessionTrainee(store: Store, sessionId: number, traineeId: number | null): void {
  store.db.prepare('UPDATE sessions SET trainee_id = ? WHERE id = ?').run(traineeId, sessionId);
}
