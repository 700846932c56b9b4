// Access control. On loopback nothing is asked (but the Host header must be a loopback name, so
// a web page elsewhere cannot reach the server by DNS rebinding). On any other address every
// request needs the token: `?token=` once (then an HttpOnly SameSite=Strict cookie), the cookie,
// or `Authorization: Bearer <token>`. The cookie is named after the port
// (`pijat_token_8080`): browsers send cookies to every port of a host, so two servers on one
// machine must not overwrite (or be handed) each other's.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The token cookie's name for a server on `port`. */
export function tokenCookie(port: number): string {
  return `pijat_token_${port}`;
}

export function generateToken(): string {
  return randomBytes(18).toString('base64url');
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export type AuthResult =
  | { ok: true; via: 'none' | 'cookie' | 'bearer' | 'query' }
  | { ok: false; reason: 'no_token' | 'bad_token' | 'bad_host' };

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

/** The Host header's name without the port. */
function hostName(req: IncomingMessage): string {
  const h = String(req.headers.host ?? '');
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const i = h.lastIndexOf(':');
  return i >= 0 ? h.slice(0, i) : h;
}

export interface Auth {
  /** null on loopback. */
  readonly token: string | null;
  check(req: IncomingMessage, url: URL): AuthResult;
  /** Set-Cookie value after a successful `?token=`. */
  cookie(): string;
}

/** `port()`: the port the server listens on (known once it listens). `secure`: served over TLS. */
export function createAuth(token: string | null, port: () => number, secure = false): Auth {
  return {
    token,
    check(req, url) {
      if (token === null) {
        return isLoopbackHost(hostName(req)) ? { ok: true, via: 'none' } : { ok: false, reason: 'bad_host' };
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
      if (bearer) return sameToken(bearer[1], token) ? { ok: true, via: 'bearer' } : { ok: false, reason: 'bad_token' };
      const q = url.searchParams.get('token');
      if (q !== null) return sameToken(q, token) ? { ok: true, via: 'query' } : { ok: false, reason: 'bad_token' };
      const c = cookieValue(req.headers.cookie, tokenCookie(port()));
      if (c !== null) return sameToken(c, token) ? { ok: true, via: 'cookie' } : { ok: false, reason: 'bad_token' };
      return { ok: false, reason: 'no_token' };
    },
    cookie() {
      return `${tokenCookie(port())}=${token ?? ''}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
    },
  };
}
