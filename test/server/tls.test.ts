// LAN mode over HTTPS: a certificate made on first use and kept in the data folder (0600 files
// in a 0700 folder), the same one on the next start, its SHA-256 fingerprint what a real TLS
// client sees and what `pijat serve` prints beside the QR code; the school's own certificate;
// loopback stays plain HTTP.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { loadBuiltinProfile } from '../../shared/profiles/index';
import { startServer } from '../../host/server/index';
import { CERT_FILE, KEY_FILE, TLS_DIR, TlsError } from '../../host/server/tls';
import { printServing } from '../../host/cli/serve';
import type { ServerMessage } from '../../shared/live-messages';
import { raw, startTestServer, type TestServer } from './helpers';

const TOKEN = 'tls-token-0123456789abcdef';

function peerFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fp = s.getPeerCertificate().fingerprint256;
      s.end();
      resolve(fp);
    });
    s.on('error', reject);
  });
}

function httpsGet(port: number, path: string, ca: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // Verified for real: the certificate is its own CA and names 127.0.0.1.
    const req = httpsRequest({ host: '127.0.0.1', port, path, ca, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('LAN mode over HTTPS', () => {
  let t: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    t = await startTestServer({ host: '0.0.0.0', token: TOKEN, sim: 1 });
    dataDir = join(t.dir, 'data');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('makes a certificate on first use and keeps it in the data folder, private', () => {
    const tls = t.server.tls!;
    expect(tls).not.toBeNull();
    expect(tls.source).toBe('generated');
    expect(t.server.url).toMatch(/^https:\/\//);
    expect(t.server.openUrl).toMatch(/^https:\/\/.*\?token=/);
    const dir = join(dataDir, TLS_DIR);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of [CERT_FILE, KEY_FILE]) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    const x = new X509Certificate(readFileSync(join(dir, CERT_FILE)));
    expect(x.fingerprint256).toBe(tls.fingerprint256);
    expect(tls.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(x.subjectAltName).toContain('IP Address:127.0.0.1');
  });

  it('shows a real TLS client the fingerprint it printed, and serves over verified HTTPS', async () => {
    expect(await peerFingerprint(t.server.port)).toBe(t.server.tls!.fingerprint256);
    const ca = t.server.tls!.cert;
    expect((await httpsGet(t.server.port, '/api/gloves', ca)).status).toBe(401);
    const ok = await httpsGet(t.server.port, '/api/gloves', ca, { Authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).gloves).toHaveLength(1);
    // The token cookie is Secure (never sent back over plain HTTP).
    const withQuery = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: t.server.port, path: `/class/?token=${TOKEN}`, ca }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(withQuery).toContain('; Secure');
  });

  it('speaks no clear text: a plain HTTP request gets no page', async () => {
    const r = await raw(t.server.port, 'GET', `/api/gloves?token=${TOKEN}`).catch((e: Error) => e);
    expect(r instanceof Error || r.status !== 200).toBe(true);
  });

  it('carries the WebSocket over TLS (wss) with the token', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${t.server.port}/ws`, { ca: t.server.tls!.cert, headers: { Authorization: `Bearer ${TOKEN}` } });
    const first = await new Promise<ServerMessage>((resolve, reject) => {
      ws.once('message', (d) => resolve(JSON.parse(String(d)) as ServerMessage));
      ws.once('error', reject);
    });
    expect(first.type).toBe('hello');
    ws.close();
  });

  it('prints the fingerprint with the QR code and the HTTPS address', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      lines.push(String(s));
      return true;
    });
    try {
      printServing(t.server, 'en', dataDir);
    } finally {
      spy.mockRestore();
    }
    const out = lines.join('');
    expect(out).toContain('fingerprint (SHA-256)');
    expect(out).toContain(t.server.tls!.fingerprint256);
    expect(out).toContain('▄'); // the QR code
    expect(out).toMatch(/https:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('uses the same certificate on the next start', async () => {
    const before = t.server.tls!.fingerprint256;
    const again = await startServer({ host: '0.0.0.0', port: 0, token: TOKEN, dataDir, sim: 0, gloves: false, profile: loadBuiltinProfile('sop-000'), webRoot: t.webRoot });
    try {
      expect(again.tls!.fingerprint256).toBe(before);
      expect(await peerFingerprint(again.port)).toBe(before);
    } finally {
      await again.close();
    }
  });
});

describe("the school's certificate, and loopback", () => {
  const dir = mkdtempSync(join(tmpdir(), 'pijat-tls-'));
  const profile = loadBuiltinProfile('sop-000');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a supplied certificate, and refuses a key that is not its pair in both languages', async () => {
    const a = selfsigned.generate([{ name: 'commonName', value: 'sekolah.example' }], { keySize: 2048, algorithm: 'sha256' });
    const b = selfsigned.generate([{ name: 'commonName', value: 'other' }], { keySize: 2048, algorithm: 'sha256' });
    writeFileSync(join(dir, 'cert.pem'), a.cert);
    writeFileSync(join(dir, 'key.pem'), a.private);
    writeFileSync(join(dir, 'other-key.pem'), b.private);
    const s = await startServer({ host: '0.0.0.0', port: 0, dataDir: join(dir, 'd1'), sim: 0, gloves: false, profile, webRoot: dir, tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') } });
    try {
      expect(s.tls!.source).toBe('supplied');
      expect(await peerFingerprint(s.port)).toBe(new X509Certificate(a.cert).fingerprint256);
    } finally {
      await s.close();
    }
    const bad = await startServer({ host: '0.0.0.0', port: 0, dataDir: join(dir, 'd2'), sim: 0, gloves: false, profile, webRoot: dir, tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'other-key.pem') } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TlsError);
    expect((bad as TlsError).entry.id).toContain('bukan pasangan');
    expect((bad as TlsError).message).toContain('does not belong');
    const missing = await startServer({ host: '0.0.0.0', port: 0, dataDir: join(dir, 'd3'), sim: 0, gloves: false, profile, webRoot: dir, tls: { certFile: join(dir, 'nope.pem'), keyFile: join(dir, 'key.pem') } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TlsError);
    expect((missing as TlsError).message).toContain('ENOENT');
  }, 60_000);

  it('keeps plain HTTP on loopback', async () => {
    const s = await startServer({ port: 0, dataDir: join(dir, 'd4'), sim: 0, gloves: false, profile, webRoot: dir });
    try {
      expect(s.tls).toBeNull();
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect((await raw(s.port, 'GET', '/api/gloves')).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
