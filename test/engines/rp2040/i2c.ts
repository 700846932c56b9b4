// Connects an I2cBus (the MPU-6050 models) to one of rp2040js's DW_apb_i2c controllers, with bus
// timing from the controller's own SCL counts (400 kHz: 2.5 us per bit; 9 bit times per byte
// with its ACK), and the fix for an rp2040js gap: after an address NACK it flushes the TX FIFO but
// never raises TX_EMPTY (a level interrupt on the real chip), so the Pico SDK's
// i2c_write_blocking() would spin for ever on a missing device.
import { I2CMode, type RP2040 } from 'rp2040js';
import type { I2cBus } from '../models/i2c-bus';

const R_TX_EMPTY = 1 << 4;

/** The controller's protected members this glue needs. */
interface I2cInternals {
  abort(reason: number): void;
  setInterrupts(mask: number): void;
}

export function attachI2c(mcu: RP2040, index: number, bus: I2cBus): void {
  const i2c = mcu.i2c[index];
  if (i2c === undefined) throw new Error(`no I2C controller ${index}`);
  const clock = mcu.clock;
  const now = (): number => clock.nanos / 1e9;
  let pending: (() => void) | undefined;
  const alarm = clock.createAlarm(() => {
    const f = pending;
    pending = undefined;
    if (f !== undefined) f();
  });
  /** Completes a bus phase after `bits` SCL periods. */
  const after = (bits: number, f: () => void): void => {
    const periodNs = ((i2c.sclLowPeriod + i2c.sclHighPeriod) * 1e9) / mcu.clkSys || 2500;
    pending = f;
    alarm.schedule(bits * periodNs);
  };
  const internals = i2c as unknown as I2cInternals;
  const abort = internals.abort.bind(i2c);
  internals.abort = (reason: number) => {
    abort(reason);
    internals.setInterrupts(R_TX_EMPTY);
  };
  i2c.onStart = () => {
    bus.start(now());
    after(1, () => i2c.completeStart());
  };
  i2c.onConnect = (address: number, mode: I2CMode) => {
    const ack = bus.address(address & 0x7f, mode === I2CMode.Read, now());
    after(9, () => i2c.completeConnect(ack));
  };
  i2c.onWriteByte = (value: number) => {
    const ack = bus.write(value, now());
    after(9, () => i2c.completeWrite(ack));
  };
  i2c.onReadByte = () => {
    const v = bus.read(now());
    after(9, () => i2c.completeRead(v));
  };
  i2c.onStop = () => {
    after(1, () => {
      bus.stop(now());
      i2c.completeStop();
    });
  };
}
