// LAN mode's certificate. On any address other than loopback the class server speaks HTTPS, so
// the access token and trainee names do not cross the lab Wi-Fi in clear text. The school may
// supply its own certificate and key (PEM files); otherwise one is made on first use with
// `selfsigned` and kept in the data folder (tls/, folder 0700, files 0600) so the tablet sees the
// same certificate, and the same fingerprint, every class. The SHA-256 fingerprint is printed
// beside the QR code: the instructor checks it against the browser's certificate details once.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import selfsigned from 'selfsigned';
import { LocalizedError } from '../../shared/i18n/index';
import { serveStrings as S } from '../../shared/i18n/web-class';

export const TLS_DIR = 'tls';
export const CERT_FILE = 'lan-cert.pem';
export const KEY_FILE = 'lan-key.pem';
/** Days a generated certificate is valid (browsers accept at most 825 for a server certificate). */
const DAYS = 825;

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, 'AB:CD:…' (as browsers show it). */
  fingerprint256: string;
  /** Where it came from: generated in the data folder, or the school's files. */
  source: 'generated' | 'supplied';
  certFile: string;
}

export class TlsError extends LocalizedError {}

function fingerprintOf(cert: string, certFile: string): X509Certificate {
  try {
    return new X509Certificate(cert);
  } catch (e) {
    throw new TlsError(S.tls_bad_cert, { file: certFile, reason: e instanceof Error ? e.message : String(e) });
  }
}

/** The school's certificate and key (PEM). Refused with a clear message when unreadable or not a pair. */
export function suppliedTls(certFile: string, keyFile: string): TlsMaterial {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certFile, 'utf8');
  } catch (e) {
    throw new TlsError(S.tls_bad_cert, { file: certFile, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  try {
    key = readFileSync(keyFile, 'utf8');
  } catch (e) {
    throw new TlsError(S.tls_bad_key, { file: keyFile, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  const x = fingerprintOf(cert, certFile);
  let matches = false;
  try {
    matches = x.checkPrivateKey(createPrivateKey(key));
  } catch (e) {
    throw new TlsError(S.tls_bad_key, { file: keyFile, reason: e instanceof Error ? e.message : String(e) });
  }
  if (!matches) throw new TlsError(S.tls_key_mismatch, { cert: certFile, key: keyFile });
  return { cert, key, fingerprint256: x.fingerprint256, source: 'supplied', certFile };
}

/** The certificate kept in `dataDir/tls/`, made now if missing or expired. */
export function generatedTls(dataDir: string, now = new Date()): TlsMaterial {
  const dir = join(dataDir, TLS_DIR);
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  if (existsSync(certFile) && existsSync(keyFile)) {
    try {
      const cert = readFileSync(certFile, 'utf8');
      const key = readFileSync(keyFile, 'utf8');
      const x = new X509Certificate(cert);
      // Renewed a week before it expires; a damaged pair is replaced too.
      if (Date.parse(x.validTo) - now.getTime() > 7 * 86_400_000 && x.checkPrivateKey(createPrivateKey(key))) {
        return { cert, key, fingerprint256: x.fingerprint256, source: 'generated', certFile };
      }
    } catch {
      // made again below
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const altNames: { type: number; value?: string; ip?: string }[] = [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) altNames.push({ type: 7, ip: a.address });
  }
  const made = selfsigned.generate([{ name: 'commonName', value: 'Pijat class server' }, { name: 'organizationName', value: 'Pijat' }], {
    days: DAYS,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  writeFileSync(keyFile, made.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, made.cert, { mode: 0o600 });
  chmodSync(certFile, 0o600);
  const x = new X509Certificate(made.cert);
  return { cert: made.cert, key: made.private, fingerprint256: x.fingerprint256, source: 'generated', certFile };
}
