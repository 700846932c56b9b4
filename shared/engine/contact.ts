// Thumb contact with hysteresis: on at or above contact_on_n, off below contact_off_n
// (profile.segmentation). A missing reading (NaN) is no contact.

export class Contact {
  on = false;
  /** Time of the last on/off change. */
  since = -Infinity;
  /** Time of the last sample with contact. */
  lastOn = -Infinity;

  constructor(private readonly onN: number, private readonly offN: number) {}

  /** Returns +1 when contact began on this sample, -1 when it ended, 0 otherwise. */
  update(force: number, t: number): number {
    if (this.on) {
      if (force >= this.offN) { this.lastOn = t; return 0; }
      this.on = false; // also when force is NaN
      this.since = t;
      return -1;
    }
    if (force >= this.onN) {
      this.on = true;
      this.since = t;
      this.lastOn = t;
      return 1;
    }
    return 0;
  }
}
