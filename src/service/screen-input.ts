import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseSync } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { QUERY_LINE, readJsonLines } from './queries.js';
import type { ScreenRow } from './screen-rows.js';

// Reading customer files: CSV with a header row (its columns mapped to query properties) or
// JSON lines in yente's form, row by row, a bad row reported rather than fatal.

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

/** Lines a quoted field may span before its row is taken as malformed (an unclosed quote must not swallow the file). */
const MAX_RECORD_LINES = 20;

/**
 * The records of a CSV file with the line each starts on. A record is read line by line: one
 * with an unclosed quote takes the following lines until it closes, up to a limit; a record
 * that cannot be parsed is returned as an error and reading goes on at the next line.
 */
export async function* readRecords(path: string): AsyncGenerator<{ line: number; record?: string[]; error?: string }> {
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
export async function* csvRows(path: string, schema: string, spec?: string): AsyncGenerator<ScreenRow> {
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
    yield properties.name ? { line, id: id || String(line), ...(id ? {} : { anonymous: true }), schema: rowSchema, properties } : bad(line, 'no name (the name column is empty)');
  }
  if (!columns) throw new InputError('EMPTY_INPUT', `${path}: no header row`);
}

/** The rows of a JSON lines file of queries in yente's form, `{"id", "schema", "properties": {...}}`. */
export async function* jsonRows(path: string, schema: string): AsyncGenerator<ScreenRow> {
  for await (const { line, value, problem } of readJsonLines(createReadStream(path), QUERY_LINE, path)) {
    if (!value) {
      yield { line, id: '', schema, properties: {}, error: problem ?? 'unreadable' };
      continue;
    }
    const properties = value.properties;
    yield properties.name?.length ? { line, id: value.id ?? String(line), ...(value.id ? {} : { anonymous: true }), schema: value.schema, properties } : { line, id: value.id ?? '', schema: value.schema, properties, error: 'no name' };
  }
}

/** The file formats of customer files and results. */
export type FileFormat = 'csv' | 'jsonl';

/** Whether a file is JSON lines (by its name), else CSV. */
export function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/** A cheap estimate of the rows in a file, for the progress bar (quoted line breaks make it high). */
export async function countLines(path: string, header: boolean): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return Math.max(0, lines - (header ? 1 : 0));
}
