// The firmware build's guards: esbuild's unsupported-feature settings, the post-build scan for
// what esbuild lets through, one file per board, and the pin map check (also through the build).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware, bundleBoard } from '../../firmware/build';
import { checkFirmwareSource } from '../../firmware/check';
import { checkPinmap } from '../../firmware/pinmap-check';

const repo = join(__dirname, '../..');
const pinmapText = readFileSync(join(repo, 'hardware/pinmap.json'), 'utf8');
const pinmap = JSON.parse(pinmapText) as { espruino_rp2040: { fsr: { pin: string }[] } };

beforeAll(async () => {
  await buildFirmware();
});

describe('firmware build guards', () => {
  it('produces bundles that pass the interpreter scan', () => {
    for (const b of BOARDS) {
      const code = readFileSync(b.out, 'utf8');
      expect(checkFirmwareSource(code, b.out), b.name).toEqual([]);
      expect(code).not.toMatch(/\b(Map|Set|Symbol)\b\s*\(/);
    }
  });

  it('makes one file per board, each with its own section of the pin map only', () => {
    expect(BOARDS.map((b) => b.name)).toEqual(['espruino', 'espruino-rp2040', 'kaluma']);
    const code = (name: string): string => readFileSync(BOARDS.find((b) => b.name === name)!.out, 'utf8');
    const sections = { espruino: 'PICO_R1_3', 'espruino-rp2040': 'RP2040_PICO', kaluma: 'mux_channel' } as const;
    for (const b of BOARDS) {
      for (const [other, marker] of Object.entries(sections)) {
        if (other === b.name) expect(code(b.name), `${b.name} has its section`).toContain(marker);
        else expect(code(b.name), `${b.name} leaves out ${other}`).not.toContain(marker);
      }
    }
    // Espruino on the RP2040 reads its FSRs on the pin map's D26-D29, with the Espruino HAL
    const rp = code('espruino-rp2040');
    for (const f of pinmap.espruino_rp2040.fsr) expect(rp).toContain(`"${f.pin}"`);
    expect(rp).toContain('LoopbackA');
  });

  it('lets esbuild refuse destructuring, default and rest parameters, spread and methods', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pijat-fw-'));
    const cases: [string, RegExp][] = [
      ['const [a, b] = [1, 2]; print(a + b);', /destructuring/],
      ['function f(a = 1) { return a; } print(f());', /default argument|destructuring/],
      ['function f(...a: number[]) { return a.length; } print(f(1));', /rest argument/],
      ['const o = { m() { return 1; } }; print(o.m());', /object literal extensions/],
      ['function* g() { yield 1; } print(g());', /generator/],
    ];
    try {
      for (const [src, why] of cases) {
        const file = join(dir, `case${cases.findIndex((c) => c[0] === src)}.ts`);
        writeFileSync(file, `declare const print: (x: unknown) => void;\n${src}\n`);
        await expect(bundleBoard(file)).rejects.toThrow(why);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds what esbuild lets through, with line and column', () => {
    const found = (src: string): string[] => checkFirmwareSource(src).map((f) => `${f.line}:${f.column} ${f.rule}`);
    expect(found('var x = 2 ** 3;')[0]).toMatch(/^1:9 `\*\*`/);
    expect(found('var y = a?.b;')[0]).toMatch(/`\?\.`/);
    expect(found('var m = new Map();')[0]).toMatch(/Map does not exist/);
    expect(found('var s = Symbol("x");')[0]).toMatch(/Symbol/);
    expect(found('var a = Array.from([1]);')[0]).toMatch(/Array.from/);
    expect(found('var t = Math.trunc(1.5);')[0]).toMatch(/Math.trunc/);
    expect(found('var i = Number.isInteger(1);')[0]).toMatch(/Number.isInteger/);
    expect(found('var A = class _A { static m() { return _A; } };')[0]).toMatch(/class expression _A refers to itself/);
    expect(found('main();\nfunction main() {}')[0]).toMatch(/^1:1 main is used before its function declaration/);
    expect(found('setInterval(tick, 10);\nfunction tick() {}')[0]).toMatch(/tick is used before/);
    expect(found('var fs = [];\nfor (let i = 0; i < 3; i++) fs.push(function () { return i; });')[0]).toMatch(/^2:.* closure captures loop variable i/);
    expect(found('var __pow = Math.pow; var z = __pow(2, 3);').length).toBeGreaterThan(0);
    expect(found('try { f(); } catch { }')[0]).toMatch(/catch without a binding/);
    expect(found('var o = { [k]: 1 };')[0]).toMatch(/computed keys/);
    expect(found('outer: for (;;) { break outer; }')[0]).toMatch(/labels/);
    // calls inside functions that run later are fine, and so is use after definition
    expect(found('function a() { return b(); }\nfunction b() { return 1; }\na();')).toEqual([]);
    expect(found('for (let i = 0; i < 3; i++) print(i);')).toEqual([]);
  });

  it('names the field and the fix for pin map mistakes', () => {
    // any: the test edits the parsed JSON freely to make each mistake
    const fresh = (): Record<string, any> => JSON.parse(pinmapText) as Record<string, any>;
    expect(checkPinmap(fresh())).toEqual([]);

    const m1 = fresh();
    m1.espruino.fsr[3].pin = 'B0';
    expect(checkPinmap(m1)).toEqual([{ field: 'espruino.fsr[3].pin', message: expect.stringMatching(/"B0" is not an ADC pin/) }]);

    const m2 = fresh();
    [m2.kaluma.fsr[0], m2.kaluma.fsr[1]] = [m2.kaluma.fsr[1], m2.kaluma.fsr[0]];
    expect(checkPinmap(m2).map((p) => p.field)).toEqual(['kaluma.fsr[0]', 'kaluma.fsr[1]']);

    const m3 = fresh();
    m3.kaluma.imu[1].address = 104;
    expect(checkPinmap(m3)).toEqual([{ field: 'kaluma.imu[1].address', message: expect.stringMatching(/AD0 high/) }]);

    const m4 = fresh();
    m4.kaluma.mux.select_pins = [18, 19, 4];
    expect(checkPinmap(m4).map((p) => p.field)).toContain('kaluma.i2c.sda');

    const m5 = fresh();
    m5.espruino.i2c = { bus: 'I2C1', scl: 'B8', sda: 'B7', bitrate: 400000 };
    expect(checkPinmap(m5)[0]!.message).toMatch(/I2C1 has scl\/sda on B6\/B7 or B8\/B9/);

    const m6 = fresh();
    m6.kaluma.mux.adc_pin = 25;
    expect(checkPinmap(m6)[0]).toEqual({ field: 'kaluma.mux.adc_pin', message: 'the RP2040 ADC inputs are GP26, GP27, GP28' });
  });

  it('fails on a pin name the board does not have, naming the field', () => {
    // any: the test edits the parsed JSON freely to make each mistake
    const fresh = (): Record<string, any> => JSON.parse(pinmapText) as Record<string, any>;
    const one = (edit: (m: Record<string, any>) => void): { field: string; message: string }[] => {
      const m = fresh();
      edit(m);
      return checkPinmap(m);
    };
    // Espruino Pico: A0-A15, B0-B15, C13-C15 and the built-in LED1, LED2, BTN
    expect(one((m) => { m.espruino.motor = 'B16'; })).toEqual([{ field: 'espruino.motor', message: expect.stringMatching(/"B16" is not a pin of the Espruino Pico/) }]);
    expect(one((m) => { m.espruino.led_red = 'D13'; })).toEqual([{ field: 'espruino.led_red', message: expect.stringMatching(/"D13" is not a pin/) }]);
    expect(one((m) => { m.espruino.led_green = 'C12'; })).toEqual([{ field: 'espruino.led_green', message: expect.stringMatching(/"C12"/) }]);
    expect(one((m) => { m.espruino.button.pin = 'BTN2'; }).map((p) => p.field)).toEqual(['espruino.button']);
    expect(one((m) => { m.espruino.motor = 'C13'; })).toEqual([]);

    // Espruino on the RP2040: D0-D29, FSRs on the ADC pins D26-D29, no pin twice
    expect(one((m) => { m.espruino_rp2040.motor = 'D30'; })).toEqual([{ field: 'espruino_rp2040.motor', message: expect.stringMatching(/"D30" is not an RP2040 pin: Espruino names them D0..D29/) }]);
    expect(one((m) => { m.espruino_rp2040.led_red = 'B13'; }).map((p) => p.field)).toEqual(['espruino_rp2040.led_red']);
    expect(one((m) => { m.espruino_rp2040.button.pin = 'BTN'; }).map((p) => p.field)).toEqual(['espruino_rp2040.button.pin']);
    expect(one((m) => { m.espruino_rp2040.fsr[2].pin = 'D25'; })).toEqual([{ field: 'espruino_rp2040.fsr[2].pin', message: expect.stringMatching(/"D25" is not an ADC pin of the RP2040/) }]);
    expect(one((m) => { m.espruino_rp2040.fsr[0].pin = 'A5'; }).map((p) => p.field)).toEqual(['espruino_rp2040.fsr[0].pin']);
    expect(one((m) => { m.espruino_rp2040.led_green = m.espruino_rp2040.motor; })).toEqual([{ field: 'espruino_rp2040.motor', message: expect.stringMatching(/is already used by espruino_rp2040.led_green/) }]);
    expect(one((m) => { m.espruino_rp2040.i2c.sda = 'D10'; })[0]).toEqual({ field: 'espruino_rp2040.i2c', message: expect.stringMatching(/I2C1 has scl\/sda on D1\/D0, D5\/D4, D9\/D8/) });
    expect(one((m) => { delete m.espruino_rp2040; })).toEqual([{ field: 'espruino_rp2040', message: 'missing' }]);
  });

  it('refuses to build from a pin map with a pin the board does not have, naming the file and the field', async () => {
    // a copy of the build scripts beside a pin map of its own (build.ts reads ../hardware/pinmap.json;
    // a new local import in build.ts must be copied here too)
    const dir = mkdtempSync(join(tmpdir(), 'pijat-pinmap-'));
    try {
      mkdirSync(join(dir, 'firmware'));
      mkdirSync(join(dir, 'hardware'));
      for (const f of ['build.ts', 'check.ts', 'pinmap-check.ts']) copyFileSync(join(repo, 'firmware', f), join(dir, 'firmware', f));
      copyFileSync(join(repo, 'package.json'), join(dir, 'package.json'));
      symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const map = JSON.parse(pinmapText) as Record<string, any>; // any: edited freely
      map.espruino_rp2040.motor = 'D31';
      writeFileSync(join(dir, 'hardware', 'pinmap.json'), JSON.stringify(map));
      const copy = (await import(pathToFileURL(join(dir, 'firmware', 'build.ts')).href)) as typeof import('../../firmware/build');
      await expect(copy.buildFirmware()).rejects.toThrow(/pinmap\.json has 1 problem\(s\):\n.*pinmap\.json: espruino_rp2040\.motor: "D31" is not an RP2040 pin/);
      expect(existsSync(join(dir, 'firmware', 'dist'))).toBe(false); // nothing was built
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
