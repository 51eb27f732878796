import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { loadPaths } from '../src/service/load.js';
import type { Store } from '../src/store/index.js';
import { fixture } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

describe('HTTP API (stored lists)', () => {
  let handle: TestStore;
  let store: Store;
  let app: ReturnType<typeof createServer>;

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    store = handle.store;
    await loadPaths(store, [fixture('ofac-csv')]);
    await loadPaths(store, [fixture('ofac-csv-v2'), fixture('un-small.xml')]);
    app = createServer(store, { logLevel: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('answers health checks', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('lists the current versions in the catalog', async () => {
    const catalog = (await app.inject('/catalog')).json();
    expect(catalog.datasets.map((d: { name: string; entity_count: number }) => [d.name, d.entity_count])).toEqual([['un_sc', 3], ['us_ofac_sdn', 4]]);
  });

  it('lists versions and diffs two of them', async () => {
    const { versions } = (await app.inject('/lists/versions?dataset=us_ofac_sdn')).json();
    expect(versions).toHaveLength(2);
    const diff = (await app.inject(`/lists/diff?from=${versions[0].id}&to=${versions[1].id}`)).json();
    expect(diff).toEqual({
      added: ['us_ofac_sdn-30000'], removed: ['us_ofac_sdn-20001'], changed: ['us_ofac_sdn-12211'],
      // Who they are (a removed one by its last record) and what changed in a changed one.
      captions: { 'us_ofac_sdn-30000': 'NEW TRADING CO., LTD.', 'us_ofac_sdn-20001': 'CAFÉ MÜNCHEN S.A.', 'us_ofac_sdn-12211': 'KIM, Yong Chol' },
      changed_properties: { 'us_ofac_sdn-12211': ['alias'] },
    });
    // A dataset alone: its current version against the one before it.
    const latest = (await app.inject('/lists/diff?dataset=us_ofac_sdn')).json();
    expect(latest).toEqual({ from: versions[0].id, to: versions[1].id, ...diff });
    expect((await app.inject('/lists/diff?dataset=un_sc')).json().detail).toContain('no version before the current one');
    expect((await app.inject('/lists/diff?dataset=nowhere')).statusCode).toBe(404);
  });

  it('answers 400 and 404 with a code and a message, never a 500', async () => {
    const missing = await app.inject('/lists/diff?from=x');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('"from" and "to"');
    const unknown = await app.inject('/lists/diff?from=x&to=y');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'NOT_FOUND', detail: 'version x not found' });
    expect((await app.inject('/entities/nope')).statusCode).toBe(404);
  });

  it('returns an entity with its designations', async () => {
    const entity = (await app.inject('/entities/un_sc-KPi.037')).json();
    expect(entity).toMatchObject({ id: 'un_sc-KPi.037', caption: 'CHANG CHANG HA', designations: [expect.objectContaining({ program: 'DPRK' })] });
  });
});
