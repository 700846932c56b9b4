// `pijat calibrate --port PATH`: the FSR calibration of hardware/README.md, step by step.
// Tare with nothing on the pads, then each weight on each pad: Enter, average the raw readings
// for 1 s, fit newtons = p0 * c^p1 per pad (shared/engine/calibration.ts fitFsr), show the
// residuals, refuse a bad fit with its reason, save the fit for this glove's device id.
// The steps read lines from stdin, so the procedure can be scripted (tests, a lab's own jig).
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { t, type Entry, type Lang, type Params } from '../../shared/i18n/index';
import { CLI } from '../../shared/i18n/cli';
import { HANDS } from '../../shared/i18n/report';
import { formatNumber } from '../../shared/i18n/format';
import { CMD_DESCRIBE, CMD_START } from '../../shared/protocol/constants';
import { CommandSender } from '../../shared/protocol/command-text';
import type { Descriptor } from '../../shared/protocol/types';
import { fitFsr, type DeviceCalibration, type FitPoint, type FsrFit, type FsrParams } from '../../shared/engine/calibration';
import { parseDeviceCalibration } from '../../shared/engine/calibration-schema';
import { Store, resolveDataDir } from '../store';
import { EXIT_FAILURE, UserError, runCommand } from './errors';
import { dataOption, examples, h, langOf, langOption } from './options';
import { table } from './render-report';

interface Opts {
  port: string;
  pads?: string;
  weights?: string;
  seconds?: string;
  data?: string;
  lang?: string;
}

export const DEFAULT_WEIGHTS_G = [100, 200, 500, 1000, 2000];
/** Standard gravity: a mass in grams -> newtons. */
const G = 9.80665 / 1000;
/** Readings in the first part of each window are skipped: the weight may still be settling. */
const SETTLE_S = 0.1;
const DESCRIPTOR_TIMEOUT_S = 5;

export function register(program: Command): void {
  program
    .command('calibrate')
    .description(h(CLI.cmd_calibrate))
    .requiredOption('--port <path>', h(CLI.opt_cal_port))
    .option('--pads <list>', h(CLI.opt_pads))
    .option('--weights <grams>', h(CLI.opt_weights))
    .option('--seconds <s>', h(CLI.opt_seconds))
    .addOption(dataOption())
    .addOption(langOption())
    .addHelpText('after', examples([
      ['pijat calibrate --port /dev/ttyACM0', CLI.ex_calibrate],
      ['pijat calibrate --port COM3 --pads left_thumb,right_thumb --weights 200,500,1000', CLI.ex_calibrate_thumbs],
    ]))
    .action((opts: Opts) => runCommand(langOf(opts), () => calibrateCommand(opts)));
}

// ------------------------------------------------------------------ the procedure (testable)

/** What the procedure needs from the glove. */
export interface RawSource {
  readonly name: string;
  descriptor(): Promise<Descriptor>;
  /** Mean raw count of every FSR channel (descriptor order) over the next `seconds`, after SETTLE_S. */
  average(seconds: number): Promise<{ means: number[]; n: number }>;
}

/** What the procedure needs from the person: text out, one line in (null = input ended). */
export interface Dialog {
  say(text: string): void;
  ask(text: string): Promise<string | null>;
}

export interface CalibrationPlan {
  pads?: string[];
  weights_g: number[];
  seconds: number;
}

export type CalibrationOutcome =
  | { ok: true; calibration: DeviceCalibration; fits: Record<string, FsrFit> }
  | { ok: false; refused: string[]; fits: Record<string, FsrFit> };

export function padName(name: string, lang: Lang): string {
  const [hand, site] = name.split('_') as [string, string];
  const handWord = (HANDS as Record<string, Entry | undefined>)[hand]?.[lang] ?? hand;
  const siteWord = site === 'knuckle' ? CLI.pad_knuckle[lang] : CLI.pad_thumb[lang];
  return lang === 'id' ? `${siteWord} ${handWord} (${name})` : `${handWord} ${siteWord} (${name})`;
}

function weightText(g: number, lang: Lang): string {
  return g >= 1000 ? `${formatNumber(g / 1000, g % 1000 === 0 ? 0 : 1, lang)} kg` : `${formatNumber(g, 0, lang)} g`;
}

export async function runCalibration(src: RawSource, dialog: Dialog, plan: CalibrationPlan, lang: Lang): Promise<CalibrationOutcome> {
  const L = (e: Entry, p?: Params): string => t(e, lang, p);
  const d = await src.descriptor();
  const fsr = d.channels.filter((c) => c.kind === 'fsr');
  const names = fsr.map((c) => c.name);
  const pads = plan.pads ?? names;
  for (const p of pads) {
    if (!names.includes(p)) throw new UserError(CLI.cal_bad_pad, { pad: p, known: names.join(', ') });
  }
  dialog.say(L(CLI.cal_start, { device: d.device_id, port: src.name, pads: pads.length, weights: plan.weights_g.length }));

  const step = async (prompt: string): Promise<{ means: number[]; n: number }> => {
    const line = await dialog.ask(prompt);
    if (line === null) throw new UserError(CLI.cal_input_ended, {}, EXIT_FAILURE);
    if (line.trim().toLowerCase() === 'q') throw new UserError(CLI.cal_quit, {}, EXIT_FAILURE);
    const r = await src.average(plan.seconds);
    if (r.n === 0) throw new UserError(CLI.cal_no_samples, { port: src.name, seconds: plan.seconds }, EXIT_FAILURE);
    return r;
  };

  const tare = await step(L(CLI.cal_tare));
  dialog.say(L(CLI.cal_tare_done, {
    values: pads.map((p) => `${p} ${formatNumber(tare.means[names.indexOf(p)]!, 0, lang)}`).join(', '),
  }));

  const points: Record<string, FitPoint[]> = {};
  for (const pad of pads) {
    const k = names.indexOf(pad);
    points[pad] = [{ raw: tare.means[k]!, newtons: 0 }];
    for (const g of plan.weights_g) {
      const r = await step(L(CLI.cal_place, { weight: weightText(g, lang), pad: padName(pad, lang) }));
      dialog.say(L(CLI.cal_measured, { raw: formatNumber(r.means[k]!, 0, lang), n: r.n }));
      points[pad]!.push({ raw: r.means[k]!, newtons: g * G });
    }
  }

  const fits: Record<string, FsrFit> = {};
  const refused: string[] = [];
  const params: Record<string, FsrParams> = {};
  for (const pad of pads) {
    const fit = fitFsr(points[pad]!);
    fits[pad] = fit;
    dialog.say('');
    if (fit.residuals) dialog.say(residualTable(fit, lang));
    if (fit.ok) {
      params[pad] = fit.params;
      dialog.say(L(CLI.cal_pad_ok, { pad: padName(pad, lang), message: fit.message[lang] }));
    } else {
      refused.push(pad);
      dialog.say(L(CLI.cal_pad_refused, { pad: padName(pad, lang), message: fit.message[lang] }));
    }
  }
  if (refused.length > 0) return { ok: false, refused, fits };
  return { ok: true, calibration: { device_id: d.device_id, fsr: params }, fits };
}

function residualTable(fit: FsrFit, lang: Lang): string {
  const L = (e: Entry): string => t(e, lang);
  const rows = [[L(CLI.col_load), 'N', L(CLI.col_raw), L(CLI.col_fitted), L(CLI.col_error)]];
  for (const r of fit.residuals ?? []) {
    rows.push([
      weightText(Math.round(r.newtons / G), lang),
      formatNumber(r.newtons, 2, lang),
      formatNumber(r.raw, 0, lang),
      formatNumber(r.fitted_n, 2, lang),
      `${formatNumber(Math.abs(r.rel_error) < 0.0005 ? 0 : r.rel_error * 100, 1, lang)} %`,
    ]);
  }
  return table(rows, [true, true, true, true, true]).split('\n').map((l) => `  ${l}`).join('\n');
}

// ------------------------------------------------------------------ the command

function parseWeights(value: string | undefined): number[] {
  if (value === undefined) return DEFAULT_WEIGHTS_G;
  const w = value.split(',').map((x) => Number(x.trim()));
  if (w.length < 3 || w.some((x) => !(x > 0)) || new Set(w).size !== w.length) {
    throw new UserError(CLI.cal_bad_weights, { value });
  }
  return w;
}

async function calibrateCommand(opts: Opts): Promise<void> {
  const lang = langOf(opts);
  const weights = parseWeights(opts.weights);
  const seconds = Number(opts.seconds ?? 1);
  if (!(seconds > 0)) throw new UserError(CLI.bad_number, { option: '--seconds', value: String(opts.seconds) });
  const pads = opts.pads?.split(',').map((p) => p.trim()).filter(Boolean);
  const store = Store.open(resolveDataDir(opts.data));
  const { SerialTransport } = await import('../transport');
  const { Decoder } = await import('../../shared/protocol/decoder');
  const transport = await SerialTransport.open(opts.port).catch((err: unknown) => {
    store.close();
    throw err;
  });

  // Raw readings straight from the decoder: calibration works on counts, not on newtons.
  const decoder = new Decoder();
  // Text commands (protocol 2, also before any descriptor), binary frames to a version 1 glove.
  const commands = new CommandSender();
  let descriptor: Descriptor | null = null;
  let window: { from: number; sums: number[]; n: number } | null = null;
  transport.onData((chunk) => {
    decoder.push(chunk, (m) => {
      commands.observe(m);
      if (m.type === 'descriptor') descriptor = m;
      else if (m.type === 'sample' && window && performance.now() >= window.from) {
        for (let i = 0; i < m.n_fsr; i++) window.sums[i] = (window.sums[i] ?? 0) + m.fsr[i]!;
        window.n++;
      }
    });
  });
  const send = (cmd: number): Promise<void> => transport.write(commands.encode(cmd)).catch(() => {});
  const source: RawSource = {
    name: opts.port,
    async descriptor() {
      await send(CMD_START);
      await send(CMD_DESCRIBE);
      const t0 = performance.now();
      while (!descriptor) {
        if (performance.now() - t0 > DESCRIPTOR_TIMEOUT_S * 1000) {
          throw new UserError(CLI.cal_no_descriptor, { port: opts.port, seconds: DESCRIPTOR_TIMEOUT_S }, EXIT_FAILURE);
        }
        await sleep(50);
      }
      return descriptor;
    },
    async average(s) {
      window = { from: performance.now() + SETTLE_S * 1000, sums: [], n: 0 };
      await sleep((SETTLE_S + s) * 1000);
      const w = window;
      window = null;
      return { means: w.sums.map((x) => x / w.n), n: w.n };
    },
  };

  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const dialog: Dialog = {
    say: (text) => process.stdout.write(`${text}\n`),
    async ask(text) {
      process.stdout.write(`${text}\n`);
      const r = await lines.next();
      return r.done ? null : r.value;
    },
  };

  try {
    const outcome = await runCalibration(source, dialog, { pads, weights_g: weights, seconds }, lang);
    if (!outcome.ok) {
      throw new UserError(CLI.cal_refused, { pads: outcome.refused.join(', ') }, EXIT_FAILURE);
    }
    // Pads not redone this time keep their earlier fit; the gyro bias is kept too.
    const before = store.getCalibration(outcome.calibration.device_id);
    const old = before ? parseDeviceCalibration(before.data, `${store.file}: calibration of glove ${outcome.calibration.device_id}`) : undefined;
    const merged: DeviceCalibration = {
      ...old,
      device_id: outcome.calibration.device_id,
      fsr: { ...old?.fsr, ...outcome.calibration.fsr },
    };
    store.saveCalibration(merged.device_id, merged);
    dialog.say(`\n${t(CLI.cal_saved, lang, { device: merged.device_id, file: store.file })}`);
  } finally {
    rl.close();
    await transport.close().catch(() => {});
    store.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
