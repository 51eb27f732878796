import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { fixture } from './helpers/fixtures.js';
import { gapVersionFiles } from './helpers/gap-versions.js';
import { UN_AND_OFAC, screenedStore } from './helpers/api.js';
import type { TestStore } from './helpers/stores.js';

describe('GET /designees/{id} and GET /gaps', () => {
  let t: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    const { t: loaded, screener } = await screenedStore(UN_AND_OFAC);
    t = loaded;
    app = createServer(t.store, { logLevel: 'silent', screener });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('shows a designee\'s records side by side, found from any of them, with every authority\'s designations and the evidence', async () => {
    for (const id of ['un_sc-KPe.001', 'us_ofac_sdn-9345']) {
      const answer = await app.inject({ url: `/designees/${id}` });
      expect(answer.statusCode).toBe(200);
      const body = answer.json();
      expect(body).toMatchObject({ id: 'un_sc-KPe.001', datasets: ['un_sc', 'us_ofac_sdn'], confidence: 1 });
      expect(body.members.map((m: { id: string }) => m.id)).toEqual(['un_sc-KPe.001', 'us_ofac_sdn-9345']);
      expect(body.members[1]).toMatchObject({ caption: 'KOREA MINING DEVELOPMENT TRADING CORPORATION', schema: 'Organization', target: true });
      expect(Object.keys(body.designations).sort()).toEqual(['un_sc', 'us_ofac_sdn']);
      expect(body.links[0].evidence.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['name', 'regime', 'reciprocal']));
    }
    // A record linked to none is a designee of one.
    expect((await app.inject({ url: '/designees/un_sc-KPi.033' })).json()).toMatchObject({ id: 'un_sc-KPi.033', members: [{ id: 'un_sc-KPi.033' }], links: [] });
    expect((await app.inject({ url: '/designees/nobody' })).statusCode).toBe(404);
  });

  it('answers the gap report, and names a list it does not hold', async () => {
    const answer = await app.inject({ url: '/gaps?reference=un_sc&collection=dprk' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ reference: 'un_sc', collection: 'dprk', against: ['us_ofac_sdn'], summary: { us_ofac_sdn: { listed: 1, missing: 2 } } });
    expect((await app.inject({ url: '/gaps?reference=un_sc&against=us_ofac_sdn' })).json().rows).toHaveLength(3);
    const unknown = await app.inject({ url: '/gaps?reference=un_sc&against=eu_fsf' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringContaining('against: "eu_fsf" has no current version') });
    expect((await app.inject({ url: '/gaps' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/gaps?reference=un_sc&group=x' })).statusCode).toBe(400);
  });
  it('answers /match one result per designee with group=designee, every member in referents; one per record by default', async () => {
    const body = { queries: { q: { schema: 'Organization', properties: { name: ['Korea Mining Development Trading Corporation'] } } } };
    const perRecord = (await app.inject({ method: 'POST', url: '/match/default', payload: body })).json().responses.q;
    expect(perRecord.results.map((r: { id: string }) => r.id).sort()).toEqual(['un_sc-KPe.001', 'us_ofac_sdn-9345']);
    expect(perRecord.results[0].designee).toBeUndefined();
    const grouped = (await app.inject({ method: 'POST', url: '/match/default?group=designee', payload: body })).json().responses.q;
    expect(grouped.results).toHaveLength(1);
    const [one] = grouped.results;
    expect([one.id, ...one.referents].sort()).toEqual(['un_sc-KPe.001', 'us_ofac_sdn-9345']);
    expect(one).toMatchObject({ match: true, designee: { id: 'un_sc-KPe.001', datasets: ['un_sc', 'us_ofac_sdn'], members: ['un_sc-KPe.001', 'us_ofac_sdn-9345'] } });
    expect(Object.keys(one.designations).sort()).toEqual(['un_sc', 'us_ofac_sdn']);
    expect(grouped.total).toEqual({ value: 1, relation: 'eq' });
    expect((await app.inject({ method: 'POST', url: '/match/default?group=entity', payload: body })).statusCode).toBe(400);
  });
  it('answers /search one result per designee with group=designee', async () => {
    const perRecord = (await app.inject({ url: '/search/default?q=Korea%20Mining%20Development' })).json();
    expect(perRecord.results.map((r: { id: string }) => r.id).sort()).toEqual(['un_sc-KPe.001', 'us_ofac_sdn-9345']);
    const grouped = (await app.inject({ url: '/search/default?q=Korea%20Mining%20Development&group=designee' })).json();
    expect(grouped.results).toHaveLength(1);
    expect(grouped.results[0]).toMatchObject({ designee: { id: 'un_sc-KPe.001', members: ['un_sc-KPe.001', 'us_ofac_sdn-9345'] } });
    expect(grouped.total).toEqual({ value: 1, relation: 'eq' });
  });
  it('takes an analyst\'s split and confirmation, and answers by them at once', async () => {
    const split = await app.inject({ method: 'POST', url: '/designees/links', payload: { ids: ['us_ofac_sdn-9345', 'un_sc-KPe.001'], decision: 'different', note: 'a namesake' } });
    expect(split.statusCode).toBe(201);
    expect(split.json()).toMatchObject({ ids: ['un_sc-KPe.001', 'us_ofac_sdn-9345'], decision: 'different', note: 'a namesake' });
    expect((await app.inject({ url: '/designees/un_sc-KPe.001' })).json().members.map((m: { id: string }) => m.id)).toEqual(['un_sc-KPe.001']);
    expect((await app.inject({ url: '/gaps?reference=un_sc' })).json().summary.us_ofac_sdn.listed).toBe(0);
    await app.inject({ method: 'POST', url: '/designees/links', payload: { ids: ['un_sc-KPe.001', 'us_ofac_sdn-9345'], decision: 'same', note: 'checked the remarks' } });
    const confirmed = (await app.inject({ url: '/designees/us_ofac_sdn-9345' })).json();
    expect(confirmed.members.map((m: { id: string }) => m.id)).toEqual(['un_sc-KPe.001', 'us_ofac_sdn-9345']);
    expect(confirmed.links[0].evidence[0]).toMatchObject({ kind: 'analyst' });
    for (const payload of [{ ids: ['a'], decision: 'same', note: 'x' }, { ids: ['a', 'b'], decision: 'maybe', note: 'x' }, { ids: ['un_sc-KPe.001', 'un_sc-KPe.001'], decision: 'same', note: 'x' }, { ids: ['a', 'b'], decision: 'same' }]) {
      expect((await app.inject({ method: 'POST', url: '/designees/links', payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    // A record no stored version holds (a typo) is refused, never kept.
    const typo = await app.inject({ method: 'POST', url: '/designees/links', payload: { ids: ['un_sc-KPe.001', 'us_ofac_sdn-93450'], decision: 'same', note: 'x' } });
    expect(typo.statusCode).toBe(404);
    expect(typo.json().detail).toBe('record us_ofac_sdn-93450 not found: no stored version of any list holds it');
    expect((await app.inject({ url: '/gaps?reference=un_sc&collection=nowhere' })).statusCode).toBe(404);
  });
});

describe('GET /gaps at a date and since another, on two stored versions of the UN and DFAT lists', () => {
  let t: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    const files = await gapVersionFiles();
    const { t: loaded, screener } = await screenedStore([files.unThen, files.dfatThen], [files.unNow, files.dfatNow, fixture('ofac-csv')]);
    t = loaded;
    app = createServer(t.store, { logLevel: 'silent', screener });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const gaps = async (query: string) => {
    const answer = await app.inject({ url: `/gaps?reference=un_sc&collection=dprk${query}` });
    return { status: answer.statusCode, body: answer.json() };
  };

  it('answers the current versions by default, with each authority, the rows\' schema and programs, and DFAT\'s own DPRK listing as separate', async () => {
    const { status, body } = await gaps('');
    expect(status).toBe(200);
    expect(body).toMatchObject({ against: ['au_dfat', 'us_ofac_sdn'], at: null, notes: [], versions: { un_sc: { published: '2026-02-27' }, au_dfat: { published: '2024-11-11' }, us_ofac_sdn: { published: null } } });
    expect(body.authorities.au_dfat).toMatchObject({ implements_un: 'lists', verification: 'verified' });
    expect(body.rows.find((r: { id: string }) => r.id === 'un_sc-KPe.001')).toMatchObject({ schema: 'Organization', programs: ['DPRK'], lists: { au_dfat: { status: 'listed', ids: ['au_dfat-1113'] } } });
    expect(body.rows.find((r: { id: string }) => r.id === 'un_sc-KPi.033').lists.au_dfat).toMatchObject({ status: 'listed', ids: ['au_dfat-3401'] });
    expect(body.separate.au_dfat).toEqual({ total: 1, by_year: { '2012': 1 }, ids: ['au_dfat-1692'] });
    expect(body.by_year.au_dfat).toEqual({ '2009': { un: 1, separate: 0 }, '2012': { un: 0, separate: 1 }, '2016': { un: 1, separate: 0 } });
    expect(body.changes).toBeUndefined();
  });

  it('takes each list\'s newest version on or before `at`, leaving out (with a note) a list that had none', async () => {
    const { status, body } = await gaps('&at=2022-01-01');
    expect(status).toBe(200);
    expect(body).toMatchObject({ at: '2022-01-01', against: ['au_dfat'], versions: { un_sc: { published: '2020-12-01' }, au_dfat: { published: '2020-06-01' } } });
    expect(body.notes).toEqual(['us_ofac_sdn has no version on or before 2022-01-01 (at): left out']);
    expect(body.rows.map((r: { id: string; lists: { au_dfat: { status: string } } }) => [r.id, r.lists.au_dfat.status])).toEqual([['un_sc-KPe.001', 'listed'], ['un_sc-KPi.033', 'missing']]);
  });

  it('says what closed and what opened since a date: a gap closed, a new designation missing, the lists not compared noted', async () => {
    const { status, body } = await gaps('&since=2021-01-01');
    expect(status).toBe(200);
    expect(body.at).toBeNull();
    expect(body.changes).toEqual({
      since: '2021-01-01',
      versions: { un_sc: expect.objectContaining({ published: '2020-12-01' }), au_dfat: expect.objectContaining({ published: '2020-06-01' }) },
      added: ['un_sc-KPi.037'],
      removed: [],
      closed: [{ id: 'un_sc-KPi.033', caption: 'RI WON HO', dataset: 'au_dfat', was: 'missing', now: 'listed' }],
      opened: [{ id: 'un_sc-KPi.037', caption: 'CHANG CHANG HA', dataset: 'au_dfat', was: 'absent', now: 'missing' }],
    });
    expect(body.notes).toEqual(['us_ofac_sdn has no version on or before 2021-01-01 (since): not compared']);
    // The same versions at both dates: nothing changed.
    const same = (await gaps('&at=2022-01-01&since=2021-01-01')).body.changes;
    expect(same).toMatchObject({ added: [], removed: [], closed: [], opened: [] });
  });

  it('refuses malformed dates and `since` not before `at` (400), and names a list with no version at a date (404)', async () => {
    for (const [query, detail] of [
      ['&at=2024-13-01', 'at: "2024-13-01" is not a date (YYYY-MM-DD)'],
      ['&since=1.1.2024', 'since: "1.1.2024" is not a date (YYYY-MM-DD)'],
      ['&at=2024-02-30', 'at: "2024-02-30" is not a date (YYYY-MM-DD)'],
      ['&at=2021-01-01&since=2022-01-01', 'since: 2022-01-01 is not before at (2021-01-01)'],
      ['&at=2021-01-01&since=2021-01-01', 'since: 2021-01-01 is not before at (2021-01-01)'],
    ]) {
      const { status, body } = await gaps(query!);
      expect(status, query).toBe(400);
      expect(body).toMatchObject({ code: 'BAD_REQUEST', detail });
    }
    expect((await gaps('&since=2999-01-01')).body.detail).toMatch(/^since: 2999-01-01 is not before today \(\d{4}-\d\d-\d\d\)$/);
    const early = await gaps('&at=2019-01-01');
    expect(early).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', detail: 'reference "un_sc" has no version on or before 2019-01-01 (at)' } });
    const asked = await gaps('&at=2022-01-01&against=us_ofac_sdn');
    expect(asked).toMatchObject({ status: 404, body: { detail: 'against: "us_ofac_sdn" has no version on or before 2022-01-01 (at)' } });
    expect((await gaps('&since=2021-01-01&against=au_dfat,us_ofac_sdn')).body.detail).toBe('against: "us_ofac_sdn" has no version on or before 2021-01-01 (since)');
  });
});
