import { describe, expect, it } from 'vitest';
import { AUTHORITIES, OFAC_DPRK_PROGRAMS, authorityOf, statedBasis } from './authorities.js';

describe('AUTHORITIES', () => {
  it('holds the lists Interdict compares, each with a sentence, official sources and a verification status', () => {
    for (const dataset of ['un_sc', 'us_ofac_sdn', 'au_dfat', 'ca_sema', 'gb_hmt', 'eu_fsf']) {
      const entry = AUTHORITIES[dataset]!;
      expect(entry.detail, dataset).toMatch(/^[A-Z].*\.$/);
      expect(entry.sources.length, dataset).toBeGreaterThan(0);
      for (const source of entry.sources) expect(source, dataset).toMatch(/^https?:\/\/[^\s]+$/);
    }
    expect(AUTHORITIES.ca_sema!.implements_un).toBe('regulation');
    expect(AUTHORITIES.au_dfat!.implements_un).toBe('lists');
    expect(AUTHORITIES.us_ofac_sdn!.implements_un).toBe('own_programs');
  });

  it('states only verified OFAC program mappings in its sentence: the tag DPRK\'s E.O. is not verified', () => {
    expect(OFAC_DPRK_PROGRAMS.find((p) => p.tag === 'DPRK')!.verification).toBe('partially_verified');
    expect(AUTHORITIES.us_ofac_sdn!.detail).not.toContain('13551');
  });
});

describe('authorityOf', () => {
  it('assumes nothing of a list not in the table', () => {
    expect(authorityOf('opensanctions')).toMatchObject({ authority: 'opensanctions', implements_un: 'unknown', sources: [], verification: 'unverified' });
    expect(authorityOf('au_dfat')).toBe(AUTHORITIES.au_dfat);
  });
});

describe('statedBasis', () => {
  it('reads DFAT\'s Committees field: a UN committee, or autonomous; null where a list does not say', () => {
    expect(statedBasis({ dataset: 'au_dfat', program: '1718 (DPRK)' })).toBe('un');
    expect(statedBasis({ dataset: 'au_dfat', program: '1267 (ISIL (Da\'esh) & Al-Qaida)' })).toBe('un');
    expect(statedBasis({ dataset: 'au_dfat', program: 'Autonomous (DPRK)' })).toBe('autonomous');
    expect(statedBasis({ dataset: 'au_dfat', program: '' })).toBeNull();
    expect(statedBasis({ dataset: 'us_ofac_sdn', program: 'DPRK3' })).toBeNull();
  });
});
