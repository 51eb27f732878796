import { deserialize, serialize } from 'node:v8';
import { collectionsOf } from '../collections.js';
import { isTargetSchema, type Entity } from '../entity.js';
import { InterdictError } from '../errors.js';
import { ArraySimilarityCache, GENERIC_WEIGHT, MapSimilarityCache, type TokenWeight } from '../match/align.js';
import { prepareEntity, type PreparedEntity } from '../match/prepare.js';
import { DEFAULT_CUTOFF, DEFAULT_THRESHOLD } from '../match/thresholds.js';
import { schemataCompatible, scoreMatch, type FeatureExplanation } from '../match/score.js';
import type { NameToken } from '../names/tokens.js';
import { tokenKeys } from './keys.js';

/** Bumped whenever the snapshot's layout or the way keys are made changes; older snapshots are refused. */
export const SNAPSHOT_FORMAT = 2;

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
  /** Candidates scored per query: more costs time, fewer risks recall. */
  candidates?: number;
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

interface IndexedDoc {
  entity: PreparedEntity;
  datasets: string[];
  collections: string[];
  /** The weight of the entity's lightest name: a short name is fully covered by fewer shared words. */
  lightest: number;
}

/** Names of one document told apart in postings (the 32nd and later share the last bit). */
const NAME_BITS = 32;

/** The most candidates scored for one query, however many look alike. */
const MAX_CANDIDATES = 400;
// Candidates past the first ones are scored while their estimate is at least this share of the cutoff.
const ESTIMATE_SLACK = 0.6;

const DEFAULTS = Object.freeze({ limit: 5, threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_CUTOFF, dataset: 'default', candidates: 40 });

/**
 * The in-memory candidate index: retrieval by token keys and identifiers, then scoring of the
 * best candidates. Immutable once built; a new list version means a new index, swapped in whole.
 */
export class CandidateIndex {
  private readonly docs: IndexedDoc[];
  /** Postings, flat: the documents of key `slot` are data[offsets[slot]] .. data[offsets[slot + 1]]. */
  private readonly slots: Map<string, number>;
  private readonly offsets: Int32Array;
  private readonly data: Int32Array;
  /** How many documents have each key (a key may appear in several names of one document). */
  private readonly documentCounts: Int32Array;
  /** Per document, the names of the current query's candidates that share a key with it. */
  private readonly nameMask: Int32Array;
  private readonly logN: number;
  private readonly scratch: Float64Array;
  private readonly stamp: Int32Array;
  private readonly credited: Float64Array;
  private stampValue = 0;
  private readonly vocabulary: Map<string, number>;
  private readonly memo: ArraySimilarityCache;

  private constructor(docs: IndexedDoc[], slots: Map<string, number>, offsets: Int32Array, data: Int32Array, documentCounts: Int32Array) {
    this.docs = docs;
    this.slots = slots;
    this.offsets = offsets;
    this.data = data;
    this.documentCounts = documentCounts;
    this.nameMask = new Int32Array(docs.length);
    // Number every token (and joined pair) of the indexed names, for the similarity memo.
    this.vocabulary = new Map();
    for (const doc of docs) {
      for (const name of doc.entity.names) {
        for (const unit of name.units) {
          let id = this.vocabulary.get(unit.token.text);
          if (id === undefined) this.vocabulary.set(unit.token.text, (id = this.vocabulary.size));
          unit.token.id = id;
        }
      }
    }
    this.memo = new ArraySimilarityCache(this.vocabulary.size);
    this.logN = Math.log(1 + Math.max(1, docs.length));
    this.scratch = new Float64Array(docs.length);
    this.stamp = new Int32Array(docs.length);
    this.credited = new Float64Array(docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  /** Index the screenable entities (people, organizations, vessels, aircraft). */
  static build(entities: Iterable<Entity>): CandidateIndex {
    const docs: IndexedDoc[] = [];
    const slots = new Map<string, number>();
    const lists: number[][] = [];
    const documentCounts: number[] = [];
    // A posting is a document and which of its names has the key: doc × 32 + name (31 = 31st or later, or all).
    const post = (key: string, doc: number, name: number): void => {
      let slot = slots.get(key);
      if (slot === undefined) {
        slot = lists.length;
        slots.set(key, slot);
        lists.push([]);
        documentCounts.push(0);
      }
      const list = lists[slot]!;
      const code = doc * NAME_BITS + Math.min(name, NAME_BITS - 1);
      const last = list[list.length - 1];
      if (last === code) return;
      if (last === undefined || Math.floor(last / NAME_BITS) !== doc) documentCounts[slot]!++;
      list.push(code);
    };
    for (const entity of entities) {
      if (!isTargetSchema(entity.schema)) continue;
      const prepared = prepareEntity(entity);
      if (prepared.names.length === 0 && prepared.identifiers.length === 0) continue;
      const doc = docs.length;
      docs.push({ entity: prepared, datasets: entity.datasets, collections: collectionsOf(entity), lightest: 0 });
      prepared.names.forEach((name, n) => {
        for (const { keys } of tokenKeys(name.tokens)) for (const key of keys) post(key, doc, n);
      });
      for (const id of prepared.identifiers) post(`i:${id}`, doc, NAME_BITS - 1);
    }
    const offsets = new Int32Array(lists.length + 1);
    let total = 0;
    lists.forEach((list, i) => {
      offsets[i] = total;
      total += list.length;
    });
    offsets[lists.length] = total;
    const data = new Int32Array(total);
    lists.forEach((list, i) => data.set(list, offsets[i]!));
    const index = new CandidateIndex(docs, slots, offsets, data, Int32Array.from(documentCounts));
    for (const doc of docs) {
      let lightest = Infinity;
      for (const name of doc.entity.names) lightest = Math.min(lightest, name.tokens.reduce((sum, t) => sum + index.tokenWeight(t), 0));
      doc.lightest = Number.isFinite(lightest) ? lightest : 0;
    }
    return index;
  }

  /** Rarity of a key: ln(1 + N/df), scaled to (0, 1]. */
  /** The documents of a key, as a view on the flat postings. */
  private posting(key: string): Int32Array | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.data.subarray(this.offsets[slot]!, this.offsets[slot + 1]!);
  }

  private keyWeight(key: string): number {
    const slot = this.slots.get(key);
    const df = slot === undefined ? 0 : this.documentCounts[slot]!;
    return Math.log(1 + this.docs.length / Math.max(1, df)) / this.logN;
  }

  /** Token weights for scoring: rare tokens count more than common ones (Myong Guk over Kim). */
  readonly tokenWeight: TokenWeight = (token: NameToken) =>
    (token.weight ??= token.kind === 'generic' ? GENERIC_WEIGHT : Math.max(0.15, this.keyWeight(`k:${token.key}`)));

  private readonly masks = new Map<string, Uint8Array>();

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
    if (!schemataCompatible(schema, doc.entity.schema)) return false;
    if (dataset === 'default') return true;
    return doc.datasets.includes(dataset) || doc.collections.includes(dataset);
  }

  /** The best-ranked candidates for a prepared query, by the rarity of the keys they share. */
  candidates(query: PreparedEntity, limit: number, dataset = 'default', floor = Infinity): number[] {
    const stamp = ++this.stampValue;
    const touched: number[] = [];
    const mask = this.mask(query.schema, dataset);
    const touch = (doc: number): boolean => {
      if (mask[doc] === 0) return false;
      if (this.stamp[doc] !== stamp) {
        this.stamp[doc] = stamp;
        this.scratch[doc] = 0;
        this.nameMask[doc] = 0;
        touched.push(doc);
      }
      return true;
    };
    for (const id of query.identifiers) {
      const list = this.posting(`i:${id}`);
      if (!list) continue;
      for (const code of list) {
        const doc = Math.floor(code / NAME_BITS);
        if (!touch(doc)) continue;
        this.scratch[doc]! += 10;
        this.nameMask[doc] = -1; // an identifier: every name may be the best
      }
    }
    // Each query token credits a candidate once, with its strongest shared key, and marks every
    // name of the candidate that shares one of its keys.
    let tokenStamp = stamp * 4096;
    for (const name of query.names) {
      for (const { token, keys } of tokenKeys(name.tokens)) {
        tokenStamp++;
        for (const [rank, key] of keys.entries()) {
          const list = this.posting(key);
          if (!list) continue;
          const weight = this.keyWeight(key) * (rank === 0 ? 1 : 0.8) * (token.kind === 'generic' ? GENERIC_WEIGHT : 1);
          for (const code of list) {
            const doc = Math.floor(code / NAME_BITS);
            if (!touch(doc)) continue;
            this.nameMask[doc]! |= 1 << (code % NAME_BITS);
            if (this.credited[doc] === tokenStamp) continue;
            this.credited[doc] = tokenStamp;
            this.scratch[doc]! += weight;
          }
        }
      }
    }
    // Rank by an estimate shaped like the scorer: the shared weight against the query's weight
    // and the candidate's lightest name, so short names fully covered come before long ones.
    let queryWeight = 0;
    for (const name of query.names) queryWeight = Math.max(queryWeight, name.tokens.reduce((sum, t) => sum + this.tokenWeight(t), 0));
    for (const doc of touched) {
      const shared = this.scratch[doc]!;
      const extra = Math.max(0, this.docs[doc]!.lightest - shared);
      this.scratch[doc] = shared >= 10 ? shared : (2 * shared) / (queryWeight + shared + 0.5 * extra);
    }
    touched.sort((a, b) => this.scratch[b]! - this.scratch[a]!);
    // Beyond the first `limit`, keep those whose estimate is near the cutoff (common words can
    // make many candidates alike), up to a ceiling.
    let end = Math.min(limit, touched.length);
    while (end < touched.length && end < MAX_CANDIDATES && this.scratch[touched[end]!]! >= floor) end++;
    return touched.slice(0, end);
  }

  /** Retrieve, score and rank: results at or above the cutoff, best first. */
  match(query: MatchQuery, options: SearchOptions = {}): MatchResult[] {
    const o = { ...DEFAULTS, ...stripUndefined(options) };
    const prepared = prepareEntity({ schema: query.schema, properties: query.properties });
    const results: MatchResult[] = [];
    const cache = this.memo;
    cache.reset();
    numberQueryTokens(prepared);
    for (const doc of this.candidates(prepared, Math.max(o.candidates, o.limit), o.dataset, o.cutoff * ESTIMATE_SLACK)) {
      const { entity: whole, datasets } = this.docs[doc]!;
      const entity = this.sharedNames(whole, this.nameMask[doc]!);
      const { score, explanations } = scoreMatch(prepared, entity, this.tokenWeight, cache);
      if (score < o.cutoff) continue;
      results.push({ id: entity.id, caption: entity.caption, schema: entity.schema, score, match: score >= o.threshold, datasets, explanations });
    }
    results.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return results.slice(0, o.limit);
  }

  /**
   * The entity with only the names that share a key with the query: a name that shares none
   * has no word close enough to pair, so aligning it cannot win.
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
      const { score } = scoreMatch(prepared, doc.entity, this.tokenWeight, cache);
      if (score >= cutoff) out.push({ id: doc.entity.id, score });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** Ids of the entities that `match` would score at this cutoff (for tests). */
  candidateIds(query: MatchQuery, cutoff: number = DEFAULTS.cutoff, dataset = 'default'): string[] {
    const prepared = prepareEntity({ schema: query.schema, properties: query.properties });
    return this.candidates(prepared, DEFAULTS.candidates, dataset, cutoff * ESTIMATE_SLACK).map((d) => this.docs[d]!.entity.id);
  }

  /** A snapshot to start fast from: the prepared entities and postings, with the format version. */
  serialize(): Buffer {
    return serialize({ format: SNAPSHOT_FORMAT, docs: this.docs, keys: [...this.slots.keys()].join('\n'), offsets: this.offsets, data: this.data, documentCounts: this.documentCounts });
  }

  static deserialize(buffer: Buffer): CandidateIndex {
    let data: { format?: number; docs: IndexedDoc[]; keys: string; offsets: Int32Array; data: Int32Array; documentCounts: Int32Array };
    try {
      data = deserialize(buffer) as typeof data;
    } catch (error) {
      throw new InterdictError('SNAPSHOT_INVALID', `index snapshot unreadable: ${(error as Error).message}`);
    }
    if (data?.format !== SNAPSHOT_FORMAT) {
      throw new InterdictError('SNAPSHOT_FORMAT', `index snapshot has format ${String(data?.format)}, this version reads format ${SNAPSHOT_FORMAT}`);
    }
    return new CandidateIndex(data.docs, new Map(data.keys.split('\n').map((key, i) => [key, i])), data.offsets, data.data, data.documentCounts);
  }
}

/** Give the query's tokens memo slots, one per distinct text. */
function numberQueryTokens(query: PreparedEntity): void {
  const slots = new Map<string, number>();
  for (const name of query.names) {
    for (const unit of name.units) {
      let slot = slots.get(unit.token.text);
      if (slot === undefined) slots.set(unit.token.text, (slot = slots.size));
      unit.token.id = slot;
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
