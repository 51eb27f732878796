import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.js';
import { CandidateIndex } from './index/index.js';
import { LINK_AT, judgeLink, linkRecords, regimesOf } from './linking.js';

const AUTHORITY: Record<string, string> = { un_sc: 'United Nations Security Council', us_ofac_sdn: 'OFAC', au_dfat: 'DFAT' };

function record(dataset: string, id: string, schema: string, properties: Record<string, string[]>, program: string, listingDate?: string): Entity {
  return { id: `${dataset}-${id}`, schema, caption: properties.name![0]!, properties, datasets: [dataset], designations: [{ dataset, authority: AUTHORITY[dataset]!, program, ...(listingDate ? { listingDate } : {}) }] };
}

const LISTS: Entity[] = [
  record('un_sc', 'KPi.024', 'Person', { name: ['KIM YONG CHOL'], birthDate: ['1962-02-18'], nationality: ['KP'] }, 'DPRK', '2016-03-02'),
  record('us_ofac_sdn', '17614', 'Person', { name: ['KIM, Yong Chol'], birthDate: ['1962-02-18'], nationality: ['KP'] }, 'DPRK3'),
  // A namesake born fifteen years earlier: another man.
  record('us_ofac_sdn', '12211', 'Person', { name: ['KIM, Yong Chol'], birthDate: ['1947'], nationality: ['KP'] }, 'DPRK'),
  record('au_dfat', '3158', 'Person', { name: ['Kim Yong Chol'], birthDate: ['1962-02-18'] }, '1718 (DPRK)', '2016-03-02'),
  record('un_sc', 'KPe.033', 'Organization', { name: ['KOREA UNITED DEVELOPMENT BANK'] }, 'DPRK', '2016-11-30'),
  record('us_ofac_sdn', '19509', 'Organization', { name: ['KOREA UNITED DEVELOPMENT BANK'], country: ['KP'] }, 'DPRK2'),
  record('au_dfat', '3210', 'Organization', { name: ['Korea United Development Bank'] }, '1718 (DPRK)', '2016-11-30'),
  // The same name under another regime only: a weaker link.
  record('us_ofac_sdn', '40001', 'Person', { name: ['Hans Gruber'] }, 'SDGT'),
  record('au_dfat', '9001', 'Person', { name: ['Hans Gruben'] }, 'Autonomous (Russia)'),
];

describe('regimesOf', () => {
  it('reads the UN 1718 regime and national DPRK programs as one regime', () => {
    for (const program of ['DPRK', 'DPRK3', '1718 (DPRK)', 'Autonomous (DPRK)', 'DPRK-NKSPEA', 'Democratic People\'s Republic of Korea']) {
      expect(regimesOf({ designations: [{ dataset: 'x', authority: 'x', program }] }), program).toEqual(new Set(['DPRK']));
    }
    expect(regimesOf({ designations: [{ dataset: 'x', authority: 'x', program: 'SDGT' }] })).toEqual(new Set(['TERRORISM']));
    expect(regimesOf({ designations: [] })).toEqual(new Set());
  });
});

describe('linkRecords', () => {
  const index = CandidateIndex.build(LISTS);
  const { designees, review } = linkRecords(index, LISTS);
  const of = (id: string) => designees.find((d) => d.members.includes(id))!;

  it('links one designee\'s records across lists under the UN record\'s id, and leaves a namesake born years apart out', () => {
    expect(of('un_sc-KPi.024')).toMatchObject({ id: 'un_sc-KPi.024', members: ['au_dfat-3158', 'un_sc-KPi.024', 'us_ofac_sdn-17614'], datasets: ['un_sc', 'us_ofac_sdn', 'au_dfat'] });
    expect(of('us_ofac_sdn-12211').members).toEqual(['us_ofac_sdn-12211']);
    expect(of('un_sc-KPe.033').members).toEqual(['au_dfat-3210', 'un_sc-KPe.033', 'us_ofac_sdn-19509']);
  });

  it('says why: the names, the dates, the regime, and that each is the other\'s best match', () => {
    const link = of('un_sc-KPi.024').links.find((l) => l.ids.includes('us_ofac_sdn-17614'))!;
    expect(link.status).toBe('linked');
    expect(link.confidence).toBeGreaterThanOrEqual(LINK_AT);
    expect(link.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['name', 'birthDate', 'regime', 'reciprocal']));
    expect(link.evidence.find((e) => e.kind === 'regime')!.detail).toBe('both listed under DPRK');
  });

  it('shows a pair under different regimes for review, never as one designee', () => {
    expect(of('us_ofac_sdn-40001').members).toEqual(['us_ofac_sdn-40001']);
    const pair = review.find((l) => l.ids.includes('us_ofac_sdn-40001'));
    expect(pair).toMatchObject({ ids: ['au_dfat-9001', 'us_ofac_sdn-40001'], status: 'review' });
    expect(pair!.evidence.find((e) => e.kind === 'regime')!.detail).toMatch(/^listed under (TERRORISM and AUTONOMOUS \(RUSSIA\)|AUTONOMOUS \(RUSSIA\) and TERRORISM)$/);
  });

  it('links only the seeds when given, with the records linked to them', () => {
    const seeded = linkRecords(index, LISTS, { seeds: ['un_sc-KPe.033'] });
    expect(seeded.designees.map((d) => d.members)).toEqual([['au_dfat-3210', 'un_sc-KPe.033', 'us_ofac_sdn-19509']]);
  });

  it('keeps to the datasets asked', () => {
    const two = linkRecords(index, LISTS, { datasets: ['un_sc', 'au_dfat'] });
    expect(two.designees.find((d) => d.members.includes('un_sc-KPi.024'))!.members).toEqual(['au_dfat-3158', 'un_sc-KPi.024']);
    expect(two.designees.flatMap((d) => d.members).some((id) => id.startsWith('us_ofac_sdn'))).toBe(false);
  });
});

describe('analysts\' decisions', () => {
  const index = CandidateIndex.build(LISTS);

  it('splits a link an analyst says is two designees, and joins two records an analyst says are one', () => {
    const decisions = [
      { ids: ['us_ofac_sdn-19509', 'un_sc-KPe.033'] as [string, string], decision: 'different' as const, decidedBy: 'cli:ana', note: 'another bank' },
      { ids: ['us_ofac_sdn-12211', 'un_sc-KPi.024'] as [string, string], decision: 'same' as const, decidedBy: 'cli:ben', note: 'passport matches' },
    ];
    const { designees } = linkRecords(index, LISTS, { decisions });
    const of = (id: string) => designees.find((d) => d.members.includes(id))!;
    expect(of('us_ofac_sdn-19509').members).toEqual(['us_ofac_sdn-19509']);
    expect(of('un_sc-KPe.033').members).toEqual(['au_dfat-3210', 'un_sc-KPe.033']);
    // The confirmation comes first; the computed link to OFAC 17614 would then put two OFAC records born years apart in one designee, and gives way.
    expect(of('un_sc-KPi.024').members).toEqual(['au_dfat-3158', 'un_sc-KPi.024', 'us_ofac_sdn-12211']);
    expect(of('us_ofac_sdn-17614').members).toEqual(['us_ofac_sdn-17614']);
    const confirmed = of('un_sc-KPi.024').links.find((l) => l.ids.includes('us_ofac_sdn-12211'))!;
    expect(confirmed).toMatchObject({ confidence: 1, status: 'linked', evidence: [{ kind: 'analyst', detail: 'confirmed one designee by cli:ben: passport matches' }] });
  });
});

describe('designees found from any record', () => {
  // A chain: the UN record links to OFAC's and DFAT's; a second UN record (a namesake born
  // elsewhere) links to the same DFAT record, which gives no birth date.
  const chain: Entity[] = [
    record('un_sc', 'KPi.100', 'Person', { name: ['RI SONG CHOL'], birthDate: ['1962'] }, 'DPRK'),
    record('us_ofac_sdn', '100', 'Person', { name: ['RI, Song Chol'], birthDate: ['1962'] }, 'DPRK'),
    record('au_dfat', '100', 'Person', { name: ['Ri Song Chol'] }, '1718 (DPRK)'),
    record('un_sc', 'KPi.101', 'Person', { name: ['RI SONG CHOL'], birthDate: ['1950'] }, 'DPRK'),
  ];
  const index = CandidateIndex.build(chain);

  it('finds the same designee whichever record it starts from, and as linking everything does', () => {
    const whole = linkRecords(index, chain).designees.map((d) => d.members);
    for (const seed of chain.map((e) => e.id)) {
      const { designees } = linkRecords(index, chain, { seeds: [seed] });
      const mine = designees.find((d) => d.members.includes(seed))!.members;
      expect(whole, seed).toContainEqual(mine);
    }
  });

  it('never puts two records of one list born in different years in one designee', () => {
    const designees = linkRecords(index, chain).designees;
    for (const d of designees) expect(d.members.filter((m) => m.startsWith('un_sc-')).length, d.members.join(' ')).toBeLessThanOrEqual(1);
    // The DFAT record, which gives no birth date, joins one of them, not both.
    expect(designees.filter((d) => d.members.includes('au_dfat-100'))).toHaveLength(1);
  });

  it('links a record to its next best match once an analyst splits it from the best', () => {
    const lists = [
      record('un_sc', 'KPe.200', 'Organization', { name: ['KOREA SONGI TRADING CORPORATION'] }, 'DPRK'),
      record('us_ofac_sdn', '200', 'Organization', { name: ['KOREA SONGI TRADING CORPORATION'] }, 'DPRK'),
      record('us_ofac_sdn', '201', 'Organization', { name: ['KOREA SONGI TRADING CORP'] }, 'DPRK2'),
    ];
    const split = [{ ids: ['un_sc-KPe.200', 'us_ofac_sdn-200'] as [string, string], decision: 'different' as const, decidedBy: 'cli:ana', note: 'another firm' }];
    const { designees } = linkRecords(CandidateIndex.build(lists), lists, { seeds: ['un_sc-KPe.200'], decisions: split });
    expect(designees.find((d) => d.members.includes('un_sc-KPe.200'))!.members).toEqual(['un_sc-KPe.200', 'us_ofac_sdn-201']);
  });
});

describe('judgeLink', () => {
  it('takes an equal identifier as near-certain and birth years apart as against', () => {
    const a = record('un_sc', 'KPe.1', 'Vessel', { name: ['CHON MA SAN'], imoNumber: ['8660313'] }, 'DPRK');
    const b = record('us_ofac_sdn', '1', 'Vessel', { name: ['CHONMASAN'], imoNumber: ['IMO 8660313'] }, 'DPRK2');
    expect(judgeLink(a, b, { score: 0.8, explanations: {} })).toMatchObject({ confidence: 0.99, evidence: expect.arrayContaining([{ kind: 'identifier', detail: 'equal imoNumber:8660313' }]) });
    const apart = judgeLink(LISTS[0]!, LISTS[2]!, { score: 0.8, explanations: { birthDate: { score: -0.2, weight: 1, query: ['1962-02-18'], candidate: ['1947'], detail: 'years disjoint' } } });
    expect(apart.confidence).toBeCloseTo(0.55, 3);
  });
});

describe('what a list keeps apart', () => {
  it('never links two records one list gives under one program, though their names read alike', () => {
    // The UN designates Korea Taesong Trading and Korea Daesong General Trading apart; the Korean key folds d and t.
    const lists = [
      record('un_sc', 'KPe.041', 'Organization', { name: ['KOREA TAESONG TRADING COMPANY'] }, 'DPRK'),
      record('un_sc', 'KPe.042', 'Organization', { name: ['KOREA DAESONG GENERAL TRADING CORPORATION'], alias: ['Korea Daesong Trading Company'] }, 'DPRK'),
      record('us_ofac_sdn', '12219', 'Organization', { name: ['KOREA TAESONG TRADING COMPANY'] }, 'DPRK2'),
      record('us_ofac_sdn', '12313', 'Organization', { name: ['KOREA DAESONG GENERAL TRADING CORPORATION'] }, 'DPRK2'),
    ];
    const index = CandidateIndex.build(lists);
    const { designees } = linkRecords(index, lists);
    expect(designees.map((d) => d.members)).toEqual([['un_sc-KPe.041', 'us_ofac_sdn-12219'], ['un_sc-KPe.042', 'us_ofac_sdn-12313']]);
    // An analyst's word stands over the rule; OFAC's two records, under one program, stay apart (the weaker link gives way).
    const same = [{ ids: ['un_sc-KPe.041', 'un_sc-KPe.042'] as [string, string], decision: 'same' as const, decidedBy: 'cli:ana', note: 'one firm renamed' }];
    expect(linkRecords(index, lists, { decisions: same }).designees.map((d) => d.members)).toEqual([['un_sc-KPe.041', 'un_sc-KPe.042', 'us_ofac_sdn-12219'], ['us_ofac_sdn-12313']]);
  });

  it('between two candidates of one score, takes the one matched by the record\'s own name over one matched through an alias', () => {
    // The UN's KPe.021 gives another designation's name as an alias.
    const lists = [
      record('un_sc', 'KPe.018', 'Organization', { name: ['SECOND ACADEMY OF NATURAL SCIENCES'] }, 'DPRK'),
      record('un_sc', 'KPe.021', 'Organization', { name: ['ACADEMY OF NATIONAL DEFENSE SCIENCE'], alias: ['SECOND ACADEMY OF NATURAL SCIENCES'] }, 'DPRK'),
      record('us_ofac_sdn', '12215', 'Organization', { name: ['SECOND ACADEMY OF NATURAL SCIENCES'] }, 'DPRK'),
      record('us_ofac_sdn', '19492', 'Organization', { name: ['ACADEMY OF NATIONAL DEFENSE SCIENCE'] }, 'DPRK3'),
    ];
    const { designees } = linkRecords(CandidateIndex.build(lists), lists);
    expect(designees.map((d) => d.members)).toEqual([['un_sc-KPe.018', 'us_ofac_sdn-12215'], ['un_sc-KPe.021', 'us_ofac_sdn-19492']]);
  });

  it('takes two different SWIFT codes or IMO numbers as against one designee', () => {
    const a = record('us_ofac_sdn', '20572', 'Organization', { name: ['KORYO BANK'], swiftBic: ['KORBKPPY'] }, 'DPRK3');
    const b = record('us_ofac_sdn', '23004', 'Organization', { name: ['KORYO COMMERCIAL BANK LTD.'], swiftBic: ['KCBKKPP1'] }, 'DPRK4');
    const judged = judgeLink(a, b, { score: 0.9, explanations: {} });
    expect(judged.confidence).toBeCloseTo(0.65, 3);
    expect(judged.evidence).toContainEqual({ kind: 'identifier', detail: 'swiftBic KORBKPPY vs KCBKKPP1: different, most likely two designees' });
    // A head office's eleven-character code is its eight-character one.
    const head = record('un_sc', 'KPe.045', 'Organization', { name: ['KORYO BANK'], swiftBic: ['KORBKPPYXXX'] }, 'DPRK');
    expect(judgeLink(a, head, { score: 0.9, explanations: {} }).confidence).toBe(0.99);
  });
});

describe('regimesOf, OFAC\'s non-proliferation program', () => {
  it('reads an NPWMD record of North Korea as of the DPRK regime too, and another as NPWMD only', () => {
    const npwmd = [{ dataset: 'us_ofac_sdn', authority: 'OFAC', program: 'NPWMD' }];
    expect(regimesOf({ designations: npwmd, properties: { country: ['Korea, North'] } })).toEqual(new Set(['NPWMD', 'DPRK']));
    expect(regimesOf({ designations: npwmd, properties: { notes: ['Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210'] } })).toEqual(new Set(['NPWMD', 'DPRK']));
    expect(regimesOf({ designations: npwmd, properties: { country: ['Iran'] } })).toEqual(new Set(['NPWMD']));
  });
});
