import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import { DEFAULT_UPDATE, UPDATE_SOURCES, updateDatasets } from '../../service/update.js';
import { cliActor, rescreenPlace, withStore } from '../context.js';
import { printRun } from './monitor.js';
import { rescreenAfterListChange } from '../../service/rescreening.js';
import { printJson, printTable, type Io } from '../output.js';
import { createProgress } from '../progress.js';
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
    .option('--force', 'take a download that removes more than INTERDICT_MAX_REMOVED_SHARE (10%) of its dataset, or comes in another format, as it is')
    .option('--json', 'print a JSON summary')
    .action(async (options: { dataset?: string[]; from?: string; timeout: number; retries: number; db?: string; force?: boolean; json?: boolean }) => {
      await withStore(config, io, options, { command: 'update', create: true }, async (store) => {
        const progress = createProgress(io);
        let results: Awaited<ReturnType<typeof updateDatasets>>;
        let monitor: Awaited<ReturnType<typeof rescreenAfterListChange>> | undefined;
        try {
          // The service tells nothing of its stages: one line, with the time spent, for the whole download and load.
          progress.stage(`downloading and loading ${(options.dataset?.length ? options.dataset : DEFAULT_UPDATE).join(', ')}`);
          results = await updateDatasets(store, {
            datasets: options.dataset,
            from: options.from,
            timeoutMs: options.timeout * 1000,
            retries: Number.isInteger(options.retries) && options.retries >= 0 ? options.retries : 3,
            log: (message) => progress.note(`interdict: ${message}`),
            actor: cliActor({}),
            force: options.force,
            maxRemovedShare: config.maxRemovedShare,
          });
          // A new current version reaches the monitored parties at once.
          const changed = results.some((r) => r.ok && r.load.created && r.load.current);
          if (changed) progress.stage('re-screening the monitored parties');
          monitor = changed ? await rescreenAfterListChange(store, rescreenPlace(config)) : undefined;
        } finally {
          progress.stop();
        }
        for (const r of results) if (r.ok) for (const warning of r.load.warnings ?? []) io.err.write(`interdict: warning: ${r.dataset}: ${warning}\n`);
        if (options.json) printJson(io, { datasets: Object.fromEntries(results.map((r) => [r.dataset, r.ok ? { ok: true, ...r.load } : { ok: false, error: r.error }])), ...(monitor ? { monitor } : {}) });
        else {
          printTable(io, ['dataset', 'result', 'version', 'entities', 'added', 'removed', 'changed'], results.map((r) => r.ok
            ? [r.dataset, !r.load.created ? 'unchanged' : r.load.current ? 'new version' : 'older: kept, not current', r.load.version, r.load.entities, r.load.added, r.load.removed, r.load.changed]
            : [r.dataset, `FAILED: ${r.error}`, null, null, null, null, null]));
          if (monitor) printRun(io, monitor);
        }
        const failed = results.filter((r) => !r.ok);
        if (failed.length) throw new InputError('UPDATE_FAILED', `${failed.map((r) => r.dataset).join(', ')} not updated; the current versions are unchanged`);
      });
    });
}
