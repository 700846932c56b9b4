// Runs the built firmware/dist/pijat-kaluma.js in a sandbox that plays Kaluma on a Raspberry Pi
// Pico with the 74HC4051 multiplexer: the same protocol, the right FSR on the right mux input.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOARDS, buildFirmware } from '../../firmware/build';
import { kaluma as pinmap } from '../../hardware/pinmap.json';
import { ACK_OK, CMD_SET_RATE, FLAG_IMU0_VALID, FLAG_IMU1_VALID } from '../../shared/protocol/constants';
import { encodeCommand, u16le } from '../../shared/protocol/encode';
import { Capture } from './capture';
import { massagingHand } from './sandbox/hand';
import { KalumaSandbox } from './sandbox/kaluma';

let code = '';
beforeAll(async () => {
  await buildFirmware();
  code = readFileSync(BOARDS.find((b) => b.name === 'kaluma')!.out, 'utf8');
});

describe('Kaluma firmware in a simulated Raspberry Pi Pico', () => {
  it('streams the same protocol, reading each FSR through its multiplexer input', () => {
    const sb = new KalumaSandbox({
      hand: massagingHand(), adcPin: pinmap.mux.adc_pin, selectPins: pinmap.mux.select_pins,
      channels: pinmap.fsr.map((f) => f.mux_channel),
    });
    sb.load(code);
    const cap = new Capture(() => sb.take());
    sb.time.advance(2.001);
    sb.time.advance(5);
    cap.pull();

    expect(cap.messages[0]).toMatchObject({ type: 'descriptor', board: 'kaluma-pico', sample_rate_hz: 100 });
    const samples = cap.samples();
    expect(Math.abs(samples.filter((s) => s.t_s >= 1 && s.t_s < 5).length - 400)).toBeLessThanOrEqual(1);
    expect(cap.decoder.counters.crc_errors).toBe(0);
    expect(cap.decoder.counters.lost_frames).toBe(0);
    expect(cap.decoder.counters.junk_bytes).toBe(0);
    expect(sb.strayReads).toBe(0);
    samples.forEach((s, i) => {
      expect(s.fsr).toEqual([0, 1, 2, 3].map((j) => sb.fsrGiven[j]![i]));
      expect(s.flags & 3).toBe(FLAG_IMU0_VALID | FLAG_IMU1_VALID);
    });
    // the four FSRs differ, so a wrong select order would have shown above
    expect(new Set(samples[10]!.fsr).size).toBe(4);
    expect(samples[10]!.imu[2]).toBe(8192);
  });

  it('takes host commands from process.stdin', () => {
    const sb = new KalumaSandbox({
      hand: massagingHand(), adcPin: pinmap.mux.adc_pin, selectPins: pinmap.mux.select_pins,
      channels: pinmap.fsr.map((f) => f.mux_channel),
    });
    sb.load(code);
    const cap = new Capture(() => sb.take());
    sb.time.advance(3);
    sb.sendToDevice(encodeCommand({ seq: 5, cmd: CMD_SET_RATE, args: u16le(25) }));
    sb.time.advance(0.05);
    cap.pull();
    const m = cap.messages.length;
    sb.time.advance(4);
    cap.pull();
    expect(cap.acks()[0]).toMatchObject({ cmd: CMD_SET_RATE, result: ACK_OK, cmd_seq: 5 });
    expect(cap.descriptors().at(-1)!.sample_rate_hz).toBe(25);
    expect(Math.abs(cap.samples(m).length - 100)).toBeLessThanOrEqual(1);
  });
});
