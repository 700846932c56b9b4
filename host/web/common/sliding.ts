// Columns of numbers over a moving time window, readable as contiguous subarrays without
// copying on every read: rows are appended into a buffer twice the capacity; when it is full
// the newest `capacity` rows move to the front (amortised O(1) per row). Column 0 is time.
export class SlidingSeries {
  readonly capacity: number;
  private readonly cols: Float64Array[];
  private start = 0;
  private end = 0;

  constructor(columns: number, capacity: number) {
    this.capacity = capacity;
    this.cols = [];
    for (let i = 0; i < columns; i++) this.cols.push(new Float64Array(capacity * 2));
  }

  get length(): number {
    return this.end - this.start;
  }

  /** Time of the newest row, or NaN when empty. */
  lastTime(): number {
    return this.end > this.start ? this.cols[0]![this.end - 1]! : NaN;
  }

  /** Appends one row (values in column order; missing ones are 0). */
  push(t: number, a: number, b = 0, c = 0): void {
    if (this.end === this.cols[0]!.length) this.compact();
    const i = this.end++;
    this.cols[0]![i] = t;
    if (this.cols.length > 1) this.cols[1]![i] = a;
    if (this.cols.length > 2) this.cols[2]![i] = b;
    if (this.cols.length > 3) this.cols[3]![i] = c;
    if (this.end - this.start > this.capacity) this.start = this.end - this.capacity;
  }

  /** Forgets rows older than `t` (column 0). */
  dropBefore(t: number): void {
    const time = this.cols[0]!;
    while (this.start < this.end && time[this.start]! < t) this.start++;
  }

  clear(): void {
    this.start = 0;
    this.end = 0;
  }

  /** The live rows, one subarray per column (valid until the next push). */
  views(): Float64Array[] {
    return this.cols.map((c) => c.subarray(this.start, this.end));
  }

  private compact(): void {
    const n = this.end - this.start;
    for (const c of this.cols) c.copyWithin(0, this.start, this.end);
    this.start = 0;
    this.end = n;
  }
}
