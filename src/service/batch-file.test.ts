import { describe, expect, it } from 'vitest';
import { mapColumns } from './customer-file.js';

describe('mapColumns', () => {
  it('recognizes the usual column names, whatever their case', () => {
    const map = mapColumns(['Customer_ID', 'Full_Name', 'DOB', 'Country', 'Passport']);
    expect(map.id).toBe(0);
    expect(Object.fromEntries(map.properties)).toEqual({ name: [1], birthDate: [2], country: [3], passportNumber: [4] });
  });

  it('takes property=column pairs, a property possibly several times', () => {
    const map = mapColumns(['ref', 'primary', 'other', 'born', 'kind'], 'id=ref,name=primary,name=other,birthDate=born,schema=kind');
    expect(map).toMatchObject({ id: 0, schema: 4 });
    expect(map.properties.get('name')).toEqual([1, 2]);
  });

  it('says what is missing or malformed, with the header it has', () => {
    expect(() => mapColumns(['a', 'b'])).toThrow('no name column: name the column that holds names (columns name=COLUMN; the header has a, b)');
    expect(() => mapColumns(['a'], 'name=z')).toThrow('column "z" is not in the header (a)');
    expect(() => mapColumns(['a'], 'name')).toThrow('columns: "name" is not property=column');
  });
});
