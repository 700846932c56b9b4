// `pijat serve`: the instructor's class server. Prints the URL; on a non-loopback address also
// the access token and a QR code of the URL with it (for the instructor's tablet).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import qrcode from 'qrcode-terminal';
import { t, type Lang } from '../../shared/i18n/index';
import { serveStrings as S } from '../../shared/i18n/web-class';
import type { Profile } from '../../shared/profiles/schema';
import { resolveDataDir } from '../store/index';
import { defaultWebRoot, startServer, type RunningServer } from '../server/index';
import { isLoopbackHost } from '../server/auth';
import { UserError, errorText, runCommand } from './errors';
import { CENTRAL as C } from '../../shared/i18n/central';
import { startBackgroundSync, type BackgroundSync } from '../central/background';
import { startCentralView } from '../central/view';
import { dataOption, examples, h, langOf, langOption } from './options';
import { resolveProfile } from '../profiles';

export interface ServeOpts {
  host?: string;
  port?: string;
  sim?: string;
  data?: string;
  profile?: string;
  open?: boolean;
  gloves?: boolean;
  central?: string;
  syncTo?: string;
  lang?: string;
  tlsCert?: string;
  tlsKey?: string;
  tls?: boolean;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(h(S.cmd_serve))
    .option('--host <host>', h(S.opt_host), '127.0.0.1')
    .option('--port <port>', h(S.opt_port), '8080')
    .option('--sim <n>', h(S.opt_sim), '0')
    .option('--central <url>', h(C.opt_central))
    .option('--sync-to <url>', h(C.opt_sync_to))
    .addOption(dataOption())
    .option('--profile <name|path>', h(S.opt_profile))
    .option('--no-open', h(S.opt_no_open))
    .addOption(new Option('--no-gloves', h(S.opt_no_gloves)))
    .option('--tls-cert <file>', h(S.opt_tls_cert))
    .option('--tls-key <file>', h(S.opt_tls_key))
    .option('--no-tls', h(S.opt_no_tls))
    .addOption(langOption())
    .addHelpText(
      'after',
      examples([
        ['pijat serve', S.ex_serve],
        ['pijat serve --sim 4', S.ex_serve_sim],
        ['pijat serve --host 0.0.0.0', S.ex_serve_lan],
      ]),
    )
    .action((opts: ServeOpts) => runCommand(langOf(opts), () => serve(opts)));
}

export function wholeNumber(value: string | undefined, fallback: number, max: number, entry: typeof S.bad_sim): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > max) throw new UserError(entry, { value });
  return n;
}

/** The addresses a tablet on the LAN can reach this machine at (for printing only). */
export function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host.includes(':') ? `[${host}]` : host];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

function openBrowser(url: string): void {
  if (process.env.CI || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)) return;
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser: the URL is printed anyway
  }
}

export function printServing(s: RunningServer, lang: Lang, dataDir: string): void {
  const out = (line: string): void => {
    process.stdout.write(line + '\n');
  };
  out(t(S.serving, lang, { url: s.token ? s.openUrl : s.url }));
  if (s.token) {
    const scheme = s.tls ? 'https' : 'http';
    const lan = lanAddresses(s.host).map((a) => `${scheme}://${a}:${s.port}/?token=${s.token}`);
    if (lan.length > 0) {
      out(t(S.serving_lan, lang));
      for (const u of lan) out(`  ${u}`);
      qrcode.generate(lan[0]!, { small: true }, (code) => out(code));
    }
    out(t(S.token_note, lang, { token: s.token }));
    // Shown with the QR code: the tablet's browser warns about a certificate it does not
    // know; the instructor accepts it only when its SHA-256 fingerprint is this one.
    if (s.tls) {
      out(t(S.tls_fingerprint, lang));
      out(`  ${s.tls.fingerprint256}`);
      out(t(S.tls_cert_file, lang, { file: s.tls.certFile }));
    } else out(t(S.tls_plain_warning, lang));
  }
  out(t(S.data_dir, lang, { dir: dataDir }));
  out(t(S.stop_hint, lang));
}

export interface ServeSetup {
  host: string;
  port: number;
  sim: number;
  /** Simulated gloves run this many times faster than real time (pijat start --speed). */
  simSpeed?: number;
  gloves: boolean;
  dataDir: string;
  profile: Profile;
  open: boolean;
  /** HTTPS in LAN mode: 'auto' (a certificate kept in the data folder), the school's files, or off. */
  tls: 'auto' | { certFile: string; keyFile: string } | false;
}

export function setupFrom(opts: ServeOpts): ServeSetup {
  return {
    host: opts.host ?? '127.0.0.1',
    port: wholeNumber(opts.port, 8080, 65535, S.bad_port),
    sim: wholeNumber(opts.sim, 0, 64, S.bad_sim),
    gloves: opts.gloves !== false,
    dataDir: resolveDataDir(opts.data),
    profile: resolveProfile(opts.profile),
    open: opts.open !== false,
    tls: tlsFrom(opts),
  };
}

function tlsFrom(opts: ServeOpts): ServeSetup['tls'] {
  if (opts.tls === false) return false;
  if (!opts.tlsCert && !opts.tlsKey) return 'auto';
  if (!opts.tlsCert || !opts.tlsKey) throw new UserError(S.tls_need_both, {});
  return { certFile: resolve(opts.tlsCert), keyFile: resolve(opts.tlsKey) };
}

/** Starts the server, prints where it is, and runs until Ctrl+C / SIGTERM. */
export async function runServer(setup: ServeSetup, lang: Lang, before?: () => void): Promise<void> {
  const webRoot = defaultWebRoot();
  if (!existsSync(webRoot)) throw new UserError(S.no_web, { dir: webRoot });
  let server: RunningServer;
  try {
    server = await startServer({
      host: setup.host,
      port: setup.port,
      dataDir: setup.dataDir,
      sim: setup.sim,
      simSpeed: setup.simSpeed,
      gloves: setup.gloves,
      profile: setup.profile,
      webRoot,
      tls: setup.tls,
      lang,
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(S.port_busy, { port: setup.port, host: setup.host });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      throw new UserError(S.bad_host, { host: setup.host, reason: code });
    }
    throw e;
  }
  before?.();
  printServing(server, lang, setup.dataDir);
  if (setup.open && isLoopbackHost(setup.host)) openBrowser(server.openUrl);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(t(S.stopping, lang) + '\n');
      server.close().then(resolve, (e: unknown) => {
        process.stderr.write(`pijat: ${e instanceof Error ? e.message : String(e)}\n`);
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function serve(opts: ServeOpts): Promise<void> {
  const lang = langOf(opts);
  if (opts.central) return serveCentral(opts, lang);
  const setup = setupFrom(opts);
  const syncUrl = opts.syncTo ?? process.env.PIJAT_CENTRAL;
  let bg: BackgroundSync | undefined;
  await runServer(setup, lang, () => {
    if (!syncUrl) return;
    const minutes = Number(process.env.PIJAT_SYNC_INTERVAL_MIN ?? 5);
    bg = startBackgroundSync(setup.dataDir, syncUrl, {
      intervalMs: Math.max(0.1, minutes) * 60_000,
      onResult: (r) => {
        if (r instanceof Error) process.stdout.write(`${t(C.bg_sync_failed, lang, { reason: errorText(r, lang), minutes })}\n`);
        else if (r.changes > 0) process.stdout.write(`${t(C.bg_sync_done, lang, { where: r.where, sessions: r.sessions })}\n`);
      },
    });
  });
  await bg?.stop();
}

/** `pijat serve --central URL`: the read-only programme view, on this machine only. */
async function serveCentral(opts: ServeOpts, lang: Lang): Promise<void> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new UserError(C.view_loopback_only, { host });
  const port = wholeNumber(opts.port, 8080, 65535, S.bad_port);
  const webRoot = defaultWebRoot();
  let view;
  try {
    view = await startCentralView({ url: opts.central!, host, port, webRoot });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UserError(S.port_busy, { port, host });
    throw e;
  }
  process.stdout.write(`${t(C.view_serving, lang, { where: view.where, url: view.url })}\n${t(S.stop_hint, lang)}\n`);
  if (opts.open !== false) openBrowser(view.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write(t(S.stopping, lang) + '\n');
  await view.close();
}
