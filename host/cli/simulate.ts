// `pijat simulate`: the virtual glove. --out writes the exact wire bytes as fast as possible;
// --port streams them to a serial device in real time, as a glove does, and answers commands
// read from it; with neither, the bytes go to stdout (when it is not a terminal).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { t, type Entry, type Lang } from '../../shared/i18n/index';
import { SCENARIO_TEXT, SIM } from '../../shared/i18n/sim';
import { DEFAULT_LOSS_RATE, SimulatedGlove, checkDuration, checkRate, checkSeed, resolveScenario } from '../sim/glove';
import { SimError } from '../sim/errors';
import { SCENARIO_NAMES } from '../sim/scenarios';
import { MAX_RATE_HZ, MIN_RATE_HZ } from '../../shared/protocol/constants';
import { BlockSink } from '../sim/sinks';
import { simulate, type SimSession } from '../sim/simulate';
import { RETRY_MS, SerialTransport } from '../transport/serial';
import { CLI } from '../../shared/i18n/cli';
import { UserError, runCommand } from './errors';
import { examples, h, langOf, langOption } from './options';

interface Opts {
  scenario: string;
  seed: string;
  duration?: string;
  rate: string;
  out?: string;
  port?: string;
  truth?: string;
  loss?: string;
  loop?: boolean;
  lang?: string;
}

function scenarioList(): string {
  const width = Math.max(...SCENARIO_NAMES.map((n) => n.length));
  const lines = SCENARIO_NAMES.map((n) => `  ${n.padEnd(width)}  ${h((SCENARIO_TEXT as Record<string, { id: string; en: string }>)[n]!)}`);
  return `\n${h(SIM.scenarios_title)}\n${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description(h(SIM.cmd_simulate))
    .option('--scenario <name>', h(SIM.opt_scenario, { names: SCENARIO_NAMES.join(', ') }), 'good')
    .option('--seed <n>', h(SIM.opt_seed), '1')
    .option('--duration <s>', h(SIM.opt_duration))
    .option('--rate <hz>', h(SIM.opt_rate), '100')
    .option('--out <file>', h(SIM.opt_out))
    .option('--port <path>', h(SIM.opt_port))
    .option('--truth <file.json>', h(SIM.opt_truth))
    .option('--loss <p>', h(SIM.opt_loss))
    .option('--loop', h(SIM.opt_loop))
    .addOption(langOption())
    .addHelpText('after', scenarioList() + examples([
      ['pijat simulate --scenario good --seed 1 --duration 60 --out g.bin', SIM.ex_sim_out],
      ['pijat simulate --scenario too-hard --seed 3 --out hard.bin --truth hard.json', SIM.ex_sim_truth],
      ['pijat simulate --port /tmp/glove-a', SIM.ex_sim_port],
      ['pijat simulate --scenario irregular --seed 5 > irregular.bin', SIM.ex_sim_pipe],
    ]))
    .action((opts: Opts) => runCommand(langOf(opts), () => run(opts)));
}

/** A number option, or the option's own error naming the text given. */
function num(error: Entry, param: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new SimError(error, { [param]: value });
  return n;
}

async function run(opts: Opts): Promise<void> {
  const lang = langOf(opts);
  if (opts.out && opts.port) throw new UserError(SIM.out_and_port);
  const scenario = resolveScenario(opts.scenario).name;
  if (!/^\d+$/.test(opts.seed)) throw new SimError(SIM.bad_seed, { seed: opts.seed });
  const seed = checkSeed(Number(opts.seed));
  if (!/^\d+$/.test(opts.rate)) throw new SimError(SIM.bad_rate, { rate: opts.rate, min: MIN_RATE_HZ, max: MAX_RATE_HZ });
  const rate = checkRate(Number(opts.rate));
  const duration = checkDuration(num(SIM.bad_duration, 'duration', opts.duration));
  const loss = num(SIM.bad_loss, 'loss', opts.loss) ?? DEFAULT_LOSS_RATE;
  if (loss < 0 || loss > 0.5) throw new SimError(SIM.bad_loss, { loss: opts.loss ?? '' });

  if (opts.port) {
    await streamToPort(opts.port, { scenario, seed, rate, duration, loss, loop: opts.loop === true, truth: opts.truth }, lang);
    return;
  }
  const session = simulate({ scenario, seed, rate_hz: rate, duration_s: duration, loss_rate: loss });
  if (opts.truth) writeTruth(opts.truth, session);
  const t0 = Date.now();
  const count = { frames: 0 };
  let bytes = 0;
  if (opts.out) {
    let fd: number;
    try {
      fd = openSync(opts.out, 'w');
    } catch (err) {
      throw new UserError(CLI.file_unwritable, { file: opts.out, reason: (err as Error).message });
    }
    try {
      for (const c of session.chunks(1 << 18, count)) {
        writeSync(fd, c);
        bytes += c.length;
      }
    } finally {
      closeSync(fd);
    }
  } else {
    if (process.stdout.isTTY) throw new UserError(SIM.stdout_is_terminal);
    for (const c of session.chunks(1 << 16, count)) {
      bytes += c.length;
      if (!process.stdout.write(c)) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
    }
  }
  process.stderr.write(`${t(SIM.sim_wrote, lang, {
    scenario, seed, frames: count.frames, bytes, duration: round(session.duration_s, 1), rate, out: opts.out ?? 'stdout', ms: Date.now() - t0,
  })}\n`);
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function writeTruth(file: string, s: SimSession | { truth: unknown }): void {
  try {
    writeFileSync(file, `${JSON.stringify(s.truth, null, 2)}\n`);
  } catch (err) {
    throw new UserError(CLI.file_unwritable, { file, reason: (err as Error).message });
  }
}

interface PortRun {
  scenario: string;
  seed: number;
  rate: number;
  duration?: number;
  loss: number;
  loop: boolean;
  truth?: string;
}

/** Streams a simulated glove to a serial port in real time until the session ends. */
async function streamToPort(path: string, r: PortRun, lang: Lang): Promise<void> {
  const glove = new SimulatedGlove({
    scenario: r.scenario, seed: r.seed, rate_hz: r.rate, duration_s: r.duration, loss_rate: r.loss, loop: r.loop, streaming: true,
  });
  if (r.truth) {
    const s = simulate({ scenario: r.scenario, seed: r.seed, rate_hz: r.rate, duration_s: r.duration, loss_rate: r.loss });
    writeTruth(r.truth, s);
  }
  const port = await SerialTransport.open(path);
  const sink = new BlockSink(4096);
  const end = r.loop ? Infinity : glove.plan.length_s;
  let pending = 0;
  const send = (): void => {
    for (const b of sink.flush()) {
      // Like the glove's USB buffer: when the host is not reading, data is dropped.
      if (!port.connected || pending > 64) continue;
      pending++;
      port.write(b).then(() => pending--, () => pending--);
    }
  };
  port.onStatus((s) => {
    if (s.type === 'disconnected') process.stderr.write(`${t(SIM.port_disconnected, lang, { port: path, every: RETRY_MS })}\n`);
    if (s.type === 'reconnected') process.stderr.write(`${t(SIM.port_reconnected, lang, { port: path, gap: round(s.gap_s, 1) })}\n`);
  });
  port.onData((chunk) => {
    glove.receive(chunk, sink);
    send();
  });
  process.stderr.write(`${t(SIM.sim_streaming, lang, {
    scenario: r.scenario, seed: r.seed, rate: r.rate, port: path, duration: r.loop ? '∞' : round(end, 1),
  })}\n`);
  const wall0 = performance.now();
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    const step = (): void => {
      const now = Math.min(end, (performance.now() - wall0) / 1000);
      glove.advanceTo(now, sink);
      send();
      if (now >= end) stop();
      else timer = setTimeout(step, 10);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    step();
  });
  // Let the last writes drain before closing.
  for (let i = 0; i < 50 && pending > 0; i++) await new Promise((r2) => setTimeout(r2, 20));
  await port.close();
  process.stderr.write(`${t(SIM.sim_done, lang, { frames: sink.frames, port: path })}\n`);
}
