import { describe, expect, it } from 'vitest';
import { gloveNameFromId, simGloveLabel } from '../../shared/glove-name';

describe('gloveNameFromId (a stored session whose glove the server no longer has)', () => {
  it('names a simulated glove as its tile did, and a USB glove by its serial number or port', () => {
    expect(gloveNameFromId('sim-1')).toBe('Sim 1');
    expect(gloveNameFromId('sim-12')).toBe(simGloveLabel(12));
    expect(gloveNameFromId('usb-E6614C311B4B6E2F')).toBe('USB E6614C311B4B6E2F');
    expect(gloveNameFromId('usb-ttyACM0')).toBe('USB ttyACM0');
  });
  it('never shows the id form', () => {
    for (const id of ['sim-3', 'usb-ABC']) expect(gloveNameFromId(id)).not.toContain('-');
  });
});
