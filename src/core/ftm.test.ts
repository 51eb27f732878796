import { describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS, IDENTIFIER_PROPERTIES, LABELS, MATCHED_IDENTIFIER_PROPERTIES, MATCH_PROPERTIES, NAME_PROPERTIES, QUERY_SCHEMATA, TARGET_SCHEMATA, customerColumn, labelOf, schemataCompatible } from './ftm.js';

describe('schemataCompatible', () => {
  it('lets a LegalEntity query match people and organizations, not vessels', () => {
    expect(schemataCompatible('LegalEntity', 'Person')).toBe(true);
    expect(schemataCompatible('LegalEntity', 'Company')).toBe(true);
    expect(schemataCompatible('LegalEntity', 'Vessel')).toBe(false);
  });
  it('lets any organization match any other, and a person only a person', () => {
    expect(schemataCompatible('Company', 'Organization')).toBe(true);
    expect(schemataCompatible('PublicBody', 'Company')).toBe(true);
    expect(schemataCompatible('Person', 'Organization')).toBe(false);
    expect(schemataCompatible('Organization', 'Person')).toBe(false);
  });
  it('lets a Thing match anything', () => {
    for (const schema of TARGET_SCHEMATA) expect(schemataCompatible('Thing', schema)).toBe(true);
  });
});

describe('the property lists', () => {
  it('has every target schema among the query schemata', () => {
    for (const schema of TARGET_SCHEMATA) expect(QUERY_SCHEMATA).toContain(schema);
  });
  it('lets a query carry every name, identifier and customer-column property', () => {
    for (const property of [...NAME_PROPERTIES, ...IDENTIFIER_PROPERTIES, ...Object.keys(CUSTOMER_COLUMNS)]) expect(MATCH_PROPERTIES.has(property), property).toBe(true);
  });
  it('compares only identifiers it knows', () => {
    for (const property of MATCHED_IDENTIFIER_PROPERTIES) expect(IDENTIFIER_PROPERTIES).toContain(property);
  });
});

describe('labelOf', () => {
  it('names a property for people', () => {
    expect(labelOf('passportNumber')).toBe('Passport number');
    expect(labelOf('Company')).toBe('Company');
  });
  it('spells out a property it has no label for', () => {
    expect(labelOf('ownershipAsset')).toBe('Ownership asset');
  });
  it('has a label of its own for every property a query may carry and every schema', () => {
    for (const name of [...MATCH_PROPERTIES, ...QUERY_SCHEMATA]) expect(LABELS[name], name).toBeDefined();
  });
});

describe('customerColumn', () => {
  it('reads the usual headers whatever their case and spaces', () => {
    expect(customerColumn(' Date_of_Birth ')).toBe('birthDate');
    expect(customerColumn('IMO')).toBe('imoNumber');
    expect(customerColumn('Passport_No')).toBe('passportNumber');
    expect(customerColumn('Customer_ID')).toBe('id');
    expect(customerColumn('Type')).toBe('schema');
  });
  it('leaves an unknown header unmapped', () => {
    expect(customerColumn('balance')).toBeUndefined();
  });
  it('gives each header name one property only', () => {
    const all = Object.values(CUSTOMER_COLUMNS).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
