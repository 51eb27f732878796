import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { REQUEST_BOUNDS } from '../src/api/screening-routes.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import { openStore, type Store } from '../src/store/index.js';
import { fixture } from './helpers/fixtures.js';

// One request must not stall the server for the others: 100 queries of five common words each
// at limit 500 and cutoff 0 once held the event loop 11 s, /healthz included.

const queries = (n: number, name = 'Kim Trading Korea Co Ltd'): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, { schema: 'LegalEntity', properties: { name: [name] } }]));

describe('the work one screening request may cause', () => {
  let store: Store;
  let screener: Screener;
  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', dir: undefined });
    await loadPaths(store, [fixture('ofac-csv'), fixture('un-small.xml')]);
    screener = new Screener(store);
    await screener.refresh();
  });
  afterAll(async () => {
    await store.close();
  });

  it('refuses, before any work, more results than a request may ask, a crowd of weak candidates, and too many names', async () => {
    const app = createServer(store, { logLevel: 'silent', screener });
    const ask = (url: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url, payload: body });
    const attack = await ask('/match/default?limit=500&cutoff=0&threshold=0', { queries: queries(100) });
    expect(attack.statusCode).toBe(400);
    expect(attack.json()).toEqual({ code: 'TOO_MUCH_WORK', detail: `queries × limit is 100 × 500 = 50000; a request may ask for ${REQUEST_BOUNDS.results} results at most: send fewer queries a request, or a lower limit` });
    expect((await ask('/match/default?limit=500&cutoff=0.1', { queries: queries(2) })).json().detail).toContain('under a cutoff of 0.3, the limit is 50 at most');
    const names = await ask('/match/default', { queries: { q: { schema: 'Person', properties: { name: Array.from({ length: 15 }, (_, i) => `Kim ${i}`), alias: Array.from({ length: 6 }, (_, i) => `Ri ${i}`) } } } });
    expect(names.json()).toMatchObject({ code: 'TOO_MUCH_WORK', detail: 'queries/q: 21 names; a query may give 20 at most' });
    // Within the bounds, answered.
    expect((await ask('/match/default?limit=50&cutoff=0&threshold=0', { queries: queries(100) })).statusCode).toBe(200);
    await app.close();
  });

  it('answers a health check between the queries of a long request', async () => {
    const app = createServer(store, { logLevel: 'silent', screener });
    const order: string[] = [];
    const heavy = app.inject({ method: 'POST', url: '/match/default?limit=50&cutoff=0&threshold=0', payload: { queries: queries(100) } }).then((r) => order.push(`match ${r.statusCode}`));
    const health = app.inject('/healthz').then((r) => order.push(`healthz ${r.statusCode}`));
    await Promise.all([heavy, health]);
    expect(order).toEqual(['healthz 200', 'match 200']);
    await app.close();
  });

  it('ends a request that runs past its deadline, saying how far it got', async () => {
    const app = createServer(store, { logLevel: 'silent', screener, requestDeadlineMs: 0 });
    const late = await app.inject({ method: 'POST', url: '/match/default?limit=50&cutoff=0&threshold=0', payload: { queries: queries(100) } });
    expect(late.statusCode).toBe(503);
    expect(late.json()).toMatchObject({ code: 'DEADLINE', detail: expect.stringMatching(/^the request was not answered within 0 s \(\d+ of 100 queries done\)/) });
    await app.close();
  });
});
