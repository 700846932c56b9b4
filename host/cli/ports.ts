// `pijat ports`: the serial ports, known glove boards first.
import type { Command } from 'commander';
import { t, type Lang } from '../../shared/i18n/index';
import { SIM } from '../../shared/i18n/sim';
import { CLI } from '../../shared/i18n/cli';
import { listGloves, type PortEntry } from '../transport/ports';
import { runCommand } from './errors';
import { examples, h, langOf, langOption } from './options';
import { table } from './render-report';

export function register(program: Command): void {
  program
    .command('ports')
    .description(h(SIM.cmd_ports))
    .option('--json', h(CLI.opt_json))
    .addOption(langOption())
    .addHelpText('after', examples([['pijat ports', SIM.ex_ports]]))
    .action((opts: { json?: boolean; lang?: string }) => runCommand(langOf(opts), async () => {
      const ports = await listGloves();
      process.stdout.write(opts.json ? `${JSON.stringify(ports)}\n` : `${renderPorts(ports, langOf(opts))}\n`);
    }));
}

export function renderPorts(ports: PortEntry[], lang: Lang): string {
  if (ports.length === 0) return t(SIM.ports_none, lang);
  const kind = (p: PortEntry): string =>
    t(p.board === 'espruino-pico' ? SIM.kind_espruino : p.board === 'rp2040' ? SIM.kind_rp2040 : SIM.kind_other, lang);
  const rows = [[t(SIM.col_port, lang), t(SIM.col_board, lang), t(SIM.col_usb, lang), t(SIM.col_maker, lang), t(SIM.col_serial, lang)]];
  for (const p of ports) {
    rows.push([p.path, kind(p), p.vendorId ? `${p.vendorId}:${p.productId ?? ''}` : '-', p.manufacturer ?? '-', p.serialNumber ?? '-']);
  }
  const out = table(rows);
  return ports.some((p) => p.board !== 'other') ? out : `${out}\n\n${t(SIM.ports_no_glove, lang)}`;
}
