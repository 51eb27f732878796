import type { Command } from 'commander';
import { createServer } from '../../api/server.js';
import type { Config } from '../../config.js';
import { ServerRuntime } from '../../service/server-runtime.js';
import { openStore } from '../../store/index.js';
import { localDir, openOptions, storeLocation } from '../context.js';
import { parseCount } from './options.js';
import type { Io } from '../output.js';

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
      const host = options.host;
      // Other commands of this machine (versions, load, keys, parties) share the embedded store
      // through this server while it runs; a change they commit is picked up at once.
      let onCommit = (): void => {};
      const store = await openStore(location, { ...openOptions(config, io, { command: 'serve', create: true }), share: true, onRemoteCommit: () => onCommit() });
      const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host);
      const runtime = await ServerRuntime.create(store, { config, dir: localDir(location), loopback, updateEvery: options.updateEvery, updateFrom: options.updateFrom });
      const { screener, keys, jobs, shipmentJobs, monitorQueue, auditAnchor } = runtime;
      const app = createServer(store, { logLevel: config.logLevel, screener, keys, rateLimit: config.rateLimit, jobs, shipmentJobs, monitorQueue, maxListAgeDays: config.maxListAgeDays, requestDeadlineMs: config.requestDeadlineSeconds * 1000, maxRemovedShare: config.maxRemovedShare, prettyLogs: Boolean((io.out as NodeJS.WriteStream).isTTY), auditAnchor, updateFrom: options.updateFrom, onListsChanged: () => runtime.refresh() });
      // Without a key, on this machine's address, the API is open (to this machine only); on
      // another address it refuses every request until a key is created.
      if (!(await keys.active())) {
        app.log.warn(loopback
          ? 'no API key exists: serving without access control, to this machine only; create one with "interdict keys create --role admin"'
          : `no API key exists: serving on ${host} with access control on, so every request is refused until a key is created ("interdict keys create --role admin")`);
      }
      const shutdown = async (): Promise<void> => {
        await app.close();
        await runtime.close();
        await store.close();
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      await app.listen({ port: Number(options.port), host });
      // The index is built after the server listens: /readyz answers 503 until it is ready.
      runtime.start(app.log);
      onCommit = () => runtime.storeChanged();
      await new Promise<void>((done) => app.server.once('close', () => done()));
    });
}
