/**
 * Token similarity: an edit distance where confusable letters (the ones transliteration and
 * romanization swap: k/g/c, t/d, p/b/f, i/y, o/u, e/a, s/z, v/w, j/g) cost half an edit. Y and j
 * are not among them: Yong (용) and Jong (정) are different Korean names.
 */

const CONFUSABLE_PAIRS = ['kg', 'kc', 'gc', 'td', 'pb', 'pf', 'bf', 'iy', 'ou', 'ea', 'sz', 'vw', 'jg', 'jz', 'ck', 'ie', 'kq', 'xh'];

// Substitution costs for ASCII letters, doubled to fit integers: 0 same, 1 confusable, 2 other.
const COST = new Uint8Array(128 * 128).fill(2);
for (let i = 0; i < 128; i++) COST[i * 128 + i] = 0;
for (const [a, b] of CONFUSABLE_PAIRS.map((p) => [p.charCodeAt(0), p.charCodeAt(1)] as const)) {
  COST[a * 128 + b] = 1;
  COST[b * 128 + a] = 1;
}

function cost(a: number, b: number): number {
  if (a === b) return 0;
  return a < 128 && b < 128 ? COST[a * 128 + b]! : 2;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Weighted edit distance with half-cost confusable substitutions, where two adjacent letters
 * swapped (Madruo/Maduro, Cohl/Chol: the commonest typo) cost one edit, not two (the optimal
 * string alignment distance). Stops early and returns Infinity once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return Infinity;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 1);
    rowB = new Int32Array(b.length * 2 + 1);
    rowC = new Int32Array(b.length * 2 + 1);
  }
  // Rows i - 2, i - 1 and i of the table; costs doubled to stay integers.
  let before = rowC;
  let previous = rowA;
  let current = rowB;
  const limit = max * 2;
  for (let j = 0; j <= b.length; j++) previous[j] = j * 2;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i * 2;
    let rowMin = current[0]!;
    const ca = a.charCodeAt(i - 1);
    const caBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      const sub = previous[j - 1]! + cost(ca, cb);
      const del = previous[j]! + 2;
      const ins = current[j - 1]! + 2;
      let v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      if (j > 1 && caBefore === cb && ca === b.charCodeAt(j - 2) && ca !== cb) {
        const swap = before[j - 2]! + 2;
        if (swap < v) v = swap;
      }
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // A swap reaches back two rows: the row minimum of one row alone is no bound then, so
    // stop only when two rows in a row are past the limit.
    if (rowMin > limit && i > 1 && minOf(previous, b.length) > limit) return Infinity;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return previous[b.length]! / 2;
}

function minOf(row: Int32Array, length: number): number {
  let min = row[0]!;
  for (let j = 1; j <= length; j++) if (row[j]! < min) min = row[j]!;
  return min;
}

/** The edit distance a token of this length may have and still count as similar. */
export function allowedEdits(length: number): number {
  return length <= 2 ? 0 : length <= 4 ? 1 : length <= 7 ? 1.5 : 2.5;
}

/**
 * Similarity in [0, 1] from the edit distance, strict on short tokens: two letters of
 * difference in a four-letter token is no match.
 */
export function stringSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const length = Math.max(a.length, b.length);
  const allowed = allowedEdits(length);
  if (allowed === 0) return 0;
  const distance = editDistance(a, b, allowed);
  if (distance > allowed) return 0;
  return Math.max(0, 1 - distance / length);
}
