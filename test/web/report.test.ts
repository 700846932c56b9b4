// The report page in Chromium, fed from the class server's REST API (answered here with
// page.route, shapes from host/server/API.md): one session with its checklist and series,
// a trainee's history, a cohort's pre/post table with CSV export; and printing to PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { simulate } from '../../host/sim/index';
import { createPipeline } from '../../shared/pipeline';
import { score } from '../../shared/engine/score';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { CHECKLIST_ITEMS } from '../../shared/i18n/sop';
import { PASS_EDGE } from '../../shared/i18n/report';
import { reportWithGapOverPassEnd } from '../engine/gap-captures';
import { web } from '../../shared/i18n/web';
import type { Report } from '../../shared/engine/report-schema';
import { NO_CHROMIUM, buildPages, hasChromium, launchChromium, serveStatic } from './helpers';

if (!hasChromium()) console.warn(NO_CHROMIUM);

interface Scored {
  report: Report;
  series: { t_s: number[]; left_n: (number | null)[]; right_n: (number | null)[]; cadence_hz: (number | null)[] };
}

/** Scores a simulated session the way the server does, with a 10 Hz series for the charts. */
function scoreSim(scenario: string, seed: number): Scored {
  const profile = loadBuiltinProfile('sop-000');
  const series: Scored['series'] = { t_s: [], left_n: [], right_n: [], cadence_hz: [] };
  let next = 0;
  const p = createPipeline({
    profile,
    source: 'live',
    onSample: (s) => {
      if (s.t_s < next) return;
      next = s.t_s + 0.1;
      series.t_s.push(s.t_s);
      series.left_n.push(s.left.thumb_n);
      series.right_n.push(s.right.thumb_n);
      series.cadence_hz.push(null);
    },
  });
  for (const chunk of simulate({ scenario, seed }).chunks(8192)) p.push(chunk);
  const report = score(p.summary(), profile, {
    source: 'live', samples: p.samples, rate_hz: 100, lost_frames: p.counters.lost_frames,
    crc_errors: p.counters.crc_errors, device_id: p.descriptor?.device_id ?? null,
  });
  return { report, series };
}

const STARTED = Date.UTC(2025, 2, 3, 2, 0, 0);

describe.skipIf(!hasChromium())('report page (Chromium)', () => {
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  let pages: { dir: string; cleanup: () => void };
  let good: Scored;
  let hard: Scored;

  beforeAll(async () => {
    mkdirSync('test/artifacts', { recursive: true });
    pages = await buildPages();
    site = await serveStatic(pages.dir);
    browser = await launchChromium();
    good = scoreSim('good', 11);
    hard = scoreSim('too-hard', 12);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    pages?.cleanup();
  });

  const trainee = { id: 1, nim: '2021001', name: 'Siti Aminah', cohort: 'Bidan 2025' };
  const row = (id: number, label: string, total: number | null, verdict: Report['verdict'] | null, day: number, who = trainee) => ({
    id, glove: 'sim-1', trainee: who, label, profile: 'sop-000', started_at: STARTED + day * 86_400_000,
    stopped_at: STARTED + day * 86_400_000 + 600_000, status: 'done', score_total: total, verdict,
  });

  async function open(path: string, api: (url: URL) => unknown): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(/\/api\//, async (route: Route) => {
      const url = new URL(route.request().url());
      const body = api(url);
      if (body === undefined) await route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","id":"tidak ada","en":"not found"}}' });
      else await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    });
    await page.goto(`${site.url}/report/index.html${path}`);
    expect(errors).toEqual([]);
    return { ctx, page };
  }

  it('shows a server session with its checklist, charts and cited SOP, and prints to A4', async () => {
    const ticked = ['prep_explain', 'orient_greet', 'work_fists'];
    const { ctx, page } = await open('?session=5', (u) =>
      u.pathname.endsWith('/api/sessions/5/report')
        ? { session: row(5, 'pre', good.report.score.total, good.report.verdict, 0), report: good.report, checklist: { items: CHECKLIST_ITEMS, ticked }, series: good.series }
        : undefined,
    );
    await page.locator('.session').waitFor();
    expect(await page.locator('.session .result-total').getAttribute('data-total')).toBe(String(good.report.score.total));
    expect(await page.locator('.session .verdict').getAttribute('data-verdict')).toBe(good.report.verdict);
    expect(await page.locator('.checklist li').count()).toBe(CHECKLIST_ITEMS.length);
    expect(await page.locator('.checklist li[data-done="true"]').count()).toBe(3);
    expect(await page.locator('.meta').textContent()).toContain('Siti Aminah · NIM 2021001 (Bidan 2025)');
    const sop = (await page.locator('.sop').textContent()) ?? '';
    expect(sop).toContain('SOP Pijat Oksitosin, dengan lembar observasi (Amaliyatussolehah, 2020)');
    expect(sop).toContain('pengukuran gaya pijat ibu jari Tuina');
    expect(sop).not.toMatch(/\.txt|\.md|seed|sop-000|press firmly|project choice/);
    expect(await page.locator('.checklist').textContent()).not.toMatch(/seed|\(000\)/);
    expect(await page.locator('.timeline .seg').count()).toBe(good.report.passes.length);
    await page.waitForFunction(() => document.querySelectorAll('#chart-force canvas').length > 0);
    // English switch re-renders the document
    await page.click('#lang button[data-lang="en"]');
    expect(await page.locator('.checklist h2').textContent()).toBe(web['report.checklist'].en);
    await page.click('#lang button[data-lang="id"]');

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    writeFileSync(join(tmpdir(), 'pijat-report-good.pdf'), pdf);
    // the printed layout as a picture for a person (A4 less margins is about 703 CSS px wide)
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1032 });
    await page.screenshot({ path: join(tmpdir(), 'pijat-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    // a normal session fits two A4 pages, sign-off lines included
    expect(pageCount, 'A4 pages').toBeGreaterThan(0);
    expect(pageCount, 'A4 pages').toBeLessThanOrEqual(2);
    const text = (await page.locator('.signoff').textContent()) ?? '';
    for (const k of ['report.sign.instructor', 'report.sign.signature', 'report.sign.date'] as const) expect(text).toContain(web[k].id);
    expect(text).toContain('Siti Aminah');
    // no buttons on paper
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#print').isVisible()).toBe(false);
    await ctx.close();
  }, 60_000);

  it('shows the deductions of a failed session with their reasons', async () => {
    expect(hard.report.verdict).toBe('fail');
    const { ctx, page } = await open('?session=6', (u) =>
      u.pathname.endsWith('/api/sessions/6/report')
        ? { session: row(6, 'post', hard.report.score.total, 'fail', 1), report: hard.report, checklist: { items: CHECKLIST_ITEMS, ticked: [] }, series: hard.series }
        : undefined,
    );
    await page.locator('.session').waitFor();
    const reasons = await page.locator('.deductions li .reason').allTextContents();
    expect(reasons.length).toBe(hard.report.deductions.length);
    expect(reasons.length).toBeGreaterThan(0);
    for (const d of hard.report.deductions) expect(reasons).toContain(d.reason.id);
    expect(await page.locator('.criteria tr[data-passed="false"]').count()).toBe(hard.report.score.criteria.filter((c) => !c.passed).length);
    await ctx.close();
  });

  it('makes the cohort pre/post table (mean, median, min, max, pass rate), the paired Wilcoxon test, and exports it as CSV', async () => {
    // Two trainees share the name Siti: they are different people (ids 1 and 2).
    const who = (id: number) => ({ id, nim: `20210${id}`, name: id <= 2 ? 'Siti' : `Peserta ${id}`, cohort: 'Bidan 2025' });
    const rows = [
      row(1, 'pre', 40, 'fail', 0, who(1)), row(2, 'pre', 55, 'fail', 0, who(2)), row(3, 'pre', 70, 'pass', 0, who(3)),
      row(4, 'post', 80, 'pass', 7, who(1)), row(5, 'post', 91, 'pass', 7, who(2)), row(6, 'post', 85, 'pass', 7, who(3)), row(7, 'post', 100, 'pass', 7, who(4)),
      row(8, 'latihan', 66, 'pass', 3, who(1)),
    ];
    const reportFor = (id: number): Report => (id <= 3 ? hard.report : good.report);
    const { ctx, page } = await open(`?cohort=${encodeURIComponent('Bidan 2025')}`, (u) => {
      if (u.pathname.endsWith('/api/sessions') && u.searchParams.get('cohort') === 'Bidan 2025') return { sessions: rows };
      const m = u.pathname.match(/\/api\/sessions\/(\d+)$/);
      if (m) return { session: rows[Number(m[1]) - 1], report: reportFor(Number(m[1])), checklist: { items: [], ticked: [] } };
      return undefined;
    });
    await page.locator('.prepost').waitFor();
    const cells = async (phase: string): Promise<string[]> => page.locator(`.prepost tr[data-phase="${phase}"] td`).allTextContents();
    expect(await cells('pre')).toEqual(['3', '55,00', '55,00', '40,00', '70,00', '33 %']);
    expect(await cells('post')).toEqual(['4', '89,00', '88,00', '80,00', '100,00', '100 %']);
    // Pairs: trainees 1-3 (changes +40, +36, +15); exact two-sided p = 2/2^3.
    const total = await page.locator('.paired tr[data-key="total"] td').allTextContents();
    expect(total.slice(1)).toEqual(['3', '+36,0', '0,250', web['cohort.p_exact'].id]);
    expect(await page.locator('.cohort').textContent()).toContain(web['cohort.unlabelled'].id.replace('{n}', '1'));
    // per-criterion change: pre sessions scored like too-hard, post like good
    const forcePre = hard.report.score.criteria.filter((c) => c.id.startsWith('force_n'));
    const meanPre = forcePre.reduce((a, c) => a + c.score, 0) / forcePre.length;
    const perCrit = await page.locator('.cohort table.grid').nth(1).locator('tbody tr').allTextContents();
    expect(perCrit.some((t) => t.includes(meanPre.toFixed(1).replace('.', ',')))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=' + web['csv.table'].id)]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n').slice(0, 3)).toEqual(['phase,n,mean,median,min,max,pass_rate_pct', 'pre,3,55,55,40,70,33.33', 'post,4,89,88,80,100,100']);
    expect(csv).toContain('measure,pairs,median_change,wilcoxon_statistic,p_value,p_method\r\ntotal,3,36,0,0.25,exact');
    expect(csv).toContain('criterion,pre_mean,post_mean,change');
    expect(await page.locator('a[href$="/api/cohorts/Bidan%202025/csv"]').count()).toBe(1);
    await ctx.close();
  });

  it('shows a trainee\'s history with the score trend', async () => {
    // another Siti Aminah (another NIM) has a session too: the page keeps to trainee 1
    const other = { id: 2, nim: '2021077', name: 'Siti Aminah', cohort: 'Bidan 2025' };
    const rows = [row(3, 'pre', 48, 'fail', 0), row(9, 'latihan', 71, 'pass', 2), row(12, 'post', 88, 'pass', 5), row(13, 'pre', 20, 'fail', 5, other)];
    const { ctx, page } = await open(`?trainee=${encodeURIComponent('Siti Aminah')}&tid=1`, (u) =>
      // by id (GET /api/sessions?trainee_id=); the page keeps to that id whatever comes back
      u.pathname.endsWith('/api/sessions') && u.searchParams.get('trainee_id') === '1' ? { sessions: rows } : undefined,
    );
    await page.locator('.history table').waitFor();
    expect(await page.locator('.history h1').textContent()).toBe(web['history.title'].id.replace('{trainee}', 'Siti Aminah · NIM 2021001'));
    expect(await page.locator('.history tbody tr').count()).toBe(3);
    expect(await page.locator('.history tbody tr a[href="?session=12"]').count()).toBe(1);
    await page.waitForFunction(() => document.querySelectorAll('#chart-trend canvas').length > 0);
    await ctx.close();
  });

  it('marks a pass whose end fell in a data gap, on the timeline and in the list, in both languages', async () => {
    const report = reportWithGapOverPassEnd();
    expect(report.passes[0]!.ended_in_gap).toBe(true);
    const { ctx, page } = await open('?session=8', (u) =>
      u.pathname.endsWith('/api/sessions/8/report')
        ? { session: row(8, 'pre', report.score.total, report.verdict, 0), report, checklist: { items: CHECKLIST_ITEMS, ticked: [] }, series: good.series }
        : undefined,
    );
    await page.locator('.session').waitFor();
    expect(await page.locator('.timeline .seg[data-gap-end="true"]').count()).toBe(1);
    // Shorter than the band as recorded, but judged on what was recorded: on target, as the criteria say.
    expect(report.passes[0]!.duration_s).toBeLessThan(120);
    expect(await page.locator('.timeline .seg').first().getAttribute('data-ok')).toBe('true');
    expect(await page.locator('.passes li').first().getAttribute('data-ok')).toBe('true');
    expect(await page.locator('.passes li').first().textContent()).toContain(PASS_EDGE.gapEnd.id);
    await page.click('#lang button[data-lang="en"]');
    expect(await page.locator('.passes li').first().textContent()).toContain(PASS_EDGE.gapEnd.en);
    expect(await page.locator('.passes li').nth(1).textContent()).not.toContain(PASS_EDGE.gapEnd.en);
    await ctx.close();
  });

  it('says what to do when there is no report and no server', async () => {
    const { ctx, page } = await open('', () => undefined);
    await page.locator('.banner[data-key="report.none"]').waitFor();
    expect(await page.locator('.banner').textContent()).toBe(web['report.none'].id);
    await ctx.close();
  });

  it('names the session and the cause when the server cannot give the report', async () => {
    const { ctx, page } = await open('?session=77', () => undefined);
    await page.locator('.banner[data-key="report.load_failed"]').waitFor();
    const text = (await page.locator('.banner').textContent()) ?? '';
    expect(text).toContain('77');
    expect(text).toContain('tidak ada');
    await ctx.close();
  });
});
