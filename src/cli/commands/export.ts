import { once } from 'node:events';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { toFtmLines } from '../../service/export.js';
import { withStore } from '../context.js';
import type { Io } from '../output.js';
import { createProgress } from '../progress.js';

export function registerExport(program: Command, config: Config, io: Io): void {
  program
    .command('export')
    .description('print the current versions as FollowTheMoney JSON lines (designations as Sanction entities)')
    .option('--db <dir>', 'embedded store folder')
    .option('--dataset <name>', 'only this dataset')
    .option('--collection <name>', 'only this collection (default, sanctions, dprk)')
    .action(async (options: { db?: string; dataset?: string; collection?: string }) => {
      await withStore(config, io, options, { command: 'export' }, async (store) => {
        const progress = createProgress(io, { besideOutput: true });
        try {
          progress.stage('exporting', undefined, 'entities');
          let written = 0;
          for await (const entity of store.entities({ dataset: options.dataset, collection: options.collection })) {
            for (const line of toFtmLines(entity)) {
              if (!io.out.write(`${JSON.stringify(line)}\n`)) await once(io.out, 'drain');
            }
            progress.update(++written);
          }
        } finally {
          progress.stop();
        }
      });
    });
}
