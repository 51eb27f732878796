import { describe, expect, it } from 'vitest';
import { partyHash, partyName } from './party.js';

describe('partyName', () => {
  it('is the first name that is not blank, trimmed', () => {
    expect(partyName({ id: 'p', schema: 'Person', properties: { name: ['  ', ' Kim Yong Chol ', 'Other'] } })).toBe('Kim Yong Chol');
    expect(partyName({ id: 'p', schema: 'Person', properties: { name: [' ', ''] } })).toBeUndefined();
    expect(partyName({ id: 'p', schema: 'Person', properties: { alias: ['Kim'] } })).toBeUndefined();
  });
});

describe('partyHash', () => {
  it('keeps the hashes parties are stored under', () => {
    // Changing any of these marks every stored party edited, and screens them all again.
    expect(partyHash({ id: 'a', schema: 'Person', properties: { name: ['Kim Yong Chol'] } })).toBe('b0e0f81a173cccecdc4bf3d2d815bfbf');
    expect(partyHash({ id: 'b', schema: 'Person', properties: { name: [' Kim Yong Chol ', 'Kim Yong Chol', ''], birthDate: ['1961'], nationality: [] } })).toBe('e52c058a75fbb95903ca4efa82aabc8d');
    expect(partyHash({ id: 'c', schema: 'Company', properties: { '10': ['x'], '9': ['y'], name: ['Ünïcode "q"'] } })).toBe('eb1d1809b432b4e70bf86c51be65d743');
  });

  it('ignores the id, the order of keys and values, blanks, repeats and surrounding spaces', () => {
    const base = partyHash({ id: 'a', schema: 'Person', properties: { name: ['Kim', 'Ri'], country: ['kp'] } });
    expect(partyHash({ id: 'z', schema: 'Person', properties: { country: [' kp', ''], name: ['Ri', 'Kim', 'Kim '], alias: [] } })).toBe(base);
  });

  it('changes with the schema or any value', () => {
    const base = partyHash({ id: 'a', schema: 'Person', properties: { name: ['Kim'] } });
    expect(partyHash({ id: 'a', schema: 'LegalEntity', properties: { name: ['Kim'] } })).not.toBe(base);
    expect(partyHash({ id: 'a', schema: 'Person', properties: { name: ['Kim'], birthDate: ['1961'] } })).not.toBe(base);
    expect(partyHash({ id: 'a', schema: 'Person', properties: { name: ['Kimm'] } })).not.toBe(base);
  });
});
