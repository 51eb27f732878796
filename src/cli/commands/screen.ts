import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError, InterdictError } from '../../core/errors.js';
import { DEFAULT_THRESHOLD, cutoffFor } from '../../core/match/index.js';
import { linkingStateOf, type LinkingState } from '../../service/designees.js';
import { matchedDesigneesOf } from '../../service/matched-designees.js';
import { loadIndex } from '../../service/screener.js';
import { screenFile } from '../../service/batch-file.js';
import { parseWorkers, withBatchRun } from '../batch-progress.js';
import { checkLists, cliActor, localDir, withStore } from '../context.js';
import type { Io } from '../output.js';
import { parseDateOrder, parseScore } from './options.js';
import type { DateOrder } from '../../core/query/index.js';
import { DEFAULT_ROW_SCHEMA, describeReading } from '../../service/customer-file.js';
import type { ScreenRow } from '../../service/batch-rows.js';

interface ScreenOptions {
  out?: string;
  db?: string;
  threshold: number;
  columns?: string;
  schema?: string;
  dataset: string;
  restart?: boolean;
  workers?: string;
  allowEmpty?: boolean;
  encoding?: string;
  delimiter?: string;
  dateFormat?: DateOrder;
}

export function registerScreen(program: Command, config: Config, io: Io): void {
  program
    .command('screen')
    .description('screen a CSV (or JSON lines) file of customers: one result row per input row, resumable')
    .argument('<customers>', 'CSV file with a header row, or .jsonl queries in yente form')
    .option('--out <file>', 'results, CSV or .jsonl (default: CUSTOMERS.results.csv beside the input)')
    .option('--db <dir>', 'embedded store folder')
    .option('--threshold <t>', 'score at or above which a result is a match', parseScore, DEFAULT_THRESHOLD)
    .option('--columns <map>', 'which columns fill which properties: name=full_name,birthDate=dob,nationality=country,id=customer_id (default: usual column names)')
    .option('--schema <schema>', 'schema of rows without a schema column (default LegalEntity: people and organizations alike); a schema given is checked against each row\'s data')
    .option('--dataset <d>', 'a dataset or collection (default, sanctions, dprk)', 'default')
    .option('--encoding <name>', 'the file\'s character encoding (default: detected: UTF-8 with or without BOM, UTF-16, else Windows-1252)')
    .option('--delimiter <char>', 'the CSV delimiter: , ; | or tab (default: detected)')
    .option('--date-format <order>', 'DMY or MDY: the order of day and month in dates like 08/01/1984 (else only unambiguous ones are read in full)', parseDateOrder)
    .option('--restart', 'start again instead of resuming an existing output')
    .option('--workers <n>', 'worker threads (default: one per core for large files; 0 for none)')
    .option('--allow-empty', 'screen even when no list is loaded (every row then comes out clear)')
    .action(async (customers: string, options: ScreenOptions) => {
      const output = options.out ?? join(dirname(customers), `${basename(customers, extname(customers))}.results.csv`);
      const workers = parseWorkers(options.workers);
      await withStore(config, io, options, { command: 'screen' }, async (store, location) => {
        const against = await checkLists(store, config, io, options.dataset, options.allowEmpty);
        const { index } = await loadIndex(store, localDir(location));
        // The records and versions linking reads, read once the first match needs its designee.
        let linking: Promise<LinkingState> | undefined;
        const designees = async (ids: string[]) => matchedDesigneesOf(store).resolve(await (linking ??= linkingStateOf(store, index)), ids);
        const where = (row: ScreenRow): string => `${customers} line ${row.line}${row.id && !row.anonymous ? ` (id ${row.id})` : ''}`;
        await withBatchRun(io, 'screening', 'rows', async (run) => {
          const summary = await screenFile({
            input: customers,
            output,
            index,
            search: { threshold: options.threshold, cutoff: cutoffFor(options.threshold), dataset: options.dataset },
            designees,
            columns: options.columns,
            schema: options.schema ?? DEFAULT_ROW_SCHEMA,
            schemaStated: options.schema !== undefined,
            encoding: options.encoding,
            delimiter: options.delimiter,
            dateOrder: options.dateFormat,
            restart: options.restart,
            workers,
            signal: run.signal,
            onReading: (reading) => void io.err.write(`interdict: ${customers}: ${describeReading(reading)}\n`),
            onProgress: run.onProgress,
            onBadRow: (row) => run.report(`${where(row)}: ${row.error}; not screened`),
            onWarnings: (row) => run.report(`${where(row)}: warning: ${row.warnings!.join('; ')}`),
          });
          const seconds = run.finish();
          const before = summary.previous;
          if (summary.resumed) io.err.write(`resumed after line ${summary.resumedAfterLine}: ${summary.resumed} row(s) were already screened (${before.matches} match(es), ${before.bad} bad, ${before.warned} with warnings)\n`);
          // Who screened which file, when, against which versions, with what counts (never the rows).
          await store.recordAudit({ actor: cliActor({}), action: 'screening.file', subject: `file:${resolve(customers)}`, after: { read: summary.read, screened: summary.screened, bad: summary.bad, matches: summary.matches, notReached: summary.notReached, resumed: summary.resumed, versions: against.lists.map((l) => l.version) } });
          io.err.write(`read ${summary.read} row(s) in ${seconds.toFixed(1)} s (${(summary.read / Math.max(seconds, 1e-3)).toFixed(0)} rows/s, ${summary.workers || 'no'} worker thread(s)): ${summary.screened} screened, ${summary.bad} bad, ${summary.warned} with warnings, ${summary.notReached} line(s) not reached; ${summary.matches} match(es) -> ${output}\n`);
          if (summary.unreadable) throw new InputError('UNREADABLE_FILE', `${summary.unreadable}: ${summary.notReached} line(s) after it were not screened (the rows before are in ${output})`);
          if (summary.interrupted) throw new InterdictError('INTERRUPTED', `interrupted after line ${summary.lastLine}: ${summary.read} row(s) written to ${output}, ${summary.notReached} line(s) not reached; run the same command again to resume`, 130);
          const bad = summary.bad + before.bad;
          if (bad) throw new InputError('BAD_ROWS', `${bad} row(s) of ${customers} could not be screened (reported ${summary.bad < bad ? 'in this run and the one it resumed, ' : ''}above and in the error column)`);
        });
      });
    });
}
