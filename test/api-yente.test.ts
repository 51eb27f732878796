import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { Screener } from '../src/service/screener.js';
import { loadPaths } from '../src/service/load.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

// What a client written for yente meets: its match semantics (threshold, cutoff, total), its
// errors, the query echo, explanations, timestamps, trace context, the catalog's ETag and an
// old id's redirect (the contract read from yente's routers and tests).

const match = (body: unknown, query = '', headers: Record<string, string> = { 'content-type': 'application/json' }): InjectOptions => ({
  method: 'POST',
  url: `/match/default${query}`,
  payload: JSON.stringify(body),
  headers,
});
const kim = { queries: { q: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } } } };
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

interface Result {
  id: string;
  score: number;
  match: boolean;
  schema: string;
  referents: string[];
  first_seen: string | null;
  last_change: string | null;
  explanations: Record<string, { detail: string | null; score: number; query: string | null; candidate: string | null; pairs?: unknown[] }>;
}

describe('a yente client against Interdict', () => {
  let handle: TestStore;
  let app: ReturnType<typeof createServer>;

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    // An FtM export giving its own times for an entity.
    const timed = join(tempDir(), 'timed.ftm.json');
    writeFileSync(timed, [
      { id: 'NK-timed-1', schema: 'Vessel', caption: 'CHON MA SAN', properties: { name: ['CHON MA SAN'], imoNumber: ['8660313'] }, datasets: ['test_timed'], first_seen: '2018-03-30 12:01:02.345', last_seen: '2026-11-29', last_change: '2019-01-15T08:00' },
      // The vessel's owner, through an Ownership: a link nested with its other end.
      { id: 'NK-timed-owner', schema: 'Company', caption: 'Korea Chonmyong Shipping', properties: { name: ['Korea Chonmyong Shipping'] }, datasets: ['test_timed'] },
      { id: 'NK-timed-ownership', schema: 'Ownership', caption: 'Ownership', properties: { owner: ['NK-timed-owner'], asset: ['NK-timed-1'] }, datasets: ['test_timed'] },
    ].map((e) => JSON.stringify(e)).join('\n') + '\n');
    await loadPaths(handle.store, [fixture('ofac-csv'), fixture('un-small.xml'), fixture('ftm-small.ftm.json'), timed]);
    const screener = new Screener(handle.store);
    await screener.refresh();
    app = createServer(handle.store, { logLevel: 'silent', screener });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('returns matches only by default, counts them in total before the limit, and shows near misses below a lowered cutoff', async () => {
    const plain = (await app.inject(match(kim))).json().responses.q;
    expect(plain.results.length).toBeGreaterThan(0);
    expect(plain.results.every((r: Result) => r.match)).toBe(true);
    expect(plain.total).toEqual({ value: plain.results.length, relation: 'eq' });

    const near = (await app.inject(match(kim, '?cutoff=0.3'))).json().responses.q;
    const misses = near.results.filter((r: Result) => !r.match);
    expect(misses.length).toBeGreaterThan(0);
    expect(misses.every((r: Result) => r.score >= 0.3)).toBe(true);
    expect(near.total.value).toBe(near.results.length - misses.length);

    // A cutoff above the threshold is the threshold (yente clamps it).
    expect((await app.inject(match(kim, '?cutoff=0.99'))).json().responses.q.total.value).toBe(plain.total.value);

    // Matches beyond the limit still count: one result shown, all of them in total.
    const wide = (await app.inject(match(kim, '?threshold=0.3'))).json().responses.q;
    expect(wide.total.value).toBeGreaterThan(1);
    const one = (await app.inject(match(kim, '?threshold=0.3&limit=1'))).json().responses.q;
    expect(one.results).toHaveLength(1);
    expect(one.total.value).toBe(wide.total.value);
  });

  it('fails a whole batch for a query that cannot be screened, and refuses an empty one, an unknown parameter and fuzzy=false', async () => {
    const cases: [InjectOptions, string][] = [
      [match({ queries: { a: kim.queries.q, b: { schema: 'Mineral', properties: { name: ['x'] } } } }), 'body/queries/b/schema: "Mineral" cannot be screened'],
      [match({ queries: {} }), 'body/queries: no queries provided'],
      [match(kim, '?exclude_schemas=Person'), 'querystring/exclude_schemas: /match/:dataset takes no parameter "exclude_schemas"'],
      [match(kim, '?fuzzy=false'), 'querystring/fuzzy: false cannot be honoured'],
      [{ method: 'GET', url: '/catalog?fresh=1' }, 'querystring/fresh: /catalog takes no parameter "fresh"'],
      [{ method: 'GET', url: '/search/default?q=kim&filter_by=x' }, 'querystring/filter_by'],
    ];
    for (const [request, detail] of cases) {
      const response = await app.inject(request);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().detail).toContain(detail);
    }
    expect((await app.inject(match(kim, '?fuzzy=true'))).statusCode).toBe(200);
  });

  it('reads a body without a Content-Type as JSON, takes single values and numbers, and echoes the query as yente cleans it', async () => {
    const response = await app.inject(match({ queries: { q: { id: 'c-1', schema: 'Person', properties: { name: 'Kim Yong Chol', birthDate: [1947], nationality: ['North Korea'] } } } }, '', {}));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['x-batch-size']).toBe('1');
    const q = response.json().responses.q;
    expect(q.query).toEqual({ id: 'c-1', schema: 'Person', properties: { name: ['Kim Yong Chol'], birthDate: ['1947'], nationality: ['kp'] } });
    expect(q.results[0].id).toBe('us_ofac_sdn-12211');
  });

  it('explains each feature in yente\'s shape, Interdict\'s own detail beside it, with times to the second', async () => {
    const top: Result = (await app.inject(match(kim))).json().responses.q.results[0];
    const name = top.explanations.name!;
    expect(typeof name.query).toBe('string');
    expect(typeof name.candidate).toBe('string');
    expect(name).toHaveProperty('detail');
    expect(name.score).toBeGreaterThan(0.9);
    expect(name.pairs!.length).toBeGreaterThan(0);
    expect(top.first_seen).toMatch(ISO_SECONDS);
    expect(top.last_change).toMatch(ISO_SECONDS);
  });

  it('excludes schemata, and an entity by an id merged into it', async () => {
    const people = (await app.inject(match({ queries: { q: { schema: 'LegalEntity', properties: { name: ['Kim Yong Nam'] } } } }, '?cutoff=0.3'))).json().responses.q.results as Result[];
    expect(people.some((r) => r.schema === 'Person')).toBe(true);
    const none = (await app.inject(match({ queries: { q: { schema: 'LegalEntity', properties: { name: ['Kim Yong Nam'] } } } }, '?cutoff=0.3&exclude_schema=Person'))).json().responses.q.results as Result[];
    expect(none.some((r) => r.schema === 'Person')).toBe(false);

    const merged = people.find((r) => r.referents.length > 0)!;
    expect(merged).toBeDefined();
    const excluded = (await app.inject(match({ queries: { q: { schema: 'Person', properties: { name: ['Kim Yong Nam'] } } } }, `?cutoff=0.3&exclude_entity_ids=${merged.referents[0]}`))).json().responses.q.results as Result[];
    expect(excluded.map((r) => r.id)).not.toContain(merged.id);

    // The old id answers with a permanent redirect to the entity it was merged into.
    const old = await app.inject(`/entities/${merged.referents[0]}`);
    expect(old.statusCode).toBe(308);
    expect(old.headers.location).toBe(`/entities/${encodeURIComponent(merged.id)}`);
  });

  it('nests related entities both ways, lists them by property with pages, and times each record by its own history', async () => {
    const kimYongNam = (await app.inject('/entities/NK-test-1')).json();
    expect(kimYongNam).toMatchObject({ id: 'NK-test-1', target: true, referents: ['ofac-1'] });
    expect(kimYongNam.first_seen).toMatch(ISO_SECONDS);
    // The FtM Sanction entity naming it, under FollowTheMoney's reverse name.
    expect(kimYongNam.properties.sanctions).toEqual([expect.objectContaining({ id: 'NK-test-sanction-1', schema: 'Sanction' })]);
    expect((await app.inject('/entities/NK-test-1?nested=false')).json().properties.sanctions).toBeUndefined();
    // A list without Sanction entities: its designations, as Sanction entities naming the target.
    const ofac = (await app.inject('/entities/us_ofac_sdn-12211')).json();
    expect(ofac.properties.sanctions[0]).toMatchObject({ schema: 'Sanction', properties: { entity: ['us_ofac_sdn-12211'] } });

    const adjacent = (await app.inject('/entities/NK-test-1/adjacent')).json();
    expect(adjacent.entity.id).toBe('NK-test-1');
    expect(adjacent.adjacent.sanctions).toMatchObject({ total: { value: 1, relation: 'eq' }, limit: 10, offset: 0 });
    // The other way: the sanction names its target.
    const sanction = (await app.inject('/entities/NK-test-sanction-1/adjacent/entity')).json();
    expect(sanction.results.map((r: { id: string }) => r.id)).toEqual(['NK-test-1']);
    const empty = (await app.inject('/entities/NK-test-1/adjacent/sanctions?limit=0')).json();
    expect(empty).toMatchObject({ results: [], total: { value: 1 } });
    expect((await app.inject('/entities/NK-test-1/adjacent/ownershipOwner')).statusCode).toBe(404);
    const old = await app.inject('/entities/ofac-1/adjacent');
    expect(old.statusCode).toBe(308);
    expect(old.headers.location).toBe('/entities/NK-test-1');
    // Its parameters kept: a flat entity stays flat.
    expect((await app.inject('/entities/ofac-1?nested=false')).headers.location).toBe('/entities/NK-test-1?nested=false');
  });

  it('serves OpenRefine\'s reconciliation: the manifest, queries and extension (form-encoded), suggestions and a preview', async () => {
    const manifest = (await app.inject('/reconcile/default')).json();
    expect(manifest).toMatchObject({ versions: ['0.2'], view: { url: 'http://localhost:80/entities/{{id}}' } });
    expect(manifest.suggest.entity.service_url).toBe('http://localhost:80/reconcile/default');
    expect(manifest.defaultTypes.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['Person', 'LegalEntity', 'Thing', 'Vessel']));

    const form = (fields: Record<string, unknown>): InjectOptions => ({ method: 'POST', url: '/reconcile/default', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, JSON.stringify(v)]))).toString() });
    const reconciled = await app.inject(form({ queries: { q0: { query: 'Kim Yong Chol', type: 'Person', properties: [{ pid: 'Person:birthDate', v: '1947' }] }, q1: { query: 'Nobody Unlisted At All' } } }));
    expect(reconciled.statusCode, reconciled.body).toBe(200);
    expect(reconciled.headers['x-batch-size']).toBe('2');
    const q0 = reconciled.json().q0.result;
    expect(q0[0]).toMatchObject({ id: 'us_ofac_sdn-12211', name: 'KIM, Yong Chol', match: true, type: [{ id: 'Person', name: 'People' }] });
    // The same as GET parameters.
    expect((await app.inject(`/reconcile/default?queries=${encodeURIComponent(JSON.stringify({ q: { query: 'Kim Yong Chol' } }))}`)).json().q.result[0].id).toBe('us_ofac_sdn-12211');
    for (const [fields, detail] of [
      [{ queries: { q: { query: 'x', type: 'Banana' } } }, 'queries/q/type: "Banana"'],
      [{ queries: { q: { query: 'x', properties: [{ pid: 'Person:favouriteColour', v: 'red' }] } } }, '"Person:favouriteColour" is not a property'],
      [{ extend: { ids: ['ofac-1'], properties: [{ id: 'nationality' }] } }, 'was merged into NK-test-1'],
      [{ queries: { q0: null } }, 'queries/q0: a query is an object'],
      [{ queries: { q0: { query: 5 } } }, 'queries/q0/query: a string'],
      [{ extend: { ids: ['NK-test-1'], properties: [{ id: 'favouriteColour' }] } }, 'extend/properties/0: "favouriteColour" is not a property'],
      [{ extend: { ids: ['NK-test-1'], properties: [null] } }, 'extend/properties/0: each is'],
      [{ queries: { q: { query: 'x' } }, extend: { ids: [], properties: [] } }, 'give "queries" or "extend", not both'],
    ] as [Record<string, unknown>, string][]) {
      const refused = await app.inject(form(fields));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().detail).toContain(detail);
    }

    const extended = (await app.inject(form({ extend: { ids: ['NK-test-1', 'nobody'], properties: [{ id: 'country' }, { id: 'birthDate' }] } }))).json();
    expect(extended.meta).toEqual([{ id: 'country', name: 'Country' }, { id: 'birthDate', name: 'Birth date' }]);
    expect(extended.rows['NK-test-1']).toEqual({ country: [{ str: 'North Korea' }], birthDate: [{ str: '1928-02-04' }] });
    expect(extended.rows.nobody).toEqual({});
    const raw = (await app.inject(form({ extend: { ids: ['NK-test-1'], properties: [{ id: 'country', settings: { render: 'raw' } }] } }))).json();
    expect(raw.rows['NK-test-1'].country).toEqual([{ str: 'kp' }]);

    const entities = (await app.inject('/reconcile/default/suggest/entity?prefix=chong%20ch')).json();
    expect(entities).toMatchObject({ code: '/api/status/ok', prefix: 'chong ch' });
    expect(entities.result.map((r: { name: string }) => r.name)).toContain('CHONG CHON GANG');
    expect((await app.inject('/reconcile/default/suggest/entity')).json().result).toEqual([]);
    expect((await app.inject('/reconcile/default/suggest/type?prefix=organ')).json().result.map((t: { id: string }) => t.id)).toEqual(['Organization']);
    expect((await app.inject('/reconcile/default/suggest/property?prefix=birth')).json().result.map((p: { id: string }) => p.id)).toEqual(['Person:birthDate', 'Person:birthPlace']);
    const proposed = (await app.inject('/reconcile/default/extend/property?type=Person')).json();
    expect(proposed.properties[0]).toEqual({ id: 'name', name: 'Name' });
    expect((await app.inject('/reconcile/default/extend/property?type=Banana')).statusCode).toBe(400);
    const card = await app.inject('/reconcile/default/preview?id=us_ofac_sdn-12211');
    expect(card.headers['content-type']).toContain('text/html');
    expect(card.body).toContain('KIM, Yong Chol');
  });

  it('takes an entity\'s times from its source where the source gives them', async () => {
    const vessel = (await app.inject('/entities/NK-timed-1')).json();
    expect(vessel).toMatchObject({ first_seen: '2018-03-30T12:01:02', last_seen: '2026-11-29T00:00:00', last_change: '2019-01-15T08:00:00' });
    // Its owner, nested as yente nests it: the Ownership under FtM's reverse name, its other end nested once more, the way back an id.
    const [ownership] = vessel.properties.ownershipAsset;
    expect(ownership).toMatchObject({ id: 'NK-timed-ownership', schema: 'Ownership' });
    expect(ownership.properties.owner[0]).toMatchObject({ id: 'NK-timed-owner', schema: 'Company' });
    expect(ownership.properties.asset).toEqual(['NK-timed-1']);
    // Elsewhere, from the versions that carried the record.
    const un = (await app.inject('/entities/NK-test-1')).json();
    expect(un.first_seen).not.toBe('2018-03-30T12:01:02');
  });

  it('carries the W3C trace context: the caller\'s trace, a span of its own, its state first', async () => {
    const traced = await app.inject({ ...match(kim), headers: { 'content-type': 'application/json', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'Rojo=00f067aa0ba902b7, bad entry' } });
    const [version, trace, span, flags] = String(traced.headers.traceparent).split('-');
    expect([version, trace, flags]).toEqual(['00', '4bf92f3577b34da6a3ce929d0e0e4736', '01']);
    expect(span).toMatch(/^[0-9a-f]{16}$/);
    expect(span).not.toBe('00f067aa0ba902b7');
    expect(traced.headers.tracestate).toBe(`interdict=${span},rojo=00f067aa0ba902b7`);
    // None, or an invalid one (an all-zero trace): a new trace.
    for (const traceparent of [undefined, '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      const fresh = await app.inject({ url: '/healthz', headers: traceparent ? { traceparent } : {} });
      expect(fresh.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
      expect(fresh.headers.traceparent).not.toContain('0000000000000000');
    }
  });

  it('searches every field, filters by field:value (either or all of a field\'s values), sorts, and bounds pages as yente does', async () => {
    const search = async (query: string) => {
      const response = await app.inject(`/search/default?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { results: (Result & { caption: string; target: boolean; datasets: string[] })[]; total: { value: number }; facets: Record<string, { label: string; values: { name: string; label: string; count: number }[] }> };
    };
    // A passport number is no name: found by the words of the entity's other values.
    expect((await search('q=563120356')).results.map((r) => r.id)).toEqual(['us_ofac_sdn-12211']);

    const everything = await search('limit=100');
    const countries = everything.facets.countries!.values;
    expect(countries.find((v) => v.name === 'kp')).toMatchObject({ label: 'North Korea' });
    expect(countries.every((v) => v.name === v.name.toLowerCase())).toBe(true);
    const korean = await search('filter=countries:kp&limit=100');
    expect(korean.total.value).toBe(countries.find((v) => v.name === 'kp')!.count);
    expect((await search('filter=countries:North%20Korea&limit=100')).total.value).toBe(korean.total.value);
    const either = await search('filter=schema:Person&filter=schema:Vessel&limit=100');
    const both = await search('filter=schema:Person&filter=schema:Vessel&filter_op=AND&limit=100');
    expect(either.total.value).toBeGreaterThan(0);
    expect(both.total.value).toBe(0);
    expect(either.results.every((r) => r.schema === 'Person' || r.schema === 'Vessel')).toBe(true);

    expect((await search('exclude_schema=Person&limit=100')).results.some((r) => r.schema === 'Person')).toBe(false);
    expect((await search('include_dataset=un_sc&limit=100')).results.every((r) => r.datasets.includes('un_sc'))).toBe(true);
    expect((await search('exclude_dataset=us_ofac_sdn&limit=100')).results.some((r) => r.datasets.every((d) => d === 'us_ofac_sdn'))).toBe(false);
    expect((await search('target=true&limit=100')).results.every((r) => r.target)).toBe(true);
    expect((await search('changed_since=2999-01-01')).total.value).toBe(0);
    expect((await search('changed_since=2000-01-01&limit=100')).total.value).toBe(everything.total.value);
    const sorted = (await search('sort=caption:desc&limit=100')).results.map((r) => r.caption.toLowerCase());
    expect(sorted).toEqual([...sorted].sort().reverse());

    for (const [query, detail] of [
      ['filter=countries', 'querystring/filter: invalid filter "countries"'],
      ['filter=colour:red', 'querystring/filter: unknown field in "colour:red"'],
      ['sort=weight', 'querystring/sort: unknown field in "weight"'],
      ['schema=Mineral', 'querystring/schema: unknown schema "Mineral"'],
      ['offset=9500', 'querystring/offset must be <= 9499'],
      ['limit=501', 'querystring/limit must be <= 500'],
      ['changed_since=yesterday', 'querystring/changed_since'],
      // Names of Object's own members are no fields.
      ['sort=hasOwnProperty', 'querystring/sort: unknown field in "hasOwnProperty"'],
      ['filter=constructor:x', 'querystring/filter: unknown field in "constructor:x"'],
    ]) {
      const response = await app.inject(`/search/default?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().detail).toContain(detail);
    }
  });

  it('gives the catalog in yente\'s shape, with an ETag answered by 304, and /manifest the same', async () => {
    const first = await app.inject('/catalog');
    const catalog = first.json();
    expect(catalog.index_stale).toBe(false);
    expect(catalog.outdated).toEqual([]);
    expect([...catalog.current].sort()).toEqual(['test_ftm', 'test_timed', 'un_sc', 'us_ofac_sdn']);
    expect(catalog.datasets[0]).toMatchObject({ load: true, index_current: true });
    expect(catalog.datasets[0].index_version).toBe(catalog.datasets[0].version);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    const again = await app.inject({ url: '/catalog', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await app.inject({ url: '/catalog', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    const manifest = await app.inject('/manifest');
    expect(manifest.headers.etag).toBe(etag);
    expect(manifest.json()).toEqual(catalog);
  });
});
