import { describe, expect, it } from 'vitest';
import { contentHash, entityHash } from './canonical.js';
import { diffHashes } from './diff.js';
import type { Entity } from './entity.js';

const entity = (over: Partial<Entity> = {}): Entity => ({
  id: 'un_sc-KPi.037',
  schema: 'Person',
  caption: 'CHANG CHANG HA',
  properties: { name: ['CHANG CHANG HA'], alias: ['Jang Chang Ha', 'Chang Ha'] },
  datasets: ['un_sc'],
  designations: [
    { dataset: 'un_sc', authority: 'UNSC', program: 'DPRK' },
    { dataset: 'un_sc', authority: 'UNSC', program: 'NPWMD', provisions: ['b', 'a'] },
  ],
  ...over,
});

describe('entityHash', () => {
  it('ignores the order of values, properties and designations', () => {
    const a = entity();
    const b = entity({
      properties: { alias: ['Chang Ha', 'Jang Chang Ha'], name: ['CHANG CHANG HA'] },
      designations: [
        { program: 'NPWMD', provisions: ['a', 'b'], authority: 'UNSC', dataset: 'un_sc' },
        { dataset: 'un_sc', authority: 'UNSC', program: 'DPRK' },
      ],
    });
    expect(entityHash(a)).toBe(entityHash(b));
  });

  it('changes when a value or a designation changes', () => {
    const base = entityHash(entity());
    expect(entityHash(entity({ properties: { name: ['CHANG CHANG HA'], alias: ['Jang Chang Ha'] } }))).not.toBe(base);
    expect(entityHash(entity({ designations: [{ dataset: 'un_sc', authority: 'UNSC', program: 'DPRK', listingDate: '2016-11-30' }] }))).not.toBe(base);
  });
});

describe('contentHash', () => {
  it('does not depend on record order', () => {
    expect(contentHash([['a', '1'], ['b', '2']])).toBe(contentHash([['b', '2'], ['a', '1']]));
    expect(contentHash([['a', '1']])).not.toBe(contentHash([['a', '2']]));
  });
});

describe('diffHashes', () => {
  it('finds added, removed and changed ids, sorted', () => {
    const before = new Map([['a', '1'], ['b', '2'], ['c', '3']]);
    const after = new Map([['c', '3'], ['b', '9'], ['d', '4']]);
    expect(diffHashes(before, after)).toEqual({ added: ['d'], removed: ['a'], changed: ['b'] });
  });
});
