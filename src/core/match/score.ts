import { labelOf } from '../ftm.js';
import { alignNames, round, uniformWeight, type SimilarityCache, type TokenPair, type TokenWeight } from './align.js';
import type { ComparableName } from '../names/tokens.js';
import type { PreparedEntity } from './prepare.js';
import { SCORING } from './model.js';
import { editDistance } from './similarity.js';

/**
 * One feature's part in a score: final score = clamp(Σ weight × score) over the features.
 *
 * @example { score: 0.93, weight: 1, query: ['Kim Jong Un'], candidate: ['김정은'], pairs: [...] }
 */
export interface FeatureExplanation {
  score: number;
  weight: number;
  query: string[];
  candidate: string[];
  detail?: string;
  pairs?: TokenPair[];
  /** Words of each name left without a partner: they lowered the name score. */
  unmatched?: { query: string[]; candidate: string[] };
}

export interface MatchScore {
  score: number;
  explanations: Record<string, FeatureExplanation>;
}

/** What an explanation calls a matched name by its property. */
const NAME_KINDS: Record<string, string> = { alias: 'an alias', weakAlias: 'a weak alias', previousName: 'a previous name' };

function compareDates(query: string[], candidate: string[]): { penalty: number; detail: string } | undefined {
  if (!query.length || !candidate.length) return undefined;
  let best: { penalty: number; detail: string } = { penalty: SCORING.qualifiers.yearsDisjoint, detail: 'years disjoint' };
  for (const q of query) {
    for (const c of candidate) {
      const [qy, qm, qd] = q.split('-');
      const [cy, cm, cd] = c.split('-');
      if (qy === cy) {
        if (!qm || !cm || (qm === cm && (!qd || !cd || qd === cd))) return { penalty: 0, detail: 'dates agree' };
        if (qd && cd && qm === cd && qd === cm) best = best.penalty > SCORING.qualifiers.dayAndMonthSwapped ? { penalty: SCORING.qualifiers.dayAndMonthSwapped, detail: 'day and month swapped' } : best;
        else if (best.penalty > SCORING.qualifiers.sameYearOtherDay) best = { penalty: SCORING.qualifiers.sameYearOtherDay, detail: 'same year, different day' };
      } else if (Math.abs(Number(qy) - Number(cy)) === 1 && best.penalty > SCORING.qualifiers.yearsOneApart) {
        best = { penalty: SCORING.qualifiers.yearsOneApart, detail: 'years one apart' };
      }
    }
  }
  return best;
}

/**
 * Two names in one native script (Hangul, Han), compared character by character: the square of
 * the share of characters alike, as words are compared (김영철 and 김영찰, one syllable apart,
 * are two names: 0.44; their Latin forms, yeongcheol and yeongchal, looked alike at 0.9).
 */
export function nativeSimilarity(a: string, b: string): number {
  const length = Math.max(a.length, b.length) - 1;
  const share = Math.max(0, 1 - editDistance(a.slice(1), b.slice(1)) / length);
  return share * share;
}

/**
 * What two names in one native script may score at most: their similarity in that script, as
 * the Latin forms fold what it keeps apart; 1 when they are not both in one such script.
 */
function nativeCap(q: { native: string }, c: { native: string }): number {
  return q.native && c.native && q.native !== c.native && q.native[0] === c.native[0] ? nativeSimilarity(q.native, c.native) : 1;
}

/** Which name of the query and which of the candidate gave the name score (indexes). */
export interface NamePair {
  query: number;
  candidate: number;
}

/**
 * Which of the query's names have a word that may pair with a word of a candidate's name, as
 * bits (query name i at bit i; the 32nd and later share the last bit). A query name whose bit is
 * unset pairs no word with that name: its alignment scores 0, so it is never aligned.
 */
export type NameReach = (name: ComparableName) => number;

// Scratch: the reach of each of the candidate's names.
const reached: number[] = [];

/**
 * Score a candidate against a query: the best name alignment, then qualifiers (birth date,
 * country, gender) that lower it on disagreement, and identifiers that decide it. Given the
 * best name pair (from `scoreOnly`), only that pair is aligned again.
 */
export function scoreMatch(query: PreparedEntity, candidate: PreparedEntity, weight: TokenWeight = uniformWeight, cache?: SimilarityCache, pair?: NamePair): MatchScore {
  const explanations: Record<string, FeatureExplanation> = {};
  return { score: score(query, candidate, weight, cache, explanations, pair), explanations };
}

/**
 * The score alone, without explanations: what ranking needs for each candidate. `best` receives
 * the best name pair. With `reach` (from the memo's own pairs), names that pair no word are not aligned.
 */
export function scoreOnly(query: PreparedEntity, candidate: PreparedEntity, weight: TokenWeight = uniformWeight, cache?: SimilarityCache, best?: NamePair, reach?: NameReach): number {
  return score(query, candidate, weight, cache, undefined, undefined, best, reach);
}

function score(query: PreparedEntity, candidate: PreparedEntity, weight: TokenWeight, cache: SimilarityCache | undefined, explanations?: Record<string, FeatureExplanation>, only?: NamePair, best?: NamePair, reach?: NameReach): number {
  let bestScore = 0;
  let bestPair: [PreparedEntity['names'][number], PreparedEntity['names'][number]] | undefined;
  const known = only && only.query >= 0 ? only : undefined;
  const skips = reach !== undefined && known === undefined;
  if (skips) for (let j = 0; j < candidate.names.length; j++) reached[j] = reach(candidate.names[j]!);
  for (let i = known ? known.query : 0; i < (known ? known.query + 1 : query.names.length); i++) {
    const q = query.names[i]!;
    const bit = 1 << Math.min(i, 31);
    for (let j = known ? known.candidate : 0; j < (known ? known.candidate + 1 : candidate.names.length); j++) {
      // A pair of names that pair no word scores 0: never above the best.
      if (skips && (reached[j]! & bit) === 0) continue;
      const c = candidate.names[j]!;
      const score = Math.min(alignNames(q, c, weight, cache, false).score, nativeCap(q, c)) * c.factor;
      if (score > bestScore) {
        bestScore = score;
        bestPair = [q, c];
        if (best) {
          best.query = i;
          best.candidate = j;
        }
      }
    }
  }
  if (explanations) {
    const name: FeatureExplanation = { score: round(bestScore), weight: 1, query: [], candidate: [], pairs: [] };
    if (bestPair) {
      const [q, c] = bestPair;
      const detailed = alignNames(q, c, weight, cache, true);
      Object.assign(name, { query: [q.original], candidate: [c.original], pairs: detailed.pairs });
      if (c.property !== 'name') name.detail = c.property === 'initials' ? 'matched its initials' : `matched ${NAME_KINDS[c.property] ?? `its ${labelOf(c.property).toLowerCase()}`}`;
      const notes = [name.detail, detailed.order];
      const cap = nativeCap(q, c);
      // (A name of Latin words has no cap: 1, which a sum of weights may pass by a rounding error.)
      if (cap < 1 && cap < detailed.score) notes.push('compared in their own script, where they differ');
      const detail = notes.filter(Boolean).join('; ');
      if (detail) name.detail = detail;
      if (detailed.unmatchedQuery.length || detailed.unmatchedCandidate.length) name.unmatched = { query: detailed.unmatchedQuery, candidate: detailed.unmatchedCandidate };
    }
    explanations.name = name;
  }
  let total = bestScore;

  const dates = compareDates(query.birthDates, candidate.birthDates);
  if (dates) {
    if (explanations) explanations.birthDate = { score: dates.penalty > 0 ? 1 : 0, weight: -dates.penalty, query: query.birthDates, candidate: candidate.birthDates, detail: dates.detail };
    total -= dates.penalty;
  }
  if (query.countries.length && candidate.countries.length) {
    const overlap = query.countries.some((c) => candidate.countries.includes(c));
    if (explanations) explanations.country = { score: overlap ? 0 : 1, weight: -SCORING.qualifiers.countriesDisjoint, query: query.countries, candidate: candidate.countries, detail: overlap ? 'a country agrees' : 'countries disjoint' };
    if (!overlap) total -= SCORING.qualifiers.countriesDisjoint;
  }
  if (query.gender && candidate.gender) {
    const differ = query.gender !== candidate.gender;
    if (explanations) explanations.gender = { score: differ ? 1 : 0, weight: -SCORING.qualifiers.genderDiffers, query: [query.gender], candidate: [candidate.gender] };
    if (differ) total -= SCORING.qualifiers.genderDiffers;
  }
  if (query.identifiers.length && candidate.identifiers.length) {
    const shared = query.identifiers.filter((i) => candidate.identifiers.includes(i));
    if (shared.length) {
      if (explanations) explanations.identifier = { score: 1, weight: SCORING.qualifiers.identifierEqual, query: shared, candidate: shared, detail: 'identifier equal: decisive' };
      total += SCORING.qualifiers.identifierEqual;
    } else {
      const imo = (ids: string[]) => ids.filter((i) => i.startsWith('imoNumber:'));
      if (imo(query.identifiers).length && imo(candidate.identifiers).length) {
        if (explanations) explanations.identifier = { score: 1, weight: -SCORING.qualifiers.imoDiffers, query: imo(query.identifiers), candidate: imo(candidate.identifiers), detail: 'IMO numbers differ' };
        total -= SCORING.qualifiers.imoDiffers;
      }
    }
  }
  return round(Math.min(1, Math.max(0, total)));
}
