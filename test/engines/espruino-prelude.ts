// The Espruino Pico's glove hardware, written in JavaScript the Espruino interpreter accepts (ES5
// style: no destructuring, spread, default parameters, class fields; functions defined before
// use), to prepend to a firmware file run by the Linux build of Espruino:
// - analogRead(pin): the FSR 402 divider of models/fsr.ts, as the Pico returns it (the 12-bit
//   conversion left-aligned to 16 bits, divided by 65535), for the pin map's FSR pins ("A5", "A6",
//   "A7", "B1" by default; any pin name or pin object is accepted, others read 0); forces over
//   time since the prelude ran (getTime()).
// - `var I2C1`: setup/writeTo/readFrom over the same MPU-6050 datasheet model as
//   models/mpu6050.ts (ported below), with the same motion (models/motion.ts, same noise) and
//   the same fault windows. A NACKed address throws like the board does. `{address, stop:false}`
//   leaves the bus open so the next call starts with a repeated START. setup() checks the pins
//   are the Pico's I2C1 pins (B6/B7 or B8/B9).
// - LED1, LED2, BTN: pin objects the prelude's digitalWrite/digitalRead/setWatch/clearWatch
//   understand (other pins go to the built-ins); BTN presses follow `buttonPresses`.
// - optionally every LED/BTN change appended to a file (`pinLog`), since stdout is the USB link.
// `var` declarations are used because assigning a built-in at top level throws (ESPRUINO.md).
import { espruino as espruinoMap, fsr_divider as divider } from '../../hardware/pinmap.json';
import { FSR_BREAK_FORCE_N, FSR_EXPONENT, FSR_MIN_OHMS, FSR_OHMS_AT_1N, FSR_OPEN_OHMS, MASSAGE_FORCES, type ForceSpec } from './models/fsr';
import type { HandMotion } from './models/motion';
import type { ImuFault } from './models/mpu6050';

export interface PreludeOptions {
  /** One force spec per FSR (default MASSAGE_FORCES), or ES5 source of `function (channel, t) { return newtons; }`. */
  readonly forces?: readonly ForceSpec[] | { readonly js: string };
  readonly motion?: HandMotion;
  readonly imuFaults?: readonly ImuFault[];
  /** Pin names of the FSRs in wire-protocol order (default: the pin map's). */
  readonly fsrPins?: readonly string[];
  /** IMU addresses (default: the pin map's). */
  readonly imuAddresses?: readonly number[];
  /** BTN held down during [at, at + seconds) after the prelude ran. */
  readonly buttonPresses?: readonly { readonly at: number; readonly seconds: number }[];
  /** File the prelude appends "t NAME 0|1" lines to on every LED/BTN change. */
  readonly pinLog?: string;
}

/** The prelude's source (ends with a newline; keep the firmware after it). */
export function espruinoPrelude(opts: PreludeOptions = {}): string {
  const m = opts.motion ?? {};
  const config = {
    fsrPins: opts.fsrPins ?? espruinoMap.fsr.map((f) => f.pin),
    forces: opts.forces !== undefined && 'js' in opts.forces ? null : (opts.forces ?? MASSAGE_FORCES),
    divider: divider.resistor_ohms,
    fsr: { r1: FSR_OHMS_AT_1N, k: FSR_EXPONENT, brk: FSR_BREAK_FORCE_N, open: FSR_OPEN_OHMS, min: FSR_MIN_OHMS },
    motion: {
      f: m.cadenceHz ?? 1,
      r: m.radiusM ?? 0.025,
      tilt: m.tiltDeg ?? 12,
      rock: m.rockDps ?? 25,
      noise: m.noise ?? true,
      seed: m.seed ?? 1,
    },
    faults: opts.imuFaults ?? [],
    addresses: opts.imuAddresses ?? espruinoMap.imu.map((i) => i.address),
    presses: opts.buttonPresses ?? [],
    pinLog: opts.pinLog ?? null,
  };
  const forcesJs = opts.forces !== undefined && 'js' in opts.forces ? opts.forces.js : 'null';
  return `// ---- pijat engine-test prelude (test/engines/espruino-prelude.ts): Espruino Pico hardware in JavaScript
var __pijat = (function () {
var C = ${JSON.stringify(config)};
var forceFn = ${forcesJs};
var t0 = getTime();
function now() { return getTime() - t0; }
function fsrOhms(n) {
  if (!(n >= C.fsr.brk)) return C.fsr.open;
  var r = C.fsr.r1 * Math.pow(n, -C.fsr.k);
  return r < C.fsr.min ? C.fsr.min : r;
}
function force(ch, t) {
  if (forceFn) return forceFn(ch, t);
  var s = C.forces[ch];
  if (s === undefined || s === null) return 0;
  if (typeof s === 'number') return s;
  var v = s.mean + s.amplitude * Math.sin(2 * Math.PI * (s.hz * t + (s.phase || 0)));
  return v > 0 ? v : 0;
}
function analog(pin) {
  var name = String(pin);
  var ch = C.fsrPins.indexOf(name);
  if (ch < 0) return 0;
  var frac = C.divider / (C.divider + fsrOhms(force(ch, now())));
  var c = Math.round(frac * 4095);
  return (c * 16) / 65535;
}
var M = 2147483647;
function unitNoise(seed, imu, axis, n) {
  var h = (((n % (M - 1)) + M - 1) % (M - 1)) + 1;
  h = (h + imu * 7919 + axis * 104729 + seed * 15485863) % (M - 1) + 1;
  for (var i = 0; i < 3; i++) h = (h * 48271) % M;
  return (h / M) * 2 - 1;
}
var AO = [[0.021, -0.013, 0.034], [-0.017, 0.024, -0.028]];
var GB = [[1.6, -0.9, 0.4], [-0.7, 1.1, -1.3]];
var mo = C.motion;
var W = 2 * Math.PI * mo.f;
var ACIRC = (mo.r * W * W) / 9.80665;
var TILT = (mo.tilt * Math.PI) / 180;
var AN = mo.noise ? 400e-6 * Math.sqrt(44) * Math.sqrt(3) : 0;
var GN = mo.noise ? 0.005 * Math.sqrt(44) * Math.sqrt(3) : 0;
function motion(imu, t) {
  var side = imu === 0 ? 1 : -1;
  var ph = W * t + (imu === 0 ? 0 : Math.PI);
  var n = Math.floor(t * 1000);
  var ao = AO[imu] || [0, 0, 0];
  var gb = GB[imu] || [0, 0, 0];
  var s = mo.seed;
  return [
    -ACIRC * Math.cos(ph) + ao[0] + AN * unitNoise(s, imu, 0, n),
    -ACIRC * Math.sin(ph) + side * Math.sin(TILT) + ao[1] + AN * unitNoise(s, imu, 1, n),
    Math.cos(TILT) + ao[2] + AN * unitNoise(s, imu, 2, n),
    29 + imu * 0.5,
    mo.rock * Math.cos(ph) + gb[0] + GN * unitNoise(s, imu, 3, n),
    mo.rock * Math.sin(ph) + gb[1] + GN * unitNoise(s, imu, 4, n),
    0.2 * mo.rock * Math.sin(2 * ph) + gb[2] + GN * unitNoise(s, imu, 5, n)
  ];
}
function clamp16(v) { var r = Math.round(v); return r > 32767 ? 32767 : r < -32768 ? -32768 : r; }
function writable(reg) {
  if (reg >= 0x3b && reg <= 0x60) return false;
  return reg !== 0x75 && reg !== 0x3a && reg !== 0x72 && reg !== 0x73 && reg < 0x76;
}
function Mpu(address, imu) {
  this.address = address;
  this.imu = imu;
  this.regs = new Uint8Array(128);
  this.shadow = new Uint8Array(14);
  this.faults = [];
  for (var i = 0; i < C.faults.length; i++) if (C.faults[i].imu === imu) this.faults.push(C.faults[i]);
  this.lastAccess = -1e30;
  this.bursts = 0;
  this.reset();
}
Mpu.prototype.reset = function () {
  this.regs.fill(0);
  this.regs[0x6b] = 0x40;
  this.regs[0x75] = 0x68;
  this.ptr = 0;
  this.expectPointer = false;
  this.lastIntSample = -1;
};
Mpu.prototype.rate = function () {
  var dlpf = this.regs[0x1a] & 7;
  return (dlpf >= 1 && dlpf <= 6 ? 1000 : 8000) / (1 + this.regs[0x19]);
};
Mpu.prototype.active = function (kind, t) {
  for (var i = 0; i < this.faults.length; i++) {
    var f = this.faults[i];
    var from = f.from === undefined ? 0 : f.from;
    var to = f.to === undefined ? 1e30 : f.to;
    if (f.kind === kind && t >= from && t < to) return f;
  }
  return null;
};
Mpu.prototype.present = function (t) {
  for (var i = 0; i < this.faults.length; i++) {
    var f = this.faults[i];
    if (f.kind !== 'absent' || f.to === undefined || f.resetOnReturn === false) continue;
    if (this.lastAccess < f.to && f.to <= t) this.reset();
  }
  this.lastAccess = t;
  return this.active('absent', t) === null;
};
Mpu.prototype.sampleIndex = function (t) {
  var fr = this.active('frozen', t);
  return Math.floor((fr ? (fr.from === undefined ? 0 : fr.from) : t) * this.rate());
};
Mpu.prototype.latch = function (t) {
  var c = [0, 0, 0, 0, 0, 0, 0];
  if (!(this.regs[0x6b] & 0x40)) {
    var m = motion(this.imu, this.sampleIndex(t) / this.rate());
    var a = 16384 / (1 << ((this.regs[0x1c] >> 3) & 3));
    var g = 131 / (1 << ((this.regs[0x1b] >> 3) & 3));
    c = [clamp16(m[0] * a), clamp16(m[1] * a), clamp16(m[2] * a), clamp16((m[3] - 36.53) * 340), clamp16(m[4] * g), clamp16(m[5] * g), clamp16(m[6] * g)];
  }
  for (var i = 0; i < 7; i++) {
    var v = c[i] & 0xffff;
    this.shadow[2 * i] = v >> 8;
    this.shadow[2 * i + 1] = v & 0xff;
  }
};
Mpu.prototype.begin = function (read, t) {
  if (read) { this.latch(t); if (this.ptr === 0x3b) this.bursts++; }
  this.expectPointer = !read;
};
Mpu.prototype.write = function (value) {
  if (this.expectPointer) { this.ptr = value & 0x7f; this.expectPointer = false; return; }
  var reg = this.ptr;
  if (writable(reg)) {
    if (reg === 0x6b && (value & 0x80)) { this.reset(); return; }
    this.regs[reg] = value;
  }
  this.ptr = (this.ptr + 1) & 0x7f;
};
Mpu.prototype.read = function (t) {
  var reg = this.ptr;
  var v;
  if (reg >= 0x3b && reg < 0x3b + 14) v = this.shadow[reg - 0x3b];
  else if (reg === 0x3a) {
    var s = (this.regs[0x6b] & 0x40) ? this.lastIntSample : this.sampleIndex(t);
    v = s !== this.lastIntSample ? 1 : 0;
    this.lastIntSample = s;
  } else if (reg === 0x74) v = 0;
  else v = this.regs[reg];
  if (reg !== 0x74) this.ptr = (this.ptr + 1) & 0x7f;
  return v;
};
Mpu.prototype.end = function () { this.expectPointer = false; };
var imus = [];
for (var k = 0; k < C.addresses.length; k++) imus.push(new Mpu(C.addresses[k], k));
var open = null; // the device of a transaction left open by {stop:false}
function device(addr, t) {
  for (var i = 0; i < imus.length; i++) if (imus[i].address === addr && imus[i].present(t)) return imus[i];
  return null;
}
function flatten(out, x) {
  if (typeof x === 'number') out.push(x & 0xff);
  else if (typeof x === 'string') { for (var i = 0; i < x.length; i++) out.push(x.charCodeAt(i) & 0xff); }
  else if (x && x.data !== undefined) { var n = x.count === undefined ? 1 : x.count; for (var j = 0; j < n; j++) flatten(out, x.data); }
  else if (x && x.length !== undefined) { for (var q = 0; q < x.length; q++) flatten(out, x[q]); }
  return out;
}
function target(a) {
  if (typeof a === 'object') return { address: a.address, stop: a.stop !== false };
  return { address: a, stop: true };
}
function nack(what) {
  open = null;
  throw new Error(what + ': I2C I/O error');
}
var I2C1_SCL = ['B6', 'B8'];
var I2C1_SDA = ['B7', 'B9'];
var i2c = {
  setup: function (o) {
    o = o || {};
    if (o.scl !== undefined && I2C1_SCL.indexOf(String(o.scl)) < 0) throw new Error('Pin ' + String(o.scl) + ' is not capable of I2C1 SCL');
    if (o.sda !== undefined && I2C1_SDA.indexOf(String(o.sda)) < 0) throw new Error('Pin ' + String(o.sda) + ' is not capable of I2C1 SDA');
    this.options = o;
  },
  writeTo: function (a) {
    var tg = target(a);
    var t = now();
    var bytes = [];
    for (var i = 1; i < arguments.length; i++) flatten(bytes, arguments[i]);
    if (open) open.end(t);
    var d = device(tg.address, t);
    if (!d) nack('jshI2CWrite');
    d.begin(false, t);
    for (var j = 0; j < bytes.length; j++) d.write(bytes[j], t);
    if (tg.stop) { d.end(t); open = null; } else open = d;
  },
  readFrom: function (a, n) {
    var tg = target(a);
    var t = now();
    if (open) open.end(t);
    var d = device(tg.address, t);
    if (!d) nack('jshI2CRead');
    d.begin(true, t);
    var out = new Uint8Array(n);
    for (var j = 0; j < n; j++) out[j] = d.read(t);
    if (tg.stop) { d.end(t); open = null; } else open = d;
    return out;
  }
};
function FakePin(name) { this.name = name; this.state = false; }
FakePin.prototype.toString = function () { return this.name; };
var pins = { LED1: new FakePin('LED1'), LED2: new FakePin('LED2'), BTN: new FakePin('BTN') };
function logPin(p) {
  if (!C.pinLog) return;
  try { require('fs').appendFileSync(C.pinLog, now().toFixed(6) + ' ' + p.name + ' ' + (p.state ? 1 : 0) + '\\n'); } catch (e) { }
}
var watches = [];
var nextWatch = 100000;
function setButton(down) {
  var p = pins.BTN;
  if (p.state === down) return;
  var last = p.lastTime === undefined ? t0 : p.lastTime;
  p.state = down;
  p.lastTime = getTime();
  logPin(p);
  var ws = watches.slice();
  for (var i = 0; i < ws.length; i++) {
    var w = ws[i];
    if (w.edge === 'rising' && !down) continue;
    if (w.edge === 'falling' && down) continue;
    if (!w.repeat) watches.splice(watches.indexOf(w), 1);
    w.fn({ state: down, time: p.lastTime, lastTime: last });
  }
}
function schedulePress(at, secs) {
  setTimeout(function () { setButton(true); }, at * 1000);
  setTimeout(function () { setButton(false); }, (at + secs) * 1000);
}
for (var b = 0; b < C.presses.length; b++) schedulePress(C.presses[b].at, C.presses[b].seconds);
return {
  now: now, analogRead: analog, I2C1: i2c, imus: imus, pins: pins,
  isFake: function (p) { return p instanceof FakePin; },
  write: function (p, v) { p.state = !!v; logPin(p); },
  watch: function (fn, p, o) {
    var id = nextWatch++;
    o = o || {};
    watches.push({ id: id, fn: fn, edge: o.edge || 'both', repeat: !!o.repeat });
    return id;
  },
  clear: function (id) {
    for (var i = 0; i < watches.length; i++) if (watches[i].id === id) { watches.splice(i, 1); return true; }
    return false;
  },
  setButton: setButton
};
})();
var analogRead = __pijat.analogRead;
var I2C1 = __pijat.I2C1;
var LED1 = __pijat.pins.LED1;
var LED2 = __pijat.pins.LED2;
var BTN = __pijat.pins.BTN;
var __pijatNative = { digitalWrite: digitalWrite, digitalRead: digitalRead, setWatch: setWatch, clearWatch: clearWatch };
var digitalWrite = function (pin, value) {
  if (__pijat.isFake(pin)) return __pijat.write(pin, value);
  return __pijatNative.digitalWrite(pin, value);
};
var digitalRead = function (pin) {
  if (__pijat.isFake(pin)) return pin.state ? 1 : 0;
  return __pijatNative.digitalRead(pin);
};
var setWatch = function (fn, pin, options) {
  if (__pijat.isFake(pin)) return __pijat.watch(fn, pin, options);
  return __pijatNative.setWatch(fn, pin, options);
};
var clearWatch = function (id) {
  if (id === undefined) return __pijatNative.clearWatch();
  if (!__pijat.clear(id)) return __pijatNative.clearWatch(id);
};
// ---- end of prelude
`;
}
