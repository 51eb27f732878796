import type { Writable } from 'node:stream';

/** Output streams, passed in so commands can be run and read in tests. */
export interface Io {
  out: Writable;
  err: Writable;
}

export function printJson(io: Io, value: unknown): void {
  io.out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned text table. */
export function printTable(io: Io, headers: string[], rows: (string | number | null)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '-' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  for (const [n, row] of cells.entries()) {
    io.out.write(`${row.map((c, i) => (i === row.length - 1 ? c : (c ?? '').padEnd(widths[i]!))).join('  ')}\n`);
    if (n === 0) io.out.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}
