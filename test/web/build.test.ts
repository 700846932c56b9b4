// The page bundles: every page built into its folder with its script and styles, uPlot inside
// (the report's charts; the trainee page draws its live chart itself, in its scoring worker),
// nothing loaded from the network (skills labs are often offline), and an index linking them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPages } from './helpers';

describe('buildWeb', () => {
  let pages: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    pages = await buildPages();
  }, 60_000);
  afterAll(() => pages?.cleanup());

  it('writes each page with its script and styles, uPlot bundled in', () => {
    for (const p of ['trainee', 'report']) {
      const html = readFileSync(join(pages.dir, p, 'index.html'), 'utf8');
      expect(html).toContain('src="main.js"');
      expect(html).toContain('href="main.css"');
      const js = readFileSync(join(pages.dir, p, 'main.js'), 'utf8');
      expect(js.length, `${p}: bundle size`).toBeLessThan(600_000);
    }
    const css = readFileSync(join(pages.dir, 'report', 'main.css'), 'utf8');
    expect(css, "report: uPlot's stylesheet").toContain('.uplot');
    expect(existsSync(join(pages.dir, 'class', 'index.html'))).toBe(existsSync('host/web/class/index.html'));
  });

  it('bundles the trainee page\'s scoring worker beside its script', () => {
    const worker = readFileSync(join(pages.dir, 'trainee', 'live-worker.js'), 'utf8');
    expect(worker.length).toBeGreaterThan(10_000); // the decoder, the engine and the chart are inside
    expect(worker.length).toBeLessThan(600_000);
    expect(worker).not.toMatch(/import\(\s*["'`]https?:|importScripts\(/);
    const main = readFileSync(join(pages.dir, 'trainee', 'main.js'), 'utf8');
    expect(main).toContain('live-worker.js');
  });

  it('loads nothing from the network: no CDN script or stylesheet, no web font', () => {
    for (const p of ['trainee', 'report', 'class']) {
      const dir = join(pages.dir, p);
      if (!existsSync(dir)) continue;
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      expect(html, p).not.toMatch(/(src|href)="(https?:)?\/\//);
      const cssFile = join(dir, 'main.css');
      if (existsSync(cssFile)) {
        const css = readFileSync(cssFile, 'utf8');
        expect(css, p).not.toMatch(/@font-face|@import|url\((["']?)(https?:)?\/\//);
      }
      const js = readFileSync(join(dir, 'main.js'), 'utf8');
      expect(js, p).not.toMatch(/import\(\s*["'`]https?:|importScripts\(\s*["'`]https?:/);
    }
  });

  it('writes an index page linking every page in both languages', () => {
    const html = readFileSync(join(pages.dir, 'index.html'), 'utf8');
    expect(html).toContain('href="trainee/index.html"');
    expect(html).toContain('href="report/index.html"');
    expect(html).toContain('href="trainee/index.html?demo=good"');
    // the demo offers good and faulty trainees and the fading and exam modes, named in words
    for (const q of ['demo=too-hard', 'demo=too-fast', 'demo=one-hand', 'demo=good&amp;mode=fading', 'demo=good&amp;mode=blind']) {
      expect(html).toContain(`href="trainee/index.html?${q}"`);
    }
    expect(html).toContain('peserta yang menekan terlalu keras');
    expect(html).not.toMatch(/>too-hard<|>one-hand</);
    expect(html).toContain('Latihan (satu peserta, Web Serial)');
    expect(html).toContain('Practice (one trainee, Web Serial)');
    if (existsSync('host/web/class/index.html')) expect(html).toContain('href="class/index.html"');
  });
});
