// Work per sample of the glove firmware: `npx tsx scripts/bench.ts firmware`.
//
// Runs the built firmware/dist/*.js in the Node sandboxes of test/firmware/ and times the
// sampling callback, once with V8's JIT and once under `node --jitless` (an interpreter, the
// closest Node gets to Espruino's way of running code). The sandbox's built-ins are JavaScript
// stand-ins (an MPU-6050 emulator, CRC in JS), so their cost is measured separately and
// subtracted. Espruino itself runs from source text, ~30x slower than `node --jitless` on the
// same x86 machine and 20-170x slower again on a Pico (../shared/ESPRUINO.md): what transfers
// to the board is the count of operations per sample, so the table shows that count next to
// the times and ESPRUINO.md's statement-cost model for the Linux build.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { BOARDS, buildFirmware } from '../../firmware/build';
import { espruino as espMap, kaluma as kalMap } from '../../hardware/pinmap.json';
import { hotPath } from '../../test/firmware/sample-path';
import { EspruinoSandbox } from '../../test/firmware/sandbox/espruino';
import { massagingHand } from '../../test/firmware/sandbox/hand';
import { KalumaSandbox } from '../../test/firmware/sandbox/kaluma';

const TICKS = 4000;
/** Rounds of (callback, built-ins) measured alternately; the medians are reported, so load from other processes hits both alike. */
const ROUNDS = 9;
const RATE_HZ = 100;

interface Measure {
  board: string;
  /** µs per sampling callback, built-ins included */
  tickUs: number;
  /** µs for the same built-in calls alone */
  builtinsUs: number;
}

function timeTicks(tick: () => void, advance: () => void, drain: () => void): number {
  drain();
  const t0 = performance.now();
  for (let i = 0; i < TICKS; i++) {
    advance();
    tick();
    if ((i & 1023) === 0) drain();
  }
  return ((performance.now() - t0) * 1000) / TICKS;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Medians of the callback and of the built-ins alone, measured in alternating rounds after a warm-up. */
function compare(tick: () => void, builtins: () => void, advance: () => void, drain: () => void): { tickUs: number; builtinsUs: number } {
  timeTicks(tick, advance, drain);
  timeTicks(builtins, advance, drain);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(timeTicks(tick, advance, drain));
    b.push(timeTicks(builtins, advance, drain));
  }
  return { tickUs: median(a), builtinsUs: median(b) };
}

function measureEspruino(): Measure {
  const code = readFileSync(BOARDS[0].out, 'utf8');
  const sb = new EspruinoSandbox({ hand: massagingHand(), fsrPins: espMap.fsr.map((f) => f.pin), keepAll: false });
  sb.load(code);
  sb.time.advance(2.5);
  const tick = sb.time.callbacks(1 / RATE_HZ)[0]!;
  const step = (): void => {
    sb.time.now += 1 / RATE_HZ;
  };
  // The same built-in calls a sample makes, without the firmware around them.
  const builtins = vm.runInContext(`(function () {
    var v = new Uint8Array(48), c = new Uint8Array(v.buffer, 1, 43);
    return function () {
      getTime();
      analogRead('A5'); analogRead('A6'); analogRead('A7'); analogRead('B1');
      I2C1.writeTo(0x68, 0x3B); I2C1.readFrom(0x68, 14);
      I2C1.writeTo(0x69, 0x3B); I2C1.readFrom(0x69, 14);
      E.CRC32(c); USB.write(v);
    };
  })()`, sb.context) as () => void;
  return { board: 'espruino', ...compare(tick, builtins, step, () => sb.take()) };
}

function measureKaluma(): Measure {
  const code = readFileSync(BOARDS[1].out, 'utf8');
  const sb = new KalumaSandbox({
    hand: massagingHand(), adcPin: kalMap.mux.adc_pin, selectPins: kalMap.mux.select_pins, channels: kalMap.fsr.map((f) => f.mux_channel),
  });
  sb.load(code);
  sb.time.advance(2.5);
  const tick = sb.time.callbacks(1 / RATE_HZ)[0]!;
  const step = (): void => {
    sb.time.now += 1 / RATE_HZ;
  };
  const builtins = vm.runInContext(`(function () {
    var v = new Uint8Array(48), s = [20, 19, 18], bus = board.i2c(0, {});
    return function () {
      millis();
      digitalWrite(s, 0); analogRead(26); digitalWrite(s, 1); analogRead(26);
      digitalWrite(s, 2); analogRead(26); digitalWrite(s, 3); analogRead(26);
      bus.memRead(14, 0x68, 0x3B); bus.memRead(14, 0x69, 0x3B);
      process.stdout.write(v);
    };
  })()`, sb.context) as () => void;
  return { board: 'kaluma', ...compare(tick, builtins, step, () => sb.take()) };
}

/** Child process entry: prints the measurements as JSON. */
function measureAll(): Measure[] {
  return [measureEspruino(), measureKaluma()];
}

function runChild(flags: string[]): Measure[] {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', self, '--measure'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`benchmark child (${flags.join(' ') || 'jit'}) failed:\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('[')).at(-1);
  return JSON.parse(line ?? '[]') as Measure[];
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);

export async function main(): Promise<void> {
  await buildFirmware();
  const jit = runChild([]);
  const jitless = runChild(['--jitless']);

  console.log('Per-sample work of the firmware (static, from the built files):');
  console.log(`${'board'.padEnd(9)} ${'function'.padEnd(13)} ${pad('ops', 4)} ${pad('calls', 6)}  ram  runs`);
  const opsByBoard = new Map<string, number>();
  for (const b of BOARDS) {
    const hot = hotPath(readFileSync(b.out, 'utf8'));
    let perSample = 0;
    for (const h of hot) {
      // imuInto runs once per IMU; autoFeedback only once the host has set thresholds
      const runs = h.name === 'imuInto' ? 2 : h.name === 'autoFeedback' ? 0 : 1;
      perSample += runs * h.operations;
      console.log(`${b.name.padEnd(9)} ${h.name.padEnd(13)} ${pad(h.operations, 4)} ${pad(h.calls, 6)}  ${h.hasRamDirective ? 'yes' : 'no '}  x${runs}`);
    }
    const fb = hot.find((h) => h.name === 'autoFeedback')?.operations ?? 0;
    opsByBoard.set(b.name, perSample + fb);
    console.log(`${b.name.padEnd(9)} ${'PER SAMPLE'.padEnd(13)} ${pad(perSample, 4)}  (${perSample + fb} with automatic LED feedback)`);
  }

  console.log(`\nTime per sampling callback, median of ${ROUNDS} x ${TICKS} callbacks, µs (firmware = callback - the same built-in calls alone):`);
  console.log(`${'board'.padEnd(9)} ${'mode'.padEnd(9)} ${pad('callback', 9)} ${pad('built-ins', 10)} ${pad('firmware', 9)}`);
  for (const [mode, rows] of [['jit', jit], ['jitless', jitless]] as const) {
    for (const m of rows) {
      console.log(`${m.board.padEnd(9)} ${mode.padEnd(9)} ${pad(m.tickUs.toFixed(2), 9)} ${pad(m.builtinsUs.toFixed(2), 10)} ${pad(Math.max(0, m.tickUs - m.builtinsUs).toFixed(2), 9)}`);
    }
  }

  // ESPRUINO.md's model of the Linux build: ~14 µs per timer callback, 3-5 µs per simple
  // statement, ~18 µs per USB.write; a Pico runs the same interpreter 20-170x slower.
  const ops = opsByBoard.get('espruino')!;
  const linuxLow = 14 + 3 * ops + 18;
  const linuxHigh = 14 + 5 * ops + 18;
  const jitlessFw = Math.max(0, jitless[0]!.tickUs - jitless[0]!.builtinsUs);
  console.log('\nEstimate for the Espruino interpreter (caveat: a model, not a measurement on the board):');
  console.log(`  statement model, Linux build: ${linuxLow}-${linuxHigh} µs per sample (${ops} operations, feedback on)`);
  console.log(`  node --jitless: the firmware's own code is ${jitlessFw.toFixed(1)} µs of a ${jitless[0]!.tickUs.toFixed(1)} µs callback here; V8's interpreter`);
  console.log('  reads bytecode, Espruino re-reads source text, so scale the operation count, not these times.');
  console.log(`  Pico (20-170 x Linux): ${(20 * linuxLow / 1000).toFixed(1)}-${(170 * linuxHigh / 1000).toFixed(1)} ms per sample, plus ~0.72 ms of I2C bus time for two 14-byte bursts at 400 kHz`);
  console.log(`  budget: ${(1000 / RATE_HZ).toFixed(1)} ms at ${RATE_HZ} Hz, ${(1000 / 200).toFixed(1)} ms at 200 Hz`);
  console.log('  A board that cannot keep up sends status "error" with arg 3 (sample overrun) once a second, and t_us shows the real spacing.');
}

if (process.argv.includes('--measure')) {
  process.stdout.write(`${JSON.stringify(measureAll())}\n`);
}
