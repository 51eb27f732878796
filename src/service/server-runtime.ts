import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import { writeCheckpoint, type AuditAnchor } from './audit-anchor.js';
import { ClusterJobs, monitorQueue, startQueue } from './cluster-jobs.js';
import { ScreeningJobs, jobRetention, scheduleJobExpiry, type JobService } from './jobs.js';
import { ShipmentJobs, type ShipmentJobService } from './shipment-jobs.js';
import { ClusterShipmentJobs } from './cluster-shipment-jobs.js';
import { KeyRing } from './api-keys.js';
import type { ChunkQueue } from './monitor.js';
import { rescreenAfterListChange } from './rescreening.js';
import { matchedDesigneesOf } from './matched-designees.js';
import { Screener } from './screener.js';
import { updateDatasets } from './update.js';
import { watchVersions } from './version-watch.js';

/** The most records a server links all at once for a new index (about a minute of a worker thread for 24,000 records). */
export const LINK_ALL_RECORDS = 200_000;

/** How often a server looks for new list versions (a cheap query) and swaps its index when there are. */
export const REFRESH_INTERVAL_MS = 30_000;

/** Where the runtime reports what it did: a pino logger (Fastify's) fits. */
export interface RuntimeLog {
  info(details: object, message: string): void;
  warn(message: string): void;
  error(details: object, message: string): void;
}

export interface ServerRuntimeOptions {
  /** The configuration (cluster database, retention, audit anchor, list ages). */
  config: Pick<Config, 'databaseUrl' | 'pgSchema' | 'maxListAgeDays' | 'jobRetentionHours' | 'maxRemovedShare' | 'auditAnchor'>;
  /** The embedded store's folder: the index snapshot and the uploaded customer files live beside it. */
  dir?: string;
  /** Whether the server answers on this machine's address only: API keys are then optional until one exists. */
  loopback: boolean;
  /** Download and load the lists from their publishers this often (minutes); off when absent. */
  updateEvery?: number;
  /** A mirror (folder or base URL) for the scheduled updates and POST /updatez. */
  updateFrom?: string;
}

/**
 * What a server runs besides answering requests: the screening index kept current with the
 * store (refreshed on a timer, at a cluster peer's notice, after a route or another command
 * loaded a list), the monitored parties re-screened once per new index (one run at a time),
 * scheduled list updates, batch jobs and their expiry, the cluster's job queue, audit
 * checkpoints, and an orderly stop. `interdict serve` wires it to the HTTP API; a test can start
 * it in-process on any store.
 */
export class ServerRuntime {
  readonly screener: Screener;
  readonly keys: KeyRing;
  readonly jobs: JobService;
  /** Batches of shipments, on this node (not yet shared by a cluster's nodes: absent in cluster mode). */
  readonly shipmentJobs: ShipmentJobService;
  /** In cluster mode, where re-screenings' chunks go; else they are screened in this process. */
  readonly monitorQueue: ChunkQueue | undefined;
  readonly auditAnchor: AuditAnchor | undefined;
  private log: RuntimeLog = { info: () => {}, warn: () => {}, error: () => {} };
  private monitoring: Promise<void> = Promise.resolve();
  private refreshing: Promise<void> = Promise.resolve();
  private updating: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private checkpointing: Promise<void> = Promise.resolve();
  private unwatch: (() => Promise<void>) | undefined;
  private started = false;
  private closed = false;
  private linking: Promise<void> = Promise.resolve();
  /** Stops what runs in worker threads (linking every record) when the server closes. */
  private readonly stopping = new AbortController();

  private constructor(
    readonly store: Store,
    private readonly options: ServerRuntimeOptions,
    private readonly boss: PgBoss | undefined,
  ) {
    const { config, dir } = options;
    this.screener = new Screener(store, dir);
    // Served on another machine's address, access control is on from the start, key or no key.
    this.keys = new KeyRing(store, undefined, { locked: !options.loopback });
    const retention = jobRetention(config.jobRetentionHours);
    // Uploaded customer files and their results live beside the embedded store, or in the temporary folder.
    const jobsDir = dir ? join(dir, 'screenings') : join(tmpdir(), `interdict-screenings-${process.pid}`);
    this.jobs = boss ? new ClusterJobs(store, boss, config.maxListAgeDays, retention) : new ScreeningJobs(jobsDir, this.screener, undefined, config.maxListAgeDays, retention);
    this.shipmentJobs = boss ? new ClusterShipmentJobs(store, boss, config.maxListAgeDays, retention) : new ShipmentJobs(join(dir ?? tmpdir(), dir ? 'shipment-screenings' : `interdict-shipment-screenings-${process.pid}`), this.screener, config.maxListAgeDays, retention);
    this.monitorQueue = boss ? monitorQueue(boss) : undefined;
    this.auditAnchor = config.auditAnchor.file ? { file: config.auditAnchor.file, key: config.auditAnchor.key } : undefined;
  }

  /** A runtime on `store`; in cluster mode (a database URL) it joins the job queue at once. */
  static async create(store: Store, options: ServerRuntimeOptions): Promise<ServerRuntime> {
    const { config } = options;
    const boss = config.databaseUrl ? await startQueue(config.databaseUrl, config.pgSchema) : undefined;
    return new ServerRuntime(store, options, boss);
  }

  /**
   * Start the background work, reporting to `log`: the first index build (the server answers
   * /readyz with 503 until it is ready), the refresh timer, a cluster peer's notices, scheduled
   * updates, job expiry and audit checkpoints.
   */
  start(log: RuntimeLog): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.log = log;
    const { config, updateEvery } = this.options;
    // Uploads and results are customers' data: deleted once kept their time (never while queued or running).
    this.timers.push(scheduleJobExpiry(() => this.jobs.expire(), (error, ids) => (error ? log.error({ err: error }, 'expired screenings could not be deleted; trying again later') : log.info({ jobs: ids }, 'expired screenings deleted'))));
    // On a cluster, the shared job tables' expiry above deletes batches of shipments too.
    const shipmentJobs = this.shipmentJobs;
    if (!this.boss) this.timers.push(scheduleJobExpiry(() => shipmentJobs.expire(), (error, ids) => (error ? log.error({ err: error }, 'expired shipment screenings could not be deleted; trying again later') : log.info({ jobs: ids }, 'expired shipment screenings deleted'))));
    // Nodes sharing a PostgreSQL hear of a new version at once (and poll besides).
    if (config.databaseUrl) this.unwatch = watchVersions(config.databaseUrl, () => this.refresh(), (message) => log.warn(message));
    this.every(REFRESH_INTERVAL_MS, () => this.refresh());
    if (updateEvery) this.every(updateEvery * 60_000, () => void this.update());
    if (this.auditAnchor) this.every(config.auditAnchor.minutes * 60_000, () => this.checkpoint());
    this.refresh();
    this.checkpoint();
  }

  /**
   * Look for new list versions and, when there are, build the index aside, swap it in and
   * re-screen the monitored parties with it. Safe to call at any time and as often as wanted.
   */
  refresh(): void {
    if (this.closed) return;
    const started = performance.now();
    this.refreshing = this.refreshing.then(() => this.screener.refresh()).then(
      (swapped) => {
        if (!swapped) return;
        this.log.info({ entities: this.screener.current?.index.size, ms: Math.round(performance.now() - started) }, 'screening index ready');
        this.linkAll();
        this.rescreen();
      },
      (error: unknown) => this.log.error({ err: error }, 'screening index could not be built'),
    );
  }

  /** Another process of this machine committed to the shared store: lists or API keys may have changed. */
  storeChanged(): void {
    if (this.closed) return;
    this.refresh();
    void this.keys.refresh().catch((error: unknown) => this.log.error({ err: error }, 'API keys could not be read'));
  }

  /**
   * Download and load the lists from their publishers (or the mirror): one update at a time; the
   * index follows. Never rejects: what failed is logged, and the current versions stay.
   */
  update(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.updating ??= this.runUpdate()
      .catch((error: unknown) => this.log.error({ err: error }, 'list update failed; the current versions stay'))
      .finally(() => {
        this.updating = undefined;
      });
    return this.updating;
  }

  /** Resolves once the linking of every record of the newest index has ended (or failed, which is logged). */
  async designeesLinked(): Promise<void> {
    await this.settled();
    await this.linking;
  }

  /** Resolves once the refreshes and re-screenings asked for so far have ended (or failed, which is logged). */
  async settled(): Promise<void> {
    for (;;) {
      const refreshing = this.refreshing;
      const monitoring = this.monitoring;
      await refreshing;
      await monitoring;
      if (refreshing === this.refreshing && monitoring === this.monitoring) return;
    }
  }

  /**
   * Stop: no refresh, update or checkpoint starts any more; the timers and the cluster's notices
   * end; the update, re-screening and checkpoint under way are let finish (they write to the
   * store, which a re-screening would otherwise leave leased), an index being built is not
   * waited for (it writes nothing but its snapshot); then the queue stops. The store stays open:
   * its opener closes it.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopping.abort();
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.allSettled([this.unwatch?.(), this.updating, this.monitoring, this.checkpointing]);
    await this.boss?.stop({ graceful: true });
  }

  /**
   * Every record of the new index linked into designees, its link queries in a worker thread:
   * a designee, a result grouped by designee or a re-screening's alert then needs no linking of
   * its own (until then, and after an analyst's decision, each record is linked when asked).
   * Up to LINK_ALL_RECORDS records: beyond, linking them all would hold a thread for long.
   */
  private linkAll(): void {
    const screening = this.screener.current;
    if (!screening || this.closed || !screening.versions.length || screening.entities.size > LINK_ALL_RECORDS) return;
    const started = performance.now();
    this.linking = matchedDesigneesOf(this.store).linkAll(screening, this.stopping.signal).then(
      () => this.log.info({ records: screening.entities.size, ms: Math.round(performance.now() - started) }, 'records linked into designees'),
      (error: unknown) => {
        if (!this.closed) this.log.error({ err: error }, 'records could not be linked into designees; each is linked when asked');
      },
    );
  }

  /** New list versions reach the monitored parties: one re-screening at a time, with the new index. */
  private rescreen(): void {
    this.monitoring = this.monitoring.then(async () => {
      const screening = this.screener.current;
      if (!screening || this.closed) return;
      const run = await rescreenAfterListChange(this.store, { screening, queue: this.monitorQueue });
      if (run) this.log.info(run, run.status === 'running' ? 're-screening of monitored parties queued for the workers' : 're-screening of monitored parties');
    }).catch((error: unknown) => this.log.error({ err: error }, 're-screening failed; it runs again at the next list change or on POST /monitor/run'));
  }

  private async runUpdate(): Promise<void> {
    const results = await updateDatasets(this.store, { from: this.options.updateFrom, log: (message) => this.log.warn(message), actor: 'serve (scheduled update)', maxRemovedShare: this.options.config.maxRemovedShare });
    for (const result of results) {
      if (result.ok) this.log.info({ dataset: result.dataset, version: result.load.version, created: result.load.created, added: result.load.added, removed: result.load.removed, changed: result.load.changed }, 'list update');
      else this.log.error({ dataset: result.dataset, error: result.error }, 'list update failed; the current version stays');
    }
    this.refresh();
  }

  /** The audit chain's head, anchored outside the database; a failure is logged, never fatal. */
  private checkpoint(): void {
    const anchor = this.auditAnchor;
    if (!anchor || this.closed) return;
    this.checkpointing = writeCheckpoint(this.store, anchor).then(
      (c) => this.log.info({ file: anchor.file, seq: c.seq, entries: c.entries, signed: Boolean(c.hmac) }, 'audit checkpoint written'),
      (error: unknown) => this.log.error({ err: error, file: anchor.file }, 'audit checkpoint could not be written'),
    );
  }

  private every(ms: number, work: () => void): void {
    const timer = setInterval(work, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
