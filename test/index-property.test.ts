import { serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex, SNAPSHOT_FORMAT } from '../src/core/index/index.js';
import { readPublication } from '../src/sources/index.js';
import { seededRandom } from '../bench/seeded.js';
import { fixture } from './helpers/fixtures.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

const CUTOFF = 0.5;
/**
 * How many times the default number of queries each property asks: `INTERDICT_TEST_THOROUGH=1`
 * asks four times as many (and every Arabic-script name), for a deeper run than `npm test` makes
 * on a 2-core machine.
 */
const RUNS = process.env.INTERDICT_TEST_THOROUGH === '1' ? 4 : 1;

// Romanization swaps a clerk or another authority might make.
const SWAPS: [RegExp, string][] = [
  [/\bri\b/gi, 'Lee'], [/\blee\b/gi, 'Ri'], [/\bpak\b/gi, 'Park'], [/\bchoe\b/gi, 'Choi'], [/jong/gi, 'jeong'], [/chol/gi, 'cheol'],
  [/kyong/gi, 'gyeong'], [/myong/gi, 'myeong'], [/hyok/gi, 'hyeok'], [/song/gi, 'seong'], [/\bun\b/gi, 'eun'], [/kwang/gi, 'gwang'],
  [/-/g, ' '], [/ /g, '-'], [/ /g, ''],
];

// The variant families the scorer reads besides spellings: familiar forms, legal forms and
// numbers written out, titles, Baltic endings, digits for letters, Hangul titles.
const VARIANTS: [RegExp, string][] = [
  [/\brobert\b/gi, 'Bob'], [/\bwilliam\b/gi, 'Bill'], [/\balexander\b/gi, 'Sasha'], [/\bjose\b/gi, 'Pepe'], [/\bvladimir\b/gi, 'Volodya'],
  [/\bltd\b\.?/gi, 'Limited'], [/\bco\b\.?/gi, 'Company'], [/\bllc\b/gi, 'Limited Liability Company'], [/\bjsc\b/gi, 'Joint Stock Company'], [/\bag\b/gi, 'Aktiengesellschaft'],
  [/\b1\b/g, 'One'], [/\b2\b/g, 'Second'], [/\b3\b/g, 'III'], [/\bkorea\b/gi, 'DPRK'],
  [/^/, 'President '], [/^/, 'Dr. '], [/(\w{4,})\b/, '$1s'], [/(\w{4,})\b/, '$1as'], [/i/i, '1'], [/o/i, '0'], [/$/, ' 동지'],
];

type Mutation = { kind: 'typo'; at: number; char: string } | { kind: 'drop'; at: number } | { kind: 'swap-order' } | { kind: 'romanize'; swap: number } | { kind: 'variant'; which: number } | { kind: 'initial'; at: number } | { kind: 'transpose'; at: number } | { kind: 'none' };

function mutate(name: string, mutation: Mutation): string {
  const words = name.split(/\s+/).filter(Boolean);
  switch (mutation.kind) {
    case 'typo': {
      const i = mutation.at % Math.max(1, name.length);
      return name.slice(0, i) + mutation.char + name.slice(i + 1);
    }
    case 'drop':
      return words.length > 1 ? words.filter((_, i) => i !== mutation.at % words.length).join(' ') : name;
    case 'swap-order':
      return [...words.slice(1), words[0]].join(' ');
    case 'romanize': {
      const [pattern, replacement] = SWAPS[mutation.swap % SWAPS.length]!;
      return name.replace(pattern, replacement);
    }
    case 'variant': {
      const [pattern, replacement] = VARIANTS[mutation.which % VARIANTS.length]!;
      return name.replace(pattern, replacement);
    }
    case 'initial': {
      // A word as its initial (R. Kadyrov), when the name has another.
      if (words.length < 2) return name;
      const i = mutation.at % words.length;
      return words.map((w, k) => (k === i ? `${w[0]}.` : w)).join(' ');
    }
    case 'transpose': {
      // Two adjacent letters swapped (Madruo, Cohl).
      const i = mutation.at % Math.max(1, name.length - 1);
      return name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
    }
    case 'none':
      return name;
  }
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('typo' as const), at: fc.nat(), char: fc.constantFrom('a', 'e', 'o', 'k', 'n', 'x', '') }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.constant({ kind: 'swap-order' as const }),
  fc.record({ kind: fc.constant('romanize' as const), swap: fc.nat() }),
  fc.record({ kind: fc.constant('variant' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('initial' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('transpose' as const), at: fc.nat() }),
  fc.constant({ kind: 'none' as const }),
);

async function corpus(): Promise<Entity[]> {
  if (HAVE_SHARED_DATA) {
    const un = await readPublication(dataPath('un_sc/2026-02-27/consolidated.xml'));
    const ofac = await readPublication(dataPath('ofac_sdn_csv/2021-07-07'));
    return [...un.entities, ...ofac.entities];
  }
  const small = await Promise.all(['un-small.xml', 'ofac-csv', 'ca-sema-small.xml'].map((f) => readPublication(fixture(f))));
  return small.flatMap((p) => p.entities);
}

describe('candidate index against a brute-force scan', async () => {
  const entities = await corpus();
  const index = CandidateIndex.build(entities);
  const names = entities.filter((e) => e.schema !== 'Airplane').flatMap((e) => ['name', 'alias'].flatMap((p) => e.properties[p] ?? []).map((name) => ({ name, schema: e.schema })));

  it(`retrieves every entity the scorer puts at or above ${CUTOFF}, for mutated listed names (${entities.length} entities)`, () => {
    fc.assert(
      fc.property(fc.nat({ max: names.length - 1 }), mutationArb, (i, mutation) => {
        const { name, schema } = names[i]!;
        const query = { schema, properties: { name: [mutate(name, mutation)] } };
        const expected = index.scanAll(query, CUTOFF).map((r) => r.id);
        const candidates = new Set(index.candidateIds(query, CUTOFF));
        const missed = expected.filter((id) => !candidates.has(id));
        expect(missed, `query ${JSON.stringify(query.properties.name)} missed ${missed.join(', ')}`).toEqual([]);
      }),
      { numRuns: (HAVE_SHARED_DATA ? 75 : 300) * RUNS, seed: 20261123 },
    );
  });

  it('finds what the scorer pairs in the variant families, on names a review found missed', () => {
    const listed: [string, string][] = [['Person', 'Ri Su Yong'], ['Organization', 'Koryo Bank'], ['Person', 'Nadine Wolff'], ['Person', 'Sasha Nikolaev'], ['Organization', 'Bank Melli (BMI)'], ['Organization', '1A Petroleum'], ['Organization', 'M3 Company'], ['Person', 'Ramzan Kadyrov'], ['Person', 'Kim Jong Un']];
    const small = CandidateIndex.build(listed.map(([schema, name], i) => ({ id: `v${i}`, schema, caption: name, properties: { name: [name] }, datasets: ['test'], designations: [] })));
    const queries: [string, string][] = [['Person', 'Rius Yong'], ['Organization', 'Ok Ryo Bank'], ['Person', 'Dee Dee Wolff'], ['Person', 'A. L. Nikolaev'], ['Organization', 'BMI'], ['Organization', 'A1 Petroleum'], ['Organization', '3M Company'], ['Person', 'R. Kadyrov'], ['Person', 'Kim J. U.'], ['Person', 'Kim Jong Nu']];
    for (const [schema, name] of queries) {
      const query = { schema, properties: { name: [name] } };
      expect(small.match(query, { limit: 5, cutoff: 0.3 }).map((r) => ({ id: r.id, score: r.score })), name).toEqual(small.scanAll(query, 0.3).slice(0, 5));
    }
  });

  it('returns what scoring every entity would: the same top results, with the same scores', () => {
    fc.assert(
      fc.property(fc.nat({ max: names.length - 1 }), mutationArb, (i, mutation) => {
        const { name, schema } = names[i]!;
        const query = { schema, properties: { name: [mutate(name, mutation)] } };
        const expected = index.scanAll(query, 0.3).slice(0, 5);
        const got = index.match(query, { limit: 5, cutoff: 0.3 }).map((r) => ({ id: r.id, score: r.score }));
        expect(got, `query ${JSON.stringify(query.properties.name)}`).toEqual(expected);
      }),
      { numRuns: (HAVE_SHARED_DATA ? 40 : 200) * RUNS, seed: 20261124 },
    );
  });

  it('returns what scoring every entity would for common words, whose long postings are first searched at a higher floor', () => {
    // 60,000 people named from three surnames and 2,000 given names drawn from the lists: each
    // query walks over 20,000 postings (the length at which a first search is made), and each
    // given name is in about 60 names (far fewer than the 1,000 candidates a query scores at most).
    const given = [...new Set(entities.flatMap((e) => e.properties.firstName ?? []).flatMap((n) => n.split(/\s+/)).filter((w) => /^\p{L}{3,}$/u.test(w)))].slice(0, 2000);
    const surnames = ['Kim', 'Ri', 'Pak'];
    const random = seededRandom(7);
    const next = (n: number): number => Math.floor(random() * n);
    const people: Entity[] = Array.from({ length: 60_000 }, (_, i) => {
      const name = `${surnames[i % 3]} ${given[next(given.length)]} ${given[next(given.length)]}`;
      return { id: `p${i}`, schema: 'Person', caption: name, properties: { name: [name] }, datasets: ['test'], designations: [] };
    });
    const crowded = CandidateIndex.build(people);
    let filled = 0;
    let unfilled = 0;
    fc.assert(
      fc.property(fc.nat({ max: people.length - 1 }), mutationArb, fc.boolean(), (i, mutation, stranger) => {
        const own = people[i]!.properties.name![0]!;
        // With a word found nowhere: the name's own entity and its namesakes score lower, and
        // the first search may find fewer than the limit.
        const name = stranger ? `${mutate(own, mutation)} Zuberovich` : mutate(own, mutation);
        const query = { schema: 'Person', properties: { name: [name] } };
        // Under 0.3, the crowd of 20,000 namesakes each scoring alike is cut at MAX_CANDIDATES.
        const expected = crowded.scanAll(query, 0.3).slice(0, 5);
        if (expected.length === 5 && expected[4]!.score >= 0.4) filled++;
        else unfilled++;
        const got = crowded.match(query, { limit: 5, threshold: 0, cutoff: 0.3 }).map((r) => ({ id: r.id, score: r.score }));
        expect(got, `query ${name}`).toEqual(expected);

      }),
      { numRuns: 24 * RUNS, seed: 20261125 },
    );
    // Both ways were taken: the first search filled the limit, or the search was made again.
    expect(filled).toBeGreaterThan(0);
    expect(unfilled).toBeGreaterThan(0);
  });

  it.skipIf(!HAVE_SHARED_DATA)('retrieves every entity the scorer puts at or above the cutoff for names in Arabic script', async () => {
    // DFAT gives names in Arabic script beside the Latin ones: the Latin ones indexed, the Arabic ones asked.
    const dfat = (await readPublication(dataPath('au_dfat/2024-12-17/regulation8_consolidated.xlsx'))).entities;
    const arabic = dfat.flatMap((e) => (e.properties.alias ?? []).concat(e.properties.name ?? []).filter((n) => /\p{Script=Arabic}/u.test(n)).map((name) => ({ name, schema: e.schema })));
    const latin = CandidateIndex.build(dfat.map((e) => ({ ...e, properties: Object.fromEntries(Object.entries(e.properties).map(([k, v]) => [k, v.filter((x) => !/\p{Script=Arabic}/u.test(x))])) })));
    expect(arabic.length).toBeGreaterThan(300);
    // One in eight (each is scored against every entity), every one when thorough.
    for (const { name, schema } of arabic.filter((_, i) => i % (RUNS > 1 ? 1 : 8) === 0)) {
      const query = { schema, properties: { name: [name] } };
      const candidates = new Set(latin.candidateIds(query, CUTOFF));
      const missed = latin.scanAll(query, CUTOFF).filter((r) => !candidates.has(r.id));
      expect(missed, `query ${name}`).toEqual([]);
    }
  });

  it('finds an organization by its initials, as a candidate below the threshold', () => {
    // The lists give RGB as an alias: without it, the initials of its name find it.
    const withoutAlias = CandidateIndex.build(entities.map((e) => ({ ...e, properties: { ...e.properties, alias: (e.properties.alias ?? []).filter((a) => a !== 'RGB') } })));
    const found = withoutAlias.match({ schema: 'Organization', properties: { name: ['RGB'] } }, { cutoff: 0.5 });
    const rgb = entities.filter((e) => e.properties.name?.some((n) => /^reconnaissance general bureau$/i.test(n)));
    if (HAVE_SHARED_DATA) expect(rgb.length).toBeGreaterThan(0);
    for (const entity of rgb) expect(found.find((r) => r.id === entity.id)).toMatchObject({ score: 0.7, match: false });
  });

  it('finds what a filter accepts behind more namesakes than it looks at', () => {
    const namesakes: Entity[] = Array.from({ length: 1_500 }, (_, i) => ({ id: `n${i}`, schema: 'Person', caption: 'Ivanov Petr', properties: { name: ['Ivanov Petr'] }, datasets: ['test'], designations: [] }));
    const crowd = CandidateIndex.build(namesakes);
    const query = { schema: 'Person', properties: { name: ['Ivanov Petr'] } };
    expect(crowd.match(query, { accept: (id) => id === 'n1499' }).map((r) => r.id)).toEqual(['n1499']);
  });

  it('finds a listed name\'s own entity first', () => {
    fc.assert(
      fc.property(fc.nat({ max: names.length - 1 }), (i) => {
        const { name, schema } = names[i]!;
        const [top] = index.match({ schema, properties: { name: [name] } }, { limit: 1, threshold: 0, cutoff: 0 });
        expect(top?.score).toBe(1);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('refuses a snapshot of another format and restores one of its own', () => {
    const restored = CandidateIndex.deserialize(index.serialize());
    const query = { schema: 'Person', properties: { name: [names[0]!.name] } };
    expect(restored.match(query)).toEqual(index.match(query));
    expect(() => CandidateIndex.deserialize(serialize({ format: SNAPSHOT_FORMAT + 1 }))).toThrow(`index snapshot has format ${SNAPSHOT_FORMAT + 1}`);
    expect(() => CandidateIndex.deserialize(Buffer.from('not a snapshot'))).toThrow(/snapshot/);
  });
});
