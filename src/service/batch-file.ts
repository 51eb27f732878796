import { existsSync, openSync, readSync, closeSync, statSync, truncateSync, createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { parse } from 'csv-parse';
import { boundedLines } from './text-file.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../core/errors.js';
import type { CandidateIndex, SearchOptions } from '../core/index/index.js';
import { customerRows, inspectCustomerFile, isJsonLines, UnreadableFileError, type FileFormat, type FileReading, type ReadOptions } from './customer-file.js';
import { OUTCOME_COLUMNS, screenRows, withDesignees, type DesigneeResolver, type ScreenOutcome, type ScreenRow } from './batch-rows.js';

/** Rows sent to a worker at once. */
const BATCH = 200;
/** Below this many rows, workers cost more than they save. */
const WORKER_THRESHOLD = 2000;

export interface ScreenFileOptions extends ReadOptions {
  input: string;
  output: string;
  index: CandidateIndex;
  search: SearchOptions;
  /** The designees of the records matched (over the index's screening state): each match then names every list listing its designee. */
  designees?: DesigneeResolver;
  /** The input's format (default: by its name, JSON lines for .jsonl and .ndjson, else CSV). */
  inputFormat?: FileFormat;
  /** Start again instead of resuming an existing output. */
  restart?: boolean;
  /** Worker threads; 0 screens in this thread. Default: one per core, when the file is large enough. */
  workers?: number;
  signal?: AbortSignal;
  /** Called as rows finish: done so far (this run), the total expected (estimated from the file). */
  onProgress?: (done: number, total: number) => void;
  /** Called for each row that could not be screened (its `error` says why). */
  onBadRow?: (row: ScreenRow) => void;
  /** Called for each row screened with warnings (a date dropped, a schema its data contradicts). */
  onWarnings?: (row: ScreenRow) => void;
  /** Called once the file is inspected, before any row is read. */
  onReading?: (reading: FileReading) => void;
}

export interface ScreenSummary {
  /** How the input was read (its encoding and delimiter) and its line count. */
  reading: FileReading;
  /** Rows read this run (screened or bad). */
  read: number;
  screened: number;
  matches: number;
  bad: number;
  /** Rows screened with warnings. */
  warned: number;
  /** Lines of the input after the last one read, when it could not be read to its end (0 when it was). */
  notReached: number;
  /** The last line read. */
  lastLine: number;
  /** Why the input could not be read to its end (the rows read before are screened and written). */
  unreadable?: string;
  /** Rows found already screened in the output and skipped. */
  resumed: number;
  resumedAfterLine: number;
  /** What the rows already in a resumed output hold: they count toward the file's result as much as this run's. */
  previous: OutputCounts;
  interrupted: boolean;
  workers: number;
}

/** What an output's rows hold. */
export interface OutputCounts {
  rows: number;
  matches: number;
  bad: number;
  warned: number;
}

/** Count what an existing output holds (its matches, bad rows and rows with warnings): a resumed run reports the whole file. */
async function countOutput(output: string, format: FileFormat): Promise<OutputCounts> {
  const counts: OutputCounts = { rows: 0, matches: 0, bad: 0, warned: 0 };
  if (!existsSync(output)) return counts;
  const add = (row: { match?: unknown; error?: unknown; warnings?: unknown }): void => {
    counts.rows++;
    if (row.match === true || row.match === 'true') counts.matches++;
    if (row.error) counts.bad++;
    else if (row.warnings) counts.warned++;
  };
  if (format === 'jsonl') {
    for await (const { text } of boundedLines(createReadStream(output), 10 * 1024 * 1024)) if (text.trim()) add(JSON.parse(text) as Record<string, unknown>);
  } else {
    for await (const row of createReadStream(output).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>) add(row);
  }
  return counts;
}

/** The last input line an existing output covers, trimming a half-written last row; a CSV output must have `header` (a results file's). */
export function resumePoint(output: string, format: FileFormat, header: string = outcomeHeader()): number {
  if (!existsSync(output)) return 0;
  const size = statSync(output).size;
  if (size === 0) return 0;
  // Read the tail: the last complete line is all that is needed.
  const fd = openSync(output, 'r');
  const length = Math.min(size, 1 << 20);
  const tail = Buffer.alloc(length);
  readSync(fd, tail, 0, length, size - length);
  closeSync(fd);
  const text = tail.toString('utf8');
  const end = text.lastIndexOf('\n');
  if (end < 0) {
    truncateSync(output, 0);
    return 0;
  }
  if (end < text.length - 1) truncateSync(output, size - (Buffer.byteLength(text.slice(end + 1))));
  // Rows of other columns (an output written before columns were added) would be read by position under the wrong names.
  if (format === 'csv' && firstLine(output) !== header.trimEnd()) {
    throw new InputError('OUTPUT_UNREADABLE', `${output}: its columns are not the ones written now (${header.trimEnd()}); give --restart to write it anew, or another output`);
  }
  const complete = text.slice(0, end);
  const last = complete.slice(complete.lastIndexOf('\n') + 1);
  if (format === 'jsonl') {
    try {
      return Number((JSON.parse(last) as { line?: number }).line ?? 0);
    } catch {
      throw new InputError('OUTPUT_UNREADABLE', `${output}: its last row is not a result line; remove it or give --restart`);
    }
  }
  const first = last.split(',')[0] ?? '';
  if (first === 'line') return 0; // only the header was written
  const line = Number(first);
  if (!Number.isInteger(line)) throw new InputError('OUTPUT_UNREADABLE', `${output}: its last row does not start with a line number; remove it or give --restart`);
  return line;
}

/** The first line of a file (its header), without its line end. */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(statSync(path).size, 64 * 1024));
    readSync(fd, head, 0, head.length, 0);
    const text = head.toString('utf8');
    const end = text.indexOf('\n');
    return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}

/** The header line of a CSV results file. */
export function outcomeHeader(): string {
  return stringify([OUTCOME_COLUMNS]);
}

/** What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as it is safe to open in a spreadsheet: one that would start a formula gets a
 * leading single quote, which spreadsheets show as text. Results echo the customer file, and a
 * "name" such as `=HYPERLINK("http://evil","x")` must not run on the analyst's machine.
 *
 * @example inertCell('=HYPERLINK("http://evil","x")') // '\'=HYPERLINK("http://evil","x")'
 */
export function inertCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One result row as written to a results file. In CSV, text cells are made inert; the line
 * number (what a resumed run reads back), the score and the match flag are never text.
 */
export function outcomeLine(outcome: ScreenOutcome, format: FileFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(outcome)}\n`;
  return stringify([OUTCOME_COLUMNS.map((c) => {
    const value = outcome[c];
    return typeof value === 'string' ? inertCell(value) : value ?? '';
  })], { cast: { boolean: (value) => (value ? 'true' : 'false') } });
}

/** The worker modules beside this one: batch screening, and checking shipments. */
export type WorkerModule = 'batch-worker' | 'shipment-worker';

/**
 * A worker thread of `module`. Run from the sources (tests, development), the worker is
 * TypeScript and registers the TypeScript loader before importing itself.
 */
function newWorker(module: WorkerModule, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${module}.js`, import.meta.url), { workerData });
  // The ES module build of tsx's API (what require.resolve finds is its CommonJS twin).
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL(`./${module}.ts`, import.meta.url).href;
  return new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData });
}

/** Bytes every worker reads without a copy of its own (an index snapshot). */
export function sharedBytes(bytes: Buffer): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return shared;
}

/** A pool of worker threads of one module, each with its own copy of the index; a batch goes to the first idle one. */
export class Pool<In, Out> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];

  /** Start `size` workers of `module` with `workerData`, each ready once it says so. */
  static async start<In, Out>(size: number, module: WorkerModule, workerData: unknown): Promise<Pool<In, Out>> {
    const pool = new Pool<In, Out>();
    await Promise.all(Array.from({ length: size }, async () => {
      const worker = newWorker(module, workerData);
      pool.workers.push(worker);
      await new Promise<void>((ready, fail) => {
        worker.once('message', () => ready());
        worker.once('error', fail);
      });
      pool.idle.push(worker);
    }));
    return pool;
  }

  async run(batch: In): Promise<Out> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((give) => this.waiting.push(give)));
    try {
      return await new Promise<Out>((done, fail) => {
        worker.once('message', (outcomes: Out) => {
          worker.off('error', fail);
          done(outcomes);
        });
        worker.once('error', fail);
        worker.postMessage(batch);
      });
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Screen a CSV of customers: one output row per input row, in input order, written as rows
 * finish (CSV or JSON lines by the output's extension). An existing output is resumed: rows it
 * already holds are skipped. A malformed row or a row without a name is reported with its line
 * number and answered with an error; it never stops the run.
 */
export async function screenFile(options: ScreenFileOptions): Promise<ScreenSummary> {
  const format: FileFormat = isJsonLines(options.output) ? 'jsonl' : 'csv';
  if (!existsSync(options.input)) throw new InputError('NO_INPUT', `${options.input}: no such file`);
  const reading = await inspectCustomerFile(options.input, options.inputFormat ?? (isJsonLines(options.input) ? 'jsonl' : 'csv'), options);
  options.onReading?.(reading);
  if (options.restart && existsSync(options.output)) truncateSync(options.output, 0);
  const after = resumePoint(options.output, format);
  const empty = !existsSync(options.output) || statSync(options.output).size === 0;
  const total = Math.max(0, reading.lines - (reading.format === 'csv' ? 1 : 0));
  const workerCount = options.workers ?? (total - after >= WORKER_THRESHOLD ? availableParallelism() : 0);
  const out: WriteStream = createWriteStream(options.output, { flags: 'a' });
  if (format === 'csv' && empty) out.write(outcomeHeader());
  const previous = after ? await countOutput(options.output, format) : { rows: 0, matches: 0, bad: 0, warned: 0 };
  const summary: ScreenSummary = { reading, read: 0, screened: 0, matches: 0, bad: 0, warned: 0, notReached: 0, lastLine: 0, resumed: 0, resumedAfterLine: after, previous, interrupted: false, workers: workerCount };
  const pool = workerCount > 0 ? await Pool.start<ScreenRow[], ScreenOutcome[]>(workerCount, 'batch-worker', { snapshot: sharedBytes(options.index.serialize()), options: options.search }) : undefined;

  // Outcomes are written in input order: batches finish in any order and wait for earlier ones.
  const finished = new Map<number, ScreenOutcome[]>();
  let nextToWrite = 0;
  const write = (): void => {
    for (let batch = finished.get(nextToWrite); batch; batch = finished.get(nextToWrite)) {
      finished.delete(nextToWrite++);
      out.write(batch.map((o) => outcomeLine(o, format)).join(''));
      for (const o of batch) {
        summary.read++;
        if (o.error) summary.bad++;
        else summary.screened++;
        if (o.warnings && !o.error) summary.warned++;
        if (o.match) summary.matches++;
      }
      options.onProgress?.(summary.read, total - summary.resumed);
    }
  };
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  const dispatch = async (rows: ScreenRow[]): Promise<void> => {
    const mine = seq++;
    const task = (async () => {
      const outcomes = pool ? await pool.run(rows) : screenRows(options.index, rows, options.search);
      finished.set(mine, options.designees ? await withDesignees(outcomes, options.designees) : outcomes);
      write();
    })();
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    // Keep a few batches per worker queued, not the whole file.
    if (inFlight.size >= Math.max(2, workerCount * 2)) await Promise.race(inFlight);
    else if (!pool) await task;
  };

  const rows = customerRows(options.input, reading, options);
  let unreadable: UnreadableFileError | undefined;
  try {
    unreadable = await dispatchRows(rows, {
      after,
      size: BATCH,
      signal: options.signal,
      progress: summary,
      onRow: (row) => {
        if (row.error) options.onBadRow?.(row);
        else if (row.warnings?.length) options.onWarnings?.(row);
      },
      dispatch,
    });
    await Promise.all(inFlight);
  } finally {
    await rows.return(undefined);
    await pool?.close();
    await new Promise<void>((done) => out.end(done));
  }
  if (unreadable || summary.interrupted) summary.notReached = Math.max(0, reading.lines - Math.max(summary.lastLine, unreadable?.line ?? 0));
  if (unreadable) summary.unreadable = unreadable.message;
  return summary;
}

/**
 * Feed a file's rows to `dispatch` in batches of `size` (the last one shorter), skipping those a
 * resumed output holds (lines up to `after`, counted in `progress.resumed`) and stopping, with
 * `progress.interrupted`, once `signal` is aborted; `progress.lastLine` is the last line read.
 * A file that breaks off is answered with its UnreadableFileError, after what was read before it
 * is dispatched; any other error is thrown. The customer files' and the shipments' batches.
 */
export async function dispatchRows<R extends { line: number }>(
  rows: AsyncIterable<R>,
  options: { after: number; size: number; signal?: AbortSignal; progress: { lastLine: number; resumed: number; interrupted: boolean }; onRow: (row: R) => void; dispatch: (batch: R[]) => Promise<void> },
): Promise<UnreadableFileError | undefined> {
  const { progress } = options;
  let batch: R[] = [];
  let unreadable: UnreadableFileError | undefined;
  try {
    for await (const row of rows) {
      if (options.signal?.aborted) {
        progress.interrupted = true;
        break;
      }
      progress.lastLine = row.line;
      if (row.line <= options.after) {
        progress.resumed++;
        continue;
      }
      options.onRow(row);
      batch.push(row);
      if (batch.length >= options.size) {
        await options.dispatch(batch);
        batch = [];
      }
    }
  } catch (error) {
    // What was read before the file broke off is checked and written; the rest is counted, never passed over in silence.
    if (!(error instanceof UnreadableFileError)) throw error;
    unreadable = error;
  }
  if (batch.length) await options.dispatch(batch);
  return unreadable;
}
