import { basename, dirname, extname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError, InterdictError } from '../../core/errors.js';
import { DEFAULT_THRESHOLD, cutoffFor } from '../../core/match/index.js';
import { loadIndex } from '../../service/screening.js';
import { screenFile } from '../../service/screen.js';
import { localDir, withStore } from '../context.js';
import type { Io } from '../output.js';
import { parseScore } from './options.js';

interface ScreenOptions {
  out?: string;
  db?: string;
  threshold: number;
  columns?: string;
  schema: string;
  dataset: string;
  restart?: boolean;
  workers?: string;
}

/** Bad rows reported one by one on standard error, then only counted. */
const REPORTED_BAD_ROWS = 50;

export function registerScreen(program: Command, config: Config, io: Io): void {
  program
    .command('screen')
    .description('screen a CSV of customers: one result row per input row, resumable')
    .argument('<customers>', 'CSV file with a header row')
    .option('--out <file>', 'results, CSV or .jsonl (default: CUSTOMERS.results.csv beside the input)')
    .option('--db <dir>', 'embedded store folder')
    .option('--threshold <t>', 'score at or above which a result is a match', parseScore, DEFAULT_THRESHOLD)
    .option('--columns <map>', 'which columns fill which properties: name=full_name,birthDate=dob,nationality=country,id=customer_id (default: usual column names)')
    .option('--schema <schema>', 'schema of rows without a schema column', 'LegalEntity')
    .option('--dataset <d>', 'a dataset or collection (default, sanctions, dprk)', 'default')
    .option('--restart', 'start again instead of resuming an existing output')
    .option('--workers <n>', 'worker threads (default: one per core for large files; 0 for none)')
    .action(async (customers: string, options: ScreenOptions) => {
      const output = options.out ?? join(dirname(customers), `${basename(customers, extname(customers))}.results.csv`);
      const workers = options.workers === undefined ? undefined : Number(options.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) throw new InputError('BAD_OPTION', '--workers must be a whole number from 0 to 64');
      await withStore(config, options, async (store, location) => {
        const { index } = await loadIndex(store, localDir(location));
        const controller = new AbortController();
        const interrupt = (): void => controller.abort();
        process.once('SIGINT', interrupt);
        const tty = Boolean((io.err as NodeJS.WriteStream).isTTY);
        const bar = tty ? new SingleBar({ stream: io.err as NodeJS.WriteStream, format: 'screening {bar} {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true }) : undefined;
        const started = performance.now();
        let badReported = 0;
        let barStarted = false;
        try {
          const summary = await screenFile({
            input: customers,
            output,
            index,
            search: { threshold: options.threshold, cutoff: cutoffFor(options.threshold), dataset: options.dataset },
            columns: options.columns,
            schema: options.schema,
            restart: options.restart,
            workers,
            signal: controller.signal,
            onProgress: (done, total) => {
              if (!bar) return;
              if (!barStarted) {
                bar.start(total, 0, { rate: '0' });
                barStarted = true;
              }
              bar.update(done, { rate: (done / ((performance.now() - started) / 1000)).toFixed(0) });
            },
            onBadRow: (line, message) => {
              if (badReported++ < REPORTED_BAD_ROWS) {
                bar?.stop();
                barStarted = false;
                io.err.write(`interdict: ${customers} line ${line}: ${message}; skipped\n`);
              }
            },
          });
          bar?.stop();
          const seconds = (performance.now() - started) / 1000;
          const done = summary.screened + summary.bad;
          if (summary.resumed) io.err.write(`resumed after line ${summary.resumedAfterLine}: ${summary.resumed} row(s) were already screened\n`);
          io.err.write(`screened ${summary.screened} row(s) in ${seconds.toFixed(1)} s (${(done / Math.max(seconds, 1e-3)).toFixed(0)} rows/s, ${summary.workers || 'no'} worker thread(s)): ${summary.matches} match(es), ${summary.bad} bad row(s) -> ${output}\n`);
          if (summary.interrupted) throw new InterdictError('INTERRUPTED', `interrupted: ${done} row(s) written to ${output}; run the same command again to resume`, 130);
          if (summary.bad) throw new InputError('BAD_ROWS', `${summary.bad} row(s) of ${customers} could not be screened (reported above and in the error column)`);
        } finally {
          bar?.stop();
          process.off('SIGINT', interrupt);
        }
      });
    });
}
