import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { linkCandidates } from '../src/core/link-candidates.js';
import { linkRecords, linkSearch, type LinkingOptions, type PairDecision } from '../src/core/linking.js';
import { linkCandidatesInParallel, linkRecordsInParallel } from '../src/service/link-workers.js';

const AUTHORITY: Record<string, string> = { un_sc: 'United Nations Security Council', us_ofac_sdn: 'OFAC', au_dfat: 'DFAT' };

function record(dataset: string, id: string, schema: string, properties: Record<string, string[]>, program: string): Entity {
  return { id: `${dataset}-${id}`, schema, caption: properties.name![0]!, properties, datasets: [dataset], designations: [{ dataset, authority: AUTHORITY[dataset]!, program }] };
}

// Designees on two or three lists, namesakes, a record with many aliases, and pairs for review.
const LISTS: Entity[] = [
  record('un_sc', 'KPi.024', 'Person', { name: ['KIM YONG CHOL'], alias: ['Kim Yong-chol', 'Kim Yong Cheol'], birthDate: ['1962-02-18'], nationality: ['KP'] }, 'DPRK'),
  record('us_ofac_sdn', '17614', 'Person', { name: ['KIM, Yong Chol'], birthDate: ['1962-02-18'], nationality: ['KP'] }, 'DPRK3'),
  record('us_ofac_sdn', '12211', 'Person', { name: ['KIM, Yong Chol'], birthDate: ['1947'], nationality: ['KP'] }, 'DPRK'),
  record('au_dfat', '3158', 'Person', { name: ['Kim Yong Chol'], alias: ['Kim Yong-Chol'], birthDate: ['1962-02-18'] }, '1718 (DPRK)'),
  record('un_sc', 'KPe.033', 'Organization', { name: ['KOREA UNITED DEVELOPMENT BANK'] }, 'DPRK'),
  record('us_ofac_sdn', '19509', 'Organization', { name: ['KOREA UNITED DEVELOPMENT BANK'], country: ['KP'] }, 'DPRK2'),
  record('au_dfat', '3210', 'Organization', { name: ['Korea United Development Bank'] }, '1718 (DPRK)'),
  record('un_sc', 'KPe.001', 'Organization', { name: ['KOREA MINING DEVELOPMENT TRADING CORPORATION'], alias: ['CHANGGWANG SINYONG CORPORATION', 'EXTERNAL TECHNOLOGY GENERAL CORPORATION', 'DPRKN MINING DEVELOPMENT TRADING COOPERATION', 'KOMID'] }, 'DPRK'),
  record('us_ofac_sdn', '9345', 'Organization', { name: ['KOREA MINING DEVELOPMENT TRADING CORPORATION'], alias: ['KOMID', 'CHANGGWANG SINYONG CORPORATION'] }, 'NPWMD'),
  record('au_dfat', '1113', 'Organization', { name: ['Korea Mining Development Trading Corporation'], alias: ['Changgwang Sinyong Corporation', 'External Technology General Corporation'] }, '1718 (DPRK)'),
  record('un_sc', 'KPi.002', 'Person', { name: ['RI JE-SON'], alias: ['Ri Che-son'], birthDate: ['1938'] }, 'DPRK'),
  record('au_dfat', '1127', 'Person', { name: ['Ri Je-son'], alias: ['Ri Che-son'], birthDate: ['1938'] }, '1718 (DPRK)'),
  record('us_ofac_sdn', '40001', 'Person', { name: ['Hans Gruber'] }, 'SDGT'),
  record('au_dfat', '9001', 'Person', { name: ['Hans Gruben'] }, 'Autonomous (Russia)'),
  record('au_dfat', '9002', 'Person', { name: ['Maria Petrova'], birthDate: ['1970'] }, 'Autonomous (Russia)'),
];

const index = CandidateIndex.build(LISTS);
const DECISIONS: PairDecision[] = [
  { ids: ['un_sc-KPi.024', 'us_ofac_sdn-17614'], decision: 'different', decidedBy: 'analyst', note: 'another man' },
  { ids: ['us_ofac_sdn-40001', 'au_dfat-9001'], decision: 'same', decidedBy: 'analyst', note: 'one man' },
];

describe('linkCandidatesInParallel', () => {
  it('answers every record in scope in a worker as linkRecords asks it in this thread', async () => {
    for (const options of [{}, { decisions: DECISIONS }, { datasets: ['un_sc', 'au_dfat'] }] satisfies LinkingOptions[]) {
      const found = await linkCandidatesInParallel(index, LISTS, { ...options, workers: 1, answerHere: false });
      const inScope = LISTS.filter((e) => !options.datasets || options.datasets.includes(e.datasets[0]!));
      expect([...found.keys()].sort(), JSON.stringify(options)).toEqual(inScope.map((e) => e.id).sort());
      const apart = new Map<string, Set<string>>();
      for (const d of options.decisions ?? []) if (d.decision === 'different') for (const [x, y] of [d.ids, [...d.ids].reverse()]) apart.set(x!, (apart.get(x!) ?? new Set()).add(y!));
      const scope = { ids: new Set(inScope.map((e) => e.id)), datasets: options.datasets && new Set(options.datasets), apart };
      for (const entity of inScope) expect(found.get(entity.id), entity.id).toEqual(linkCandidates(index, entity, scope, linkSearch()));
    }
    // An analyst's "different" keeps the record out of the other's candidates.
    const apart = await linkCandidatesInParallel(index, LISTS, { decisions: DECISIONS, workers: 1, answerHere: false });
    expect(apart.get('un_sc-KPi.024')!.map((r) => r.id)).not.toContain('us_ofac_sdn-17614');
    expect((await linkCandidatesInParallel(index, LISTS, { workers: 1, answerHere: false })).get('un_sc-KPi.024')!.map((r) => r.id)).toContain('us_ofac_sdn-17614');
  });

  it('refuses a number of workers that is no number of threads', async () => {
    await expect(linkCandidatesInParallel(index, LISTS, { workers: 1.5 })).rejects.toThrow(/workers: 1.5 is not a whole number/);
    await expect(linkCandidatesInParallel(index, LISTS, { workers: 0, answerHere: false })).rejects.toThrow(/leaves no thread/);
  });
});

describe('linkRecordsInParallel', () => {
  it('gives exactly the designees and pairs for review of linkRecords, by workers alone or with this thread', async () => {
    for (const options of [{}, { decisions: DECISIONS }, { datasets: ['un_sc', 'au_dfat'] }, { linkAt: 0.8, reviewAt: 0.5 }] satisfies LinkingOptions[]) {
      const plain = linkRecords(index, LISTS, options);
      // The fixture links something, and leaves something for review: the comparison is not of empty results.
      expect(plain.designees.some((d) => d.members.length > 1), JSON.stringify(options)).toBe(true);
      for (const threads of [{ workers: 1, answerHere: false }, { workers: 2 }]) {
        const parallel = await linkRecordsInParallel(index, LISTS, { ...options, ...threads });
        expect(isDeepStrictEqual(parallel, plain), `${JSON.stringify(options)} ${JSON.stringify(threads)}`).toBe(true);
      }
    }
    expect(linkRecords(index, LISTS).review.length).toBeGreaterThan(0);
  });
});
