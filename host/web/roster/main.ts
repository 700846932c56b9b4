// The roster page: the class's trainees (NIM, name, cohort, how many sessions), searched and
// filtered by cohort; a CSV from the school's spreadsheet imported after a dry-run preview; a
// trainee edited in place, added, or deleted after a confirmation with an undo bar.
import './style.css';
import { initLang, lang, mountLangSwitch, onLangChange } from '../common/i18n';
import { el } from '../common/dom';
import { rosterStrings, type RosterKey } from '../../../shared/i18n/web-roster';
import {
  ApiError, countOf, createTrainee, deleteTrainee, importTrainees, listSessions, listTrainees, matches,
  traineeLine, updateTrainee, type ImportResult, type Session, type Trainee, type TraineeDraft,
} from '../common/roster-api';
import { rs } from '../common/trainee-picker';
import { UNDO_MINUTES, confirmDialog, offerUndo, resumeUndo } from '../common/undo-bar';

const rowsBox = document.getElementById('rows')!;
const empty = document.getElementById('empty')!;
const search = document.getElementById('search') as HTMLInputElement;
const cohortFilter = document.getElementById('cohort-filter') as HTMLSelectElement;
const count = document.getElementById('count')!;
const fileInput = document.getElementById('file') as HTMLInputElement;
const importBox = document.getElementById('import')!;
const importStatus = document.getElementById('import-status')!;
const preview = document.getElementById('preview')!;
const toast = document.getElementById('toast')!;

let trainees: Trainee[] = [];
let sessions: Session[] = [];
/** The row being edited: a trainee id, 'new', or none. */
let editing: number | 'new' | null = null;
/** '' all cohorts, '\u0000' no cohort, otherwise that cohort. */
const NO_COHORT = '\u0000';
let pending: { file: File; result: ImportResult } | null = null;

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.entry[lang()] : e instanceof Error ? e.message : String(e);
}

let toastTimer = 0;
function say(text: string): void {
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (toast.hidden = true), 5000);
}

function failed(e: unknown): void {
  say(rs('failed', { reason: errorText(e) }));
}

async function reload(): Promise<void> {
  try {
    [trainees, sessions] = await Promise.all([listTrainees(), listSessions()]);
  } catch (e) {
    failed(e);
  }
  render();
}

function sessionCount(id: number): number {
  return sessions.filter((s) => s.trainee?.id === id).length;
}

// ---------------------------------------------------------------- the list

function renderFilter(): void {
  const keep = cohortFilter.value;
  const cohorts = [...new Set(trainees.map((t) => t.cohort).filter((c) => c !== ''))].sort((a, b) => a.localeCompare(b));
  cohortFilter.replaceChildren(el('option', { value: '' }, rs('all_cohorts')), ...cohorts.map((c) => el('option', { value: c }, c)));
  if (trainees.some((t) => t.cohort === '')) cohortFilter.append(el('option', { value: NO_COHORT }, rs('no_cohort')));
  cohortFilter.value = [...cohortFilter.options].some((o) => o.value === keep) ? keep : '';
}

function shown(): Trainee[] {
  const c = cohortFilter.value;
  return trainees
    .filter((t) => (c === '' ? true : c === NO_COHORT ? t.cohort === '' : t.cohort === c) && matches(t, search.value))
    .sort((a, b) => a.cohort.localeCompare(b.cohort) || a.name.localeCompare(b.name) || a.nim.localeCompare(b.nim));
}

function render(): void {
  renderFilter();
  const list = shown();
  rowsBox.replaceChildren();
  if (editing === 'new') rowsBox.append(editRow(null));
  for (const t of list) rowsBox.append(editing === t.id ? editRow(t) : viewRow(t));
  count.textContent = rs('count', { shown: list.length, n: trainees.length });
  empty.hidden = list.length > 0 || editing === 'new';
  empty.textContent = trainees.length === 0 ? rs('empty') : rs('none_match');
}

function viewRow(t: Trainee): HTMLElement {
  const n = sessionCount(t.id);
  const edit = el('button', { type: 'button', 'data-act': 'edit' }, rs('edit'));
  const del = el('button', { type: 'button', class: 'danger', 'data-act': 'delete' }, rs('delete'));
  edit.addEventListener('click', () => {
    editing = t.id;
    render();
  });
  del.addEventListener('click', () => void remove(t));
  const sessionsCell = n > 0 ? el('a', { href: `../report/?trainee=${encodeURIComponent(t.name)}&tid=${t.id}` }, String(n)) : '0';
  return el(
    'tr',
    { 'data-trainee': String(t.id) },
    el('td', { class: 'nim' }, t.nim || '–'),
    el('td', { class: 'name' }, t.name),
    el('td', { class: 'cohort' }, t.cohort || '–'),
    el('td', { class: 'num' }, sessionsCell),
    el('td', { class: 'acts' }, edit, del),
  );
}

function editRow(t: Trainee | null): HTMLElement {
  const input = (name: keyof TraineeDraft, value: string, label: RosterKey, max: number): HTMLInputElement => {
    const i = el('input', { name, maxlength: String(max), autocomplete: 'off', 'aria-label': rs(label) });
    i.value = value;
    i.placeholder = rs(label);
    return i;
  };
  const nim = input('nim', t?.nim ?? '', 'nim', 40);
  const name = input('name', t?.name ?? '', 'name', 120);
  const cohort = input('cohort', t?.cohort ?? '', 'cohort', 120);
  const save = el('button', { type: 'button', class: 'primary', 'data-act': 'save' }, t ? rs('save') : rs('create'));
  const cancel = el('button', { type: 'button', 'data-act': 'cancel' }, rs('cancel'));
  const err = el('div', { class: 'err', role: 'alert' });
  const row = el(
    'tr',
    { class: 'editing', 'data-trainee': t ? String(t.id) : 'new' },
    el('td', {}, nim),
    el('td', {}, name, err),
    el('td', {}, cohort),
    el('td', { class: 'num' }, t ? String(sessionCount(t.id)) : ''),
    el('td', { class: 'acts' }, save, cancel),
  );
  const stop = (): void => {
    editing = null;
    render();
  };
  const submit = async (): Promise<void> => {
    if (!name.value.trim()) {
      err.textContent = rs('name_needed');
      name.focus();
      return;
    }
    save.disabled = true;
    try {
      const d: TraineeDraft = { nim: nim.value.trim(), name: name.value.trim(), cohort: cohort.value.trim() };
      if (t) await updateTrainee(t.id, d);
      else await createTrainee(d);
      editing = null;
      await reload();
      say(rs('saved'));
    } catch (e) {
      save.disabled = false;
      err.textContent = errorText(e);
    }
  };
  save.addEventListener('click', () => void submit());
  cancel.addEventListener('click', stop);
  row.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape') stop();
  });
  queueMicrotask(() => (t ? name : nim).focus());
  return row;
}

async function remove(t: Trainee): Promise<void> {
  const n = sessionCount(t.id);
  const who = traineeLine(t);
  const ok = await confirmDialog(
    rs('delete_trainee_title', { who }),
    [n > 0 ? rs('delete_trainee_sessions', { n }) : rs('delete_trainee_no_sessions'), rs('delete_undo_note', { min: UNDO_MINUTES })],
    rs('delete'),
  );
  if (!ok) return;
  try {
    const d = await deleteTrainee(t.id);
    await reload();
    offerUndo(d, restored, failed);
  } catch (e) {
    failed(e);
  }
}

// ---------------------------------------------------------------- import

async function check(file: File): Promise<void> {
  pending = null;
  preview.hidden = true;
  importStatus.textContent = rs('import_checking', { file: file.name });
  try {
    const result = await importTrainees(file, { dryRun: true, skipBad: true });
    pending = { file, result };
    importStatus.textContent = '';
    renderPreview();
  } catch (e) {
    importStatus.textContent = rs('import_failed', { reason: errorText(e) });
  }
}

function renderPreview(): void {
  preview.replaceChildren();
  if (!pending) {
    preview.hidden = true;
    return;
  }
  const r = pending.result;
  const n = { created: countOf(r.created), updated: countOf(r.updated), unchanged: countOf(r.unchanged), errors: r.errors.length };
  const box = (kind: keyof typeof n, key: RosterKey): HTMLElement => el('div', { 'data-kind': kind }, el('strong', {}, String(n[kind])), rs(key));
  preview.append(
    el('h3', {}, rs('preview_title', { file: pending.file.name })),
    el('div', { class: 'counts' }, box('created', 'preview_new'), box('updated', 'preview_updated'), box('unchanged', 'preview_unchanged'), box('errors', 'preview_errors')),
  );
  // The rows themselves, when the server lists them (trainee-like objects).
  const listed: [RosterKey, unknown[]][] = [['preview_new', Array.isArray(r.created) ? r.created : []], ['preview_updated', Array.isArray(r.updated) ? r.updated : []]];
  const people = listed.flatMap(([k, xs]) => xs.filter(isPerson).map((p) => [k, p] as const));
  if (people.length > 0) {
    const body = el('tbody');
    for (const [k, p] of people) body.append(el('tr', { 'data-kind': k }, el('td', {}, rs(k)), el('td', {}, p.nim ?? ''), el('td', {}, p.name), el('td', {}, p.cohort ?? '')));
    const head = el('tr', {}, ...(['preview_field', 'nim', 'name', 'cohort'] as RosterKey[]).map((k, i) => el('th', {}, i === 0 ? '' : rs(k))));
    preview.append(el('table', { class: 'pv pv-rows' }, el('thead', {}, head), body));
  }
  if (r.errors.length > 0) {
    const body = el('tbody');
    for (const e of r.errors) {
      body.append(el('tr', { 'data-line': String(e.line) }, el('td', { class: 'num' }, String(e.line)), el('td', {}, columnName(e.field)), el('td', {}, e.message[lang()])));
    }
    const head = el('tr', {}, el('th', { class: 'num' }, rs('preview_line')), el('th', {}, rs('preview_field')), el('th', {}, rs('preview_problem')));
    preview.append(el('table', { class: 'pv pv-errors' }, el('thead', {}, head), body), el('p', { class: 'hint' }, rs('preview_skip_note')));
  }
  const go = el('button', { type: 'button', class: 'primary', id: 'import-confirm' }, rs('import_confirm'));
  const cancel = el('button', { type: 'button', id: 'import-cancel' }, rs('cancel'));
  go.disabled = n.created + n.updated === 0;
  if (go.disabled) preview.append(el('p', { class: 'hint' }, rs('preview_nothing')));
  go.addEventListener('click', () => void commit());
  cancel.addEventListener('click', () => {
    pending = null;
    renderPreview();
  });
  preview.append(el('div', { class: 'pv-actions' }, go, cancel));
  preview.hidden = false;
}

/** The column an error names, in the page's words (the server names its field). */
function columnName(field: string | undefined): string {
  const f = (field ?? '').toLowerCase();
  return f === 'nim' ? rs('nim') : f === 'name' || f === 'nama' ? rs('name') : ['cohort', 'kelompok', 'angkatan'].includes(f) ? rs('cohort') : '';
}

function isPerson(x: unknown): x is { nim?: string; name: string; cohort?: string } {
  return typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string';
}

async function commit(): Promise<void> {
  if (!pending) return;
  const { file } = pending;
  try {
    const r = await importTrainees(file, { dryRun: false, skipBad: true });
    pending = null;
    renderPreview();
    importStatus.textContent = rs('import_done', { created: countOf(r.created), updated: countOf(r.updated), unchanged: countOf(r.unchanged) });
    await reload();
  } catch (e) {
    importStatus.textContent = rs('import_failed', { reason: errorText(e) });
  }
}

fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  if (f) void check(f);
  fileInput.value = ''; // the same file again after fixing it
});
importBox.addEventListener('dragover', (e) => {
  e.preventDefault();
  importBox.classList.add('over');
});
importBox.addEventListener('dragleave', () => importBox.classList.remove('over'));
importBox.addEventListener('drop', (e) => {
  e.preventDefault();
  importBox.classList.remove('over');
  const f = e.dataTransfer?.files[0];
  if (f) void check(f);
});

// ---------------------------------------------------------------- the page

function renderStatic(): void {
  document.title = rs('title');
  for (const e of document.querySelectorAll<HTMLElement>('[data-r]')) {
    const key = e.dataset.r as RosterKey;
    if (key in rosterStrings) e.textContent = rs(key);
  }
  search.placeholder = rs('search');
  search.setAttribute('aria-label', rs('search'));
  cohortFilter.setAttribute('aria-label', rs('cohort'));
  render();
  renderPreview();
}

search.addEventListener('input', render);
cohortFilter.addEventListener('change', render);
document.getElementById('add')!.addEventListener('click', () => {
  editing = 'new';
  render();
});

async function restored(said: string): Promise<void> {
  await reload();
  say(said);
}

initLang();
mountLangSwitch(document.getElementById('lang')!);
onLangChange(renderStatic);
renderStatic();
void reload();
resumeUndo(restored, failed);
