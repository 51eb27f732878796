import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { NotFoundError } from '../core/errors.js';
import type { SearchOptions } from '../core/index/index.js';
import type { FileFormat } from './screen-input.js';
import { screenFile } from './screen.js';
import type { Screener } from './screening.js';

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
  error: string | null;
}

export interface JobRequest {
  body: string;
  inputFormat: FileFormat;
  outputFormat: FileFormat;
  search: SearchOptions;
  columns?: string;
  schema: string;
}

/** Batch screenings over HTTP: on this node (files), or shared by a cluster (PostgreSQL and its job queue). */
export interface JobService {
  submit(request: JobRequest): Promise<ScreeningJob>;
  get(id: string): Promise<ScreeningJob>;
  /** The results of a finished job, in input order. */
  results(id: string): Promise<{ format: FileFormat; stream: Readable }>;
}

/**
 * Batch screenings submitted over HTTP, run one at a time on this node's worker threads, with
 * their uploads and results kept as files under `dir`. (Jobs shared by a cluster of nodes come
 * with the job queue on PostgreSQL.)
 */
export class ScreeningJobs implements JobService {
  private readonly jobs = new Map<string, { job: ScreeningJob; request: Omit<JobRequest, 'body'> }>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string, private readonly screener: Screener, private readonly workers?: number) {}

  private paths(id: string, job: Pick<ScreeningJob, 'input_format' | 'output_format'>): { input: string; output: string } {
    return { input: join(this.dir, `${id}.input.${job.input_format}`), output: join(this.dir, `${id}.results.${job.output_format}`) };
  }

  async submit(request: JobRequest): Promise<ScreeningJob> {
    mkdirSync(this.dir, { recursive: true });
    const id = `scr_${randomBytes(8).toString('hex')}`;
    const job: ScreeningJob = { id, status: 'queued', input_format: request.inputFormat, output_format: request.outputFormat, created_at: new Date().toISOString(), started_at: null, finished_at: null, total: 0, done: 0, matches: 0, bad: 0, error: null };
    writeFileSync(this.paths(id, job).input, request.body);
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
    if (!entry) throw new NotFoundError(`screening ${id}`);
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
      job.status = 'running';
      job.started_at = new Date().toISOString();
      const { input, output } = this.paths(id, job);
      const summary = await screenFile({
        input,
        output,
        index: this.screener.current.index,
        search: request.search,
        columns: request.columns,
        schema: request.schema,
        restart: true,
        workers: this.workers,
        onProgress: (done, total) => {
          job.done = done;
          job.total = total;
        },
      });
      Object.assign(job, { status: 'done', done: summary.screened + summary.bad, matches: summary.matches, bad: summary.bad });
      job.total = Math.max(job.total, job.done);
    } catch (error) {
      job.status = 'failed';
      job.error = (error as Error).message;
    } finally {
      job.finished_at = new Date().toISOString();
    }
  }

  /** Wait for every submitted job to finish (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }
}
