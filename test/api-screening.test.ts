import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { Screener } from '../src/service/screener.js';
import { loadPaths } from '../src/service/load.js';
import type { Store } from '../src/store/index.js';
import { fixture } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

const match = (body: unknown, query = ''): InjectOptions => ({
  method: 'POST',
  url: `/match/default${query}`,
  payload: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

describe('HTTP API (yente-compatible screening)', () => {
  let handle: TestStore;
  let store: Store;
  let screener: Screener;
  let app: ReturnType<typeof createServer>;

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    store = handle.store;
    await loadPaths(store, [fixture('ofac-csv'), fixture('un-small.xml')]);
    screener = new Screener(store);
    app = createServer(store, { logLevel: 'silent', screener });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('answers 503 on /readyz and /match until the index is built, then 200', async () => {
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    const early = await app.inject(match({ queries: { q1: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } } } }));
    expect(early.statusCode).toBe(503);
    expect(early.headers['retry-after']).toBe('5');
    expect(await screener.refresh()).toBe(true);
    expect(await screener.refresh()).toBe(false); // same versions: nothing rebuilt
    const ready = await app.inject('/readyz');
    // Ready to screen, saying which of its lists are stale: the UN fixture is an old publication.
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'stale', entities: 7, lists: expect.arrayContaining([expect.objectContaining({ dataset: 'un_sc', stale: true })]) });
  });

  it('matches in yente\'s request and response shapes', async () => {
    const response = await app.inject(match({ queries: { q1: { schema: 'Person', properties: { name: ['Lee Won-ho'] } }, q2: { schema: 'Person', properties: { name: ['Kim Yong Cheol'], birthDate: ['1947'] } } } }));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.limit).toBe(5);
    expect(Object.keys(body.responses)).toEqual(['q1', 'q2']);
    const q2 = body.responses.q2;
    expect(q2.status).toBe(200);
    expect(q2.total).toEqual({ value: q2.results.length, relation: 'eq' });
    expect(q2.query).toEqual({ id: 'q2', schema: 'Person', properties: { name: ['Kim Yong Cheol'], birthDate: ['1947'] } });
    const top = q2.results[0];
    expect(top).toMatchObject({ id: 'us_ofac_sdn-12211', caption: 'KIM, Yong Chol', schema: 'Person', datasets: ['us_ofac_sdn'], referents: [], target: true, match: true });
    expect(top.properties.passportNumber).toContain('563120356');
    expect(top.score).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(top)).toEqual(expect.arrayContaining(['first_seen', 'last_seen', 'last_change', 'features', 'explanations']));
    expect(top.explanations.name.pairs.length).toBeGreaterThan(0);
    expect(body.responses.q1.results[0]).toMatchObject({ id: 'un_sc-KPi.033', match: true });
  });

  it('filters by dataset, entity id and threshold, and caps the limit', async () => {
    const query = { queries: { q: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } } } };
    const only = (await app.inject(match(query, '?include_dataset=un_sc'))).json();
    expect(only.responses.q.results.every((r: { datasets: string[] }) => r.datasets.includes('un_sc'))).toBe(true);
    const excluded = (await app.inject(match(query, '?exclude_entity_ids=us_ofac_sdn-12211'))).json();
    expect(excluded.responses.q.results.map((r: { id: string }) => r.id)).not.toContain('us_ofac_sdn-12211');
    const strict = (await app.inject(match(query, '?threshold=1&cutoff=0'))).json();
    expect(strict.responses.q.results.filter((r: { match: boolean }) => r.match).map((r: { id: string }) => r.id)).toEqual(['us_ofac_sdn-12211']);
    const tooMany = await app.inject(match(query, '?limit=501'));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().detail).toContain('querystring/limit');
  });

  it('tells the console on /session the threshold and cutoff /match applies when a request gives none', async () => {
    const { matching } = (await app.inject('/session')).json() as { matching: { threshold: number; cutoff: number } };
    const person = (name: string) => ({ queries: { q: { schema: 'Person', properties: { name: [name] } } } });
    const results = async (name: string, query = '') => (await app.inject(match(person(name), query))).json().responses.q.results as { score: number; match: boolean }[];
    // A near miss (0.53): shown down to the session's cutoff, below its threshold, so not a match; by default not shown at all.
    const near = await results('Kim Young Chang', `?cutoff=${matching.cutoff}`);
    expect(near).toHaveLength(1);
    expect(near[0]!.score).toBeGreaterThanOrEqual(matching.cutoff);
    expect(near[0]!.score).toBeLessThan(matching.threshold);
    expect(near[0]!.match).toBe(false);
    expect(await results('Kim Young Chang')).toEqual([]);
    const hit = await results('Kim Yong', `?cutoff=${matching.cutoff}`);
    expect(hit[0]!.score).toBeGreaterThanOrEqual(matching.threshold);
    expect(hit[0]!.match).toBe(true);
  });

  it('drops unknown properties with a warning, and refuses a request with an unscreenable schema', async () => {
    const body = (await app.inject(match({ queries: { a: { schema: 'Person', properties: { name: ['Kim Yong Chol'], favouriteColour: ['red'] } } } }))).json();
    expect(body.responses.a.status).toBe(200);
    expect(body.responses.a.warnings).toEqual(['queries/a/properties/favouriteColour: not a property Interdict matches on; dropped']);
    expect(body.responses.a.query.properties).toEqual({ name: ['Kim Yong Chol'] });
    const refused = await app.inject(match({ queries: { a: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } }, b: { schema: 'Mineral', properties: { name: ['x'] } } } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('body/queries/b/schema: "Mineral" cannot be screened');
  });

  it('refuses bad requests with 4xx naming what is wrong', async () => {
    const queries = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, { schema: 'Person', properties: { name: ['x'] } }]));
    const cases: [InjectOptions, number, string][] = [
      [match({ queries }), 400, 'body/queries must NOT have more than 100 properties'],
      [match({}), 400, "body must have required property 'queries'"],
      [match({ queries: { q: { properties: { name: ['x'] } } } }), 400, "body/queries/q must have required property 'schema'"],
      [{ ...match({}), payload: '{"queries": ' }, 400, 'JSON'],
      [match({ queries: { q: { schema: 'Person', properties: { name: ['x'] } } } }, '?algorithm=magic'), 400, 'unknown algorithm "magic"'],
      // yente's tuning knobs are refused, naming the key, never accepted and ignored.
      [match({ queries: { q: { schema: 'Person', properties: { name: ['x'] } } }, weights: { name_literal_match: 0.5 } }), 400, 'body/weights/name_literal_match: weights cannot be set'],
      [match({ queries: { q: { schema: 'Person', properties: { name: ['x'] } } }, config: { nm_number_mismatch: 0.1 } }), 400, 'body/config/nm_number_mismatch: config cannot be set'],
      [{ ...match({ queries: {} }), url: '/match/nowhere' }, 404, 'dataset nowhere not found'],
      [match({ queries: { q: { schema: 'Person', properties: { name: ['x'.repeat(3 * 1024 * 1024)] } } } }), 413, 'too large'],
    ];
    for (const [request, status, detail] of cases) {
      const response = await app.inject(request);
      expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
      expect(response.json().detail).toContain(detail);
    }
  });

  it('searches by name with facets, and lists everything without a query', async () => {
    const found = (await app.inject('/search/default?q=korea%20mining%20development')).json();
    expect(found.results.slice(0, 2).map((r: { id: string }) => r.id).sort()).toEqual(['un_sc-KPe.001', 'us_ofac_sdn-9345']);
    expect(found.facets.datasets.values.map((v: { name: string }) => v.name)).toContain('us_ofac_sdn');
    const all = (await app.inject('/search/default?limit=2&offset=1')).json();
    expect(all.total).toEqual({ value: 7, relation: 'eq' });
    expect(all.results).toHaveLength(2);
    const vessels = (await app.inject('/search/default?schema=Vessel')).json();
    expect(vessels.results.map((r: { caption: string }) => r.caption)).toEqual(['CHONG CHON GANG']);
    const dprk = (await app.inject('/search/dprk?countries=kp&facets=schema')).json();
    expect(dprk.facets.schema.values.length).toBeGreaterThan(0);
    expect((await app.inject('/search/default?limit=-1')).statusCode).toBe(400);
  });

  it('describes its algorithm and publishes an OpenAPI document and docs', async () => {
    const algorithms = (await app.inject('/algorithms')).json();
    expect(algorithms).toMatchObject({ default: 'interdict-v1', best: 'interdict-v1' });
    // yente's shape: each algorithm's features as description, coefficient and url, and its docs; yente's names say what answers them.
    const logicV2 = algorithms.algorithms.find((a: { name: string }) => a.name === 'logic-v2');
    expect(logicV2).toMatchObject({ answered_by: 'interdict-v1', docs: { name: 'logic-v2', config: {} } });
    expect(logicV2.features.name).toMatchObject({ coefficient: 1, description: expect.any(String), url: expect.any(String) });
    expect(logicV2.features.birthDate.coefficient).toBeLessThan(0);
    const openapi = (await app.inject('/openapi.json')).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/match/{dataset}', '/search/{dataset}', '/algorithms', '/entities/{id}']));
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});
