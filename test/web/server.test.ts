// The pages against the real class server (host/server, one simulated glove): the trainee page
// in ?glove= mode follows the glove over the WebSocket, shows the server's score when the
// session stops, and the report page renders that session from the REST API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../host/server/index';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { CHECKLIST_ITEMS } from '../../shared/i18n/sop';
import { web } from '../../shared/i18n/web';
import type { Report } from '../../shared/engine/report-schema';
import { NO_CHROMIUM, buildPages, hasChromium, launchChromium } from './helpers';
import { restClient } from './rest-client';

if (!hasChromium()) console.warn(NO_CHROMIUM);

describe.skipIf(!hasChromium())('pages with the class server (Chromium)', () => {
  let browser: Browser;
  let server: RunningServer;
  let pages: { dir: string; cleanup: () => void };
  let data: string;
  let base: string;

  beforeAll(async () => {
    mkdirSync('test/artifacts', { recursive: true });
    pages = await buildPages();
    data = mkdtempSync(join(tmpdir(), 'pijat-web-server-'));
    server = await startServer({
      port: 0, dataDir: data, sim: 1, gloves: false, webRoot: pages.dir, profile: loadBuiltinProfile('sop-000'),
      scenarios: ['good'], seed: 4, simSpeed: 12,
    });
    base = server.url.replace(/\/$/, '');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    pages?.cleanup();
    if (data) rmSync(data, { recursive: true, force: true });
  });

  const api = restClient(() => base);

  it('follows a glove live, shows the server\'s score at the stop, and opens its report', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/trainee/index.html?glove=sim-1`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('#gauge-left .gauge-value')?.textContent ?? ''));
    expect(await page.locator('#connect').isVisible()).toBe(false);
    // the server's Content-Security-Policy lets the page start its worker (marks and chart)
    await page.waitForFunction(() => document.body.dataset.scoring !== 'starting');
    expect(await page.evaluate(() => document.body.dataset.scoring)).toBe('worker');
    expect(await page.locator('#status').textContent()).not.toBe(web['status.ws_connecting'].id);

    const { session } = await api<{ session: { id: number } }>('POST', '/api/sessions', { glove: 'sim-1', label: 'pre' });
    // about 70 s of glove time at 12x
    await page.waitForTimeout(6000);
    await page.waitForFunction(() => document.querySelectorAll('#chart canvas').length > 0);
    const stopped = await api<{ report: Report }>('POST', `/api/sessions/${session.id}/stop`);
    await page.locator('#result').waitFor({ state: 'visible', timeout: 15_000 });
    const total = await page.locator('.result-total').getAttribute('data-total');
    expect(total).toBe(stopped.report.score.total === null ? '' : String(stopped.report.score.total));
    expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe(stopped.report.verdict);
    expect(Number(await page.locator('.result-passes').getAttribute('data-passes'))).toBe(stopped.report.passes.length);

    await page.click('#open-report');
    await page.waitForURL(/report\/index\.html\?session=/);
    await page.locator('.session').waitFor();
    expect(await page.locator('.session .result-total').getAttribute('data-total')).toBe(total);
    expect(await page.locator('.checklist li').count()).toBe(CHECKLIST_ITEMS.length);
    await page.waitForFunction(() => document.querySelectorAll('#chart-force canvas').length > 0);
    await page.screenshot({ path: 'test/artifacts/report-server.png', fullPage: true });
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);
});
