// Bundles every page into dist/web/<page>/ (index.html copied, main.js + main.css from
// host/web/<page>/main.ts with uPlot and the shared code inside: no CDN, no web fonts; a page's
// Web Worker as <name>.js beside it) and writes dist/web/index.html linking the pages.
// The result works from any static server.
import { SCENARIO_NAMES } from '../../shared/i18n/scenarios';
import { build, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { web, type WebKey } from '../../shared/i18n/web';
import { rosterStrings } from '../../shared/i18n/web-roster';

export const WEB_PAGES = ['trainee', 'class', 'roster', 'report'] as const;
export const WEB_OUT = 'dist/web';
/** The trainee page scores and draws its chart in a worker (host/web/trainee/live-link.ts). */
export const WEB_WORKERS = [{ page: 'trainee', name: 'live-worker' }] as const;

export async function buildWeb(outdir: string = WEB_OUT): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const pages = WEB_PAGES.filter((p) => {
    const ok = existsSync(join('host/web', p, 'main.ts')) && existsSync(join('host/web', p, 'index.html'));
    if (!ok) console.warn(`web: host/web/${p}/ has no main.ts + index.html yet; page skipped`);
    return ok;
  });
  // Web Workers a page starts, bundled next to its main.js (host/web/<page>/<name>.ts).
  const workers = WEB_WORKERS.filter((w) => pages.includes(w.page) && existsSync(join('host/web', w.page, `${w.name}.ts`)));
  await build({
    entryPoints: [
      ...pages.map((p) => ({ in: join('host/web', p, 'main.ts'), out: `${p}/main` })),
      ...workers.map((w) => ({ in: join('host/web', w.page, `${w.name}.ts`), out: `${w.page}/${w.name}` })),
    ],
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    // Assets referenced from CSS are inlined so every page stays a few plain files.
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    plugins: [zodWithoutLocales],
    logLevel: 'warning',
  });
  for (const p of pages) copyFileSync(join('host/web', p, 'index.html'), join(outdir, p, 'index.html'));
  writeFileSync(join(outdir, 'index.html'), indexPage(pages));
}

/**
 * zod re-exports every error-message locale (`z.locales`, `core.locales`: ~250 kB minified)
 * and esbuild cannot drop them; the pages never read `z.locales` (English is registered
 * separately by zod itself), so that one module is replaced by an empty one.
 */
const zodWithoutLocales: Plugin = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** The landing page, in both languages at once (it has no script). */
function indexPage(pages: readonly string[]): string {
  const both = (k: WebKey): string => `<span lang="id">${esc(web[k].id)}</span><span lang="en">${esc(web[k].en)}</span>`;
  const card = (href: string, title: WebKey, desc: WebKey): string =>
    `<li><a href="${href}"><strong>${both(title)}</strong></a><p>${both(desc)}</p></li>`;
  const both2 = (e: { id: string; en: string }): string => `<span lang="id">${esc(e.id)}</span><span lang="en">${esc(e.en)}</span>`;
  const items: string[] = [];
  if (pages.includes('trainee')) {
    items.push(card('trainee/index.html', 'index.trainee', 'index.trainee.desc'));
  }
  if (pages.includes('class')) items.push(card('class/index.html', 'index.class', 'index.class.desc'));
  if (pages.includes('roster')) {
    items.push(`<li><a href="roster/index.html"><strong>${both2(rosterStrings.link)}</strong></a><p>${both2(rosterStrings.front_desc)}</p></li>`);
  }
  if (pages.includes('report')) items.push(card('report/index.html', 'index.report', 'index.report.desc'));
  // The demo: the simulated trainee played in the page, no glove needed; good and faulty
  // trainees, and the fading and exam feedback modes.
  const demoLink = (query: string, label: string): string => `<li><a href="trainee/index.html?${esc(query)}">${label}</a></li>`;
  const demo = pages.includes('trainee')
    ? `<h2>${both('index.demo')}</h2>
<p>${both('index.demo.desc')}</p>
<ul class="demo">
${DEMO_SCENARIOS.map((sc) => demoLink(`demo=${sc}`, both2(SCENARIO_NAMES[sc]!))).join('\n')}
${demoLink('demo=good&mode=fading', both('index.demo.fading'))}
${demoLink('demo=good&mode=blind', both('index.demo.blind'))}
</ul>`
    : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pijat</title>
<style>
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; color: #111827; }
h1 { font-size: 1.8rem; }
ul { list-style: none; padding: 0; }
li { border: 2px solid #d1d5db; border-radius: 10px; padding: .8rem 1rem; margin: .8rem 0; }
a { color: #1d4ed8; font-size: 1.3rem; }
p { margin: .3rem 0 0; color: #4b5563; }
span[lang='en'] { display: block; color: #6b7280; font-size: .9em; font-weight: normal; }
.demo li { padding: .4rem 1rem; margin: .4rem 0; }
.demo a { font-size: 1.05rem; }
h2 { font-size: 1.3rem; margin-top: 1.6rem; }
</style>
</head>
<body>
<h1>${both('index.title')}</h1>
<p>${both('index.intro')}</p>
<ul>
${items.join('\n')}
</ul>
${demo}
</body>
</html>
`;
}

const DEMO_SCENARIOS = ['good', 'too-hard', 'too-light', 'too-fast', 'too-slow', 'one-hand'] as const;

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
