import { describe, expect, it } from 'vitest';
import { readQuery } from './index.js';
import { fitSchema } from './schema-fit.js';

describe('fitSchema', () => {
  it('screens a Person named like an organization, or holding a vessel\'s or a company\'s identifiers, as a LegalEntity', () => {
    expect(fitSchema('Person', { name: ['Tanchon Commercial Bank'] })).toEqual({ schema: 'LegalEntity', warning: 'schema Person, but the row has "bank" in the name: screened as LegalEntity (people and organizations alike)' });
    expect(fitSchema('Person', { name: ['조선광업개발무역회사'] }).schema).toBe('LegalEntity');
    expect(fitSchema('Person', { name: ['Sea Star'], imoNumber: ['9123456'] }).warning).toContain('imoNumber');
    expect(fitSchema('Company', { name: ['Kim Yong Chol'], birthDate: ['1947'], passportNumber: ['563120356'] }).warning).toBe('schema Company, but the row has birthDate, passportNumber: screened as LegalEntity (people and organizations alike)');
  });

  it('leaves a schema the data agrees with as it is, and only reports a Vessel with a person\'s details', () => {
    expect(fitSchema('Person', { name: ['Kim Yong Chol'], birthDate: ['1947'] })).toEqual({ schema: 'Person' });
    expect(fitSchema('Company', { name: ['Korea Mining Development Trading Corporation'] })).toEqual({ schema: 'Company' });
    expect(fitSchema('Vessel', { name: ['Chong Chon Gang'], birthDate: ['1970'] })).toEqual({ schema: 'Vessel', warning: 'schema Vessel, but the row has birthDate (a person\'s details)' });
  });
});

describe('readQuery', () => {
  it('checks a stated schema only, and says what it dropped', () => {
    const read = readQuery('LegalEntity', { name: [' Office 39 ', ''], birthDate: ['1984-13-45'] });
    expect(read).toEqual({ schema: 'LegalEntity', properties: { name: ['Office 39'] }, warnings: ['birthDate "1984-13-45" is not a date that exists; dropped'] });
    expect(readQuery('Person', { name: ['Office 39'] }, { schemaStated: true }).schema).toBe('LegalEntity');
    expect(readQuery('Person', { name: ['Office 39'] }).schema).toBe('Person');
  });
});
