import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import type { MatchResult, SearchOptions } from '../../core/index/index.js';
import { DEFAULT_CUTOFF, DEFAULT_THRESHOLD, cutoffFor } from '../../core/match/index.js';
import { cleanQuery, QUERY_LINE, readScreeningQuery } from '../../service/queries.js';
import { readSchema, unknownSchema, type DateOrder } from '../../core/query/index.js';
import { DEFAULT_ROW_SCHEMA } from '../../service/customer-file.js';
import { answerJsonLines } from '../json-lines.js';
import { loadIndex } from '../../service/screener.js';
import { groupByDesignee, linkingStateOf } from '../../service/designees.js';
import { matchedDesigneesOf } from '../../service/matched-designees.js';
import { checkLists, cliActor, localDir, withStore } from '../context.js';
import { printTable, type Io } from '../output.js';
import { parseCount, parseDateOrder, parseScore } from './options.js';

interface MatchOptions {
  input?: string;
  db?: string;
  limit: number;
  threshold: number;
  cutoff?: number;
  dataset: string;
  schema: string;
  allowEmpty?: boolean;
  dateFormat?: DateOrder;
  group: 'record' | 'designee';
}

/** A result standing for a designee: its best record, with the designee beside it. */
type GroupedResult = MatchResult & { designee?: { id: string; confidence: number; datasets: string[]; members: string[] } };

function parseGroup(value: string): 'record' | 'designee' {
  if (value !== 'record' && value !== 'designee') throw new InputError('BAD_OPTION', `--group: "${value}" is record or designee`);
  return value;
}

function describeResult(result: MatchResult): string[] {
  const lines: string[] = [];
  for (const [feature, e] of Object.entries(result.explanations)) {
    const pairs = e.pairs?.length ? `  [${e.pairs.map((p) => `${p.query}~${p.candidate} ${p.similarity} ${p.how}`).join(', ')}]` : '';
    const unmatched = e.unmatched ? `  unmatched: ${[...e.unmatched.query, ...e.unmatched.candidate.map((w) => `(${w})`)].join(' ')}` : '';
    lines.push(`    ${feature}: score ${e.score} x weight ${e.weight}; ${e.query.join(' | ')} vs ${e.candidate.join(' | ')}${e.detail ? ` (${e.detail})` : ''}${pairs}${unmatched}`);
  }
  return lines;
}

export function registerMatch(program: Command, config: Config, io: Io): void {
  program
    .command('match')
    .description('screen names or entities against the current lists')
    .argument('[name]', 'one ad-hoc name, shown as a table with explanations')
    .option('--input <file>', 'JSON lines in yente form {"id", "schema", "properties": {...}}; - for standard input')
    .option('--db <dir>', 'embedded store folder')
    .option('--limit <n>', 'results per query', parseCount(500), 5)
    .option('--threshold <t>', 'score at or above which a result is a match', parseScore, DEFAULT_THRESHOLD)
    .option('--cutoff <t>', `score below which a result is not shown (default ${DEFAULT_CUTOFF}, or the threshold when lower)`, parseScore)
    .option('--dataset <d>', 'a dataset or collection (default, sanctions, dprk)', 'default')
    .option('--schema <schema>', 'schema of the ad-hoc name', 'LegalEntity')
    .option('--allow-empty', 'match even when no list is loaded (every query then comes back clear)')
    .option('--date-format <order>', 'DMY or MDY: the order of day and month in dates like 08/01/1984 (else only unambiguous ones are read in full)', parseDateOrder)
    .option('--group <by>', 'record: one result per list record; designee: one per designee, its records on every list linked (docs/linking.md)', parseGroup, 'record')
    .action(async (name: string | undefined, options: MatchOptions) => {
      if (!name && !options.input) throw new InputError('NO_QUERY', 'give a name, or --input FILE with JSON lines');
      const schema = readSchema(options.schema);
      if (!schema) throw new InputError('UNKNOWN_SCHEMA', `--schema: ${unknownSchema(options.schema)}`);
      // A name alone has no dates: the option is refused rather than ignored.
      if (name && options.dateFormat) throw new InputError('BAD_OPTION', '--date-format applies to --input queries, whose properties hold dates; a name alone has none');
      const search: SearchOptions = {
        limit: options.limit,
        threshold: options.threshold,
        cutoff: options.cutoff ?? cutoffFor(options.threshold),
        dataset: options.dataset,
      };
      await withStore(config, io, options, { command: 'match' }, async (store, location) => {
        const against = await checkLists(store, config, io, options.dataset, options.allowEmpty);
        const { index } = await loadIndex(store, localDir(location));
        // Grouping by designee links records: it needs the records and their versions besides the index.
        const linking = options.group === 'designee' ? await linkingStateOf(store, index) : undefined;
        const designeeOf = linking ? await matchedDesigneesOf(store).resolver(linking) : undefined;
        const screen = (query: Parameters<typeof index.match>[0]): GroupedResult[] => {
          if (!designeeOf) return index.match(query, search);
          const grouped = groupByDesignee(index.match(query, { ...search, limit: Math.min(500, search.limit! * 10) }), designeeOf);
          return grouped.slice(0, search.limit).map(({ best, designee }) => ({ ...best, designee: { id: designee.id, confidence: designee.confidence, datasets: designee.datasets, members: designee.members } }));
        };
        // Who screened, when, against which versions, with what counts (never the names asked).
        const tally = { queries: 0, results: 0, matches: 0 };
        const count = (results: { match: boolean }[]): void => {
          tally.queries++;
          tally.results += results.length;
          tally.matches += results.filter((r) => r.match).length;
        };
        const record = (): Promise<unknown> => store.recordAudit({ actor: cliActor({}), action: 'screening.match', after: { ...tally, versions: against.lists.map((l) => l.version) } });
        if (name) {
          const results = screen(cleanQuery(schema, { name: [name] }));
          count(results);
          await record();
          if (!results.length) {
            io.out.write(`no result at or above ${search.cutoff} for "${name}" among ${index.size} entities\n`);
            return;
          }
          printTable(io, ['#', 'score', 'match', 'id', 'schema', 'datasets', 'caption'],
            results.map((r, i) => [i + 1, r.score.toFixed(3), r.match ? 'MATCH' : '', r.designee?.id ?? r.id, r.schema, (r.designee?.datasets ?? r.datasets).join(','), r.caption]));
          for (const [i, r] of results.entries()) {
            const members = r.designee && r.designee.members.length > 1 ? `\n    records: ${r.designee.members.join(' ')} (linked, confidence ${r.designee.confidence})` : '';
            io.out.write(`\n#${i + 1} ${r.caption}${members}\n${describeResult(r).join('\n')}\n`);
          }
          return;
        }
        await answerJsonLines(options.input!, QUERY_LINE, io, (value, line) => {
          const stated = value.schema === undefined ? undefined : readSchema(value.schema);
          if (value.schema !== undefined && !stated) throw new InputError('UNKNOWN_SCHEMA', unknownSchema(value.schema));
          // The rule POST /match reads a query by (src/service/queries.ts), so that both answer alike.
          const { query, warnings } = readScreeningQuery(stated ?? DEFAULT_ROW_SCHEMA, value.properties, { dateOrder: options.dateFormat, schemaStated: stated !== undefined });
          const results = screen(query);
          count(results);
          return {
            id: value.id ?? String(line),
            results,
            ...(warnings.length ? { warnings } : {}),
          };
        }).finally(record);
      });
    });
}
