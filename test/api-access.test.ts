import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIR } from '../src/api/console.js';
import { DEFAULT_CUTOFF, DEFAULT_THRESHOLD } from '../src/core/match/thresholds.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import type { Store } from '../src/store/index.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

describe('HTTP API: keys, roles, batch screenings, rate limits', () => {
  let handle: TestStore;
  let store: Store;
  let jobs: ScreeningJobs;
  let screener: Screener;
  let app: ReturnType<typeof createServer>;

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    store = handle.store;
    await loadPaths(store, [fixture('ofac-csv'), fixture('un-small.xml')]);
    screener = new Screener(store);
    await screener.refresh();
    jobs = new ScreeningJobs(tempDir('interdict-jobs-'), screener, 0);
    // Keys are read again at every request here (a server reads them every 10 s).
    app = createServer(store, { logLevel: 'silent', screener, keys: new KeyRing(store, 0), jobs });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('is open while no key exists, then needs a key of the right role on every route but the health checks, and never opens again', async () => {
    // A server of its own: once a key has been active it stays closed, and the tests after this one ask an open one.
    const app = createServer(store, { logLevel: 'silent', screener, keys: new KeyRing(store, 0), jobs });
    expect((await app.inject('/catalog')).statusCode).toBe(200);
    expect((await app.inject('/session')).json()).toEqual({ access_control: false, role: 'admin', actor: 'local', matching: { threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_CUTOFF } });
    const reader = await createKey(store, 'reader');
    const analyst = await createKey(store, 'analyst', 'batch team');
    expect(reader.secret).toMatch(/^idk_[A-Za-z0-9_-]{43}$/);
    expect((await store.listApiKeys()).map((k) => k.hash)).not.toContain(reader.secret);

    const anonymous = await app.inject('/catalog');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('ApiKey');
    expect(anonymous.json().detail).toContain('Authorization: ApiKey <key>');
    expect((await app.inject({ url: '/catalog', headers: { authorization: 'ApiKey idk_wrong' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/catalog', headers: { authorization: `ApiKey ${reader.secret}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/search/default?q=kim', headers: { 'x-api-key': reader.secret } })).statusCode).toBe(200);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    expect((await app.inject('/openapi.json')).statusCode).toBe(401);
    // The console's files hold no data: served to anyone; /session tells the console the key's role.
    expect((await app.inject('/session')).statusCode).toBe(401);
    expect((await app.inject({ url: '/session', headers: { 'x-api-key': analyst.secret } })).json()).toEqual({ access_control: true, role: 'analyst', actor: `key:${analyst.key.id} (batch team)`, matching: { threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_CUTOFF } });
    if (existsSync(join(CONSOLE_DIR, 'index.html'))) {
      const page = await app.inject('/');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)![1]!;
      expect((await app.inject(`/${script}`)).statusCode).toBe(200);
    }

    const upload = { method: 'POST' as const, url: '/screenings', payload: 'name\nKim Yong Chol\n', headers: { 'content-type': 'text/csv', 'x-api-key': reader.secret } };
    const forbidden = await app.inject(upload);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().detail).toBe('this route needs the analyst role; the key has the reader role');
    expect((await app.inject({ ...upload, headers: { ...upload.headers, 'x-api-key': analyst.secret } })).statusCode).toBe(202);

    await store.revokeApiKey(reader.key.id);
    expect((await app.inject({ url: '/catalog', headers: { 'x-api-key': reader.secret } })).statusCode).toBe(401);
    // The last key revoked: closed to everyone, never open with the admin role.
    await store.revokeApiKey(analyst.key.id);
    const closed = await app.inject('/catalog');
    expect(closed.statusCode).toBe(401);
    expect(closed.json()).toMatchObject({ code: 'NO_KEYS' });
    expect((await app.inject('/session')).statusCode).toBe(401);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await app.close();
  });

  it('refuses, while open, a request addressed to another name than this machine\'s (DNS rebinding)', async () => {
    const open = createServer(store, { logLevel: 'silent', screener, keys: new KeyRing(store, 0) });
    expect((await open.inject({ url: '/catalog', headers: { host: '127.0.0.1:8000' } })).statusCode).toBe(200);
    expect((await open.inject({ url: '/catalog', headers: { host: '[::1]:8000' } })).statusCode).toBe(200);
    const rebound = await open.inject({ url: '/catalog', headers: { host: 'evil.example:8000' } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json()).toMatchObject({ code: 'FORBIDDEN_HOST' });
    // A server started on another machine's address is closed from the start, key or no key.
    const exposed = createServer(store, { logLevel: 'silent', screener, keys: new KeyRing(store, 0, { locked: true }) });
    expect((await exposed.inject({ url: '/catalog', headers: { host: '127.0.0.1:8000' } })).json()).toMatchObject({ code: 'NO_KEYS' });
    await open.close();
    await exposed.close();
  });

  it('screens an uploaded CSV as a job and serves its results, one row per input row', async () => {
    const csv = ['customer_id,full_name,dob', 'a1,Kim Young-cheol,1947', 'a2,,1990', 'a3,Jane Q. Public,1985', 'a4,"CHANG, Chang Ha",'].join('\n');
    const submitted = await app.inject({ method: 'POST', url: '/screenings?columns=id=customer_id,name=full_name,birthDate=dob', payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(submitted.statusCode).toBe(202);
    const job = submitted.json();
    expect(job).toMatchObject({ status: 'queued', input_format: 'csv', output_format: 'csv', links: { results: `/screenings/${job.id}/results` } });
    expect(submitted.headers.location).toBe(`/screenings/${job.id}`);
    await jobs.idle();
    const status = (await app.inject(`/screenings/${job.id}`)).json();
    expect(status).toMatchObject({ status: 'done', done: 4, matches: 2, bad: 1, warned: 0, not_reached: 0, detected: { encoding: 'utf-8', delimiter: ',' }, error: null });
    const results = await app.inject(`/screenings/${job.id}/results`);
    expect(results.headers['content-type']).toContain('text/csv');
    const lines = results.body.trim().split('\n');
    expect(lines[0]).toBe('line,id,name,schema,match_id,match_caption,score,match,datasets,explanation,error,warnings,query_name,matched_name,designee_id,designee_datasets,designee_members');
    // The row without a name keeps its customer id.
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['2,a1', '3,a2', '4,a3', '5,a4']);
    expect(lines[1]).toContain('us_ofac_sdn-12211');
  });

  it('screens JSON lines in yente form and answers in JSON lines', async () => {
    const body = [JSON.stringify({ id: 'q1', schema: 'Person', properties: { name: ['Ri Won Ho'] } }), 'not json'].join('\n');
    const job = (await app.inject({ method: 'POST', url: '/screenings', payload: body, headers: { 'content-type': 'application/x-ndjson' } })).json();
    await jobs.idle();
    const lines = (await app.inject(`/screenings/${job.id}/results`)).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ line: 1, id: 'q1', match_id: 'un_sc-KPi.033', match: true });
    expect(lines[1]).toMatchObject({ line: 2, error: expect.stringContaining('invalid JSON') });
  });

  it('refuses uploads it cannot read, and unknown jobs', async () => {
    expect((await app.inject({ method: 'POST', url: '/screenings', payload: 'x', headers: { 'content-type': 'application/pdf' } })).statusCode).toBe(415);
    expect((await app.inject({ method: 'POST', url: '/screenings', payload: ' ', headers: { 'content-type': 'text/csv' } })).statusCode).toBe(400);
    expect((await app.inject('/screenings/scr_nope')).statusCode).toBe(404);
    expect((await app.inject('/screenings/scr_nope/results')).statusCode).toBe(404);
  });

  it('loads an uploaded list file for an admin only, all or nothing, and swaps the index', async () => {
    const admin = await createKey(store, 'admin');
    const reader = await createKey(store, 'reader');
    // The store holds OFAC's CSV set: an XML file of the list is another format, taken only when forced.
    const upload = (secret: string, payload: string | Buffer, query = '?filename=ofac-small.xml&force=true') => app.inject({ method: 'POST', url: `/lists/load${query}`, payload, headers: { 'content-type': 'application/xml', 'x-api-key': secret } });
    const xml = readFileSync(fixture('ofac-small.xml'));
    expect((await upload(reader.secret, xml)).statusCode).toBe(403);
    const before = (await store.listVersions()).length;
    const broken = await upload(admin.secret, xml.subarray(0, xml.length >> 1));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toContain('ofac-small.xml');
    expect((await store.listVersions()).length).toBe(before);
    const loaded = await upload(admin.secret, xml);
    expect(loaded.statusCode).toBe(200);
    expect(Object.values(loaded.json().datasets)).toEqual([expect.objectContaining({ created: true })]);
    const entity = (await app.inject({ url: '/entities/us_ofac_sdn-12211', headers: { 'x-api-key': reader.secret } })).json();
    expect(Object.keys(entity.designations_by_authority)).toEqual([entity.designations[0].authority]);
    expect(entity.versions.length).toBeGreaterThan(0);
    await store.revokeApiKey(admin.key.id);
    await store.revokeApiKey(reader.key.id);
  });

  it('serves its docs without a key, their calls taking one, and answers every error in one shape', async () => {
    const reader = await createKey(store, 'reader');
    // With keys, the docs page still loads (it holds no data); its document declares the key for the calls made from it.
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    const spec = (await app.inject('/docs/json')).json();
    expect(spec.components.securitySchemes).toEqual({ ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } });
    expect(spec.security).toEqual([{ ApiKey: [] }]);
    // Unknown routes, bad bodies and refusals: {code, detail}, never another shape.
    const unknown = await app.inject({ url: '/no/such/route?x=1', headers: { 'x-api-key': reader.secret } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'NOT_FOUND', detail: 'no route GET /no/such/route; GET /openapi.json lists them' });
    const badJson = await app.inject({ method: 'POST', url: '/match/default', payload: '{"queries": ', headers: { 'content-type': 'application/json', 'x-api-key': reader.secret } });
    expect(badJson.statusCode).toBe(400);
    expect(Object.keys(badJson.json()).sort()).toEqual(['code', 'detail']);
    const analyst = await createKey(store, 'analyst');
    // A confirmation needs no body: none at all, or an empty JSON one, reaches the rule (here: no such alert).
    for (const headers of [{}, { 'content-type': 'application/json' }]) {
      const confirm = await app.inject({ method: 'POST', url: '/alerts/999/confirm', headers: { ...headers, 'x-api-key': analyst.secret } });
      expect(confirm.json()).toEqual({ code: 'NOT_FOUND', detail: 'alert 999 not found' });
    }
    // Errors speak of the API's parameters, not of command-line flags.
    const columns = await app.inject({ method: 'POST', url: '/screenings?columns=name%3Dfull', payload: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv', 'x-api-key': analyst.secret } });
    expect(columns.statusCode).toBe(400);
    expect(columns.json()).toEqual({ code: 'UNKNOWN_COLUMN', detail: 'column "full" is not in the header (a, b)' });
    const noName = await app.inject({ method: 'POST', url: '/screenings', payload: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv', 'x-api-key': analyst.secret } });
    expect(noName.json().detail).not.toContain('--');
    await store.revokeApiKey(reader.key.id);
    await store.revokeApiKey(analyst.key.id);
  });

  it('limits requests per key and per address, wrong keys included', async () => {
    const limited = createServer(store, { logLevel: 'silent', screener: new Screener(store), keys: new KeyRing(store, 0), rateLimit: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.inject('/catalog')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    // Guesses at a key count: each wrong key is counted against the address, not given a budget of its own.
    const guarded = createServer(store, { logLevel: 'silent', screener: new Screener(store), keys: new KeyRing(store, 0, { locked: true }), rateLimit: 3 });
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++) guesses.push((await guarded.inject({ url: '/catalog', headers: { 'x-api-key': `idk_guess_${i}` } })).statusCode);
    expect(guesses).toEqual([401, 401, 401, 429, 429]);
    await guarded.close();
    const refused = await limited.inject('/catalog');
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await limited.inject('/healthz')).statusCode).toBe(200);
    await limited.close();
  });
});
