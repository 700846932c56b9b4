// Summary statistics of a list of numbers, as a pre/post table shows them.

export interface Described {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
}

export function describe(xs: readonly number[]): Described | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2,
    min: s[0]!,
    max: s[s.length - 1]!,
  };
}
