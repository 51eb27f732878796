import { describe, expect, it } from 'vitest';
import type { Entity } from '../entity.js';
import { InputError } from '../errors.js';
import { designationBan, travelBanOf, type DprkTravelBan } from './bans.js';
import { travelAnswer, type TravelRules } from './check.js';
import { exemptionGaps, readExemption, type Exemption } from './exemption.js';
import { readTraveller, type Traveller } from './traveller.js';

const person = (id: string, caption: string, designations: Entity['designations'], notes?: string[]): Entity => ({
  id, schema: 'Person', caption, properties: { name: [caption], ...(notes ? { notes } : {}) }, datasets: [designations[0]!.dataset], designations,
});
const KPI037 = person('un_sc-KPi.037', 'CHANG CHANG HA', [{ dataset: 'un_sc', authority: 'United Nations Security Council', program: 'DPRK', referenceNumber: 'KPi.037' }]);
/** The regime's measure as regimes/dprk.yaml gives it (test/travel-real-lists.test.ts reads the file). */
const DPRK: DprkTravelBan = { measure: 'travel-ban-1718', basis: 'UNSCR 1718 (2006) OP8(e)', status: 'verified' };
const RULES = (lists: string[] = []): TravelRules => ({ threshold: 0.75, dprk: DPRK, rulesVersion: 'dprk test', lists });
const TRIP: Traveller = { id: 't1', name: 'Jang Chang Ha', from: '2019-05-01', to: '2019-05-10', itinerary: ['CN', 'RU'] };
const EXEMPTION: Exemption = { reference: '1718-EX-1', persons: ['un_sc-KPi.037'], names: [], purpose: 'conference', from: '2019-04-28', to: '2019-05-12', transit: ['CN'], destination: ['RU'], source: 'letter', authority: '1718 Committee' };

describe('travelBanOf', () => {
  it('bans the UN DPRK designees under 1718 OP8(e), verified; Iraq\'s none; Libya\'s as the record says', () => {
    expect(travelBanOf(KPI037, DPRK)).toEqual({ basis: 'UNSCR 1718 (2006) OP8(e); UN list KPi.037', status: 'verified', effect: 'ban' });
    expect(travelBanOf(person('un_sc-IQi.001', 'X', [{ dataset: 'un_sc', authority: 'UN', program: 'Iraq', referenceNumber: 'IQi.001' }]), DPRK)).toBeUndefined();
    const libya = (notes: string) => travelBanOf(person('un_sc-LYi.001', 'Y', [{ dataset: 'un_sc', authority: 'UN', program: 'Libya', referenceNumber: 'LYi.001' }], [notes]), DPRK);
    expect(libya('Listed pursuant to paragraph 15 of resolution 1970 (Travel Ban).')?.effect).toBe('ban');
    expect(libya('Listed pursuant to paragraph 17 of resolution 1970 (Asset Freeze).')).toBeUndefined();
  });

  it('reads DFAT committees and declared autonomous listings, marks unverified bases, and uses no OFAC record', () => {
    const au = (program: string, reason?: string) => designationBan(KPI037, { dataset: 'au_dfat', authority: 'DFAT', program, referenceNumber: '123', ...(reason ? { reason } : {}) }, DPRK);
    expect(au('1718 (DPRK)')).toMatchObject({ status: 'verified', basis: 'UNSCR 1718 (2006) OP8(e); DFAT list 123 (1718 (DPRK))' });
    expect(au('1518 (Iraq)')).toBeUndefined();
    expect(au('Autonomous (DPRK)', 'Instrument of first designation and declaration: Autonomous Sanctions ...')).toMatchObject({ status: 'unverified', effect: 'ban' });
    expect(au('Autonomous (Russia)', 'Autonomous Sanctions (Designated Persons and Entities and Declared Persons—Russia and Ukraine) Amendment (No. 1) Instrument 2022')).toBeUndefined();
    expect(designationBan(KPI037, { dataset: 'us_ofac_sdn', authority: 'OFAC', program: 'DPRK' }, DPRK)).toBeUndefined();
  });
});

describe('travelAnswer', () => {
  const match = [{ entity: KPI037, score: 0.98 }];

  it('denies a designee without an exemption, naming the designation and its basis', () => {
    const answer = travelAnswer(TRIP, match, [], RULES(['v1']));
    expect(answer).toMatchObject({ id: 't1', verdict: 'denied', lists: ['v1'] });
    expect(answer.findings[0]).toMatchObject({ kind: 'travel_ban', verdict: 'denied', basis: 'UNSCR 1718 (2006) OP8(e); UN list KPi.037', entity: 'un_sc-KPi.037', exemption: null, status: 'verified', score: 0.98, caption: 'CHANG CHANG HA' });
  });

  it('allows a designee by an exemption within its dates and countries, by id or by name', () => {
    expect(travelAnswer(TRIP, match, [EXEMPTION], RULES()).findings[0]).toMatchObject({ verdict: 'allowed_by_exemption', exemption: '1718-EX-1', basis: 'UNSCR 1718 (2006) OP8(e); UN list KPi.037; exemption under UNSCR 1718 (2006) para 10 and 2094 (2013) para 10, 1718 Committee guidelines section 12' });
    expect(travelAnswer(TRIP, match, [{ ...EXEMPTION, authority: 'Auswärtiges Amt' }], RULES()).findings[0]!.basis).toBe('UNSCR 1718 (2006) OP8(e); UN list KPi.037; exemption: a licence of Auswärtiges Amt');
    const byName = { ...EXEMPTION, persons: [], names: ["Chang Chang-ha"] };
    expect(travelAnswer(TRIP, match, [byName], RULES()).verdict).toBe('allowed_by_exemption');
  });

  it('denies a trip out of the exemption\'s dates or through a country it does not cover, saying why', () => {
    const late = travelAnswer({ ...TRIP, to: '2019-05-20' }, match, [EXEMPTION], RULES());
    expect(late.verdict).toBe('denied');
    expect(late.findings[0]).toMatchObject({ exemption: '1718-EX-1', reasons: ['out of dates: the trip 2019-05-01 to 2019-05-20, the exemption 2019-04-28 to 2019-05-12'] });
    expect(exemptionGaps(EXEMPTION, { ...TRIP, itinerary: ['CN', 'TR', 'RU'] })).toEqual(['country TR not covered (transit CN; destination RU)']);
  });

  it('sends the best possible match below the threshold to review, and is clear without one', () => {
    expect(travelAnswer(TRIP, [{ entity: KPI037, score: 0.7 }], [], RULES()).findings[0]).toMatchObject({ kind: 'possible_match', verdict: 'review', entity: 'un_sc-KPi.037' });
    expect(travelAnswer(TRIP, [], [], RULES())).toEqual({ id: 't1', verdict: 'clear', findings: [], lists: [], rules_version: 'dprk test' });
  });
});

describe('readTraveller', () => {
  const error = (value: unknown): string => {
    try {
      readTraveller(value, 'line 3');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    return 'read';
  };
  it('names the traveller and the field of a bad value', () => {
    expect(error({ ...TRIP, to: '2019-04-01' })).toBe('traveller t1 (line 3): to: 2019-04-01 is before from 2019-05-01');
    expect(error({ ...TRIP, itinerary: ['CN', 'XX'] })).toBe('traveller t1 (line 3): itinerary[1]: "XX" is not a known country code (ISO 3166-1 alpha-2, such as KP or CN)');
    expect(error({ ...TRIP, nationality: 'North Korea' })).toMatch(/nationality: "North Korea" is not a country code/);
    expect(error({ ...TRIP, from: '2019-02-30' })).toMatch(/from: "2019-02-30" is not a date/);
    expect(error({ ...TRIP, id: undefined })).toBe('line 3: id: is required');
    expect(error({ ...TRIP, visa: 'x' })).toMatch(/"visa" is not a field a traveller takes/);
  });
  it('reads country codes in either case', () => {
    expect(readTraveller({ ...TRIP, nationality: 'kp', itinerary: ['cn'] }, 'x')).toMatchObject({ nationality: 'KP', itinerary: ['CN'] });
  });
});

describe('readExemption', () => {
  it('needs a person or group and dates in order', () => {
    expect(() => readExemption({ ...EXEMPTION, persons: [] }, 'item 1')).toThrow('exemption 1718-EX-1 (item 1): persons: an exemption names its person or group');
    expect(() => readExemption({ ...EXEMPTION, to: '2019-01-01' }, 'item 1')).toThrow('exemption 1718-EX-1 (item 1): to: 2019-01-01 is before from 2019-04-28');
    expect(readExemption(EXEMPTION, 'item 1')).toEqual(EXEMPTION);
  });
});

describe('an exemption naming one list\'s record', () => {
  it('covers the same person\'s record on another list that the traveller matched, by a shared name, and no other', () => {
    const dfat = person('au_dfat-3207', 'Chang Chang Ha', [{ dataset: 'au_dfat', authority: 'DFAT', program: '1718 (DPRK)', referenceNumber: '3207' }]);
    const other = person('au_dfat-9', 'Ri Won Ho', [{ dataset: 'au_dfat', authority: 'DFAT', program: '1718 (DPRK)', referenceNumber: '9' }]);
    const both = travelAnswer(TRIP, [{ entity: dfat, score: 1 }, { entity: KPI037, score: 1 }], [EXEMPTION], RULES());
    expect(both.verdict).toBe('allowed_by_exemption');
    expect(both.findings.map((f) => `${f.entity} ${f.verdict}`)).toEqual(['un_sc-KPi.037 allowed_by_exemption', 'au_dfat-3207 allowed_by_exemption']);
    const namesake = travelAnswer(TRIP, [{ entity: other, score: 0.9 }, { entity: KPI037, score: 1 }], [EXEMPTION], RULES());
    expect(namesake.findings.map((f) => `${f.entity} ${f.verdict}`)).toEqual(['au_dfat-9 denied', 'un_sc-KPi.037 allowed_by_exemption']);
    expect(namesake.verdict).toBe('denied');
  });
});
