import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, statSync, truncateSync, type WriteStream } from 'node:fs';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import type { Regime } from '../core/regime/index.js';
import type { Verdict } from '../core/regime/rules.js';
import type { Finding, ShipmentAnswer } from '../core/shipments/index.js';
import { Pool, dispatchRows, inertCell, resumePoint, sharedBytes } from './batch-file.js';
import { isJsonLines, type FileFormat, type FileReading } from './customer-file.js';
import type { Screening } from './screener.js';
import { inspectShipmentFile, readShipmentHeader, shipmentFileFormat, shipmentRows, type ShipmentReadOptions, type ShipmentRow } from './shipment-file.js';
import { createShipmentChecker, type ShipmentCheckOptions, type ShipmentChecker } from './shipments.js';
import { boundedLines } from './text-file.js';

// A file of shipments checked as a batch: one result row per shipment, in input order, written
// as they are checked, resumed from an existing output (the shipments it holds are not checked
// again), a shipment that cannot be read answered with its error (line and field) without
// stopping the run. `interdict shipments check FILE --out OUT` and POST /shipments/screenings.

/** One result row: a shipment's answer, or why it could not be read. */
export interface ShipmentOutcome {
  line: number;
  id: string;
  answer?: ShipmentAnswer;
  error?: string;
}

/**
 * The columns of a CSV results file, one row a shipment: the verdict, the measures and bases of
 * its findings, the listed records its parties and ships matched, every finding in words, or
 * the error. New columns are added at the end (tools read them by position).
 */
export const SHIPMENT_RESULT_COLUMNS = ['line', 'id', 'verdict', 'findings', 'measures', 'bases', 'matches', 'details', 'error', 'rules_version'] as const;

/** The header line of a CSV results file of shipments. */
export function shipmentResultHeader(): string {
  return stringify([[...SHIPMENT_RESULT_COLUMNS]]);
}

const unique = (values: (string | null | undefined)[]): string => [...new Set(values.filter((v): v is string => Boolean(v)))].join('; ');

/** A party's or ship's match in a cell: `shipper X ~ CAPTION (id, by name 0.880)`. */
function matchCell(finding: Finding): string | undefined {
  const match = finding.match as { id?: string; caption?: string; how?: string; score?: number } | undefined;
  if (!match?.id) return undefined;
  const who = finding.party ? `${finding.party.role} ${finding.party.name}` : 'vessel';
  return `${who} ~ ${match.caption} (${match.id}, ${match.how === 'name' ? `by name ${match.score?.toFixed(3)}` : `by ${match.how}`}, ${finding.verdict})`;
}

/** One result row as written: JSON lines carry the whole answer; CSV its cells, made inert for spreadsheets. */
export function shipmentOutcomeLine(outcome: ShipmentOutcome, format: FileFormat): string {
  const { line, id, answer, error } = outcome;
  if (format === 'jsonl') return `${JSON.stringify(answer ? { line, ...answer, id } : { line, id, error })}\n`;
  const findings = answer?.findings ?? [];
  const cells: (string | number)[] = [
    line,
    id,
    answer?.verdict ?? '',
    answer ? findings.length : '',
    unique(findings.map((f) => f.measure)),
    unique(findings.map((f) => f.basis)),
    findings.map(matchCell).filter(Boolean).join(' | '),
    findings.map((f) => `${f.verdict} ${f.kind}${f.line ? ` #${f.line}` : ''}${f.basis ? ` (${f.basis})` : ''}: ${f.detail}`).join(' | '),
    error ?? '',
    answer?.rules_version ?? '',
  ];
  return stringify([cells.map((c) => (typeof c === 'string' ? inertCell(c) : c))]);
}

/** Verdicts and bad rows counted. */
export interface ShipmentCounts {
  rows: number;
  bad: number;
  verdicts: Record<Verdict, number>;
}

const noCounts = (): ShipmentCounts => ({ rows: 0, bad: 0, verdicts: { prohibited: 0, licence_required: 0, review: 0, clear: 0 } });

function count(counts: ShipmentCounts, verdict: string | undefined, error: unknown): void {
  counts.rows++;
  if (error) counts.bad++;
  else if (verdict && verdict in counts.verdicts) counts.verdicts[verdict as Verdict]++;
}

/** What an existing output holds: a resumed run reports the whole file. */
async function countOutput(output: string, format: FileFormat): Promise<ShipmentCounts> {
  const counts = noCounts();
  if (!existsSync(output)) return counts;
  if (format === 'jsonl') {
    for await (const { text } of boundedLines(createReadStream(output), 64 * 1024 * 1024)) {
      if (!text.trim()) continue;
      const row = JSON.parse(text) as { verdict?: string; error?: string };
      count(counts, row.verdict, row.error);
    }
  } else {
    for await (const row of createReadStream(output).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>) count(counts, row.verdict, row.error);
  }
  return counts;
}

export interface ShipmentFileOptions extends ShipmentReadOptions {
  input: string;
  output: string;
  /** How errors name the input (default its path; `the upload` for one). */
  label?: string;
  regime: Regime;
  /** The lists to screen parties and ships against; none: they are not screened (each such shipment says so). */
  state: Screening | undefined;
  check?: ShipmentCheckOptions;
  /** The input's format (default: by its name, else its first character). */
  inputFormat?: FileFormat;
  /** Start again instead of resuming an existing output. */
  restart?: boolean;
  signal?: AbortSignal;
  /** Called once the file is inspected, before any row is read. */
  onReading?: (reading: FileReading) => void;
  /** Called as shipments are answered: done so far (this run), the total expected (from the file's lines). */
  onProgress?: (done: number, total: number) => void;
  /** Called for each shipment that could not be read (its `error` names the line and field). */
  onBadRow?: (row: ShipmentRow) => void;
  /**
   * Worker threads; 0 (the default) checks in this thread. One thread keeps the results of every
   * party and ship it met for the whole file; each worker keeps its own, starts with a copy of
   * the index (seconds), and so pays off only on files whose parties seldom recur, on idle cores
   * (docs/benchmarks.md, "Checking shipments").
   */
  workers?: number;
}

export interface ShipmentFileSummary {
  reading: FileReading;
  /** This run's rows: read, checked, bad, and the verdicts of those checked. */
  counts: ShipmentCounts;
  /** Rows of a resumed output, found already answered and skipped, and what they hold. */
  resumed: number;
  resumedAfterLine: number;
  previous: ShipmentCounts;
  /** Parties and ships screened by name this run, and how many were answered from earlier rows' results. */
  screened: { lookups: number; hits: number };
  lastLine: number;
  /** Lines after the last one read, when the input could not be read to its end or the run was interrupted. */
  notReached: number;
  unreadable?: string;
  interrupted: boolean;
  /** Worker threads the shipments were checked on (0: this thread). */
  workers: number;
}

/** Shipments sent to a worker at once, and checked between writes and progress reports. */
const BATCH = 200;

/** A batch of shipments checked: its result rows as written, their counts, and the parties and ships screened by name. */
export interface CheckedBatch {
  text: string;
  counts: ShipmentCounts;
  screened: { lookups: number; hits: number };
}

/** Check a batch of rows (a shipment that could not be read answered with its error), in this thread or a worker's. */
export function checkRows(checker: ShipmentChecker, rows: ShipmentRow[], format: FileFormat): CheckedBatch {
  const before = checker.screened;
  const counts = noCounts();
  let text = '';
  for (const row of rows) {
    const outcome: ShipmentOutcome = row.shipment ? { line: row.line, id: row.id, answer: checker.check(row.shipment) } : { line: row.line, id: row.id, error: row.error ?? 'unreadable' };
    count(counts, outcome.answer?.verdict, outcome.error);
    text += shipmentOutcomeLine(outcome, format);
  }
  const after = checker.screened;
  return { text, counts, screened: { lookups: after.lookups - before.lookups, hits: after.hits - before.hits } };
}

/** What a shipment-checking worker is started with: the index's snapshot and records, the rules, the options. */
export interface ShipmentWorkerData {
  snapshot?: Uint8Array;
  entities?: Entity[];
  regime: Regime;
  check?: ShipmentCheckOptions;
  format: FileFormat;
}

function add(into: ShipmentCounts, counts: ShipmentCounts): void {
  into.rows += counts.rows;
  into.bad += counts.bad;
  for (const verdict of Object.keys(counts.verdicts) as Verdict[]) into.verdicts[verdict] += counts.verdicts[verdict];
}

/**
 * Check a file of shipments (JSON lines or CSV): one result row per shipment, in input order, as
 * CSV or JSON lines by the output's name. An existing output is resumed after its last complete
 * row (a half-written one is cut); a shipment that cannot be read is answered with its error.
 * Given workers, the shipments are checked on worker threads, each with its copy of the index
 * and its own run's results of the parties and ships it met.
 */
export async function checkShipmentFile(options: ShipmentFileOptions): Promise<ShipmentFileSummary> {
  const label = options.label ?? options.input;
  if (!existsSync(options.input)) throw new InputError('NO_INPUT', `${label}: no such file`);
  const format: FileFormat = isJsonLines(options.output) ? 'jsonl' : 'csv';
  const inputFormat = options.inputFormat ?? (await shipmentFileFormat(options.input, options.encoding));
  const reading = await inspectShipmentFile(options.input, inputFormat, label, options);
  // A header not of the layout is refused before any output is written.
  await readShipmentHeader(options.input, reading, label);
  options.onReading?.(reading);
  if (options.restart && existsSync(options.output)) truncateSync(options.output, 0);
  const after = resumePoint(options.output, format, shipmentResultHeader());
  const empty = !existsSync(options.output) || statSync(options.output).size === 0;
  const previous = after ? await countOutput(options.output, format) : noCounts();
  const total = Math.max(0, reading.lines - (reading.format === 'csv' ? 1 : 0));
  const workerCount = options.workers ?? 0;
  const checker = createShipmentChecker(options.regime, options.state, options.check);
  const { state } = options;
  const data: ShipmentWorkerData = { ...(state ? { snapshot: sharedBytes(state.index.serialize()), entities: [...state.entities.values()] } : {}), regime: options.regime, ...(options.check ? { check: options.check } : {}), format };
  const pool = workerCount > 0 ? await Pool.start<ShipmentRow[], CheckedBatch>(workerCount, 'shipment-worker', data) : undefined;
  const out: WriteStream = createWriteStream(options.output, { flags: 'a' });
  if (format === 'csv' && empty) out.write(shipmentResultHeader());
  const summary: ShipmentFileSummary = { reading, counts: noCounts(), resumed: 0, resumedAfterLine: after, previous, screened: { lookups: 0, hits: 0 }, lastLine: 0, notReached: 0, interrupted: false, workers: workerCount };

  // Batches are written in input order: they finish in any order and wait for earlier ones.
  const finished = new Map<number, CheckedBatch>();
  let nextToWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => (writing = writing.then(async () => {
    for (let batch = finished.get(nextToWrite); batch; batch = finished.get(nextToWrite)) {
      finished.delete(nextToWrite++);
      add(summary.counts, batch.counts);
      summary.screened.lookups += batch.screened.lookups;
      summary.screened.hits += batch.screened.hits;
      if (!out.write(batch.text)) await new Promise<void>((drained) => out.once('drain', drained));
      options.onProgress?.(summary.counts.rows, total - summary.resumed);
    }
  }));
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  const dispatch = async (rows: ShipmentRow[]): Promise<void> => {
    const mine = seq++;
    if (!pool) {
      finished.set(mine, checkRows(checker, rows, format));
      return write();
    }
    const task = pool.run(rows).then((batch) => {
      finished.set(mine, batch);
      return write();
    });
    inFlight.add(task);
    // A failed batch fails the run through the race below or the final wait, not as an unhandled rejection here.
    task.finally(() => inFlight.delete(task)).catch(() => {});
    // Keep a few batches per worker queued, not the whole file.
    if (inFlight.size >= workerCount * 2) await Promise.race(inFlight);
  };

  const rows = shipmentRows(options.input, reading, label);
  try {
    const unreadable = await dispatchRows(rows, { after, size: BATCH, signal: options.signal, progress: summary, onRow: (row) => { if (!row.shipment) options.onBadRow?.(row); }, dispatch });
    if (unreadable) {
      summary.unreadable = unreadable.message;
      summary.notReached = Math.max(0, reading.lines - unreadable.line);
    }
    await Promise.all(inFlight);
    await writing;
  } finally {
    await rows.return(undefined);
    await pool?.close();
    await new Promise<void>((done) => out.end(done));
  }
  if (summary.interrupted) summary.notReached = Math.max(0, reading.lines - summary.lastLine);
  return summary;
}

/** The SHA-256 of a file: the audit trail names a batch's input by it, never by its data. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
