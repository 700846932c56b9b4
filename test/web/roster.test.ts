// The class roster in the pages, in Debian's Chromium against the real class server
// (startServer, a temporary store, four simulated gloves): a school's CSV (semicolons, BOM)
// imported through the roster page after a dry-run preview; a trainee picked on a tile by part
// of her NIM, a session recorded under her; two trainees called Siti told apart by NIM; a
// session and a trainee deleted and brought back with the undo bar; both languages; the picker
// and the undo bar on screen at 1280x800 and 768x1024 (screenshots in $PIJAT_SCREENSHOTS or a
// temporary folder).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../host/server/index';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { rosterStrings } from '../../shared/i18n/web-roster';
import { classStrings } from '../../shared/i18n/web-class';
import { NO_CHROMIUM, buildPages, hasChromium, launchChromium } from './helpers';
import { restClient } from './rest-client';

if (!hasChromium()) console.warn(NO_CHROMIUM);

interface Trainee { id: number; nim: string; name: string; cohort: string }
interface Session { id: number; glove: string; label: string; stopped_at: number | null; trainee: Trainee | null }

// What a school's spreadsheet writes when saved as CSV in Indonesian Excel: a BOM, semicolons,
// its own column titles. Line 5 has a NIM the roster cannot take.
const CSV = '\ufeffNIM;Nama;Kelompok\r\n2021001;Siti Aminah;Kelompok A\r\n2021002;Siti Rahma;Kelompok A\r\n2021003;Dewi Lestari;Kelompok B\r\nx!y;Budi Santoso;Kelompok B\r\n2021005;Rina Wati;Kelompok B\r\n2021006;Ayu Kartika;Kelompok C\r\n';

describe.skipIf(!hasChromium())('class roster in the pages (Chromium, class server)', () => {
  let browser: Browser;
  let server: RunningServer;
  let pages: { dir: string; cleanup: () => void };
  let data: string;
  let base: string;
  const shots = process.env.PIJAT_SCREENSHOTS ?? join(tmpdir(), 'pijat-screens');

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    pages = await buildPages();
    data = mkdtempSync(join(tmpdir(), 'pijat-roster-'));
    server = await startServer({
      port: 0, dataDir: data, sim: 4, gloves: false, webRoot: pages.dir, profile: loadBuiltinProfile('sop-000'),
      scenarios: ['good'], seed: 7, simSpeed: 8,
    });
    base = server.url.replace(/\/$/, '');
    browser = await launchChromium();
    console.log(`roster screenshots: ${shots}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    pages?.cleanup();
    if (data) rmSync(data, { recursive: true, force: true });
  });

  const api = restClient(() => base);
  const trainees = async (): Promise<Trainee[]> => (await api<{ trainees: Trainee[] }>('GET', '/api/trainees')).trainees;
  const sessions = async (): Promise<Session[]> => (await api<{ sessions: Session[] }>('GET', '/api/sessions')).sessions;
  const byNim = async (nim: string): Promise<Trainee> => (await trainees()).find((t) => t.nim === nim)!;

  async function open(path: string, size = { width: 1280, height: 800 }, lang: 'id' | 'en' = 'id'): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
    const ctx = await browser.newContext({ viewport: size });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    return { ctx, page, errors };
  }

  /** The element's box lies wholly inside the viewport. */
  async function onScreen(page: Page, sel: string): Promise<void> {
    const box = await page.locator(sel).first().evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, w: innerWidth, h: innerHeight };
    });
    expect(box.bottom - box.top, `${sel} height`).toBeGreaterThan(10);
    expect(box.top, `${sel} top`).toBeGreaterThanOrEqual(0);
    expect(box.left, `${sel} left`).toBeGreaterThanOrEqual(0);
    expect(box.bottom, `${sel} bottom`).toBeLessThanOrEqual(box.h);
    expect(box.right, `${sel} right`).toBeLessThanOrEqual(box.w);
  }

  it('imports a school CSV (semicolons, BOM) through the roster page: preview, confirm, list', async () => {
    // already on the roster: one unchanged, one whose cohort the file changes
    await api('POST', '/api/trainees', { nim: '2021003', name: 'Dewi Lestari', cohort: 'Kelompok B' });
    await api('POST', '/api/trainees', { nim: '2021005', name: 'Rina Wati', cohort: 'Kelompok C' });
    const { ctx, page, errors } = await open('/roster/');
    await page.locator('#count').filter({ hasText: '2' }).waitFor();
    await page.setInputFiles('#file', { name: 'peserta-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.locator('#preview .counts').waitFor();
    const count = async (kind: string): Promise<string | null> => page.locator(`#preview .counts [data-kind="${kind}"] strong`).textContent();
    expect(await count('created')).toBe('3');
    expect(await count('updated')).toBe('1');
    expect(await count('unchanged')).toBe('1');
    expect(await count('errors')).toBe('1');
    expect(await page.locator('#preview .pv-errors tbody tr').count()).toBe(1);
    // the bad line by its number in the file (the title line is line 1), its column in words
    expect(await page.locator('#preview .pv-errors tbody tr td').allTextContents()).toEqual(['5', 'NIM', expect.stringContaining('X!Y')]);
    expect(await page.locator('#preview h3').textContent()).toContain('peserta-2025.csv');
    // a dry run wrote nothing
    expect((await trainees()).length).toBe(2);
    await page.screenshot({ path: join(shots, 'roster-import-preview.png'), fullPage: true });

    await page.click('#import-confirm');
    await expect.poll(() => page.locator('#rows tr').count(), { timeout: 5000 }).toBe(5);
    expect(await page.locator('#import-status').textContent()).toBe(
      rosterStrings.import_done.id.replace('{created}', '3').replace('{updated}', '1').replace('{unchanged}', '1'),
    );
    const names = await page.locator('#rows tr td.name').allTextContents();
    expect(names.sort()).toEqual(['Ayu Kartika', 'Dewi Lestari', 'Rina Wati', 'Siti Aminah', 'Siti Rahma']);
    expect((await byNim('2021005')).cohort).toBe('Kelompok B');
    expect((await trainees()).some((t) => t.name === 'Budi Santoso')).toBe(false);

    // search by part of a NIM, then the cohort filter
    await page.fill('#search', '2021002');
    expect(await page.locator('#rows tr td.name').allTextContents()).toEqual(['Siti Rahma']);
    await page.fill('#search', '');
    await page.selectOption('#cohort-filter', 'Kelompok A');
    expect((await page.locator('#rows tr td.name').allTextContents()).sort()).toEqual(['Siti Aminah', 'Siti Rahma']);
    expect(await page.locator('#count').textContent()).toBe('2 dari 5 peserta');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('is linked from the front page and the class view', async () => {
    const front = await (await fetch(`${base}/index.html`)).text();
    expect(front).toContain('href="roster/index.html"');
    expect(front).toContain(rosterStrings.link.id);
    expect(front).toContain(rosterStrings.link.en);
    const { ctx, page } = await open('/class/');
    await page.click(`header a:text-is("${rosterStrings.link.id}")`);
    await page.waitForURL(/\/roster\/$/);
    expect(await page.textContent('h1')).toBe(rosterStrings.heading.id);
    await ctx.close();
  }, 60_000);

  it('takes a CSV dropped on the import box (commas, other column titles and order)', async () => {
    const { ctx, page } = await open('/roster/');
    await page.locator('#rows tr').first().waitFor();
    const text = 'nama,nim,angkatan\nSiti Rahma,2021002,Kelompok A\nEka Putri,2021010,Kelompok C\n';
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'angkatan.csv', { type: 'text/csv' }));
      return d;
    }, text);
    await page.dispatchEvent('#import', 'dragover', { dataTransfer: dt });
    expect(await page.locator('#import').getAttribute('class')).toContain('over');
    await page.dispatchEvent('#import', 'drop', { dataTransfer: dt });
    await page.locator('#preview .counts').waitFor();
    const count = async (kind: string): Promise<string | null> => page.locator(`#preview .counts [data-kind="${kind}"] strong`).textContent();
    expect([await count('created'), await count('updated'), await count('unchanged'), await count('errors')]).toEqual(['1', '0', '1', '0']);
    // thought better of it: nothing written
    await page.click('#import-cancel');
    expect(await page.locator('#preview').isHidden()).toBe(true);
    expect((await trainees()).some((t) => t.nim === '2021010')).toBe(false);
    await ctx.close();
  }, 60_000);

  it('edits a trainee in place on the roster page', async () => {
    const { ctx, page } = await open('/roster/');
    const ayu = await byNim('2021006');
    const row = page.locator(`#rows tr[data-trainee="${ayu.id}"]`);
    await row.locator('button[data-act="edit"]').click();
    await page.locator('#rows tr.editing input[name="cohort"]').fill('Kelompok B');
    await page.locator('#rows tr.editing input[name="cohort"]').press('Enter');
    await expect.poll(async () => (await byNim('2021006')).cohort, { timeout: 5000 }).toBe('Kelompok B');
    await expect.poll(() => row.locator('td.cohort').textContent()).toBe('Kelompok B');
    // a NIM another trainee has: refused, said in the row, nothing changed
    await row.locator('button[data-act="edit"]').click();
    await page.locator('#rows tr.editing input[name="nim"]').fill('2021001');
    await page.locator('#rows tr.editing button[data-act="save"]').click();
    await expect.poll(() => page.locator('#rows tr.editing .err').textContent(), { timeout: 5000 }).toContain('2021001');
    expect((await byNim('2021006')).name).toBe('Ayu Kartika');
    await page.locator('#rows tr.editing button[data-act="cancel"]').click();
    await ctx.close();
  }, 60_000);

  it('picks a trainee on a tile by part of her NIM; the session is stored under her', async () => {
    const { ctx, page, errors } = await open('/class/');
    const tile = page.locator('.tile[data-glove="sim-1"]');
    await tile.waitFor();
    await tile.locator('.trainee .name').click();
    const input = tile.locator('.picker input[role="combobox"]');
    await input.fill('21002');
    await expect.poll(() => tile.locator('.picker-list li[data-trainee]').count()).toBe(1);
    expect(await tile.locator('.picker-list li[data-trainee] .pk-name').textContent()).toBe('Siti Rahma');
    await input.press('Enter');
    await expect.poll(() => tile.locator('.trainee .name').textContent(), { timeout: 5000 }).toBe('Siti Rahma');
    expect(await tile.locator('.trainee .nim').textContent()).toBe('2021002');
    expect(await tile.locator('.trainee .cohort').textContent()).toBe('Kelompok A');

    await tile.locator('.tile-foot input').fill('pre');
    await tile.locator('button.start').click();
    await expect.poll(() => tile.locator('.state').textContent(), { timeout: 5000 }).toContain(classStrings.recording.id);
    await page.waitForTimeout(1500);
    await tile.locator('button.stop').click();
    await expect.poll(() => tile.locator('.state').textContent(), { timeout: 10_000 }).toContain(classStrings.stopped.id);
    const siti = await byNim('2021002');
    const stored = (await sessions()).filter((s) => s.glove === 'sim-1');
    expect(stored.length).toBe(1);
    expect(stored[0]!.trainee).toMatchObject({ id: siti.id, nim: '2021002', name: 'Siti Rahma' });
    expect(stored[0]!.label).toBe('pre');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('tells two trainees called Siti apart by NIM, from the keyboard', async () => {
    const { ctx, page } = await open('/class/');
    const tile = page.locator('.tile[data-glove="sim-2"]');
    await tile.waitFor();
    for (const nim of ['2021001', '2021002']) {
      await tile.locator('.trainee .name').click();
      const input = tile.locator('.picker input[role="combobox"]');
      await input.fill('siti');
      const options = tile.locator('.picker-list li[data-trainee]');
      await expect.poll(() => options.count()).toBe(2);
      const nims = await options.locator('.pk-nim').allTextContents();
      expect(nims.sort()).toEqual(['2021001', '2021002']);
      // arrows to the wanted one, Enter takes it
      const want = nims.indexOf(nim);
      for (let i = 0; i < want; i++) await input.press('ArrowDown');
      expect(await tile.locator('.picker-list li[aria-selected="true"] .pk-nim').textContent()).toBe(nim);
      await input.press('Enter');
      await expect.poll(() => tile.locator('.trainee .nim').textContent(), { timeout: 5000 }).toBe(nim);
      const glove = (await api<{ gloves: { id: string; trainee: Trainee | null }[] }>('GET', '/api/gloves')).gloves.find((g) => g.id === 'sim-2')!;
      expect(glove.trainee?.nim).toBe(nim);
    }
    // Esc leaves the picker without changing anything
    await tile.locator('.trainee .name').click();
    await tile.locator('.picker input').press('Escape');
    expect(await tile.locator('.picker').count()).toBe(0);
    expect(await tile.locator('.trainee .nim').textContent()).toBe('2021002');
    // nobody matches: a new trainee with NIM, name and cohort
    await tile.locator('.trainee .name').click();
    await tile.locator('.picker input').fill('Nur Hasanah');
    await expect.poll(() => tile.locator('.picker-list li[data-trainee]').count()).toBe(0);
    await tile.locator('.picker input').press('Enter');
    await tile.locator('.picker-new input[name="nim"]').fill('2021009');
    expect(await tile.locator('.picker-new input[name="name"]').inputValue()).toBe('Nur Hasanah');
    await tile.locator('.picker-new input[name="cohort"]').fill('Kelompok C');
    await tile.locator('.picker-new input[name="cohort"]').press('Enter');
    await expect.poll(() => tile.locator('.trainee .name').textContent(), { timeout: 5000 }).toBe('Nur Hasanah');
    expect(await byNim('2021009')).toMatchObject({ name: 'Nur Hasanah', cohort: 'Kelompok C' });
    // the cohort set on the tile
    await tile.locator('.trainee .cohort').click();
    await tile.locator('.cohort-edit input').fill('Kelompok A');
    await tile.locator('.cohort-edit input').press('Enter');
    await expect.poll(async () => (await byNim('2021009')).cohort, { timeout: 5000 }).toBe('Kelompok A');
    await expect.poll(() => tile.locator('.trainee .cohort').textContent()).toBe('Kelompok A');
    // and back to nobody: the first row while nothing is typed
    await tile.locator('.trainee .name').click();
    await tile.locator('.picker-list li').first().waitFor();
    expect(await tile.locator('.picker-list li[aria-selected="true"]').textContent()).toBe(rosterStrings.picker_nobody.id);
    await tile.locator('.picker input').press('Enter');
    await expect.poll(() => tile.locator('.trainee .name').textContent(), { timeout: 5000 }).toBe(classStrings.trainee_none.id);
    expect(await tile.locator('.trainee .nim').isHidden()).toBe(true);
    const freed = (await api<{ gloves: { id: string; trainee: Trainee | null }[] }>('GET', '/api/gloves')).gloves.find((g) => g.id === 'sim-2')!;
    expect(freed.trainee).toBeNull();
    await ctx.close();
  }, 60_000);

  it('deletes a session after asking, brings it back with the undo bar; a recording one cannot go', async () => {
    const done = (await sessions()).find((s) => s.glove === 'sim-1')!;
    const live = await api<{ session: Session }>('POST', '/api/sessions', { glove: 'sim-3', label: 'latihan' });
    const { ctx, page, errors } = await open('/report/');
    const row = page.locator(`tr[data-session="${done.id}"]`);
    await row.waitFor();
    const liveDel = page.locator(`tr[data-session="${live.session.id}"] button[data-act="delete"]`);
    expect(await liveDel.isDisabled()).toBe(true);
    expect(await liveDel.getAttribute('title')).toBe(rosterStrings.session_live.id);

    // cancel first: nothing happens
    await row.locator('button[data-act="delete"]').click();
    await page.locator('dialog.confirm').waitFor();
    expect(await page.locator('dialog.confirm h2').textContent()).toBe(rosterStrings.delete_session_title.id.replace('{id}', String(done.id)));
    expect(await page.locator('dialog.confirm').textContent()).toContain('Siti Rahma · 2021002');
    await page.screenshot({ path: join(shots, 'roster-session-delete.png') });
    await page.click('dialog.confirm button[data-role="cancel"]');
    expect((await sessions()).some((s) => s.id === done.id)).toBe(true);

    await row.locator('button[data-act="delete"]').click();
    await page.click('dialog.confirm button[data-role="confirm"]');
    await expect.poll(() => page.locator(`tr[data-session="${done.id}"]`).count(), { timeout: 5000 }).toBe(0);
    expect((await sessions()).some((s) => s.id === done.id)).toBe(false);
    const bar = page.locator('.undo-bar');
    expect(await bar.locator('.undo-what').textContent()).toBe(rosterStrings.deleted_session.id);
    expect(await bar.locator('.undo-left').textContent()).toMatch(/^sisa (9:[0-5]\d|10:00)$/);
    await onScreen(page, '.undo-bar');
    await bar.locator('.undo-btn').click();
    await expect.poll(() => page.locator(`tr[data-session="${done.id}"]`).count(), { timeout: 5000 }).toBe(1);
    expect((await sessions()).find((s) => s.id === done.id)?.trainee?.nim).toBe('2021002');
    expect(await page.locator('.undo-bar').count()).toBe(0);
    await api('POST', `/api/sessions/${live.session.id}/stop`);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('corrects a session\'s trainee with the picker and its label', async () => {
    const s = (await sessions()).find((x) => x.glove === 'sim-1')!;
    const { ctx, page } = await open('/report/');
    await page.locator(`tr[data-session="${s.id}"] button[data-act="correct"]`).click();
    await page.locator('dialog.edit').waitFor();
    await page.click('dialog.edit button[data-act="change-trainee"]');
    await page.locator('dialog.edit .picker input').fill('siti');
    await page.locator('dialog.edit .picker-list li[data-trainee]').nth(1).waitFor();
    await page.screenshot({ path: join(shots, 'roster-session-correct.png') });
    await page.locator('dialog.edit .picker input').fill('2021001');
    await page.locator('dialog.edit .picker input').press('Enter');
    expect(await page.locator('dialog.edit .chosen-name').textContent()).toBe('Siti Aminah · 2021001 · Kelompok A');
    await page.fill('dialog.edit input.label', 'post');
    await page.click('dialog.edit button[data-role="save"]');
    await expect.poll(async () => (await sessions()).find((x) => x.id === s.id)?.trainee?.nim, { timeout: 5000 }).toBe('2021001');
    expect((await sessions()).find((x) => x.id === s.id)?.label).toBe('post');
    await expect.poll(() => page.locator(`tr[data-session="${s.id}"]`).textContent()).toContain('2021001');
    // her history, reached from the roster, holds that session and not the other Siti's
    const aminah = await byNim('2021001');
    await page.goto(`${base}/roster/?lang=id`);
    await page.click(`#rows tr[data-trainee="${aminah.id}"] td.num a`);
    await page.locator('.history table').waitFor();
    expect(await page.locator('.history tbody tr').count()).toBe(1);
    expect(await page.locator('.history h1').textContent()).toContain('Siti Aminah · NIM 2021001');
    await ctx.close();
  }, 60_000);

  it('deletes a trainee after naming her and her sessions, and the undo bar brings her back', async () => {
    const aminah = await byNim('2021001');
    const { ctx, page } = await open('/roster/');
    const row = page.locator(`#rows tr[data-trainee="${aminah.id}"]`);
    await row.waitFor();
    await row.locator('button[data-act="delete"]').click();
    const dlg = page.locator('dialog.confirm');
    await dlg.waitFor();
    expect(await dlg.locator('h2').textContent()).toBe(rosterStrings.delete_trainee_title.id.replace('{who}', 'Siti Aminah · 2021001 · Kelompok A'));
    expect(await dlg.textContent()).toContain(rosterStrings.delete_trainee_sessions.id.replace('{n}', '1'));
    await dlg.locator('button[data-role="confirm"]').click();
    await expect.poll(() => row.count(), { timeout: 5000 }).toBe(0);
    expect((await trainees()).some((t) => t.id === aminah.id)).toBe(false);
    // still offered after a reload (the tablet slept, the page was refreshed)
    await page.reload();
    const bar = page.locator('.undo-bar');
    await bar.waitFor();
    expect(await bar.textContent()).toContain(`${rosterStrings.deleted_trainee.id}·${rosterStrings.undo.id}`);
    await onScreen(page, '.undo-bar');
    await bar.locator('.undo-btn').click();
    await expect.poll(() => page.locator(`#rows tr[data-trainee="${aminah.id}"]`).count(), { timeout: 5000 }).toBe(1);
    expect((await byNim('2021001')).id).toBe(aminah.id);
    expect((await sessions()).filter((s) => s.trainee?.id === aminah.id).length).toBe(1);
    expect(await page.locator('#toast').textContent()).toBe(rosterStrings.restored_trainee.id.replace('{who}', 'Siti Aminah · 2021001 · Kelompok A'));
    // done with: not offered again
    await page.reload();
    await page.locator('#rows tr').first().waitFor();
    expect(await page.locator('.undo-bar').count()).toBe(0);
    await ctx.close();
  }, 60_000);

  /** Words of ours that differ between the languages, as whole words. */
  function foreign(text: string, other: 'id' | 'en'): string[] {
    const mine = other === 'id' ? 'en' : 'id';
    const bad: string[] = [];
    text = text.replace(/Kelompok [A-C]/g, ''); // the school's own cohort names are data, not our words
    for (const e of Object.values(rosterStrings)) {
      const w = e[other].split(/\{\w+\}/)[0]!.trim();
      if (e[other] === e[mine] || w.length < 4 || e[mine].includes(w)) continue;
      if (new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text)) bad.push(w);
    }
    return bad;
  }

  for (const lang of ['id', 'en'] as const) {
    it(`speaks only ${lang === 'id' ? 'Bahasa Indonesia' : 'English'} in the new controls`, async () => {
      const other = lang === 'id' ? 'en' : 'id';
      const { ctx, page } = await open('/roster/', undefined, lang);
      await page.locator('#rows tr').first().waitFor();
      expect(await page.locator('#add').textContent()).toBe(rosterStrings.add[lang]);
      expect(await page.locator('#search').getAttribute('placeholder')).toBe(rosterStrings.search[lang]);
      await page.setInputFiles('#file', { name: 'p.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
      await page.locator('#preview .counts').waitFor();
      const dewi = await byNim('2021003');
      await page.locator(`#rows tr[data-trainee="${dewi.id}"] button[data-act="delete"]`).click();
      await page.locator('dialog.confirm').waitFor();
      await page.screenshot({ path: join(shots, `roster-page-${lang}.png`), fullPage: true });
      const rosterText = await page.evaluate(() => document.body.innerText);
      expect(foreign(rosterText, other)).toEqual([]);
      expect(rosterText).toContain(rosterStrings.preview_unchanged[lang]);
      await page.click('dialog.confirm button[data-role="cancel"]');

      const cls = await ctx.newPage();
      await cls.goto(`${base}/class/?lang=${lang}`);
      const tile = cls.locator('.tile[data-glove="sim-4"]');
      await tile.waitFor();
      await tile.locator('.trainee .name').click();
      await cls.locator('.picker-list li').first().waitFor();
      await tile.locator('.picker input').fill('zzz');
      await cls.screenshot({ path: join(shots, `roster-picker-${lang}.png`) });
      const classText = await cls.evaluate(() => document.body.innerText);
      expect(foreign(classText, other)).toEqual([]);
      expect(classText).toContain(rosterStrings.picker_no_match[lang]);
      expect(await tile.locator('.picker input').getAttribute('placeholder')).toBe(rosterStrings.picker_placeholder[lang]);
      await ctx.close();
    }, 60_000);
  }

  for (const [w, h] of [[1280, 800], [768, 1024]] as const) {
    it(`keeps the picker and the undo bar on screen at ${w}x${h}`, async () => {
      const { ctx, page } = await open('/class/', { width: w, height: h });
      // the last tile is the lowest on the screen
      const tile = page.locator('.tile[data-glove="sim-4"]');
      await tile.waitFor();
      await tile.locator('.trainee .name').click();
      await tile.locator('.picker-list li[data-trainee]').first().waitFor();
      await onScreen(page, '.tile[data-glove="sim-4"] .picker input');
      await onScreen(page, '.tile[data-glove="sim-4"] .picker-list');
      // the list is above the next tiles, not under them
      const top = await page.evaluate(() => {
        const r = document.querySelector('.tile[data-glove="sim-4"] .picker-list li')!.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
        return hit?.closest('.picker-list') !== null;
      });
      expect(top).toBe(true);
      await page.screenshot({ path: join(shots, `roster-picker-${w}x${h}.png`) });
      await tile.locator('.picker input').press('Escape');

      const rp = await ctx.newPage();
      await rp.goto(`${base}/roster/?lang=id`);
      const ayu = await byNim('2021006');
      await rp.locator(`#rows tr[data-trainee="${ayu.id}"] button[data-act="delete"]`).click();
      await onScreen(rp, 'dialog.confirm');
      await rp.click('dialog.confirm button[data-role="confirm"]');
      await rp.locator('.undo-bar').waitFor();
      await onScreen(rp, '.undo-bar');
      await onScreen(rp, '.undo-bar .undo-btn');
      await rp.screenshot({ path: join(shots, `roster-undo-${w}x${h}.png`) });
      await rp.locator('.undo-bar .undo-btn').click();
      await expect.poll(async () => (await trainees()).some((t) => t.id === ayu.id), { timeout: 5000 }).toBe(true);
      await ctx.close();
    }, 60_000);
  }
});
