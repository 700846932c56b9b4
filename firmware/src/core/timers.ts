// Timer helpers. Espruino throws "Unknown Interval"/"Unknown Timeout" when clearing an id that
// is gone (a timeout that already fired, a timer list reset), so clearing never throws here.

export type TimerId = ReturnType<typeof setTimeout> | undefined;

export function every(fn: () => void, ms: number): TimerId {
  return setInterval(fn, ms);
}

export function later(fn: () => void, ms: number): TimerId {
  return setTimeout(fn, ms);
}

/** Clears an interval or timeout; returns undefined so callers can write `t = cancel(t)`. */
export function cancel(id: TimerId): undefined {
  if (id === undefined) return undefined;
  try {
    clearInterval(id);
  } catch (e) {
    // already gone
  }
  return undefined;
}
