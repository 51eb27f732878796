import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { Screener } from '../src/service/screener.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

describe('POST /updatez, as yente\'s', () => {
  let handle: TestStore;
  let app: ReturnType<typeof createServer>;
  const mirror = tempDir('interdict-mirror-');

  beforeAll(async () => {
    // A mirror holding the UN list under its publisher's name.
    copyFileSync(fixture('un-small.xml'), join(mirror, 'consolidated.xml'));
    handle = await createEmbeddedStore();
    app = createServer(handle.store, { logLevel: 'silent', screener: new Screener(handle.store), updateFrom: mirror });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('updates the lists now: synchronously with each outcome, or in the background; GET is no route, an unknown dataset or parameter 400', async () => {
    const done = await app.inject({ method: 'POST', url: '/updatez?dataset=un_sc&sync=true' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'ok', results: [{ dataset: 'un_sc', ok: true }] });
    const catalog = (await app.inject('/catalog')).json();
    expect(catalog.datasets.map((d: { name: string }) => d.name)).toEqual(['un_sc']);

    // Two at once: one starts in the background, the other is told one runs.
    const [background, second] = await Promise.all([app.inject({ method: 'POST', url: '/updatez?dataset=un_sc' }), app.inject({ method: 'POST', url: '/updatez?dataset=un_sc' })]);
    expect(background.statusCode).toBe(202);
    expect(background.json()).toEqual({ status: 'ok', started: ['un_sc'] });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('UPDATE_RUNNING');
    // Let it end before the store closes (the next request is taken once it has).
    await expect.poll(async () => (await app.inject({ method: 'POST', url: '/updatez?dataset=un_sc&sync=true' })).statusCode, { timeout: 30_000 }).toBe(200);

    expect((await app.inject('/updatez')).statusCode).toBe(404);
    const unknown = await app.inject({ method: 'POST', url: '/updatez?dataset=mars' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('querystring/dataset');
    // yente's token is not how Interdict authenticates: refused, naming it.
    const body = await app.inject({ method: 'POST', url: '/updatez', payload: { dataset: ['un_sc'] } });
    expect(body.statusCode).toBe(400);
    expect(body.json().detail).toContain('no body');
    const token = await app.inject({ method: 'POST', url: '/updatez?token=secret' });
    expect(token.statusCode).toBe(400);
    expect(token.json().detail).toContain('querystring/token');
  });
});
