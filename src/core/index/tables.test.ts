import { describe, expect, it } from 'vitest';
import { checkHash, flatten, bucketHash } from './tables.js';

describe('flatten', () => {
  it('lays lists end to end with their offsets', () => {
    const [offsets, values] = flatten([[1, 2], [], [3]]);
    expect([...offsets]).toEqual([0, 2, 2, 3]);
    expect([...values]).toEqual([1, 2, 3]);
  });
});

describe('bucketHash and checkHash', () => {
  it('tell apart every retrieval key of a real-sized vocabulary by the pair of hashes', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `d:${i.toString(36)}x${(i * 7919).toString(36)}`);
    const pairs = new Set(keys.map((k) => `${bucketHash(k)}:${checkHash(k)}`));
    expect(pairs.size).toBe(keys.length);
    expect(bucketHash('k:jong')).not.toBe(bucketHash('k:jon'));
  });
});
