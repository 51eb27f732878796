import { createReadStream, existsSync, openSync, readSync, closeSync, statSync, truncateSync, createWriteStream, type WriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parse as parseSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../core/errors.js';
import type { CandidateIndex, SearchOptions } from '../core/index/index.js';
import { QUERY_LINE, readJsonLines } from './queries.js';
import { OUTCOME_COLUMNS, screenRows, type ScreenOutcome, type ScreenRow } from './screen-rows.js';

/** Column names recognized without `--columns`, by the FtM property they fill. */
const KNOWN_COLUMNS: Record<string, string[]> = {
  name: ['name', 'full_name', 'fullname', 'customer_name', 'party_name', 'entity_name'],
  birthDate: ['birthdate', 'birth_date', 'dob', 'date_of_birth'],
  nationality: ['nationality', 'citizenship'],
  country: ['country', 'jurisdiction'],
  passportNumber: ['passport', 'passport_number', 'passportnumber'],
  idNumber: ['id_number', 'idnumber', 'national_id'],
  registrationNumber: ['registration_number', 'registrationnumber', 'company_number'],
  imoNumber: ['imo', 'imo_number', 'imonumber'],
  gender: ['gender', 'sex'],
};
const ID_COLUMNS = ['id', 'customer_id', 'party_id', 'reference'];
const SCHEMA_COLUMNS = ['schema', 'type'];

/** Rows sent to a worker at once. */
const BATCH = 200;
/** Below this many rows, workers cost more than they save. */
const WORKER_THRESHOLD = 2000;

export interface ColumnMap {
  /** FtM property → column indexes holding its values. */
  properties: Map<string, number[]>;
  id?: number;
  schema?: number;
}

/**
 * Which columns fill which query properties: `--columns name=full_name,birthDate=dob,...`
 * (property=column, a property may be given several times), else the usual column names.
 */
export function mapColumns(header: string[], spec?: string): ColumnMap {
  const lower = header.map((h) => h.trim().toLowerCase());
  const find = (column: string): number => {
    const at = lower.indexOf(column.trim().toLowerCase());
    if (at < 0) throw new InputError('UNKNOWN_COLUMN', `column "${column}" is not in the header (${header.join(', ')})`);
    return at;
  };
  const map: ColumnMap = { properties: new Map() };
  if (spec) {
    for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [property, column] = part.split('=').map((s) => s.trim());
      if (!property || !column) throw new InputError('BAD_COLUMNS', `--columns: "${part}" is not property=column`);
      if (property === 'id') map.id = find(column);
      else if (property === 'schema') map.schema = find(column);
      else map.properties.set(property, [...(map.properties.get(property) ?? []), find(column)]);
    }
  } else {
    for (const [property, names] of Object.entries(KNOWN_COLUMNS)) {
      const found = lower.flatMap((h, i) => (names.includes(h) ? [i] : []));
      if (found.length) map.properties.set(property, found);
    }
  }
  map.id ??= lower.findIndex((h) => ID_COLUMNS.includes(h));
  if (map.id === -1) delete map.id;
  map.schema ??= lower.findIndex((h) => SCHEMA_COLUMNS.includes(h));
  if (map.schema === -1) delete map.schema;
  if (!map.properties.has('name')) {
    throw new InputError('NO_NAME_COLUMN', `no name column: give --columns name=COLUMN (the header has ${header.join(', ')})`);
  }
  return map;
}

export interface ScreenFileOptions {
  input: string;
  output: string;
  index: CandidateIndex;
  search: SearchOptions;
  columns?: string;
  /** Schema of rows without a schema column. */
  schema: string;
  /** Start again instead of resuming an existing output. */
  restart?: boolean;
  /** Worker threads; 0 screens in this thread. Default: one per core, when the file is large enough. */
  workers?: number;
  signal?: AbortSignal;
  /** Called as rows finish: done so far (this run), the total expected (estimated from the file). */
  onProgress?: (done: number, total: number) => void;
  /** Called for each row that could not be screened. */
  onBadRow?: (line: number, message: string) => void;
}

export interface ScreenSummary {
  screened: number;
  matches: number;
  bad: number;
  /** Rows found already screened in the output and skipped. */
  resumed: number;
  resumedAfterLine: number;
  interrupted: boolean;
  workers: number;
}

/** The last input line an existing output covers, trimming a half-written last row. */
function resumePoint(output: string, format: FileFormat): number {
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

/** Lines a quoted field may span before its row is taken as malformed (an unclosed quote must not swallow the file). */
const MAX_RECORD_LINES = 20;

/**
 * The records of a CSV file with the line each starts on. A record is read line by line: one
 * with an unclosed quote takes the following lines until it closes, up to a limit; a record
 * that cannot be parsed is returned as an error and reading goes on at the next line.
 */
async function* readRecords(path: string): AsyncGenerator<{ line: number; record?: string[]; error?: string }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let pending: string[] = [];
  let start = 0;
  let number = 0;
  // The header's width: a row that spans lines must have it.
  let width: number | undefined;
  const attempt = (text: string): { record?: string[]; error?: string; open?: boolean } => {
    try {
      const [record] = parseSync(text, { bom: true, relax_quotes: true }) as string[][];
      return { record: record ?? [] };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { error: (error as Error).message.replace(/ at line \d+| on line \d+/g, ''), open: code === 'CSV_QUOTE_NOT_CLOSED' };
    }
  };
  for await (const text of lines) {
    number++;
    if (!pending.length) {
      if (!text.trim()) continue;
      start = number;
    }
    pending.push(text);
    const result = attempt(pending.join('\n'));
    if (result.open && pending.length < MAX_RECORD_LINES) continue;
    // A quote closed lines later by another row's quote makes a record of the wrong width.
    const misjoined = pending.length > 1 && result.record !== undefined && width !== undefined && result.record.length !== width;
    if (result.open || misjoined) {
      // Never closed: the first line is the bad row; the lines after it are read again.
      yield { line: start, error: 'a quoted field is not closed' };
      const rest = pending.slice(1);
      pending = [];
      for (const [i, again] of rest.entries()) {
        if (!again.trim()) continue;
        const retry = attempt(again);
        yield retry.record ? { line: start + 1 + i, record: retry.record } : { line: start + 1 + i, error: retry.error ?? 'unreadable' };
      }
      continue;
    }
    pending = [];
    if (result.record && width === undefined) width = result.record.length;
    yield result.record ? { line: start, record: result.record } : { line: start, error: result.error ?? 'unreadable' };
  }
  if (pending.length) yield { line: start, error: 'a quoted field is not closed at the end of the file' };
}

/** The rows of a customers CSV: the header maps columns to properties; a row without a name is an error. */
async function* csvRows(path: string, schema: string, spec?: string): AsyncGenerator<ScreenRow> {
  let columns: ColumnMap | undefined;
  const bad = (line: number, error: string): ScreenRow => ({ line, id: '', schema, properties: {}, error });
  for await (const { line, record, error } of readRecords(path)) {
    if (!columns) {
      if (error || !record) throw new InputError('BAD_HEADER', `${path} line ${line}: the header row cannot be read (${error})`);
      columns = mapColumns(record, spec);
      continue;
    }
    if (error || !record) {
      yield bad(line, error ?? 'unreadable');
      continue;
    }
    const properties: Record<string, string[]> = {};
    for (const [property, indexes] of columns.properties) {
      const values = indexes.map((i) => record[i]?.trim() ?? '').filter(Boolean);
      if (values.length) properties[property] = values;
    }
    const id = columns.id !== undefined ? (record[columns.id] ?? '').trim() : '';
    const rowSchema = columns.schema !== undefined && record[columns.schema]?.trim() ? record[columns.schema]!.trim() : schema;
    yield properties.name ? { line, id: id || String(line), schema: rowSchema, properties } : bad(line, 'no name (the name column is empty)');
  }
  if (!columns) throw new InputError('EMPTY_INPUT', `${path}: no header row`);
}

/** The rows of a JSON lines file of queries in yente's form, `{"id", "schema", "properties": {...}}`. */
async function* jsonRows(path: string, schema: string): AsyncGenerator<ScreenRow> {
  for await (const { line, value, problem } of readJsonLines(createReadStream(path), QUERY_LINE, path)) {
    if (!value) {
      yield { line, id: '', schema, properties: {}, error: problem ?? 'unreadable' };
      continue;
    }
    const properties = value.properties;
    yield properties.name?.length ? { line, id: value.id ?? String(line), schema: value.schema, properties } : { line, id: value.id ?? '', schema: value.schema, properties, error: 'no name' };
  }
}

/** The file formats of customer files and results. */
export type FileFormat = 'csv' | 'jsonl';

/** Whether a file is JSON lines (by its name), else CSV. */
export function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/** A cheap estimate of the rows in a file, for the progress bar (quoted line breaks make it high). */
async function countLines(path: string, header: boolean): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return Math.max(0, lines - (header ? 1 : 0));
}

function outcomeLine(outcome: ScreenOutcome, format: FileFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(outcome)}\n`;
  return stringify([OUTCOME_COLUMNS.map((c) => outcome[c] ?? '')], { cast: { boolean: (value) => (value ? 'true' : 'false') } });
}

/**
 * A screening worker. Run from the sources (tests, development), the worker is TypeScript and
 * registers the TypeScript loader before importing itself.
 */
function newWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./screen-worker.js', import.meta.url), { workerData });
  // The ES module build of tsx's API (what require.resolve finds is its CommonJS twin).
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./screen-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData });
}

/** A pool of screening threads, each with its own copy of the index. */
class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];

  static async start(size: number, snapshot: Buffer, search: SearchOptions): Promise<Pool> {
    const pool = new Pool();
    const shared = new Uint8Array(new SharedArrayBuffer(snapshot.length));
    shared.set(snapshot);
    await Promise.all(Array.from({ length: size }, async () => {
      const worker = newWorker({ snapshot: shared, options: search });
      pool.workers.push(worker);
      await new Promise<void>((ready, fail) => {
        worker.once('message', () => ready());
        worker.once('error', fail);
      });
      pool.idle.push(worker);
    }));
    return pool;
  }

  async run(rows: ScreenRow[]): Promise<ScreenOutcome[]> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((give) => this.waiting.push(give)));
    try {
      return await new Promise<ScreenOutcome[]>((done, fail) => {
        worker.once('message', (outcomes: ScreenOutcome[]) => {
          worker.off('error', fail);
          done(outcomes);
        });
        worker.once('error', fail);
        worker.postMessage(rows);
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
  if (options.restart && existsSync(options.output)) truncateSync(options.output, 0);
  const after = resumePoint(options.output, format);
  const empty = !existsSync(options.output) || statSync(options.output).size === 0;
  const jsonInput = isJsonLines(options.input);
  const total = await countLines(options.input, !jsonInput);
  const workerCount = options.workers ?? (total - after >= WORKER_THRESHOLD ? availableParallelism() : 0);
  const out: WriteStream = createWriteStream(options.output, { flags: 'a' });
  if (format === 'csv' && empty) out.write(stringify([OUTCOME_COLUMNS]));
  const summary: ScreenSummary = { screened: 0, matches: 0, bad: 0, resumed: 0, resumedAfterLine: after, interrupted: false, workers: workerCount };
  const pool = workerCount > 0 ? await Pool.start(workerCount, options.index.serialize(), options.search) : undefined;

  // Outcomes are written in input order: batches finish in any order and wait for earlier ones.
  const finished = new Map<number, ScreenOutcome[]>();
  let nextToWrite = 0;
  const write = (): void => {
    for (let batch = finished.get(nextToWrite); batch; batch = finished.get(nextToWrite)) {
      finished.delete(nextToWrite++);
      out.write(batch.map((o) => outcomeLine(o, format)).join(''));
      for (const o of batch) {
        if (o.error) summary.bad++;
        else summary.screened++;
        if (o.match) summary.matches++;
      }
      options.onProgress?.(summary.screened + summary.bad, total - summary.resumed);
    }
  };
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  const dispatch = async (rows: ScreenRow[]): Promise<void> => {
    const mine = seq++;
    const task = (async () => {
      finished.set(mine, pool ? await pool.run(rows) : screenRows(options.index, rows, options.search));
      write();
    })();
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    // Keep a few batches per worker queued, not the whole file.
    if (inFlight.size >= Math.max(2, workerCount * 2)) await Promise.race(inFlight);
    else if (!pool) await task;
  };

  const rows = jsonInput ? jsonRows(options.input, options.schema) : csvRows(options.input, options.schema, options.columns);
  let batch: ScreenRow[] = [];
  try {
    for await (const row of rows) {
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
      if (row.line <= after) {
        summary.resumed++;
        continue;
      }
      if (row.error) options.onBadRow?.(row.line, row.error);
      batch.push(row);
      if (batch.length >= BATCH) {
        await dispatch(batch);
        batch = [];
      }
    }
    if (batch.length) await dispatch(batch);
    await Promise.all(inFlight);
  } finally {
    await rows.return(undefined);
    await pool?.close();
    await new Promise<void>((done) => out.end(done));
  }
  return summary;
}
