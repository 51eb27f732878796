import { stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { WORKER_FIELDS } from '../core/workers/index.js';
import { readRecords } from './customer-file.js';
import { checkDelimiter, decodedText, inspectText, sniffDelimiter, textHead } from './text-file.js';
import { workerValues, type WorkerValue } from './workers.js';

// Reading a file of worker records: JSON lines or a JSON array (the JSON form), or CSV with a
// header row of the same field names (empty cells are fields not given). The encoding is
// detected and the CSV delimiter sniffed as for customer files. A row that cannot be read is a
// value with its error, naming its line; the rows after it are read.

/** How to read a workers file; what is not given is detected. */
export interface WorkerReadOptions {
  encoding?: string;
  delimiter?: string;
}

/** Whether a workers file is JSON or CSV: by its name, else by its first character (`{` or `[` is JSON). */
async function isJson(path: string, encoding: string): Promise<boolean> {
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return true;
  if (/\.(csv|tsv|txt)$/i.test(path)) return false;
  return /^\uFEFF?\s*[[{]/.test(await textHead(path, encoding, 4096));
}

/** The whole decoded text of a file. */
async function wholeText(path: string, encoding: string): Promise<string> {
  let text = '';
  for await (const chunk of decodedText(path, encoding) as AsyncIterable<string>) text += chunk;
  return text;
}

/**
 * The worker records of a file, each a value to read (or why its line cannot be); `label` names
 * the file in errors. A CSV header naming a column no worker record takes is refused before any
 * row is read.
 */
export async function workerFileValues(path: string, label: string, options: WorkerReadOptions = {}): Promise<WorkerValue[]> {
  try {
    if (!(await stat(path)).isFile()) throw new InputError('FILE_NOT_FOUND', `${label}: cannot be read (not a file)`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('FILE_NOT_FOUND', `${label}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const { encoding } = await inspectText(path, options.encoding);
  if (await isJson(path, encoding)) {
    if (options.delimiter !== undefined) throw new InputError('NOT_CSV', 'delimiter: applies to CSV files; a JSON file is read as JSON');
    return workerValues(await wholeText(path, encoding), label);
  }
  const delimiter = options.delimiter ? checkDelimiter(options.delimiter) : sniffDelimiter(await textHead(path, encoding, 4096));
  const values: WorkerValue[] = [];
  let header: string[] | undefined;
  for await (const { line, record, error } of readRecords(path, encoding, delimiter)) {
    const where = `${label} line ${line}`;
    if (!header) {
      if (error || !record) throw new InputError('BAD_HEADER', `${where}: the header row cannot be read (${error})`);
      header = record.map((h) => h.replace(/^\uFEFF/, '').trim());
      const unknown = header.filter((h) => !(WORKER_FIELDS as string[]).includes(h));
      if (unknown.length) throw new InputError('BAD_HEADER', `${where}: ${unknown.map((h) => `"${h}"`).join(', ')} ${unknown.length > 1 ? 'are not fields' : 'is not a field'} a worker record takes (the header names fields of ${WORKER_FIELDS.join(', ')})`);
      const twice = header.find((h, i) => header!.indexOf(h) !== i);
      if (twice) throw new InputError('BAD_HEADER', `${where}: the column "${twice}" is named twice`);
      continue;
    }
    if (error || !record) {
      values.push({ where, error: new InputError('INVALID_WORKER', `${where}: ${error ?? 'unreadable'}`) });
      continue;
    }
    if (record.length > header.length) {
      values.push({ where, error: new InputError('INVALID_WORKER', `${where}: ${record.length} fields where the header has ${header.length}: a value holds an unquoted delimiter (quote it)`) });
      continue;
    }
    const value: Record<string, string> = {};
    for (const [i, field] of header.entries()) {
      const cell = record[i]?.trim();
      if (cell) value[field] = cell;
    }
    values.push({ where, value });
  }
  if (!header) throw new InputError('EMPTY_INPUT', `${label}: no header row`);
  return values;
}
