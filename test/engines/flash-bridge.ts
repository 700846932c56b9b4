// For the flash tests: an emulated board (rp2040/glove.ts) reached the way a host reaches a real
// one, through a socket or a serial port, while the emulator runs in the background.
// - serveGlove(): the board's USB as tcp://127.0.0.1:PORT (the espruino CLI speaks it), and
//   optionally as a serial port: a pty that socat joins to that socket.
// - emulatedClock(): the flasher's clock in emulated time, for a flasher that waits while the
//   background loop runs the emulator (its waits then mean on the emulated board what they mean
//   on a real one, however slowly the emulator runs).
// Host bytes keep the espruino CLI's 250 ms pause after `reset();` in emulated time (unless
// `cliPauses: false`): the CLI pauses in wall time, and the emulated board, running ~3-5x slower,
// would not have finished its reset when the code arrives (it drops the first bytes then).
// The background loop runs the emulator 10 emulated ms at a time and hands the event loop a turn
// after each step, so that socket, pty and timer callbacks (the host's side) keep up with the
// board in emulated time, as a real host does with a real board. (Machine.run() returns without
// yielding when a step ends within its wall-clock slice; a loop of awaited run() calls alone would
// run the board for emulated seconds while the host hears nothing.)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../../host/flash/link';
import type { Glove } from './rp2040/glove';

/** The espruino CLI pauses 250 ms after these (core/serial.js writeSerialWorker). */
const CLI_PAUSE_AFTER = /reset\(\);?\n|load\(\);?\n|\x03/;
const CLI_PAUSE_S = 0.25;

export { hasSocat } from '../support/socat';

export function emulatedClock(g: Glove): Clock {
  return {
    now: () => g.now() * 1000,
    until: (done, ms) => {
      const end = g.now() * 1000 + ms;
      return new Promise((resolve) => {
        const check = (): void => {
          if (done()) resolve(true);
          else if (g.now() * 1000 >= end) resolve(false);
          else setTimeout(check, 2);
        };
        check();
      });
    },
  };
}

export interface ServedGlove {
  /** tcp://127.0.0.1:PORT */
  readonly url: string;
  /** The pty path, with `pty: true`. */
  readonly serialPath: string | undefined;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Also offer the board as a serial port (a pty through socat). */
  pty?: boolean;
  /** Honour the board's XON/XOFF at once (the espruino CLI's uploads need it). */
  flowControl?: boolean;
  /**
   * Replay the espruino CLI's pauses (default true). Off for any other host program: the pause
   * after a 0x03 byte would split, say, YMODEM block 3 in two.
   */
  cliPauses?: boolean;
}

/** Emulated seconds the background loop runs between two turns of the event loop. */
const PUMP_STEP_S = 0.01;

export async function serveGlove(g: Glove, opts: ServeOptions = {}): Promise<ServedGlove> {
  g.usb.flowControl = opts.flowControl === true;
  const pauses = opts.cliPauses !== false;
  let running = true;
  let held = '';
  let holdUntil = 0;
  const deliver = (): void => {
    while (held.length > 0 && g.now() >= holdUntil) {
      const m = pauses ? CLI_PAUSE_AFTER.exec(held) : null;
      const end = m === null ? held.length : m.index + m[0].length;
      g.send(Buffer.from(held.slice(0, end), 'latin1'));
      held = held.slice(end);
      if (m !== null) holdUntil = g.now() + CLI_PAUSE_S;
    }
  };
  const pump = (async (): Promise<void> => {
    while (running) {
      deliver();
      await g.run(PUMP_STEP_S);
      await new Promise<void>((r) => setImmediate(r));
    }
  })();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.setNoDelay(true);
    g.usb.hostOpened();
    const off = g.usb.onData((d) => {
      if (!s.destroyed) s.write(d);
    });
    s.on('data', (d: Buffer) => {
      held += d.toString('latin1');
      deliver();
    });
    s.on('close', () => {
      off();
      sockets.delete(s);
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;

  let socat: ChildProcess | undefined;
  let dir: string | undefined;
  let serialPath: string | undefined;
  if (opts.pty === true) {
    dir = mkdtempSync(path.join(tmpdir(), 'pijat-flash-pty-'));
    serialPath = path.join(dir, 'ttyACM0');
    socat = spawn('socat', [`pty,raw,echo=0,link=${serialPath}`, `tcp:127.0.0.1:${port}`], { stdio: 'ignore' });
    const until = Date.now() + 5000;
    while (!existsSync(serialPath) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    if (!existsSync(serialPath)) throw new Error('socat did not create the pty');
  }
  return {
    url: `tcp://127.0.0.1:${port}`,
    serialPath,
    stop: async () => {
      socat?.kill();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      running = false;
      await pump;
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
