import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { DEFAULT_THRESHOLD, prepareEntity, scoreMatch } from '../../core/match/index.js';
import { PAIR_LINE, readJsonLines, sideToQuery } from '../../service/queries.js';
import type { Io } from '../output.js';
import { parseScore } from './options.js';

export function registerCompare(program: Command, io: Io): void {
  program
    .command('compare')
    .description('score pairs of names or entities: one JSON line in, one JSON line out')
    .requiredOption('--input <file>', 'JSON lines {"id", "schema", "a", "b"}, a and b each a name or {"properties": {...}}; - for standard input')
    .option('--threshold <t>', 'score at or above which a pair is a match', parseScore, DEFAULT_THRESHOLD)
    .action(async (options: { input: string; threshold: number }) => {
      const input = options.input === '-' ? process.stdin : createReadStream(options.input);
      const label = options.input === '-' ? 'standard input' : options.input;
      let failed = 0;
      for await (const { line, value, error } of readJsonLines(input, PAIR_LINE, label)) {
        if (error || !value) {
          failed++;
          io.err.write(`interdict: ${error?.message}\n`);
          io.out.write(`${JSON.stringify({ line, error: error?.message })}\n`);
          continue;
        }
        const a = prepareEntity(sideToQuery(value.a, value.schema));
        const b = prepareEntity(sideToQuery(value.b, value.schema));
        const { score, explanations } = scoreMatch(a, b);
        io.out.write(`${JSON.stringify({ id: value.id ?? String(line), score, match: score >= options.threshold, explanations })}\n`);
      }
      if (failed) throw new InputError('BAD_LINES', `${failed} line(s) of ${label} could not be read (reported above)`);
    });
}
