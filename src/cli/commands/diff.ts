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
    .option('--json', 'print {"added": [...], "removed": [...], "changed": [...], "captions": {id: name}, "changed_properties": {id: [...]}}')
    .action(async (oldPath: string, newPath: string, options: { dataset?: string; json?: boolean }) => {
      const diff = await diffPaths(oldPath, newPath, { dataset: options.dataset });
      if (options.json) {
        printJson(io, { added: diff.added, removed: diff.removed, changed: diff.changed, captions: diff.captions, changed_properties: diff.changed_properties });
        return;
      }
      io.out.write(`${diff.dataset}: ${diff.old.source} (${diff.old.published ?? 'undated'}, ${diff.old.entities} entities) -> ${diff.new.source} (${diff.new.published ?? 'undated'}, ${diff.new.entities} entities)\n`);
      io.out.write(`added ${diff.added.length}, removed ${diff.removed.length}, changed ${diff.changed.length}\n`);
      // One line an entity: its id first (for scripts that cut it), then its name, and for a changed one what changed.
      for (const [sign, ids] of [['+', diff.added], ['-', diff.removed], ['~', diff.changed]] as const) {
        for (const id of ids) {
          const caption = diff.captions[id];
          const changed = diff.changed_properties[id];
          io.out.write(`${sign} ${id}${caption !== undefined ? `  ${caption}` : ''}${changed?.length ? ` (changed: ${changed.join(', ')})` : ''}\n`);
        }
      }
    });
}
