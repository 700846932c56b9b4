// A click at the profile's target cadence (WebAudio). Off by default; the toggle that starts
// it is the user gesture the AudioContext needs. Clicks are scheduled ahead on the audio
// clock, so a busy main thread does not make the beat stutter.
export class Metronome {
  private ctx: AudioContext | null = null;
  private timer: number | null = null;
  private next = 0;
  private interval_s = 0.5;

  get running(): boolean {
    return this.timer !== null;
  }

  setRate(hz: number): void {
    if (hz > 0 && Number.isFinite(hz)) this.interval_s = 1 / hz;
  }

  start(hz?: number): void {
    if (hz !== undefined) this.setRate(hz);
    if (this.timer !== null) return;
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    this.ctx ??= new Ctx();
    void this.ctx.resume();
    this.next = this.ctx.currentTime + 0.05;
    this.timer = window.setInterval(() => this.schedule(), 25);
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    while (this.next < ctx.currentTime + 0.12) {
      this.click(ctx, this.next);
      this.next += this.interval_s;
    }
  }

  private click(ctx: AudioContext, at: number): void {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 1000;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.002);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.04);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.05);
  }
}
