import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExemption, type Traveller } from '../src/core/travel/index.js';
import { readRegime } from '../src/service/regime.js';
import { createTravelChecker, travelBanLists } from '../src/service/travel.js';
import { screenedStore } from './helpers/api.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';
import type { TestStore } from './helpers/stores.js';
import type { Screening } from '../src/service/screener.js';

const trip = (id: string, name: string, extra: Partial<Traveller> = {}): Traveller => ({ id, name, from: '2019-05-01', to: '2019-05-10', itinerary: ['CN', 'RU'], ...extra });
const found = (answer: { verdict: string; findings: { entity: string | null; verdict: string }[] }): string => `${answer.verdict}: ${answer.findings.map((f) => `${f.entity} ${f.verdict}`).join(', ')}`;

describe.skipIf(!HAVE_SHARED_DATA)('travellers against the UN (2026-02-27), DFAT (2024-12-17) and OFAC SDN (2021-07-07) lists', () => {
  let t: TestStore;
  let state: Screening;

  beforeAll(async () => {
    const loaded = await screenedStore([dataPath('un_sc/2026-02-27/consolidated.xml'), dataPath('au_dfat/2024-12-17/regulation8_consolidated.xlsx'), dataPath('ofac_sdn_csv/2021-07-07')]);
    t = loaded.t;
    state = loaded.screener.current!;
  }, 180_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('cites the DPRK ban from the regime\'s measure travel-ban-1718 and records its rules version', () => {
    const regime = readRegime();
    const measure = regime.measures.find((m) => m.id === 'travel-ban-1718');
    expect(measure).toMatchObject({ type: 'travel_ban', basis: 'UNSCR 1718 (2006) OP8(e)', paragraph: '8(e)', verification: 'verified' });
    const answer = createTravelChecker(regime, state, []).check(trip('t1', 'Jang Chang-ha'));
    expect(answer.rules_version).toBe(regime.rulesVersion);
    expect(answer.findings[0]!.basis).toBe(`${measure!.basis}; UN list KPi.037`);
  });

  it('screens against the UN list and DFAT\'s, not OFAC\'s (no travel-ban data)', () => {
    expect(travelBanLists(state).map((id) => id.split('-')[0]).sort()).toEqual(['au_dfat', 'un_sc']);
  });

  it('denies DPRK designees under other spellings and in Hangul, on both lists that carry them', () => {
    const checker = createTravelChecker(readRegime(), state, []);
    expect(found(checker.check(trip('t1', 'Jang Chang-ha', { birthDate: '1964-01-10', nationality: 'KP' })))).toBe('denied: un_sc-KPi.037 denied, au_dfat-3207 denied');
    expect(found(checker.check(trip('t2', '장창하')))).toBe('denied: un_sc-KPi.037 denied, au_dfat-3207 denied');
    expect(found(checker.check(trip('t3', 'Jo Chun Ryong')))).toBe('denied: un_sc-KPi.038 denied, au_dfat-3208 denied');
    expect(found(checker.check(trip('t4', '조춘룡')))).toBe('denied: un_sc-KPi.038 denied, au_dfat-3208 denied');
    expect(found(checker.check(trip('t5', 'Yoon Ho Jin')))).toMatch(/^denied: un_sc-KPi\.001 denied/);
    const answer = checker.check(trip('t1', 'Jang Chang-ha'));
    expect(answer.findings[0]).toMatchObject({ kind: 'travel_ban', basis: 'UNSCR 1718 (2006) OP8(e); UN list KPi.037', status: 'verified', exemption: null });
    expect(answer.findings[1]).toMatchObject({ basis: 'UNSCR 1718 (2006) OP8(e); DFAT list 3207 (1718 (DPRK))', status: 'verified' });
  });

  it('allows by a 1718 Committee exemption naming the UN record (DFAT\'s record of the same name too), and denies out of its dates with the reason', () => {
    const exemption = readExemption({ reference: '1718-EX-1', persons: ['un_sc-KPi.037'], purpose: 'meeting', from: '2019-04-30', to: '2019-05-10', transit: ['CN'], destination: ['RU'], source: 'letter', authority: '1718 Committee' }, 'test');
    const checker = createTravelChecker(readRegime(), state, [exemption]);
    expect(found(checker.check(trip('t1', 'Jang Chang-ha')))).toBe('allowed_by_exemption: un_sc-KPi.037 allowed_by_exemption, au_dfat-3207 allowed_by_exemption');
    const late = checker.check(trip('t1', 'Jang Chang-ha', { to: '2019-05-11' }));
    expect(found(late)).toBe('denied: un_sc-KPi.037 denied, au_dfat-3207 denied');
    expect(late.findings[0]!.reasons).toEqual(['out of dates: the trip 2019-05-01 to 2019-05-11, the exemption 2019-04-30 to 2019-05-10']);
  });

  it('sends a near name to review and clears people on no travel-ban list', () => {
    const checker = createTravelChecker(readRegime(), state, []);
    const near = checker.check(trip('t6', 'Chang Chang Ha Min'));
    expect(near).toMatchObject({ verdict: 'review', findings: [{ kind: 'possible_match', entity: 'au_dfat-3207' }] });
    expect(near.findings[0]!.score).toBeGreaterThanOrEqual(0.65);
    expect(checker.check(trip('t7', 'Maria Schmidt', { nationality: 'DE' })).verdict).toBe('clear');
  });
});
