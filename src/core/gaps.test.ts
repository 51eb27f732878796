import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.js';
import { implementationGaps } from './gaps.js';
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
const entities = new Map([un1, un2, un3, dfat, ofacNamesake, sema].map((e) => [e.id, e]));
const designees: Designee[] = [{ id: un1.id, members: [dfat.id, un1.id], datasets: ['un_sc', 'au_dfat'], confidence: 0.97, links: [] }];

describe('implementationGaps', () => {
  const report = implementationGaps({
    reference: 'un_sc',
    collection: 'dprk',
    references: [un3, un1, un2],
    against: [{ dataset: 'au_dfat', published: '2024-12-17' }, { dataset: 'us_ofac_sdn', published: '2021-07-07' }, { dataset: 'ca_sema', published: '2025-05-25' }],
    entities,
    designees,
    review: [{ ids: [un3.id, ofacNamesake.id], confidence: 0.78, status: 'review', evidence: [] }],
  });
  const row = (id: string) => report.rows.find((r) => r.id === id)!;

  it('gives a listed designation its national ids, its date, the lag and what the national record lacks', () => {
    expect(row(un1.id)).toMatchObject({ caption: 'SON JONG HYOK', listed_on: '2016-11-30' });
    expect(row(un1.id).lists.au_dfat).toEqual({ status: 'listed', ids: [dfat.id], listed_on: '2016-12-07', lag_days: 7, missing_names: ['Son Min'], missing_identifiers: ['passportNumber: 563120356'] });
  });

  it('says missing, with the pairs left for review as possible', () => {
    expect(row(un2.id).lists.au_dfat).toEqual({ status: 'missing' });
    expect(row(un3.id).lists.us_ofac_sdn).toEqual({ status: 'missing', possible: [{ id: ofacNamesake.id, confidence: 0.78 }] });
  });

  it('calls a list not applicable when it carries none of the regime, or its version predates the designation', () => {
    expect(row(un1.id).lists.ca_sema).toEqual({ status: 'not_applicable', reason: 'ca_sema carries no designation under DPRK' });
    expect(row(un2.id).lists.us_ofac_sdn).toEqual({ status: 'not_applicable', reason: 'us_ofac_sdn\'s version was published 2021-07-07, before the designation (2022-05-01)' });
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
