// The firmware build's guards: esbuild's unsupported-feature settings, the post-build scan for
// what esbuild lets through, and the pin map check.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware, bundleBoard } from '../../firmware/build';
import { checkFirmwareSource } from '../../firmware/check';
import { checkPinmap } from '../../firmware/pinmap-check';

const pinmapText = readFileSync(join(__dirname, '../../hardware/pinmap.json'), 'utf8');

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
    // the Kaluma part of the pin map stays out of the Espruino bundle and vice versa
    expect(readFileSync(BOARDS[0].out, 'utf8')).not.toContain('mux_channel');
    expect(readFileSync(BOARDS[1].out, 'utf8')).not.toContain('PICO_R1_3');
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
    for (const [src, why] of cases) {
      const file = join(dir, `case${cases.findIndex((c) => c[0] === src)}.ts`);
      writeFileSync(file, `declare const print: (x: unknown) => void;\n${src}\n`);
      await expect(bundleBoard(file)).rejects.toThrow(why);
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
});
