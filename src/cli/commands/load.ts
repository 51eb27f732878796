import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { commitPublications, readPublications } from '../../service/load.js';
import { cliActor, rescreenPlace, withStore } from '../context.js';
import { printRun } from './monitor.js';
import { rescreenAfterListChange } from '../../service/rescreening.js';
import { printJson, printTable, type Io } from '../output.js';
import { createProgress } from '../progress.js';
import type { Publication } from '../../sources/index.js';

export function registerLoad(program: Command, config: Config, io: Io): void {
  program
    .command('load')
    .description('load list files (or folders holding an OFAC CSV set) into the store, each as a new version')
    .argument('<paths...>', 'list files or OFAC CSV folders')
    .option('--db <dir>', 'embedded store folder')
    .option('--dataset <name>', 'dataset name for FtM input or an OFAC XML that is not the SDN list')
    .option('--force', 'take a version that removes more than INTERDICT_MAX_REMOVED_SHARE (10%) of its dataset, or comes in another format, as it is')
    .option('--json', 'print a JSON summary')
    .action(async (paths: string[], options: { db?: string; dataset?: string; force?: boolean; json?: boolean }) => {
      const progress = createProgress(io);
      // Every file is parsed before the store is opened: a bad one leaves the store untouched.
      // One file at a time, so that the terminal shows which one is being parsed.
      const publications: Publication[] = [];
      try {
        progress.stage('parsing', paths.length, 'files');
        for (const [done, path] of paths.entries()) {
          progress.update(done, path);
          publications.push(...(await readPublications([path], { dataset: options.dataset })));
        }
        progress.update(paths.length);
      } finally {
        progress.stop();
      }
      const { summary, monitor } = await withStore(config, io, options, { command: 'load', create: true }, async (store) => {
        try {
          progress.stage(`committing ${publications.map((p) => p.dataset).join(', ')}`);
          const summary = await commitPublications(store, publications, { actor: cliActor({}), force: options.force, maxRemovedShare: config.maxRemovedShare });
          // A new current version reaches the monitored parties at once.
          const changed = Object.values(summary.datasets).some((d) => d.created && d.current);
          if (changed) progress.stage('re-screening the monitored parties');
          const monitor = changed ? await rescreenAfterListChange(store, rescreenPlace(config)) : undefined;
          return { summary, monitor };
        } finally {
          progress.stop();
        }
      });
      // What a load lacked (an incomplete OFAC set, records skipped) is said, JSON or not.
      for (const [name, d] of Object.entries(summary.datasets)) for (const warning of d.warnings ?? []) io.err.write(`interdict: warning: ${name}: ${warning}\n`);
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
