/**
 * Harmonized System codes as a shipment gives them and as a measure lists them. A code is read
 * by its digits alone (2701.12, 2701 12 and 270112 are one code); its length says how much it
 * says: a chapter (2 digits), a heading (4), a subheading (6), a national tariff line (8 or 10).
 */

/** An HS code's digits, e.g. `270112`. */
export type HsCode = string;

/** The lengths an HS code may have: chapter, heading, subheading, national lines. */
const LENGTHS = new Set([2, 4, 6, 8, 10]);

/**
 * The digits of an HS code written with or without dots and spaces, or why it is none.
 *
 * @example readHsCode('2701.12') // { code: '270112' }
 * @example readHsCode('270') // { problem: '"270" has 3 digits; an HS code has 2, 4, 6, 8 or 10' }
 */
export function readHsCode(written: string | number): { code: HsCode; problem?: undefined } | { code?: undefined; problem: string } {
  const text = String(written).trim();
  if (!/^[0-9][0-9 .]*$/.test(text)) return { problem: `"${text}" is not an HS code (digits, with or without dots)` };
  const digits = text.replace(/[ .]/g, '');
  if (!LENGTHS.has(digits.length)) return { problem: `"${text}" has ${digits.length} digits; an HS code has 2, 4, 6, 8 or 10 (a chapter below 10 is written with its zero: 03)` };
  return { code: digits };
}

/** An HS code as people write it: 2701.12, 2701.12.00. */
export function formatHsCode(code: HsCode): string {
  if (code.length <= 4) return code;
  return `${code.slice(0, 4)}.${code.slice(4, 6)}${code.length > 6 ? `.${code.slice(6)}` : ''}`;
}

/**
 * A measure's code or range of codes, all of one length: `2701`, `8802.11`, `7201-7206`, `50-63`.
 *
 * @example readHsSpan('72-83') // { span: { from: '72', to: '83' } }
 */
export interface HsSpan {
  from: HsCode;
  to: HsCode;
}

export function readHsSpan(written: string): { span: HsSpan; problem?: undefined } | { span?: undefined; problem: string } {
  const parts = written.split('-').map((p) => p.trim());
  if (parts.length > 2) return { problem: `"${written}" is neither a code nor a range of two codes` };
  const ends = parts.map((p) => readHsCode(p));
  for (const end of ends) if (end.problem !== undefined) return { problem: end.problem };
  const [from, to = from] = ends.map((e) => e.code!);
  if (from!.length !== to!.length) return { problem: `"${written}": a range's two ends have one length` };
  if (from! > to!) return { problem: `"${written}": a range goes from the lower code to the higher` };
  return { span: { from: from!, to: to! } };
}

/** How a given code stands to a span: inside it, wider than part of it (a chapter holding a listed heading), or apart. */
export type HsRelation = 'within' | 'wider' | 'apart';

/**
 * How `code` stands to `span`. A code as long as the span's codes or longer is `within` when
 * its leading digits fall in the span; a shorter one is `wider` when some code of the span
 * starts with it (chapter 27 holds heading 2701), which says the goods may be covered.
 *
 * @example hsRelation('270112', { from: '2701', to: '2701' }) // 'within'
 * @example hsRelation('27', { from: '2701', to: '2701' }) // 'wider'
 */
export function hsRelation(code: HsCode, span: HsSpan): HsRelation {
  const length = span.from.length;
  if (code.length >= length) {
    const head = code.slice(0, length);
    return head >= span.from && head <= span.to ? 'within' : 'apart';
  }
  // The codes of the span's length that start with the (shorter) given code: [low, high].
  const low = code.padEnd(length, '0');
  const high = code.padEnd(length, '9');
  return low <= span.to && high >= span.from ? 'wider' : 'apart';
}

/**
 * How `code` stands to a list of spans less the excluded ones: `within` when inside a span and
 * no exclusion, `wider` when it reaches into a span beyond what is excluded, else `apart`.
 */
export function hsCoverage(code: HsCode, spans: readonly HsSpan[], exclude: readonly HsSpan[] = []): HsRelation {
  // Wholly inside an exclusion (chapter 77 of 72-83): not covered at all.
  if (exclude.some((span) => hsRelation(code, span) === 'within')) return 'apart';
  let best: HsRelation = 'apart';
  for (const span of spans) {
    const relation = hsRelation(code, span);
    if (relation === 'within') return 'within';
    if (relation === 'wider') best = 'wider';
  }
  return best;
}
