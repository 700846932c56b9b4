// Where a field sits in a JSON text: the 1-based line of each member, keyed by its dotted
// path ("criteria.force_n.target.min"). Only used on text JSON.parse has already accepted.

export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const ws = (): void => {
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\n') line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return;
      i++;
    }
  };
  const str = (): string => {
    const start = ++i; // after the opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    const raw = text.slice(start, i++);
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  };
  const value = (path: string): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        const keyLine = line;
        const key = str();
        const sub = path ? `${path}.${key}` : key;
        lines.set(sub, keyLine);
        ws();
        i++; // ':'
        value(sub);
        ws();
        if (text[i++] === '}') return;
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (let n = 0; ; n++) {
        ws();
        const sub = path ? `${path}.${n}` : String(n);
        lines.set(sub, line);
        value(sub);
        ws();
        if (text[i++] === ']') return;
      }
    } else if (ch === '"') {
      str();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  };
  value('');
  return lines;
}

/** The line of `path`, or of its nearest ancestor that exists (a missing field). */
export function lineOf(lines: Map<string, number>, path: readonly (string | number)[]): number | null {
  for (let n = path.length; n > 0; n--) {
    const l = lines.get(path.slice(0, n).join('.'));
    if (l !== undefined) return l;
  }
  return null;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') { line++; col = 1; } else col++;
  }
  return { line, column: col };
}
