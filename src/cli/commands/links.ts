import { stringify } from 'csv-stringify/sync';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InterdictError } from '../../core/errors.js';
import { LINK_AT, REVIEW_AT } from '../../core/linking.js';
import type { GapReport } from '../../core/gaps.js';
import { currentDesignees, decideLink, gapReport, linkingStateOf, pairDecisions, type LinkingState } from '../../service/designees.js';
import { datedGapReport, linkingStateAt } from '../../service/gap-report.js';
import { NO_LISTS_DETAIL } from '../../service/list-ages.js';
import { loadIndex } from '../../service/screener.js';
import type { Store } from '../../store/index.js';
import { cliActor, localDir, withStore } from '../context.js';
import { printJson, printTable, type Io } from '../output.js';
import { parseScore } from './options.js';

/** The current lists' records, their index (the snapshot's when it is current) and versions. */
async function linkingState(store: Store, dir: string | undefined): Promise<LinkingState> {
  if (!(await store.currentVersions()).length) throw new InterdictError('NO_LISTS', NO_LISTS_DETAIL, 503);
  return linkingStateOf(store, (await loadIndex(store, dir)).index);
}

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function registerLinks(program: Command, config: Config, io: Io): void {
  const links = program
    .command('links')
    .description('records of one designee across lists (and within one), linked from their names, dates, countries, identifiers and regimes, with the evidence')
    .option('--db <dir>', 'embedded store folder')
    .option('--dataset <name>', 'link the records of these datasets only (repeat, or comma-separated)', list)
    .option('--min-confidence <c>', `show designees whose weakest link is at least this (links are made at ${LINK_AT}; pairs from ${REVIEW_AT} are shown for review)`, parseScore)
    .option('--json', 'as JSON: {"designees": [...], "review": [...]}')
    .action(async (options: { db?: string; dataset?: string[]; minConfidence?: number; json?: boolean }) => {
      await withStore(config, io, options, { command: 'links' }, async (store, location) => {
        const decisions = pairDecisions(await store.linkDecisions.linkDecisions());
        const { designees, review } = currentDesignees(await linkingState(store, localDir(location)), { datasets: options.dataset, decisions });
        const shown = designees.filter((d) => d.members.length > 1 && d.confidence >= (options.minConfidence ?? 0));
        if (options.json) return printJson(io, { designees: shown, review });
        printTable(io, ['designee', 'confidence', 'lists', 'members'], shown.map((d) => [d.id, d.confidence.toFixed(3), d.datasets.join(' '), d.members.join(' ')]));
        io.out.write(`${shown.length} designee(s) on more than one record; ${review.length} pair(s) for review${review.length ? ':' : ''}\n`);
        for (const link of review) io.out.write(`  ${link.ids.join(' ~ ')} ${link.confidence.toFixed(3)}: ${link.evidence.map((e) => e.detail).join('; ')}\n`);
      });
    });

  for (const [name, decision, what] of [['confirm', 'same', 'one designee: linked whatever linking finds'], ['split', 'different', 'not one designee: never linked directly']] as const) {
    links
      .command(name)
      .description(`record that two records are ${what} (audited, kept across list versions)`)
      .argument('<a>', 'a record id')
      .argument('<b>', 'another record id')
      .requiredOption('--note <text>', 'why (kept in the audit trail)')
      .option('--db <dir>', 'embedded store folder')
      .option('--actor <name>', 'on whose behalf, recorded beside the user in the audit trail')
      .action(async (a: string, b: string, options: { note: string; db?: string; actor?: string }) => {
        // --db given before the subcommand's name belongs to `links`: either place is taken.
        await withStore(config, io, { db: options.db ?? links.opts<{ db?: string }>().db }, { command: `links ${name}` }, async (store) => {
          const decided = await decideLink(store, a, b, decision, options.note, cliActor(options));
          io.out.write(`${decided.ids.join(' ~ ')}: ${decided.decision === 'same' ? 'one designee' : 'not one designee'} (decision ${decided.id})\n`);
        });
      });
  }

  program
    .command('gaps')
    .description('the implementation-gap report: each designation of a reference list, whether each other list carries it, since when and what it lacks; each list\'s separate designations; at a date, and what closed and opened since another')
    .requiredOption('--reference <dataset>', 'the reference list, e.g. un_sc')
    .option('--collection <name>', 'its designations in this collection only, e.g. dprk')
    .option('--against <datasets>', 'the lists to compare (comma-separated; default every other list loaded, or with a version at --at)', list)
    .option('--at <date>', 'YYYY-MM-DD: each list\'s newest stored version published (undated: loaded) on or before this date (default: the current versions)')
    .option('--since <date>', 'YYYY-MM-DD, before --at (or today): what closed and what opened since the report at this date')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'as JSON: {"reference", "rows": [...], "summary", "separate", "by_year", "changes", ...}')
    .option('--csv', 'as CSV: one line per designation and list')
    .action(async (options: { reference: string; collection?: string; against?: string[]; at?: string; since?: string; db?: string; json?: boolean; csv?: boolean }) => {
      if (options.json && options.csv) throw new InterdictError('BAD_REQUEST', '--json or --csv, not both', 400);
      if (options.csv && options.since) throw new InterdictError('BAD_REQUEST', '--csv prints one report\'s rows: --since\'s changes are printed by the table or --json', 400);
      await withStore(config, io, options, { command: 'gaps' }, async (store, location) => {
        const decisions = pairDecisions(await store.linkDecisions.linkDecisions());
        let current: Promise<LinkingState> | undefined;
        const report = await datedGapReport(store, {
          current: () => (current ??= linkingState(store, localDir(location))),
          stateOf: (versions) => linkingStateAt(store, versions),
          reportOf: (state, request) => gapReport(state, { ...request, decisions }),
        }, { reference: options.reference, collection: options.collection, against: options.against, at: options.at, since: options.since });
        if (options.json) return printJson(io, report);
        if (options.csv) return printCsv(io, report);
        printReport(io, report);
      });
    });
}

function printCsv(io: Io, report: GapReport): void {
  const lines = report.rows.flatMap((row) => report.against.map((dataset) => {
    const cell = row.lists[dataset]!;
    return [row.id, row.caption, row.listed_on ?? '', dataset, cell.status,
      cell.status === 'listed' ? cell.ids.join(' ') : cell.status === 'missing' ? (cell.possible ?? []).map((p) => `${p.id} (${p.confidence})`).join(' ') : '',
      cell.status === 'listed' ? cell.listed_on ?? '' : '', cell.status === 'listed' ? cell.lag_days ?? '' : '',
      cell.status === 'listed' ? cell.missing_names.join('; ') : '', cell.status === 'listed' ? cell.missing_identifiers.join('; ') : '',
      cell.status === 'not_applicable' ? cell.reason : ''];
  }));
  io.out.write(stringify([['id', 'caption', 'listed_on', 'list', 'status', 'ids', 'list_listed_on', 'lag_days', 'missing_names', 'missing_identifiers', 'reason'], ...lines]));
}

/** The table form: the lists taken, the summary per authority, separate designations by year, what is not applicable and why, the gaps, and the changes when asked. */
function printReport(io: Io, report: GapReport): void {
  const taken = Object.entries(report.versions).map(([dataset, v]) => `${dataset} ${v.id}`).join(', ');
  io.out.write(`${report.reference}${report.collection ? ` (${report.collection})` : ''} ${report.at ? `at ${report.at}` : 'now'}: ${taken}\n`);
  for (const note of report.notes) io.out.write(`note: ${note}\n`);
  printTable(io, ['list', 'carries UN designations', 'listed', 'missing', 'not applicable', 'median lag (days)', 'separate'], report.against.map((d) => {
    const s = report.summary[d]!;
    return [d, report.authorities[d]!.implements_un, s.listed, s.missing, s.not_applicable, s.median_lag_days, report.separate[d]!.total];
  }));
  for (const d of report.against) {
    const authority = report.authorities[d]!;
    if (authority.implements_un === 'regulation') io.out.write(`${d}: not applicable (${authority.verification}): ${authority.detail}\n`);
  }
  const separate = report.against.filter((d) => report.separate[d]!.total);
  if (separate.length) {
    io.out.write(`\nseparate designations (records in scope linked to no ${report.reference} designation), by the year the list gives:\n`);
    printTable(io, ['list', 'total', 'by year'], separate.map((d) => [d, report.separate[d]!.total, Object.entries(report.separate[d]!.by_year).map(([y, n]) => `${y}: ${n}`).join(', ')]));
  }
  const missing = report.rows.flatMap((row) => report.against.filter((d) => row.lists[d]!.status === 'missing').map((d) => [row.id, row.caption, row.listed_on ?? '', d]));
  if (missing.length) {
    io.out.write(`\n${report.reference} designations a list does not carry:\n`);
    printTable(io, ['id', 'caption', 'listed on', 'missing from'], missing);
  }
  const changes = report.changes;
  if (changes) {
    io.out.write(`\nsince ${changes.since} (${Object.entries(changes.versions).map(([dataset, v]) => `${dataset} ${v.id}`).join(', ')}): ${changes.added.length} designation(s) added, ${changes.removed.length} removed, ${changes.closed.length} gap(s) closed, ${changes.opened.length} opened\n`);
    for (const [what, cells] of [['closed', changes.closed], ['opened', changes.opened]] as const) {
      if (cells.length) printTable(io, [what, 'caption', 'list', 'was', 'now'], cells.map((c) => [c.id, c.caption, c.dataset, c.was, c.now]));
    }
  }
}
