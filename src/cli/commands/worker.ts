import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import { expireClusterJobs, startQueue, workChunks } from '../../service/cluster-jobs.js';
import { jobRetention, scheduleJobExpiry } from '../../service/jobs.js';
import { Screener } from '../../service/screener.js';
import { watchVersions } from '../../service/version-watch.js';
import { openStore } from '../../store/index.js';
import type { Io } from '../output.js';

/** How often a worker checks for new list versions besides the notices. */
const REFRESH_INTERVAL_MS = 30_000;

export function registerWorker(program: Command, config: Config, io: Io): void {
  program
    .command('worker')
    .description('cluster mode (DATABASE_URL): take chunks of batch screenings and re-screenings from the job queue on PostgreSQL, with an index that follows new list versions')
    .action(async () => {
      if (!config.databaseUrl) throw new InputError('NO_DATABASE', 'interdict worker needs DATABASE_URL: workers share a PostgreSQL with the serve nodes');
      const store = await openStore({ kind: 'postgres', url: config.databaseUrl, schema: config.pgSchema });
      const screener = new Screener(store);
      const log = (message: string): void => void io.err.write(`interdict worker ${process.pid}: ${message}\n`);
      const refresh = (): void => {
        screener.refresh().then((swapped) => swapped && log(`index ready: ${screener.current?.index.size} entities`), (error: unknown) => log(`index could not be built: ${(error as Error).message}`));
      };
      const unwatch = watchVersions(config.databaseUrl, refresh, log);
      const timer = setInterval(refresh, REFRESH_INTERVAL_MS);
      timer.unref();
      const boss = await startQueue(config.databaseUrl, config.pgSchema);
      const stop = await workChunks(store, boss, screener, config.logLevel === 'debug' || config.logLevel === 'trace' ? log : undefined);
      log('taking screening chunks');
      // Finished screenings past their retention time are deleted by whichever node or worker comes first.
      const retention = jobRetention(config.jobRetentionHours);
      const expiry = scheduleJobExpiry(() => expireClusterJobs(store, retention), (error, ids) => log(error ? `expired screenings could not be deleted: ${(error as Error).message}` : `deleted ${ids?.length ?? 0} expired screening(s)`));
      await new Promise<void>((done) => {
        const shutdown = (): void => {
          clearInterval(timer);
          clearInterval(expiry);
          void stop().then(() => boss.stop({ graceful: true })).then(unwatch).then(() => store.close()).finally(done);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
    });
}
