// Entry point of the `pijat` command: one file per command in this folder, each exporting
// `register(program)`. Add a command by adding its file and one line below.
import { Command } from 'commander';
// command imports (one line each, keep sorted)
import { register as calibrate } from './calibrate';
import { register as exportCmd } from './export';
import { register as flash } from './flash';
import { register as inspect } from './inspect';
import { register as live } from './live';
import { register as ports } from './ports';
import { register as profile } from './profile';
import { register as report } from './report';
import { register as score } from './score';
import { register as serve } from './serve';
import { register as sessions } from './sessions';
import { register as simulate } from './simulate';
import { register as start } from './start';

const program = new Command();
program
  .name('pijat')
  .description('Pijat: pressure-sensing glove for teaching oxytocin massage (pijat oksitosin)')
  .version(process.env.PIJAT_VERSION ?? '0.1.0')
  .showHelpAfterError();

const commands: ((p: Command) => void)[] = [
  // command registrations (one line each, keep sorted)
  calibrate,
  exportCmd,
  flash,
  inspect,
  live,
  ports,
  profile,
  report,
  score,
  serve,
  sessions,
  simulate,
  start,
];
for (const reg of commands) reg(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`pijat: ${msg}\n`);
  process.exitCode = 1;
});
