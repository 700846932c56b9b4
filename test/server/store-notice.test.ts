// A class session while the disk fills: the session goes on, the instructor's pages are told
// (store_notice, both languages) that the data are held in memory, and again when the store takes
// them back. A real tmpfs (root), skipped with the reason where mounting is not permitted.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreNoticeMessage } from '../../shared/live-messages';
import { mountTmpfs, type Tmpfs } from '../store/tmpfs';
import { json, openWs, startTestServer, waitFor, type TestServer } from './helpers';

const fs = mountTmpfs(16);
const why = typeof fs === 'string' ? fs : '';

describe.skipIf(typeof fs === 'string')(`class session on a disk that fills up${why ? ` (${why})` : ''}`, () => {
  const tmp = fs as Tmpfs;
  let t: TestServer | null = null;
  afterAll(async () => {
    await t?.close();
    tmp.unmount();
  });

  it('goes on, says the data are held, then that they are stored again', async () => {
    t = await startTestServer({ dataDir: join(tmp.dir, 'data'), sim: 1 });
    const port = t.server.port;
    const { ws, messages } = await openWs(`ws://127.0.0.1:${port}/ws`);
    const started = await json(port, 'POST', '/api/sessions', { glove: 'sim-1', label: 'disk' });
    expect(started.status, started.body).toBe(201);
    const filler = tmp.fill();
    const notices = (): StoreNoticeMessage[] => messages.filter((m): m is StoreNoticeMessage => m.type === 'store_notice');
    const holding = await waitFor('a holding notice', () => notices().find((n) => n.kind === 'holding'), 20_000);
    expect(holding.glove).toBe('sim-1');
    expect(holding.message.id.length).toBeGreaterThan(10);
    expect(holding.message.en.length).toBeGreaterThan(10);
    expect(holding.message.id).not.toBe(holding.message.en);
    rmSync(filler);
    await waitFor('a resumed notice', () => notices().find((n) => n.kind === 'resumed'), 30_000);
    const stopped = await json(port, 'POST', `/api/sessions/${started.json.session.id}/stop`, {});
    expect(stopped.status, stopped.body).toBe(200);
    ws.close();
  }, 90_000);
});
