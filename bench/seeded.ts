// Deterministic inputs for benchmarks and the evaluation: every run measures the same cases.

/** A pseudo-random sequence in [0, 1) from a seed (a linear congruential generator). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The name with one letter, not the first or last, replaced by one of `letters`: a clerk's typo. */
export function withTypo(name: string, next: () => number, letters: string): string {
  const at = 1 + Math.floor(next() * (name.length - 2));
  return name.slice(0, at) + letters[Math.floor(next() * letters.length)] + name.slice(at + 1);
}
