import { bareSkeletons, neighbours, skeleton, transliterationForm } from '../names/keys.js';
import { readsAsKorean } from '../names/korean.js';
import { unitsInto, wordIdentity, type ComparableName, type NameToken } from '../names/tokens.js';
import { allowedEdits, stringSimilarity } from './similarity.js';

/** How two (groups of) tokens were matched. */
export interface TokenPair {
  query: string;
  candidate: string;
  similarity: number;
  how: 'exact' | 'korean' | 'edit' | 'joined' | 'consonants' | 'transliteration';
}

export interface NameAlignment {
  score: number;
  pairs: TokenPair[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
}

/** The weight of a token: its rarity, and a small constant for legal forms and generic words. */
export type TokenWeight = (token: NameToken) => number;

export const GENERIC_WEIGHT = 0.1;

export const uniformWeight: TokenWeight = (token) => (token.kind === 'generic' ? GENERIC_WEIGHT : 1);

export interface Similarity {
  similarity: number;
  how: TokenPair['how'];
}

const EXACT: Similarity = { similarity: 1, how: 'exact' };
const KOREAN: Similarity = { similarity: 0.95, how: 'korean' };
const CONSONANTS: Similarity = { similarity: 0.85, how: 'consonants' };
const SHORT_CONSONANTS: Similarity = { similarity: 0.7, how: 'consonants' };
const VOWEL_VARIANT: Similarity = { similarity: 0.8, how: 'consonants' };
const NONE: Similarity = { similarity: 0, how: 'edit' };
const TRANSLITERATION: Similarity = { similarity: 0.9, how: 'transliteration' };

/**
 * A per-query memo of token similarities: the same pairs recur across candidates. The index
 * gives its tokens vocabulary numbers and the query's tokens slot numbers, so the memo is a
 * pair of array lookups; without numbers it falls back to a map.
 */
export interface SimilarityCache {
  get(query: NameToken, candidate: NameToken): Similarity | undefined;
  set(query: NameToken, candidate: NameToken, value: Similarity): void;
  /** Set when the memo holds every neighbour pair of the query: a pair it lacks is no pair. */
  readonly complete?: boolean;
}

/** A memo over words (by `wordIdentity`), for tokens without numbers. */
export class MapSimilarityCache implements SimilarityCache {
  private readonly rows = new Map<string, Map<string, Similarity>>();
  get(query: NameToken, candidate: NameToken): Similarity | undefined {
    return this.rows.get(wordIdentity(query))?.get(wordIdentity(candidate));
  }
  set(query: NameToken, candidate: NameToken, value: Similarity): void {
    let row = this.rows.get(wordIdentity(query));
    if (!row) this.rows.set(wordIdentity(query), (row = new Map()));
    row.set(wordIdentity(candidate), value);
  }
}

/** A memo over numbered tokens: one row per query slot, reset by a stamp, reused across queries. */
export class ArraySimilarityCache implements SimilarityCache {
  private readonly values: (Similarity | undefined)[][] = [];
  private readonly stamps: Int32Array[] = [];
  private stamp = 0;
  private fallback = new MapSimilarityCache();
  complete = false;

  constructor(private readonly vocabulary: number, private readonly slots = 32) {}

  /** Start a new query: everything memoized before is forgotten. */
  reset(): void {
    this.stamp++;
    this.complete = false;
    this.fallback = new MapSimilarityCache();
  }

  get(query: NameToken, candidate: NameToken): Similarity | undefined {
    const slot = query.id;
    const id = candidate.id;
    if (slot === undefined || id === undefined || slot >= this.slots) return this.fallback.get(query, candidate);
    const stamps = this.stamps[slot];
    if (!stamps || stamps[id] !== this.stamp) return undefined;
    return this.values[slot]![id];
  }

  set(query: NameToken, candidate: NameToken, value: Similarity): void {
    const slot = query.id;
    const id = candidate.id;
    if (slot === undefined || id === undefined || slot >= this.slots) return this.fallback.set(query, candidate, value);
    if (!this.stamps[slot]) {
      this.stamps[slot] = new Int32Array(this.vocabulary);
      this.values[slot] = new Array<Similarity | undefined>(this.vocabulary);
    }
    this.stamps[slot]![id] = this.stamp;
    this.values[slot]![id] = value;
  }
}

/**
 * Similarity of two words as the scorer counts it: equal text, equal Korean key, or a close
 * spelling; only neighbours (words sharing a retrieval key) are compared, so that the index
 * finds every pair the scorer can make.
 */
export function tokenSimilarity(a: NameToken, b: NameToken, cache?: SimilarityCache): Similarity {
  // A complete memo already holds every pair this query can make, equal words included.
  if (cache?.complete) return cache.get(a, b) ?? NONE;
  const settled = settledSimilarity(a, b);
  if (settled) return settled;
  const known = cache?.get(a, b);
  if (known) return known;
  const result = neighbours(a, b) ? spellingSimilarity(a, b) : NONE;
  cache?.set(a, b, result);
  return result;
}

/** Similarity of two words known to be neighbours (the index finds them by their keys). */
export function wordSimilarity(a: NameToken, b: NameToken): Similarity {
  return settledSimilarity(a, b) ?? spellingSimilarity(a, b);
}

/** The similarity when it needs no edit distance (equal, numbers, Korean key, consonants, far in length); else undefined. */
function settledSimilarity(a: NameToken, b: NameToken): Similarity | undefined {
  if (a.text === b.text) return a.kind === 'initials' && b.kind === 'initials' ? NONE : EXACT;
  if (a.kind === 'number' || b.kind === 'number' || a.kind === 'initials' || b.kind === 'initials') return NONE;
  if (a.key === b.key && koreanSpelling(a.text) && koreanSpelling(b.text)) return KOREAN;
  const consonants = sameConsonants(a, b);
  if (consonants) return consonants;
  if (!closeInLength(a, b)) return NONE;
  return undefined;
}

/**
 * Whether a word may be a romanized Korean name, for its Korean key to count: acronyms equal
 * under the key's folding (PNK and BNC, SBO and SBU, TAG and TAK) are not one name. A short
 * word must read as Korean syllables; a longer one must have a vowel.
 */
function koreanSpelling(text: string): boolean {
  return text.length > 4 ? VOWEL.test(text) : readsAsKorean(text);
}

// y and w stand for long vowels in transliterated Arabic (ي, و): a word with them is still "without vowels".
const VOWEL = /[aeiou]/;

/**
 * A word written without vowels (as Arabic and Hebrew are, transliterated letter by letter:
 * mhmd, hsyn) against one with the same consonants (Mohammed, Hussein), also with the article
 * written onto it (lkbyr: Kabir) or a final h the other drops (tyqllh: Atiqulla), or both; two
 * consonants alone (syd, Sayed; nby, Nabi) count less, as more names share them.
 */
function sameConsonants(a: NameToken, b: NameToken): Similarity | undefined {
  // Words written together have no skeleton key, so they are never compared this way.
  if (a.kind === 'joined' || b.kind === 'joined') return undefined;
  const aBare = a.abjad && !VOWEL.test(a.text);
  const bBare = b.abjad && !VOWEL.test(b.text);
  if (aBare === bBare) return undefined;
  const [bare, voweled] = aBare ? [a, b] : [b, a];
  if (!VOWEL.test(voweled.text)) return undefined;
  const theirs = skeleton(voweled.key);
  if (theirs.length < 2 || !bareSkeletons(skeleton(bare.key), bare.text).includes(theirs)) return undefined;
  // The keys' skeletons (which the index finds words by) fold more than Arabic letters do (k/g,
  // p/b, f/p): the written consonants must agree too.
  const written = writtenBones(bare.text);
  const other = writtenBones(voweled.text);
  if (written !== other && !(bare.text.startsWith('l') && written.slice(1) === other)) return undefined;
  return theirs.length >= 3 ? CONSONANTS : SHORT_CONSONANTS;
}

/** A word's written consonants, doubled ones once, q as k (Qasim, Kasim), a final h dropped (Abdullah, Abdulla). */
function writtenBones(text: string): string {
  return text.replace(/q/g, 'k').replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1').replace(/(?<=.)h$/, '');
}

// Cheap rejection before any edit distance: most word pairs are far apart.
function closeInLength(a: NameToken, b: NameToken): boolean {
  return Math.abs(a.text.length - b.text.length) <= allowedEdits(Math.max(a.text.length, b.text.length));
}

function spellingSimilarity(a: NameToken, b: NameToken): Similarity {
  // Spellings are compared as written: the Korean key is for equality only, since its folding
  // makes unrelated short names close (nuk and rogo are one edit apart as keys).
  const best = stringSimilarity(a.text, b.text);
  // Squared: one letter apart is a typo in a long token but another name in a short one
  // (Jong/Song, Un/Hun); the square keeps typos high and sinks near-misses.
  const edit = best * best;
  // Vowels are where transliterations of Arabic disagree most (Munsha/Manshah, Hany/Hani): words
  // with the same four consonants or more, in order, are variants even when several vowels differ.
  if (edit < VOWEL_VARIANT.similarity && a.kind !== 'joined' && b.kind !== 'joined') {
    const bones = skeleton(a.key);
    if (bones.length >= 4 && bones === skeleton(b.key)) return VOWEL_VARIANT;
  }
  // Transliteration families (Alexandrovich/Aleksandrovich, Jaddaw/Jadawi): compared once their
  // differences are folded, a little below an equal Korean key (only where that could beat the edit).
  if (edit < TRANSLITERATION.similarity) {
    const foldedA = transliterationForm(a.text);
    const foldedB = transliterationForm(b.text);
    if (foldedA !== a.text || foldedB !== b.text) {
      const folded = stringSimilarity(foldedA, foldedB);
      const similarity = folded * folded * TRANSLITERATION.similarity;
      if (similarity > edit) return { similarity, how: 'transliteration' };
    }
  }
  return best === 0 ? NONE : { similarity: edit, how: 'edit' };
}

/** The lowest similarity at which two words may be paired. */
export const MIN_PAIR = 0.5;
const UNMATCHED_QUERY_FACTOR = 2;
const UNMATCHED_CANDIDATE_FACTOR = 0.5;
const SURNAME_FACTOR = 0.7;
const UNMATCHED_ORGANIZATION_FACTOR = 1;
const CONFLICT_FACTOR = 1;

// Scratch space for the alignment, reused across calls (names have few tokens).
const optSim: number[] = [];
const optQ: number[] = [];
const optC: number[] = [];
const optHow: TokenPair['how'][] = [];
const optSize: number[] = [];
const order: number[] = [];
const qTok: NameToken[] = [];
const qMask: number[] = [];
const qSize: number[] = [];
const cTok: NameToken[] = [];
const cMask: number[] = [];
const cSize: number[] = [];

/**
 * Align query tokens with candidate tokens, best pairs first, each token used once, in any
 * order (surname first or last). The score is the weighted share of both names' tokens that
 * were matched, times how well: unmatched tokens on either side lower it. With `details`, the
 * aligned pairs and unmatched tokens are reported too (for explanations; scoring skips them).
 */
export function alignNames(query: ComparableName, candidate: ComparableName, weight: TokenWeight = uniformWeight, cache?: SimilarityCache, details = true): NameAlignment {
  const q = query.tokens;
  const c = candidate.tokens;
  const queryUnits = unitsInto(query, qTok, qMask, qSize);
  const candidateUnits = unitsInto(candidate, cTok, cMask, cSize);
  let n = 0;
  for (let a = 0; a < queryUnits; a++) {
    for (let b = 0; b < candidateUnits; b++) {
      // Words written together pair with single words only.
      if (qSize[a]! > 1 && cSize[b]! > 1) continue;
      const { similarity, how } = tokenSimilarity(qTok[a]!, cTok[b]!, cache);
      if (similarity < MIN_PAIR) continue;
      const joined = qSize[a]! + cSize[b]! > 2;
      optSim[n] = joined ? similarity * 0.98 : similarity;
      optQ[n] = qMask[a]!;
      optC[n] = cMask[b]!;
      optHow[n] = joined ? 'joined' : how;
      optSize[n] = qSize[a]! + cSize[b]!;
      order[n] = n;
      n++;
    }
  }
  // Best pairs first (ties: single tokens before joined ones); insertion sort, as n is small.
  for (let i = 1; i < n; i++) {
    const o = order[i]!;
    let j = i - 1;
    while (j >= 0 && (optSim[order[j]!]! < optSim[o]! || (optSim[order[j]!]! === optSim[o]! && optSize[order[j]!]! > optSize[o]!))) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = o;
  }
  let usedQ = 0;
  let usedC = 0;
  let matched = 0;
  let generic = true;
  const pairs: TokenPair[] = [];
  for (let k = 0; k < n; k++) {
    const o = order[k]!;
    if (usedQ & optQ[o]! || usedC & optC[o]!) continue;
    usedQ |= optQ[o]!;
    usedC |= optC[o]!;
    let w = 0;
    for (let i = 0; i < q.length; i++) {
      if (optQ[o]! & (1 << i)) {
        w += weight(q[i]!);
        if (q[i]!.kind !== 'generic') generic = false;
      }
    }
    for (let i = 0; i < c.length; i++) if (optC[o]! & (1 << i)) w += weight(c[i]!);
    matched += optSim[o]! * w;
    if (details) {
      pairs.push({ query: q.filter((_, i) => optQ[o]! & (1 << i)).map((t) => t.text).join(' '), candidate: c.filter((_, i) => optC[o]! & (1 << i)).map((t) => t.text).join(' '), similarity: round(optSim[o]!), how: optHow[o]! });
    }
  }
  // An unmatched query word (another surname) says more against identity than an unmatched
  // word of a listed person's name (lists carry longer full names, fathers' names, titles): the
  // first counts double, the second half. A listed organization's distinctive word left over
  // counts in full (Melli University is not any university). Where both names keep distinctive
  // words of their own, the two disagree (Rahim against Eduardo, both ESTRADA GONZALEZ): the
  // smaller of the two leftovers counts once more.
  let total = 0;
  let leftQuery = 0;
  let leftCandidate = 0;
  for (let i = 0; i < q.length; i++) {
    const w = weight(q[i]!);
    if (usedQ & (1 << i)) total += w;
    else {
      total += UNMATCHED_QUERY_FACTOR * w;
      if (q[i]!.kind !== 'generic') leftQuery += w;
    }
  }
  for (let i = 0; i < c.length; i++) {
    const w = weight(c[i]!);
    if (usedC & (1 << i)) total += w;
    else if (c[i]!.kind === 'generic') total += UNMATCHED_CANDIDATE_FACTOR * w;
    else {
      total += (candidate.organization ? UNMATCHED_ORGANIZATION_FACTOR : UNMATCHED_CANDIDATE_FACTOR) * w;
      leftCandidate += w;
    }
  }
  total += CONFLICT_FACTOR * Math.min(leftQuery, leftCandidate);
  let score = total > 0 ? matched / total : 0;
  // Legal forms and generic words alone are never a match.
  if (generic) score = 0;
  // A listed surname left unpaired while the query has a word of its own left over: most likely
  // another family's member with the same given names (Pak Jong Chol for Ri Jong Chol).
  const surname = candidate.surname;
  if (surname && !(usedC & surname) && usedQ !== (1 << q.length) - 1) score *= SURNAME_FACTOR;
  // Numbers in names must agree (VESSEL 1 is not VESSEL 2).
  const qn = query.numbers;
  const cn = candidate.numbers;
  if (qn !== cn) score *= qn && cn ? 0.5 : 0.8;
  return {
    score,
    pairs,
    unmatchedQuery: details ? q.filter((_, i) => !(usedQ & (1 << i))).map((t) => t.text) : [],
    unmatchedCandidate: details ? c.filter((_, i) => !(usedC & (1 << i))).map((t) => t.text) : [],
  };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
