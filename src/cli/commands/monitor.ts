import { createWriteStream } from 'node:fs';
import { userInfo } from 'node:os';
import { finished } from 'node:stream/promises';
import { InputError, InterdictError } from '../../core/errors.js';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { rescreenOnCluster } from '../../service/cluster-jobs.js';
import { rescreen, type MonitorOptions, type MonitorRun } from '../../service/monitor.js';
import { readIds, readParties } from '../../service/parties.js';
import { ALERT_STATUSES, type AlertStatus, type Decision } from '../../store/monitoring.js';
import type { Store } from '../../store/index.js';
import { withStore } from '../context.js';
import { printJson, printTable, type Io } from '../output.js';
import { parseCount, parseScore } from './options.js';

/** Who acts from the command line, for the audit trail: --actor, else INTERDICT_ACTOR, else the user. */
function actorOf(options: { actor?: string }): string {
  return options.actor ?? process.env.INTERDICT_ACTOR ?? `cli:${userInfo().username}`;
}

export function printRun(io: Io, run: MonitorRun, json?: boolean): void {
  if (json) return printJson(io, run);
  io.out.write(`re-screened (${run.mode}): ${run.partiesScreenedInFull} parties against every list, ${run.partiesScreenedAgainstChanges} against ${run.changedEntities} changed entities; `
    + `${run.alertsRaised} alerts raised, ${run.alertsUnchanged} unchanged, ${run.alertsSuppressed} suppressed (false positives), ${run.alertsClosed} closed (delisted) in ${(run.durationMs / 1000).toFixed(1)} s\n`);
}

/** Re-screen from a command: here on an embedded store; on a cluster, as queued chunks this process helps screen. */
export function rescreenHere(store: Store, config: Config, options: MonitorOptions = {}): Promise<MonitorRun> {
  return config.databaseUrl ? rescreenOnCluster(store, config.databaseUrl, config.pgSchema, options) : rescreen(store, options);
}

/** Re-screen after a list load when there are parties to watch (the caller prints what it did). */
export async function rescreenAfterLoad(store: Store, config: Config): Promise<MonitorRun | undefined> {
  if ((await store.monitoring.countParties()) === 0) return undefined;
  return rescreenHere(store, config);
}

export function registerMonitoring(program: Command, config: Config, io: Io): void {
  const parties = program.command('parties').description('monitored parties (customers): screened again whenever a list changes');
  parties
    .command('import')
    .description('add or update parties from a CSV (with an id column) or JSON lines file; edited parties are screened again in full')
    .argument('<file>', 'CSV or .jsonl file')
    .option('--db <dir>', 'embedded store folder')
    .option('--schema <schema>', 'schema of rows that do not say', 'Person')
    .option('--columns <spec>', 'property=column pairs, e.g. id=cust_no,name=full_name,birthDate=dob')
    .option('--sync', 'also remove the parties the file does not hold (the file is the whole list)')
    .option('--actor <name>', 'who imports, for the audit trail')
    .option('--json', 'print a JSON summary')
    .action(async (file: string, options: { db?: string; schema: string; columns?: string; sync?: boolean; actor?: string; json?: boolean }) => {
      const { parties: read, problems } = await readParties(file, options.schema, options.columns);
      for (const p of problems) io.err.write(`${file} line ${p.line}: ${p.error} (row skipped)\n`);
      await withStore(config, options, async (store) => {
        const result = await store.monitoring.upsertParties(read, actorOf(options));
        let removed: string[] = [];
        if (options.sync) {
          const keep = new Set(read.map((p) => p.id));
          const gone: string[] = [];
          for await (const party of store.monitoring.parties()) if (!keep.has(party.id)) gone.push(party.id);
          removed = await store.monitoring.removeParties(gone, actorOf(options));
        }
        const summary = { ...result, removed: removed.length, skipped: problems.length };
        if (options.json) printJson(io, summary);
        else io.out.write(`parties: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.skipped} rows skipped\n`);
      });
    });
  parties
    .command('list')
    .description('the monitored parties, in id order')
    .option('--db <dir>', 'embedded store folder')
    .option('--after <id>', 'start after this id')
    .option('--limit <n>', 'at most this many', parseCount(1_000_000), 100)
    .option('--json', 'as JSON')
    .action(async (options: { db?: string; after?: string; limit: number; json?: boolean }) => {
      await withStore(config, options, async (store) => {
        const list = await store.monitoring.listParties({ after: options.after, limit: options.limit });
        if (options.json) printJson(io, list);
        else printTable(io, ['id', 'schema', 'name', 'screened', 'updated'], list.map((p) => [p.id, p.schema, p.name, p.screenedHash === p.hash ? 'yes' : 'no', p.updatedAt]));
      });
    });
  parties
    .command('remove')
    .description('stop monitoring parties (their alerts are kept)')
    .argument('[ids...]', 'party ids')
    .option('--file <file>', 'a file of party ids, one per line')
    .option('--db <dir>', 'embedded store folder')
    .option('--actor <name>', 'who removes, for the audit trail')
    .action(async (ids: string[], options: { file?: string; db?: string; actor?: string }) => {
      const all = [...ids, ...(options.file ? await readIds(options.file) : [])];
      if (!all.length) throw new InputError('NO_INPUT', 'no party id given');
      await withStore(config, options, async (store) => {
        const removed = await store.monitoring.removeParties(all, actorOf(options));
        io.out.write(`removed ${removed.length} parties${removed.length < all.length ? ` (${all.length - removed.length} were not monitored)` : ''}\n`);
      });
    });

  program
    .command('monitor')
    .description('re-screen the parties now: against what changed in the lists since the last run, and new or edited parties against everything')
    .option('--db <dir>', 'embedded store folder')
    .option('--full', 'every party against every list, whatever changed')
    .option('--threshold <t>', 'alert at or above this score (default: the alert_threshold setting, else the match threshold)', parseScore)
    .option('--actor <name>', 'who runs it, for the audit trail')
    .option('--json', 'print a JSON summary')
    .action(async (options: { db?: string; full?: boolean; threshold?: number; actor?: string; json?: boolean }) => {
      await withStore(config, options, async (store) => printRun(io, await rescreenHere(store, config, { full: options.full, threshold: options.threshold, actor: actorOf(options) }), options.json));
    });

  const alerts = program
    .command('alerts')
    .description('alerts raised by monitoring; `alerts resolve` and `alerts confirm` decide them')
    .option('--db <dir>', 'embedded store folder')
    .option('--status <status>', `one of ${ALERT_STATUSES.join(', ')}`)
    .option('--dataset <name>', 'alerts on entities of this dataset')
    .option('--min-score <s>', 'alerts scoring at least this', parseScore)
    .option('--after <id>', 'alerts with ids above this', parseCount(Number.MAX_SAFE_INTEGER))
    .option('--limit <n>', 'at most this many', parseCount(10_000), 100)
    .option('--json', 'as JSON')
    .action(async (options: { db?: string; status?: string; dataset?: string; minScore?: number; after?: number; limit: number; json?: boolean }) => {
      if (options.status && !ALERT_STATUSES.includes(options.status as AlertStatus)) throw new InputError('INVALID_STATUS', `--status must be one of ${ALERT_STATUSES.join(', ')}`);
      await withStore(config, options, async (store) => {
        const list = await store.monitoring.listAlerts({ status: options.status as AlertStatus | undefined, dataset: options.dataset, minScore: options.minScore, after: options.after, limit: options.limit });
        if (options.json) printJson(io, list);
        else printTable(io, ['id', 'status', 'score', 'party', 'entity', 'caption', 'version', 'raised'], list.map((a) => [a.id, a.status, a.score, a.partyId, a.entityId, a.caption, a.versionId, a.createdAt]));
      });
    });
  alerts
    .command('resolve')
    .description('decide an open alert; with the four_eyes setting on, a true match waits for a second analyst')
    .argument('<id>', 'alert id', parseCount(Number.MAX_SAFE_INTEGER))
    .requiredOption('--decision <decision>', 'true_match or false_positive')
    .requiredOption('--note <text>', 'why')
    .option('--db <dir>', 'embedded store folder')
    .option('--actor <name>', 'who decides, for the audit trail')
    .action(async (id: number, options: { decision: string; note: string; db?: string; actor?: string }) => {
      if (options.decision !== 'true_match' && options.decision !== 'false_positive') throw new InputError('INVALID_DECISION', '--decision must be true_match or false_positive');
      if (!options.note.trim()) throw new InputError('NO_NOTE', '--note must say why');
      await withStore(config, { db: options.db ?? alerts.opts<{ db?: string }>().db }, async (store) => {
        const alert = await store.monitoring.decideAlert(id, options.decision as Decision, options.note, actorOf(options));
        io.out.write(`alert ${alert.id}: ${alert.status}${alert.status === 'confirming' ? ' (a second analyst must confirm: interdict alerts confirm)' : ''}\n`);
      });
    });
  alerts
    .command('confirm')
    .description('confirm another analyst\'s true-match decision (four eyes)')
    .argument('<id>', 'alert id', parseCount(Number.MAX_SAFE_INTEGER))
    .option('--note <text>', 'a note of the confirmation')
    .option('--db <dir>', 'embedded store folder')
    .option('--actor <name>', 'who confirms, for the audit trail')
    .action(async (id: number, options: { note?: string; db?: string; actor?: string }) => {
      await withStore(config, { db: options.db ?? alerts.opts<{ db?: string }>().db }, async (store) => {
        const alert = await store.monitoring.confirmAlert(id, actorOf(options), options.note);
        io.out.write(`alert ${alert.id}: ${alert.status}, confirmed by ${alert.confirmedBy}\n`);
      });
    });

  const audit = program.command('audit').description('the audit trail: every decision, list load, key and setting change, hash-chained');
  audit
    .command('verify')
    .description('recompute the chain; names the first broken link, if any, and exits 2')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const check = await withStore(config, options, (store) => store.verifyAudit());
      if (options.json) printJson(io, check);
      else if (check.ok) io.out.write(`audit trail intact: ${check.entries} entries\n`);
      if (!check.ok) throw new InterdictError('AUDIT_BROKEN', `audit trail broken at entry ${check.broken!.seq}: ${check.broken!.reason}`);
    });
  audit
    .command('export')
    .description('write the trail as JSON lines')
    .option('--db <dir>', 'embedded store folder')
    .option('--after <seq>', 'entries after this sequence number', parseCount(Number.MAX_SAFE_INTEGER), 0)
    .option('--output <file>', 'write here instead of standard output')
    .action(async (options: { db?: string; after: number; output?: string }) => {
      const out = options.output ? createWriteStream(options.output) : io.out;
      await withStore(config, options, async (store) => {
        for await (const entry of store.audit(options.after)) {
          if (!out.write(`${JSON.stringify(entry)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
      });
      if (options.output) {
        out.end();
        await finished(out);
      }
    });

  const settings = program.command('settings').description('run-time settings (four_eyes, alert_threshold), audited');
  settings
    .command('set')
    .argument('<key>', 'four_eyes (true or false) or alert_threshold (0 to 1)')
    .argument('<value>', 'the value')
    .option('--db <dir>', 'embedded store folder')
    .option('--actor <name>', 'who changes it, for the audit trail')
    .action(async (key: string, value: string, options: { db?: string; actor?: string }) => {
      const parsed = parseSetting(key, value);
      await withStore(config, options, (store) => store.monitoring.setSetting(key, parsed, actorOf(options)));
      io.out.write(`${key} = ${JSON.stringify(parsed)}\n`);
    });
  settings
    .command('list')
    .option('--db <dir>', 'embedded store folder')
    .action(async (options: { db?: string }) => {
      await withStore(config, options, async (store) => {
        for (const key of SETTINGS) io.out.write(`${key} = ${JSON.stringify((await store.monitoring.getSetting(key)) ?? null)}\n`);
      });
    });
}

const SETTINGS = ['four_eyes', 'alert_threshold'] as const;

/** A setting's value from the command line, checked. */
export function parseSetting(key: string, value: string): boolean | number {
  if (key === 'four_eyes') {
    if (value !== 'true' && value !== 'false') throw new InputError('INVALID_SETTING', 'four_eyes is true or false');
    return value === 'true';
  }
  if (key === 'alert_threshold') {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InputError('INVALID_SETTING', 'alert_threshold is a number from 0 to 1');
    return n;
  }
  throw new InputError('UNKNOWN_SETTING', `unknown setting "${key}" (${SETTINGS.join(', ')})`);
}
