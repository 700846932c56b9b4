// The trainee page on the screens a skills lab has: two portrait tablets, a landscape tablet, a
// laptop/monitor and a 1024x768 projector. At every size and in both languages each hand's force
// value, its cue word and its target line, and the main cue, are wholly on the screen and not
// cut by their card, without scrolling. Checked by geometry; screenshots are written for a person
// (PIJAT_SCREENSHOTS=DIR, default a temporary folder named in the test output).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CHROMIUM, buildPages, hasChromium, launchChromium, serveStatic } from './helpers';

const SIZES: [number, number, string][] = [
  [768, 1024, 'portrait tablet'],
  [800, 1280, 'portrait tablet'],
  [1280, 800, 'landscape tablet'],
  [1920, 1080, 'monitor'],
  [1024, 768, 'projector'],
];

interface Box { sel: string; top: number; bottom: number; left: number; right: number; clipped: boolean; text: string }

describe.skipIf(!hasChromium())(`trainee page layouts${hasChromium() ? '' : ` (${NO_CHROMIUM})`}`, () => {
  let pages: Awaited<ReturnType<typeof buildPages>>;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  const shots = process.env.PIJAT_SCREENSHOTS ?? join(tmpdir(), 'pijat-screens');

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    pages = await buildPages();
    site = await serveStatic(pages.dir);
    browser = await launchChromium();
    console.log(`trainee page screenshots: ${shots}`);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    pages?.cleanup();
  });

  for (const [w, h, what] of SIZES) {
    for (const lang of ['id', 'en'] as const) {
      it(`${w}x${h} (${what}, ${lang}): force, cue and target of both hands fully visible`, async () => {
        const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
        const page = await ctx.newPage();
        await page.goto(`${site.url}/trainee/index.html?demo=too-hard&lang=${lang}`);
        await page.click(`#lang button[data-lang="${lang}"]`);
        // the demo glove presses too hard: both hands show a value and "too hard" within seconds
        await page.waitForFunction(() => [...document.querySelectorAll('.gauge-state')].every((e) => (e.textContent ?? '').trim().length > 0), null, { timeout: 20_000 });
        const boxes = await page.evaluate(() => {
          const out: Box[] = [];
          const add = (e: Element, sel: string): void => {
            const r = e.getBoundingClientRect();
            const card = e.closest('.gauge-col, .center') as HTMLElement | null;
            const c = card?.getBoundingClientRect();
            out.push({
              sel, top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: (e.textContent ?? '').trim(),
              clipped: !!c && (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5 || r.right > c.right + 0.5),
            });
          };
          for (const side of ['left', 'right']) {
            for (const part of ['gauge-value', 'gauge-state', 'gauge-target']) add(document.querySelector(`#gauge-${side} .${part}`)!, `${side} ${part}`);
          }
          add(document.querySelector('#cue')!, 'cue');
          return out;
        });
        await page.screenshot({ path: join(shots, `trainee-${w}x${h}-${lang}.png`) });
        for (const b of boxes) {
          expect(b.text.length, `${b.sel} has text`).toBeGreaterThan(0);
          expect(b.top, `${b.sel} top`).toBeGreaterThanOrEqual(0);
          expect(b.left, `${b.sel} left`).toBeGreaterThanOrEqual(0);
          expect(b.bottom, `${b.sel} bottom within ${h}`).toBeLessThanOrEqual(h);
          expect(b.right, `${b.sel} right within ${w}`).toBeLessThanOrEqual(w);
          expect(b.clipped, `${b.sel} cut by its card`).toBe(false);
        }
        expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
        await ctx.close();
      }, 60_000);
    }
  }

  it('shows too hard and too fast with different shapes (solid triangle vs double chevron)', async () => {
    const shapeOf = async (scenario: string, sel: string, want: string): Promise<string | null> => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(`${site.url}/trainee/index.html?demo=${scenario}&speed=8`);
      await page.waitForFunction(([q, w]) => document.querySelector(q!)?.getAttribute('data-shape') === w, [sel, want], { timeout: 30_000 }).catch(() => undefined);
      const shape = await page.locator(sel).getAttribute('data-shape');
      const visible = await page.locator(`${sel} .s-${want}`).first().isVisible();
      await ctx.close();
      return visible ? shape : null;
    };
    expect(await shapeOf('too-hard', '#cue', 'down')).toBe('down');
    expect(await shapeOf('too-fast', '#cadence', 'slower')).toBe('slower');
    expect(await shapeOf('too-slow', '#cadence', 'faster')).toBe('faster');
  }, 120_000);
});
