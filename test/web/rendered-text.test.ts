// What a new instructor reads on every page, as Chromium renders it, in Bahasa Indonesia and in
// English: no internal id, file or source name, unfilled placeholder or word of the other
// language (test/support/rendered-text.ts). One real class server (temporary store, three
// simulated gloves and one silent serial glove on a socat pty, a roster, pre and post sessions with reports)
// and one browser for the whole file. The i18n tables themselves: vocabulary.test.ts.
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../host/server/index';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { findProblems, type Lang } from '../support/rendered-text';
import { hasSocat, ptyPair, type PtyPair } from '../support/socat';
import { until } from '../support/until';
import { NO_CHROMIUM, buildPages, hasChromium, launchChromium } from './helpers';
import { restClient } from './rest-client';

if (!hasChromium()) console.warn(NO_CHROMIUM);

const CSV = 'NIM;Nama;Kelompok\r\n2021001;Siti Aminah;Reguler A\r\n2021002;Dewi Lestari;Reguler A\r\n2021003;Rina Wati;Reguler B\r\n2021004;Ayu Kartika;Reguler B\r\n';
// The class's own words: trainee and cohort names, session labels.
const DATA = ['Siti Aminah', 'Dewi Lestari', 'Rina Wati', 'Ayu Kartika', 'Reguler A', 'Reguler B', 'Sim 1', 'Sim 2', 'Sim 3'];

interface Row { id: number; glove: string; label: string; stopped_at: number | null; trainee: { id: number; name: string } | null }

describe.skipIf(!hasChromium())('rendered text of every page (Chromium, class server)', () => {
  let browser: Browser;
  let server: RunningServer;
  let pages: { dir: string; cleanup: () => void };
  let data: string;
  let base: string;
  let faultyPort = '';
  let pty: PtyPair | null = null;
  let finished: Row;

  const api = restClient(() => base);
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    pages = await buildPages();
    data = mkdtempSync(join(tmpdir(), 'pijat-rendered-'));
    // a faulty glove: its serial port opens but no byte ever comes (the tile shows the fault)
    if (hasSocat) {
      pty = ptyPair('rendered');
      pty.start();
      await until('the pty', () => existsSync(pty!.B), 5000);
      faultyPort = pty.B;
    }
    server = await startServer({
      port: 0, dataDir: data, sim: 3, gloves: false, webRoot: pages.dir, profile: loadBuiltinProfile('sop-000'),
      scenarios: ['good', 'too-hard', 'one-hand'], seed: 3, simSpeed: 10, ports: faultyPort ? [faultyPort] : [], exportWorkers: 1,
    });
    base = server.url.replace(/\/$/, '');
    await api('POST', '/api/trainees/import', CSV, 'text/csv');
    const { trainees } = await api<{ trainees: { id: number; nim: string }[] }>('GET', '/api/trainees');
    const tid = (nim: string): number => trainees.find((t) => t.nim === nim)!.id;
    // pre and post for two trainees of one cohort (the cohort page's table), on two gloves at once
    for (const label of ['pre', 'post']) {
      const a = await api<{ session: Row }>('POST', '/api/sessions', { glove: 'sim-1', label, trainee_id: tid('2021001') });
      const b = await api<{ session: Row }>('POST', '/api/sessions', { glove: 'sim-2', label, trainee_id: tid('2021002') });
      await sleep(4000);
      await api('POST', `/api/sessions/${a.session.id}/stop`);
      await api('POST', `/api/sessions/${b.session.id}/stop`);
    }
    // one still recording
    await api('POST', '/api/sessions', { glove: 'sim-3', label: 'latihan', trainee_id: tid('2021003') });
    const { sessions } = await api<{ sessions: Row[] }>('GET', '/api/sessions');
    finished = sessions.find((s) => s.stopped_at !== null && s.glove === 'sim-1')!;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await pty?.stopAll();
    pages?.cleanup();
    if (data) rmSync(data, { recursive: true, force: true });
  });

  /** The page as read: visible text, the title, and the tooltips, labels and hints of controls. */
  async function readPage(page: Page): Promise<string> {
    return page.evaluate(() => {
      const parts = [document.title, document.body.innerText];
      for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
        for (const a of ['title', 'aria-label', 'placeholder']) {
          const v = e.getAttribute(a);
          if (v) parts.push(v);
        }
      }
      return parts.join('\n');
    });
  }

  // the faulty glove's port path, as the class view names it (the instructor's own device)
  const allow = (): (string | RegExp)[] => [...DATA, ...(faultyPort ? [faultyPort, basename(faultyPort)] : [])];

  for (const lang of ['id', 'en'] as const) {
    it(`says nothing internal or foreign on any page (${lang})`, async () => {
      const other: Lang = lang === 'id' ? 'en' : 'id';
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
      const found: string[] = [];
      const errors: string[] = [];
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      const check = async (what: string): Promise<void> => {
        const text = await readPage(page);
        // PIJAT_RENDERED_TEXT=FILE keeps what was read, for a person to look through
        if (process.env.PIJAT_RENDERED_TEXT) appendFileSync(process.env.PIJAT_RENDERED_TEXT, `\n===== [${lang}] ${what}\n${text}\n`);
        expect(text.trim().length, `${what} has text`).toBeGreaterThan(20);
        for (const p of findProblems(text, lang, { allow: allow() })) found.push(`[${lang}] ${what}: ${p}`);
      };
      const visit = async (path: string, ready: string): Promise<void> => {
        await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        await page.locator(ready).first().waitFor({ timeout: 20_000 });
      };

      // the front page shows both languages side by side: each reader's half
      await page.goto(`${base}/index.html`);
      await page.addStyleTag({ content: `body [lang="${other}"] { display: none !important; }` });
      await check('front page /');

      // the class view: a running session, finished ones, the lost glove; the trainee picker
      await visit('/class/', '.tile[data-glove="sim-3"]');
      if (faultyPort) await page.waitForFunction(() => document.querySelectorAll('.tile').length >= 4, null, { timeout: 15_000 });
      await sleep(3000);
      await check('class view');
      const tile = page.locator('.tile[data-glove="sim-1"]');
      await tile.locator('.trainee .name').click();
      await tile.locator('.picker-list li').first().waitFor();
      await check('class view, trainee picker');
      await tile.locator('.picker input').fill('zzz');
      await sleep(300);
      await check('class view, trainee picker with no match');

      // the trainee page: not connected, a demo trainee from the front page, a glove of the class
      await visit('/trainee/', 'body');
      await sleep(500);
      await check('trainee page, not connected');
      await visit('/trainee/?demo=too-hard', '.gauge-state');
      await page.waitForFunction(() => [...document.querySelectorAll('.gauge-state')].every((e) => (e.textContent ?? '').trim().length > 0), null, { timeout: 20_000 });
      await check('trainee page, demo too-hard');
      await visit('/trainee/?glove=sim-2', 'body');
      await sleep(1500);
      await check('trainee page, class glove sim-2');

      // the roster, with its delete confirmation
      await visit('/roster/', '#rows tr');
      await check('roster');
      await page.locator('#rows tr button[data-act="delete"]').first().click();
      await page.locator('dialog.confirm').waitFor();
      await check('roster, delete confirmation');

      // a stored session's report, a trainee's history, the cohort's pre/post table, the list
      await visit(`/report/?session=${finished.id}`, '.session');
      await sleep(500);
      await check(`report of session ${finished.id}`);
      await visit(`/report/?trainee=${encodeURIComponent('Siti Aminah')}&tid=${finished.trainee!.id}`, '.history table');
      await check('trainee history');
      await visit(`/report/?cohort=${encodeURIComponent('Reguler A')}`, 'table');
      await sleep(500);
      await check('cohort page');
      await visit('/report/', 'tr[data-session]');
      await check('session list');
      await page.locator(`tr[data-session="${finished.id}"] button[data-act="correct"]`).click();
      await page.locator('dialog.edit').waitFor();
      await check('session list, correction dialog');
      await page.keyboard.press('Escape');
      await page.locator(`tr[data-session="${finished.id}"] button[data-act="delete"]`).click();
      await page.locator('dialog.confirm').waitFor();
      await check('session list, delete confirmation');

      await ctx.close();
      if (found.length > 0) console.log(found.join('\n'));
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    }, 90_000);
  }
});
