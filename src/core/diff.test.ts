import { describe, expect, it } from 'vitest';
import { changedParts, describeDiff, diffHashes } from './diff.js';
import type { Entity } from './entity.js';

const entity = (id: string, caption: string, changes: Partial<Entity> = {}): Entity => ({
  id, schema: 'Person', caption, properties: { name: [caption] }, datasets: ['us_ofac_sdn'], designations: [{ dataset: 'us_ofac_sdn', authority: 'OFAC', program: 'DPRK' }], ...changes,
});

describe('changedParts', () => {
  it('names the properties whose values differ, in name order, then the other parts of the record', () => {
    const before = entity('x-1', 'KIM, Jong Un', { properties: { name: ['KIM, Jong Un'], birthDate: ['1983'], alias: ['Kim Jong-un'] } });
    const after = entity('x-1', 'KIM, Jong Un', {
      properties: { name: ['KIM, Jong Un'], birthDate: ['1984-01-08'], nationality: ['kp'], alias: ['Kim Jong-un'] },
      designations: [{ dataset: 'us_ofac_sdn', authority: 'OFAC', program: 'DPRK2' }],
    });
    expect(changedParts(before, after)).toEqual(['birthDate', 'nationality', 'designations']);
  });

  it('counts a property given on one side only, and a changed caption or schema', () => {
    const before = entity('x-1', 'Old Name', { properties: { name: ['Old Name'], notes: ['n'] } });
    const after = entity('x-1', 'New Name', { schema: 'Organization', properties: { name: ['New Name'] } });
    expect(changedParts(before, after)).toEqual(['name', 'notes', 'caption', 'schema']);
  });

  it('ignores the order of values and designations, as the content hash does', () => {
    const before = entity('x-1', 'A', { properties: { name: ['A'], alias: ['B', 'C'] } });
    const after = entity('x-1', 'A', { properties: { alias: ['C', 'B', 'B'], name: ['A'] } });
    expect(changedParts(before, after)).toEqual([]);
  });
});

describe('describeDiff', () => {
  it('names added entities by their new record, removed ones by their old, changed ones by the newer, with what changed', () => {
    const before = new Map([
      ['a', entity('a', 'ALPHA')],
      ['b', entity('b', 'BRAVO', { properties: { name: ['BRAVO'], birthDate: ['1960'] } })],
    ]);
    const after = new Map([
      ['b', entity('b', 'BRAVO TWO', { properties: { name: ['BRAVO'], birthDate: ['1961'] } })],
      ['c', entity('c', 'CHARLIE')],
    ]);
    const diff = { added: ['c'], removed: ['a'], changed: ['b'] };
    expect(describeDiff(diff, before, after)).toEqual({
      added: ['c'], removed: ['a'], changed: ['b'],
      captions: { a: 'ALPHA', b: 'BRAVO TWO', c: 'CHARLIE' },
      changed_properties: { b: ['birthDate', 'caption'] },
    });
  });

  it('keeps the ids of a diff whose records it was not given, without names', () => {
    const diff = diffHashes(new Map([['a', '1']]), new Map([['b', '2']]));
    expect(describeDiff(diff, new Map(), new Map())).toEqual({ added: ['b'], removed: ['a'], changed: [], captions: {}, changed_properties: {} });
  });
});
