// What the Espruino CLI / Web IDE (EspruinoTools, npm "espruino" 0.1.67) writes to the port to
// send code to RAM, and how it paces it:
// - the bytes: transformForEspruino processors + CodeWriter.reformatCode (0x10 "echo off" before
//   each root-level statement, Alt-Enter (1B 0A) for newlines inside one), prefixed with
//   "\x10reset();\n" (RESET_BEFORE_SEND) and "\x10print()\n", ending in two newlines. They are
//   produced by the real package in a child process (it sets up globals and patches console), with
//   SET_TIME_ON_WRITE off so they are deterministic.
// - the pacing (core/serial.js writeSerialWorker): the data is split after a Ctrl-C, `reset();`,
//   `load();`, `Modules.addCached(...)` or `require("Storage").write(...)` line, with a 250 ms
//   pause after each such split, and XON/XOFF from the board is honoured.
// - before that, getEspruinoPrompt(): send "\n", wait up to 500 ms for a '>' (else Ctrl-C, 500 ms,
//   Ctrl-C).
// Without the package (it is an optional dependency) espruinoCliBytes() falls back to the same
// framing without the reformatting: "\x10reset();\n\x10print()\n\x10" + code + "\n\n".
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Child script: argv[1] = path of the espruino package; code on stdin; base64 bytes on stdout. */
const CHILD = `
const fs = require('fs');
const code0 = fs.readFileSync(0, 'utf8');
const out = process.stdout.write.bind(process.stdout);
for (const k of ['log', 'warn', 'info', 'debug', 'error']) console[k] = () => {};
require(process.argv[1]).init(() => {
  Espruino.Config.SET_TIME_ON_WRITE = false;
  Espruino.callProcessor('transformForEspruino', code0, (code) => {
    code = Espruino.Core.CodeWriter.reformatCode(code);
    if (code === undefined) { process.stderr.write('reformatCode refused the code (unbalanced brackets?)'); process.exit(2); }
    while (code[code.length - 2] != '\\n' || code[code.length - 1] != '\\n') code += '\\n';
    code = '\\x10print()\\n' + code;
    if (Espruino.Config.RESET_BEFORE_SEND) code = '\\x10reset();\\n' + code;
    out(Buffer.from(code, 'latin1').toString('base64'), () => process.exit(0));
  });
});
`;

/** Path of the installed espruino package's entry, or undefined. */
export function espruinoPackage(): string | undefined {
  try {
    return require.resolve('espruino');
  } catch {
    return undefined;
  }
}

const cache = new Map<string, Buffer>();

/** Same framing without the CLI's reformatting (when the espruino package is absent). */
export function fallbackUploadBytes(code: string): Buffer {
  let body = code.replace(/\r\n/g, '\n');
  while (!body.endsWith('\n\n')) body += '\n';
  return Buffer.from('\x10reset();\n\x10print()\n\x10' + body, 'latin1');
}

/** The exact bytes the Espruino CLI writes to upload `code` (see the file comment). */
export async function espruinoCliBytes(code: string | Buffer): Promise<{ bytes: Buffer; exact: boolean }> {
  const text = typeof code === 'string' ? code : code.toString('utf8');
  const pkg = espruinoPackage();
  if (pkg === undefined) return { bytes: fallbackUploadBytes(text), exact: false };
  const key = createHash('sha256').update(text).digest('hex');
  const hit = cache.get(key);
  if (hit !== undefined) return { bytes: hit, exact: true };
  const b64 = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', CHILD, pkg], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`espruino package failed to format the upload: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.end(text, 'utf8');
  });
  const bytes = Buffer.from(b64, 'base64');
  cache.set(key, bytes);
  return { bytes, exact: true };
}

export interface UploadPart {
  readonly bytes: Buffer;
  /** Milliseconds the CLI waits after writing this part. */
  readonly pauseMs: number;
}

const SPLITS: readonly RegExp[] = [
  /\x03/,
  /reset\(\);?\n/,
  /load\(\);?\n/,
  /Modules.addCached\("[^\n]*"\);?\n/,
  /require\("Storage"\).write\([^\n]*\);?\n/,
];

/** Splits the upload where the CLI does (writeSerialWorker), each split followed by 250 ms. */
export function uploadParts(bytes: Buffer): UploadPart[] {
  const parts: UploadPart[] = [];
  let rest = bytes.toString('latin1');
  while (rest.length > 0) {
    let end = rest.length;
    let pauseMs = 0;
    for (const re of SPLITS) {
      const m = re.exec(rest);
      if (m === null) continue;
      const e = m.index + m[0].length;
      if (e > end) continue;
      end = e;
      pauseMs = 250;
    }
    parts.push({ bytes: Buffer.from(rest.slice(0, end), 'latin1'), pauseMs });
    rest = rest.slice(end);
  }
  return parts;
}
