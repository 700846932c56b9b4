// The page's language: Bahasa Indonesia by default, English by the switch (remembered in
// localStorage, or forced by ?lang=en). Static text carries data-i18n="key" and is filled here.
import { DEFAULT_LANG, fill, parseLang, type Entry, type Lang, type Params } from '../../../shared/i18n/index';
import { web, type WebKey } from '../../../shared/i18n/web';
import { formatNumber } from '../../../shared/i18n/format';

const STORE_KEY = 'pijat.lang';
let current: Lang = DEFAULT_LANG;
const listeners: (() => void)[] = [];

export function initLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORE_KEY);
  } catch {
    // storage can be disabled; the default language is fine then
  }
  current = parseLang(fromUrl ?? stored ?? DEFAULT_LANG);
  document.documentElement.lang = current;
  return current;
}

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORE_KEY, l);
  } catch {
    // not remembered, still switched
  }
  applyI18n(document);
  for (const f of listeners) f();
}

export function onLangChange(f: () => void): void {
  listeners.push(f);
}

/** A web string in the current language. */
export function tr(key: WebKey, params?: Params): string {
  return fill(web[key][current], params);
}

/** Any bilingual entry (cue table, report messages) in the current language. */
export function pick(entry: Entry, params?: Params): string {
  return fill(entry[current], params);
}

/** Fills every element that has data-i18n (text) or data-i18n-title / -aria (attributes). */
export function applyI18n(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n as WebKey;
    if (key in web) el.textContent = tr(key);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    const key = el.dataset.i18nTitle as WebKey;
    if (key in web) el.title = tr(key);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    const key = el.dataset.i18nAria as WebKey;
    if (key in web) el.setAttribute('aria-label', tr(key));
  }
}

/** Wires the ID / EN buttons inside `box` (buttons carry data-lang). */
export function mountLangSwitch(box: HTMLElement): void {
  const buttons = [...box.querySelectorAll<HTMLButtonElement>('button[data-lang]')];
  const mark = (): void => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === current));
  };
  for (const b of buttons) b.addEventListener('click', () => setLang(parseLang(b.dataset.lang)));
  onLangChange(mark);
  mark();
}

/** Numbers in the page's language (decimal comma in Bahasa Indonesia). */
export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return web['value.none'][current];
  return formatNumber(x, digits, current);
}

export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return web['value.none'][current];
  return `${num(x * 100, 0)} %`;
}

/** m:ss (shared/i18n/format.ts). */
export { formatClock as clock } from '../../../shared/i18n/format';
