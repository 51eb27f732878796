// Flat tables the candidate index is made of: lists as one array with offsets, and the hash
// table of retrieval keys.

/** Lists of numbers as one flat array with offsets: list i is values[offsets[i]] .. values[offsets[i + 1]]. */
export function flatten(lists: number[][]): [Int32Array, Int32Array] {
  const offsets = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, i) => {
    offsets[i] = total;
    total += list.length;
  });
  offsets[lists.length] = total;
  const values = new Int32Array(total);
  lists.forEach((list, i) => values.set(list, offsets[i]!));
  return [offsets, values];
}

/** A key's bucket hash (FNV-1a, 32 bits). */
export function bucketHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A second, independent hash of a key (multiply-xorshift with a final mix), to tell apart keys sharing a bucket. */
export function checkHash(key: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The retrieval-key table: each word's keys hashed into buckets, a power of two of them. Bucket
 * b holds words[offsets[b]] .. words[offsets[b + 1]], each with its key's second hash in checks,
 * so that keys sharing a bucket are told apart.
 */
export interface KeyTable {
  keyOffsets: Int32Array;
  keyWords: Int32Array;
  keyChecks: Int32Array;
}

/** Build the table from each word's keys (word numbers are positions in `keysOfWords`). */
export function keyTable(keysOfWords: string[][]): KeyTable {
  // Gathered in growable typed arrays: a large index has tens of millions of entries.
  let hashes: Int32Array = new Int32Array(1 << 16);
  let checks: Int32Array = new Int32Array(1 << 16);
  let words: Int32Array = new Int32Array(1 << 16);
  let size = 0;
  keysOfWords.forEach((keys, word) => {
    for (const key of keys) {
      if (size === hashes.length) [hashes, checks, words] = [hashes, checks, words].map(grow) as [Int32Array, Int32Array, Int32Array];
      hashes[size] = bucketHash(key);
      checks[size] = checkHash(key);
      words[size++] = word;
    }
  });
  const buckets = 2 ** Math.max(10, Math.ceil(Math.log2(size + 1)));
  const keyOffsets = new Int32Array(buckets + 1);
  for (let i = 0; i < size; i++) keyOffsets[(hashes[i]! & (buckets - 1)) + 1]!++;
  for (let b = 0; b < buckets; b++) keyOffsets[b + 1]! += keyOffsets[b]!;
  const fill = keyOffsets.slice(0, buckets);
  const keyWords = new Int32Array(size);
  const keyChecks = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const at = fill[hashes[i]! & (buckets - 1)]!++;
    keyWords[at] = words[i]!;
    keyChecks[at] = checks[i]!;
  }
  return { keyOffsets, keyWords, keyChecks };
}

/** The range of the table holding a key's entries: [start, end), to be filtered by `checkHash`. */
export function bucketRange(table: KeyTable, key: string): [number, number] {
  const bucket = bucketHash(key) & (table.keyOffsets.length - 2);
  return [table.keyOffsets[bucket]!, table.keyOffsets[bucket + 1]!];
}

function grow(from: Int32Array): Int32Array {
  const to = new Int32Array(from.length * 2);
  to.set(from);
  return to;
}
