// Where the class's gloves come from: USB ports (polled every 2 s with listGloves(); each glove
// board opened with SerialTransport, which reconnects by itself), explicit ports (a pty in
// tests), and N simulated gloves (SimLink, each with another scenario and seed).
import { basename } from 'node:path';
import { LocalizedError, t, type Lang } from '../../shared/i18n/index';
import type { Profile } from '../../shared/profiles/schema';
import { listGloves, SerialTransport, SimLink, type PortEntry, type Transport, type TransportStatus } from '../transport/index';
import type { Classroom } from './classroom';
import { Glove } from './glove';
import { simGloveLabel } from '../../shared/glove-name';

/** Scenarios the simulated gloves cycle through: a good trainee first, then typical mistakes. */
export const SIM_SCENARIOS = ['good', 'too-hard', 'one-hand', 'too-fast', 'irregular', 'too-light', 'too-slow', 'short-passes'];

export interface WatcherOptions {
  classroom: Classroom;
  profile: Profile;
  sim: number;
  /** Poll the USB ports for glove boards. */
  serial: boolean;
  /** Ports opened whatever listGloves() says (a pty, a board it does not know). */
  ports?: string[];
  scenarios?: string[];
  seed?: number;
  simRateHz?: number;
  simSpeed?: number;
  pollMs?: number;
  /** Language of the console messages (default 'id'). */
  lang?: Lang;
  /** Port lister (tests). */
  list?: () => Promise<PortEntry[]>;
}

interface Attached {
  glove: Glove;
  transport: Transport | null;
  path: string;
}

export class GloveWatcher {
  private attached = new Map<string, Attached>();
  /** Paths being opened or open, so a slow open is not started twice. */
  private paths = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = false;
  private usbCount = 0;

  constructor(private readonly o: WatcherOptions) {}

  async start(): Promise<void> {
    const scenarios = this.o.scenarios && this.o.scenarios.length > 0 ? this.o.scenarios : SIM_SCENARIOS;
    for (let i = 0; i < this.o.sim; i++) {
      const scenario = scenarios[i % scenarios.length]!;
      const seed = (this.o.seed ?? 1) + i;
      const link = new SimLink({ scenario, seed, loop: true, rate_hz: this.o.simRateHz, speed: this.o.simSpeed });
      const glove = new Glove({ id: `sim-${i + 1}`, kind: 'sim', label: simGloveLabel(i + 1), source: scenario, profile: this.o.profile });
      this.attach(glove, link, link.name);
    }
    for (const p of this.o.ports ?? []) await this.openPort(p, undefined);
    if (this.o.serial) {
      await this.poll();
      this.timer = setInterval(() => void this.poll(), this.o.pollMs ?? 2000);
      this.timer.unref?.();
    }
  }

  /** USB gloves found so far. */
  get usb(): number {
    return this.usbCount;
  }

  private attach(glove: Glove, transport: Transport, path: string): void {
    const a: Attached = { glove, transport, path };
    this.attached.set(glove.id, a);
    this.o.classroom.add(glove);
    transport.onStatus((s) => this.onStatus(a, s));
    transport.onData((chunk) => {
      if (glove.push(chunk)) this.o.classroom.changed(glove);
    });
  }

  private onStatus(a: Attached, s: TransportStatus): void {
    const g = a.glove;
    if (s.type === 'disconnected' || s.type === 'end' || s.type === 'closed') g.setStatus('disconnected');
    else if (s.type === 'reconnected' || s.type === 'open') {
      if (s.type === 'reconnected') g.linkRestored();
      g.setStatus('connecting');
    }
    else return;
    this.o.classroom.changed(g);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      const list = await (this.o.list ?? (() => listGloves()))();
      for (const p of list) {
        if (p.board === 'other' || this.paths.has(p.path)) continue;
        await this.openPort(p.path, p);
      }
    } catch {
      // listing can fail briefly while a device enumerates; the next poll tries again
    } finally {
      this.polling = false;
    }
  }

  private async openPort(path: string, entry: PortEntry | undefined): Promise<void> {
    if (this.stopped || this.paths.has(path)) return;
    this.paths.add(path);
    const id = `usb-${(entry?.serialNumber || basename(path)).replace(/[^A-Za-z0-9_.-]+/g, '_')}`;
    let transport: SerialTransport;
    try {
      transport = await SerialTransport.open(path, { reconnect: true });
    } catch (e) {
      // Busy or gone: try again at the next poll (the user may close the other program).
      this.paths.delete(path);
      const why = e instanceof LocalizedError ? t(e.entry, this.o.lang ?? 'id', e.params) : e instanceof Error ? e.message : String(e);
      process.stderr.write(`pijat serve: ${why}\n`);
      return;
    }
    if (this.stopped) {
      await transport.close();
      return;
    }
    const old = this.attached.get(id);
    if (old) {
      // The same board on another path (replugged into another socket): keep its tile, trainee
      // and session; drop the old path's reconnect loop.
      if (old.transport) await old.transport.close();
      this.paths.delete(old.path);
      old.transport = transport;
      old.path = path;
      old.glove.source = path;
      transport.onStatus((s) => this.onStatus(old, s));
      transport.onData((chunk) => {
        if (old.glove.push(chunk)) this.o.classroom.changed(old.glove);
      });
      return;
    }
    this.usbCount++;
    const glove = new Glove({ id, kind: 'serial', label: `USB ${this.usbCount}`, source: path, profile: this.o.profile });
    this.attach(glove, transport, path);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.attached.values()].map((a) => a.transport?.close()));
  }
}
