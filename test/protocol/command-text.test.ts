// Version 2 text commands (PROTOCOL.md section 3.4): the encoding never emits a byte a USB
// layer or a REPL could act on, round-trips through the device-side parser however it is cut,
// and the parser drops (and counts) everything that is not an intact command. The host picks
// binary frames only for a glove that announced protocol version 1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandSender, CommandTextParser, parseCommandText } from '../../shared/protocol/command-text';
import {
  CMD_CONSOLE, CMD_SET_RATE, CMD_SET_THRESHOLDS, MSG_COMMAND, PROTOCOL_VERSION, SYNC, TEXT_COMMAND_MAX_ARGS,
} from '../../shared/protocol/constants';
import { decodeAll } from '../../shared/protocol/decoder';
import { commandBody, encodeCommand, encodeCommandFor, encodeCommandText, u16le } from '../../shared/protocol/encode';
import type { Command } from '../../shared/protocol/types';
import { concat, referenceDescriptor, withoutTime } from './helpers';

/** `{` `}` `0-9` `a-f`: the only bytes a host may send (section 3.4). */
const ALLOWED = new Set<number>([0x7b, 0x7d, ...Array.from({ length: 10 }, (_, i) => 0x30 + i), ...Array.from({ length: 6 }, (_, i) => 0x61 + i)]);

function allowedOnly(bytes: Uint8Array): boolean {
  for (const b of bytes) if (!ALLOWED.has(b)) return false;
  return true;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function cmd(seq: number, code: number, args: number[] = []): Omit<Command, 't_s'> {
  return { type: 'command', seq, t_us: 0, cmd: code, args: Uint8Array.from(args) };
}

const spec = fc.record({
  seq: fc.integer({ min: 0, max: 0xffff }),
  cmd: fc.integer({ min: 0, max: 0xff }),
  args: fc.array(fc.integer({ min: 0, max: 0xff }), { maxLength: TEXT_COMMAND_MAX_ARGS }),
});

describe('encodeCommandText', () => {
  it('the allowed set excludes every control character and the bytes REPLs act on', () => {
    expect(ALLOWED.size).toBe(18);
    for (let b = 0; b < 0x20; b++) expect(ALLOWED.has(b)).toBe(false);
    expect(ALLOWED.has(0x7f)).toBe(false);
    expect(ALLOWED.has(SYNC)).toBe(false);
  });

  it('emits only { } 0-9 a-f for every seq 0..65535 (set_rate 200, console, thresholds)', () => {
    for (let seq = 0; seq <= 0xffff; seq++) {
      for (const bytes of [
        encodeCommandText({ seq, cmd: CMD_SET_RATE, args: u16le(200) }),
        encodeCommandText({ seq, cmd: CMD_CONSOLE }),
        encodeCommandText({ seq, cmd: CMD_SET_THRESHOLDS, args: u16le(seq, 0xffff - seq) }),
      ]) {
        if (!allowedOnly(bytes)) throw new Error(`seq ${seq}: ${text(bytes)}`);
      }
    }
  });

  it('emits only { } 0-9 a-f for every cmd 0..255 with every one-byte argument (seq 0x0303)', () => {
    for (let c = 0; c <= 0xff; c++) {
      for (let a = 0; a <= 0xff; a++) {
        const bytes = encodeCommandText({ seq: 0x0303, cmd: c, args: [a] });
        if (!allowedOnly(bytes)) throw new Error(`cmd ${c} arg ${a}: ${text(bytes)}`);
      }
    }
  });

  it('property: any seq, cmd and 0..57 argument bytes: allowed bytes only, { first, } last, none inside', () => {
    fc.assert(fc.property(spec, (c) => {
      const bytes = encodeCommandText(c);
      expect(allowedOnly(bytes)).toBe(true);
      expect(bytes[0]).toBe(0x7b);
      expect(bytes.at(-1)).toBe(0x7d);
      expect(bytes.subarray(1, -1).some((b) => b === 0x7b || b === 0x7d)).toBe(false);
      expect(bytes.length).toBe(2 + 2 * (7 + c.args.length));
    }), { numRuns: 2000 });
  });

  it('the body is seq LE, cmd, args, CRC-32 LE (the example of PROTOCOL.md 3.4)', () => {
    expect(text(encodeCommandText({ seq: 17, cmd: CMD_SET_RATE, args: u16le(200) }))).toBe('{110003c80030aac79a}');
    expect(Array.from(commandBody({ seq: 17, cmd: 3, args: [200, 0] }))).toEqual([0x11, 0x00, 0x03, 0xc8, 0x00, 0x30, 0xaa, 0xc7, 0x9a]);
    expect(text(encodeCommandText({ seq: 18, cmd: CMD_CONSOLE }))).toBe('{120009a8163f99}');
  });

  it('takes seq modulo 2^16 and refuses more than 57 argument bytes', () => {
    expect(text(encodeCommandText({ seq: 0x10011, cmd: 3, args: [200, 0] }))).toBe('{110003c80030aac79a}');
    expect(() => encodeCommandText({ seq: 0, cmd: 1, args: new Array<number>(TEXT_COMMAND_MAX_ARGS).fill(0) })).not.toThrow();
    expect(() => encodeCommandText({ seq: 0, cmd: 1, args: new Array<number>(TEXT_COMMAND_MAX_ARGS + 1).fill(0) })).toThrow(RangeError);
  });
});

describe('CommandTextParser', () => {
  it('round trip: encoded commands come back in order, however the bytes are cut', () => {
    fc.assert(fc.property(
      fc.array(spec, { minLength: 1, maxLength: 12 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
      (specs, cuts) => {
        const bytes = concat(specs.map((c) => encodeCommandText(c)));
        const p = new CommandTextParser();
        const got: Command[] = [];
        let at = 0;
        for (let k = 0; at < bytes.length; k++) {
          const n = cuts[k % cuts.length]!;
          p.push(bytes.subarray(at, at + n), (c) => got.push(c));
          at += n;
        }
        expect(got.map(withoutTime)).toEqual(specs.map((c) => cmd(c.seq, c.cmd, c.args)));
        expect(p.counters).toEqual({ bytes: bytes.length, commands: specs.length, ignored_bytes: 0, abandoned: 0, bad_length: 0, crc_errors: 0 });
        expect(p.pending).toBe(false);
      },
    ), { numRuns: 300 });
  });

  it('ignores (and counts) bytes between commands, including line ends and binary', () => {
    const junk = [0x0d, 0x0a, 0x03, 0x10, 0xa5, 0x00, 0xff, 0x7d, 0x31];
    const r = parseCommandText(concat([Uint8Array.from(junk), encodeCommandText({ seq: 1, cmd: 2 }), Uint8Array.from(junk)]));
    expect(r.commands.map(withoutTime)).toEqual([cmd(1, 2)]);
    expect(r.counters).toMatchObject({ commands: 1, ignored_bytes: 2 * junk.length, abandoned: 0 });
  });

  it('accepts upper-case hex digits', () => {
    const r = parseCommandText(ascii('{110003C80030AAC79A}'));
    expect(r.commands.map(withoutTime)).toEqual([cmd(17, 3, [200, 0])]);
    expect(parseCommandText(ascii('{110003c80030AaC79a}')).counters.commands).toBe(1);
  });

  it('a { restarts the command (the broken one is counted as abandoned)', () => {
    const r = parseCommandText(ascii('{110003c8{110003c80030aac79a}'));
    expect(r.commands.map(withoutTime)).toEqual([cmd(17, 3, [200, 0])]);
    expect(r.counters).toMatchObject({ commands: 1, abandoned: 1 });
  });

  it('any other byte inside a command abandons it; the next command is read', () => {
    for (const bad of ['\r', '\n', ' ', 'g', 'x', '\u0003', '\u00a5']) {
      const r = parseCommandText(ascii(`{110003c8${bad}0030aac79a}{120009a8163f99}`));
      expect(r.commands.map(withoutTime), JSON.stringify(bad)).toEqual([cmd(18, CMD_CONSOLE)]);
      // the rest of the broken command is outside any command: ignored
      expect(r.counters, JSON.stringify(bad)).toMatchObject({ commands: 1, abandoned: 1, ignored_bytes: 11 });
    }
  });

  it('an odd number of digits, a body under 7 or over 64 bytes: no command, counted as bad_length', () => {
    const good = '{110003c80030aac79a}';
    const odd = parseCommandText(ascii('{110003c80030aac79a0}'));
    expect(odd.counters).toMatchObject({ commands: 0, bad_length: 1 });
    const short = parseCommandText(ascii(`{${'00'.repeat(6)}}{}`));
    expect(short.counters).toMatchObject({ commands: 0, bad_length: 2 });
    // 64 bytes is the most; at the 129th digit the parser gives up, and what follows is junk
    const max = text(encodeCommandText({ seq: 9, cmd: 1, args: new Array<number>(TEXT_COMMAND_MAX_ARGS).fill(0xab) }));
    expect(parseCommandText(ascii(max)).counters).toMatchObject({ commands: 1 });
    const long = parseCommandText(ascii(`{${'ab'.repeat(64)}cd}${good}`));
    expect(long.commands.map(withoutTime)).toEqual([cmd(17, 3, [200, 0])]);
    expect(long.counters).toMatchObject({ commands: 1, bad_length: 1, ignored_bytes: 2 });
  });

  it('a CRC mismatch is dropped and counted; so is every single-digit change', () => {
    const good = '{110003c80030aac79a}';
    for (let i = 1; i < good.length - 1; i++) {
      for (const d of '0123456789abcdef') {
        if (d === good[i]) continue;
        const bad = `${good.slice(0, i)}${d}${good.slice(i + 1)}`;
        const r = parseCommandText(ascii(bad));
        expect(r.commands, bad).toHaveLength(0);
        expect(r.counters.crc_errors, bad).toBe(1);
      }
    }
  });

  it('truncated commands are never delivered', () => {
    const good = '{110003c80030aac79a}';
    for (let n = 0; n < good.length; n++) {
      const p = new CommandTextParser();
      let got = 0;
      p.push(ascii(good.slice(0, n)), () => got++);
      expect(got).toBe(0);
      // the next command's { abandons the cut one
      p.push(ascii(good), () => got++);
      expect(got, good.slice(0, n)).toBe(1);
      expect(p.counters.abandoned).toBe(n > 0 ? 1 : 0);
    }
  });

  it('never throws and never delivers a command that was not sent, whatever the damage', () => {
    fc.assert(fc.property(
      fc.array(spec, { minLength: 1, maxLength: 8 }),
      fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('flip', 'drop', 'insert') }), { maxLength: 6 }),
      (specs, damage) => {
        const bytes = Array.from(concat(specs.map((c) => encodeCommandText(c))));
        for (const d of damage) {
          const i = d.at % bytes.length;
          if (d.kind === 'flip') bytes[i] = d.byte;
          else if (d.kind === 'drop') bytes.splice(i, 1);
          else bytes.splice(i, 0, d.byte);
          if (bytes.length === 0) return;
        }
        const sent = new Set(specs.map((c) => JSON.stringify(cmd(c.seq, c.cmd, c.args), (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v))));
        const r = parseCommandText(Uint8Array.from(bytes));
        for (const c of r.commands) {
          expect(sent.has(JSON.stringify(withoutTime(c), (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)))).toBe(true);
        }
        if (damage.length === 0) expect(r.commands).toHaveLength(specs.length);
      },
    ), { numRuns: 300 });
  });

  it('reset() forgets a command in progress and the counters', () => {
    const p = new CommandTextParser();
    p.push(ascii('{1100'), () => {});
    expect(p.pending).toBe(true);
    p.reset();
    expect(p.pending).toBe(false);
    expect(p.counters.bytes).toBe(0);
    let got = 0;
    p.push(ascii('03c80030aac79a}'), () => got++);
    expect(got).toBe(0);
  });
});

describe('the host picks the command encoding from the latest descriptor', () => {
  const v = (protocol_version: number) => ({ ...referenceDescriptor(1, 0), protocol_version });

  it('encodeCommandFor: text unless the version is 1', () => {
    const c = { seq: 17, cmd: CMD_SET_RATE, args: u16le(200) };
    expect(encodeCommandFor(1, c)).toEqual(encodeCommand(c));
    for (const version of [undefined, 0, 2, 3, 255]) expect(encodeCommandFor(version, c)).toEqual(encodeCommandText(c));
  });

  it('CommandSender: text before any descriptor, binary frames only after a version 1 descriptor', () => {
    const s = new CommandSender();
    expect(s.text).toBe(true);
    const first = s.encode(CMD_SET_RATE, u16le(50));
    expect(text(first)).toMatch(/^\{0000/);
    expect(allowedOnly(first)).toBe(true);

    s.observe(v(1));
    expect(s.text).toBe(false);
    const frame = s.encode(CMD_SET_RATE, u16le(50));
    expect(frame[0]).toBe(SYNC);
    expect(frame[3]).toBe(MSG_COMMAND);
    expect(decodeAll(frame).messages.map(withoutTime)).toEqual([cmd(1, CMD_SET_RATE, [50, 0])]);

    s.observe(v(PROTOCOL_VERSION));
    const again = s.encode(CMD_CONSOLE);
    expect(allowedOnly(again)).toBe(true);
    expect(parseCommandText(again).commands.map(withoutTime)).toEqual([cmd(2, CMD_CONSOLE)]);
    // other messages do not change the choice
    s.observe({ type: 'status', seq: 0, t_us: 0, t_s: 0, event: 0, arg: 0, state: 0, battery_mv: 0, error_count: 0 });
    expect(s.text).toBe(true);
  });

  it('CommandSender: the sequence number wraps 65535 -> 0', () => {
    const s = new CommandSender(0xffff);
    expect(parseCommandText(s.encode(1)).commands[0]!.seq).toBe(0xffff);
    expect(parseCommandText(s.encode(1)).commands[0]!.seq).toBe(0);
    expect(s.nextSeq).toBe(1);
  });

  it('a device-frame decoder counts text commands in a capture as junk, and loses no frame', () => {
    const d = encodeCommandText({ seq: 3, cmd: CMD_CONSOLE });
    const { messages, counters } = decodeAll(concat([d, encodeCommand({ seq: 4, cmd: 1 }), d]));
    expect(messages.map(withoutTime)).toEqual([cmd(4, 1)]);
    expect(counters).toMatchObject({ frames: 1, junk_bytes: 2 * d.length, crc_errors: 0 });
  });
});
