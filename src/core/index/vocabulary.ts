import { collectionsOf } from '../collections.js';
import { isTargetSchema, type Entity } from '../entity.js';
import { prepareEntity, type PreparedEntity } from '../match/prepare.js';
import { registeredKeys } from '../names/word-keys.js';
import { makeToken, unitsInto, wordIdentity, type NameToken } from '../names/tokens.js';
import { flatten, keyTable, type KeyTable } from './tables.js';

/** Names of one document told apart in postings (the 32nd and later share the last bit): codes are doc × 32 + name. */
export const NAME_BITS = 32;

/** An indexed entity, prepared for scoring (its names' weights, for the bounds, are set by the index). */
export interface IndexedDoc {
  entity: PreparedEntity;
  datasets: string[];
  collections: string[];
}

// Scratch space for a name's units while indexing.
const unitTokens: NameToken[] = [];
const unitMasks: number[] = [];
const unitSizes: number[] = [];

/** The parts an index is made of, as built or as read from a snapshot. */
export interface Parts extends KeyTable {
  docs: IndexedDoc[];
  wordTokens: NameToken[];
  wordOffsets: Int32Array;
  codes: Int32Array;
  spots: Int32Array;
  identifiers: Map<string, number[]>;
  keyDocuments: Map<string, number>;
}

/**
 * The vocabulary and postings of a set of entities: every distinct word (and pair of adjacent
 * words written together) once, with the names holding it and its retrieval keys hashed into a
 * flat table; how many entities hold each Korean key (for rarity). Word weights, which need the
 * finished vocabulary, are left to the index.
 */
export function buildParts(entities: Iterable<Entity>): Parts {
  const { docs, wordTokens, codeLists, spotLists, identifiers } = indexWords(entities);
  const [wordOffsets, codes] = flatten(codeLists);
  const [, spots] = flatten(spotLists);
  const keys = keyTable(wordTokens.map((token) => registeredKeys(token)));
  const keyDocuments = countKeyDocuments(wordTokens, wordOffsets, codes, docs.length);
  return { docs, wordTokens, wordOffsets, codes, spots, ...keys, identifiers, keyDocuments };
}

/** The document of a posting code (doc × 32 + name). */
export function docOf(code: number): number {
  return code >>> 5;
}

/** Prepare the entities and gather, per distinct word, the names holding it; and the identifiers. */
function indexWords(entities: Iterable<Entity>) {
  // Entities share a few combinations of datasets and collections: one array each.
  const lists = new Map<string, string[]>();
  const intern = (values: string[]): string[] => {
    const key = values.join('\u0000');
    let list = lists.get(key);
    if (!list) lists.set(key, (list = values));
    return list;
  };
  const docs: IndexedDoc[] = [];
  const words = new Map<string, number>();
  const wordTokens: NameToken[] = [];
  const codeLists: number[][] = [];
  const spotLists: number[][] = [];
  const identifiers = new Map<string, number[]>();
  for (const entity of entities) {
    if (!isTargetSchema(entity.schema)) continue;
    const prepared = prepareEntity(entity, { initials: true });
    if (prepared.names.length === 0 && prepared.identifiers.length === 0) continue;
    const doc = docs.length;
    docs.push({ entity: prepared, datasets: intern(entity.datasets), collections: intern(collectionsOf(entity)) });
    prepared.names.forEach((name, n) => {
      const code = doc * NAME_BITS + Math.min(n, NAME_BITS - 1);
      const count = unitsInto(name, unitTokens, unitMasks, unitSizes);
      const single = name.tokens.length;
      for (let u = 0; u < count; u++) {
        const token = unitTokens[u]!;
        // Every occurrence of a word shares the vocabulary's token (its text, key and weight are stored once).
        const vocabularyKey = wordIdentity(token);
        let word = words.get(vocabularyKey);
        if (word === undefined) {
          word = wordTokens.length;
          words.set(vocabularyKey, word);
          wordTokens.push(makeToken(token.text, token.key, token.kind, token.abjad));
          codeLists.push([]);
          spotLists.push([]);
        }
        // Single words come first among a name's units, then the pairs written together.
        if (u < single) name.tokens[u] = wordTokens[word]!;
        else name.joined[u - single] = wordTokens[word]!;
        const codes = codeLists[word]!;
        const spots = spotLists[word]!;
        // A word twice in one name is one posting, with both positions.
        if (codes[codes.length - 1] === code) spots[spots.length - 1]! |= unitMasks[u]!;
        else {
          codes.push(code);
          spots.push(unitMasks[u]!);
        }
      }
    });
    for (const id of prepared.identifiers) {
      let list = identifiers.get(id);
      if (!list) identifiers.set(id, (list = []));
      if (list[list.length - 1] !== doc) list.push(doc);
    }
  }
  return { docs, wordTokens, codeLists, spotLists, identifiers };
}

/** How many documents hold a word with each Korean key. */
function countKeyDocuments(wordTokens: NameToken[], wordOffsets: Int32Array, codes: Int32Array, documents: number): Map<string, number> {
  const byKoreanKey = new Map<string, number[]>();
  wordTokens.forEach((token, word) => {
    let group = byKoreanKey.get(token.key);
    if (!group) byKoreanKey.set(token.key, (group = []));
    group.push(word);
  });
  const counts = new Map<string, number>();
  const seen = new Int32Array(documents).fill(-1);
  let group = 0;
  for (const [key, members] of byKoreanKey) {
    let count = 0;
    for (const word of members) {
      for (let p = wordOffsets[word]!; p < wordOffsets[word + 1]!; p++) {
        const doc = docOf(codes[p]!);
        if (seen[doc] !== group) {
          seen[doc] = group;
          count++;
        }
      }
    }
    counts.set(key, count);
    group++;
  }
  return counts;
}
