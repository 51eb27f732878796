import { SingleBar } from 'cli-progress';
import { InputError } from '../core/errors.js';
import type { Io } from './output.js';

/** Rows reported one by one on standard error before the rest are only counted. */
const REPORTED_ROWS = 50;

/**
 * What a batch over a file (`screen`, `shipments check --out`) needs while it runs: the signal
 * Ctrl-C aborts (so the batch stops at a line it can resume from), a bar on standard error when it
 * is a terminal, and a way to report a row without the bar drawing over it.
 */
export interface BatchRun {
  signal: AbortSignal;
  /** `done` of `total` rows are written: the bar, started at the first call, shows it with the rate. */
  onProgress(done: number, total: number): void;
  /** A line about one row (`interdict: ` before it), the first REPORTED_ROWS only; the bar is stopped for it, and started again by the next progress. */
  report(message: string): void;
  /** Stop the bar and give the seconds since the run began. */
  finish(): number;
}

/**
 * Run a batch with a progress bar labelled `verb` counting `unit` (`screening`, `rows`), and
 * Ctrl-C turned into an abort of the batch, both undone whatever way the batch ends.
 */
export async function withBatchRun<T>(io: Io, verb: string, unit: string, batch: (run: BatchRun) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  const tty = Boolean((io.err as NodeJS.WriteStream).isTTY);
  const bar = tty ? new SingleBar({ stream: io.err as NodeJS.WriteStream, format: `${verb} {bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`, hideCursor: true }) : undefined;
  const started = performance.now();
  let reported = 0;
  let barStarted = false;
  try {
    return await batch({
      signal: controller.signal,
      onProgress: (done, total) => {
        if (!bar) return;
        if (!barStarted) {
          bar.start(total, 0, { rate: '0' });
          barStarted = true;
        }
        bar.update(done, { rate: (done / ((performance.now() - started) / 1000)).toFixed(0) });
      },
      report: (message) => {
        if (reported++ >= REPORTED_ROWS) return;
        bar?.stop();
        barStarted = false;
        io.err.write(`interdict: ${message}\n`);
      },
      finish: () => {
        bar?.stop();
        return (performance.now() - started) / 1000;
      },
    });
  } finally {
    bar?.stop();
    process.off('SIGINT', interrupt);
  }
}

/** `--workers N` of a batch: a whole number from 0 to 64, or undefined when not given (the batch's own default). */
export function parseWorkers(value: string | undefined): number | undefined {
  const workers = value === undefined ? undefined : Number(value);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) throw new InputError('BAD_OPTION', '--workers must be a whole number from 0 to 64');
  return workers;
}
