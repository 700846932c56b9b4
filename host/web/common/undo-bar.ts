// Asking before deleting, and the undo bar after: "Peserta dihapus · Urungkan", with the time
// left of the server's undo window. One bar at a time (a newer delete replaces it).
import { clock, lang } from './i18n';
import { el } from './dom';
import { rs } from './trainee-picker';
import { restoreSession, restoreTrainee, traineeLine, type Deleted } from './roster-api';

export { UNDO_MINUTES } from './roster-api';

/** A modal question; resolves true when the instructor confirms. */
export function confirmDialog(title: string, lines: string[], confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ok = el('button', { type: 'button', class: 'act danger', 'data-role': 'confirm' }, confirmText);
    const no = el('button', { type: 'button', class: 'act', 'data-role': 'cancel' }, rs('cancel'));
    const dlg = el(
      'dialog',
      { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      el('h2', { id: 'confirm-title' }, title),
      ...lines.map((l) => el('p', {}, l)),
      el('div', { class: 'dlg-buttons' }, no, ok),
    );
    document.body.append(dlg);
    const done = (v: boolean): void => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    ok.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    dlg.showModal();
    no.focus(); // the safe answer has the focus
  });
}

let current: { bar: HTMLElement; timer: number } | null = null;

/**
 * Shows "<what()> · Urungkan (sisa 9:58)" until `until` (ms, this page's clock). `undo` runs on the
 * button; the bar closes when it succeeds, when the window closes, or on its close button.
 */
export function showUndo(what: () => string, until: number, undo: () => Promise<void>, onError: (e: unknown) => void): HTMLElement {
  hideUndo();
  const text = el('span', { class: 'undo-what' });
  const left = el('span', { class: 'undo-left' });
  const btn = el('button', { type: 'button', class: 'act undo-btn' }, rs('undo'));
  const x = el('button', { type: 'button', class: 'act undo-close', 'aria-label': rs('undo_close'), title: rs('undo_close') }, '×');
  const bar = el('div', { class: 'undo-bar', role: 'status', 'data-lang': lang() }, text, el('span', { class: 'undo-sep' }, '·'), btn, left, x);
  document.body.append(bar);
  const tick = (): void => {
    const ms = until - Date.now();
    if (ms <= 0) {
      hideUndo();
      forget();
      return;
    }
    // words again each second: the language may have been switched meanwhile
    text.textContent = what();
    btn.textContent = rs('undo');
    left.textContent = rs('undo_left', { time: clock(Math.ceil(ms / 1000)) });
    bar.dataset.lang = lang();
  };
  tick();
  const timer = window.setInterval(tick, 1000);
  current = { bar, timer };
  btn.addEventListener('click', () => {
    btn.disabled = true;
    undo()
      .then(() => hideUndo())
      .catch((e: unknown) => {
        btn.disabled = false;
        onError(e);
      });
  });
  // closed by hand: not offered again on the next page
  x.addEventListener('click', () => {
    hideUndo();
    forget();
  });
  return bar;
}

export function hideUndo(): void {
  if (!current) return;
  clearInterval(current.timer);
  current.bar.remove();
  current = null;
}

// ---------------------------------------------------------------- a delete's undo, kept across pages

const KEY = 'pijat.undo.v1';

/**
 * The undo bar for a trainee or session just deleted. Remembered in this tab (sessionStorage), so
 * it is still offered after a reload or on the next page until the window closes. `after` runs
 * once the server restored it, with a sentence saying so.
 */
export function offerUndo(d: Deleted, after: (said: string) => Promise<void>, onError: (e: unknown) => void): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(d));
  } catch {
    // storage off: the bar still works on this page
  }
  showUndo(
    () => rs(d.kind === 'trainee' ? 'deleted_trainee' : 'deleted_session'),
    d.until,
    async () => {
      const said =
        d.kind === 'trainee'
          ? rs('restored_trainee', { who: traineeLine(await restoreTrainee(d.id)) })
          : (await restoreSession(d.id), rs('restored_session', { id: d.id }));
      forget();
      await after(said);
    },
    onError,
  );
}

/** Offers again the undo of a delete made earlier in this tab, while its window is open. */
export function resumeUndo(after: (said: string) => Promise<void>, onError: (e: unknown) => void): void {
  let d: Deleted | null = null;
  try {
    d = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Deleted | null;
  } catch {
    d = null;
  }
  if (d && (d.kind === 'trainee' || d.kind === 'session') && Number.isInteger(d.id) && d.until > Date.now()) offerUndo(d, after, onError);
  else forget();
}

function forget(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
