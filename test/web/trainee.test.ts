// The trainee page in the real Chromium with a fake navigator.serial fed the simulator's exact
// bytes: the page's score must equal `pijat score FILE --json` on the same bytes; the language,
// the clear messages (no Web Serial, busy port, unplugged glove) and the report hand-over.
import { SCENARIO_NAMES } from '../../shared/i18n/scenarios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { simulate } from '../../host/sim/index';
import { web } from '../../shared/i18n/web';
import { CUES } from '../../shared/i18n/cues';
import type { Report } from '../../shared/engine/report-schema';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import {
  NO_CHROMIUM, buildPages, fakeSerialScript, feedSerial, hasChromium, launchChromium, serveStatic,
  type FakeSerialOptions,
} from './helpers';

const ARTIFACTS = 'test/artifacts';
const ESPRUINO: FakeSerialOptions = { usbVendorId: 0x0483, usbProductId: 0x5740, granted: false, openError: null };

if (!hasChromium()) console.warn(NO_CHROMIUM);

describe.skipIf(!hasChromium())('trainee page (Chromium)', () => {
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  let pages: { dir: string; cleanup: () => void };
  let tmp: string;
  let bytes: Uint8Array;
  let cli: Report;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pijat-trainee-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    pages = await buildPages();
    site = await serveStatic(pages.dir);
    browser = await launchChromium();
    bytes = simulate({ scenario: 'good', seed: 7 }).bytes();
    cli = scoreWithCli(bytes, 'full.bin');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    pages?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function scoreWithCli(b: Uint8Array, name: string): Report {
    const file = join(tmp, name);
    writeFileSync(file, b);
    const out = execFileSync(process.execPath, ['bin/pijat.mjs', 'score', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 24 });
    return JSON.parse(out) as Report;
  }

  async function open(opts: Partial<FakeSerialOptions> | null, query = ''): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    if (opts === null) {
      await ctx.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'serial', { get: () => undefined, configurable: true });
      });
    } else await ctx.addInitScript(fakeSerialScript({ ...ESPRUINO, ...opts }));
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}/trainee/index.html${query}`);
    await page.waitForFunction(() => document.body.dataset.state !== undefined);
    expect(errors).toEqual([]);
    return { ctx, page };
  }

  async function resultOf(page: Page): Promise<{ total: string; verdict: string; passes: number }> {
    await page.locator('#result').waitFor({ state: 'visible', timeout: 60_000 });
    return {
      total: (await page.locator('.result-total').getAttribute('data-total')) ?? '',
      verdict: (await page.locator('.verdict').getAttribute('data-verdict')) ?? '',
      passes: Number(await page.locator('.result-passes').getAttribute('data-passes')),
    };
  }

  it('scores a Web Serial session exactly as `pijat score --json` does', async () => {
    expect(cli.passes.length).toBe(3);
    expect(cli.score.total).not.toBeNull();
    const { ctx, page } = await open({});
    await page.click('#connect');
    const req = await page.evaluate(() => (window as unknown as { __fakeSerial: { requestOptions: unknown; openOptions: unknown } }).__fakeSerial);
    expect(req.requestOptions).toEqual({
      filters: [{ usbVendorId: 0x0483, usbProductId: 0x5740 }, { usbVendorId: 0x2e8a }],
    });
    expect(req.openOptions).toMatchObject({ bufferSize: 8192 });
    // decoding, scoring and the moving marks run in the page's worker, not on its main thread
    await page.waitForFunction(() => document.body.dataset.scoring !== 'starting' && document.body.dataset.scoring !== undefined);
    expect(await page.evaluate(() => document.body.dataset.scoring)).toBe('worker');

    // About 80 s in (inside the first pass), then look at the live view.
    const cut = Math.floor(bytes.length * 0.16);
    await feedSerial(page, bytes.subarray(0, cut), 512);
    await page.waitForFunction(() => /\d/.test(document.querySelector('#cadence .cadence-value')?.textContent ?? ''));
    await page.waitForTimeout(300);
    expect(await page.locator('#pass-count').textContent()).toBe('1 / 3');
    expect(await page.locator('#gauge-left .gauge-value').textContent()).toMatch(/^\d+,\d N$/);
    await page.screenshot({ path: join(ARTIFACTS, 'trainee-view.png') });

    await feedSerial(page, bytes.subarray(cut), 4096);
    await page.evaluate(() => (window as unknown as { __fakeSerial: { end(): void } }).__fakeSerial.end());
    const r = await resultOf(page);
    expect(r.total).toBe(String(cli.score.total));
    expect(r.verdict).toBe(cli.verdict);
    expect(r.passes).toBe(cli.passes.length);
    // every deduction is listed with its reason in Bahasa Indonesia
    const reasons = await page.locator('.deductions li .reason').allTextContents();
    expect(reasons).toEqual([...cli.deductions].sort((a, b) => b.points - a.points).map((d) => d.reason.id));
    expect(await page.locator('#banner').getAttribute('data-key')).toBe('err.stream_ended');

    // the report page gets the session through sessionStorage and prints to PDF
    await page.click('#open-report');
    await page.waitForURL(/report\/index\.html/);
    await page.locator('.session').waitFor();
    expect(await page.locator('.session .result-total').getAttribute('data-total')).toBe(String(cli.score.total));
    expect(await page.locator('.timeline .seg').count()).toBe(3);
    expect(await page.locator('#chart-force canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('.criteria tbody tr').count()).toBe(cli.score.criteria.length);
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pageCount).toBeGreaterThan(0);
    expect(pageCount).toBeLessThanOrEqual(4);
    await ctx.close();
  }, 120_000);

  it('scores in the page itself, to the same result, when the worker cannot start', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await ctx.route('**/live-worker.js', (r) => r.abort());
    await ctx.addInitScript(fakeSerialScript(ESPRUINO));
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}/trainee/index.html`);
    await page.click('#connect');
    await feedSerial(page, bytes, 4096);
    // the chart and the marks are drawn on the page's own canvases, sized to their boxes
    const widths = await page.evaluate(() => [...document.querySelectorAll('#live canvas')].map((c) => (c as HTMLCanvasElement).width));
    expect(widths.length).toBe(4);
    expect(Math.max(...widths)).toBeGreaterThan(600);
    expect(Math.min(...widths)).toBeGreaterThan(100);
    await page.evaluate(() => (window as unknown as { __fakeSerial: { end(): void } }).__fakeSerial.end());
    const r = await resultOf(page);
    expect(await page.evaluate(() => document.body.dataset.scoring)).toBe('page');
    expect(r.total).toBe(String(cli.score.total));
    expect(r.verdict).toBe(cli.verdict);
    expect(r.passes).toBe(cli.passes.length);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('keeps what was recorded when the glove is unplugged mid-session', async () => {
    const cut = Math.floor(bytes.length * 0.45); // inside the second pass
    const part = bytes.subarray(0, cut);
    const expected = scoreWithCli(part, 'part.bin');
    const { ctx, page } = await open({});
    await page.click('#connect');
    await feedSerial(page, part, 4096);
    // let the page read everything queued before the stream errors (an error drops the queue)
    await page.waitForFunction(() => (window as unknown as { __fakeSerial: { queued(): number } }).__fakeSerial.queued() === 0);
    await page.evaluate(() => (window as unknown as { __fakeSerial: { lose(): void } }).__fakeSerial.lose());
    const r = await resultOf(page);
    expect(await page.locator('#banner').getAttribute('data-key')).toBe('err.lost');
    expect(await page.locator('#banner').textContent()).toBe(web['err.lost'].id);
    expect(r.passes).toBe(expected.passes.length);
    expect(r.total).toBe(expected.score.total === null ? '' : String(expected.score.total));
    expect(r.verdict).toBe(expected.verdict);

    // Chrome gives a new SerialPort after the replug: the page takes it without the chooser
    await page.evaluate(() => (window as unknown as { __fakeSerial: { replug(): void } }).__fakeSerial.replug());
    expect(await page.locator('#banner').getAttribute('data-key')).toBe('info.replugged');
    await page.click('#new-session');
    await page.click('#connect');
    const fake = await page.evaluate(() => {
      const f = (window as unknown as { __fakeSerial: { requests: number; opened: number } }).__fakeSerial;
      return { requests: f.requests, opened: f.opened };
    });
    expect(fake).toEqual({ requests: 1, opened: 2 });
    await ctx.close();
  }, 60_000);

  it('speaks Bahasa Indonesia by default and English after the switch, remembered on reload', async () => {
    const { ctx, page } = await open({});
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    expect(await page.locator('#connect').textContent()).toBe(web.connect.id);
    // No glove yet: the big cue says so and what to press, not "start pressing"
    expect(await page.locator('#cue .cue-word').textContent()).toBe(web['cue.not_connected'].id);
    expect(await page.locator('#cue .cue-hint').textContent()).toBe(`Tekan "${web.connect.id}"`);
    await page.click('#lang button[data-lang="en"]');
    expect(await page.locator('#cue .cue-word').textContent()).toBe('Not connected');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#connect').textContent()).toBe(web.connect.en);
    expect(await page.locator('#status').textContent()).toBe(web['status.idle'].en);
    // every static label is the English entry of its key
    const labels = await page.$$eval('[data-i18n]', (els) => els.map((e) => [(e as HTMLElement).dataset.i18n!, e.textContent ?? '']));
    for (const [key, text] of labels) expect(text, key).toBe(web[key as keyof typeof web].en);
    await page.reload();
    expect(await page.locator('#connect').textContent()).toBe(web.connect.en);
    // a live cue in English too
    await page.click('#connect');
    await feedSerial(page, bytes.subarray(0, Math.floor(bytes.length * 0.1)), 4096);
    await page.waitForFunction(() => (document.querySelector('#cue .cue-word')?.textContent ?? '') !== '' && document.querySelector('#cue')?.getAttribute('data-shape') !== 'off');
    const cue = await page.locator('#cue .cue-word').textContent();
    expect(Object.values(CUES).map((c) => c.en)).toContain(cue);
    await ctx.close();
  }, 60_000);

  it('says to use Chrome or Edge (or the class server) when Web Serial is missing', async () => {
    const { ctx, page } = await open(null);
    const banner = page.locator('#banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.getAttribute('data-key')).toBe('err.no_serial');
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('Chrome');
    expect(text).toContain('Edge');
    expect(text).toContain('pijat serve');
    expect(await page.locator('#connect').isDisabled()).toBe(true);
    await ctx.close();
  });

  it('says the port is busy when another program holds it', async () => {
    const { ctx, page } = await open({ openError: 'NetworkError' });
    await page.click('#connect');
    await page.locator('#banner').waitFor({ state: 'visible' });
    expect(await page.locator('#banner').getAttribute('data-key')).toBe('err.busy');
    expect(await page.locator('#stop').isVisible()).toBe(false);
    await ctx.close();
  });

  it('reconnects to a glove granted before without the chooser', async () => {
    const { ctx, page } = await open({ granted: true });
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== '' && !document.getElementById('connect-other')?.hidden);
    expect(await page.locator('#status').textContent()).toBe(web['status.known_port'].id);
    await page.click('#connect');
    await page.locator('#stop').waitFor({ state: 'visible' });
    const f = await page.evaluate(() => (window as unknown as { __fakeSerial: { requests: number; opened: number } }).__fakeSerial);
    expect(f.requests).toBe(0);
    expect(f.opened).toBe(1);
    // Stop with nothing received: a clear message, no empty score
    await page.click('#stop');
    await page.locator('#banner').waitFor({ state: 'visible' });
    expect(await page.locator('#banner').getAttribute('data-key')).toBe('err.no_data');
    expect(await page.locator('#result').isVisible()).toBe(false);
    await ctx.close();
  });

  it('blind mode hides every cue until the end, then shows the score', async () => {
    const { ctx, page } = await open({}, '?mode=blind');
    await page.click('#connect');
    await feedSerial(page, bytes.subarray(0, Math.floor(bytes.length * 0.1)), 4096);
    await page.waitForFunction(() => document.getElementById('blind-clock')?.textContent !== '0:00');
    expect(await page.locator('#live').isVisible()).toBe(false);
    expect(await page.locator('#blind').isVisible()).toBe(true);
    await page.click('#stop');
    await resultOf(page);
    expect(await page.locator('#blind').isVisible()).toBe(false);
    await ctx.close();
  });

  it('plays the simulator in the page for ?demo=, and says so for an unknown scenario', async () => {
    const { ctx, page } = await open({}, '?demo=no-such&speed=20');
    expect(await page.locator('#banner').getAttribute('data-key')).toBe('err.unknown_demo');
    expect(await page.locator('#status').textContent()).toBe(web['status.demo'].id.replace('{scenario}', SCENARIO_NAMES.good!.id));
    await page.click('#lang button[data-lang="en"]');
    expect(await page.locator('#status').textContent()).toBe('Demo: simulated glove (a trainee who follows the SOP).');
    await page.click('#lang button[data-lang="id"]');
    await page.waitForFunction(() => /\d/.test(document.querySelector('#cadence .cadence-value')?.textContent ?? ''), undefined, { timeout: 20_000 });
    expect(await page.locator('#pass-count').textContent()).toBe('1 / 3');
    // Stop ends the demo like a session: the score of what was played (under a minute: one pass)
    await page.click('#stop');
    const r = await resultOf(page);
    expect(r.passes).toBeLessThanOrEqual(1);
    expect(await page.locator('#stop').isVisible()).toBe(false);
    await ctx.close();
  }, 40_000);

  it('starts the metronome at the profile\'s target cadence only when asked', async () => {
    const { ctx, page } = await open({});
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    expect(await page.locator('#metronome').isChecked()).toBe(false);
    // sop-000's cadence target 1-2.5 Hz: the middle is 105 circles a minute
    expect(await page.locator('#metronome-label').textContent()).toBe(web['metronome.label'].id.replace('{cpm}', '105'));
    await page.check('#metronome');
    await page.waitForTimeout(300);
    await page.uncheck('#metronome');
    await page.selectOption('#profile', 'ward-003');
    const ward = loadBuiltinProfile('ward-003').criteria.cadence_hz.target;
    const cpm = Math.round(((ward.min + ward.max) / 2) * 60);
    expect(await page.locator('#metronome-label').textContent()).toBe(web['metronome.label'].id.replace('{cpm}', String(cpm)));
    // the gauge's band follows the profile too
    const band = loadBuiltinProfile('ward-003').criteria.force_n.target;
    expect(await page.locator('#gauge-left .gauge-target').textContent()).toContain(String(band.max).replace('.', ','));
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
