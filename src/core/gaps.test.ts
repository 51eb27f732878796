import { describe, expect, it } from 'vitest';
import { AUTHORITIES } from './authorities.js';
import type { Entity } from './entity.js';
import { implementationGaps, reportScope } from './gaps.js';
import type { Designee } from './linking.js';

function record(dataset: string, id: string, properties: Record<string, string[]>, program: string, listingDate?: string): Entity {
  return { id: `${dataset}-${id}`, schema: 'Person', caption: properties.name![0]!, properties, datasets: [dataset], designations: [{ dataset, authority: dataset, program, ...(listingDate ? { listingDate } : {}) }] };
}

const un1 = record('un_sc', 'KPi.031', { name: ['SON JONG HYOK'], alias: ['Son Min'], passportNumber: ['563120356'] }, 'DPRK', '2016-11-30');
const un2 = record('un_sc', 'KPi.080', { name: ['RI CHANG HO'] }, 'DPRK', '2022-05-01');
const un3 = record('un_sc', 'KPi.081', { name: ['PAK HWA SONG'] }, 'DPRK', '2017-08-05');
const dfat = record('au_dfat', '3201', { name: ['Son Jong Hyok'] }, '1718 (DPRK)', '2016-12-07');
const ofacNamesake = record('us_ofac_sdn', '555', { name: ['PAK, Hwa Song'] }, 'DPRK');
const sema = record('ca_sema', '1', { name: ['Somebody Else'] }, 'Russia');
// Australia's own DPRK listings, linked to no UN designation: its separate designations.
const dfatOwn = record('au_dfat', '1692', { name: ['Kim Own'] }, 'Autonomous (DPRK)', '2012-03-02');
// DFAT gives some of its own listings a year alone.
const dfatOwn2 = record('au_dfat', '1700', { name: ['Pak Own'] }, 'Autonomous (DPRK)', '2017');
// OFAC's own designation, its CSV giving no date.
const ofacOwn = record('us_ofac_sdn', '777', { name: ['CHOE, Own'] }, 'DPRK3');
const entities = new Map([un1, un2, un3, dfat, ofacNamesake, sema, dfatOwn, dfatOwn2, ofacOwn].map((e) => [e.id, e]));
const designees: Designee[] = [{ id: un1.id, members: [dfat.id, un1.id], datasets: ['un_sc', 'au_dfat'], confidence: 0.97, links: [] }];

describe('implementationGaps', () => {
  const report = implementationGaps({
    reference: 'un_sc',
    collection: 'dprk',
    references: [un3, un1, un2],
    against: [{ dataset: 'au_dfat', published: '2024-12-17' }, { dataset: 'us_ofac_sdn', published: '2021-07-07' }, { dataset: 'ca_sema', published: '2025-05-25' }],
    scope: [dfat, dfatOwn, dfatOwn2, ofacNamesake, ofacOwn],
    entities,
    designees,
    review: [{ ids: [un3.id, ofacNamesake.id], confidence: 0.78, status: 'review', evidence: [] }],
  });
  const row = (id: string) => report.rows.find((r) => r.id === id)!;

  it('gives a listed designation its national ids, its date, the lag and what the national record lacks', () => {
    expect(row(un1.id)).toMatchObject({ caption: 'SON JONG HYOK', schema: 'Person', programs: ['DPRK'], listed_on: '2016-11-30' });
    expect(row(un1.id).lists.au_dfat).toEqual({ status: 'listed', ids: [dfat.id], listed_on: '2016-12-07', lag_days: 7, missing_names: ['Son Min'], missing_identifiers: ['passportNumber: 563120356'] });
  });

  it('says missing, with the pairs left for review as possible', () => {
    expect(row(un2.id).lists.au_dfat).toEqual({ status: 'missing' });
    expect(row(un3.id).lists.us_ofac_sdn).toEqual({ status: 'missing', possible: [{ id: ofacNamesake.id, confidence: 0.78 }] });
  });

  it('calls a list not applicable, for the table\'s reason, when its authority implements UN designations by regulation, or when its version predates the designation', () => {
    for (const r of report.rows) expect(r.lists.ca_sema).toEqual({ status: 'not_applicable', reason: AUTHORITIES.ca_sema!.detail });
    expect(row(un2.id).lists.us_ofac_sdn).toEqual({ status: 'not_applicable', reason: 'us_ofac_sdn\'s version was published 2021-07-07, before the designation (2022-05-01)' });
  });

  it('gives each authority\'s way with UN designations from the table, for the reference and every list', () => {
    expect(Object.keys(report.authorities)).toEqual(['un_sc', 'au_dfat', 'us_ofac_sdn', 'ca_sema']);
    expect(report.authorities.au_dfat).toEqual(AUTHORITIES.au_dfat);
    expect(report.authorities.ca_sema).toMatchObject({ implements_un: 'regulation', verification: 'verified' });
    expect(report.authorities.us_ofac_sdn!.implements_un).toBe('own_programs');
  });

  it('counts each list\'s records in scope linked to no reference designation as separate, by their own year ("unknown" last)', () => {
    expect(report.separate.au_dfat).toEqual({ total: 2, by_year: { '2012': 1, '2017': 1 }, ids: [dfatOwn.id, dfatOwn2.id] });
    // The namesake only left for review is linked to nothing: it is OFAC's own as far as linking knows.
    expect(report.separate.us_ofac_sdn).toEqual({ total: 2, by_year: { unknown: 2 }, ids: [ofacNamesake.id, ofacOwn.id] });
    expect(report.separate.ca_sema).toEqual({ total: 0, by_year: {}, ids: [] });
  });

  it('counts designations by year: the reference\'s all un, each list\'s linked ones as un and its own as separate', () => {
    expect(report.by_year.un_sc).toEqual({ '2016': { un: 1, separate: 0 }, '2017': { un: 1, separate: 0 }, '2022': { un: 1, separate: 0 } });
    expect(report.by_year.au_dfat).toEqual({ '2012': { un: 0, separate: 1 }, '2016': { un: 1, separate: 0 }, '2017': { un: 0, separate: 1 } });
    expect(Object.keys(report.by_year.au_dfat!)).toEqual(['2012', '2016', '2017']);
    expect(report.by_year.us_ofac_sdn).toEqual({ unknown: { un: 0, separate: 2 } });
  });

  it('takes the current versions unless told otherwise, and notes nothing', () => {
    expect(report).toMatchObject({ at: null, versions: {}, notes: [] });
    expect(report.changes).toBeUndefined();
  });

  it('sums each list up, rows in id order', () => {
    expect(report.rows.map((r) => r.id)).toEqual([un1.id, un2.id, un3.id]);
    expect(report.summary).toEqual({
      au_dfat: { listed: 1, missing: 2, not_applicable: 0, median_lag_days: 7 },
      us_ofac_sdn: { listed: 0, missing: 2, not_applicable: 1, median_lag_days: null },
      ca_sema: { listed: 0, missing: 0, not_applicable: 3, median_lag_days: null },
    });
  });
});

describe('implementationGaps, authorities', () => {
  it('asks nothing of a list whose authority implements UN designations by regulation, even one linked, and counts its linked record as un', () => {
    const semaLinked = record('ca_sema', '2', { name: ['SON JONG HYOK'] }, 'Russia', '2022-03-01');
    const report = implementationGaps({
      reference: 'un_sc', collection: null, references: [un1],
      against: [{ dataset: 'ca_sema', published: null }, { dataset: 'xx_list', published: null }],
      scope: [semaLinked], entities: new Map([un1, semaLinked].map((e) => [e.id, e])),
      designees: [{ id: un1.id, members: [un1.id, semaLinked.id], datasets: ['un_sc', 'ca_sema'], confidence: 0.95, links: [] }], review: [],
    });
    expect(report.rows[0]!.lists.ca_sema).toEqual({ status: 'not_applicable', reason: AUTHORITIES.ca_sema!.detail });
    expect(report.separate.ca_sema!.total).toBe(0);
    expect(report.by_year.ca_sema).toEqual({ '2022': { un: 1, separate: 0 } });
    // A list the table does not hold is assumed nothing of: a gap is a gap.
    expect(report.rows[0]!.lists.xx_list).toEqual({ status: 'missing' });
    expect(report.authorities.xx_list).toMatchObject({ authority: 'xx_list', implements_un: 'unknown', sources: [], verification: 'unverified' });
  });
});

describe('reportScope', () => {
  it('takes the collection when given, else the regimes of the reference designations', () => {
    const iran = record('us_ofac_sdn', '900', { name: ['X'] }, 'IRAN');
    const inDprk = reportScope('dprk', [un1]);
    expect([dfatOwn, ofacOwn, sema, iran].map(inDprk)).toEqual([true, true, false, false]);
    const byRegime = reportScope(null, [un1]);
    expect([dfatOwn, ofacOwn, sema, iran].map(byRegime)).toEqual([true, true, false, false]);
    expect(reportScope(null, [record('un_sc', 'IRi.001', { name: ['Y'] }, 'Iran')])(iran)).toBe(true);
  });
});

describe('implementationGaps, edge cases', () => {
  it('gives a negative lag to a list that listed first, no lag without both dates, and the middle of an even count', () => {
    const early = record('au_dfat', '1', { name: ['SON JONG HYOK'] }, '1718 (DPRK)', '2016-11-28');
    const undated = record('us_ofac_sdn', '1', { name: ['SON, Jong Hyok'] }, 'DPRK');
    const un4 = record('un_sc', 'KPi.090', { name: ['KIM IL'] }, 'DPRK', '2016-11-30');
    const late = record('au_dfat', '2', { name: ['Kim Il'] }, '1718 (DPRK)', '2016-12-10');
    const all = new Map([un1, early, undated, un4, late].map((e) => [e.id, e]));
    const report = implementationGaps({
      reference: 'un_sc', collection: null, references: [un1, un4],
      against: [{ dataset: 'au_dfat', published: null }, { dataset: 'us_ofac_sdn', published: null }],
      scope: [],
      entities: all,
      designees: [
        { id: un1.id, members: [un1.id, early.id, undated.id], datasets: ['un_sc', 'us_ofac_sdn', 'au_dfat'], confidence: 0.9, links: [] },
        { id: un4.id, members: [un4.id, late.id], datasets: ['un_sc', 'au_dfat'], confidence: 0.9, links: [] },
      ],
      review: [],
    });
    expect(report.rows[0]!.lists.au_dfat).toMatchObject({ status: 'listed', listed_on: '2016-11-28', lag_days: -2 });
    expect(report.rows[0]!.lists.us_ofac_sdn).toMatchObject({ status: 'listed', listed_on: null, lag_days: null });
    expect(report.summary.au_dfat!.median_lag_days).toBe(4); // (-2 + 10) / 2
    expect(report.summary.us_ofac_sdn).toEqual({ listed: 1, missing: 1, not_applicable: 0, median_lag_days: null });
  });
});
