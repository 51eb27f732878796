import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import PgBoss from 'pg-boss';
import { NotFoundError } from '../core/errors.js';
import type { SearchOptions } from '../core/index/index.js';
import type { Store } from '../store/index.js';
import type { StoredJob } from '../store/batch-jobs.js';
import { DEFAULT_JOB_RETENTION, jobLists, readUploadBody, retentionNote, type JobRequest, type JobRetention, type JobService, type ScreeningJob } from './jobs.js';
import { outcomeHeader, outcomeLine } from './batch-file.js';
import { customerRows, inspectCustomerFile, readHeader, type FileFormat, type FileReading } from './customer-file.js';
import { DEFAULT_MAX_LIST_AGE_DAYS } from './list-ages.js';
import { screenRows, withDesignees, type ScreenOutcome, type ScreenRow } from './batch-rows.js';
import { matchedDesigneesOf } from './matched-designees.js';
import { ChunkScreener, catchUp, rescreen, toMonitorRun, type ChunkQueue, type MonitorChunk, type MonitorOptions, type MonitorRun } from './monitor.js';
import { Screener, type Screening } from './screener.js';
import { SHIPMENT_QUEUE, checkShipmentChunk, type ShipmentChunk } from './cluster-shipment-jobs.js';

/** The queue of chunks of batch screenings; any worker of the cluster takes them. */
export const CHUNK_QUEUE = 'interdict-screening-chunk';
/** The queue of chunks of re-screenings of the monitored parties. */
export const MONITOR_QUEUE = 'interdict-monitor-chunk';
/** Rows per chunk: small enough that a chunk lost with its worker costs little to redo. */
export const CHUNK_ROWS = 500;

export interface Chunk {
  job: string;
  from: number;
  to: number;
}

/**
 * The job queue on the cluster's PostgreSQL (pg-boss, in a schema of its own). A chunk whose
 * worker died (killed, cut off) expires after `expireInSeconds` and is taken again; retried
 * chunks write each row once (results are keyed by row).
 */
/** Codes of a connection PostgreSQL ended or refused (a restart, a failover): the queue reconnects by itself. */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/** Whether an unhandled rejection is the queue's own completion or failure of a job, lost with its connection. */
export function queueLostConnection(reason: unknown): boolean {
  const error = reason as { code?: unknown; message?: unknown; stack?: unknown } | null;
  if (!error || typeof error !== 'object') return false;
  const lost = CONNECTION_LOST.has(String(error.code)) || /Connection terminated/i.test(String(error.message));
  return lost && /[\\/]pg-boss[\\/]/.test(String(error.stack));
}

let survivingRestarts = false;

/**
 * pg-boss 10 leaves a job's completion and failure unawaited once its handler returns
 * (manager.js, `onFetch`): while PostgreSQL restarts, their rejection would end the process. A
 * connection lost there is a warning (the job, left active, expires and runs again: rows are
 * answered once by their number); any other unhandled rejection still ends the process.
 */
function surviveQueueRestarts(): void {
  if (survivingRestarts) return;
  survivingRestarts = true;
  process.on('unhandledRejection', (reason) => {
    if (queueLostConnection(reason)) {
      process.emitWarning(`job queue: a job's completion was lost with its connection (${(reason as Error).message}); the job runs again once it expires`);
      return;
    }
    throw reason;
  });
}

export async function startQueue(url: string, schema: string, options: { expireInSeconds?: number; maintenanceIntervalSeconds?: number } = {}): Promise<PgBoss> {
  surviveQueueRestarts();
  const boss = new PgBoss({ connectionString: url, schema: `${schema}_queue`, max: 4, maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 5, monitorStateIntervalSeconds: 60 });
  boss.on('error', (error) => process.emitWarning(`job queue: ${error.message}`));
  await boss.start();
  // Nodes starting together create the queue together, and PostgreSQL may answer one of them
  // with a deadlock: whoever fails looks again, and finds the queue another made.
  for (let attempt = 1; ; attempt++) {
    try {
      for (const name of [CHUNK_QUEUE, MONITOR_QUEUE, SHIPMENT_QUEUE]) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 20, retryDelay: 1, expireInSeconds: options.expireInSeconds ?? 30 });
      }
      return boss;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((wait) => setTimeout(wait, 100 + Math.random() * 400 * attempt));
    }
  }
}

/** Batch screenings shared by the nodes: any node takes an upload and answers for any job; workers screen the chunks. */
export class ClusterJobs implements JobService {
  constructor(private readonly store: Store, private readonly boss: PgBoss, private readonly maxAgeDays = DEFAULT_MAX_LIST_AGE_DAYS, private readonly retention: JobRetention = DEFAULT_JOB_RETENTION) {}

  async submit(request: JobRequest): Promise<ScreeningJob> {
    const id = `scr_${randomBytes(8).toString('hex')}`;
    const against = jobLists(await this.store.currentVersions(), request.search.dataset ?? 'default', this.maxAgeDays);
    const { rows, reading } = await readUpload(request);
    const status: JobReading = {
      detected: { encoding: reading.encoding, delimiter: reading.delimiter },
      lists: against.lists,
      warnings: against.warnings,
      warned: rows.filter((r) => !r.error && r.warnings?.length).length,
      not_reached: 0,
    };
    await this.store.screeningJobs.create({ id, inputFormat: request.inputFormat, outputFormat: request.outputFormat, search: { ...request.search }, reading: { ...status } }, rows);
    const chunks: Chunk[] = [];
    for (let from = 0; from < rows.length; from += CHUNK_ROWS) chunks.push({ job: id, from, to: Math.min(rows.length, from + CHUNK_ROWS) });
    if (chunks.length) await this.boss.insert(chunks.map((data) => ({ name: CHUNK_QUEUE, data })));
    else await this.store.screeningJobs.answer(id, []);
    return this.get(id);
  }

  async get(id: string): Promise<ScreeningJob> {
    const job = await this.store.screeningJobs.get(id);
    // A deleted job leaves no trace to tell it from one that never was: both are said. A batch of shipments is no customer file.
    if (!job || job.search.kind === 'shipments') throw new NotFoundError(`screening ${id}`, ` (or expired: ${retentionNote(this.retention)})`);
    return toApi(job);
  }

  expire(): Promise<string[]> {
    return expireClusterJobs(this.store, this.retention);
  }

  async results(id: string): Promise<{ format: FileFormat; stream: Readable }> {
    const job = await this.get(id);
    if (job.status !== 'done') throw new NotFoundError(`results of screening ${id}`, ` (it is ${job.status})`);
    const format = job.output_format;
    const store = this.store;
    async function* lines(): AsyncIterable<string> {
      if (format === 'csv') yield outcomeHeader();
      for await (const outcome of store.screeningJobs.results<ScreenOutcome>(id)) yield outcomeLine(outcome, format);
    }
    return { format, stream: Readable.from(lines()) };
  }
}

/** Delete the cluster's jobs finished longer ago than the retention time, with their rows and results (serve nodes and workers do, on a timer). */
export function expireClusterJobs(store: Store, retention: JobRetention): Promise<string[]> {
  return store.screeningJobs.expire(new Date(retention.now() - retention.ms));
}

/** What a cluster's job records at submission of how its upload was read and what it is screened against. */
type JobReading = Pick<ScreeningJob, 'detected' | 'lists' | 'warnings' | 'warned' | 'not_reached'>;

function toApi(job: StoredJob): ScreeningJob {
  const reading = (job.reading ?? {}) as Partial<JobReading>;
  return {
    id: job.id, status: job.status, input_format: job.inputFormat as FileFormat, output_format: job.outputFormat as FileFormat,
    created_at: job.createdAt, started_at: job.startedAt, finished_at: job.finishedAt, total: job.total, done: job.done, matches: job.matches, bad: job.bad,
    not_reached: reading.not_reached ?? 0, warned: reading.warned ?? 0, detected: reading.detected ?? null, lists: reading.lists ?? [], warnings: reading.warnings ?? [], error: job.error,
  };
}

/**
 * The upload's rows, read by the same readers as `interdict screen`, before the job is stored:
 * an upload that cannot be read to its end is refused, naming the last line read.
 */
async function readUpload(request: JobRequest): Promise<{ rows: ScreenRow[]; reading: FileReading }> {
  return readUploadBody(request.body, request.inputFormat, async (path) => {
    const reading = await inspectCustomerFile(path, request.inputFormat, request.read);
    await readHeader(path, reading, request.read);
    const rows: ScreenRow[] = [];
    for await (const row of customerRows(path, reading, request.read)) rows.push(row);
    return { rows, reading };
  });
}

/** Re-screenings' chunks go to the cluster's queue. */
export function monitorQueue(boss: PgBoss): ChunkQueue {
  return {
    enqueue: async (chunks) => {
      for (let i = 0; i < chunks.length; i += 100) await boss.insert(chunks.slice(i, i + 100).map((data) => ({ name: MONITOR_QUEUE, data })));
    },
  };
}

async function ready(screener: Screener): Promise<Screening> {
  while (!screener.current) await new Promise((wait) => setTimeout(wait, 200));
  return screener.current;
}

/**
 * A worker's loop: take chunks of batch screenings, of batches of shipments and of re-screenings,
 * screen or check them with the current index, record the answers. Returns a function that stops taking chunks.
 */
export async function workChunks(store: Store, boss: PgBoss, screener: Screener, log: (message: string) => void = () => {}, options: { monitorOnly?: boolean } = {}): Promise<() => Promise<void>> {
  const monitor = new ChunkScreener(store);
  const monitoring = await boss.work<MonitorChunk>(MONITOR_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    const chunk = job!.data;
    log(`taking parties chunk ${chunk.chunk} of ${chunk.run}`);
    await ready(screener);
    // A worker whose index lags the store's current versions catches up first (the notice may not have come yet).
    await screener.refresh();
    const outcome = await monitor.screen(chunk, screener.current!);
    log(`${outcome} parties chunk ${chunk.chunk} of ${chunk.run}`);
    // The run's last chunk: what became current meanwhile is screened next.
    if (outcome === 'completed') {
      const next = await catchUp(store, chunk.run, { screening: screener.current, queue: monitorQueue(boss) });
      if (next) log(`re-screening ${next.id || '(skipped)'} for what became current during ${chunk.run}`);
    }
  });
  if (options.monitorOnly) return () => boss.offWork({ id: monitoring });
  const id = await boss.work<Chunk>(CHUNK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    const chunk = job!.data;
    log(`taking rows ${chunk.from}-${chunk.to - 1} of ${chunk.job}`);
    const state = await ready(screener);
    const stored = await store.screeningJobs.get(chunk.job);
    if (!stored || stored.status === 'done' || stored.status === 'failed') return;
    const rows = await store.screeningJobs.rows<ScreenRow>(chunk.job, chunk.from, chunk.to);
    const outcomes = await withDesignees(screenRows(state.index, rows.map((r) => r.row), stored.search as SearchOptions), (ids) => matchedDesigneesOf(store).resolve(state, ids));
    await store.screeningJobs.answer(chunk.job, outcomes.map((outcome, i) => ({ seq: rows[i]!.seq, outcome, matched: outcome.match, bad: Boolean(outcome.error) })));
    log(`answered rows ${chunk.from}-${chunk.to - 1} of ${chunk.job}`);
  });
  const shipments = await boss.work<ShipmentChunk>(SHIPMENT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    const chunk = job!.data;
    log(`taking shipments ${chunk.from}-${chunk.to - 1} of ${chunk.job}`);
    if (await checkShipmentChunk(store, chunk, await ready(screener))) log(`answered shipments ${chunk.from}-${chunk.to - 1} of ${chunk.job}`);
  });
  return async () => {
    // By worker id (a string alone would name a queue).
    await boss.offWork({ id });
    await boss.offWork({ id: shipments });
    await boss.offWork({ id: monitoring });
  };
}

/**
 * A re-screening on the cluster, from a command: its chunks are queued for the workers, and this
 * process screens chunks too until the run completes (so that it completes without workers).
 */
export async function rescreenOnCluster(store: Store, url: string, schema: string, options: Omit<MonitorOptions, 'queue' | 'screening'> = {}): Promise<MonitorRun> {
  const boss = await startQueue(url, schema);
  try {
    const screener = new Screener(store);
    await screener.refresh();
    const run = await rescreen(store, { ...options, screening: screener.current, queue: monitorQueue(boss) });
    if (run.status !== 'running') return run;
    const stop = await workChunks(store, boss, screener, undefined, { monitorOnly: true });
    try {
      for (;;) {
        const stored = await store.monitoring.getRun(run.id);
        if (!stored || stored.status !== 'running') return stored ? toMonitorRun(stored) : run;
        await new Promise((wait) => setTimeout(wait, 250));
      }
    } finally {
      await stop();
    }
  } finally {
    await boss.stop({ graceful: true, wait: true });
  }
}
