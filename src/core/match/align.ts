import { bareWord, initialOf, isInitialLetter, shareKey, sameWrittenConsonants, shortTypo, skeleton, transliterationForm, writtenBones } from '../names/word-keys.js';
import { isKoreanSyllable, readsAsKorean } from '../names/korean.js';
import { COUNTRY_WORDS, familiarForms } from '../names/variants.js';
import { SCORING } from './model.js';
import { unitsInto, wordIdentity, type ComparableName, type NameToken } from '../names/tokens.js';
import { allowedEdits, stringSimilarity } from './similarity.js';

/** How two (groups of) tokens were matched. */
export interface TokenPair {
  query: string;
  candidate: string;
  similarity: number;
  how: 'exact' | 'korean' | 'edit' | 'joined' | 'consonants' | 'transliteration' | 'familiar' | 'initial' | 'typo';
}

export interface NameAlignment {
  score: number;
  pairs: TokenPair[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  /** Why word order lowered the score, when it did (with details only). */
  order?: string;
}

/** The weight of a token: its rarity, and a small constant for legal forms and generic words. */
export type TokenWeight = (token: NameToken) => number;

export const GENERIC_WEIGHT = SCORING.genericWeight;

export const uniformWeight: TokenWeight = (token) => fixedWeight(token) ?? 1;

/** A word's weight when it does not follow from its rarity: generic words, countries and initials. */
export function fixedWeight(token: NameToken): number | undefined {
  if (token.kind === 'generic') return COUNTRY_WORDS.has(token.text) ? SCORING.countryWeight : GENERIC_WEIGHT;
  if (isInitialLetter(token)) return SCORING.initialWeight;
  return undefined;
}

export interface Similarity {
  similarity: number;
  how: TokenPair['how'];
}

const EXACT: Similarity = { similarity: SCORING.pair.exact, how: 'exact' };
const KOREAN: Similarity = { similarity: SCORING.pair.korean, how: 'korean' };
const CONSONANTS: Similarity = { similarity: SCORING.pair.consonants, how: 'consonants' };
const SHORT_CONSONANTS: Similarity = { similarity: SCORING.pair.shortConsonants, how: 'consonants' };
const VOWEL_VARIANT: Similarity = { similarity: SCORING.pair.vowelVariant, how: 'consonants' };
const NONE: Similarity = { similarity: 0, how: 'edit' };
const TRANSLITERATION: Similarity = { similarity: SCORING.pair.transliteration, how: 'transliteration' };
/** A familiar form of a given name (Bob, Robert; Sasha, Alexander): as sure as an equal Korean key, a little less. */
const FAMILIAR: Similarity = { similarity: SCORING.pair.familiar, how: 'familiar' };
const INITIAL: Similarity = { similarity: SCORING.pair.initial, how: 'initial' };
const SHORT_TYPO: Similarity = { similarity: SCORING.pair.shortTypo, how: 'typo' };
const LISTED_INITIAL: Similarity = { similarity: SCORING.pair.listedInitial, how: 'initial' };
const OTHER_SEX: Similarity = { similarity: SCORING.pair.otherSex, how: 'edit' };

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
  /**
   * Whether a pair of the candidate word with any query word was memoized (true when it cannot
   * tell): with a complete memo, a word without one pairs with no query word.
   */
  paired?(candidate: NameToken): boolean;
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

/**
 * A memo over numbered tokens: one row per query slot, reused across queries. A row is a typed
 * array over the vocabulary holding codes into this query's list of similarities; codes from
 * earlier queries are below `base`, so starting a query clears nothing. Typed rows (not arrays of
 * objects) keep a large index's memo out of the garbage collector's way: with a million entities,
 * rows of objects for a query of thirty words (a name in Han characters, read three ways) cost a
 * collection of 50–90 ms the first time. Slots past the rows (a record with many aliases has
 * more words) are memoized by number in a map of this query's.
 */
export class ArraySimilarityCache implements SimilarityCache {
  private readonly rows: (Int32Array | undefined)[] = [];
  private readonly values: Similarity[] = [];
  private base = 0;
  private next = 0;
  private fallback = new MapSimilarityCache();
  /** Pairs of numbered tokens past the rows' slots, by (slot - slots) × vocabulary + word. */
  private readonly beyond = new Map<number, Similarity>();
  /** Per vocabulary word, the last query (by number) that memoized a pair with it. */
  private readonly pairedIn: Int32Array;
  private query = 0;
  complete = false;

  constructor(private readonly vocabulary: number, private readonly slots = 32) {
    this.pairedIn = new Int32Array(vocabulary);
  }

  /** Start a new query: everything memoized before is forgotten. */
  reset(): void {
    // Codes grow across queries; long before they overflow, the rows start again from zero.
    if (this.next > 2_000_000_000) {
      for (const row of this.rows) row?.fill(0);
      this.next = 0;
    }
    this.base = this.next;
    this.values.length = 0;
    this.complete = false;
    this.fallback = new MapSimilarityCache();
    this.beyond.clear();
    this.query++;
  }

  paired(candidate: NameToken): boolean {
    const id = candidate.id;
    return id === undefined || id >= this.vocabulary || this.pairedIn[id] === this.query;
  }

  get(query: NameToken, candidate: NameToken): Similarity | undefined {
    const slot = query.id;
    const id = candidate.id;
    if (slot === undefined || id === undefined) return this.fallback.get(query, candidate);
    if (slot >= this.slots) return this.beyond.get((slot - this.slots) * this.vocabulary + id);
    const code = this.rows[slot]?.[id] ?? 0;
    return code > this.base ? this.values[code - this.base - 1] : undefined;
  }

  set(query: NameToken, candidate: NameToken, value: Similarity): void {
    const slot = query.id;
    const id = candidate.id;
    if (id !== undefined && id < this.vocabulary) this.pairedIn[id] = this.query;
    if (slot === undefined || id === undefined) return this.fallback.set(query, candidate, value);
    if (slot >= this.slots) {
      this.beyond.set((slot - this.slots) * this.vocabulary + id, value);
      return;
    }
    let row = this.rows[slot];
    if (!row) this.rows[slot] = row = new Int32Array(this.vocabulary);
    const code = row[id]!;
    if (code > this.base) {
      this.values[code - this.base - 1] = value;
      return;
    }
    this.values.push(value);
    row[id] = ++this.next;
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
  const result = shareKey(a, b) ? spellingSimilarity(a, b) : NONE;
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
  // The query's initial (R. Kadyrov), or the list's (a listed Mansour Othman M.: a grandfather's initial, often, which any query name of that letter would fill).
  if (initialOf(a, b)) return isInitialLetter(b) ? LISTED_INITIAL : INITIAL;
  if (a.key === b.key && koreanSpelling(a.text) && koreanSpelling(b.text)) return KOREAN;
  // Familiar forms, Korean syllables and short typos are of single words (Al written as A. L. is no Al).
  if (a.kind === 'name' && b.kind === 'name') {
    if (familiarForms(a.text, b.text)) return FAMILIAR;
    // Two Korean syllables that differ in their key are two syllables (Jong and Yong, Dong and
    // Song, Oh and Ho: one letter apart or swapped, different names), not a typo of one.
    if (a.text.length <= 5 && b.text.length <= 5 && isKoreanSyllable(a.text) && isKoreanSyllable(b.text)) return NONE;
    if (shortTypo(a.text, b.text)) return SHORT_TYPO;
  }
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
  if (!sameWrittenConsonants(a, b)) return undefined;
  return writtenBones(bareWord(a) ? b.text : a.text).length >= 3 ? CONSONANTS : SHORT_CONSONANTS;
}

// Cheap rejection before any edit distance: most word pairs are far apart, as written and once
// transliteration families are folded (Putinas and Putin are two letters apart, one word folded).
function closeInLength(a: NameToken, b: NameToken): boolean {
  if (Math.abs(a.text.length - b.text.length) <= allowedEdits(Math.max(a.text.length, b.text.length))) return true;
  const foldedA = transliterationForm(a.text);
  const foldedB = transliterationForm(b.text);
  return Math.abs(foldedA.length - foldedB.length) <= allowedEdits(Math.max(foldedA.length, foldedB.length));
}

/**
 * Two words one ending apart that mark a person's sex (Aleksandr, Aleksandra; Viktor, Viktoria;
 * Camilo, Camila; Valentin, Valentina): a brother and a sister, or a man and his wife (Lavrov,
 * Lavrova), not a typo.
 */
const FEMININE_ENDINGS = new Set(['a', 'ia', 'iya', 'ya']);
const SAME_FOR_BOTH = /enk[ao]$/;

function otherSex(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // Surnames in -enko are a man's and a woman's alike; -enka is their Belarusian form (Lukashenka).
  if (SAME_FOR_BOTH.test(short) && SAME_FOR_BOTH.test(long)) return false;
  if (short.length >= 4 && long.startsWith(short) && FEMININE_ENDINGS.has(long.slice(short.length))) return true;
  if (long.length !== short.length || short.length < 4) return false;
  const end = short.length - 1;
  return short.slice(0, end) === long.slice(0, end) && ((short[end] === 'a' && long[end] === 'o') || (short[end] === 'o' && long[end] === 'a'));
}

function spellingSimilarity(a: NameToken, b: NameToken): Similarity {
  if (otherSex(a.text, b.text)) return OTHER_SEX;
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
export const MIN_PAIR = SCORING.pair.minimum;
const UNMATCHED_QUERY_FACTOR = SCORING.unpaired.query;
const UNMATCHED_CANDIDATE_FACTOR = SCORING.unpaired.candidate;
const SURNAME_FACTOR = SCORING.surnameUnpaired;
const UNMATCHED_ORGANIZATION_FACTOR = SCORING.unpaired.organization;
const CONFLICT_FACTOR = SCORING.unpaired.conflict;

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
// Which candidate units pair with some query word (see `SimilarityCache.paired`).
const cPaired: boolean[] = [];
// The word positions of the pairs of single words taken, in the order taken.
const pickedQ: number[] = [];
const pickedC: number[] = [];

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
  // With a complete memo, a candidate unit no query word pairs with is not looked up for each query unit.
  const known = cache?.complete && cache.paired ? cache : undefined;
  for (let b = 0; b < candidateUnits; b++) cPaired[b] = known ? known.paired!(cTok[b]!) : true;
  let n = 0;
  for (let a = 0; a < queryUnits; a++) {
    for (let b = 0; b < candidateUnits; b++) {
      if (!cPaired[b]) continue;
      // Words written together pair with single words only.
      if (qSize[a]! > 1 && cSize[b]! > 1) continue;
      const { similarity, how } = tokenSimilarity(qTok[a]!, cTok[b]!, cache);
      if (similarity < MIN_PAIR) continue;
      const joined = qSize[a]! + cSize[b]! > 2;
      optSim[n] = joined ? similarity * SCORING.pair.joined : similarity;
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
  let picked = 0;
  const pairs: TokenPair[] = [];
  for (let k = 0; k < n; k++) {
    const o = order[k]!;
    if (usedQ & optQ[o]! || usedC & optC[o]!) continue;
    usedQ |= optQ[o]!;
    usedC |= optC[o]!;
    if (optSize[o] === 2) {
      pickedQ[picked] = 31 - Math.clz32(optQ[o]!);
      pickedC[picked++] = 31 - Math.clz32(optC[o]!);
    }
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
    else if (candidate.patronymic & (1 << i)) continue;
    else if (c[i]!.kind === 'generic') total += UNMATCHED_CANDIDATE_FACTOR * w;
    else {
      total += (candidate.organization ? UNMATCHED_ORGANIZATION_FACTOR : UNMATCHED_CANDIDATE_FACTOR) * w;
      leftCandidate += w;
    }
  }
  total += CONFLICT_FACTOR * Math.min(leftQuery, leftCandidate);
  // Two organizations each keeping a word of what they do (Korea Development Bank, Korea Trading Bank): two businesses.
  let descriptors = 0;
  if (candidate.organization) {
    for (let i = 0; i < q.length; i++) if (!(usedQ & (1 << i)) && isDescriptor(q[i]!.text)) descriptors |= 1;
    for (let i = 0; i < c.length; i++) if (!(usedC & (1 << i)) && isDescriptor(c[i]!.text)) descriptors |= 2;
  }
  let score = total > 0 ? matched / total : 0;
  // Legal forms and generic words alone are never a match.
  if (generic) score = 0;
  // A listed surname left unpaired while the query has a word of its own left over: most likely
  // another family's member with the same given names (Pak Jong Chol for Ri Jong Chol).
  const surname = candidate.surname;
  if (surname && !(usedC & surname) && usedQ !== (1 << q.length) - 1) score *= SURNAME_FACTOR;
  if (descriptors === 3) score *= SCORING.descriptorsDiffer;
  const rule = !query.organization && !candidate.organization && picked >= 2 ? orderRule(q, c, picked, usedQ, usedC) : undefined;
  if (rule) score *= rule.factor;
  // Numbers in names must agree (VESSEL 1 is not VESSEL 2).
  const qn = query.numbers;
  const cn = candidate.numbers;
  if (qn !== cn) score *= qn && cn ? SCORING.numbers.differ : SCORING.numbers.oneSide;
  return {
    score,
    pairs,
    unmatchedQuery: details ? q.filter((_, i) => !(usedQ & (1 << i))).map((t) => t.text) : [],
    unmatchedCandidate: details ? c.filter((_, i) => !(usedC & (1 << i))).map((t) => t.text) : [],
    ...(details && rule ? { order: rule.reason } : {}),
  };
}

/**
 * Word order where it says who someone is. A Korean given name's syllables keep their order: Yong Chol is not Chol Yong (김민정 is not
 * 김정민), while the surname may stand first or last. And a Korean name of three syllables is its
 * person only when all three agree: with one syllable of each left over, it is a namesake of the
 * same family (Kim Jong Nam, Kim Yong Nam) or another family's (Pak Jong Chol, Ri Jong Chol).
 */
function orderRule(q: readonly NameToken[], c: readonly NameToken[], picked: number, usedQ: number, usedC: number): OrderRule | undefined {
  // With two words, a swap is the surname moved to the other end (Kim Jong, Jong Kim): only three or more tell.
  for (let a = 0; a < picked && picked >= 3; a++) {
    for (let b = a + 1; b < picked; b++) {
      const dq = pickedQ[b]! - pickedQ[a]!;
      const dc = pickedC[b]! - pickedC[a]!;
      // Adjacent on both sides, in the opposite order, and syllables on both sides.
      if ((dq === 1 || dq === -1) && dc === -dq && !twins(q, c, a, b) && koreanWords(q, pickedQ[a]!, pickedQ[b]!) && koreanWords(c, pickedC[a]!, pickedC[b]!)) return ORDER_RULES.syllablesSwapped;
    }
  }
  // Three words or more in another order than the same sequence started elsewhere: a chain of
  // names read another way (Hussein Mohammed Ali, son of Mohammed, son of Ali, is not Ali
  // Mohammed Hussein; Hussein Saddam is not Saddam Hussein al-Tikriti). A surname moved to the
  // other end is a rotation, and keeps the order.
  if (picked >= 3 && !rotation(q, c, picked)) return ORDER_RULES.reordered;
  // Three syllables against three with two agreeing, or against two (Kim Song, Kim Song Chol): a namesake.
  if (picked === 2 && q.length >= 2 && q.length <= 3 && c.length >= 2 && c.length <= 3 && q.length + c.length >= 5 && popCount(usedQ) === 2 && popCount(usedC) === 2 && koreanName(q) && koreanName(c)) return ORDER_RULES.koreanNamesake;
  return undefined;
}

interface OrderRule {
  factor: number;
  reason: string;
}

/** The order rules (SCORING.order), with what an explanation says of each. */
const ORDER_RULES = {
  reordered: { factor: SCORING.order.reordered, reason: 'the words stand in another order: another chain of names' },
  syllablesSwapped: { factor: SCORING.order.syllablesSwapped, reason: "the given name's syllables stand in another order: another Korean name" },
  koreanNamesake: { factor: SCORING.order.koreanNamesake, reason: 'two Korean syllables agree, and a name has a third: a namesake' },
} satisfies Record<keyof typeof SCORING.order, OrderRule>;

// Scratch: the picked pairs' candidate positions in the order of their query positions.
const sequence: number[] = [];

/** Whether the picked pairs keep the query's word order, up to where the sequence starts (or cannot be told: a word twice). */
function rotation(q: readonly NameToken[], c: readonly NameToken[], picked: number): boolean {
  for (let a = 0; a < picked; a++) for (let b = a + 1; b < picked; b++) if (twins(q, c, a, b)) return true;
  const slots = q.length;
  sequence.length = 0;
  for (let i = 0; i < slots; i++) for (let k = 0; k < picked; k++) if (pickedQ[k] === i) sequence.push(pickedC[k]!);
  let descents = 0;
  for (let i = 0; i + 1 < sequence.length; i++) if (sequence[i + 1]! < sequence[i]!) descents++;
  return descents === 0 || (descents === 1 && sequence[sequence.length - 1]! < sequence[0]!);
}

/** Whether picked pairs a and b hold one word twice on a side (Chang Chang Ha): their order cannot be told. */
function twins(q: readonly NameToken[], c: readonly NameToken[], a: number, b: number): boolean {
  return q[pickedQ[a]!]!.key === q[pickedQ[b]!]!.key || c[pickedC[a]!]!.key === c[pickedC[b]!]!.key;
}

function koreanWords(tokens: readonly NameToken[], i: number, j: number): boolean {
  return isKoreanSyllable(tokens[i]!.text) && isKoreanSyllable(tokens[j]!.text);
}

function koreanName(tokens: readonly NameToken[]): boolean {
  return tokens.every((t) => isKoreanSyllable(t.text));
}

/**
 * Words saying what an organization does, and countries: two of them differing make two
 * businesses. Legal forms are not among them (Co. and Corp. are one), nor words that others
 * cover (Export and Import is Trading; Industrial, a Mining Development's).
 */
const DESCRIPTORS = new Set(['trading', 'trade', 'development', 'commercial', 'holding', 'holdings', 'group', 'service', 'services', 'management', 'shipping', 'shpg', 'logistics', 'technology', 'technologies', 'tech', 'investment', 'investments', 'engineering', 'construction', 'energy', 'mining', 'marine', 'maritime', 'capital', 'finance', 'insurance', 'bank', 'banking', 'petroleum', 'oil', 'gas', 'chemical', 'chemicals', 'electronics', 'machinery', 'consulting', 'foundation', 'relief', 'fund']);

function isDescriptor(text: string): boolean {
  return DESCRIPTORS.has(text) || COUNTRY_WORDS.has(text);
}

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
