import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { InputError } from '../core/errors.js';
import { readJsonLines } from '../service/queries.js';
import type { Io } from './output.js';

/**
 * Answer a JSON lines file (or `-`, standard input) one output line per input line. A bad line
 * is reported on standard error and answered with `{"line": N, "error": "..."}`; the others go
 * on, and the command fails at the end, naming how many lines were bad.
 */
export async function answerJsonLines<T>(path: string, schema: z.ZodType<T>, io: Io, answer: (value: T, line: number) => unknown): Promise<void> {
  const input = path === '-' ? process.stdin : createReadStream(path);
  const label = path === '-' ? 'standard input' : path;
  let failed = 0;
  for await (const { line, value, error } of readJsonLines(input, schema, label)) {
    if (error || value === undefined) {
      failed++;
      io.err.write(`interdict: ${error?.message}\n`);
      io.out.write(`${JSON.stringify({ line, error: error?.message })}\n`);
      continue;
    }
    let answered: unknown;
    try {
      answered = answer(value, line);
    } catch (error) {
      // A line valid as JSON but not as a query (a schema nothing is screened as) is a bad line too.
      if (!(error instanceof InputError)) throw error;
      failed++;
      io.err.write(`interdict: ${label} line ${line}: ${error.message}\n`);
      io.out.write(`${JSON.stringify({ line, error: error.message })}\n`);
      continue;
    }
    io.out.write(`${JSON.stringify(answered)}\n`);
  }
  if (failed) throw new InputError('BAD_LINES', `${failed} line(s) of ${label} could not be read (reported above)`);
}

/** The whole input as UTF-8 text: a file, or standard input for `-`; a file that cannot be read is refused, naming it. */
export async function readInputText(path: string): Promise<string> {
  if (path !== '-') {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new InputError('FILE_NOT_FOUND', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}
