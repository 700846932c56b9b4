// Entry point of the `pijat` command: one file per command in this folder, each exporting
// `register(program)`. Add a command by adding its file and one line below.
// Commands load lazily: `pijat score` reads only what scoring needs (no serialport, ws or
// QR code), which matters when a whole 1-hour capture scores in about half a second.
import { Command, CommanderError } from 'commander';
import { CLI } from '../../shared/i18n/cli';
import { EXIT_USAGE } from './errors';
import { earlyLang, examples, h } from './options';
import { usageErrorText } from './usage-errors';

type Register = (p: Command) => void;
type Loader = () => Promise<{ register: Register }>;

const COMMANDS: Record<string, Loader> = {
  calibrate: () => import('./calibrate'),
  central: () => import('./central'),
  export: () => import('./export'),
  flash: () => import('./flash'),
  inspect: () => import('./inspect'),
  live: () => import('./live'),
  ports: () => import('./ports'),
  profile: () => import('./profile'),
  report: () => import('./report'),
  score: () => import('./score'),
  serve: () => import('./serve'),
  sessions: () => import('./sessions'),
  simulate: () => import('./simulate'),
  start: () => import('./start'),
  trainees: () => import('./trainees'),
  sync: () => import('./sync'),
};

async function main(): Promise<void> {
  const program = new Command();
  program
    .name('pijat')
    .description(h(CLI.program_description))
    .version(process.env.PIJAT_VERSION ?? '0.1.0')
    .exitOverride()
    .configureOutput({ outputError: () => {} }) // said in the user's language below
    .addHelpText('after', examples([
      ['npm start', CLI.ex_npm_start],
      ['pijat simulate --scenario good --seed 1 --duration 60 --out g.bin', CLI.ex_simulate_good],
      ['pijat score g.bin --json', CLI.ex_score_good_json],
      ['pijat live --sim good', CLI.ex_live_sim_good],
    ]));

  // The command named on the line, none for the version, or all of them (for help and for
  // error messages).
  const named = process.argv[2];
  const version = named === '--version' || named === '-V';
  const loaders = named && COMMANDS[named] ? [COMMANDS[named]] : version ? [] : Object.values(COMMANDS);
  for (const mod of await Promise.all(loaders.map((load) => load()))) mod.register(program);
  await program.parseAsync(process.argv);
}

// `pijat export 3 | head`: the reader went away; stop quietly rather than print EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main().catch((err: unknown) => {
  if (err instanceof CommanderError) {
    // Help and --version end here too, with exit code 0; usage errors exit 2 like other bad input.
    if (err.exitCode === 0) return;
    const named = process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : '';
    const command = named && COMMANDS[named] ? named : '';
    process.stderr.write(`pijat: ${usageErrorText(err, earlyLang(), command)}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return;
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`pijat: ${msg}\n`);
  process.exitCode = 1;
});
