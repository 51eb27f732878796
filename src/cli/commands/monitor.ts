import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { InputError, InterdictError } from '../../core/errors.js';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import type { MonitorRun } from '../../service/monitor.js';
import { rescreenAt } from '../../service/rescreening.js';
import { onboardParties, type Onboarding } from '../../service/onboarding.js';
import { readIds, readParties } from '../../service/parties.js';
import { ALERT_STATUSES, type AlertStatus, type Decision } from '../../store/monitoring.js';
import type { Store } from '../../store/index.js';
import { checkLists, cliActor, cliUser, refuseOtherActor, rescreenPlace, withStore } from '../context.js';
import { KeyRing, keyActor, roleAllows } from '../../service/api-keys.js';
import { printJson, printTable, type Io } from '../output.js';
import { SETTING_KEYS, checkSetting } from '../../core/monitor-settings.js';
import { parseCount, parseDateOrder, parseScore } from './options.js';
import type { DateOrder } from '../../core/query/index.js';
import { DEFAULT_ROW_SCHEMA, describeReading } from '../../service/customer-file.js';
import { describeAnchor, describeAuditFailure, verifyAnchored, writeCheckpoint, type AuditCheck } from '../../service/audit-anchor.js';

/**
 * Who decides an alert from the command line: the operating-system user, or the analyst whose
 * API key is given with --key. Never a name typed with --actor: the four-eyes rule counts people.
 */
async function decider(store: Store, options: { key?: string; actor?: string }): Promise<string> {
  let identity = cliUser();
  if (options.key) {
    const key = await new KeyRing(store, 0).find(options.key);
    if (!key) throw new InputError('UNKNOWN_KEY', '--key: unknown or revoked API key');
    if (!roleAllows(key.role, 'analyst')) throw new InputError('FORBIDDEN', `--key: deciding alerts needs the analyst role; the key has the ${key.role} role`);
    identity = keyActor(key);
  }
  refuseOtherActor(options, identity);
  return identity;
}

export function printRun(io: Io, run: MonitorRun, json?: boolean): void {
  if (json) return printJson(io, run);
  io.out.write(`re-screened (${run.mode}): ${run.partiesScreenedInFull} parties against every list, ${run.partiesScreenedAgainstChanges} against ${run.changedEntities} changed entities; `
    + `${run.alertsRaised} alerts raised, ${run.alertsUnchanged} unchanged, ${run.alertsSuppressed} suppressed (false positives), ${run.alertsClosed} closed (delisted) in ${(run.durationMs / 1000).toFixed(1)} s\n`);
}

/** What screening an import did: the run, and the alerts it raised on the imported parties. */
function printOnboarding(io: Io, result: Onboarding): void {
  if (result.notScreened === 'no_lists') io.out.write('not screened: no list is loaded; the parties are screened at the first load\n');
  if (result.notScreened === 'busy') io.out.write('not screened yet: another re-screening is under way and screens them before it ends; see "interdict alerts"\n');
  if (!result.screening) return;
  printRun(io, result.screening);
  if (!result.alerts.length) return;
  io.out.write(`${result.alertsRaised} alert(s) on the imported parties${(result.alertsRaised ?? 0) > result.alerts.length ? ` (the first ${result.alerts.length})` : ''}:\n`);
  printTable(io, ['alert', 'party', 'name', 'entity', 'score', 'lists'], result.alerts.map((a) => [a.id, a.partyId, a.partyName ?? '', a.caption, a.score.toFixed(2), a.datasets.join(' ')]));
}

export function registerMonitoring(program: Command, config: Config, io: Io): void {
  const parties = program.command('parties').description('monitored parties (customers): screened again whenever a list changes');
  parties
    .command('import')
    .description('add or update parties from a CSV (with an id column) or JSON lines file, and screen the new and edited ones at once against every list (--no-screen: at the next run)')
    .argument('<file>', 'CSV or .jsonl file')
    .option('--db <dir>', 'embedded store folder')
    .option('--schema <schema>', 'schema of rows that do not say (default LegalEntity: matched against people and organizations alike); a schema given is checked against each row\'s data')
    .option('--columns <spec>', 'property=column pairs, e.g. id=cust_no,name=full_name,birthDate=dob')
    .option('--encoding <name>', 'the file\'s character encoding (default: detected: UTF-8 with or without BOM, UTF-16, else Windows-1252)')
    .option('--delimiter <char>', 'the CSV delimiter: , ; | or tab (default: detected)')
    .option('--date-format <order>', 'DMY or MDY: the order of day and month in dates like 08/01/1984 (else only unambiguous ones are read in full)', parseDateOrder)
    .option('--sync', 'also remove the parties the file does not hold (the file is the whole list)')
    .option('--no-screen', 'store the parties only: they are screened at the next run (a list change or `interdict monitor`)')
    .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
    .option('--json', 'print a JSON summary')
    .action(async (file: string, options: { db?: string; schema?: string; columns?: string; encoding?: string; delimiter?: string; dateFormat?: DateOrder; sync?: boolean; screen: boolean; actor?: string; json?: boolean }) => {
      const { parties: read, problems, warnings, reading } = await readParties(file, {
        schema: options.schema ?? DEFAULT_ROW_SCHEMA, schemaStated: options.schema !== undefined, columns: options.columns, encoding: options.encoding, delimiter: options.delimiter, dateOrder: options.dateFormat,
      });
      io.err.write(`interdict: ${file}: ${describeReading(reading)}\n`);
      for (const p of problems) io.err.write(`interdict: ${file} line ${p.line}${p.id ? ` (id ${p.id})` : ''}: ${p.error}; row skipped\n`);
      for (const w of warnings) io.err.write(`interdict: ${file} line ${w.line} (id ${w.id}): warning: ${w.warnings.join('; ')}\n`);
      await withStore(config, io, options, { command: 'parties import', create: true }, async (store) => {
        const result = await onboardParties(store, read, { actor: cliActor(options), screen: options.screen, place: rescreenPlace(config), sync: options.sync ? { unreadRows: problems.length } : undefined });
        if (result.syncRefused) io.err.write(`interdict: --sync: ${problems.length} row(s) could not be read, so no party was removed; fix them and import again\n`);
        const summary = { ...result, removed: result.removed ?? 0, skipped: problems.length, warned: warnings.length, encoding: reading.encoding, delimiter: reading.delimiter };
        if (options.json) return printJson(io, summary);
        io.out.write(`parties: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.skipped} rows skipped, ${summary.warned} with warnings\n`);
        printOnboarding(io, result);
      });
      if (problems.length) throw new InputError('BAD_ROWS', `${problems.length} row(s) of ${file} were not imported (reported above)`);
    });
  parties
    .command('list')
    .description('the monitored parties, in id order')
    .option('--db <dir>', 'embedded store folder')
    .option('--after <id>', 'start after this id')
    .option('--limit <n>', 'at most this many', parseCount(1_000_000), 100)
    .option('--json', 'as JSON')
    .action(async (options: { db?: string; after?: string; limit: number; json?: boolean }) => {
      await withStore(config, io, options, { command: 'parties list' }, async (store) => {
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
    .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
    .action(async (ids: string[], options: { file?: string; db?: string; actor?: string }) => {
      const all = [...ids, ...(options.file ? await readIds(options.file) : [])];
      if (!all.length) throw new InputError('NO_INPUT', 'no party id given');
      await withStore(config, io, options, { command: 'parties remove' }, async (store) => {
        const removed = await store.monitoring.removeParties(all, cliActor(options));
        io.out.write(`removed ${removed.length} parties${removed.length < all.length ? ` (${all.length - removed.length} were not monitored)` : ''}\n`);
      });
    });

  program
    .command('monitor')
    .description('re-screen the parties now: against what changed in the lists since the last run, and new or edited parties against everything')
    .option('--db <dir>', 'embedded store folder')
    .option('--full', 'every party against every list, whatever changed')
    .option('--threshold <t>', 'alert at or above this score (default: the alert_threshold setting, else the match threshold)', parseScore)
    .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
    .option('--allow-empty', 're-screen even when no list is loaded (every party then comes out clear)')
    .option('--json', 'print a JSON summary')
    .action(async (options: { db?: string; full?: boolean; threshold?: number; actor?: string; allowEmpty?: boolean; json?: boolean }) => {
      await withStore(config, io, options, { command: 'monitor' }, async (store) => {
        await checkLists(store, config, io, 'default', options.allowEmpty);
        printRun(io, await rescreenAt(store, rescreenPlace(config), { full: options.full, threshold: options.threshold, actor: cliActor(options) }), options.json);
      });
    });

  const alerts = program
    .command('alerts')
    .description('alerts raised by monitoring; `alerts resolve` and `alerts confirm` decide them')
    .option('--db <dir>', 'embedded store folder')
    .option('--status <status>', `one of ${ALERT_STATUSES.join(', ')}`)
    .option('--dataset <name>', 'alerts on designees this dataset lists')
    .option('--min-score <s>', 'alerts scoring at least this', parseScore)
    .option('--after <id>', 'alerts with ids above this', parseCount(Number.MAX_SAFE_INTEGER))
    .option('--limit <n>', 'at most this many', parseCount(10_000), 100)
    .option('--json', 'as JSON')
    .action(async (options: { db?: string; status?: string; dataset?: string; minScore?: number; after?: number; limit: number; json?: boolean }) => {
      if (options.status && !ALERT_STATUSES.includes(options.status as AlertStatus)) throw new InputError('INVALID_STATUS', `--status must be one of ${ALERT_STATUSES.join(', ')}`);
      await withStore(config, io, options, { command: 'alerts' }, async (store) => {
        const list = await store.monitoring.listAlerts({ status: options.status as AlertStatus | undefined, dataset: options.dataset, minScore: options.minScore, after: options.after, limit: options.limit });
        if (options.json) printJson(io, list);
        // entity: the designee's best-scoring record; members: every record of it, on the lists named.
        else printTable(io, ['id', 'status', 'score', 'party', 'entity', 'caption', 'version', 'raised', 'lists', 'members'], list.map((a) => [a.id, a.status, a.score, a.partyId, a.entityId, a.caption, a.versionId, a.createdAt, a.datasets.join(' '), a.members.join(' ')]));
      });
    });
  alerts
    .command('resolve')
    .description('decide an open alert; with the four_eyes setting on, a true match waits for a second analyst')
    .argument('<id>', 'alert id', parseCount(Number.MAX_SAFE_INTEGER))
    .requiredOption('--decision <decision>', 'true_match or false_positive')
    .requiredOption('--note <text>', 'why')
    .option('--db <dir>', 'embedded store folder')
    .option('--key <key>', 'decide as the analyst holding this API key (else as the operating-system user)')
    .option('--actor <name>', 'refused unless it names who decides: decisions are recorded under the user or --key')
    .action(async (id: number, options: { decision: string; note: string; db?: string; key?: string; actor?: string }) => {
      if (options.decision !== 'true_match' && options.decision !== 'false_positive') throw new InputError('INVALID_DECISION', '--decision must be true_match or false_positive');
      if (!options.note.trim()) throw new InputError('NO_NOTE', '--note must say why');
      await withStore(config, io, { db: options.db ?? alerts.opts<{ db?: string }>().db }, { command: 'alerts resolve' }, async (store) => {
        const alert = await store.monitoring.decideAlert(id, options.decision as Decision, options.note, await decider(store, options));
        io.out.write(`alert ${alert.id}: ${alert.status}${alert.status === 'confirming' ? ' (a second analyst must confirm: interdict alerts confirm)' : ''}\n`);
      });
    });
  alerts
    .command('confirm')
    .description('confirm another analyst\'s true-match decision (four eyes)')
    .argument('<id>', 'alert id', parseCount(Number.MAX_SAFE_INTEGER))
    .option('--note <text>', 'a note of the confirmation')
    .option('--db <dir>', 'embedded store folder')
    .option('--key <key>', 'confirm as the analyst holding this API key (else as the operating-system user)')
    .option('--actor <name>', 'refused unless it names who confirms: confirmations are recorded under the user or --key')
    .action(async (id: number, options: { note?: string; db?: string; key?: string; actor?: string }) => {
      await withStore(config, io, { db: options.db ?? alerts.opts<{ db?: string }>().db }, { command: 'alerts confirm' }, async (store) => {
        const alert = await store.monitoring.confirmAlert(id, await decider(store, options), options.note);
        io.out.write(`alert ${alert.id}: ${alert.status}, confirmed by ${alert.confirmedBy}\n`);
      });
    });

  const audit = program.command('audit').description('the audit trail: every decision, list load, key and setting change, hash-chained');
  audit
    .command('verify')
    .description('recompute the chain and check it against the checkpoints of the anchor file (INTERDICT_AUDIT_ANCHOR or --anchor); names the first broken link or checkpoint, if any, and exits 2')
    .option('--db <dir>', 'embedded store folder')
    .option('--anchor <file>', 'the anchor file of checkpoints (default: INTERDICT_AUDIT_ANCHOR)')
    .option('--json', 'as JSON')
    .action(async (options: { db?: string; anchor?: string; json?: boolean }) => {
      const file = options.anchor ?? config.auditAnchor.file;
      const check: AuditCheck = await withStore(config, io, options, { command: 'audit verify' }, (store) => (file ? verifyAnchored(store, { file, key: config.auditAnchor.key }) : store.verifyAudit()));
      if (options.json) printJson(io, check);
      else if (check.ok) io.out.write(`audit trail intact: ${check.entries} entries${check.anchor ? `; ${describeAnchor(check.anchor)}` : ''}\n`);
      // Alone, the chain holds against edits only by those who cannot recompute its hashes: the database's own role can.
      if (!file) io.err.write('interdict: note: the trail is not anchored (set INTERDICT_AUDIT_ANCHOR or give --anchor): a rewrite by the database\'s role with the hashes recomputed, or its newest entries deleted, would pass\n');
      const failure = describeAuditFailure(check);
      // 409: what the command found, not a failure around it (exit 2).
      if (failure) throw new InterdictError('AUDIT_BROKEN', failure, 409);
    });
  audit
    .command('checkpoint')
    .description('append the chain\'s head (its newest entry\'s number and hash, and the count) to the anchor file, signed when INTERDICT_AUDIT_ANCHOR_KEY is set; refused when the newest checkpoint there no longer holds')
    .option('--db <dir>', 'embedded store folder')
    .option('--anchor <file>', 'the anchor file to append to (default: INTERDICT_AUDIT_ANCHOR)')
    .option('--json', 'print the checkpoint as JSON')
    .action(async (options: { db?: string; anchor?: string; json?: boolean }) => {
      const file = options.anchor ?? config.auditAnchor.file;
      if (!file) throw new InputError('NO_ANCHOR', 'no anchor file: give --anchor FILE, or set INTERDICT_AUDIT_ANCHOR to a file the database\'s role cannot write (another user\'s, another host\'s, an append-only log); set INTERDICT_AUDIT_ANCHOR_KEY to sign the checkpoints');
      if (!config.auditAnchor.key) io.err.write('interdict: warning: INTERDICT_AUDIT_ANCHOR_KEY is not set: the checkpoint carries no HMAC, so whoever can write the anchor file can forge checkpoints\n');
      const checkpoint = await withStore(config, io, options, { command: 'audit checkpoint' }, (store) => writeCheckpoint(store, { file, key: config.auditAnchor.key }));
      if (options.json) printJson(io, checkpoint);
      else io.out.write(`checkpoint: entry ${checkpoint.seq} (${checkpoint.entries} entries, hash ${checkpoint.hash.slice(0, 12)}…)${checkpoint.hmac ? ', signed,' : ''} appended to ${file}\n`);
    });
  audit
    .command('export')
    .description('write the trail as JSON lines')
    .option('--db <dir>', 'embedded store folder')
    .option('--after <seq>', 'entries after this sequence number', parseCount(Number.MAX_SAFE_INTEGER), 0)
    .option('--output <file>', 'write here instead of standard output')
    .action(async (options: { db?: string; after: number; output?: string }) => {
      const out = options.output ? createWriteStream(options.output) : io.out;
      await withStore(config, io, options, { command: 'audit export' }, async (store) => {
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
    .argument('<key>', 'four_eyes (true or false), four_eyes_clear_score (0 to 1: with four_eyes on, clearing an alert scoring this or more needs a second analyst; default 0.9) or alert_threshold (0 to 1)')
    .argument('<value>', 'the value')
    .option('--db <dir>', 'embedded store folder')
    .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
    .action(async (key: string, value: string, options: { db?: string; actor?: string }) => {
      const parsed = parseSetting(key, value);
      await withStore(config, io, options, { command: 'settings set', create: true }, (store) => store.monitoring.setSetting(key, parsed, cliActor(options)));
      io.out.write(`${key} = ${JSON.stringify(parsed)}\n`);
    });
  settings
    .command('list')
    .option('--db <dir>', 'embedded store folder')
    .action(async (options: { db?: string }) => {
      await withStore(config, io, options, { command: 'settings list' }, async (store) => {
        for (const key of SETTING_KEYS) io.out.write(`${key} = ${JSON.stringify((await store.monitoring.getSetting(key)) ?? null)}\n`);
      });
    });
}

/** A setting's value from the command line (true/false, or a number), checked by the settings' one rule. */
export function parseSetting(key: string, value: string): boolean | number {
  const text = value.trim();
  const parsed = text === 'true' ? true : text === 'false' ? false : text === '' ? Number.NaN : Number(text);
  checkSetting(key, parsed);
  return parsed;
}
