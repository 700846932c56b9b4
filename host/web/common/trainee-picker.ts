// Choosing a trainee from the roster as one types: a combobox whose list shows name, NIM and
// cohort (two trainees called Siti differ by NIM), usable from the keyboard (arrows, Enter,
// Esc), with "new trainee" (NIM, name, cohort) when nobody matches. Used on a class tile and when
// correcting a session.
import { fill, type Params } from '../../../shared/i18n/index';
import { rosterStrings, type RosterKey } from '../../../shared/i18n/web-roster';
import { lang } from './i18n';
import { el } from './dom';
import { rank, traineeLine, type Trainee, type TraineeDraft } from './roster-api';

export const rs = (key: RosterKey, params?: Params): string => fill(rosterStrings[key][lang()], params);

/** At most this many rows in the list; typing more narrows it. */
const MAX_ROWS = 40;

export interface PickerOptions {
  /** The roster (called each time the picker opens). */
  load: () => Promise<Trainee[]>;
  onPick: (t: Trainee | null) => void | Promise<void>;
  /** Makes the trainee; its answer is picked. */
  onCreate: (d: TraineeDraft) => Promise<Trainee>;
  onCancel: () => void;
  /** Offer "(no trainee)" at the top. */
  allowNobody?: boolean;
  /** The text to start with. */
  initial?: string;
  /** Errors while loading or creating. */
  onError: (e: unknown) => void;
}

export interface Picker {
  root: HTMLElement;
  input: HTMLInputElement;
  /** Shows the roster list for the current text (after the roster loaded). */
  ready: Promise<void>;
}

let uid = 0;

type Row = { kind: 'trainee'; t: Trainee } | { kind: 'nobody' } | { kind: 'new' };

export function mountPicker(parent: HTMLElement, o: PickerOptions): Picker {
  uid += 1;
  const listId = `picker-list-${uid}`;
  const root = el('div', { class: 'picker' });
  const input = el('input', {
    type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'true', 'aria-controls': listId,
    autocomplete: 'off', spellcheck: 'false', maxlength: '120',
  });
  input.placeholder = rs('picker_placeholder');
  input.setAttribute('aria-label', rs('picker_label'));
  input.value = o.initial ?? '';
  const list = el('ul', { class: 'picker-list', role: 'listbox', id: listId });
  const note = el('div', { class: 'picker-note' }, rs('picker_loading'));
  root.append(input, list, note);
  parent.append(root);

  let roster: Trainee[] = [];
  let rows: Row[] = [];
  let active = 0;
  let form: HTMLFormElement | null = null;
  let closed = false;

  const render = (): void => {
    const found = rank(roster, input.value);
    rows = [];
    if (o.allowNobody && input.value.trim() === '') rows.push({ kind: 'nobody' });
    for (const t of found.slice(0, MAX_ROWS)) rows.push({ kind: 'trainee', t });
    rows.push({ kind: 'new' });
    // Nobody matches: "new trainee" is the row Enter takes.
    if (active >= rows.length || found.length === 0) active = found.length === 0 ? rows.length - 1 : 0;
    list.replaceChildren();
    rows.forEach((r, i) => {
      const li = el('li', { role: 'option', id: `${listId}-${i}`, 'aria-selected': String(i === active) });
      if (r.kind === 'trainee') {
        li.dataset.trainee = String(r.t.id);
        li.append(el('span', { class: 'pk-name' }, r.t.name));
        if (r.t.nim) li.append(el('span', { class: 'pk-nim' }, r.t.nim));
        if (r.t.cohort) li.append(el('span', { class: 'pk-cohort' }, r.t.cohort));
        li.title = traineeLine(r.t);
      } else if (r.kind === 'nobody') {
        li.className = 'pk-nobody';
        li.textContent = rs('picker_nobody');
      } else {
        li.className = 'pk-new';
        li.textContent = input.value.trim() ? rs('picker_new_named', { q: input.value.trim() }) : rs('picker_new');
      }
      // mousedown, not click: the input must not lose focus (and close the picker) first
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        active = i;
        choose();
      });
      list.append(li);
    });
    note.textContent = found.length === 0 && roster.length > 0 ? rs('picker_no_match') : found.length > MAX_ROWS ? rs('picker_more', { n: found.length - MAX_ROWS }) : '';
    note.hidden = note.textContent === '';
    input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    list.children[active]?.scrollIntoView({ block: 'nearest' });
  };

  const close = (): void => {
    closed = true;
    root.remove();
  };

  const choose = (): void => {
    const r = rows[active];
    if (!r) return;
    if (r.kind === 'new') openForm();
    else {
      close();
      void Promise.resolve(o.onPick(r.kind === 'trainee' ? r.t : null)).catch(o.onError);
    }
  };

  const openForm = (): void => {
    const q = input.value.trim();
    input.hidden = true;
    list.hidden = true;
    note.hidden = true;
    const digits = /^\d[\d.\-/ ]*$/.test(q);
    const nim = el('input', { name: 'nim', maxlength: '40', autocomplete: 'off', 'aria-label': rs('nim') });
    const name = el('input', { name: 'name', maxlength: '120', autocomplete: 'off', 'aria-label': rs('name') });
    const cohort = el('input', { name: 'cohort', maxlength: '120', autocomplete: 'off', 'aria-label': rs('cohort') });
    nim.placeholder = rs('nim');
    name.placeholder = rs('name');
    cohort.placeholder = rs('cohort');
    if (digits) nim.value = q;
    else name.value = q;
    const add = el('button', { type: 'submit', class: 'act primary' }, rs('create'));
    const cancel = el('button', { type: 'button', class: 'act' }, rs('cancel'));
    const msg = el('div', { class: 'picker-note', role: 'alert' });
    msg.hidden = true;
    form = el('form', { class: 'picker-new' }, el('div', { class: 'pk-title' }, rs('new_title')), nim, name, cohort, el('div', { class: 'pk-buttons' }, add, cancel), msg);
    root.append(form);
    (digits ? name : nim).focus();
    cancel.addEventListener('click', () => {
      close();
      o.onCancel();
    });
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
        o.onCancel();
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!name.value.trim()) {
        msg.textContent = rs('name_needed');
        msg.hidden = false;
        name.focus();
        return;
      }
      add.disabled = true;
      o.onCreate({ nim: nim.value, name: name.value, cohort: cohort.value })
        .then((t) => {
          close();
          return o.onPick(t);
        })
        .catch((err: unknown) => {
          add.disabled = false;
          // Stay open (the NIM may be taken): say why beside the form.
          msg.textContent = err instanceof Error && 'entry' in err ? (err as { entry: { id: string; en: string } }).entry[lang()] : String(err);
          msg.hidden = false;
        });
    });
  };

  // dragging the list's scroll bar must not take the focus from the input (and close the picker)
  list.addEventListener('mousedown', (e) => e.preventDefault());
  input.addEventListener('input', render);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + rows.length) % rows.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
      o.onCancel();
    }
  });
  // Leaving the picker (a click elsewhere, Tab) cancels it.
  root.addEventListener('focusout', (e) => {
    const to = e.relatedTarget as Node | null;
    if (to && root.contains(to)) return;
    setTimeout(() => {
      if (!closed && !root.contains(document.activeElement)) {
        close();
        o.onCancel();
      }
    }, 0);
  });

  const ready = o
    .load()
    .then((l) => {
      roster = l;
      note.hidden = true;
      if (!closed && !form) render();
    })
    .catch((e: unknown) => {
      note.hidden = true;
      if (!closed && !form) render();
      o.onError(e);
    });
  input.focus();
  input.select();
  return { root, input, ready };
}
