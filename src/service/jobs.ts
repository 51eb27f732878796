import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { InterdictError, NotFoundError } from '../core/errors.js';
import type { SearchOptions } from '../core/index/index.js';
import { inspectCustomerFile, readHeader, type FileFormat, type ReadOptions } from './customer-file.js';
import { screenFile } from './batch-file.js';
import { matchedDesigneesOf } from './matched-designees.js';
import type { Screener } from './screener.js';
import { DEFAULT_MAX_LIST_AGE_DAYS, NO_LISTS_DETAIL, screeningLists, type ListAge, type ScreeningLists } from './list-ages.js';
import type { ListVersion } from '../store/index.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A batch screening job as the API reports it. */
export interface ScreeningJob {
  id: string;
  status: JobStatus;
  input_format: FileFormat;
  output_format: FileFormat;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Rows expected (estimated from the upload), rows answered so far, matches and bad rows among them. */
  total: number;
  done: number;
  matches: number;
  bad: number;
  /** Rows of the upload never read, when it could not be read to its end (then the job fails). */
  not_reached: number;
  /** Rows that carry warnings (a date that could not be read, a schema the row contradicts). */
  warned: number;
  /** How the upload was read: its character encoding and, for CSV, its delimiter. */
  detected: { encoding: string; delimiter: string | null } | null;
  /** The lists the job screened against, with their ages. */
  lists: ListAge[];
  /** What the caller must know: a stale list, rows not reached. */
  warnings: string[];
  error: string | null;
}

export interface JobRequest {
  /** The upload as sent: its encoding is detected, or given in `read`. */
  body: Buffer;
  inputFormat: FileFormat;
  outputFormat: FileFormat;
  search: SearchOptions;
  read: ReadOptions;
}

/** A message about an upload, without the server's path to the file it was written to. */
export function uploadMessage(message: string, path: string): string {
  return message.replaceAll(path, 'the upload');
}

/**
 * Read an upload held in memory (a cluster's, read whole before its job is stored): written to a
 * temporary file for the file readers, deleted afterwards, its errors speaking of "the upload".
 */
export async function readUploadBody<T>(body: Buffer, format: FileFormat, read: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-upload-'));
  try {
    const path = join(dir, `upload.${format}`);
    writeFileSync(path, body);
    return await asUpload(path, () => read(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Read an upload: its errors speak of "the upload", never of the server's files. */
export async function asUpload<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InterdictError) throw new InterdictError(error.code, uploadMessage(error.message, path), error.status);
    throw error;
  }
}

/** A new job's status, before anything is read. */
export function newJob(id: string, request: Pick<JobRequest, 'inputFormat' | 'outputFormat'>): ScreeningJob {
  return { id, status: 'queued', input_format: request.inputFormat, output_format: request.outputFormat, created_at: new Date().toISOString(), started_at: null, finished_at: null, total: 0, done: 0, matches: 0, bad: 0, not_reached: 0, warned: 0, detected: null, lists: [], warnings: [], error: null };
}

/** The lists a job screens against: none loaded is refused at submission, as `interdict screen` refuses. */
export function jobLists(versions: ListVersion[], dataset: string, maxAgeDays: number): ScreeningLists {
  if (!versions.length) throw new InterdictError('NO_LISTS', NO_LISTS_DETAIL, 503);
  return screeningLists(versions, dataset, { maxAgeDays });
}

/** Batch screenings over HTTP: on this node (files), or shared by a cluster (PostgreSQL and its job queue). */
export interface JobService {
  submit(request: JobRequest): Promise<ScreeningJob>;
  get(id: string): Promise<ScreeningJob>;
  /** The results of a finished job, in input order. */
  results(id: string): Promise<{ format: FileFormat; stream: Readable }>;
  /** Delete the jobs finished longer ago than the retention time, with their uploads and results; their ids. */
  expire(): Promise<string[]>;
}

/** Hours a finished job is kept by default (INTERDICT_JOB_RETENTION_HOURS). */
export const DEFAULT_JOB_RETENTION_HOURS = 24;
/** How often `serve` and `worker` delete expired jobs. */
export const JOB_EXPIRY_INTERVAL_MS = 10 * 60_000;

/**
 * How long a finished job (done or failed), its upload and its results are kept, and the clock
 * that says when that is (tests pass their own rather than wait).
 *
 * @example { ms: 24 * 3_600_000, now: Date.now }
 */
export interface JobRetention {
  ms: number;
  now: () => number;
}

export const DEFAULT_JOB_RETENTION: JobRetention = Object.freeze({ ms: DEFAULT_JOB_RETENTION_HOURS * 3_600_000, now: () => Date.now() });

/** The retention of INTERDICT_JOB_RETENTION_HOURS. */
export function jobRetention(hours: number): JobRetention {
  return { ms: hours * 3_600_000, now: () => Date.now() };
}

/** What a 404 for a job says of retention: a job asked for after it was deleted is not a mystery. */
export function retentionNote(retention: JobRetention): string {
  const hours = Math.round((retention.ms / 3_600_000) * 100) / 100;
  return `a finished screening, its upload and its results are deleted ${hours} hour(s) after it finishes`;
}

/**
 * Delete expired jobs every JOB_EXPIRY_INTERVAL_MS, without keeping the process alive; a failure
 * is reported and the next round tries again. Returns the timer, to clear at shutdown.
 */
export function scheduleJobExpiry(expire: () => Promise<string[]>, report: (error: unknown, ids?: string[]) => void): NodeJS.Timeout {
  const timer = setInterval(() => {
    expire().then((ids) => {
      if (ids.length) report(undefined, ids);
    }, (error: unknown) => report(error));
  }, JOB_EXPIRY_INTERVAL_MS);
  timer.unref();
  return timer;
}

/** A job's bookkeeping that customer files and shipments share. */
type JobProgress = Pick<ScreeningJob, 'status' | 'done' | 'total' | 'warnings' | 'error'>;

/**
 * Settle a job whose file was read: its total is at least the rows answered, and an upload that
 * broke off fails the job with what could not be read (the rows before the break are kept).
 */
export function settleJob(job: JobProgress, read: { unreadable?: string; notReached: number }, input: string): void {
  job.total = Math.max(job.total, job.done);
  if (read.unreadable) {
    job.status = 'failed';
    job.error = `${uploadMessage(read.unreadable, input)} (${read.notReached} line(s) not reached)`;
    job.warnings.push(job.error);
  } else job.status = 'done';
}

/** What expiry deletes from: the jobs of a process, the ids it deleted and when, and the folder of their files. */
export interface JobFolder<E extends { job: Pick<ScreeningJob, 'status' | 'finished_at'> }> {
  jobs: Map<string, E>;
  expired: Map<string, number>;
  dir: string;
  /** A job's file name, its first group the job's id. */
  jobFile: RegExp;
  retention: JobRetention;
}

/**
 * Delete the jobs finished longer ago than the retention time and their files, and any job file
 * older than that which no job holds; the ids deleted are remembered as expired for one more
 * retention time, then forgotten. A job queued or running is never deleted. Returns those ids.
 */
export function expireJobs<E extends { job: Pick<ScreeningJob, 'status' | 'finished_at'> }>(folder: JobFolder<E>): string[] {
  const { jobs, expired, dir, jobFile, retention } = folder;
  const now = retention.now();
  const before = now - retention.ms;
  const ids: string[] = [];
  for (const [id, { job }] of jobs) {
    if ((job.status === 'done' || job.status === 'failed') && job.finished_at && Date.parse(job.finished_at) < before) {
      jobs.delete(id);
      expired.set(id, now);
      ids.push(id);
    }
  }
  const deleted = new Set(ids);
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const id = jobFile.exec(name)?.[1];
    if (!id || jobs.has(id)) continue;
    const path = join(dir, name);
    if (deleted.has(id) || statSync(path).mtimeMs < before) rmSync(path, { force: true });
  }
  for (const [id, at] of expired) if (at < before) expired.delete(id);
  return ids;
}

/** The files of a job under its folder: `<id>.input.<format>` and `<id>.results.<format>`. */
const JOB_FILE = /^(scr_[0-9a-f]+)\.(?:input|results)\.[a-z]+$/;

/**
 * Batch screenings submitted over HTTP, run one at a time on this node's worker threads, with
 * their uploads and results kept as files under `dir`. (Jobs shared by a cluster of nodes come
 * with the job queue on PostgreSQL.)
 */
export class ScreeningJobs implements JobService {
  private readonly jobs = new Map<string, { job: ScreeningJob; request: Omit<JobRequest, 'body'> }>();
  /** Jobs deleted, and when: asked for, they are said to have expired (for one more retention time, then forgotten). */
  private readonly expired = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string, private readonly screener: Screener, private readonly workers?: number, private readonly maxAgeDays = DEFAULT_MAX_LIST_AGE_DAYS, private readonly retention: JobRetention = DEFAULT_JOB_RETENTION) {}

  private paths(id: string, job: Pick<ScreeningJob, 'input_format' | 'output_format'>): { input: string; output: string } {
    return { input: join(this.dir, `${id}.input.${job.input_format}`), output: join(this.dir, `${id}.results.${job.output_format}`) };
  }

  async submit(request: JobRequest): Promise<ScreeningJob> {
    mkdirSync(this.dir, { recursive: true });
    const id = `scr_${randomBytes(8).toString('hex')}`;
    const state = this.screener.current;
    const against = state ? jobLists(state.versions, request.search.dataset ?? 'default', this.maxAgeDays) : undefined;
    const job: ScreeningJob = { ...newJob(id, request), ...(against ? { lists: against.lists, warnings: against.warnings } : {}) };
    const { input } = this.paths(id, job);
    writeFileSync(input, request.body);
    // A header that cannot be mapped, an unknown encoding: refused now, not reported later by a failed job.
    try {
      await asUpload(input, async () => readHeader(input, await inspectCustomerFile(input, request.inputFormat, request.read), request.read));
    } catch (error) {
      // No job holds the upload: nothing else would ever delete it.
      rmSync(input, { force: true });
      throw error;
    }
    const { body: _body, ...rest } = request;
    this.jobs.set(id, { job, request: rest });
    this.queue = this.queue.then(() => this.run(id));
    return { ...job };
  }

  async get(id: string): Promise<ScreeningJob> {
    return this.job(id);
  }

  private job(id: string): ScreeningJob {
    const entry = this.jobs.get(id);
    if (!entry) throw new NotFoundError(`screening ${id}`, this.expired.has(id) ? ` (expired: ${retentionNote(this.retention)})` : '');
    return { ...entry.job };
  }

  /** The results file of a finished job. */
  async results(id: string): Promise<{ format: FileFormat; stream: Readable }> {
    const job = this.job(id);
    const { output } = this.paths(id, job);
    if (job.status !== 'done' || !existsSync(output)) throw new NotFoundError(`results of screening ${id}`, ` (it is ${job.status})`);
    return { format: job.output_format, stream: createReadStream(output) };
  }

  private async run(id: string): Promise<void> {
    const { job, request } = this.jobs.get(id)!;
    try {
      while (!this.screener.current) await new Promise((wait) => setTimeout(wait, 200));
      const state = this.screener.current;
      // The lists as the job starts: the index it is screened with.
      const against = jobLists(state.versions, request.search.dataset ?? 'default', this.maxAgeDays);
      Object.assign(job, { status: 'running', started_at: new Date().toISOString(), lists: against.lists, warnings: against.warnings });
      const { input, output } = this.paths(id, job);
      const summary = await screenFile({
        ...request.read,
        input,
        output,
        inputFormat: job.input_format,
        index: state.index,
        search: request.search,
        designees: (ids) => matchedDesigneesOf(this.screener.store).resolve(state, ids),
        restart: true,
        workers: this.workers,
        onReading: (reading) => (job.detected = { encoding: reading.encoding, delimiter: reading.delimiter }),
        onProgress: (done, total) => {
          job.done = done;
          job.total = total;
        },
      });
      Object.assign(job, { done: summary.read, matches: summary.matches, bad: summary.bad, warned: summary.warned, not_reached: summary.notReached });
      // The rows read before a break are screened and kept; the job says what it could not read.
      settleJob(job, summary, input);
      await this.screener.store.recordAudit({ actor: 'screening', action: 'screening.done', subject: `screening:${id}`, after: { status: job.status, rows: job.done, matches: job.matches, bad: job.bad, warned: job.warned, notReached: job.not_reached, versions: job.lists.map((l) => l.version) } });
    } catch (error) {
      job.status = 'failed';
      job.error = uploadMessage((error as Error).message, this.paths(id, job).input);
    } finally {
      job.finished_at = new Date().toISOString();
    }
  }

  /**
   * Delete the jobs finished longer ago than the retention time, their uploads and results, and
   * any job file older than that which no job of this process holds (a restart forgets its jobs,
   * not their files). A job queued or running is never deleted.
   */
  async expire(): Promise<string[]> {
    return expireJobs({ jobs: this.jobs, expired: this.expired, dir: this.dir, jobFile: JOB_FILE, retention: this.retention });
  }

  /** Wait for every submitted job to finish (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }
}
