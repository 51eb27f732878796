import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InterdictError } from '../../core/errors.js';
import { DEFAULT_UPDATE, UPDATE_SOURCES, updateDatasets } from '../../service/update.js';
import { withStore } from '../context.js';
import { printRun, rescreenAfterLoad } from './monitor.js';
import { printJson, printTable, type Io } from '../output.js';
import { parseCount } from './options.js';

export function registerUpdate(program: Command, config: Config, io: Io): void {
  program
    .command('update')
    .description(`download the current lists from their publishers and load them (default: ${DEFAULT_UPDATE.join(', ')}); a failed or partial download changes nothing`)
    .option('--dataset <name...>', `datasets to update: ${Object.keys(UPDATE_SOURCES).join(', ')}`)
    .option('--from <dir|url>', 'a mirror (folder or base URL) holding the files under their names (consolidated.xml, sdn.csv, add.csv, alt.csv...)')
    .option('--timeout <seconds>', 'per request', parseCount(3600), 120)
    .option('--retries <n>', 'attempts after the first, for network errors, 5xx and broken-off downloads', (v: string) => Number(v), 3)
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'print a JSON summary')
    .action(async (options: { dataset?: string[]; from?: string; timeout: number; retries: number; db?: string; json?: boolean }) => {
      await withStore(config, options, async (store) => {
        const results = await updateDatasets(store, {
          datasets: options.dataset,
          from: options.from,
          timeoutMs: options.timeout * 1000,
          retries: Number.isInteger(options.retries) && options.retries >= 0 ? options.retries : 3,
          log: (message) => io.err.write(`interdict: ${message}\n`),
        });
        // A new current version reaches the monitored parties at once.
        const monitor = results.some((r) => r.ok && r.load.created && r.load.current) ? await rescreenAfterLoad(store, config) : undefined;
        if (options.json) printJson(io, { datasets: Object.fromEntries(results.map((r) => [r.dataset, r.ok ? { ok: true, ...r.load } : { ok: false, error: r.error }])), ...(monitor ? { monitor } : {}) });
        else {
          printTable(io, ['dataset', 'result', 'version', 'entities', 'added', 'removed', 'changed'], results.map((r) => r.ok
            ? [r.dataset, !r.load.created ? 'unchanged' : r.load.current ? 'new version' : 'older: kept, not current', r.load.version, r.load.entities, r.load.added, r.load.removed, r.load.changed]
            : [r.dataset, `FAILED: ${r.error}`, null, null, null, null, null]));
          if (monitor) printRun(io, monitor);
        }
        const failed = results.filter((r) => !r.ok);
        if (failed.length) throw new InterdictError('UPDATE_FAILED', `${failed.map((r) => r.dataset).join(', ')} not updated; the current versions are unchanged`, 502);
      });
    });
}
