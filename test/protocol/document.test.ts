// PROTOCOL.md section 6 cannot drift: every example's bytes must be what encode.ts produces,
// decode to the documented JSON, and every `name = value` annotation must be the value of the
// bytes on its line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAll } from '../../shared/protocol/decoder';
import type { Message } from '../../shared/protocol/types';
import { encodeMessage, withoutTime } from './helpers';

const DOC_PATH = 'shared/protocol/PROTOCOL.md';
const doc = readFileSync(DOC_PATH, 'utf8');

interface Example {
  title: string;
  /** 1-based line of the frame block in PROTOCOL.md, for error messages. */
  line: number;
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
      current = { title: l.slice(4), line: k + 1, rows: [], json: {} };
      out.push(current);
    } else if (l === '```frame' && current) {
      current.line = k + 1;
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
    }
  }
  return out;
}

/** The message a JSON block documents, in the decoder's shape (without t_s). */
function documented(json: Record<string, unknown>): Omit<Message, 't_s'> {
  if (json.type === 'command') return { ...json, args: Uint8Array.from(json.args as number[]) } as unknown as Omit<Message, 't_s'>;
  return json as unknown as Omit<Message, 't_s'>;
}

/** Little-endian value of `bytes` read as `kind`. */
function valueOf(bytes: number[], kind: 'u' | 'i' | 'f32'): number {
  const v = new DataView(Uint8Array.from(bytes).buffer);
  if (kind === 'f32') return v.getFloat32(0, true);
  if (bytes.length === 1) return kind === 'i' ? v.getInt8(0) : v.getUint8(0);
  if (bytes.length === 2) return kind === 'i' ? v.getInt16(0, true) : v.getUint16(0, true);
  return kind === 'i' ? v.getInt32(0, true) : v.getUint32(0, true);
}

const all = examples();

describe('PROTOCOL.md section 6', () => {
  it('has one example of each message type', () => {
    expect(all.map((e) => e.json.type)).toEqual(['descriptor', 'sample', 'status', 'command', 'ack']);
    for (const e of all) expect(e.rows.length, e.title).toBeGreaterThan(5);
  });

  for (const e of all) {
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
        expect(Array.from(encodeMessage(m)), `${DOC_PATH}:${e.line}`).toEqual(Array.from(bytes));
      });

      it('decodes to the documented values', () => {
        const { messages, counters } = decodeAll(bytes);
        expect(counters).toMatchObject({ frames: 1, junk_bytes: 0, crc_errors: 0, unknown_type: 0 });
        expect(messages.map(withoutTime)).toEqual([documented(e.json)]);
      });

      it('annotates each field with the value of its bytes', () => {
        let checked = 0;
        for (const r of e.rows) {
          const pairs = [...r.note.matchAll(/([A-Za-z_][\w]*)\s*=\s*(-?0x[0-9a-f]+|-?\d+(?:\.\d+)?(?:e-?\d+)?)/gi)];
          if (pairs.length === 0) continue;
          const width = r.bytes.length / pairs.length;
          expect([1, 2, 4], `${DOC_PATH}:${r.line}: ${pairs.length} values on ${r.bytes.length} bytes`).toContain(width);
          const kind = r.note.includes('(f32)') ? 'f32' : r.note.includes('(i16)') ? 'i' : 'u';
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
        expect(checked).toBeGreaterThan(5);
      });
    });
  }
});
