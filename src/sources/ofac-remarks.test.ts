import { describe, expect, it } from 'vitest';
import { EntityBuilder } from '../core/entity.js';
import { applyRemarks, splitRemarks } from './ofac-remarks.js';

describe('splitRemarks', () => {
  it('splits at semicolons outside quotes and keeps apostrophes inside names', () => {
    expect(splitRemarks("DOB 07 Jan 1930; a.k.a. 'O, Ku'k-ryo'l; Jr.'; POB Onso'ng County.")).toEqual([
      'DOB 07 Jan 1930',
      "a.k.a. 'O, Ku'k-ryo'l; Jr.'",
      "POB Onso'ng County",
    ]);
  });
});

describe('applyRemarks', () => {
  it('reads dates, places, documents, gender, vessel ids, aliases and provisions', () => {
    const entity = new EntityBuilder('us_ofac_sdn', 'us_ofac_sdn-1', 'Person');
    entity.add('name', 'KIM, Yong Chol');
    const facts = applyRemarks(entity,
      "DOB circa 1947; alt. DOB 05 May 1946; POB Pyongan-Pukto, North Korea; nationality Korea, North; Gender Male; " +
      "Passport 563120356 (Korea, North) expires 07 Dec 2021; National ID No. 1234 (Korea, North); Vessel Registration Identification IMO 7937317; MMSI 445 123 456; " +
      "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; a.k.a. 'KIM, Young-Chol'; f.k.a. 'KIM, Yong-Chol'.", false);
    const p = entity.build().properties;
    expect(p.birthDate).toEqual(['1947', '1946-05-05']);
    expect(p.birthPlace).toEqual(['Pyongan-Pukto, North Korea']);
    expect(p.nationality).toEqual(['Korea, North']);
    expect(p.gender).toEqual(['male']);
    expect(p.passportNumber).toEqual(['563120356']);
    expect(p.idNumber).toEqual(['1234']);
    expect(p.imoNumber).toEqual(['IMO7937317']);
    expect(p.mmsi).toEqual(['445123456']);
    expect(p.alias).toEqual(['KIM, Young-Chol']);
    expect(p.previousName).toEqual(['KIM, Yong-Chol']);
    expect(facts.provisions).toEqual(['Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210']);
    expect(p.notes?.[0]).toContain('DOB circa 1947');
  });
});

describe('applyRemarks, a bank', () => {
  it('reads a SWIFT/BIC code', () => {
    const entity = new EntityBuilder('us_ofac_sdn', 'us_ofac_sdn-20572', 'Organization');
    entity.add('name', 'KORYO BANK');
    applyRemarks(entity, 'SWIFT/BIC KORBKPPY; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; all offices worldwide.', true);
    expect(entity.build().properties.swiftBic).toEqual(['KORBKPPY']);
  });
});
