import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { commitPublications, readPublications } from '../../service/load.js';
import { withStore } from '../context.js';
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
      // Every file is parsed before the store is opened: a bad one leaves the store untouched.
      const publications = await readPublications(paths, { dataset: options.dataset });
      const { summary, monitor } = await withStore(config, options, async (store) => {
        const summary = await commitPublications(store, publications);
        // A new current version reaches the monitored parties at once.
        const monitor = Object.values(summary.datasets).some((d) => d.created && d.current) ? await rescreenAfterLoad(store, config) : undefined;
        return { summary, monitor };
      });
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
