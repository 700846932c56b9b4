// How a glove is named to users: the class view's tile label ("Sim 1", "USB 2") while the
// server has the glove; for a stored session whose glove is gone (a restarted server), a name
// made from its id, never the id itself ("sim-1", "usb-E661...").

/** The tile label of the n-th simulated glove (1-based). */
export function simGloveLabel(n: number): string {
  return `Sim ${n}`;
}

/** A user-facing name for a glove id the server no longer knows: `sim-2` -> "Sim 2", `usb-X` -> "USB X". */
export function gloveNameFromId(id: string): string {
  const sim = /^sim-(\d+)$/.exec(id);
  if (sim) return simGloveLabel(Number(sim[1]));
  if (id.startsWith('usb-')) return `USB ${id.slice(4)}`;
  return id;
}
