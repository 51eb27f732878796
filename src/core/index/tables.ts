// Flat tables the candidate index is made of: lists as one array with offsets, and the two
// hashes of its retrieval-key table.

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
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A second, independent hash of a key (multiply-xorshift with a final mix), to tell apart keys sharing a bucket. */
export function checkKey(key: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
