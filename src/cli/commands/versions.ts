import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { withStore } from '../context.js';
import { printJson, printTable, type Io } from '../output.js';

export function registerVersions(program: Command, config: Config, io: Io): void {
  program
    .command('versions')
    .description('list the stored versions of every dataset; * marks the current ones')
    .option('--db <dir>', 'embedded store folder')
    .option('--dataset <name>', 'only this dataset')
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; dataset?: string; json?: boolean }) => {
      const versions = await withStore(config, io, options, { command: 'versions' }, (store) => store.listVersions(options.dataset));
      if (options.json) {
        printJson(io, { versions });
        return;
      }
      if (versions.length === 0) {
        io.out.write('no versions stored yet: run `interdict load FILE...`\n');
        return;
      }
      printTable(io, ['', 'dataset', 'version', 'published', 'entities', 'loaded at', 'source'],
        versions.map((v) => [v.current ? '*' : '', v.dataset, v.id, v.published, v.entityCount, v.loadedAt, v.source]));
    });
}
