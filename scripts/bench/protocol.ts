// Decoder throughput: `npx tsx scripts/bench.ts protocol`.
// (a) clean stream of 48-byte sample frames in 4 KiB chunks, (b) the same in 64-byte chunks,
// (c) a damaged stream (bit flips 1/1000 bytes, lost chunks, console text) in 4 KiB chunks.
import { performance } from 'node:perf_hooks';
import { Decoder } from '../../shared/protocol/decoder';
import { encodeDescriptor, encodeSample } from '../../shared/protocol/encode';
import type { Channel, Message } from '../../shared/protocol/types';
import { damage } from '../../host/sim/damage';

const FRAMES = 200_000;

function channel(kind: Channel['kind'], hand: Channel['hand'], site: Channel['site']): Channel {
  const unit = kind === 'fsr' ? 'N' : kind === 'accel' ? 'g' : 'dps';
  const name = kind === 'fsr' ? `${hand}_${site}` : `${hand}_${kind === 'accel' ? 'a' : 'g'}${site}`;
  return { kind, hand, site, unit, name, p0: 1, p1: 0, p2: 0 };
}

/** A 100 Hz capture: 48-byte samples, a descriptor every 200 frames. */
function capture(frames: number): Uint8Array {
  const channels: Channel[] = [
    channel('fsr', 'left', 'thumb'), channel('fsr', 'right', 'thumb'),
    channel('fsr', 'left', 'knuckle'), channel('fsr', 'right', 'knuckle'),
  ];
  for (const hand of ['left', 'right'] as const) {
    for (const kind of ['accel', 'gyro'] as const) for (const s of ['x', 'y', 'z'] as const) channels.push(channel(kind, hand, s));
  }
  const parts: Uint8Array[] = [];
  let seq = 0;
  let total = 0;
  for (let k = 0; k < frames; k++) {
    const t_us = k * 10_000;
    if (k % 200 === 0) {
      const d = encodeDescriptor({
        seq: seq++, t_us, protocol_version: 1, firmware_version: '1.0.0', board: 'simulator',
        device_id: 7, sample_rate_hz: 100, channels,
      });
      parts.push(d);
      total += d.length;
    }
    const s = encodeSample({
      seq: seq++, t_us, flags: 3,
      fsr: [k & 0xffff, (k * 3) & 0xffff, 1000, 2000],
      imu: [k % 100, -k % 100, 8192, 1, -2, 3, 4, 5, 8192, -6, 7, -8],
    });
    parts.push(s);
    total += s.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

function run(parts: Uint8Array[]): { ms: number; frames: number; bytes: number; messages: number } {
  const d = new Decoder();
  let messages = 0;
  const on = (_m: Message): void => {
    messages++;
  };
  const t0 = performance.now();
  for (const p of parts) d.push(p, on);
  const ms = performance.now() - t0;
  return { ms, frames: d.counters.frames, bytes: d.counters.bytes, messages };
}

export async function main(): Promise<void> {
  const clean = capture(FRAMES);
  const hurt = damage(clean, {
    seed: 1, flipRate: 0.001, dropChunks: { rate: 1 / 20_000, maxLen: 256 }, consoleText: { rate: 1 / 20_000 },
  });
  const cases: [string, Uint8Array[]][] = [
    ['clean, 4 KiB chunks', chunks(clean, 4096)],
    ['clean, 64 B chunks', chunks(clean, 64)],
    ['damaged, 4 KiB chunks', chunks(hurt.bytes, 4096)],
  ];
  const rows: string[][] = [['case', 'frames', 'MB', 'best ms', 'frames/s', 'MB/s']];
  for (const [name, parts] of cases) {
    run(parts); // warm up
    let best = Infinity;
    let last = run(parts);
    for (let rep = 0; rep < 7; rep++) {
      last = run(parts);
      best = Math.min(best, last.ms);
    }
    rows.push([
      name, String(last.frames), (last.bytes / 1e6).toFixed(2), best.toFixed(1),
      (last.frames / (best / 1000) / 1e6).toFixed(2) + ' M', (last.bytes / 1e6 / (best / 1000)).toFixed(0),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  '));
  console.log(`damage: ${hurt.flips} flips, ${hurt.droppedChunks} lost chunks (${hurt.droppedBytes} B), ${hurt.consoleLines} console lines`);
}
