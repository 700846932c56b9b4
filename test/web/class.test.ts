// The instructor's class page in the real Chromium against the real `pijat serve` (spawned
// through bin/pijat.mjs): four simulated tiles whose values move, the English switch, a session
// started and stopped from the page, the checklist, the trainee view link, and LAN mode's token
// (refused without it, working with it, reached through 127.0.0.1). Leaves a screenshot in
// test/artifacts/class-view.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NO_CHROMIUM, buildPages, hasChromium, launchChromium } from './helpers';
import { classStrings } from '../../shared/i18n/web-class';

const ARTIFACTS = 'test/artifacts';

if (!hasChromium()) console.warn(NO_CHROMIUM);

interface Served {
  child: ChildProcess;
  url: string;
  token: string | null;
  out: string;
}

/** `node bin/pijat.mjs serve ...` until it prints its URL. */
function serve(args: string[], webRoot: string, dataDir: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/pijat.mjs', 'serve', '--port', '0', '--no-open', '--data', dataDir, ...args], {
      env: { ...process.env, PIJAT_WEB_ROOT: webRoot, PIJAT_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /Class view: (https?:\/\/127\.0\.0\.1:\d+\/)(\?token=(\S+))?/.exec(out);
      if (m && /Press Ctrl\+C/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, token: m[3] ?? null, out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
  });
}

function stop(s: Served | undefined): Promise<void> {
  if (!s || s.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

/** Each tile's changing texts (force values, timer, light), by glove id. */
function tileValues(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.tile', (tiles) =>
    Object.fromEntries(
      tiles.map((t) => [
        (t as HTMLElement).dataset.glove!,
        [...t.querySelectorAll('.val, .timer, .cue')].map((e) => e.textContent).join('|') + '|' + (t as HTMLElement).dataset.light,
      ]),
    ),
  );
}

describe.skipIf(!hasChromium())('class page (Chromium, pijat serve)', () => {
  let browser: Browser;
  let pages: { dir: string; cleanup: () => void };
  let tmp: string;
  let local: Served | undefined;
  let lan: Served | undefined;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pijat-class-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    pages = await buildPages();
    [local, browser] = await Promise.all([serve(['--sim', '4'], pages.dir, join(tmp, 'local')), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([stop(local), stop(lan)]);
    pages?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('shows four tiles whose values update, in Bahasa Indonesia by default', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(local!.url + 'class/');
    await page.waitForFunction(() => document.querySelectorAll('.tile').length === 4, null, { timeout: 15_000 });
    expect(await page.textContent('h1')).toBe(classStrings.heading.id);
    expect(await page.locator('.tile').evaluateAll((ts) => ts.map((t) => (t as HTMLElement).dataset.glove))).toEqual([
      'sim-1', 'sim-2', 'sim-3', 'sim-4',
    ]);
    const first = await tileValues(page);
    // Every tile changes within a few seconds (forces, timer or light move with the trainee).
    await page.waitForFunction(
      (before) => {
        const now: Record<string, string> = {};
        for (const t of document.querySelectorAll<HTMLElement>('.tile')) {
          now[t.dataset.glove!] = [...t.querySelectorAll('.val, .timer, .cue')].map((e) => e.textContent).join('|') + '|' + t.dataset.light;
        }
        return Object.keys(before).every((k) => now[k] !== before[k]);
      },
      first,
      { timeout: 15_000, polling: 250 },
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs a session from the page: trainee name, start, checklist, stop', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    await page.goto(local!.url + 'class/');
    const tile = page.locator('.tile[data-glove="sim-1"]');
    await tile.waitFor();
    await tile.locator('.trainee .name').click();
    // the roster picker: nobody matches, so Enter offers a new trainee (name filled in, NIM optional)
    await tile.locator('.trainee .picker input').fill('Siti Aminah');
    await tile.locator('.trainee .picker input').press('Enter');
    await tile.locator('.picker-new input[name="nim"]').press('Enter');
    await expect.poll(() => tile.locator('.trainee .name').textContent(), { timeout: 5000 }).toBe('Siti Aminah');

    await tile.locator('.tile-foot input').fill('pre-test');
    await tile.locator('button.start').click();
    await expect.poll(() => tile.locator('.state').textContent(), { timeout: 5000 }).toContain(classStrings.recording.id);

    await tile.locator('.tile-foot button', { hasText: classStrings.checklist.id }).click();
    const box = page.locator('#panel input[data-item="orient_greet"]');
    await box.check();
    await expect.poll(() => tile.locator('.tile-foot').textContent(), { timeout: 5000 }).toContain('1/22');

    // The session exists in the store, with the name, the label and the tick.
    const api = await page.evaluate(async () => (await fetch('/api/sessions')).json());
    const session = (api as { sessions: { id: number; label: string; trainee: { name: string } }[] }).sessions[0]!;
    expect(session.label).toBe('pre-test');
    expect(session.trainee.name).toBe('Siti Aminah');
    const detail = await page.evaluate(async (id) => (await fetch(`/api/sessions/${id}`)).json(), session.id);
    expect((detail as { checklist: { ticked: string[] } }).checklist.ticked).toEqual(['orient_greet']);

    await page.waitForTimeout(1500); // a little live time for the screenshot
    // sensor scores and checklist are named in words, never by criterion id (pass_duration_s.1)
    expect(await page.locator('#panel').textContent()).not.toMatch(/[a-z]+_[a-z]+|\.\d\b|\bleft\b|\bright\b/);
    await page.screenshot({ path: join(ARTIFACTS, 'class-view.png') });

    await tile.locator('button.stop').click();
    await expect.poll(() => tile.locator('.state').textContent(), { timeout: 5000 }).toContain(classStrings.stopped.id);
    const after = await page.evaluate(async (id) => (await fetch(`/api/sessions/${id}`)).json(), session.id);
    expect((after as { session: { status: string }; report: { recording: { samples: number } } }).session.status).toBe('complete');
    expect((after as { report: { recording: { samples: number } } }).report.recording.samples).toBeGreaterThan(50);
    await page.close();
  });

  it('switches to English', async () => {
    const page = await browser.newPage();
    await page.goto(local!.url + 'class/');
    await page.locator('.tile').first().waitFor();
    await page.click('button[data-lang="en"]');
    expect(await page.textContent('h1')).toBe(classStrings.heading.en);
    await expect.poll(() => page.locator('.tile[data-glove="sim-2"] button.start').textContent()).toBe(classStrings.start.en);
    expect(await page.locator('.tile[data-glove="sim-2"] .score .lbl').textContent()).toBe(classStrings.score.en);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // Remembered on reload.
    await page.reload();
    await page.locator('.tile').first().waitFor();
    expect(await page.textContent('h1')).toBe(classStrings.heading.en);
    await page.click('button[data-lang="id"]');
    expect(await page.textContent('h1')).toBe(classStrings.heading.id);
    await page.close();
  });

  it('opens the trainee view of a glove from its tile', async () => {
    const page = await browser.newPage();
    await page.goto(local!.url + 'class/');
    await page.locator('.tile[data-glove="sim-3"] a.live').click();
    await page.waitForURL(/\/trainee\/\?glove=sim-3$/);
    await page.close();
  });

  it('refuses the page without the token in LAN mode and works with it', async () => {
    lan = await serve(['--host', '0.0.0.0', '--sim', '1'], pages.dir, join(tmp, 'lan'));
    expect(lan.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(lan.out).toContain('▄'); // the QR code
    expect(lan.url).toMatch(/^https:/); // LAN mode is HTTPS (a certificate made in the data folder)
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await ctx.newPage();
    const refused = await page.goto(lan.url + 'class/');
    expect(refused!.status()).toBe(401);
    const api = await page.goto(lan.url + 'api/gloves');
    expect(api!.status()).toBe(401);
    const ok = await page.goto(`${lan.url}class/?token=${lan.token}`);
    expect(ok!.status()).toBe(200);
    expect(page.url()).toBe(lan.url + 'class/'); // the token left the address bar
    await page.locator('.tile[data-glove="sim-1"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('#conn').getAttribute('class'), { timeout: 10_000 }).not.toContain('down');
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === `pijat_token_${new URL(lan!.url).port}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
    await ctx.close();
  });
});
