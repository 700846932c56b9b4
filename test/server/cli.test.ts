// `pijat start` and `pijat serve` as a user runs them (node bin/pijat.mjs): with no glove
// attached, start serves one simulated trainee on 127.0.0.1 and prints the URL; bad options
// are refused with a message naming the option.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let tmp: string;
let web: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pijat-cli-serve-'));
  web = join(tmp, 'web');
  mkdirSync(join(web, 'class'), { recursive: true });
  writeFileSync(join(web, 'class', 'index.html'), '<!doctype html><title>class</title>');
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, ['bin/pijat.mjs', ...args], {
    env: { ...process.env, PIJAT_WEB_ROOT: web, PIJAT_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function untilUrl(child: ChildProcess): Promise<{ url: string; out: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL in 30 s:\n${out}`)), 30_000);
    const on = (d: Buffer): void => {
      out += d.toString();
      const m = /Class view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m && out.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve({ url: m[1]!, out });
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', (c) => reject(new Error(`exited ${c}:\n${out}`)));
  });
}

describe('pijat start', () => {
  it('with no glove attached serves one simulated trainee on 127.0.0.1 and prints the URL', async () => {
    const child = run(['start', '--port', '0', '--no-open', '--data', join(tmp, 'data')]);
    try {
      const { url, out } = await untilUrl(child);
      expect(out).toContain('No glove attached');
      expect(out).not.toContain('token');
      const gloves = (await (await fetch(url + 'api/gloves')).json()) as { gloves: { id: string; kind: string }[] };
      expect(gloves.gloves.map((g) => [g.id, g.kind])).toEqual([['sim-1', 'sim']]);
      expect((await fetch(url + 'class/')).status).toBe(200);
      const code = await new Promise<number | null>((r) => {
        child.once('exit', r);
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('pijat serve options', () => {
  it.each([
    [['--sim', 'many'], '--sim many'],
    [['--sim', '65'], '--sim 65'],
    [['--port', '70000'], '--port 70000'],
  ])('refuses %j naming the option', (args, named) => {
    const r = spawnSync(process.execPath, ['bin/pijat.mjs', 'serve', '--no-open', '--data', join(tmp, 'd'), ...args], {
      env: { ...process.env, PIJAT_WEB_ROOT: web, PIJAT_LANG: 'en' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(named);
  });

  it('says which port is busy and how to choose another', async () => {
    const first = run(['serve', '--port', '0', '--no-open', '--data', join(tmp, 'd1')]);
    try {
      const { url } = await untilUrl(first);
      const port = new URL(url).port;
      const r = spawnSync(process.execPath, ['bin/pijat.mjs', 'serve', '--port', port, '--no-open', '--data', join(tmp, 'd2')], {
        env: { ...process.env, PIJAT_WEB_ROOT: web, PIJAT_LANG: 'en' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`Port ${port}`);
      expect(r.stderr).toContain('--port');
    } finally {
      first.kill('SIGTERM');
    }
  }, 60_000);
});
