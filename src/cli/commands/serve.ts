import type { Command } from 'commander';
import { createServer } from '../../api/server.js';
import type { Config } from '../../config.js';
import { openStore } from '../../store/index.js';
import { storeLocation } from '../context.js';

export function registerServe(program: Command, config: Config): void {
  program
    .command('serve')
    .description('serve the HTTP API on the store')
    .option('--db <dir>', 'embedded store folder')
    .option('--port <port>', 'port', '8000')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (options: { db?: string; port: string; host: string }) => {
      const store = await openStore(storeLocation(config, options));
      const app = createServer(store, { logLevel: config.logLevel });
      const shutdown = async (): Promise<void> => {
        await app.close();
        await store.close();
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      await app.listen({ port: Number(options.port), host: options.host });
      await new Promise<void>((done) => app.server.once('close', () => done()));
    });
}
