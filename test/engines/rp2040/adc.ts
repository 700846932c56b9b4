// The RP2040 ADC inputs of the glove: FSR dividers either straight on ADC0..3 (GP26..29), or
// through a 74HC4051 8:1 analog multiplexer (common Z on one ADC pin, S0..S2 on GPIOs, E and VEE
// tied to GND) so that four FSRs share one ADC input. Unconnected inputs read 0.
import { GPIOPinState, type RP2040 } from 'rp2040js';
import { adcCounts, type ForceFn } from '../models/fsr';

export interface AdcStats {
  /** Conversions started, per ADC channel (0..4). */
  readonly conversions: number[];
}

/** Hooks the ADC so a conversion of `channel` returns `counts(channel, t)` (t = emulated seconds). */
export function attachAdc(mcu: RP2040, counts: (channel: number, t: number) => number): AdcStats {
  const adc = mcu.adc;
  const stats: AdcStats = { conversions: [0, 0, 0, 0, 0] };
  const complete = adc.onADCRead; // the default: completes with channelValues[channel] after sampleTime
  adc.onADCRead = (channel: number) => {
    stats.conversions[channel] = (stats.conversions[channel] ?? 0) + 1;
    adc.channelValues[channel] = channel < 4 ? counts(channel, mcu.clock.nanos / 1e9) : adc.channelValues[channel]!;
    complete(channel);
  };
  return stats;
}

/** FSR i straight on ADC channel adcChannels[i] (default: i, i.e. GP26 + i). */
export function directFsrs(forces: ForceFn, adcChannels: readonly number[] = [0, 1, 2, 3]): (channel: number, t: number) => number {
  return (channel, t) => {
    const fsr = adcChannels.indexOf(channel);
    return fsr < 0 ? 0 : adcCounts(forces(fsr, t));
  };
}

export interface MuxWiring {
  /** GPIO of the common Z (26..29). */
  readonly adcPin: number;
  /** GPIOs of S0, S1, S2. */
  readonly selectPins: readonly number[];
  /** Y input of each FSR (index = FSR in wire-protocol order). */
  readonly fsrChannels: readonly number[];
}

/** A 74HC4051 in front of one ADC input; the select lines are read when the conversion starts. */
export function muxedFsrs(mcu: RP2040, wiring: MuxWiring, forces: ForceFn): (channel: number, t: number) => number {
  const adcChannel = wiring.adcPin - 26;
  const fsrOn = new Map<number, number>();
  wiring.fsrChannels.forEach((y, fsr) => fsrOn.set(y, fsr));
  return (channel, t) => {
    if (channel !== adcChannel) return 0;
    let y = 0;
    wiring.selectPins.forEach((pin, bit) => {
      if (mcu.gpio[pin]!.value === GPIOPinState.High) y |= 1 << bit;
    });
    const fsr = fsrOn.get(y);
    return fsr === undefined ? 0 : adcCounts(forces(fsr, t));
  };
}
