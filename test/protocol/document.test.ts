// PROTOCOL.md section 6 cannot drift: every example's bytes must be what encode.ts produces,
// decode to the documented JSON, and every `name = value` annotation must be the value of the
// bytes on its line. Text commands (```command blocks: the exact text, then the body byte by
// byte) must be what encodeCommandText writes and what the command parser reads back. A frame
// with Fletcher-32 (type bit 7) or raw IMU blocks (layout bit 7) is encoded with those options,
// each raw block's temperature taken from its annotation; its check is also recomputed here
// from the words, as section 2.2 defines it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../shared/protocol/command-text';
import { crc32 } from '../../shared/protocol/crc32';
import { decodeAll, LAYOUT_RAW_IMU, TYPE_FLETCHER } from '../../shared/protocol/decoder';
import { encodeCommandText, type SampleOptions } from '../../shared/protocol/encode';
import { fletcher32 } from '../../shared/protocol/fletcher32';
import type { Command, Message } from '../../shared/protocol/types';
import { encodeMessage, toHex, withoutTime } from './helpers';

const DOC_PATH = 'shared/protocol/PROTOCOL.md';
const doc = readFileSync(DOC_PATH, 'utf8');

interface Example {
  title: string;
  /** A device frame (```frame) or a text command (```command). */
  kind: 'frame' | 'command';
  /** 1-based line of the frame block in PROTOCOL.md, for error messages. */
  line: number;
  /** A text command: its exact text (the first line of the block). */
  text: string;
  /** The prose between the heading and the block. */
  prose: string;
  rows: { line: number; offset: number; bytes: number[]; note: string }[];
  json: Record<string, unknown>;
}

function examples(): Example[] {
  const start = doc.indexOf('\n## 6. Examples');
  if (start < 0) throw new Error(`${DOC_PATH}: no "## 6. Examples" section`);
  const lines = doc.split('\n');
  const firstLine = doc.slice(0, start).split('\n').length;
  const out: Example[] = [];
  let current: Example | undefined;
  for (let k = firstLine; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.startsWith('### ')) {
      current = { title: l.slice(4), kind: 'frame', line: k + 1, text: '', prose: '', rows: [], json: {} };
      out.push(current);
    } else if ((l === '```frame' || l === '```command') && current) {
      current.line = k + 1;
      if (l === '```command') {
        current.kind = 'command';
        current.text = lines[++k]!;
      }
      for (k++; lines[k] !== '```'; k++) {
        const m = /^\s*(\d+)  ((?:[0-9a-f]{2} )*[0-9a-f]{2})(?:\s{2,}(.*))?$/.exec(lines[k]!);
        if (!m) throw new Error(`${DOC_PATH}:${k + 1}: not "offset  hex bytes  field": ${lines[k]}`);
        current.rows.push({
          line: k + 1, offset: Number(m[1]), bytes: m[2]!.split(' ').map((h) => parseInt(h, 16)), note: m[3] ?? '',
        });
      }
    } else if (l === '```json' && current) {
      const body: string[] = [];
      for (k++; lines[k] !== '```'; k++) body.push(lines[k]!);
      current.json = JSON.parse(body.join('\n')) as Record<string, unknown>;
    } else if (current && current.rows.length === 0) {
      current.prose += `${l}\n`;
    }
  }
  return out;
}

/** The message a JSON block documents, in the decoder's shape (without t_s). */
function documented(json: Record<string, unknown>): Omit<Message, 't_s'> {
  if (json.type === 'command') return { ...json, args: Uint8Array.from(json.args as number[]) } as unknown as Omit<Message, 't_s'>;
  return json as unknown as Omit<Message, 't_s'>;
}

/** Value of `bytes` read as `kind`: little-endian, except 'ibe' (i16 big-endian, raw IMU blocks). */
function valueOf(bytes: number[], kind: 'u' | 'i' | 'ibe' | 'f32'): number {
  const v = new DataView(Uint8Array.from(bytes).buffer);
  if (kind === 'f32') return v.getFloat32(0, true);
  if (kind === 'ibe') return bytes.length === 2 ? v.getInt16(0, false) : NaN;
  if (bytes.length === 1) return kind === 'i' ? v.getInt8(0) : v.getUint8(0);
  if (bytes.length === 2) return kind === 'i' ? v.getInt16(0, true) : v.getUint16(0, true);
  return kind === 'i' ? v.getInt32(0, true) : v.getUint32(0, true);
}

/** The `name = value` pairs of a row's note. */
function pairsOf(note: string): RegExpMatchArray[] {
  return [...note.matchAll(/([A-Za-z_][\w]*)\s*=\s*(-?0x[0-9a-f]+|-?\d+(?:\.\d+)?(?:e-?\d+)?)/gi)];
}

/**
 * How a documented frame was encoded: Fletcher-32 when its type byte has bit 7, raw IMU blocks
 * when a sample's layout byte has bit 7, each block's temperature from its annotation.
 */
function encodingOf(e: Example, bytes: Uint8Array): SampleOptions {
  const opts: SampleOptions = {};
  if ((bytes[3]! & TYPE_FLETCHER) !== 0) opts.check = 'fletcher32';
  if ((bytes[3]! & 0x7f) === 0x02 && (bytes[10]! & LAYOUT_RAW_IMU) !== 0) {
    opts.rawImu = true;
    opts.imuTemperature = e.rows.flatMap((r) => pairsOf(r.note).filter((p) => p[1] === 'temperature').map((p) => Number(p[2])));
  }
  return opts;
}

/** Fletcher-32 as PROTOCOL.md 2.2 words it, one word at a time: [s1, s2]. */
function fletcherSums(bytes: Uint8Array): [number, number] {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    s1 = (s1 + (bytes[i]! | (bytes[i + 1]! << 8))) % 65535;
    s2 = (s2 + s1) % 65535;
  }
  return [s1, s2];
}

const all = examples();
const frames = all.filter((e) => e.kind === 'frame');
const commands = all.filter((e) => e.kind === 'command');
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

describe('PROTOCOL.md section 6', () => {
  it('has one example of each message type, text commands, and a version 1 command frame', () => {
    expect(all.map((e) => [e.kind, e.json.type])).toEqual([
      ['frame', 'descriptor'], ['frame', 'sample'], ['frame', 'status'], ['command', 'command'], ['frame', 'ack'],
      ['command', 'command'], ['frame', 'command'], ['frame', 'sample'],
    ]);
    for (const e of frames) expect(e.rows.length, e.title).toBeGreaterThan(5);
    for (const e of commands) expect(e.rows.length, e.title).toBeGreaterThanOrEqual(3);
  });

  it('the Kaluma sample (6.8) is 6.2 with Fletcher-32 and raw IMU blocks: 52 bytes, the same decoded values', () => {
    const [v1, kaluma] = frames.filter((e) => e.json.type === 'sample');
    const bytes = Uint8Array.from(kaluma!.rows.flatMap((r) => r.bytes));
    expect(bytes.length).toBe(52);
    expect(bytes[1]! | (bytes[2]! << 8)).toBe(45);
    expect([bytes[3], bytes[10]]).toEqual([0x82, 0xa4]);
    expect(encodingOf(kaluma!, bytes)).toEqual({ check: 'fletcher32', rawImu: true, imuTemperature: [-3920, -3240] });
    expect(kaluma!.json).toEqual(v1!.json);
    // The check as section 2.2 defines it, word by word; the prose's sums are those.
    const [s1, s2] = fletcherSums(bytes.subarray(0, 48));
    expect(new DataView(bytes.buffer).getUint32(48, true)).toBe(s2 * 65536 + s1);
    const stated = /s1 = (\d+) and s2 = (\d+)/.exec(kaluma!.prose);
    expect(stated && [Number(stated[1]), Number(stated[2])]).toEqual([s1, s2]);
    // Under a version 1 decoder's CRC-32 it is no frame: only bit 7 of the type byte tells.
    expect(crc32(bytes, 1, 48)).not.toBe(s2 * 65536 + s1);
  });

  it('the check values quoted in section 2.2 are what crc32 and fletcher32 compute', () => {
    const section = doc.slice(doc.indexOf('\n### 2.2 '), doc.indexOf('\n## 3. '));
    const ascii8 = (t: string): Uint8Array => new TextEncoder().encode(t);
    const crcQuoted = /`123456789` is `0x([0-9A-F]{8})`/.exec(section);
    expect(crcQuoted).not.toBeNull();
    expect(crc32(ascii8('123456789'))).toBe(parseInt(crcQuoted![1]!, 16));
    const fletcherQuoted = [...section.matchAll(/`([a-z]+)` gives? `0x([0-9A-F]{8})`/g)];
    expect(fletcherQuoted.length).toBe(2);
    for (const [, text, hex] of fletcherQuoted) {
      const b = ascii8(text!);
      expect(fletcher32(b, 0, b.length), text).toBe(parseInt(hex!, 16));
      const [s1, s2] = fletcherSums(b);
      expect(s2 * 65536 + s1, text).toBe(parseInt(hex!, 16));
    }
  });

  it('the text command and the version 1 frame of set_rate carry the same command', () => {
    const [text] = commands;
    const frame = frames.find((e) => e.json.type === 'command');
    expect(text!.json).toEqual(frame!.json);
  });

  for (const e of commands) {
    describe(e.title, () => {
      const body = Uint8Array.from(e.rows.flatMap((r) => r.bytes));

      it('offsets count the body bytes; the text is { + lower-case hex of the body + }', () => {
        let at = 0;
        for (const r of e.rows) {
          expect(r.offset, `${DOC_PATH}:${r.line}`).toBe(at);
          at += r.bytes.length;
        }
        expect(e.text, `${DOC_PATH}:${e.line}`).toBe(`{${toHex(body).replace(/ /g, '')}}`);
      });

      it('is exactly what encodeCommandText writes for the documented command', () => {
        const c = documented(e.json) as Command;
        const text = encodeCommandText({ seq: c.seq, cmd: c.cmd, args: c.args });
        expect(new TextDecoder().decode(text), `${DOC_PATH}:${e.line}`).toBe(e.text);
        // Where the prose spells the ASCII bytes out, they are the text's bytes.
        const spelled = /ASCII bytes `([0-9a-f ]+)`/.exec(e.prose);
        if (spelled) expect(spelled[1]).toBe(toHex(text));
      });

      it('parses to the documented command', () => {
        const { commands: got, counters } = parseCommandText(ascii(e.text));
        expect(counters).toMatchObject({ commands: 1, crc_errors: 0, bad_length: 0, abandoned: 0, ignored_bytes: 0 });
        expect(got.map(withoutTime)).toEqual([documented(e.json)]);
      });

      it('annotates each field with the value of its bytes', () => {
        expect(annotations(e)).toBeGreaterThanOrEqual(3);
      });
    });
  }

  it('every text command quoted in the document is intact', () => {
    const quoted = [...doc.matchAll(/`(\{[0-9a-f]+\})`/g)].map((m) => m[1]!);
    expect(quoted.length).toBeGreaterThanOrEqual(1);
    for (const q of quoted) expect(parseCommandText(ascii(q)).counters, q).toMatchObject({ commands: 1 });
  });

  for (const e of frames) {
    describe(e.title, () => {
      const bytes = Uint8Array.from(e.rows.flatMap((r) => r.bytes));

      it('offsets count the bytes', () => {
        let at = 0;
        for (const r of e.rows) {
          expect(r.offset, `${DOC_PATH}:${r.line}`).toBe(at);
          at += r.bytes.length;
        }
        expect(bytes[1]! | (bytes[2]! << 8), 'len').toBe(bytes.length - 7);
      });

      it('is exactly what encode.ts produces for the documented values', () => {
        const m = { ...documented(e.json), t_s: 0 } as Message;
        expect(Array.from(encodeMessage(m, encodingOf(e, bytes))), `${DOC_PATH}:${e.line}`).toEqual(Array.from(bytes));
      });

      it('decodes to the documented values', () => {
        const { messages, counters } = decodeAll(bytes);
        expect(counters).toMatchObject({ frames: 1, junk_bytes: 0, crc_errors: 0, unknown_type: 0 });
        expect(messages.map(withoutTime)).toEqual([documented(e.json)]);
      });

      it('annotates each field with the value of its bytes', () => {
        expect(annotations(e)).toBeGreaterThan(5);
      });
    });
  }
});

/** Checks every `name = value` on the rows of an example against its bytes; returns how many. */
function annotations(e: Example): number {
  let checked = 0;
  for (const r of e.rows) {
    const pairs = pairsOf(r.note);
    if (pairs.length === 0) continue;
    const width = r.bytes.length / pairs.length;
    expect([1, 2, 4], `${DOC_PATH}:${r.line}: ${pairs.length} values on ${r.bytes.length} bytes`).toContain(width);
    const kind = r.note.includes('(f32)') ? 'f32' : r.note.includes('(i16 BE)') ? 'ibe' : r.note.includes('(i16)') ? 'i' : 'u';
    pairs.forEach((p, k) => {
      const actual = valueOf(r.bytes.slice(k * width, (k + 1) * width), kind);
      const text = p[2]!;
      const stated = /0x/i.test(text) ? parseInt(text, 16) : Number(text);
      const where = `${DOC_PATH}:${r.line}: ${p[1]}`;
      if (kind === 'f32') expect(Math.fround(stated), where).toBe(actual);
      else expect(stated, where).toBe(actual);
      checked++;
    });
  }
  return checked;
}
