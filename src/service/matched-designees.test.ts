import { describe, expect, it } from 'vitest';
import { CandidateIndex } from '../core/index/index.js';
import type { StoredLinkDecision } from '../store/link-decisions.js';
import { readPublication } from '../sources/index.js';
import { designeeOf } from './designees.js';
import { MatchedDesignees } from './matched-designees.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url).pathname;

async function fixtureState() {
  const entities = [...(await readPublication(`${FIXTURES}un-small.xml`)).entities, ...(await readPublication(`${FIXTURES}ofac-csv`)).entities];
  return { index: CandidateIndex.build(entities), entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
}

describe('MatchedDesignees.resolve', () => {
  it('gives each record the designee found from it alone, linking many records at once', async () => {
    const state = await fixtureState();
    const designees = new MatchedDesignees(async () => []);
    const ids = [...state.entities.keys()];
    const designeeAt = await designees.resolve(state, ids);
    for (const id of ids) expect(designeeAt(id), id).toEqual(designeeOf(state, id).designee);
    expect(designeeAt('us_ofac_sdn-9345')).toMatchObject({ id: 'un_sc-KPe.001', members: ['un_sc-KPe.001', 'us_ofac_sdn-9345'], datasets: ['un_sc', 'us_ofac_sdn'] });
  });

  it('links a record once per state, and afresh once an analyst decides', async () => {
    const state = await fixtureState();
    const decisions: StoredLinkDecision[] = [];
    const designees = new MatchedDesignees(async () => decisions);
    const first = (await designees.resolve(state, ['us_ofac_sdn-9345']))('us_ofac_sdn-9345');
    // Kept: the same object, not linked again.
    expect((await designees.resolve(state, ['un_sc-KPe.001']))('un_sc-KPe.001')).toBe(first);
    decisions.push({ id: 1, ids: ['un_sc-KPe.001', 'us_ofac_sdn-9345'], decision: 'different', note: 'two companies', decidedBy: 'cli:ana', decidedAt: '2026-03-01T00:00:00.000Z' });
    expect((await designees.resolve(state, ['us_ofac_sdn-9345']))('us_ofac_sdn-9345').members).toEqual(['us_ofac_sdn-9345']);
    // A record not asked for is not known.
    const designeeAt = await designees.resolve(state, []);
    expect(() => designeeAt('un_sc-KPi.033')).toThrow(/not among the records linked/);
  });
});
