import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors.js';
import type { PartyInput } from '../store/monitoring.js';
import { customerRows, inspectCustomerFile, isJsonLines, readHeader, type FileReading, type ReadOptions } from './customer-file.js';

/** What a parties file held: the parties, the rows that could not be read, and the rows read with warnings, by line. */
export interface PartyFile {
  parties: PartyInput[];
  problems: { line: number; id: string; error: string }[];
  warnings: { line: number; id: string; warnings: string[] }[];
  reading: FileReading;
}

/**
 * Read a parties file: CSV with a header (an id column is required: a monitored party needs a
 * stable id; columns are mapped as for `screen`) or JSON lines in yente's query form with ids.
 * A row without a schema is a LegalEntity, as in `screen`: matched against people and
 * organizations alike.
 */
export async function readParties(path: string, options: ReadOptions = {}): Promise<PartyFile> {
  const reading = await inspectCustomerFile(path, isJsonLines(path) ? 'jsonl' : 'csv', options);
  const header = await readHeader(path, reading, options);
  if (header && header.id === undefined) {
    throw new InputError('NO_ID_COLUMN', `${path}: parties need an id column (id, customer_id, party_id or reference; or columns id=...); the header has ${header.names.join(', ')}`);
  }
  const out: PartyFile = { parties: [], problems: [], warnings: [], reading };
  const seen = new Map<string, number>();
  for await (const row of customerRows(path, reading, options)) {
    if (row.error) out.problems.push({ line: row.line, id: row.id, error: row.error });
    else if (row.anonymous) out.problems.push({ line: row.line, id: '', error: 'no id' });
    else if (seen.has(row.id)) out.problems.push({ line: row.line, id: row.id, error: `id ${row.id} already on line ${seen.get(row.id)}` });
    else {
      seen.set(row.id, row.line);
      out.parties.push({ id: row.id, schema: row.schema, properties: row.properties });
      if (row.warnings?.length) out.warnings.push({ line: row.line, id: row.id, warnings: row.warnings });
    }
  }
  return out;
}

/** Party ids, one per line (for `parties remove --file`). */
export async function readIds(path: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.trim()) ids.push(line.trim());
  return ids;
}
