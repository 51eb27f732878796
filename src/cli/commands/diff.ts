import type { Command } from 'commander';
import { diffPaths } from '../../service/diff.js';
import { printJson, type Io } from '../output.js';

export function registerDiff(program: Command, io: Io): void {
  program
    .command('diff')
    .description('compare two publications of the same list (files or OFAC CSV folders); no store needed')
    .argument('<old>', 'the older publication')
    .argument('<new>', 'the newer publication')
    .option('--dataset <name>', 'dataset name for FtM input')
    .option('--json', 'print {"added": [...], "removed": [...], "changed": [...]}')
    .action(async (oldPath: string, newPath: string, options: { dataset?: string; json?: boolean }) => {
      const diff = await diffPaths(oldPath, newPath, { dataset: options.dataset });
      if (options.json) {
        printJson(io, { added: diff.added, removed: diff.removed, changed: diff.changed });
        return;
      }
      io.out.write(`${diff.dataset}: ${diff.old.source} (${diff.old.published ?? 'undated'}, ${diff.old.entities} entities) -> ${diff.new.source} (${diff.new.published ?? 'undated'}, ${diff.new.entities} entities)\n`);
      io.out.write(`added ${diff.added.length}, removed ${diff.removed.length}, changed ${diff.changed.length}\n`);
      for (const [sign, ids] of [['+', diff.added], ['-', diff.removed], ['~', diff.changed]] as const) {
        for (const id of ids) io.out.write(`${sign} ${id}\n`);
      }
    });
}
