import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { shipmentColumns, shipmentRecord, type Shipment, type ShipmentColumns } from '../core/shipments/index.js';
import { readRecords, UnreadableFileError, type FileFormat, type FileReading } from './customer-file.js';
import { readJsonLines } from './queries.js';
import { checkDelimiter, decodedText, inspectText, sniffDelimiter, textHead } from './text-file.js';
import { tryShipment } from './shipments.js';

// Reading a file of shipments for a batch: JSON lines (one shipment a line, in the JSON form) or
// CSV (one row a shipment, in the columns of core/shipments/csv-layout.ts), row by row, with
// the encoding detected and the CSV delimiter sniffed as for customer files. A shipment that
// cannot be read is a row with its error, naming its line and field; the rows after it are read.

/** A shipment read from a file, or why it could not be: its line, its id when it has one. */
export interface ShipmentRow {
  line: number;
  /** The shipment's id as written; the line number when it gives none. */
  id: string;
  shipment?: Shipment;
  error?: string;
}

/** How to read a shipments file; what is not given is detected. */
export interface ShipmentReadOptions {
  /** The file's character encoding (else detected). */
  encoding?: string;
  /** The CSV delimiter (else sniffed). */
  delimiter?: string;
}

/** Whether a file of shipments is JSON lines or CSV: by its name, else by its first character (`{` is JSON). */
export async function shipmentFileFormat(path: string, encoding?: string): Promise<FileFormat> {
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return 'jsonl';
  if (/\.(csv|tsv|txt)$/i.test(path)) return 'csv';
  const text = await inspectText(path, encoding);
  return /^\s*[[{]/.test(await textHead(path, text.encoding, 4096)) ? 'jsonl' : 'csv';
}

/**
 * Decide how to read a shipments file: its encoding, its delimiter (CSV), its lines. A JSON
 * array is refused: a batch is read and resumed line by line.
 */
export async function inspectShipmentFile(path: string, format: FileFormat, label: string, options: ShipmentReadOptions = {}): Promise<FileReading> {
  if (format === 'jsonl' && options.delimiter !== undefined) throw new InputError('NOT_CSV', 'delimiter: applies to CSV files; a JSON lines file is read line by line');
  const text = await inspectText(path, options.encoding);
  const head = await textHead(path, text.encoding, 4096);
  if (format === 'jsonl') {
    if (/^\s*\[/.test(head)) throw new InputError('INVALID_JSON', `${label}: a JSON array; a batch reads one shipment a line (JSON lines) or CSV, and resumes by line: write one shipment a line, or check the array without --out`);
    return { format, encoding: text.encoding, delimiter: null, lines: text.lines };
  }
  const delimiter = options.delimiter ? checkDelimiter(options.delimiter) : sniffDelimiter(head);
  return { format, encoding: text.encoding, delimiter, lines: text.lines };
}

/** A CSV file's header mapped to the layout: a file whose header is not the layout's is refused before any row is read. */
export async function readShipmentHeader(path: string, reading: FileReading, label: string): Promise<ShipmentColumns | undefined> {
  if (reading.format !== 'csv') return undefined;
  for await (const { line, record, error } of readRecords(path, reading.encoding, reading.delimiter ?? ',')) {
    if (error || !record) throw new InputError('BAD_HEADER', `${label} line ${line}: the header row cannot be read (${error})`);
    return shipmentColumns(record, label);
  }
  throw new InputError('EMPTY_INPUT', `${label}: no header row`);
}

/** The shipments of a file, read as inspected; `label` names the file in errors (`the upload` for one). */
export function shipmentRows(path: string, reading: FileReading, label: string): AsyncGenerator<ShipmentRow> {
  return reading.format === 'jsonl' ? jsonShipments(path, reading, label) : csvShipments(path, reading, label);
}

const idOf = (value: unknown): string | undefined => {
  const id = value && typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

async function* jsonShipments(path: string, reading: FileReading, label: string): AsyncGenerator<ShipmentRow> {
  let last = 0;
  try {
    for await (const { line, value, error, text } of readJsonLines(decodedText(path, reading.encoding), z.unknown(), label)) {
      last = line;
      const where = `${label} line ${line}`;
      if (error) {
        yield { line, id: /"id"\s*:\s*"?([^",}]*)/.exec(text ?? '')?.[1] ?? String(line), error: error.message };
        continue;
      }
      const read = tryShipment(value, where);
      yield read.shipment ? { line, id: idOf(value) ?? String(line), shipment: read.shipment } : { line, id: idOf(value) ?? String(line), error: read.error!.message };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new UnreadableFileError(label, last, (error as Error).message, { cause: error });
  }
}

async function* csvShipments(path: string, reading: FileReading, label: string): AsyncGenerator<ShipmentRow> {
  let columns: ShipmentColumns | undefined;
  let width = 0;
  for await (const { line, record, error, raw } of readRecords(path, reading.encoding, reading.delimiter ?? ',')) {
    if (!columns) {
      if (error || !record) throw new InputError('BAD_HEADER', `${label} line ${line}: the header row cannot be read (${error})`);
      columns = shipmentColumns(record, label);
      width = record.length;
      continue;
    }
    const where = `${label} line ${line}`;
    const rowId = (): string => {
      const at = columns!.scalars.find((s) => s.field === 'id')?.at;
      return (at !== undefined && !raw.split(reading.delimiter ?? ',').slice(0, at + 1).some((f) => f.includes('"')) ? raw.split(reading.delimiter ?? ',')[at]?.trim() : '') || String(line);
    };
    if (error || !record) {
      yield { line, id: rowId(), error: `${where}: ${error ?? 'unreadable'}` };
      continue;
    }
    if (record.length > width) {
      yield { line, id: rowId(), error: `${where}: ${record.length} fields where the header has ${width}: a value holds an unquoted delimiter (quote it), so the columns after it are shifted` };
      continue;
    }
    const read = shipmentRecord(columns, record);
    const id = read.id ?? String(line);
    if (read.error) {
      yield { line, id, error: `${read.id ? `shipment ${read.id} (${where})` : `shipment at ${where}`}: ${read.error}` };
      continue;
    }
    const shipment = tryShipment(read.value, where, read.columnOf);
    yield shipment.shipment ? { line, id, shipment: shipment.shipment } : { line, id, error: shipment.error!.message };
  }
  if (!columns) throw new InputError('EMPTY_INPUT', `${label}: no header row`);
}
