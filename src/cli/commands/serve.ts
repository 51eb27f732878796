import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createServer } from '../../api/server.js';
import type { Config } from '../../config.js';
import { ClusterJobs, monitorQueue, startQueue } from '../../service/cluster-jobs.js';
import { ScreeningJobs, jobRetention, scheduleJobExpiry } from '../../service/jobs.js';
import { watchVersions } from '../../service/version-watch.js';
import { KeyRing } from '../../service/keys.js';
import { Screener } from '../../service/screening.js';
import { rescreen } from '../../service/monitor.js';
import { updateDatasets } from '../../service/update.js';
import { writeCheckpoint } from '../../service/audit-anchor.js';
import { openStore } from '../../store/index.js';
import { localDir, openOptions, storeLocation } from '../context.js';
import { parseCount } from './options.js';
import type { Io } from '../output.js';

/** How often a server looks for new list versions (a cheap query) and swaps its index when there are. */
const REFRESH_INTERVAL_MS = 30_000;

export function registerServe(program: Command, config: Config, io: Io): void {
  program
    .command('serve')
    .description('serve the HTTP API on the store')
    .option('--db <dir>', 'embedded store folder')
    .option('--port <port>', 'port', '8000')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--update-every <minutes>', 'download and load the lists from their publishers this often (off by default)', parseCount(7 * 24 * 60))
    .option('--update-from <dir|url>', 'a mirror for the scheduled updates')
    .action(async (options: { db?: string; port: string; host: string; updateEvery?: number; updateFrom?: string }) => {
      const location = storeLocation(config, options);
      // Other commands of this machine (versions, load, keys, parties) share the embedded store
      // through this server while it runs; a change they commit is picked up at once.
      let changed = (): void => {};
      const store = await openStore(location, { ...openOptions(config, io, { command: 'serve', create: true }), share: true, onRemoteCommit: () => changed() });
      const dir = localDir(location);
      const screener = new Screener(store, dir);
      // Served on another machine's address, access control is on from the start, key or no key.
      const loopback = ['127.0.0.1', 'localhost', '::1'].includes(options.host);
      const keys = new KeyRing(store, undefined, { locked: !loopback });
      // Uploaded customer files and their results live beside the embedded store, or in the temporary folder.
      const jobsDir = dir ? join(dir, 'screenings') : join(tmpdir(), `interdict-screenings-${process.pid}`);
      // In cluster mode (PostgreSQL), batch screenings go to the job queue that every worker takes from.
      const boss = config.databaseUrl ? await startQueue(config.databaseUrl, config.pgSchema) : undefined;
      const retention = jobRetention(config.jobRetentionHours);
      const jobs = boss ? new ClusterJobs(store, boss, config.maxListAgeDays, retention) : new ScreeningJobs(jobsDir, screener, undefined, config.maxListAgeDays, retention);
      // Uploads and results are customers' data: deleted once kept their time (never while queued or running).
      const expiry = scheduleJobExpiry(() => jobs.expire(), (error, ids) => (error ? app.log.error({ err: error }, 'expired screenings could not be deleted; trying again later') : app.log.info({ jobs: ids }, 'expired screenings deleted')));
      // Re-screenings too: their chunks go to the workers.
      const monitorChunks = boss ? monitorQueue(boss) : undefined;
      const anchor = config.auditAnchor.file ? { file: config.auditAnchor.file, key: config.auditAnchor.key } : undefined;
      const app = createServer(store, { logLevel: config.logLevel, screener, keys, rateLimit: config.rateLimit, jobs, monitorQueue: monitorChunks, maxListAgeDays: config.maxListAgeDays, requestDeadlineMs: config.requestDeadlineSeconds * 1000, maxRemovedShare: config.maxRemovedShare, prettyLogs: Boolean((io.out as NodeJS.WriteStream).isTTY), auditAnchor: anchor, updateFrom: options.updateFrom, onListsChanged: () => refresh() });
      // Without a key, on this machine's address, the API is open (to this machine only); on
      // another address it refuses every request until a key is created.
      const host = options.host;
      if (!(await keys.active())) {
        app.log.warn(loopback
          ? 'no API key exists: serving without access control, to this machine only; create one with "interdict keys create --role admin"'
          : `no API key exists: serving on ${host} with access control on, so every request is refused until a key is created ("interdict keys create --role admin")`);
      }
      // The index is built after the server listens: /readyz answers 503 until it is ready.
      const refresh = (): void => {
        const started = performance.now();
        screener.refresh().then(
          (swapped) => {
            if (!swapped) return;
            app.log.info({ entities: screener.current?.index.size, ms: Math.round(performance.now() - started) }, 'screening index ready');
            monitor();
          },
          (error: unknown) => app.log.error({ err: error }, 'screening index could not be built'),
        );
      };
      // New list versions reach the monitored parties: one re-screening at a time, with the new index.
      let monitoring = Promise.resolve();
      const monitor = (): void => {
        monitoring = monitoring.then(async () => {
          const state = screener.current;
          if (!state || (await store.monitoring.countParties()) === 0) return;
          const run = await rescreen(store, { screening: state, queue: monitorChunks });
          app.log.info(run, run.status === 'running' ? 're-screening of monitored parties queued for the workers' : 're-screening of monitored parties');
        }).catch((error: unknown) => app.log.error({ err: error }, 're-screening failed; it runs again at the next list change or on POST /monitor/run'));
      };
      // Nodes sharing a PostgreSQL hear of a new version at once (and poll besides).
      const unwatch = config.databaseUrl ? watchVersions(config.databaseUrl, refresh, (message) => app.log.warn(message)) : undefined;
      const timer = setInterval(refresh, REFRESH_INTERVAL_MS);
      timer.unref();
      // Scheduled list updates: one at a time; the index follows at the next refresh.
      let updating = false;
      const update = async (): Promise<void> => {
        if (updating) return;
        updating = true;
        try {
          for (const result of await updateDatasets(store, { from: options.updateFrom, log: (message) => app.log.warn(message), actor: 'serve (scheduled update)', maxRemovedShare: config.maxRemovedShare })) {
            if (result.ok) app.log.info({ dataset: result.dataset, version: result.load.version, created: result.load.created, added: result.load.added, removed: result.load.removed, changed: result.load.changed }, 'list update');
            else app.log.error({ dataset: result.dataset, error: result.error }, 'list update failed; the current version stays');
          }
          refresh();
        } finally {
          updating = false;
        }
      };
      const updates = options.updateEvery ? setInterval(() => void update(), options.updateEvery * 60_000) : undefined;
      updates?.unref();
      // The audit chain's head, anchored outside the database at start and on a schedule; a failure is logged, never fatal.
      const checkpoint = (): void => {
        if (!anchor) return;
        writeCheckpoint(store, anchor).then(
          (c) => app.log.info({ file: anchor.file, seq: c.seq, entries: c.entries, signed: Boolean(c.hmac) }, 'audit checkpoint written'),
          (error: unknown) => app.log.error({ err: error, file: anchor.file }, 'audit checkpoint could not be written'),
        );
      };
      const checkpoints = anchor ? setInterval(checkpoint, config.auditAnchor.minutes * 60_000) : undefined;
      checkpoints?.unref();
      const shutdown = async (): Promise<void> => {
        clearInterval(timer);
        if (updates) clearInterval(updates);
        if (checkpoints) clearInterval(checkpoints);
        clearInterval(expiry);
        await app.close();
        await unwatch?.();
        await boss?.stop({ graceful: true });
        await store.close();
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      await app.listen({ port: Number(options.port), host });
      changed = (): void => {
        refresh();
        void keys.refresh().catch((error: unknown) => app.log.error({ err: error }, 'API keys could not be read'));
      };
      refresh();
      checkpoint();
      await new Promise<void>((done) => app.server.once('close', () => done()));
    });
}
