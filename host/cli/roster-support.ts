// What `pijat trainees` and `pijat sessions edit|delete|restore` share: finding a trainee by NIM
// or number, the text that names one, the local time of a deadline, and the confirmation a
// delete asks for (on a terminal) or requires as --yes (anywhere else).
import { createInterface } from 'node:readline';
import { t, type Lang } from '../../shared/i18n/index';
import { ROSTER_CLI as R } from '../../shared/i18n/roster';
import { validText } from '../../shared/roster-csv';
import { Store, resolveDataDir, type Session, type Trainee } from '../store';
import { UserError } from './errors';

/** Runs `body` on the store of the data folder `data` (made first with `create`), closed after. */
export function withStore<T>(data: string | undefined, create: boolean, body: (store: Store) => T): T {
  const store = Store.open(resolveDataDir(data), { create });
  try {
    return body(store);
  } finally {
    store.close();
  }
}

/** "3 Des 14:05" / "3 Dec 14:05", local time. */
export function shortTime(ms: number, lang: Lang): string {
  const d = new Date(ms);
  const month = t(R.months, lang).split(' ')[d.getMonth()];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getDate()} ${month} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "Siti (NIM 2101001, kelompok A)", with the parts a trainee has. */
export function whoText(x: Pick<Trainee, 'name' | 'nim' | 'cohort'>, lang: Lang): string {
  const p = { name: x.name, nim: x.nim ?? '', cohort: x.cohort ?? '' };
  if (x.nim && x.cohort) return t(R.who_nim_cohort, lang, p);
  if (x.nim) return t(R.who_nim, lang, p);
  if (x.cohort) return t(R.who_cohort, lang, p);
  return x.name;
}

/** "Siti, pre, 3 Des 14:05": a session as the confirmation names it. */
export function sessionText(s: Session, lang: Lang): { trainee: string; label: string; started: string } {
  return { trainee: s.trainee ?? '-', label: s.label ?? '-', started: shortTime(Date.parse(s.started), lang) };
}

/** A trainee named on the command line: by NIM first, else by number. */
export function findTraineeRef(store: Store, value: string): Trainee {
  const v = value.trim();
  const t = store.findTraineeByNim(v) ?? (/^[1-9][0-9]{0,14}$/.test(v) ? store.findTrainee(Number(v)) : undefined);
  if (!t) throw new UserError(R.no_trainee_ref, { value: v });
  return t;
}

/**
 * The number of a trainee to restore: a deleted one by NIM, else the number as given (the store
 * then says whether it is deleted, gone for good or unknown).
 */
export function restoreRef(store: Store, value: string): number {
  const v = value.trim();
  // A live trainee with that NIM first (the store then says it is not deleted; a deleted one
  // whose NIM was taken again could not be restored anyway), else the latest deleted one.
  const t = store.findTraineeByNim(v, true);
  if (t) return t.id;
  if (/^[1-9][0-9]{0,14}$/.test(v)) return Number(v);
  throw new UserError(R.no_trainee_ref, { value: v });
}

/** "12" -> 12, else a usage error naming the value. */
export function sessionNumber(value: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(value.trim())) throw new UserError(R.bad_session_number, { value });
  return Number(value.trim());
}

/** A name or cohort from an option, checked as the class server checks it. */
export function textOption(option: string, value: string | undefined, min: number, max: number, reason: string): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!validText(v, min, max)) throw new UserError(R.bad_text, { option, reason });
  return v;
}

/**
 * True when the user agreed (or gave --yes). On a terminal the question is asked on stderr; with
 * no terminal to ask on, --yes is required: a usage error (exit 2) says so.
 */
export async function confirmDelete(question: string, yes: boolean | undefined, command: string, lang: Lang): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) throw new UserError(R.confirm_needs_tty, { command });
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => {
    rl.question(question, resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  const ok = /^\s*(y|ya|yes)\s*$/i.test(answer);
  if (!ok) process.stderr.write(`${t(R.cancelled, lang)}\n`);
  return ok;
}
