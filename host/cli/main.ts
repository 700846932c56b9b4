// Entry point of the `pijat` command: one file per command in this folder, each exporting
// `register(program)`. Add a command by adding its file and one line below.
import { Command } from 'commander';
// command imports (one line each, keep sorted)

const program = new Command();
program
  .name('pijat')
  .description('Pijat: pressure-sensing glove for teaching oxytocin massage (pijat oksitosin)')
  .version(process.env.PIJAT_VERSION ?? '0.1.0')
  .showHelpAfterError();

const commands: ((p: Command) => void)[] = [
  // command registrations (one line each, keep sorted)
];
for (const reg of commands) reg(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`pijat: ${msg}\n`);
  process.exitCode = 1;
});
