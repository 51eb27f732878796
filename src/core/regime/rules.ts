import type { Coverage, Direction, Measure, MeasureType, Regime } from './regime.js';
import { hsCoverage, type HsCode } from './hs.js';

/** Verdicts from worst to best: a shipment's is its worst finding's. */
export const VERDICTS = ['prohibited', 'licence_required', 'review', 'clear'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** How much worse one verdict is than another: negative when `a` is worse. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICTS.indexOf(a) - VERDICTS.indexOf(b);
}

/** The worse of two verdicts. */
export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  return compareVerdicts(a, b) <= 0 ? a : b;
}

/** Whether a measure applies on a date (YYYY-MM-DD): from the day it took effect, until the day it was superseded. */
export function inForce(measure: Measure, date: string): boolean {
  return measure.in_force <= date && (measure.until === undefined || date < measure.until);
}

/** Whether a measure governs goods moving in one of these directions. */
export function governs(measure: Measure, directions: ReadonlySet<Exclude<Direction, 'both'>>): boolean {
  if (measure.direction === 'both') return directions.size > 0;
  return directions.has(measure.direction);
}

/** The measures of a type in force at a date, in the file's order. */
export function measuresAt(regime: Regime, date: string, type: MeasureType): Measure[] {
  return regime.measures.filter((m) => m.type === type && inForce(m, date));
}

/** A measure by id, or undefined. */
export function findMeasure(regime: Regime, id: string): Measure | undefined {
  return regime.measures.find((m) => m.id === id);
}

/** Whether a description names any of the words or phrases, matched as whole words. */
export function namedTerms(description: string, terms: readonly string[]): string[] {
  if (!description || !terms.length) return [];
  const text = ` ${description.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}-]+/gu, ' ').trim()} `;
  return terms.filter((term) => text.includes(` ${term.replace(/[^\p{L}\p{N}-]+/gu, ' ').trim()} `));
}

/**
 * How a goods line stands to a measure. `covered`: the measure's effect stands (its code in a
 * span the resolution writes, or any code the description confirms by naming the goods);
 * `possible`: it may be covered (a code under an indicative mapping the description does not
 * confirm, a chapter wider than the measure's heading, goods named by words only) and an analyst
 * judges; `none`: apart.
 */
export interface CoverageMatch {
  standing: 'covered' | 'possible' | 'none';
  coverage?: Coverage;
  /** The span the code fell in (as the measure writes it), or that it is wider than. */
  span?: string;
  /** The description's words that name the measure's goods. */
  terms: string[];
  /** Why, in words. */
  reason: string;
}

const NONE: CoverageMatch = { standing: 'none', terms: [], reason: '' };

/** How one coverage entry of a measure stands to a goods line. */
function coverageMatch(coverage: Coverage, hs: HsCode | undefined, description: string): CoverageMatch {
  const terms = namedTerms(description, coverage.terms);
  if (!coverage.hs.length) {
    // Words only: the measure has no HS codes, so what the words name is for an analyst to judge.
    return terms.length ? { standing: 'possible', coverage, terms, reason: `the description names ${terms.map((t) => `"${t}"`).join(', ')}; the measure defines no HS codes` } : NONE;
  }
  if (!hs) return NONE;
  const relation = hsCoverage(hs, coverage.hs, coverage.exclude);
  if (relation === 'apart') return NONE;
  const span = coverage.hs.find((s) => hsCoverage(hs, [s], coverage.exclude) === relation)?.written;
  if (relation === 'wider') return { standing: 'possible', coverage, span, terms, reason: `HS ${hs} is wider than ${span}: it holds the measure's goods and others` };
  const textual = coverage.mapping === 'resolution_text';
  if (textual && coverage.scope === 'whole') return { standing: 'covered', coverage, span, terms, reason: `HS ${span}, written in the resolution` };
  if (terms.length) return { standing: 'covered', coverage, span, terms, reason: `HS ${span} (${coverage.mapping === 'national_implementation' ? 'a national implementation\'s code' : 'an indicative mapping'}), and the description names ${terms.map((t) => `"${t}"`).join(', ')}` };
  const why = coverage.scope === 'part' ? `HS ${span} holds the measure's goods and others` : `HS ${span} is ${coverage.mapping === 'national_implementation' ? 'a national implementation\'s code' : 'an indicative mapping'} of the measure's goods`;
  return { standing: 'possible', coverage, span, terms, reason: `${why}, and the description does not name them` };
}

/** How a goods line (its HS code, when given, and description) stands to a goods measure: its strongest coverage entry. */
export function goodsCoverage(measure: Measure, hs: HsCode | undefined, description: string): CoverageMatch {
  let best = NONE;
  for (const coverage of measure.coverage) {
    const match = coverageMatch(coverage, hs, description);
    if (match.standing === 'covered') return match;
    if (match.standing === 'possible' && best.standing === 'none') best = match;
  }
  return best;
}

