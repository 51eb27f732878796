import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { NotFoundError } from '../core/errors.js';
import type { Verdict } from '../core/regime/rules.js';
import type { FileFormat } from './customer-file.js';
import { DEFAULT_JOB_RETENTION, asUpload, expireJobs, jobLists, retentionNote, settleJob, uploadMessage, type JobRetention, type JobStatus } from './jobs.js';
import { DEFAULT_MAX_LIST_AGE_DAYS, type ListAge } from './list-ages.js';
import { petroleumLedger } from './petroleum.js';
import { readRegime } from './regime.js';
import type { Screener } from './screener.js';
import { checkShipmentFile, fileSha256 } from './shipment-batch.js';
import { inspectShipmentFile, readShipmentHeader, type ShipmentReadOptions } from './shipment-file.js';

/** A batch of shipments checked over HTTP, as the API reports it (`GET /shipments/screenings/{id}`). */
export interface ShipmentJob {
  id: string;
  status: JobStatus;
  input_format: FileFormat;
  output_format: FileFormat;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Shipments expected (estimated from the upload's lines), shipments answered so far, and those that could not be read. */
  total: number;
  done: number;
  bad: number;
  /** The verdicts of the shipments checked so far. */
  verdicts: Record<Verdict, number>;
  /** Lines of the upload never read, when it could not be read to its end (then the job fails). */
  not_reached: number;
  /** How the upload was read: its character encoding and, for CSV, its delimiter. */
  detected: { encoding: string; delimiter: string | null } | null;
  /** The regime's rules the shipments are checked against (`dprk 2026-11-23.7 (sha256:...)`). */
  rules_version: string;
  /** The lists the parties and ships are screened against, with their ages. */
  lists: ListAge[];
  /** What the caller must know: a stale list, lines not reached. */
  warnings: string[];
  error: string | null;
}

export interface ShipmentJobRequest {
  /** The upload as sent: its encoding is detected, or given in `read`. */
  body: Buffer;
  inputFormat: FileFormat;
  outputFormat: FileFormat;
  read: ShipmentReadOptions;
}

/** Batches of shipments over HTTP: submitted, followed, their results read, deleted after the retention time. */
export interface ShipmentJobService {
  submit(request: ShipmentJobRequest): Promise<ShipmentJob>;
  get(id: string): Promise<ShipmentJob>;
  /** The results of a finished job, one row a shipment in input order. */
  results(id: string): Promise<{ format: FileFormat; stream: Readable }>;
  /** Delete the jobs finished longer ago than the retention time, with their uploads and results; their ids. */
  expire(): Promise<string[]>;
}

/** The files of a job: `<id>.input.<format>` and `<id>.results.<format>`. */
const JOB_FILE = /^(shp_[0-9a-f]+)\.(?:input|results)\.[a-z]+$/;

/**
 * Batches of shipments submitted over HTTP, checked one at a time on this node with the index it
 * serves, their uploads and results kept as files under `dir` (the customer files' jobs keep
 * theirs the same way). Each is audited when submitted (by the route) and when done.
 */
export class ShipmentJobs implements ShipmentJobService {
  private readonly jobs = new Map<string, { job: ShipmentJob; request: Omit<ShipmentJobRequest, 'body'> }>();
  private readonly expired = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string, private readonly screener: Screener, private readonly maxAgeDays = DEFAULT_MAX_LIST_AGE_DAYS, private readonly retention: JobRetention = DEFAULT_JOB_RETENTION) {}

  private paths(id: string, job: Pick<ShipmentJob, 'input_format' | 'output_format'>): { input: string; output: string } {
    return { input: join(this.dir, `${id}.input.${job.input_format}`), output: join(this.dir, `${id}.results.${job.output_format}`) };
  }

  async submit(request: ShipmentJobRequest): Promise<ShipmentJob> {
    mkdirSync(this.dir, { recursive: true });
    const id = `shp_${randomBytes(8).toString('hex')}`;
    const state = this.screener.current;
    // No list loaded: every party would pass unscreened, so the batch is refused, as a customer file's is.
    const against = state ? jobLists(state.versions, 'default', this.maxAgeDays) : undefined;
    const job: ShipmentJob = {
      id, status: 'queued', input_format: request.inputFormat, output_format: request.outputFormat, created_at: new Date().toISOString(), started_at: null, finished_at: null,
      total: 0, done: 0, bad: 0, verdicts: { prohibited: 0, licence_required: 0, review: 0, clear: 0 }, not_reached: 0, detected: null,
      rules_version: readRegime().rulesVersion, lists: against?.lists ?? [], warnings: against?.warnings ?? [], error: null,
    };
    const { input } = this.paths(id, job);
    writeFileSync(input, request.body);
    // A JSON array, a header not of the layout, an unknown encoding: refused now, not reported later by a failed job.
    try {
      await asUpload(input, async () => readShipmentHeader(input, await inspectShipmentFile(input, request.inputFormat, 'the upload', request.read), 'the upload'));
    } catch (error) {
      rmSync(input, { force: true });
      throw error;
    }
    const { body: _body, ...rest } = request;
    this.jobs.set(id, { job, request: rest });
    this.queue = this.queue.then(() => this.run(id));
    return { ...job, verdicts: { ...job.verdicts } };
  }

  async get(id: string): Promise<ShipmentJob> {
    return this.job(id);
  }

  private job(id: string): ShipmentJob {
    const entry = this.jobs.get(id);
    if (!entry) throw new NotFoundError(`shipment screening ${id}`, this.expired.has(id) ? ` (expired: ${retentionNote(this.retention)})` : '');
    return { ...entry.job, verdicts: { ...entry.job.verdicts } };
  }

  async results(id: string): Promise<{ format: FileFormat; stream: Readable }> {
    const job = this.job(id);
    const { output } = this.paths(id, job);
    if (job.status !== 'done' || !existsSync(output)) throw new NotFoundError(`results of shipment screening ${id}`, ` (it is ${job.status})`);
    return { format: job.output_format, stream: createReadStream(output) };
  }

  private async run(id: string): Promise<void> {
    const { job, request } = this.jobs.get(id)!;
    const { input, output } = this.paths(id, job);
    try {
      while (!this.screener.current) await new Promise((wait) => setTimeout(wait, 200));
      const state = this.screener.current;
      const regime = readRegime();
      // The lists as the job starts: the index its parties are screened with.
      const against = jobLists(state.versions, 'default', this.maxAgeDays);
      Object.assign(job, { status: 'running', started_at: new Date().toISOString(), lists: against.lists, warnings: against.warnings, rules_version: regime.rulesVersion });
      const summary = await checkShipmentFile({
        ...request.read,
        input,
        output,
        label: 'the upload',
        inputFormat: job.input_format,
        regime,
        state,
        check: { petroleum: await petroleumLedger(this.screener.store) },
        restart: true,
        onReading: (reading) => (job.detected = { encoding: reading.encoding, delimiter: reading.delimiter }),
        onProgress: (done, total) => Object.assign(job, { done, total }),
      });
      Object.assign(job, { done: summary.counts.rows, bad: summary.counts.bad, verdicts: summary.counts.verdicts, not_reached: summary.notReached });
      // The shipments read before a break are checked and kept; the job says what it could not read.
      settleJob(job, summary, input);
      await this.screener.store.recordAudit({
        actor: 'shipments',
        action: 'shipments.screening.done',
        subject: `shipment-screening:${id}`,
        after: { status: job.status, input_sha256: await fileSha256(input), read: job.done, bad: job.bad, verdicts: job.verdicts, not_reached: job.not_reached, rules_version: job.rules_version, versions: job.lists.map((l) => l.version) },
      });
    } catch (error) {
      job.status = 'failed';
      job.error = uploadMessage((error as Error).message, input);
    } finally {
      job.finished_at = new Date().toISOString();
    }
  }

  /** Delete the jobs finished longer ago than the retention time and their files, and any job file older than that which no job holds. */
  async expire(): Promise<string[]> {
    return expireJobs({ jobs: this.jobs, expired: this.expired, dir: this.dir, jobFile: JOB_FILE, retention: this.retention });
  }

  /** Wait for every submitted job to finish (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }
}
