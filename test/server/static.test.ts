// Static pages: traversal in every spelling is refused (never the file beside the web root),
// content types are right, directories are never listed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeRelativePath } from '../../host/server/static';
import { SECRET, raw, startTestServer, type TestServer } from './helpers';

let t: TestServer;
let port: number;

beforeAll(async () => {
  t = await startTestServer({ sim: 0 });
  port = t.server.port;
});
afterAll(async () => {
  await t?.close();
});

const ATTACKS = [
  '/../secret.txt',
  '/class/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/secret.txt',
  '/.%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/class/..%2f..%2fsecret.txt',
  '/class%2f..%2f..%2fsecret.txt',
  '/%252e%252e/secret.txt',
  '/..\\secret.txt',
  '/class\\..\\..\\secret.txt',
  '/%5c..%5csecret.txt',
  '/..%5c..%5csecret.txt',
  '//secret.txt',
  '/%2Ftmp/secret.txt',
  '/C:/secret.txt',
  '/c:%5csecret.txt',
  '/class/index.html%00.png',
  '/%00',
  '/secret.txt%00',
  '/../web-secret.txt',
  '/%2e%2e/web-secret.txt',
  '/%c0%ae%c0%ae/secret.txt',
  '/%e0%80%ae%e0%80%ae/secret.txt',
];

describe('path traversal', () => {
  it.each(ATTACKS)('refuses %s', async (path) => {
    const r = await raw(port, 'GET', path);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body).not.toContain(SECRET);
  });

  it('refuses the absolute path of the secret file, plain and encoded', async () => {
    const abs = `${t.dir}/secret.txt`;
    for (const p of [abs, '/' + encodeURIComponent(abs), abs.replace(/\//g, '%2f')]) {
      const r = await raw(port, 'GET', p.startsWith('/') ? p : '/' + p);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain(SECRET);
    }
  });

  it('safeRelativePath accepts plain paths and refuses the rest', () => {
    expect(safeRelativePath('/class/main.js')).toBe('class/main.js');
    expect(safeRelativePath('/class/')).toBe('class/index.html');
    expect(safeRelativePath('/')).toBe('index.html');
    for (const p of ['/..', '/a/../b', '/%2e%2e/x', '/a%5cb', '/a%00', '//x', '/C:/x', '/%25', '/%zz', 'x']) {
      expect(safeRelativePath(p), p).toBeNull();
    }
  });
});

describe('serving', () => {
  it('serves pages with the right content types and no caching surprises', async () => {
    const html = await raw(port, 'GET', '/class/');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<title>class</title>');
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    expect(html.headers['content-security-policy']).toContain("default-src 'self'");
    const js = await raw(port, 'GET', '/class/main.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await raw(port, 'GET', '/class/main.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('redirects a folder without its slash, so relative assets resolve', async () => {
    const r = await raw(port, 'GET', '/class');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/class/');
  });

  it('never lists a folder', async () => {
    const r = await raw(port, 'GET', '/empty-dir/');
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('index.html');
  });

  it('answers HEAD without a body', async () => {
    const r = await raw(port, 'HEAD', '/class/main.js');
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    expect(Number(r.headers['content-length'])).toBe('console.log(1)'.length);
  });
});

describe('front page', () => {
  it('is the web folder\'s index page (class view, practice page, demo)', async () => {
    const r = await raw(port, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>index</title>');
  });

  it('sends the instructor to the class view when the web folder has no index page', async () => {
    rmSync(join(t.webRoot, 'index.html'));
    const r = await raw(port, 'GET', '/');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/class/');
  });
});
