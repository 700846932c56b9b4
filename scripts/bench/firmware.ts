// The glove firmware on its REAL engines: `npm run bench -- firmware`.
//
// First a static table from the built files: the functions that carry the "ram" directive (the
// sample tick and what it calls per sample), their operations and calls, and where the names they
// use are found (test/firmware/sample-path.ts): Espruino finds a name by walking the scopes
// outwards, so names from outside the tick's small closure cost a walk on every sample.
//
// Then, for each engine (../shared/engines; a missing one is skipped with the reason):
//   - Espruino 2v29, Linux build (x86, real time), with the Espruino Pico's hardware in JS;
//   - Kaluma 1.2.1 and Espruino 2v29 built for the RP2040, in rp2040js at 125 MHz (emulated time);
// it runs the built file at its announced 100 Hz for PIJAT_BENCH_SECONDS (default 300: five
// minutes; emulation runs ~2-4x slower than real time) and prints the delivered rate, the error
// statuses by code, lost frames and the heap in use at the start and the end; then a build whose
// rate limit is lifted is asked for 1000 Hz for a few seconds: the rate it then delivers is its
// ceiling, and 1/ceiling the time one sample costs (housekeeping included). On Kaluma, which
// sleeps between samples, it also prints the CPU cycles per sample at 100 Hz; Espruino's RP2040
// port never sleeps, so there the ceiling is the measure.
//
// Emulated timing is a lower bound: rp2040js has no flash wait states or XIP cache misses, and
// the Espruino Pico (STM32F401, 84 MHz) runs the same interpreter ~1.26x slower than this
// emulated RP2040 (the published Leibniz loop: 458 us there, 364 us here).
import { readFileSync } from 'node:fs';
import { BOARDS, buildFirmware, bundleBoard } from '../../firmware/build';
import { CMD_SET_RATE, EVENT_ERROR } from '../../shared/protocol/constants';
import { u16le } from '../../shared/protocol/encode';
import { EspruinoLinux } from '../../test/engines/espruino-linux';
import { skipReason, type EngineName } from '../../test/engines/locate';
import { createGlove, type BoardName } from '../../test/engines/rp2040/glove';
import { deliveredRate, memoryPercents, streamFacts, textCommand } from '../../test/engines/stream-facts';
import { ramFunctions, sampleTick } from '../../test/firmware/sample-path';

const SECONDS = Number(process.env.PIJAT_BENCH_SECONDS ?? 300);
const CEILING_SECONDS = 4;
/** Pico (STM32F401) interpreter time / emulated RP2040 interpreter time, from the published Leibniz loop. */
const PICO_SLOWER = 458 / 364;

interface Row {
  engine: string;
  seconds: number;
  rate: number;
  /** error statuses after the first 1.5 s, by code ("4x2 5x1"), or "none" */
  errors: string;
  crc: number;
  lost: number;
  /** bytes outside frames after the first frame (REPL text, broken frames) */
  junk: number;
  heap: string;
  ceiling: number;
  cyclesPerSample?: number;
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function staticTable(): void {
  console.log('Per-sample work of the firmware (static, from the built files):');
  console.log(`${'board'.padEnd(16)} ${'function'.padEnd(12)} ${pad('ops', 4)} ${pad('calls', 6)}  names: enclosing / bundle / global`);
  for (const b of BOARDS) {
    const fns = ramFunctions(readFileSync(b.out, 'utf8'));
    const tick = sampleTick(fns);
    for (const f of fns) {
      const count = (home: string): number => f.names.filter((n) => n.home === home).length;
      const name = f === tick ? 'TICK' : f.label;
      console.log(`${b.name.padEnd(16)} ${name.padEnd(12)} ${pad(f.operations, 4)} ${pad(f.calls, 6)}  ${count('enclosing')} / ${count('bundle')} / ${count('global')}${f.allocations.length > 0 ? `  allocates: ${f.allocations.join('; ')}` : ''}`);
    }
  }
}

function summary(engine: string, bytes: Uint8Array, ceiling: number, cyclesPerSample?: number): Row {
  const f = streamFacts(bytes);
  const end = f.samples.at(-1)?.t_s ?? 0;
  const mem = memoryPercents(f.statuses);
  const codes = new Map<number, number>();
  for (const s of f.statuses) if (s.event === EVENT_ERROR && s.t_s >= 1.5) codes.set(s.arg, (codes.get(s.arg) ?? 0) + 1);
  return {
    engine,
    seconds: end,
    rate: deliveredRate(f.samples, 1, end),
    errors: codes.size === 0 ? 'none' : [...codes].map(([c, n]) => `${c}x${n}`).join(' '),
    crc: f.counters.crc_errors,
    lost: f.counters.lost_frames,
    junk: f.counters.junk_bytes - f.leadingJunk,
    heap: mem.length > 0 ? `${mem[0]} -> ${mem.at(-1)} % (max ${Math.max(...mem)})` : 'n/a',
    ceiling,
    cyclesPerSample,
  };
}

/** The rate a build without the limit delivers, from `from` seconds of its stream on. */
function ceilingOf(bytes: Uint8Array, from: number): number {
  const f = streamFacts(bytes);
  return deliveredRate(f.samples, from, f.samples.at(-1)?.t_s ?? 0);
}

async function linux(program: string, unlimited: string): Promise<Row> {
  const g = EspruinoLinux.spawn({ program });
  await sleep((SECONDS + 2.5) * 1000);
  await g.stop();
  const u = EspruinoLinux.spawn({ program: unlimited });
  await sleep(3000);
  u.send(textCommand(1, CMD_SET_RATE, u16le(1000)));
  await sleep(1000 + CEILING_SECONDS * 1000);
  await u.stop();
  const at = streamFacts(u.received).acks[0]?.t_s ?? 0;
  return summary('Espruino 2v29, Linux build (x86)', g.received, ceilingOf(u.received, at + 1));
}

async function rp2040(board: BoardName, name: string, program: Buffer, unlimited: Buffer): Promise<Row> {
  const g = await createGlove({ board, program });
  await g.runUntil(() => streamFacts(g.stream).samples.length > 0, 4);
  await g.run(1);
  const mark = g.mark();
  const before = streamFacts(g.stream).samples.length;
  await g.run(SECONDS);
  const samples = streamFacts(g.stream).samples.length - before;
  const cycles = board === 'kaluma' ? (g.cycles - mark.cycles) / samples : undefined;
  const u = await createGlove({ board, program: unlimited });
  await u.runUntil(() => streamFacts(u.stream).samples.length > 0, 4);
  u.send(textCommand(1, CMD_SET_RATE, u16le(1000)));
  await u.run(1 + CEILING_SECONDS);
  const at = streamFacts(u.stream).acks[0]?.t_s ?? 0;
  return summary(name, g.stream, ceilingOf(u.stream, at + 1), cycles);
}

export async function main(): Promise<void> {
  await buildFirmware();
  staticTable();
  const file = (name: string): string => BOARDS.find((b) => b.name === name)!.out;
  const unlimited = async (name: string): Promise<string> => bundleBoard(BOARDS.find((x) => x.name === name)!.entry, { maxRateHz: 1000 });
  const engines: { engine: EngineName; run: () => Promise<Row> }[] = [
    { engine: 'espruinoLinux', run: async () => linux(readFileSync(file('espruino'), 'utf8'), await unlimited('espruino')) },
    { engine: 'kaluma', run: async () => rp2040('kaluma', 'Kaluma 1.2.1, RP2040 (rp2040js)', readFileSync(file('kaluma')), Buffer.from(await unlimited('kaluma'))) },
    { engine: 'espruinoRp2040', run: async () => rp2040('espruino-rp2040', 'Espruino 2v29, RP2040 (rp2040js)', readFileSync(file('espruino-rp2040')), Buffer.from(await unlimited('espruino-rp2040'))) },
  ];
  console.log(`\nEach engine streams ${SECONDS} s at the announced 100 Hz (PIJAT_BENCH_SECONDS), then a build without the rate limit is asked for 1000 Hz.`);
  const rows: Row[] = [];
  for (const e of engines) {
    const missing = skipReason(e.engine);
    if (missing !== undefined) {
      console.log(`skipped: ${missing}`);
      continue;
    }
    const t0 = Date.now();
    const row = await e.run();
    rows.push(row);
    console.log(`  ${row.engine}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s of wall time`);
  }
  console.log('');
  console.log('engine                              | s streamed | delivered Hz | errors  | CRC | lost | junk | heap in use           | ceiling Hz | ms/sample | cycles/sample @100 Hz');
  for (const r of rows) {
    const cyc = r.cyclesPerSample === undefined ? 'n/a (never sleeps)' : `${Math.round(r.cyclesPerSample)} (${(r.cyclesPerSample / 125e3).toFixed(2)} ms CPU)`;
    console.log(`${r.engine.padEnd(36)}| ${pad(r.seconds.toFixed(0), 10)} | ${pad(r.rate.toFixed(2), 12)} | ${r.errors.padEnd(7)} | ${pad(r.crc, 3)} | ${pad(r.lost, 4)} | ${pad(r.junk, 4)} | ${r.heap.padEnd(21)} | ${pad(r.ceiling.toFixed(1), 10)} | ${pad((1000 / r.ceiling).toFixed(2), 9)} | ${cyc}`);
  }
  const esp = rows.find((r) => r.engine.startsWith('Espruino 2v29, RP2040'));
  if (esp !== undefined) {
    const ms = (1000 / esp.ceiling) * PICO_SLOWER;
    console.log(`\nEspruino Pico (STM32F401) estimate: ${ms.toFixed(1)} ms per sample = the RP2040 figure x ${PICO_SLOWER.toFixed(2)} (published interpreter speed ratio), ceiling ~${(1000 / ms).toFixed(0)} Hz; an estimate, +-20 %: the emulator has no flash wait states.`);
  }
}
