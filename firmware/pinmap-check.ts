// Checks hardware/pinmap.json before it is bundled into the firmware: every mistake is reported
// with its field path and what to write instead.

export interface PinmapProblem {
  field: string;
  message: string;
}

const FSR_ORDER: [string, string][] = [['left', 'thumb'], ['right', 'thumb'], ['left', 'knuckle'], ['right', 'knuckle']];
/** Espruino Pico ADC pins on the headers (../shared/ESPRUINO.md; B0 is tied to the FET). */
const PICO_ADC = new Set(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'B1']);
const PICO_I2C: Record<string, [string, string][]> = {
  I2C1: [['B6', 'B7'], ['B8', 'B9']],
  I2C2: [['B10', 'B3']],
  I2C3: [['A8', 'B4']],
};
/** Kaluma Pico (RP2040) I2C0/I2C1 pin pairs [scl, sda]. */
const RP2040_I2C: Record<number, [number, number][]> = {
  0: [[1, 0], [5, 4], [9, 8], [13, 12], [17, 16], [21, 20]],
  1: [[3, 2], [7, 6], [11, 10], [15, 14], [19, 18], [27, 26]],
};

/** Pin names of the Espruino Pico (PICO_R1_3) and its built-in aliases. */
const PICO_PIN = /^(A([0-9]|1[0-5])|B([0-9]|1[0-5])|C1[3-5]|LED1|LED2|BTN)$/;
/** Espruino's names for the RP2040 GPIOs: D0..D29. */
const RP2040_PIN = /^D([0-9]|1[0-9]|2[0-9])$/;
const RP2040_ADC = new Set(['D26', 'D27', 'D28', 'D29']);

type Json = Record<string, unknown>;

function isObj(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function checkPinmap(map: unknown): PinmapProblem[] {
  const problems: PinmapProblem[] = [];
  const bad = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  if (!isObj(map)) return [{ field: '(root)', message: 'must be a JSON object with "fsr_divider", "espruino", "espruino_rp2040" and "kaluma"' }];

  const div = map.fsr_divider;
  if (!isObj(div)) bad('fsr_divider', 'missing: give resistor_ohms, nominal_p0_n, nominal_p1');
  else {
    for (const k of ['resistor_ohms', 'nominal_p0_n', 'nominal_p1']) {
      if (typeof div[k] !== 'number' || !((div[k] as number) > 0)) bad(`fsr_divider.${k}`, 'must be a positive number');
    }
  }

  const checkFsrOrder = (board: string, fsr: unknown): Json[] => {
    if (!Array.isArray(fsr) || fsr.length !== 4) {
      bad(`${board}.fsr`, 'must list exactly 4 FSRs: left thumb, right thumb, left knuckle, right knuckle');
      return [];
    }
    fsr.forEach((f, i) => {
      const [hand, site] = FSR_ORDER[i]!;
      if (!isObj(f) || f.hand !== hand || f.site !== site) {
        bad(`${board}.fsr[${i}]`, `must be { "hand": "${hand}", "site": "${site}", ... } (protocol sample order)`);
      }
    });
    return fsr.filter(isObj);
  };
  const checkImu = (board: string, imu: unknown): void => {
    if (!Array.isArray(imu) || imu.length !== 2) {
      bad(`${board}.imu`, 'must list exactly 2 IMUs: left (address 104 = 0x68), right (address 105 = 0x69)');
      return;
    }
    const hands = ['left', 'right'];
    imu.forEach((m, i) => {
      if (!isObj(m) || m.hand !== hands[i]) bad(`${board}.imu[${i}].hand`, `must be "${hands[i]}"`);
      else if (m.address !== 0x68 && m.address !== 0x69) bad(`${board}.imu[${i}].address`, 'an MPU-6050 answers at 104 (AD0 low) or 105 (AD0 high)');
    });
    if (isObj(imu[0]) && isObj(imu[1]) && imu[0].address === imu[1].address) bad(`${board}.imu[1].address`, 'both IMUs share one bus: tie AD0 high on one of them and use 104 and 105');
  };

  const esp = map.espruino;
  if (!isObj(esp)) bad('espruino', 'missing');
  else {
    checkFsrOrder('espruino', esp.fsr).forEach((f, i) => {
      if (typeof f.pin !== 'string' || !PICO_ADC.has(f.pin)) bad(`espruino.fsr[${i}].pin`, `"${String(f.pin)}" is not an ADC pin of the Espruino Pico: use one of ${[...PICO_ADC].join(', ')}`);
    });
    checkImu('espruino', esp.imu);
    const i2c = esp.i2c;
    if (!isObj(i2c) || typeof i2c.bus !== 'string' || !(i2c.bus in PICO_I2C)) bad('espruino.i2c.bus', 'must be "I2C1", "I2C2" or "I2C3"');
    else {
      const pairs = PICO_I2C[i2c.bus]!;
      if (!pairs.some(([scl, sda]) => scl === i2c.scl && sda === i2c.sda)) {
        bad('espruino.i2c', `${i2c.bus} has scl/sda on ${pairs.map(([a, b]) => `${a}/${b}`).join(' or ')}`);
      }
      if (typeof i2c.bitrate !== 'number' || i2c.bitrate < 10000 || i2c.bitrate > 400000) bad('espruino.i2c.bitrate', 'must be 10000..400000 (the MPU-6050 tops out at 400 kHz)');
    }
    for (const k of ['led_red', 'led_green', 'motor']) {
      if (typeof esp[k] !== 'string' || !PICO_PIN.test(esp[k] as string)) bad(`espruino.${k}`, `"${String(esp[k])}" is not a pin of the Espruino Pico: use a name such as "LED1" or "B13"`);
    }
    if (!isObj(esp.button) || typeof esp.button.pin !== 'string' || !PICO_PIN.test(esp.button.pin) || typeof esp.button.active_high !== 'boolean') bad('espruino.button', 'must be { "pin": "BTN", "active_high": true }');
  }

  const erp = map.espruino_rp2040;
  if (!isObj(erp)) bad('espruino_rp2040', 'missing');
  else {
    const used = new Map<string, string>();
    const pinName = (field: string, v: unknown): void => {
      if (typeof v !== 'string' || !RP2040_PIN.test(v)) {
        bad(field, `"${String(v)}" is not an RP2040 pin: Espruino names them D0..D29 (GP0..GP29)`);
        return;
      }
      const other = used.get(v);
      if (other !== undefined) bad(field, `${v} is already used by ${other}`);
      used.set(v, field);
    };
    checkFsrOrder('espruino_rp2040', erp.fsr).forEach((f, i) => {
      if (typeof f.pin !== 'string' || !RP2040_ADC.has(f.pin)) bad(`espruino_rp2040.fsr[${i}].pin`, `"${String(f.pin)}" is not an ADC pin of the RP2040: use D26, D27, D28 or D29`);
      else pinName(`espruino_rp2040.fsr[${i}].pin`, f.pin);
    });
    checkImu('espruino_rp2040', erp.imu);
    const i2c = erp.i2c;
    const buses: Record<string, number> = { I2C1: 0, I2C2: 1 };
    if (!isObj(i2c) || typeof i2c.bus !== 'string' || !(i2c.bus in buses)) bad('espruino_rp2040.i2c.bus', 'must be "I2C1" (the RP2040 I2C0) or "I2C2" (I2C1)');
    else {
      const pairs = RP2040_I2C[buses[i2c.bus]!]!;
      if (!pairs.some(([scl, sda]) => `D${scl}` === i2c.scl && `D${sda}` === i2c.sda)) {
        bad('espruino_rp2040.i2c', `${i2c.bus} has scl/sda on ${pairs.map(([a, b]) => `D${a}/D${b}`).join(', ')}`);
      } else {
        pinName('espruino_rp2040.i2c.scl', i2c.scl);
        pinName('espruino_rp2040.i2c.sda', i2c.sda);
      }
      if (typeof i2c.bitrate !== 'number' || i2c.bitrate < 10000 || i2c.bitrate > 400000) bad('espruino_rp2040.i2c.bitrate', 'must be 10000..400000');
    }
    pinName('espruino_rp2040.led_red', erp.led_red);
    pinName('espruino_rp2040.led_green', erp.led_green);
    pinName('espruino_rp2040.motor', erp.motor);
    if (!isObj(erp.button) || typeof erp.button.active_high !== 'boolean') bad('espruino_rp2040.button', 'must be { "pin": "D15", "active_high": false }');
    else pinName('espruino_rp2040.button.pin', erp.button.pin);
  }

  const kal = map.kaluma;
  if (!isObj(kal)) bad('kaluma', 'missing');
  else {
    const used = new Map<number, string>();
    const gpio = (field: string, v: unknown): void => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 29) {
        bad(field, 'must be an RP2040 GPIO number 0..29');
        return;
      }
      const other = used.get(v);
      if (other !== undefined) bad(field, `GP${v} is already used by ${other}`);
      used.set(v, field);
    };
    const fsr = checkFsrOrder('kaluma', kal.fsr);
    const channels = new Set<number>();
    fsr.forEach((f, i) => {
      const ch = f.mux_channel;
      if (typeof ch !== 'number' || !Number.isInteger(ch) || ch < 0 || ch > 7) bad(`kaluma.fsr[${i}].mux_channel`, 'must be a 74HC4051 input 0..7');
      else if (channels.has(ch)) bad(`kaluma.fsr[${i}].mux_channel`, `input Y${ch} is used twice`);
      else channels.add(ch);
    });
    checkImu('kaluma', kal.imu);
    const mux = kal.mux;
    if (!isObj(mux)) bad('kaluma.mux', 'missing: { "part": "74HC4051", "adc_pin": 26, "select_pins": [S0, S1, S2] }');
    else {
      if (mux.adc_pin !== 26 && mux.adc_pin !== 27 && mux.adc_pin !== 28) bad('kaluma.mux.adc_pin', 'the RP2040 ADC inputs are GP26, GP27, GP28');
      else gpio('kaluma.mux.adc_pin', mux.adc_pin);
      if (!Array.isArray(mux.select_pins) || mux.select_pins.length !== 3) bad('kaluma.mux.select_pins', 'must be 3 GPIOs [S0, S1, S2]');
      else mux.select_pins.forEach((p, i) => gpio(`kaluma.mux.select_pins[${i}]`, p));
    }
    const i2c = kal.i2c;
    if (!isObj(i2c) || (i2c.bus !== 0 && i2c.bus !== 1)) bad('kaluma.i2c.bus', 'must be 0 or 1');
    else {
      const pairs = RP2040_I2C[i2c.bus as number]!;
      if (!pairs.some(([scl, sda]) => scl === i2c.scl && sda === i2c.sda)) {
        bad('kaluma.i2c', `I2C${i2c.bus} has scl/sda on ${pairs.map(([a, b]) => `GP${a}/GP${b}`).join(', ')}`);
      } else {
        gpio('kaluma.i2c.scl', i2c.scl);
        gpio('kaluma.i2c.sda', i2c.sda);
      }
      if (typeof i2c.bitrate !== 'number' || i2c.bitrate < 10000 || i2c.bitrate > 400000) bad('kaluma.i2c.bitrate', 'must be 10000..400000');
    }
    gpio('kaluma.led_red', kal.led_red);
    gpio('kaluma.led_green', kal.led_green);
    gpio('kaluma.motor', kal.motor);
    if (!isObj(kal.button) || typeof kal.button.active_high !== 'boolean') bad('kaluma.button', 'must be { "pin": 15, "active_high": false }');
    else gpio('kaluma.button.pin', kal.button.pin);
  }
  return problems;
}
