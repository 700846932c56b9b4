// hardware/: the bill of materials adds up and stays in budget, and the wiring table and the
// schematic agree with the pin map the firmware is built from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pinmap from '../../hardware/pinmap.json';

const dir = join(__dirname, '../../hardware');
const readme = readFileSync(join(dir, 'README.md'), 'utf8');
const schematic = readFileSync(join(dir, 'schematic.svg'), 'utf8');

/** Minimal CSV: quoted fields with "" escapes, no line breaks inside fields. */
function parseCsv(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trim().split('\n').map((line) => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted && c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) { cells.push(cur); cur = ''; } else cur += c;
    }
    cells.push(cur);
    return cells;
  });
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

describe('hardware files', () => {
  const bom = parseCsv(readFileSync(join(dir, 'bom.csv'), 'utf8'));

  it('states a per-pair total for each board variant that equals its rows, the Kaluma one well under USD 50', () => {
    const totals = new Map<string, number>();
    for (const variant of ['espruino', 'kaluma', 'espruino-rp2040']) {
      const parts = bom.filter((r) => !r.part!.startsWith('TOTAL') && (r.variant === 'both' || r.variant === variant));
      for (const r of parts) expect(Number(r.line_total_usd)).toBeCloseTo(Number(r.quantity_per_pair) * Number(r.unit_price_usd), 2);
      const sum = parts.reduce((s, r) => s + Number(r.line_total_usd), 0);
      const total = bom.find((r) => r.variant === variant && r.part!.startsWith('TOTAL'));
      expect(Number(total!.line_total_usd)).toBeCloseTo(sum, 2);
      totals.set(variant, sum);
    }
    expect(totals.get('kaluma')!).toBeLessThan(45);
    expect(readme).toContain(`USD ${totals.get('kaluma')!.toFixed(2)}`);
    expect(readme).toContain(`USD ${totals.get('espruino')!.toFixed(2)}`);
    expect(readme).toContain(`USD ${totals.get('espruino-rp2040')!.toFixed(2)}`);
    expect(bom.filter((r) => /FSR 402/.test(r.part_number!)).map((r) => Number(r.quantity_per_pair))).toEqual([4]);
    expect(bom.filter((r) => /MPU-6050/.test(r.part!)).map((r) => Number(r.quantity_per_pair))).toEqual([2]);
  });

  it('wires every pin of the pin map in the README table and the schematic', () => {
    const esp = pinmap.espruino;
    const kal = pinmap.kaluma;
    const espPins = [...esp.fsr.map((f) => f.pin), esp.i2c.scl, esp.i2c.sda, esp.motor, esp.led_red, esp.led_green, esp.button.pin];
    const kalPins = [kal.mux.adc_pin, ...kal.mux.select_pins, kal.i2c.scl, kal.i2c.sda, kal.led_red, kal.led_green, kal.button.pin, kal.motor].map((p) => `GP${p}`);
    for (const p of [...espPins, ...kalPins]) {
      expect(readme, p).toMatch(new RegExp(`\\| ${p}\\b`));
      expect(schematic, p).toMatch(new RegExp(`>${p}\\b|\\b${p}[ <)]`));
    }
    const ohms = pinmap.fsr_divider.resistor_ohms;
    expect(ohms).toBe(4700);
    expect(readme).toContain('4.7 kOhm');
    expect(schematic.match(/4\.7 kΩ/g)!.length).toBeGreaterThanOrEqual(8);
    for (const k of kal.fsr) expect(schematic).toContain(`Y${k.mux_channel}`);
    expect(schematic).toContain('74HC4051');
    expect(schematic).toContain('AD0 tied to 3.3 V');
    expect(schematic).toMatch(/1N4148/);
    expect(schematic).toMatch(/PN2222A/);
  });

  it('wires every pin of the Espruino RP2040 section in the README table, as GPn (Dn)', () => {
    const erp = pinmap.espruino_rp2040;
    const pins = [...erp.fsr.map((f) => f.pin), erp.i2c.scl, erp.i2c.sda, erp.motor, erp.led_red, erp.led_green, erp.button.pin];
    for (const p of pins) expect(readme, p).toMatch(new RegExp(`\\| GP${p.slice(1)} \\(${p}\\) \\|`));
  });
});
