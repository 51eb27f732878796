import type { Writable } from 'node:stream';

/** Output streams, passed in so commands can be run and read in tests. */
export interface Io {
  out: Writable;
  err: Writable;
}

const guarded = new WeakSet<Writable>();

/**
 * A reader that goes away (`interdict export | head`) ends the command quietly. Without this,
 * the EPIPE error a write to the closed pipe raises is emitted later as an 'error' event that
 * nothing handles, and the process dies with a stack trace. Here the event is taken, and the
 * write that failed, or the next one, throws the error: the command stops writing at once and
 * unwinds through its `finally` blocks (the store is closed), and `main` ends with status 0.
 * A closed standard error is only ignored: there is nowhere left to say anything.
 */
export function guardClosedPipes(io: Io): void {
  if (!guarded.has(io.out)) {
    guarded.add(io.out);
    const out = io.out;
    out.on('error', () => {});
    const write = out.write.bind(out) as (...args: unknown[]) => boolean;
    out.write = ((...args: unknown[]): boolean => {
      if (out.errored) throw out.errored;
      const written = write(...args);
      // A pipe is written synchronously (on Linux): its EPIPE is known as soon as the write returns.
      if (out.errored) throw out.errored;
      return written;
    }) as Writable['write'];
  }
  if (!guarded.has(io.err)) {
    guarded.add(io.err);
    io.err.on('error', () => {});
  }
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
