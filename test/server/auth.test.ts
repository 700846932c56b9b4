// Access control. LAN mode (--host 0.0.0.0, reached here through 127.0.0.1): without the token
// every page, API call and WebSocket upgrade gets 401; with it (query once -> cookie, or Bearer)
// 200. Loopback mode asks nothing but refuses foreign Host names (DNS rebinding) and
// cross-site WebSocket origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWs, raw, startTestServer, type TestServer } from './helpers';

const TOKEN = 'test-token-0123456789';

describe('LAN mode (token required)', () => {
  let t: TestServer;
  let port: number;
  beforeAll(async () => {
    t = await startTestServer({ host: '0.0.0.0', token: TOKEN, sim: 0, tls: false });
    port = t.server.port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('prints a URL with the token', () => {
    expect(t.server.token).toBe(TOKEN);
    expect(t.server.openUrl).toContain(`?token=${TOKEN}`);
  });

  it('refuses a page, the API and static assets without the token (401)', async () => {
    for (const path of ['/', '/class/', '/class/main.js', '/api/gloves', '/api/sessions', '/nope']) {
      const r = await raw(port, 'GET', path);
      expect(r.status, path).toBe(401);
    }
    const post = await raw(port, 'POST', '/api/trainees', { headers: { 'Content-Type': 'application/json' }, body: '{"name":"x"}' });
    expect(post.status).toBe(401);
  });

  it('explains itself in both languages', async () => {
    const api = await raw(port, 'GET', '/api/gloves');
    const e = JSON.parse(api.body).error;
    expect(e.en).toContain('token');
    expect(e.id).toContain('token');
    const page = await raw(port, 'GET', '/class/', { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('refuses a wrong token', async () => {
    expect((await raw(port, 'GET', '/api/gloves?token=wrong')).status).toBe(401);
    expect((await raw(port, 'GET', '/api/gloves', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await raw(port, 'GET', '/api/gloves', { headers: { Cookie: `pijat_token_${port}=wrong` } })).status).toBe(401);
  });

  it('takes ?token= once, sets a strict HttpOnly cookie and drops the token from the address', async () => {
    const r = await raw(port, 'GET', `/class/?token=${TOKEN}&lang=en`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/class/?lang=en');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`pijat_token_${port}=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await raw(port, 'GET', '/class/', { headers: { Cookie: `pijat_token_${port}=${TOKEN}` } });
    expect(page.status).toBe(200);
    const api = await raw(port, 'GET', '/api/gloves', { headers: { Cookie: `other=1; pijat_token_${port}=${TOKEN}` } });
    expect(api.status).toBe(200);
  });

  it('accepts a Bearer header', async () => {
    const r = await raw(port, 'GET', '/api/gloves', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
  });

  it('refuses the WebSocket upgrade without the token and accepts it with', async () => {
    const url = `ws://127.0.0.1:${port}/ws`;
    await expect(openWs(url)).rejects.toThrow('HTTP 401');
    await expect(openWs(url, { Cookie: `pijat_token_${port}=wrong` })).rejects.toThrow('HTTP 401');
    const a = await openWs(url, { Cookie: `pijat_token_${port}=${TOKEN}` });
    a.ws.close();
    const b = await openWs(`${url}?token=${TOKEN}`);
    b.ws.close();
    const c = await openWs(url, { Authorization: `Bearer ${TOKEN}` });
    c.ws.close();
  });
});

describe('loopback mode', () => {
  let t: TestServer;
  let port: number;
  beforeAll(async () => {
    t = await startTestServer({ sim: 0 });
    port = t.server.port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('needs no token', async () => {
    expect(t.server.token).toBeNull();
    expect((await raw(port, 'GET', '/class/')).status).toBe(200);
    expect((await raw(port, 'GET', '/api/gloves')).status).toBe(200);
    const w = await openWs(`ws://127.0.0.1:${port}/ws`);
    w.ws.close();
  });

  it('accepts loopback Host names and refuses others (DNS rebinding)', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await raw(port, 'GET', '/api/gloves', { headers: { Host: host } })).status, host).toBe(200);
    }
    const evil = await raw(port, 'GET', '/api/gloves', { headers: { Host: 'evil.example:80' } });
    expect(evil.status).toBe(403);
    await expect(openWs(`ws://127.0.0.1:${port}/ws`, { Host: 'evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses a WebSocket opened by a page on another site', async () => {
    await expect(openWs(`ws://127.0.0.1:${port}/ws`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const same = await openWs(`ws://127.0.0.1:${port}/ws`, { Origin: `http://127.0.0.1:${port}` });
    same.ws.close();
  });

  it('refuses changes asked by a page on another site (CSRF), and bodies without a JSON type', async () => {
    const stop = await raw(port, 'POST', '/api/trainees', {
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: '{"name":"Mallory"}',
    });
    expect(stop.status).toBe(403);
    const untyped = await raw(port, 'POST', '/api/trainees', { body: '{"name":"Mallory"}' });
    expect(untyped.status).toBe(415);
    const same = await raw(port, 'POST', '/api/trainees', {
      headers: { Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/json' },
      body: '{"name":"Ani"}',
    });
    expect(same.status).toBe(201);
  });

  it('answers 404 for an upgrade anywhere but /ws', async () => {
    await expect(openWs(`ws://127.0.0.1:${port}/api/gloves`)).rejects.toThrow('HTTP 404');
  });
});
