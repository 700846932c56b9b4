// The WebSocket: hello, subscription, live updates coalesced to ~10 Hz per glove carrying every
// sample (none lost between the pipeline and the client), changing LiveState, and commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelloMessage, LiveMessage, ServerMessage } from '../../shared/live-messages';
import { openWs, startTestServer, waitFor, type TestServer } from './helpers';

let t: TestServer;
let url: string;

beforeAll(async () => {
  // Two simulated trainees at 10x real time: a few seconds hold passes and contacts.
  t = await startTestServer({ sim: 2, simSpeed: 10 });
  url = `ws://127.0.0.1:${t.server.port}/ws`;
});
afterAll(async () => {
  await t?.close();
});

const lives = (ms: ServerMessage[], id: string): LiveMessage[] =>
  ms.filter((m): m is LiveMessage => m.type === 'live' && m.id === id);

describe('live updates', () => {
  it('says hello with every glove, the checklist and the profile', async () => {
    const { ws, messages } = await openWs(url);
    const hello = (await waitFor('hello', () => messages.find((m) => m.type === 'hello'))) as HelloMessage;
    expect(hello.gloves.map((g) => g.id)).toEqual(['sim-1', 'sim-2']);
    expect(hello.gloves[0]!.kind).toBe('sim');
    expect(hello.checklist.some((c) => c.id === 'orient_greet')).toBe(true);
    expect(hello.profile.id).toBe('sop-000');
    // Nothing live before subscribing.
    await new Promise((r) => setTimeout(r, 300));
    expect(messages.filter((m) => m.type === 'live')).toHaveLength(0);
    ws.close();
  });

  it('delivers every sample of a subscribed glove, coalesced, with changing LiveState', async () => {
    const { ws, messages } = await openWs(url);
    ws.send(JSON.stringify({ type: 'subscribe', ref: 's1', gloves: ['sim-1'] }));
    await waitFor('ok', () => messages.find((m) => m.type === 'ok' && m.ref === 's1'));
    const t0 = Date.now();
    await waitFor('3 s of updates', () => Date.now() - t0 > 3000 && lives(messages, 'sim-1').length > 0, 10_000);
    ws.close();
    const mine = lives(messages, 'sim-1');
    expect(lives(messages, 'sim-2')).toHaveLength(0);
    expect(mine.length).toBeGreaterThan(5);
    // No sample lost: the traces add up to the samples counted between first and last message.
    let traced = 0;
    for (let i = 1; i < mine.length; i++) {
      const m = mine[i]!;
      traced += m.trace.t_s.length;
      expect(m.trace.left_n).toHaveLength(m.trace.t_s.length);
      expect(m.samples).toBeGreaterThanOrEqual(mine[i - 1]!.samples);
    }
    expect(traced).toBe(mine.at(-1)!.samples - mine[0]!.samples);
    expect(traced).toBeGreaterThan(2000);
    // Coalesced: one message carries many frames (1000 frames/s arrive at 10x speed; ~10 msg/s).
    expect(mine.length).toBeLessThan(traced / 20);
    // Trace times increase by one sample period (100 Hz) with no gaps.
    const ts = mine.slice(1).flatMap((m) => m.trace.t_s);
    for (let i = 1; i < ts.length; i++) expect(ts[i]! - ts[i - 1]!).toBeGreaterThan(0);
    // The state changes: time moves, and the simulated trainee presses at some point.
    expect(mine.at(-1)!.live.t_s - mine[0]!.live.t_s).toBeGreaterThan(20);
    const forces = new Set(mine.map((m) => Math.round(m.live.left.force_n * 10)));
    expect(forces.size).toBeGreaterThan(3);
    expect(mine.some((m) => m.live.left.contact || m.live.right.contact)).toBe(true);
    expect(mine.at(-1)!.link.status).toBe('streaming');
  });

  it('leaves the traces out for a grid that asks for none', async () => {
    const { ws, messages } = await openWs(url);
    ws.send(JSON.stringify({ type: 'subscribe', gloves: 'all', trace: false }));
    await waitFor('both gloves', () => lives(messages, 'sim-1').length > 2 && lives(messages, 'sim-2').length > 2);
    ws.close();
    for (const m of messages) if (m.type === 'live') expect(m.trace.t_s).toHaveLength(0);
  });
});

describe('commands', () => {
  it('answers a bad message with an error naming the field', async () => {
    const { ws, messages } = await openWs(url);
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'session_start' }));
    ws.send(JSON.stringify({ type: 'launch_rockets' }));
    ws.send(JSON.stringify({ type: 'checklist_tick', session: 1, item: 'orient_greet', checked: 'yes' }));
    const errors = await waitFor('4 errors', () => {
      const e = messages.filter((m) => m.type === 'error');
      return e.length === 4 ? e : undefined;
    });
    const fields = errors.map((e) => (e.type === 'error' ? e.error.en : ''));
    expect(fields[0]).toContain('(message)');
    expect(fields[1]).toContain('"glove"');
    expect(fields[2]).toContain('"type"');
    expect(fields[3]).toContain('"checked"');
    ws.close();
  });

  it('starts, labels, ticks and stops a session, broadcasting each change', async () => {
    const a = await openWs(url);
    const b = await openWs(url); // another instructor's tablet sees the same changes
    a.ws.send(JSON.stringify({ type: 'set_trainee', ref: 't', glove: 'sim-2', trainee: { name: 'Dewi' } }));
    await waitFor('trainee ok', () => a.messages.find((m) => m.type === 'ok' && m.ref === 't'));
    a.ws.send(JSON.stringify({ type: 'session_start', ref: 'go', glove: 'sim-2', label: 'latihan 1' }));
    const ok = await waitFor('start ok', () => a.messages.find((m) => m.type === 'ok' && m.ref === 'go'));
    const session = ok.type === 'ok' ? ok.session! : null;
    expect(session).toMatchObject({ glove: 'sim-2', label: 'latihan 1', stopped_at: null });
    expect(session!.trainee!.name).toBe('Dewi');
    await waitFor('b sees start', () => b.messages.find((m) => m.type === 'session' && m.event === 'started'));

    a.ws.send(JSON.stringify({ type: 'session_start', ref: 'twice', glove: 'sim-2' }));
    const err = await waitFor('conflict', () => a.messages.find((m) => m.type === 'error' && m.ref === 'twice'));
    expect(err.type === 'error' && err.code).toBe('session_running');

    a.ws.send(JSON.stringify({ type: 'checklist_tick', ref: 'k', session: session!.id, item: 'prep_privacy', checked: true }));
    const ticks = await waitFor('b sees tick', () => b.messages.find((m) => m.type === 'checklist'));
    expect(ticks.type === 'checklist' && ticks.ticked).toEqual(['prep_privacy']);

    a.ws.send(JSON.stringify({ type: 'session_label', ref: 'l', session: session!.id, label: 'post' }));
    await waitFor('label ok', () => a.messages.find((m) => m.type === 'ok' && m.ref === 'l'));

    a.ws.send(JSON.stringify({ type: 'session_stop', ref: 'end', glove: 'sim-2' }));
    const stopped = await waitFor('b sees stop', () => b.messages.find((m) => m.type === 'session' && m.event === 'stopped'));
    expect(stopped.type === 'session' && stopped.session.label).toBe('post');
    expect(stopped.type === 'session' && stopped.score).not.toBeNull();
    const stored = t.server.classroom.store.getSession(session!.id);
    expect(stored.status).toBe('complete');
    expect(stored.trainee).toBe('Dewi');
    expect(stored.bytes).toBeGreaterThan(0);
    a.ws.close();
    b.ws.close();
  });
});
