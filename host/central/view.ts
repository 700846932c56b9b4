// `pijat serve --central URL`: the programme-wide view, read only. An overview page (the pooled
// pre/post table filtered by lab, cohort and period; labs x cohorts with links), the report
// page's cohort view fed from the central database (the same /api/sessions routes the class
// server answers from the lab's store), and the pooled CSV with its data dictionary.
// Nothing here writes: connect with the analyst's role.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type pg from 'pg';
import { fill, type Entry, type Lang } from '../../shared/i18n/index';
import { CENTRAL as C } from '../../shared/i18n/central';
import { criterionLabel } from '../../shared/i18n/report';
import { openCentral, type Central } from './connect';
import { pooledCohorts, pooledRows, prePostTable, type PooledFilter } from './pooled';
import { dictionaryCsv, pooledCsv } from './export';

export interface CentralView {
  url: string;
  where: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.svg': 'image/svg+xml', '.json': 'application/json',
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(body);
}

function filterOf(q: URLSearchParams): PooledFilter {
  const v = (k: string): string | undefined => {
    const x = q.get(k)?.trim();
    return x ? x : undefined;
  };
  const date = (k: string): string | undefined => {
    const x = v(k);
    return x && /^\d{4}-\d{2}-\d{2}$/.test(x) && !Number.isNaN(Date.parse(x)) ? x : undefined;
  };
  return { lab: v('lab'), cohort: v('cohort'), from: date('from'), to: date('until') };
}

async function sessionRows(pool: pg.Pool, q: URLSearchParams): Promise<unknown[]> {
  const r = await pool.query<{ uuid: string; trainee_uuid: string | null; who: string | null; cohort: string | null; label: string | null;
    profile: string; started: Date; ended: Date | null; status: string; total: number | null; verdict: string | null; lab: string }>(
    `SELECT s.uuid, s.trainee_uuid, coalesce(t.name, t.pseudonym) AS who, t.cohort, s.label, s.profile, s.started, s.ended, s.status,
       r.total, r.verdict, s.lab
     FROM pijat.sessions s LEFT JOIN pijat.trainees t ON t.uuid = s.trainee_uuid LEFT JOIN pijat.reports r ON r.session_uuid = s.uuid
     WHERE ($1::text IS NULL OR coalesce(t.cohort, '') = $1) AND ($2::text IS NULL OR coalesce(t.name, t.pseudonym) = $2)
       AND ($3::text IS NULL OR coalesce(s.label, '') = $3)
     ORDER BY s.started, s.uuid`,
    [q.get('cohort'), q.get('trainee'), q.get('label')],
  );
  return r.rows.map((s) => ({
    id: s.uuid,
    glove: s.lab,
    trainee: s.trainee_uuid && s.who ? { id: s.trainee_uuid, name: s.who, cohort: s.cohort ?? '' } : null,
    label: s.label ?? '',
    profile: s.profile,
    started_at: s.started.getTime(),
    stopped_at: s.ended ? s.ended.getTime() : null,
    status: s.status,
    score_total: s.total === null ? null : Number(s.total),
    verdict: s.verdict,
  }));
}

async function overview(pool: pg.Pool, q: URLSearchParams, lang: Lang, where: string): Promise<string> {
  const L = (e: Entry, p?: Record<string, string | number>): string => esc(fill(e[lang], p));
  const f = filterOf(q);
  const rows = await pooledRows(pool, f);
  const tbl = prePostTable(rows);
  const cohorts = await pooledCohorts(pool);
  const labs = [...new Set(cohorts.map((c) => c.lab))];
  const names = [...new Set(cohorts.map((c) => c.cohort))];
  const num = (x: number | null, d: number): string => (x === null ? '–' : x.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: d, minimumFractionDigits: d }));
  const opt = (v: string, sel: string | undefined, text = v): string => `<option value="${esc(v)}"${v === sel ? ' selected' : ''}>${esc(text || '–')}</option>`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ lab: f.lab, cohort: f.cohort, from: f.from, until: f.to })) if (v) params.set(k, v);
  const phaseRows = tbl.phases
    .map((p) => `<tr><th>${L(p.phase === 'pre' ? C.phase_pre : C.phase_post)}</th><td>${p.total?.n ?? 0}</td><td>${num(p.total?.mean ?? null, 2)}</td><td>${num(p.total?.median ?? null, 2)}</td><td>${num(p.total?.min ?? null, 2)}</td><td>${num(p.total?.max ?? null, 2)}</td><td>${p.passRate === null ? '–' : num(p.passRate * 100, 0) + ' %'}</td></tr>`)
    .join('');
  const critRows = tbl.criteria
    .map((c) => `<tr><th>${esc(criterionLabel(c.key, lang))}</th><td>${num(c.pre?.mean ?? null, 1)}</td><td>${num(c.post?.mean ?? null, 1)}</td><td>${c.change === null ? '–' : (c.change >= 0 ? '+' : '') + num(c.change, 1)}</td></tr>`)
    .join('');
  const pairedRows = tbl.paired
    .filter((x) => x.pairs > 0)
    .map((x) => `<tr><th>${x.key === 'total' ? L(C.col_total_score) : esc(criterionLabel(x.key, lang))}</th><td>${x.pairs}</td><td>${num(x.medianChange, 1)}</td><td>${x.test ? num(x.test.p, 3) : '–'}</td></tr>`)
    .join('');
  const grid = cohorts
    .map((c) => `<tr><td>${esc(c.lab)}</td><td><a href="report/?cohort=${encodeURIComponent(c.cohort)}">${esc(c.cohort || '–')}</a></td><td>${c.sessions}</td></tr>`)
    .join('');
  const other = lang === 'id' ? 'en' : 'id';
  const selfLink = new URLSearchParams(params);
  selfLink.set('lang', other);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${L(C.view_title)}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#2b2622}table{border-collapse:collapse;margin:.5rem 0 1.2rem}
th,td{border:1px solid #e3dcd2;padding:.3rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}form{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end}
label{display:flex;flex-direction:column;font-size:.85rem}.muted{color:#7a7068}</style></head><body>
<p style="float:right"><a href="?${esc(selfLink.toString())}">${other.toUpperCase()}</a></p>
<h1>${L(C.view_title)}</h1>
<p class="muted">${L(C.view_read_only, { where })}</p>
<form method="get"><input type="hidden" name="lang" value="${lang}">
<label>${L(C.view_lab)}<select name="lab">${opt('', f.lab, fill(C.prepost_all[lang], {}))}${labs.map((l) => opt(l, f.lab)).join('')}</select></label>
<label>${L(C.view_cohort)}<select name="cohort">${opt('', f.cohort, fill(C.prepost_all[lang], {}))}${names.filter(Boolean).map((c) => opt(c, f.cohort)).join('')}</select></label>
<label>${L(C.opt_from)}<input type="date" name="from" value="${esc(f.from ?? '')}"></label>
<label>${L(C.opt_until)}<input type="date" name="until" value="${esc(f.to ?? '')}"></label>
<button>${L(C.view_apply)}</button></form>
<h2>${L(C.prepost_title, { sessions: rows.length, labs: new Set(rows.map((r) => r.lab)).size, cohort: f.cohort ?? fill(C.prepost_all[lang], {}) })}</h2>
<table><thead><tr><th>${L(C.col_phase)}</th><th>${L(C.col_n)}</th><th>${L(C.col_mean)}</th><th>${L(C.col_median)}</th><th>${L(C.col_min)}</th><th>${L(C.col_max)}</th><th>${L(C.col_pass_rate)}</th></tr></thead><tbody>${phaseRows}</tbody></table>
${critRows ? `<table><thead><tr><th>${L(C.col_criterion)}</th><th>${L(C.phase_pre)}</th><th>${L(C.phase_post)}</th><th>${L(C.col_change)}</th></tr></thead><tbody>${critRows}</tbody></table>` : ''}
${pairedRows ? `<h3>${L(C.paired_title)}</h3><table><thead><tr><th>${L(C.col_criterion)}</th><th>${L(C.col_pairs)}</th><th>${L(C.col_median_change)}</th><th>${L(C.col_p)}</th></tr></thead><tbody>${pairedRows}</tbody></table>` : ''}
${tbl.leftOut > 0 ? `<p class="muted">${L(C.prepost_unlabelled, { n: tbl.leftOut })}</p>` : ''}
<p><a href="api/central/sessions.csv?${esc(params.toString())}">${L(C.view_csv)}</a> · <a href="api/central/dictionary.csv">${L(C.view_dictionary)}</a></p>
<h2>${L(C.view_cohorts)}</h2>
<table><thead><tr><th>${L(C.view_lab)}</th><th>${L(C.view_cohort)}</th><th>${L(C.view_sessions)}</th></tr></thead><tbody>${grid}</tbody></table>
</body></html>`;
}

async function serveStatic(webRoot: string, path: string, res: ServerResponse): Promise<boolean> {
  if (!path.startsWith('/report/')) return false;
  const rel = normalize(decodeURIComponent(path.slice(1)) + (path.endsWith('/') ? 'index.html' : ''));
  if (rel.startsWith('..') || rel.includes(`${sep}..`)) return false;
  try {
    const body = await readFile(join(webRoot, rel));
    send(res, 200, TYPES[extname(rel)] ?? 'application/octet-stream', body);
    return true;
  } catch {
    return false;
  }
}

/** Starts the read-only central view on host:port (loopback). */
export async function startCentralView(opts: { url: string; host: string; port: number; webRoot: string }): Promise<CentralView> {
  const central: Central = await openCentral(opts.url, 4);
  const pool = central.pool;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://x');
    const lang: Lang = u.searchParams.get('lang') === 'en' ? 'en' : 'id';
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', `${C.view_read_only_short.id}\n${C.view_read_only_short.en}\n`);
    const p = u.pathname;
    if (p === '/' || p === '/index.html') return send(res, 200, 'text/html; charset=utf-8', await overview(pool, u.searchParams, lang, central.target.where));
    if (p === '/api/sessions') return send(res, 200, 'application/json', JSON.stringify({ sessions: await sessionRows(pool, u.searchParams) }));
    const one = /^\/api\/sessions\/([0-9a-f-]{36})$/.exec(p);
    if (one) {
      const r = await pool.query<{ report: unknown }>('SELECT report FROM pijat.reports WHERE session_uuid = $1', [one[1]]);
      return send(res, 200, 'application/json', JSON.stringify({ report: r.rows[0]?.report ?? null }));
    }
    if (p === '/api/central/sessions.csv') {
      const r = await pooledCsv(pool, filterOf(u.searchParams));
      return send(res, 200, 'text/csv; charset=utf-8', r.csv, { 'Content-Disposition': 'attachment; filename="pijat-pooled-sessions.csv"' });
    }
    if (p === '/api/central/dictionary.csv') {
      return send(res, 200, 'text/csv; charset=utf-8', dictionaryCsv(), { 'Content-Disposition': 'attachment; filename="pijat-pooled-dictionary.csv"' });
    }
    if (await serveStatic(opts.webRoot, p, res)) return;
    send(res, 404, 'text/plain; charset=utf-8', `${C.view_not_found.id}\n${C.view_not_found.en}\n`);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 503, 'text/plain; charset=utf-8', `${fill(C.view_db_error.id, { where: central.target.where })}\n${fill(C.view_db_error.en, { where: central.target.where })}\n`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/`,
    where: central.target.where,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await central.close();
    },
  };
}
