import { boundedLines } from './text-file.js';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { cleanValue } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import { COUNTRY_PROPERTIES, MATCH_PROPERTIES } from '../core/ftm.js';
import type { ErrorCode } from '../core/error-codes.js';
import type { MatchQuery } from '../core/index/index.js';
import { countryCode } from '../core/match/countries.js';
import { readQuery, type ReadQueryOptions } from '../core/query/index.js';

const MAX_LINE = 1024 * 1024;
const MAX_VALUES = 500;

/** A property's values: one or a list, strings or numbers, as yente takes them; read as a list of strings. */
const VALUES = z.union([z.array(z.union([z.string(), z.number()])).max(MAX_VALUES), z.string(), z.number()]).transform((v) => (Array.isArray(v) ? v : [v]).map(String));
const PROPERTIES = z.record(z.string(), VALUES).refine((p) => Object.keys(p).length <= 100, 'at most 100 properties');

/** A query line: yente's form, `{"id", "schema", "properties": {...}}`. */
export const QUERY_LINE = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  /** Absent: the caller's default (LegalEntity unless told otherwise). */
  schema: z.string().min(1).optional(),
  properties: PROPERTIES,
});

/** A side of a compare pair: a name, or an entity `{"schema"?, "properties": {...}}`. */
const SIDE = z.union([z.string(), z.object({ schema: z.string().optional(), properties: PROPERTIES })]);

export const PAIR_LINE = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  schema: z.string().min(1).default('Person'),
  a: SIDE,
  b: SIDE,
});

export type QueryLine = z.infer<typeof QUERY_LINE>;
export type PairLine = z.infer<typeof PAIR_LINE>;

/** Clean every value (control characters, whitespace); drop empty ones. */
export function cleanQuery(schema: string, properties: Record<string, string[]>): MatchQuery {
  const clean: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(properties)) {
    const kept = values.map(cleanValue).filter(Boolean);
    if (kept.length) clean[key] = kept;
  }
  return { schema, properties: clean };
}

export function sideToQuery(side: PairLine['a'], schema: string): MatchQuery {
  return typeof side === 'string' ? cleanQuery(schema, { name: [side] }) : cleanQuery(side.schema ?? schema, side.properties);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length ? `"${issue.path.join('.')}": ` : ''}${issue.message}`;
}

/**
 * Read JSON lines and validate each with `schema`. A bad line is reported with its number and
 * does not stop the others: it comes back as an error for the caller to print.
 */
export async function* readJsonLines<T>(input: Readable, schema: z.ZodType<T>, label: string): AsyncGenerator<{ line: number; value?: T; error?: InputError; problem?: string; text?: string }> {
  const lines = boundedLines(input as AsyncIterable<string | Buffer>, MAX_LINE);
  let line = 0;
  let current = '';
  // `problem` says what is wrong with the line; `error` says it with the file and line number; `text` is the line (its start when long).
  const bad = (code: ErrorCode, problem: string) => ({ line, problem, text: current.slice(0, 10_000), error: new InputError(code, `${label} line ${line}: ${problem}`) });
  for await (const { text, tooLong } of lines) {
    line++;
    current = text;
    if (tooLong) {
      yield bad('LINE_TOO_LONG', `longer than ${MAX_LINE} characters`);
      continue;
    }
    if (!text.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      yield bad('INVALID_JSON', `invalid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) yield { line, value: parsed.data };
    else yield bad('INVALID_QUERY', describe(parsed.error));
  }
}

/**
 * A screening query as `POST /match` and `interdict match --input` read it, by one rule: values
 * one or many, strings or numbers; a property Interdict does not match on dropped with a
 * warning; values cleaned and dates read (`readQuery`); countries as lower-case ISO codes.
 * `label` prefixes the warnings (queries/q1/).
 */
export function readScreeningQuery(schema: string, properties: Record<string, unknown>, options: ReadQueryOptions & { label?: string } = {}): { query: MatchQuery; warnings: string[] } {
  const label = options.label ?? '';
  const warnings: string[] = [];
  const kept: Record<string, string[]> = {};
  for (const [property, value] of Object.entries(properties)) {
    if (!MATCH_PROPERTIES.has(property)) {
      warnings.push(`${label}properties/${property}: not a property Interdict matches on; dropped`);
      continue;
    }
    kept[property] = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined).map(String);
  }
  const read = readQuery(schema, kept, options);
  warnings.push(...read.warnings.map((w) => `${label.replace(/\/$/, '')}${label ? ': ' : ''}${w}`));
  const clean: Record<string, string[]> = {};
  for (const [property, values] of Object.entries(read.properties)) {
    clean[property] = COUNTRY_PROPERTIES.has(property) ? [...new Set(values.map((v) => countryCode(v)?.toLowerCase() ?? v))] : values;
  }
  return { query: { schema: read.schema, properties: clean }, warnings };
}
