import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type PgBoss from 'pg-boss';
import { NotFoundError } from '../core/errors.js';
import type { Verdict } from '../core/regime/rules.js';
import type { JobCompletion, StoredJob } from '../store/batch-jobs.js';
import type { Store } from '../store/index.js';
import type { FileFormat } from './customer-file.js';
import { DEFAULT_JOB_RETENTION, jobLists, readUploadBody, retentionNote, type JobRetention } from './jobs.js';
import { DEFAULT_MAX_LIST_AGE_DAYS } from './list-ages.js';
import { petroleumLedger } from './petroleum.js';
import { readRegime } from './regime.js';
import type { Screening } from './screener.js';
import { shipmentOutcomeLine, shipmentResultHeader, type ShipmentOutcome } from './shipment-batch.js';
import { inspectShipmentFile, readShipmentHeader, shipmentRows, type ShipmentRow } from './shipment-file.js';
import type { ShipmentJob, ShipmentJobRequest, ShipmentJobService } from './shipment-jobs.js';
import { createShipmentChecker } from './shipments.js';

// Batches of shipments on a cluster: any serve node takes an upload, stores its shipments in the
// cluster's job tables (beside the customer files' jobs, told apart by their `shp_` ids) and
// queues them in chunks; any worker checks a chunk with its index and the rules it reads; any
// node answers for any job. A chunk checked twice (its worker died) writes each row once.

/** The queue of chunks of shipment batches. */
export const SHIPMENT_QUEUE = 'interdict-shipment-chunk';
/** Shipments per chunk: a shipment screens several parties, so chunks are smaller than customer files'. */
export const SHIPMENT_CHUNK_ROWS = 200;

export interface ShipmentChunk {
  job: string;
  from: number;
  to: number;
}

/** What a shipment job records at submission: how its upload was read and what it is checked against. */
type ShipmentJobReading = Pick<ShipmentJob, 'detected' | 'rules_version' | 'lists' | 'warnings'> & { input_sha256: string };

/** The `search` a shipment job is stored with: what tells it from a customer file's job. */
const SHIPMENTS = { kind: 'shipments' } as const;

const isShipmentJob = (job: StoredJob): boolean => job.search.kind === SHIPMENTS.kind;

/** Batches of shipments shared by the nodes of a cluster (`POST /shipments/screenings` in cluster mode). */
export class ClusterShipmentJobs implements ShipmentJobService {
  constructor(private readonly store: Store, private readonly boss: PgBoss, private readonly maxAgeDays = DEFAULT_MAX_LIST_AGE_DAYS, private readonly retention: JobRetention = DEFAULT_JOB_RETENTION) {}

  async submit(request: ShipmentJobRequest): Promise<ShipmentJob> {
    const id = `shp_${randomBytes(8).toString('hex')}`;
    // No list loaded: every party would pass unscreened, so the batch is refused.
    const against = jobLists(await this.store.currentVersions(), 'default', this.maxAgeDays);
    const { rows, detected } = await readUpload(request);
    const reading: ShipmentJobReading = { detected, rules_version: readRegime().rulesVersion, lists: against.lists, warnings: against.warnings, input_sha256: createHash('sha256').update(request.body).digest('hex') };
    await this.store.screeningJobs.create({ id, inputFormat: request.inputFormat, outputFormat: request.outputFormat, search: { ...SHIPMENTS }, reading: { ...reading } }, rows);
    const chunks: ShipmentChunk[] = [];
    for (let from = 0; from < rows.length; from += SHIPMENT_CHUNK_ROWS) chunks.push({ job: id, from, to: Math.min(rows.length, from + SHIPMENT_CHUNK_ROWS) });
    for (let i = 0; i < chunks.length; i += 100) await this.boss.insert(chunks.slice(i, i + 100).map((data) => ({ name: SHIPMENT_QUEUE, data })));
    // A header and no shipment: done at once, with nothing to check.
    if (!chunks.length) await this.store.screeningJobs.answer(id, [], shipmentsDone(id, reading.input_sha256, reading.rules_version, against.lists.map((l) => l.version)));
    return this.get(id);
  }

  async get(id: string): Promise<ShipmentJob> {
    const job = await this.store.screeningJobs.get(id);
    // A customer file's job is not a batch of shipments, and a deleted one leaves no trace.
    if (!job || !isShipmentJob(job)) throw new NotFoundError(`shipment screening ${id}`, ` (or expired: ${retentionNote(this.retention)})`);
    const reading = (job.reading ?? {}) as Partial<ShipmentJobReading>;
    const counted = await this.store.screeningJobs.verdicts(id);
    const verdicts: Record<Verdict, number> = { prohibited: 0, licence_required: 0, review: 0, clear: 0 };
    for (const verdict of Object.keys(verdicts) as Verdict[]) verdicts[verdict] = counted[verdict] ?? 0;
    return {
      id: job.id, status: job.status, input_format: job.inputFormat as FileFormat, output_format: job.outputFormat as FileFormat,
      created_at: job.createdAt, started_at: job.startedAt, finished_at: job.finishedAt, total: job.total, done: job.done, bad: job.bad, verdicts,
      not_reached: 0, detected: reading.detected ?? null, rules_version: reading.rules_version ?? '', lists: reading.lists ?? [], warnings: reading.warnings ?? [], error: job.error,
    };
  }

  async results(id: string): Promise<{ format: FileFormat; stream: Readable }> {
    const job = await this.get(id);
    if (job.status !== 'done') throw new NotFoundError(`results of shipment screening ${id}`, ` (it is ${job.status})`);
    const format = job.output_format;
    const store = this.store;
    async function* lines(): AsyncIterable<string> {
      if (format === 'csv') yield shipmentResultHeader();
      for await (const outcome of store.screeningJobs.results<ShipmentOutcome>(id)) yield shipmentOutcomeLine(outcome, format);
    }
    return { format, stream: Readable.from(lines()) };
  }

  /** The cluster's expiry deletes finished jobs of both kinds from the shared tables. */
  expire(): Promise<string[]> {
    return this.store.screeningJobs.expire(new Date(this.retention.now() - this.retention.ms));
  }
}

/**
 * The upload's shipments, read by the same reader as `interdict shipments check`, before the job
 * is stored: a shipment that cannot be read is a row with its error; an upload that cannot be
 * read to its end is refused, naming the last line read.
 */
async function readUpload(request: ShipmentJobRequest): Promise<{ rows: ShipmentRow[]; detected: ShipmentJob['detected'] }> {
  return readUploadBody(request.body, request.inputFormat, async (path) => {
    const reading = await inspectShipmentFile(path, request.inputFormat, 'the upload', request.read);
    await readShipmentHeader(path, reading, 'the upload');
    const rows: ShipmentRow[] = [];
    for await (const row of shipmentRows(path, reading, 'the upload')) rows.push(row);
    return { rows, detected: { encoding: reading.encoding, delimiter: reading.delimiter } };
  });
}

/** Check a chunk of a batch of shipments with `state` and record its rows' answers; false when the job is gone or finished. */
export async function checkShipmentChunk(store: Store, chunk: ShipmentChunk, state: Screening): Promise<boolean> {
  const stored = await store.screeningJobs.get(chunk.job);
  if (!stored || stored.status === 'done' || stored.status === 'failed') return false;
  const regime = readRegime();
  const checker = createShipmentChecker(regime, state, { petroleum: await petroleumLedger(store) });
  const rows = await store.screeningJobs.rows<ShipmentRow>(chunk.job, chunk.from, chunk.to);
  const answers = rows.map(({ seq, row }) => {
    const outcome: ShipmentOutcome = row.shipment ? { line: row.line, id: row.id, answer: checker.check(row.shipment) } : { line: row.line, id: row.id, error: row.error ?? 'unreadable' };
    return { seq, outcome, matched: Boolean(outcome.answer && outcome.answer.verdict !== 'clear'), bad: Boolean(outcome.error) };
  });
  const submitted = (stored.reading ?? {}) as Partial<ShipmentJobReading>;
  await store.screeningJobs.answer(chunk.job, answers, shipmentsDone(chunk.job, submitted.input_sha256 ?? null, regime.rulesVersion, state.versions.map((v) => v.id)));
  return true;
}

/** How a batch of shipments' completion is audited: its verdicts, the rules and the lists it was checked against. */
function shipmentsDone(id: string, inputSha256: string | null, rulesVersion: string, versions: string[]): JobCompletion {
  return { action: 'shipments.screening.done', subject: `shipment-screening:${id}`, verdicts: true, after: { status: 'done', input_sha256: inputSha256, rules_version: rulesVersion, versions } };
}
