// A virtual clock with Espruino's timer semantics: intervals keep their phase (next = due +
// period, no drift), clearInterval() without an id clears every timer, an unknown id throws
// "Unknown Interval" like the interpreter does.

interface Timer {
  id: number;
  fn: () => void;
  due: number;
  /** seconds; 0 for a timeout */
  period: number;
}

export class VirtualTime {
  /** Current time, seconds. */
  now: number;
  private timers = new Map<number, Timer>();
  private nextId = 1;
  /** Errors thrown by timer callbacks (Espruino prints them as "Uncaught ..."). */
  readonly uncaught: unknown[] = [];
  /** Called with the text Espruino would print for an uncaught error. */
  onUncaught: (text: string) => void = () => undefined;

  constructor(start = 1000) {
    this.now = start;
  }

  setInterval = (fn: () => void, ms?: number): number => this.add(fn, ms, true);
  setTimeout = (fn: () => void, ms?: number): number => this.add(fn, ms, false);
  clearInterval = (id?: unknown): void => this.clear(id, 'Unknown Interval');
  clearTimeout = (id?: unknown): void => this.clear(id, 'Unknown Timeout');

  private add(fn: () => void, ms: number | undefined, repeat: boolean): number {
    if (typeof fn !== 'function') throw new TypeError('Function or String not supplied');
    const s = Math.max(0, (ms ?? 0) / 1000);
    const id = this.nextId++;
    this.timers.set(id, { id, fn, due: this.now + s, period: repeat ? Math.max(s, 1e-6) : 0 });
    return id;
  }

  private clear(id: unknown, message: string): void {
    if (id === undefined) {
      this.timers.clear();
      return;
    }
    if (!this.timers.delete(id as number)) throw new Error(message);
  }

  /** Active timers; `periodS` filters intervals of that period. */
  count(periodS?: number): number {
    let n = 0;
    for (const t of this.timers.values()) {
      if (periodS === undefined || (t.period > 0 && Math.abs(t.period - periodS) < 1e-9)) n++;
    }
    return n;
  }

  /** Runs every timer due up to now + seconds, in time order, then sets the clock there. */
  advance(seconds: number): void {
    const end = this.now + seconds;
    for (;;) {
      let next: Timer | undefined;
      for (const t of this.timers.values()) {
        if (t.due <= end + 1e-12 && (next === undefined || t.due < next.due || (t.due === next.due && t.id < next.id))) next = t;
      }
      if (next === undefined) break;
      this.now = next.due;
      if (next.period > 0) next.due += next.period;
      else this.timers.delete(next.id);
      this.call(next.fn);
    }
    this.now = end;
  }

  /** Runs fn like the interpreter runs an event callback: an exception is reported, not thrown. */
  call(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.uncaught.push(e);
      this.onUncaught(`Uncaught ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\r\n`);
    }
  }

  /** The callbacks of running timers (for the benchmark). */
  callbacks(periodS: number): (() => void)[] {
    return [...this.timers.values()].filter((t) => t.period > 0 && Math.abs(t.period - periodS) < 1e-9).map((t) => t.fn);
  }
}
