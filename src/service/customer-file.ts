import { parse as parseSync } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { CUSTOMER_COLUMNS, CUSTOMER_ID_COLUMNS, CUSTOMER_SCHEMA_COLUMNS, DEFAULT_SCHEMA } from '../core/ftm.js';
import { readQuery, readSchema, unknownSchema, type DateOrder } from '../core/query/index.js';
import { QUERY_LINE, readJsonLines } from './queries.js';
import type { ScreenRow } from './batch-rows.js';
import { boundedLines, checkDelimiter, decodedText, delimiterName, inspectText, sniffDelimiter, textHead } from './text-file.js';

// Reading customer files: CSV with a header row (its columns mapped to query properties) or
// JSON lines in yente's form, row by row. A bad row is reported with its line and its id, and
// the rows after it are read; nothing of the file goes unread without being counted.

/** The schema of rows that do not say, when the caller does not either: people and organizations alike. */
export const DEFAULT_ROW_SCHEMA = DEFAULT_SCHEMA;

export interface ColumnMap {
  /** The header's column names, as written. */
  names: string[];
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
  const map: ColumnMap = { names: header, properties: new Map() };
  if (spec) {
    for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [property, column] = part.split('=').map((s) => s.trim());
      if (!property || !column) throw new InputError('BAD_COLUMNS', `columns: "${part}" is not property=column`);
      if (property === 'id') map.id = find(column);
      else if (property === 'schema') map.schema = find(column);
      else map.properties.set(property, [...(map.properties.get(property) ?? []), find(column)]);
    }
  } else {
    for (const [property, names] of Object.entries(CUSTOMER_COLUMNS)) {
      const found = lower.flatMap((h, i) => (names.includes(h) ? [i] : []));
      if (found.length) map.properties.set(property, found);
    }
  }
  map.id ??= lower.findIndex((h) => CUSTOMER_ID_COLUMNS.includes(h));
  if (map.id === -1) delete map.id;
  map.schema ??= lower.findIndex((h) => CUSTOMER_SCHEMA_COLUMNS.includes(h));
  if (map.schema === -1) delete map.schema;
  if (!map.properties.has('name')) {
    throw new InputError('NO_NAME_COLUMN', `no name column: name the column that holds names (columns name=COLUMN; the header has ${header.join(', ')})`);
  }
  return map;
}

/** The schema of rows that do not say: the caller's, in its FtM spelling, else LegalEntity. */
function rowSchema(options: ReadOptions): string {
  return (options.schema && readSchema(options.schema)) || DEFAULT_ROW_SCHEMA;
}

/** How to read a customer file; what is not given is detected. */
export interface ReadOptions {
  /** The schema of rows without a schema column (default LegalEntity). */
  schema?: string;
  /** Whether `schema` was stated by the caller (then rows are checked against it), not defaulted. */
  schemaStated?: boolean;
  /** Which columns fill which properties (CSV). */
  columns?: string;
  /** The file's character encoding (else detected). */
  encoding?: string;
  /** The CSV delimiter (else detected). */
  delimiter?: string;
  /** The order of day and month in numeric dates. */
  dateOrder?: DateOrder;
}

/** How a file was read: what was detected or given. */
export interface FileReading {
  format: FileFormat;
  encoding: string;
  /** The CSV delimiter; null for JSON lines. */
  delimiter: string | null;
  /** Lines in the file, header included. */
  lines: number;
}

/** A file that could not be read to its end: the rows after `line` were never read. */
export class UnreadableFileError extends InputError {
  constructor(readonly file: string, readonly line: number, detail: string, options?: ErrorOptions) {
    super('UNREADABLE_FILE', `${file} could not be read past line ${line}: ${detail}`, options);
    this.name = 'UnreadableFileError';
  }
}

/** Lines a quoted field may span before its row is taken as malformed (an unclosed quote must not swallow the file). */
const MAX_RECORD_LINES = 20;
/** A line longer than this is not a customer's row. */
const MAX_LINE_CHARS = 1024 * 1024;

/** What a record of a CSV file is: its fields, or why it has none. */
interface RecordRead {
  line: number;
  record?: string[];
  error?: string;
  /** The first line as written, for what can be saved of a broken row (its id). */
  raw: string;
}

/**
 * The records of a CSV file with the line each starts on. A record is read line by line: one
 * with an unclosed quote takes the following lines until it closes, up to a limit; a record
 * that never closes is reported on its first line, and the lines after it are read again as
 * rows of their own, at the end of the file too.
 */
export async function* readRecords(path: string, encoding: string, delimiter: string): AsyncGenerator<RecordRead> {
  const lines = boundedLines(decodedText(path, encoding), MAX_LINE_CHARS);
  let pending: string[] = [];
  let start = 0;
  let number = 0;
  // The header's width: a record that spans lines must have it.
  let width: number | undefined;
  const attempt = (text: string): { record?: string[]; error?: string; open?: boolean } => {
    try {
      const [record] = parseSync(text, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
      return { record: record ?? [] };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { error: (error as Error).message.replace(/ at line \d+| on line \d+/g, ''), open: code === 'CSV_QUOTE_NOT_CLOSED' };
    }
  };
  // An unclosed quote: its first line is the bad row, and each line after it is read again alone.
  function* broken(): Generator<RecordRead> {
    yield { line: start, error: 'a quoted field is not closed', raw: pending[0]! };
    for (const [i, again] of pending.slice(1).entries()) {
      if (!again.trim()) continue;
      const retry = attempt(again);
      yield retry.record ? { line: start + 1 + i, record: retry.record, raw: again } : { line: start + 1 + i, error: retry.error ?? 'unreadable', raw: again };
    }
    pending = [];
  }
  try {
    for await (const { text, tooLong } of lines) {
      number++;
      // A NUL is never in a customer's text: from here on the file is damaged, or not a CSV at all.
      if (text.includes('\u0000')) throw new UnreadableFileError(path, number - 1, `line ${number} holds a NUL byte, so the file is not text from there (damaged, or not a CSV file; a UTF-16 file needs its encoding given: utf-16le)`);
      if (tooLong) {
        // Whatever was pending is broken too: a quoted field does not run into a megabyte line.
        if (pending.length) yield* broken();
        yield { line: number, error: `the line is longer than ${MAX_LINE_CHARS} characters`, raw: '' };
        continue;
      }
      if (!pending.length) {
        if (!text.trim()) continue;
        start = number;
      }
      pending.push(text);
      const result = attempt(pending.join('\n'));
      if (result.open && pending.length < MAX_RECORD_LINES) continue;
      // A quote closed lines later by another row's quote makes a record of the wrong width, or
      // of the right width that swallowed whole rows: a line after the first that is a row of its own.
      const misjoined = pending.length > 1 && result.record !== undefined && width !== undefined
        && (result.record.length !== width || pending.slice(1).some((line) => attempt(line).record?.length === width));
      if (result.open || misjoined) {
        yield* broken();
        continue;
      }
      const raw = pending[0]!;
      pending = [];
      if (result.record && width === undefined) width = result.record.length;
      yield result.record ? { line: start, record: result.record, raw } : { line: start, error: result.error ?? 'unreadable', raw };
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      // What was pending before the break is reported, not lost.
      if (pending.length) yield* broken();
      throw error;
    }
    throw new UnreadableFileError(path, number, (error as Error).message, { cause: error });
  }
  if (pending.length) yield* broken();
}

/** A broken row's id, when its id column comes before the field that broke it (the id is usually first). */
function salvageId(raw: string, delimiter: string, column: number | undefined): string {
  if (column === undefined) return '';
  const fields = raw.split(delimiter);
  if (fields.slice(0, column + 1).some((f) => f.includes('"'))) return '';
  return (fields[column] ?? '').trim();
}

/** The rows of a customers CSV: the header maps columns to properties; a row without a name, or not of the header's width, is an error. */
export async function* csvRows(path: string, reading: FileReading, options: ReadOptions = {}): AsyncGenerator<ScreenRow> {
  const schema = rowSchema(options);
  const delimiter = reading.delimiter ?? ',';
  let columns: ColumnMap | undefined;
  let width = 0;
  const bad = (line: number, id: string, error: string): ScreenRow => ({ line, id, schema, properties: {}, error });
  for await (const { line, record, error, raw } of readRecords(path, reading.encoding, delimiter)) {
    if (!columns) {
      if (error || !record) throw new InputError('BAD_HEADER', `${path} line ${line}: the header row cannot be read (${error})`);
      columns = mapColumns(record, options.columns);
      width = record.length;
      continue;
    }
    if (error || !record) {
      yield bad(line, salvageId(raw, delimiter, columns.id), error ?? 'unreadable');
      continue;
    }
    const id = columns.id !== undefined ? (record[columns.id] ?? '').trim() : '';
    // More fields than the header: a value with an unquoted delimiter has shifted the columns after it.
    if (record.length > width) {
      yield bad(line, id, `${record.length} fields where the header has ${width}: a value holds an unquoted ${delimiterName(delimiter)} (quote it), so the columns after it are shifted`);
      continue;
    }
    const properties: Record<string, string[]> = {};
    for (const [property, indexes] of columns.properties) {
      const values = indexes.map((i) => record[i]?.trim() ?? '').filter(Boolean);
      if (values.length) properties[property] = values;
    }
    const written = columns.schema !== undefined && record[columns.schema]?.trim() ? record[columns.schema]!.trim() : undefined;
    const stated = written === undefined ? undefined : readSchema(written);
    if (written !== undefined && !stated) {
      yield bad(line, id, unknownSchema(written));
      continue;
    }
    const read = readQuery(stated ?? schema, properties, { dateOrder: options.dateOrder, schemaStated: stated !== undefined || Boolean(options.schemaStated) });
    if (record.length < width) read.warnings.unshift(`${record.length} fields where the header has ${width}: the missing ones are taken as empty`);
    if (!read.properties.name) {
      yield { ...bad(line, id, 'no name (the name column is empty)'), ...(read.warnings.length ? { warnings: read.warnings } : {}) };
      continue;
    }
    yield { line, id: id || String(line), ...(id ? {} : { anonymous: true }), schema: read.schema, properties: read.properties, ...(read.warnings.length ? { warnings: read.warnings } : {}) };
  }
  if (!columns) throw new InputError('EMPTY_INPUT', `${path}: no header row`);
}

/** The id of a JSON line that is not valid JSON, when it can still be seen in the text. */
function salvageJsonId(text: string | undefined): string {
  return (text && /"id"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(\d+))/.exec(text)?.slice(1).find((x) => x !== undefined)) || '';
}

/** The rows of a JSON lines file of queries in yente's form, `{"id", "schema", "properties": {...}}`. */
export async function* jsonRows(path: string, reading: FileReading, options: ReadOptions = {}): AsyncGenerator<ScreenRow> {
  const schema = rowSchema(options);
  let last = 0;
  try {
    for await (const { line, value, problem, text } of readJsonLines(decodedText(path, reading.encoding), QUERY_LINE, path)) {
      last = line;
      if (!value) {
        yield { line, id: salvageJsonId(text), schema, properties: {}, error: problem ?? 'unreadable' };
        continue;
      }
      const stated = value.schema === undefined ? undefined : readSchema(value.schema);
      if (value.schema !== undefined && !stated) {
        yield { line, id: value.id ?? '', schema, properties: {}, error: unknownSchema(value.schema) };
        continue;
      }
      const read = readQuery(stated ?? schema, value.properties, { dateOrder: options.dateOrder, schemaStated: stated !== undefined || Boolean(options.schemaStated) });
      const warnings = read.warnings.length ? { warnings: read.warnings } : {};
      yield read.properties.name?.length
        ? { line, id: value.id ?? String(line), ...(value.id ? {} : { anonymous: true }), schema: read.schema, properties: read.properties, ...warnings }
        : { line, id: value.id ?? '', schema: read.schema, properties: read.properties, error: 'no name', ...warnings };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new UnreadableFileError(path, last, (error as Error).message, { cause: error });
  }
}

/** The file formats of customer files and results. */
export type FileFormat = 'csv' | 'jsonl';

/** Whether a file is JSON lines (by its name), else CSV. */
export function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/** Decide how to read a customer file: its encoding (detected unless given), its delimiter (CSV: sniffed unless given), its lines. */
export async function inspectCustomerFile(path: string, format: FileFormat, options: ReadOptions = {}): Promise<FileReading> {
  if (options.schema !== undefined && !readSchema(options.schema)) throw new InputError('UNKNOWN_SCHEMA', unknownSchema(options.schema));
  if (format === 'jsonl' && (options.delimiter !== undefined || options.columns !== undefined)) {
    throw new InputError('NOT_CSV', `${options.delimiter !== undefined ? 'delimiter' : 'columns'}: applies to CSV files; a JSON lines file names its properties itself`);
  }
  const text = await inspectText(path, options.encoding);
  if (format === 'jsonl') return { format, encoding: text.encoding, delimiter: null, lines: text.lines };
  const delimiter = options.delimiter ? checkDelimiter(options.delimiter) : sniffDelimiter(await textHead(path, text.encoding));
  return { format, encoding: text.encoding, delimiter, lines: text.lines };
}

/** A CSV file's header, mapped to properties: a file it cannot be mapped for is refused before any row is read. */
export async function readHeader(path: string, reading: FileReading, options: ReadOptions = {}): Promise<ColumnMap | undefined> {
  if (reading.format !== 'csv') return undefined;
  for await (const { line, record, error } of readRecords(path, reading.encoding, reading.delimiter ?? ',')) {
    if (error || !record) throw new InputError('BAD_HEADER', `${path} line ${line}: the header row cannot be read (${error})`);
    return mapColumns(record, options.columns);
  }
  throw new InputError('EMPTY_INPUT', `${path}: no header row`);
}

/** The rows of a customer file, read as inspected. */
export function customerRows(path: string, reading: FileReading, options: ReadOptions = {}): AsyncGenerator<ScreenRow> {
  return reading.format === 'jsonl' ? jsonRows(path, reading, options) : csvRows(path, reading, options);
}

/** How a file was read, said to its reader: `read as windows-1252, delimiter ";"`. */
export function describeReading(reading: FileReading): string {
  return `read as ${reading.encoding}${reading.delimiter ? `, delimiter ${delimiterName(reading.delimiter)}` : ''}`;
}
