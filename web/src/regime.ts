// The regime's rules (GET /regime) as the Rules view filters and words them.
import { hsCoverage, readHsCode, readHsSpan, type HsRelation, type HsSpan } from '../../src/core/regime/hs.js';
import type { MeasureView } from './api.js';

/** A direction of trade in words. */
export const DIRECTION_WORDS: Record<MeasureView['direction'], string> = {
  export_from_dprk: 'out of the DPRK',
  import_to_dprk: 'into the DPRK',
  both: 'both ways',
};

/** A measure's effect on goods it covers, in words. */
export const EFFECT_WORDS: Record<MeasureView['effect'], string> = {
  prohibited: 'prohibited',
  licence_required: 'licence required',
  review: 'review',
};

/** What a measure governs, in words. */
export const TYPE_WORDS: Record<MeasureView['type'], string> = {
  goods: 'goods',
  asset_freeze: 'asset freeze',
  inspection: 'cargo inspection',
  flag: 'DPRK-flagged ships',
  ship_to_ship: 'ship-to-ship transfers',
  workers: 'DPRK nationals working abroad',
  travel_ban: 'travel of designated individuals',
};

export const VERIFICATION_WORDS: Record<MeasureView['verification'], string> = {
  verified: 'verified',
  partially_verified: 'partially verified',
  unverified: 'unverified',
};

/** Where HS codes come from, in words: only the resolution's own text is law. */
export const MAPPING_WORDS: Record<NonNullable<MeasureView['coverage'][number]['mapping']>, string> = {
  resolution_text: 'in the resolution\'s text',
  indicative: 'indicative: the resolution names the goods, not the code',
  national_implementation: 'a national implementation\'s codes',
};

/** What the Rules view is asked: a direction, an HS code, a date the measures are in force on, words. */
export interface RuleFilter {
  direction: '' | 'export_from_dprk' | 'import_to_dprk';
  hs: string;
  on: string;
  text: string;
}

/** A measure shown, and how the HS code asked stands to it: covered, possibly (the code is wider than a heading it lists), or no code asked. */
export interface ShownMeasure {
  measure: MeasureView;
  hs?: Exclude<HsRelation, 'apart'>;
}

/** Whether a measure is in force on a date (YYYY-MM-DD), as a check applies it: from the day it took effect until the day it stopped. */
export const inForceOn = (measure: MeasureView, date: string): boolean => measure.in_force <= date && (measure.until === undefined || date < measure.until);

const spans = (written: readonly string[] | undefined): HsSpan[] => (written ?? []).map((w) => readHsSpan(w).span).filter((s): s is HsSpan => s !== undefined);

/** How an HS code (digits) stands to a measure's coverage: the best of its entries (as core/regime's hsCoverage reads each). */
export function measureCoverage(measure: MeasureView, code: string): HsRelation {
  let best: HsRelation = 'apart';
  for (const coverage of measure.coverage) {
    const relation = hsCoverage(code, spans(coverage.hs), spans(coverage.exclude));
    if (relation === 'within') return 'within';
    if (relation === 'wider') best = 'wider';
  }
  return best;
}

/** The HS code asked, as digits, or why it is none (the server's own reading: 2, 4, 6, 8 or 10 digits, dots allowed). */
export function readAskedCode(hs: string): { code?: string; problem?: string } {
  if (!hs.trim()) return {};
  const read = readHsCode(hs);
  return read.problem !== undefined ? { problem: read.problem } : { code: read.code };
}

/** Lower case, without accents: what the words filter compares. */
const plain = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The measures a filter keeps, in the file's order. A direction keeps the measures governing it
 * (those of both directions among them); an HS code keeps the goods measures whose codes hold it
 * or are held by it (measures naming goods by words only have no code to meet); a date keeps
 * those in force that day; words are looked for in the id, title, basis, description, coverage
 * terms and notes.
 */
export function filterMeasures(measures: readonly MeasureView[], filter: RuleFilter): ShownMeasure[] {
  const { code } = readAskedCode(filter.hs);
  const words = plain(filter.text).split(/\s+/).filter(Boolean);
  const shown: ShownMeasure[] = [];
  for (const measure of measures) {
    if (filter.direction && measure.direction !== 'both' && measure.direction !== filter.direction) continue;
    if (/^\d{4}-\d\d-\d\d$/.test(filter.on) && !inForceOn(measure, filter.on)) continue;
    if (words.length) {
      const haystack = plain([measure.id, measure.title, measure.basis, measure.description, measure.notes ?? '', ...measure.coverage.flatMap((c) => [...(c.terms ?? []), ...(c.hs ?? [])])].join(' '));
      if (!words.every((w) => haystack.includes(w))) continue;
    }
    if (code) {
      const relation = measureCoverage(measure, code);
      if (relation === 'apart') continue;
      shown.push({ measure, hs: relation });
    } else shown.push({ measure });
  }
  return shown;
}

/** A source as the rules file writes it, in parts: text, and the addresses in it (to be links). */
export function sourceParts(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let last = 0;
  for (const found of text.matchAll(/https?:\/\/\S+/g)) {
    // An address ends before the punctuation after it, and before a closing parenthesis it did not open (`(quotes https://x)`).
    let href = found[0].replace(/[.,;]+$/, '');
    while (href.endsWith(')') && href.split('(').length < href.split(')').length) href = href.slice(0, -1);
    if (found.index > last) parts.push({ text: text.slice(last, found.index) });
    parts.push({ text: href, href });
    last = found.index + href.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
