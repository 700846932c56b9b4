// Static files from dist/web/: only regular files strictly inside the root, never a listing.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The relative file path a URL path names, or null when it must be refused: anything that
 * decodes to '..', a backslash, a NUL, a drive letter or a doubled slash, and bad escapes.
 * Checked on the decoded text, so %2e%2e, %2f and %5c variants are refused too.
 */
export function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/')) return null;
  if (/[\\\0]/.test(decoded) || /%/.test(decoded)) return null; // double encoding too
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
  const parts = decoded.slice(1).split('/');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '' && i < parts.length - 1) return null; // '//' or leading '//'
    if (p === '.' || p === '..') return null;
    if (/^[a-zA-Z]:/.test(p)) return null;
  }
  let rel = parts.join('/');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  return rel;
}

/** Serves `urlPath` from `root`; returns false when there is no such file (caller answers 404). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, head: boolean): Promise<boolean> {
  const rel = safeRelativePath(urlPath);
  if (rel === null) return false;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return false;
  }
  let file = join(realRoot, ...rel.split('/'));
  let info;
  try {
    file = await realpath(file); // symlinks must not lead out of the root either
    info = await stat(file);
    if (info.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        // Pages use relative asset paths: /class must become /class/.
        res.writeHead(301, { Location: urlPath + '/', 'Content-Length': 0 });
        res.end();
        return true;
      }
      file = join(file, 'index.html');
      info = await stat(file);
    }
  } catch {
    return false;
  }
  if (!info.isFile() || !(file.startsWith(realRoot + sep))) return false;
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': info.size,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    // Everything is bundled: nothing may load from elsewhere (trainee names stay on this machine).
    'Content-Security-Policy':
      "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  });
  if (head) {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    const s = createReadStream(file);
    s.on('error', () => {
      res.destroy();
      resolve();
    });
    s.on('end', () => resolve());
    s.pipe(res);
  });
  return true;
}
