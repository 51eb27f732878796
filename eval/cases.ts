// `node --import tsx eval/cases.ts`: hand-labelled name pairs, one family of difficulty a file
// (eval/cases/<family>.csv), scored as `interdict compare` scores them. Prints precision, recall
// and F1 per family at the default threshold, then F1 overall across thresholds.
// EVAL_SHOW_CASES=1 also lists every misclassified pair with its score and the label's reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { InputError } from '../src/core/errors.js';
import { DEFAULT_THRESHOLD, prepareEntity, scoreMatch } from '../src/core/match/index.js';
import { sideToQuery } from '../src/service/queries.js';

export const CASES_DIR = fileURLToPath(new URL('cases/', import.meta.url));
const COLUMNS = ['group', 'schema', 'a', 'b', 'is_match', 'why'];
const SCHEMATA = new Set(['Person', 'Organization', 'Vessel', 'LegalEntity']);

/** One labelled pair: `a` as a bank would screen it, `b` as a list writes it. */
export interface LabelledPair {
  file: string;
  line: number;
  group: string;
  schema: string;
  a: string;
  b: string;
  isMatch: boolean;
  why: string;
}

export interface ScoredPair extends LabelledPair {
  score: number;
}

/** Confusion counts and their rates for one family (or all of them, as `overall`). */
export interface FamilyReport {
  family: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  pairs: number;
  positives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** @example evaluateCases(0.75).overall.f1 */
export interface CaseReport {
  families: FamilyReport[];
  overall: FamilyReport;
  misclassified: ScoredPair[];
}

interface CaseRow {
  line: number;
  fields: Record<string, string>;
}

/** Every pair of every `*.csv` in `dir`, validated: a bad row throws an error naming its file and line. */
export function loadCases(dir: string = CASES_DIR): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const family = file.slice(0, -'.csv'.length);
    const fail = (line: number | undefined, problem: string): never => {
      throw new InputError('INVALID_CASE', `${relative(process.cwd(), join(dir, file))}${line === undefined ? '' : ` line ${line}`}: ${problem}`);
    };
    let rows: CaseRow[];
    try {
      rows = parse<CaseRow, Record<string, string>>(readFileSync(join(dir, file), 'utf8'), {
        bom: true,
        skip_empty_lines: true,
        columns: (header: string[]) => (header.join() === COLUMNS.join() ? header : fail(1, `header must be ${COLUMNS.join(',')}, found ${header.join(',')}`)),
        on_record: (fields, { lines }) => ({ line: lines, fields }),
      });
    } catch (error) {
      if (error instanceof InputError) throw error;
      const lines = (error as { lines?: number }).lines;
      return fail(lines, (error as Error).message);
    }
    for (const { line, fields } of rows) {
      const { group = '', schema = '', a = '', b = '', is_match: label = '', why = '' } = fields;
      if (group !== family) fail(line, `group "${group}" is not the file's family "${family}"`);
      if (!SCHEMATA.has(schema)) fail(line, `schema "${schema}" is not one of ${[...SCHEMATA].join(', ')}`);
      if (label !== '0' && label !== '1') fail(line, `is_match must be 0 or 1, found "${label}"`);
      if (!a.trim() || !b.trim()) fail(line, 'a and b must both be names');
      if (!why.trim()) fail(line, 'why is empty');
      const key = JSON.stringify([group, a, b]);
      if (seen.has(key)) fail(line, `duplicate pair "${a}" / "${b}"`);
      seen.add(key);
      pairs.push({ file, line, group, schema, a, b, isMatch: label === '1', why });
    }
  }
  return pairs;
}

/** Score each pair exactly as `interdict compare` does: each side a name of the pair's schema. */
export function scoreCases(pairs: LabelledPair[]): ScoredPair[] {
  return pairs.map((pair) => {
    const a = prepareEntity(sideToQuery(pair.a, pair.schema));
    const b = prepareEntity(sideToQuery(pair.b, pair.schema), { initials: true });
    return { ...pair, score: scoreMatch(a, b).score };
  });
}

function countFamily(family: string, scored: ScoredPair[], threshold: number): FamilyReport {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const { isMatch, score } of scored) {
    const flagged = score >= threshold;
    if (isMatch && flagged) tp++;
    else if (isMatch) fn++;
    else if (flagged) fp++;
    else tn++;
  }
  // Undefined rates (nothing flagged, no positives) are NaN and print as n/a; F1 = 2tp / (2tp + fp + fn).
  const precision = tp + fp ? tp / (tp + fp) : NaN;
  const recall = tp + fn ? tp / (tp + fn) : NaN;
  const f1 = tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : NaN;
  return { family, tp, fp, fn, tn, pairs: scored.length, positives: tp + fn, precision, recall, f1 };
}

/** The report for already-scored pairs at `threshold` (score once, sweep thresholds cheaply). */
export function reportAt(scored: ScoredPair[], threshold: number): CaseReport {
  const families = [...new Set(scored.map((p) => p.group))].map((f) => countFamily(f, scored.filter((p) => p.group === f), threshold));
  const misclassified = scored.filter((p) => (p.score >= threshold) !== p.isMatch);
  return { families, overall: countFamily('overall', scored, threshold), misclassified };
}

export function evaluateCases(threshold: number, dir: string = CASES_DIR): CaseReport {
  return reportAt(scoreCases(loadCases(dir)), threshold);
}

const percent = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`).padStart(7);

export function printCaseReport(report: CaseReport, threshold: number, showCases = process.env.EVAL_SHOW_CASES === '1'): void {
  console.log(`labelled pairs at threshold ${threshold}`);
  console.log(`${'family'.padEnd(16)}precision  recall      F1   pairs  positives`);
  for (const r of [...report.families, report.overall]) {
    console.log(`${r.family.padEnd(16)}${percent(r.precision)}  ${percent(r.recall)} ${percent(r.f1)} ${String(r.pairs).padStart(7)} ${String(r.positives).padStart(10)}`);
  }
  if (!showCases) return;
  console.log(`\nmisclassified (${report.misclassified.length}):`);
  for (const p of report.misclassified) {
    console.log(`  ${p.isMatch ? 'missed' : 'false alarm'} ${p.score.toFixed(3)} ${p.group} ${p.schema}: "${p.a}" / "${p.b}" (${p.why}; ${p.file}:${p.line})`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const scored = scoreCases(loadCases());
  printCaseReport(reportAt(scored, DEFAULT_THRESHOLD), DEFAULT_THRESHOLD);
  console.log('\nF1 overall by threshold');
  for (let i = 0; i <= 9; i++) {
    const threshold = Math.round((0.5 + i * 0.05) * 100) / 100;
    const { overall } = reportAt(scored, threshold);
    console.log(`  ${threshold.toFixed(2)}  precision ${percent(overall.precision)}  recall ${percent(overall.recall)}  F1 ${percent(overall.f1)}`);
  }
}
