// What a WebSocket client cannot do to the class server: a client that sends requests but never
// reads (its TCP socket paused) for 20 s is evicted with close code 4001 while the server's
// memory stays bounded and another client keeps getting every update; a client that answers no
// ping is dropped; past the client limit a new one is refused with a 503 in both languages.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Socket } from 'node:net';
import { CLOSE_FLOODING, CLOSE_SLOW_CLIENT, type ServerMessage } from '../../shared/live-messages';
import { neverReadingClient } from '../../scripts/bench/faults/server';
import { openWs, raw, startTestServer, waitFor, type TestServer } from './helpers';

describe('a client that never reads', () => {
  it('is evicted within 20 s of requests, the server grows < 100 MB, and others are served throughout', async () => {
    // The server runs in a child process so its RSS is its own (scripts/bench/faults/server.ts).
    const r = await neverReadingClient(20, 4);
    console.log(`never-reading client: ${JSON.stringify(r)}`);
    expect(r.requests).toBeGreaterThan(1000);
    expect(r.rss_growth_mb).toBeLessThan(100);
    // Evicted within the 20 s: for flooding (its requests) or for not reading (its queue).
    expect(r.evicted_slow + r.evicted_flood).toBe(1);
    expect(r.evicted_after_s).not.toBeNull();
    expect(r.evicted_after_s!).toBeLessThan(20);
    expect(r.clients_after).toBe(1);
    // Seen by the evicted client once it reads again: the documented code, or a cut connection.
    expect([CLOSE_SLOW_CLIENT, CLOSE_FLOODING, 1006]).toContain(r.close_code);
    // The other client kept its live updates (4 gloves x ~10/s) and still gets answers.
    expect(r.good_live).toBeGreaterThan(20 * 4 * 10 * 0.5);
    expect(r.good_gap_max_ms).toBeLessThan(2000);
    expect(r.good_answered).toBe(true);
  }, 90_000);

  it('is evicted for not reading even when it sends nothing (queue over 1 MiB for stuckMs)', async () => {
    // Fast simulated gloves with traces fill the kernel's buffers, then the server's queue.
    const t = await startTestServer({ sim: 8, simSpeed: 40, hub: { stuckMs: 2000 } });
    try {
      const url = `ws://127.0.0.1:${t.server.port}/ws`;
      const bad = new WebSocket(url);
      await new Promise<void>((r) => bad.once('open', () => r()));
      bad.on('error', () => {});
      bad.send(JSON.stringify({ type: 'subscribe', gloves: 'all', trace: true }));
      (bad as unknown as { _socket: Socket })._socket.pause();
      const good = await openWs(url);
      good.ws.send(JSON.stringify({ type: 'subscribe', ref: 'g', gloves: ['sim-1'], trace: false }));
      await waitFor('eviction', () => t.server.hub.stats.evicted_slow === 1, 45_000);
      expect(t.server.hub.stats.skipped).toBeGreaterThan(0); // live updates skipped while it was stuck
      expect(t.server.hub.stats.clients).toBe(1);
      const n = good.messages.length;
      await waitFor('more updates', () => good.messages.length > n + 3);
      good.ws.close();
      bad.terminate();
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('heartbeat and client limit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sim: 0, hub: { heartbeatMs: 300, maxClients: 3 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('drops a client that answers no ping and keeps one that does', async () => {
    const url = `ws://127.0.0.1:${t.server.port}/ws`;
    const alive = await openWs(url);
    const deaf = new WebSocket(url, { autoPong: false });
    await new Promise<void>((r) => deaf.once('open', () => r()));
    let closed = false;
    deaf.on('close', () => (closed = true));
    await waitFor('deaf client dropped', () => closed, 3000);
    expect(t.server.hub.stats.evicted_dead).toBe(1);
    await new Promise((r) => setTimeout(r, 700));
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    alive.ws.close();
    await waitFor('closed', () => t.server.hub.stats.clients === 0);
  });

  it('refuses a client past the limit with 503 in both languages, and takes it once there is room', async () => {
    const url = `ws://127.0.0.1:${t.server.port}/ws`;
    const open = [await openWs(url), await openWs(url), await openWs(url)];
    await expect(openWs(url)).rejects.toThrow('HTTP 503');
    const r = await raw(t.server.port, 'GET', '/ws', {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
    });
    expect(r.status).toBe(503);
    const e = JSON.parse(r.body).error as { code: string; id: string; en: string };
    expect(e.code).toBe('too_many_clients');
    expect(e.en).toContain('limit 3');
    expect(e.id).toContain('batas 3');
    expect(t.server.hub.stats.refused).toBe(2);
    open[0]!.ws.close();
    await waitFor('room', () => t.server.hub.stats.clients === 2);
    const again = await openWs(url);
    const hello = await waitFor('hello', () => again.messages.find((m: ServerMessage) => m.type === 'hello'));
    expect(hello.type).toBe('hello');
    for (const c of [...open.slice(1), again]) c.ws.close();
  });
});
