import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { loadIntoStore } from '../../service/load.js';
import { storeLocation, withStore } from '../context.js';
import { printRun, rescreenAfterLoad } from './monitor.js';
import { printJson, printTable, type Io } from '../output.js';

export function registerLoad(program: Command, config: Config, io: Io): void {
  program
    .command('load')
    .description('load list files (or folders holding an OFAC CSV set) into the store, each as a new version')
    .argument('<paths...>', 'list files or OFAC CSV folders')
    .option('--db <dir>', 'embedded store folder')
    .option('--dataset <name>', 'dataset name for FtM input or an OFAC XML that is not the SDN list')
    .option('--json', 'print a JSON summary')
    .action(async (paths: string[], options: { db?: string; dataset?: string; json?: boolean }) => {
      const summary = await loadIntoStore(storeLocation(config, options), paths, { dataset: options.dataset });
      // A new current version reaches the monitored parties at once.
      const monitor = Object.values(summary.datasets).some((d) => d.created && d.current) ? await withStore(config, options, (store) => rescreenAfterLoad(store)) : undefined;
      if (options.json) {
        printJson(io, monitor ? { ...summary, monitor } : summary);
        return;
      }
      printTable(io, ['dataset', 'version', 'published', 'entities', 'added', 'removed', 'changed', 'note'],
        Object.entries(summary.datasets).map(([name, d]) => [name, d.version, d.published, d.entities, d.added, d.removed, d.changed,
          !d.created ? 'already stored' : !d.current ? 'older than the current version: kept, not made current' : '']));
      if (monitor) printRun(io, monitor);
    });
}
