import type { Command } from 'commander';
import { DEFAULT_THRESHOLD, prepareEntity, scoreMatch } from '../../core/match/index.js';
import { PAIR_LINE, sideToQuery } from '../../service/queries.js';
import { answerJsonLines } from '../json-lines.js';
import type { Io } from '../output.js';
import { parseScore } from './options.js';

export function registerCompare(program: Command, io: Io): void {
  program
    .command('compare')
    .description('score pairs of names or entities: one JSON line in, one JSON line out')
    .requiredOption('--input <file>', 'JSON lines {"id", "schema", "a", "b"}, a and b each a name or {"properties": {...}}; - for standard input')
    .option('--threshold <t>', 'score at or above which a pair is a match', parseScore, DEFAULT_THRESHOLD)
    .action(async (options: { input: string; threshold: number }) => {
      await answerJsonLines(options.input, PAIR_LINE, io, (value, line) => {
        const a = prepareEntity(sideToQuery(value.a, value.schema));
        // b is scored as a listed entity is: an organization by its initials and acronyms too.
        const b = prepareEntity(sideToQuery(value.b, value.schema), { initials: true });
        const { score, explanations } = scoreMatch(a, b);
        return { id: value.id ?? String(line), score, match: score >= options.threshold, explanations };
      });
    });
}
