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

const words = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(/[\s,]+/)).filter((w) => /^\p{L}{2,}$/u.test(w));

/** Real name words of listed entities, by role, each once: given names, surnames, organization words. */
export function namePools(entities: readonly { schema: string; properties: Record<string, string[]> }[]): { given: string[]; surnames: string[]; orgWords: string[] } {
  const people = entities.filter((e) => e.schema === 'Person');
  return {
    given: [...new Set(people.flatMap((e) => words(e.properties.firstName)))],
    surnames: [...new Set(people.flatMap((e) => words(e.properties.lastName)))],
    orgWords: [...new Set(entities.filter((e) => e.schema !== 'Person').flatMap((e) => words(e.properties.name)))],
  };
}
