import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors.js';
import type { PartyInput } from '../store/monitoring.js';
import { csvRows, isJsonLines, jsonRows, mapColumns, readRecords } from './screen-input.js';

/** What a parties file held: the parties, and the rows that could not be read, by line. */
export interface PartyFile {
  parties: PartyInput[];
  problems: { line: number; error: string }[];
}

/**
 * Read a parties file: CSV with a header (an id column is required: a monitored party needs a
 * stable id; columns are mapped as for `screen`) or JSON lines in yente's query form with ids.
 */
export async function readParties(path: string, schema = 'Person', columns?: string): Promise<PartyFile> {
  const json = isJsonLines(path);
  if (!json) {
    for await (const { record } of readRecords(path)) {
      if (record && mapColumns(record, columns).id === undefined) {
        throw new InputError('NO_ID_COLUMN', `${path}: parties need an id column (id, customer_id, party_id or reference; or --columns id=...); the header has ${record.join(', ')}`);
      }
      break;
    }
  }
  const out: PartyFile = { parties: [], problems: [] };
  const seen = new Map<string, number>();
  for await (const row of json ? jsonRows(path, schema) : csvRows(path, schema, columns)) {
    if (row.error) out.problems.push({ line: row.line, error: row.error });
    else if (row.anonymous) out.problems.push({ line: row.line, error: 'no id' });
    else if (seen.has(row.id)) out.problems.push({ line: row.line, error: `id ${row.id} already on line ${seen.get(row.id)}` });
    else {
      seen.set(row.id, row.line);
      out.parties.push({ id: row.id, schema: row.schema, properties: row.properties });
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
