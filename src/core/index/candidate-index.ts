import { deserialize, serialize } from 'node:v8';
import { isIn } from '../collections.js';
import type { Entity } from '../entity.js';
import { InterdictError } from '../errors.js';
import { ArraySimilarityCache, MIN_PAIR, MapSimilarityCache, fixedWeight, wordSimilarity, type Similarity, type TokenWeight } from '../match/align.js';
import { prepareEntity, type PreparedEntity } from '../match/prepare.js';
import { schemataCompatible } from '../ftm.js';
import { scoreMatch, scoreOnly, type FeatureExplanation, type NamePair, type NameReach } from '../match/score.js';
import { DEFAULT_CUTOFF, DEFAULT_THRESHOLD } from '../match/thresholds.js';
import { unitsInto, wordIdentity, type ComparableName, type NameToken } from '../names/tokens.js';
import { lookupKeys } from '../names/word-keys.js';
import { SCORING } from '../match/model.js';
import { nameTable, type NameTable } from './name-table.js';
import { bucketRange, checkHash, type KeyTable } from './tables.js';
import { NAME_BITS, buildParts, docOf, type IndexedDoc, type Parts } from './vocabulary.js';

/** Bumped whenever the snapshot's layout or the way keys are made changes; older snapshots are refused. */
export const SNAPSHOT_FORMAT = 14;

/** A screening query, in entity form (yente's `{schema, properties}`). */
export interface MatchQuery {
  schema: string;
  properties: Record<string, string[] | undefined>;
}

export interface SearchOptions {
  /** Results returned at most. */
  limit?: number;
  /** Score at or above which a result is a match. */
  threshold?: number;
  /** Score below which a result is not shown at all. */
  cutoff?: number;
  /** A dataset name, or a collection: default, sanctions, dprk. */
  dataset?: string;
  /** Which entities may be results at all (dataset, topic or id filters): the others are not scored. */
  accept?: (id: string, datasets: string[]) => boolean;
}

export interface MatchResult {
  id: string;
  caption: string;
  schema: string;
  score: number;
  match: boolean;
  datasets: string[];
  explanations: Record<string, FeatureExplanation>;
}

/** A query word (or two written together) and the indexed words close enough to pair with it. */
interface SimilarWord {
  word: number;
  similarity: Similarity;
  /** The similarity × 255, rounded up. */
  level: number;
}

/** Words of one query name whose best similarity per document is tracked (names are cut to 30 words). */
const WORD_SLOTS = 32;
/** The most candidates looked at (and scored) for one query, however many look alike. */
const MAX_CANDIDATES = 1000;
/** Query words whose similar words are remembered across queries. */
const SIMILAR_WORD_MEMO = 100_000;
/** Steps in which candidates are ordered by bound (an identifier's match is above them all). */
const BUCKETS = 255;
/**
 * Under a lower cutoff, a query whose words' postings are longer than LONG_WALK is first
 * searched at FIRST_FLOOR (see `match`). Both chosen on the scale benchmark (1M entities,
 * cutoff 0): p99 22.6 → 14.4–14.7 ms and 232 → 279 queries/s; a floor of 0.3 or 0.5, or
 * every query searched twice, did worse.
 */
const FIRST_FLOOR = 0.4;
const LONG_WALK = 20_000;
/** Scores are rounded to three decimals: a bound this close to the floor may still tie. */
const BOUND_EPSILON = 0.001;
/** More than the rounding error of a bound's sums, far less than any score's step. */
const BOUND_ROUNDING = 1e-9;

const DEFAULTS = Object.freeze({ limit: 5, threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_CUTOFF, dataset: 'default' });

/**
 * The in-memory candidate index. Every distinct word of the indexed names (and every pair of
 * adjacent words written together) is a vocabulary entry with its postings; retrieval keys
 * (Korean syllable keys, one-deletion neighbourhoods) lead from a query word to the vocabulary
 * entries near it, whose similarity is computed exactly, once per query. Candidates are then
 * ranked by an upper bound of their score and scored in that order until no bound can reach
 * the results already found, so the results are those of scoring every candidate.
 * Immutable once built; a new list version means a new index, swapped in whole.
 */
export class CandidateIndex {
  private readonly docs: IndexedDoc[];
  /** Vocabulary: each word's token by number (a word is a kind and a text), shared by every name holding it. */
  private readonly wordTokens: NameToken[];
  /** Postings of word w: codes (doc × 32 + name) and spots (the name's word positions holding it) in [wordOffsets[w], wordOffsets[w + 1]). */
  private readonly wordOffsets: Int32Array;
  private readonly codes: Int32Array;
  private readonly spots: Int32Array;
  /** Retrieval keys → the vocabulary words holding them. */
  private readonly keys: KeyTable;
  /** Identifier → documents holding it. */
  private readonly identifiers: Map<string, number[]>;
  /** How many documents hold a word with each Korean key (for rarity weights). */
  private readonly keyDocuments: Map<string, number>;
  private readonly logN: number;

  // Per-query scratch, reused: stamps say which entries belong to the current query (or query name).
  private stampValue = 0;
  private readonly stamp: Int32Array;
  private readonly nameStamp: Int32Array;
  private readonly bounds: Float64Array;
  /** Per document, which of its names and which word positions (in any name) have a neighbour of the query. */
  private readonly nameMask: Int32Array;
  private readonly wordMask: Int32Array;
  /** Per document and word of the current query name, the best similarity reached (× 255, rounded up). */
  private readonly best: Uint8Array;
  private readonly wordStamp: Int32Array;
  private readonly memo: ArraySimilarityCache;
  /** Per document, its heaviest name's weight (read for every candidate, so kept flat). */
  private readonly heaviest: Float64Array;
  /** The documents' names as the bound reads them. */
  private readonly names: NameTable;
  private readonly masks = new Map<string, Uint8Array>();
  private readonly similarWordMemo = new Map<string, SimilarWord[]>();
  // A query name's units, written here by `unitsInto`.
  private readonly unitTokens: NameToken[] = [];
  private readonly unitMasks: number[] = [];
  private readonly unitSizes: number[] = [];
  private readonly unitOrder: number[] = [];
  private readonly unitSimilarWords: SimilarWord[][] = [];
  private readonly wordReach = new Float64Array(WORD_SLOTS);
  /** Per vocabulary word, the current query's names (bits, as `NameReach`) with a unit it is a similar word of; valid where `nameBitsStamp` is `queryStamp`. */
  private readonly nameBits: Int32Array;
  private readonly nameBitsStamp: Int32Array;
  private queryStamp = 0;

  /** Where rarity is counted: this index, or the larger one it was built to score like. */
  private readonly rarity: { keyDocuments: Map<string, number>; documents: number; logN: number };

  private constructor(parts: Parts, weightsOf?: CandidateIndex) {
    this.docs = parts.docs;
    this.wordTokens = parts.wordTokens;
    this.wordOffsets = parts.wordOffsets;
    this.codes = parts.codes;
    this.spots = parts.spots;
    this.keys = { keyOffsets: parts.keyOffsets, keyWords: parts.keyWords, keyChecks: parts.keyChecks };
    this.identifiers = parts.identifiers;
    this.keyDocuments = parts.keyDocuments;
    const n = this.docs.length;
    this.logN = Math.log(1 + Math.max(1, n));
    this.rarity = weightsOf?.rarity ?? { keyDocuments: this.keyDocuments, documents: n, logN: this.logN };
    this.stamp = new Int32Array(n);
    this.nameStamp = new Int32Array(n);
    this.bounds = new Float64Array(n);
    this.nameMask = new Int32Array(n);
    this.wordMask = new Int32Array(n);
    this.best = new Uint8Array(n * WORD_SLOTS);
    this.wordStamp = new Int32Array(this.wordTokens.length);
    this.nameBits = new Int32Array(this.wordTokens.length);
    this.nameBitsStamp = new Int32Array(this.wordTokens.length);
    this.memo = new ArraySimilarityCache(this.wordTokens.length);
    this.wordTokens.forEach((token, i) => (token.id = i));
    // Word weights follow from the vocabulary's rarity counts, for a built index and a snapshot alike.
    this.heaviest = new Float64Array(n);
    this.docs.forEach((doc, i) => {
      let heaviest = 0;
      for (const name of doc.entity.names) {
        name.weight = 0;
        for (const token of name.tokens) name.weight += this.tokenWeight(token);
        heaviest = Math.max(heaviest, name.weight);
      }
      this.heaviest[i] = heaviest;
    });
    this.names = nameTable(this.docs);
  }

  get size(): number {
    return this.docs.length;
  }

  /** Index the screenable entities (people, organizations, vessels, aircraft). */
  static build(entities: Iterable<Entity>): CandidateIndex {
    return new CandidateIndex(buildParts(entities));
  }

  /**
   * An index of a few entities that weighs words as `full` does, so that its scores are the
   * ones `full` gives: for screening many queries against what changed in a list.
   */
  static buildWeighedBy(entities: Iterable<Entity>, full: CandidateIndex): CandidateIndex {
    return new CandidateIndex(buildParts(entities), full);
  }

  /** Token weights for scoring: rare tokens count more than common ones (Myong Guk over Kim), by ln(1 + N/df) scaled to (0, 1]. */
  readonly tokenWeight: TokenWeight = (token: NameToken) => {
    if (token.weight !== undefined) return token.weight;
    const fixed = fixedWeight(token);
    if (fixed !== undefined) return (token.weight = fixed);
    const { keyDocuments, documents, logN } = this.rarity;
    const df = keyDocuments.get(token.key) ?? 0;
    return (token.weight = Math.max(0.15, Math.log(1 + documents / Math.max(1, df)) / logN));
  };

  /** Which documents a query of this schema may see in this dataset or collection, computed once per pair. */
  private mask(schema: string, dataset: string): Uint8Array {
    const key = `${schema}\u0000${dataset}`;
    let mask = this.masks.get(key);
    if (!mask) {
      mask = Uint8Array.from(this.docs, (doc) => (this.accepts(doc, schema, dataset) ? 1 : 0));
      this.masks.set(key, mask);
    }
    return mask;
  }

  private accepts(doc: IndexedDoc, schema: string, dataset: string): boolean {
    return schemataCompatible(schema, doc.entity.schema) && isIn(dataset, doc.datasets, doc.collections);
  }

  /**
   * The indexed words that a query word (or two written together) can pair with: its
   * neighbours (sharing a retrieval key) similar enough. Their similarities go into the query's
   * memo, which then holds every pair the scorer can make with this query.
   */
  private similarWords(token: NameToken): SimilarWord[] {
    const found = this.similarWordList(token);
    for (const { word, similarity } of found) this.memo.set(token, this.wordTokens[word]!, similarity);
    return found;
  }

  /** A word's similar words, remembered across queries (Kim, Mohammed recur) in a bounded memo. */
  private similarWordList(token: NameToken): SimilarWord[] {
    const memoKey = wordIdentity(token);
    let found = this.similarWordMemo.get(memoKey);
    if (!found) {
      found = this.findSimilarWords(token);
      if (this.similarWordMemo.size >= SIMILAR_WORD_MEMO) this.similarWordMemo.clear();
      this.similarWordMemo.set(memoKey, found);
    }
    return found;
  }

  private findSimilarWords(token: NameToken): SimilarWord[] {
    const stamp = ++this.stampValue;
    const out: SimilarWord[] = [];
    for (const key of lookupKeys(token)) {
      const [start, end] = bucketRange(this.keys, key);
      const check = checkHash(key);
      for (let p = start; p < end; p++) {
        if (this.keys.keyChecks[p] !== check) continue;
        const word = this.keys.keyWords[p]!;
        if (this.wordStamp[word] === stamp) continue;
        this.wordStamp[word] = stamp;
        const similarity = wordSimilarity(token, this.wordTokens[word]!);
        if (similarity.similarity >= MIN_PAIR) out.push({ word, level: Math.ceil(similarity.similarity * 255), similarity });
      }
    }
    return out;
  }

  /**
   * The candidates of a prepared query, best upper bound first, with their bounds; those whose
   * bound is below `floor` are left out. A document is a candidate when one of its words (or
   * identifiers) is a neighbour of the query's.
   */
  candidates(query: PreparedEntity, dataset = 'default', floor = 0): { docs: Int32Array; bounds: Float64Array; refine?: (doc: number) => number } {
    const stamp = ++this.stampValue;
    const touched: number[] = [];
    const mask = this.mask(query.schema, dataset);
    const { codes, spots, best, bounds, nameMask, wordMask, wordOffsets } = this;
    // With one query name, candidates are ordered by the coarse bound and the finer one is
    // computed only for those that come up for scoring (most never do).
    const lazy = query.names.length === 1;
    let refine: ((doc: number) => number) | undefined;
    const docStamp = this.stamp;
    for (const id of query.identifiers) {
      for (const doc of this.identifiers.get(id) ?? []) {
        if (mask[doc] === 0) continue;
        if (docStamp[doc] !== stamp) {
          docStamp[doc] = stamp;
          touched.push(doc);
        }
        bounds[doc] = Infinity; // an identifier is decisive: always scored
        nameMask[doc] = -1; // and every name may be the best
        wordMask[doc] = 0;
      }
    }
    for (let n = 0; n < query.names.length; n++) {
      const name = query.names[n]!;
      const nameStamp = ++this.stampValue;
      const reached: number[] = [];
      const words = Math.min(WORD_SLOTS, name.tokens.length);
      const units = unitsInto(name, this.unitTokens, this.unitMasks, this.unitSizes);
      // Units that cannot bring a document to the floor on their own (legal forms and generic
      // words, which alone never make a match; light words whose best pairing, with every heavier
      // word unpaired, stays below it) come last and only fill in documents that a leading unit
      // reached: their postings are the longest (every "Co., Ltd.").
      // Each unit's similar words, looked up once for the bound below and the walk.
      const found = this.unitSimilarWords;
      for (let u = 0; u < units; u++) found[u] = this.similarWords(this.unitTokens[u]!);
      this.markReach(found, units, n);
      const light = this.lightWords(name, units, floor);
      const order = this.unitOrder;
      let leaders = 0;
      for (let u = 0; u < units; u++) if (!this.followsOthers(u, light)) order[leaders++] = u;
      for (let u = 0, k = leaders; u < units; u++) if (this.followsOthers(u, light)) order[k++] = u;
      for (let k = 0; k < units; k++) {
        const u = order[k]!;
        const follows = k >= leaders;
        // The unit's word positions: its lowest set bit, and the next ones for words written together.
        const first = 31 - Math.clz32(this.unitMasks[u]! & -this.unitMasks[u]!);
        const last = first + this.unitSizes[u]! - 1;
        if (last >= WORD_SLOTS) continue;
        for (const { word, level } of found[u]!) {
          const end = wordOffsets[word + 1]!;
          for (let p = wordOffsets[word]!; p < end; p++) {
            const code = codes[p]!;
            const doc = docOf(code);
            if (mask[doc] === 0 || (follows && this.nameStamp[doc] !== nameStamp)) continue;
            if (docStamp[doc] !== stamp) {
              docStamp[doc] = stamp;
              bounds[doc] = 0;
              nameMask[doc] = 0;
              wordMask[doc] = 0;
              touched.push(doc);
            }
            const base = doc * WORD_SLOTS;
            if (this.nameStamp[doc] !== nameStamp) {
              this.nameStamp[doc] = nameStamp;
              for (let i = 0; i < words; i++) best[base + i] = 0;
              reached.push(doc);
            }
            nameMask[doc]! |= 1 << (code & 31);
            wordMask[doc]! |= spots[p]!;
            for (let i = base + first; i <= base + last; i++) if (best[i]! < level) best[i] = level;
          }
        }
      }
      const shape = this.queryShape(name);
      if (lazy) refine = (doc) => this.bound(doc, shape, -1);
      // A document's names need not be looked at when even its coarse bound for this name stays
      // below the bound another query name gave it (a hair below, for rounding).
      for (const doc of reached) if (bounds[doc] !== Infinity) bounds[doc] = Math.max(bounds[doc]!, this.bound(doc, shape, Math.max(floor, bounds[doc]! - BOUND_ROUNDING), lazy));
    }
    // Ordered by bound in steps of 1/255 (a counting sort: most candidates are never scored,
    // so ordering them exactly would be wasted); an identifier's match comes first.
    const counts = new Int32Array(BUCKETS + 1);
    let kept = 0;
    for (const doc of touched) {
      if (bounds[doc]! < floor) continue;
      const bucket = bucketOf(bounds[doc]!);
      counts[bucket] = counts[bucket]! + 1;
      kept++;
    }
    for (let b = BUCKETS, start = 0; b >= 0; b--) {
      const count = counts[b]!;
      counts[b] = start;
      start += count;
    }
    const docs = new Int32Array(kept);
    const out = new Float64Array(kept);
    for (const doc of touched) {
      if (bounds[doc]! < floor) continue;
      const bucket = bucketOf(bounds[doc]!);
      const at = counts[bucket]!;
      counts[bucket] = at + 1;
      docs[at] = doc;
      out[at] = bounds[doc]!;
    }
    return { docs, bounds: out, refine };
  }

  /** Mark the similar words of query name n's units as within its reach (see `reach`). */
  private markReach(found: SimilarWord[][], units: number, n: number): void {
    const bit = 1 << Math.min(n, 31);
    const stamp = this.queryStamp;
    for (let u = 0; u < units; u++) {
      for (const { word } of found[u]!) {
        if (this.nameBitsStamp[word] !== stamp) {
          this.nameBitsStamp[word] = stamp;
          this.nameBits[word] = 0;
        }
        this.nameBits[word]! |= bit;
      }
    }
  }

  /**
   * The current query's names that may pair a word with an indexed name: those with a unit whose
   * similar words hold one of the name's units. The memo holds exactly those pairs, so a query
   * name without one aligns with the name at 0.
   */
  private readonly reach: NameReach = (name) => {
    let bits = 0;
    for (const token of name.tokens) bits |= this.reachOf(token);
    for (const token of name.joined) bits |= this.reachOf(token);
    return bits;
  };

  private reachOf(token: NameToken): number {
    const word = token.id;
    // A word not of this vocabulary: any query name may pair with it.
    if (word === undefined || this.wordTokens[word] !== token) return -1;
    return this.nameBitsStamp[word] === this.queryStamp ? this.nameBits[word]! : 0;
  }

  /** Whether unit u (of the current query name) only fills in documents other units reached. */
  private followsOthers(u: number, light: number): boolean {
    return this.unitTokens[u]!.kind === 'generic' || (this.unitMasks[u]! & ~light) === 0;
  }

  /**
   * The query name's words (bit mask) that together cannot bring a document to the floor when
   * every other word is unpaired. A document's name score is at most Y / (Y + B): Y sums, over
   * the words that may pair, the best similarity reached times the query word's weight plus the
   * heaviest neighbour it could pair with (any unit holding the word, counted whole), and B is
   * twice the weight of the unpaired words. Light words are taken lightest (commonest) first.
   * Reads the units' similar words from `unitSimilarWords`.
   */
  private lightWords(name: ComparableName, units: number, floor: number): number {
    if (floor <= 0) return 0;
    const tokens = name.tokens;
    const n = Math.min(tokens.length, WORD_SLOTS);
    const reach = this.wordReach;
    reach.fill(0, 0, n);
    for (let u = 0; u < units; u++) {
      const unit = this.unitMasks[u]!;
      let similarity = 0;
      let candidate = 0;
      for (const similar of this.unitSimilarWords[u]!) {
        similarity = Math.max(similarity, similar.similarity.similarity);
        const word = this.wordTokens[similar.word]!;
        // Words written together weigh their two or three words' weights, each at most 1.
        candidate = Math.max(candidate, word.kind === 'joined' ? 3 : this.tokenWeight(word));
      }
      let own = 0;
      for (let i = 0; i < n; i++) if (unit & (1 << i)) own += this.tokenWeight(tokens[i]!);
      const value = similarity * (own + candidate);
      for (let i = 0; i < n; i++) if (unit & (1 << i) && reach[i]! < value) reach[i] = value;
    }
    let reached = 0;
    let unpaired = 0;
    const words: number[] = [];
    for (let i = 0; i < n; i++) {
      if (tokens[i]!.kind === 'generic') reached += reach[i]!;
      else {
        unpaired += SCORING.unpaired.query * this.tokenWeight(tokens[i]!);
        words.push(i);
      }
    }
    words.sort((a, b) => this.tokenWeight(tokens[a]!) - this.tokenWeight(tokens[b]!));
    let light = 0;
    for (const i of words) {
      const y = reached + reach[i]!;
      const b = unpaired - SCORING.unpaired.query * this.tokenWeight(tokens[i]!);
      if (y > 0 && y / (y + b) + BOUND_EPSILON >= floor) continue;
      reached = y;
      unpaired = b;
      light |= 1 << i;
    }
    return light;
  }

  /** What the bound needs of a query name: per word, its weight and whether it is generic. */
  private queryShape(name: ComparableName): QueryShape {
    const tokens = name.tokens.slice(0, WORD_SLOTS);
    return { weights: tokens.map((t) => this.tokenWeight(t)), generic: tokens.map((t) => t.kind === 'generic') };
  }

  /**
   * An upper bound of a document's name score against one query name, over the document's
   * names that have a neighbour of the query. The alignment score is the paired weight times
   * similarity over the paired weight plus twice the unpaired query weight and half the unpaired
   * candidate weight. The bound pairs each query word at the best similarity it reached in this
   * document, and every candidate word that is a neighbour of a query word at similarity 1;
   * pairing more never lowers the score, since a pair's similarity is at least half the score.
   */
  private bound(doc: number, query: QueryShape, floor: number, coarseOnly = false): number {
    const base = doc * WORD_SLOTS;
    let paired = 0;
    let total = 0;
    let meaningful = false;
    for (let i = 0; i < query.weights.length; i++) {
      const w = query.weights[i]!;
      const similarity = this.best[base + i]! / 255;
      if (similarity > 0) {
        paired += similarity * w;
        total += w;
        if (!query.generic[i]) meaningful = true;
      } else {
        total += SCORING.unpaired.query * w;
      }
    }
    // Legal forms and generic words alone score nothing.
    if (!meaningful) return 0;
    // Each name's bound is at most (paired + W) / (total + W) for its weight W: when even the
    // heaviest name's is below the floor, the names need not be looked at.
    const heaviest = this.heaviest[doc]!;
    const coarse = Math.min(1, (paired + heaviest) / (total + heaviest));
    if (coarse < floor || coarseOnly) return coarse;
    const { docNames, nameWords, nameWeights, nameFactors, namePatronymics, wordWeights } = this.names;
    const first = docNames[doc]!;
    const last = docNames[doc + 1]!;
    const nameMask = this.nameMask[doc]!;
    const wordMask = this.wordMask[doc]!;
    let result = 0;
    for (let g = first; g < last; g++) {
      if (nameMask !== -1 && !(nameMask & (1 << Math.min(g - first, NAME_BITS - 1)))) continue;
      const start = nameWords[g]!;
      const words = nameWords[g + 1]! - start;
      const patronymic = namePatronymics[g]!;
      let neighbours = 0;
      // A patronymic left unpaired costs nothing: the words that cost when unpaired weigh less by it.
      let free = 0;
      for (let i = 0; i < words; i++) {
        if (wordMask & (1 << i)) neighbours += wordWeights[start + i]!;
        else if (patronymic & (1 << i)) free += wordWeights[start + i]!;
      }
      // Unpaired words of the document count at the lightest factor (a person's); an organization's count more.
      const bound = Math.min(1, (paired + neighbours) / (total + SCORING.unpaired.candidate * (nameWeights[g]! - free) + SCORING.unpaired.candidate * neighbours));
      result = Math.max(result, bound * nameFactors[g]!);
    }
    return result;
  }

  /**
   * Retrieve, score and rank: results at or above the cutoff, best first. Under a low cutoff,
   * a query with long postings (common words) is first searched at FIRST_FLOOR: when that
   * fills the limit, those are the best results (every document scoring at or above the floor
   * is among its candidates, and every other scores less), and the postings of documents that
   * could only come after them are never walked. Else it is searched again at the cutoff.
   */
  match(query: MatchQuery, options: SearchOptions = {}): MatchResult[] {
    const o = { ...DEFAULTS, ...stripUndefined(options) };
    const prepared = this.startQuery(query);
    const limit = Math.max(1, o.limit);
    let top: Ranked[] = [];
    const first = o.cutoff < FIRST_FLOOR && this.walkLength(prepared) > LONG_WALK ? [FIRST_FLOOR] : [];
    for (const floor of [...first, o.cutoff]) {
      top = this.ranked(prepared, o, floor, limit);
      if (top.length >= limit) break;
    }
    return top.slice(0, o.limit).map(({ doc, entity, score, pair }) => {
      const { explanations } = scoreMatch(prepared, entity, this.tokenWeight, this.memo, pair);
      return { id: entity.id, caption: entity.caption, schema: entity.schema, score, match: score >= o.threshold, datasets: this.docs[doc]!.datasets, explanations };
    });
  }

  /** How many postings the query's words and their neighbours have: the length of a walk at cutoff 0. */
  private walkLength(query: PreparedEntity): number {
    let length = 0;
    for (const name of query.names) {
      const units = unitsInto(name, this.unitTokens, this.unitMasks, this.unitSizes);
      for (let u = 0; u < units; u++) {
        for (const { word } of this.similarWordList(this.unitTokens[u]!)) length += this.wordOffsets[word + 1]! - this.wordOffsets[word]!;
      }
    }
    return length;
  }

  /** The best `limit` documents scoring at or above `cutoff`, best first (ties by id). */
  private ranked(prepared: PreparedEntity, o: { dataset: string; accept?: SearchOptions['accept'] }, cutoff: number, limit: number): Ranked[] {
    const cache = this.memo;
    const { docs, bounds, refine } = this.candidates(prepared, o.dataset, cutoff);
    cache.complete = true;
    // Score in order of bound; stop once no remaining bound can reach the results kept.
    const top: Ranked[] = [];
    // Candidates looked at (those a filter refuses are not counted: a narrow filter still finds its results).
    let looked = 0;
    for (let i = 0; i < docs.length && looked < MAX_CANDIDATES; i++) {
      const floor = top.length >= limit ? top[limit - 1]!.score : cutoff;
      if (bounds[i]! + BOUND_EPSILON < floor) {
        // Candidates come in steps of bound: the rest of this step may still reach the floor, later steps not.
        if ((bucketOf(bounds[i]!) + 1) / BUCKETS + BOUND_EPSILON < floor) break;
        continue;
      }
      const doc = docs[i]!;
      if (o.accept && !o.accept(this.docs[doc]!.entity.id, this.docs[doc]!.datasets)) continue;
      looked++;
      if (refine && bounds[i] !== Infinity && refine(doc) + BOUND_EPSILON < floor) continue;
      const entity = this.sharedNames(this.docs[doc]!.entity, this.nameMask[doc]!);
      const pair: NamePair = { query: -1, candidate: -1 };
      const score = scoreOnly(prepared, entity, this.tokenWeight, cache, pair, this.reach);
      if (score < cutoff) continue;
      top.push({ doc, entity, score, pair });
      top.sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id));
      if (top.length > limit) top.pop();
    }
    return top;
  }

  /** A query prepared for scoring, with a fresh memo whose slots are its words. */
  private startQuery(query: MatchQuery): PreparedEntity {
    const prepared = prepareEntity({ schema: query.schema, properties: query.properties });
    this.memo.reset();
    this.queryStamp++;
    numberQueryTokens(prepared);
    return prepared;
  }

  /**
   * The entity with only the names that have a neighbour of the query: a name without one has
   * no word close enough to pair, so aligning it cannot win.
   */
  private sharedNames(entity: PreparedEntity, mask: number): PreparedEntity {
    if (mask === -1 || entity.names.length <= 1) return entity;
    const names = entity.names.filter((_, i) => (mask & (1 << Math.min(i, NAME_BITS - 1))) !== 0);
    return names.length === entity.names.length ? entity : { ...entity, names };
  }

  /** Score every indexed entity (the brute-force oracle for tests and the evaluation). */
  scanAll(query: MatchQuery, cutoff: number, dataset = 'default'): { id: string; score: number }[] {
    const prepared = prepareEntity({ schema: query.schema, properties: query.properties });
    const out: { id: string; score: number }[] = [];
    const cache = new MapSimilarityCache();
    for (const doc of this.docs) {
      if (!this.accepts(doc, prepared.schema, dataset)) continue;
      const score = scoreOnly(prepared, doc.entity, this.tokenWeight, cache);
      if (score >= cutoff) out.push({ id: doc.entity.id, score });
    }
    return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  /** Ids of the entities whose bound reaches the cutoff: those `match` may score (for tests). */
  candidateIds(query: MatchQuery, cutoff: number = DEFAULTS.cutoff, dataset = 'default'): string[] {
    return [...this.candidates(this.startQuery(query), dataset, cutoff).docs].map((d) => this.docs[d]!.entity.id);
  }

  /** A snapshot to start fast from: the prepared entities, vocabulary and postings, with the format version. */
  serialize(): Buffer {
    // A snapshot weighs words by its own records: one of an index weighed by another would score otherwise.
    if (this.rarity.keyDocuments !== this.keyDocuments) throw new Error('an index weighed by another (buildWeighedBy) has no snapshot of its own: it would weigh words by its own records');
    const parts: Parts = {
      docs: this.docs,
      wordTokens: this.wordTokens,
      wordOffsets: this.wordOffsets,
      codes: this.codes,
      spots: this.spots,
      ...this.keys,
      identifiers: this.identifiers,
      keyDocuments: this.keyDocuments,
    };
    return serialize({ format: SNAPSHOT_FORMAT, parts });
  }

  static deserialize(buffer: Buffer): CandidateIndex {
    let data: { format?: number; parts: Parts };
    try {
      data = deserialize(buffer) as typeof data;
    } catch (error) {
      throw new InterdictError('SNAPSHOT_INVALID', `index snapshot unreadable: ${(error as Error).message}`);
    }
    if (data?.format !== SNAPSHOT_FORMAT) {
      throw new InterdictError('SNAPSHOT_FORMAT', `index snapshot has format ${String(data?.format)}, this version reads format ${SNAPSHOT_FORMAT}`);
    }
    return new CandidateIndex(data.parts);
  }
}

interface Ranked {
  doc: number;
  entity: PreparedEntity;
  score: number;
  pair: NamePair;
}

interface QueryShape {
  weights: number[];
  generic: boolean[];
}

function bucketOf(bound: number): number {
  return bound === Infinity ? BUCKETS : Math.min(BUCKETS - 1, Math.floor(bound * BUCKETS));
}

/** Give the query's tokens memo slots, one per distinct word (its text and kind). */
function numberQueryTokens(query: PreparedEntity): void {
  const slots = new Map<string, number>();
  for (const name of query.names) {
    for (const token of [...name.tokens, ...name.joined]) {
      const key = wordIdentity(token);
      let slot = slots.get(key);
      if (slot === undefined) slots.set(key, (slot = slots.size));
      token.id = slot;
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
