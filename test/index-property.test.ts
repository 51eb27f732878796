import { serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex, SNAPSHOT_FORMAT } from '../src/core/index/index.js';
import { readPublication } from '../src/sources/index.js';
import { fixture } from './helpers/fixtures.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

const CUTOFF = 0.5;

// Romanization swaps a clerk or another authority might make.
const SWAPS: [RegExp, string][] = [
  [/\bri\b/gi, 'Lee'], [/\blee\b/gi, 'Ri'], [/\bpak\b/gi, 'Park'], [/\bchoe\b/gi, 'Choi'], [/jong/gi, 'jeong'], [/chol/gi, 'cheol'],
  [/kyong/gi, 'gyeong'], [/myong/gi, 'myeong'], [/hyok/gi, 'hyeok'], [/song/gi, 'seong'], [/\bun\b/gi, 'eun'], [/kwang/gi, 'gwang'],
  [/-/g, ' '], [/ /g, '-'],
];

type Mutation = { kind: 'typo'; at: number; char: string } | { kind: 'drop'; at: number } | { kind: 'swap-order' } | { kind: 'romanize'; swap: number } | { kind: 'none' };

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
    case 'none':
      return name;
  }
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('typo' as const), at: fc.nat(), char: fc.constantFrom('a', 'e', 'o', 'k', 'n', 'x', '') }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.constant({ kind: 'swap-order' as const }),
  fc.record({ kind: fc.constant('romanize' as const), swap: fc.nat() }),
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
      { numRuns: HAVE_SHARED_DATA ? 150 : 300, seed: 20261123 },
    );
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
      { numRuns: HAVE_SHARED_DATA ? 60 : 200, seed: 20261124 },
    );
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
