import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screening.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

// Strings a hostile or careless client sends: any Unicode (lone surrogates, controls, emoji,
// right-to-left marks), very long ones, and JSON nested deep.
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', '\uD800', '\uFEFF', '\u202E', '𝓚𝓲𝓶', 'Ｋｉｍ Ｊｏｎｇ', '김정은'.repeat(50), 'x'.repeat(100_000), "'; DROP TABLE api_keys; --", '../../etc/passwd', '%00', '{{7*7}}'),
);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(oddString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 })).map((v) => JSON.stringify(v));
// Nested deeper than any parser's recursion can follow, as raw text.
const deep = fc.integer({ min: 1000, max: 200_000 }).map((depth) => `{"queries": ${'['.repeat(depth)}1${']'.repeat(depth)}}`);
/** Percent-encode any string, bytes and all (invalid UTF-16 included). */
const encode = (value: string): string => [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
// Shapes close to a real request, so that validation is passed and the matcher is reached.
const nearMatch = fc.record({
  queries: fc.dictionary(oddString, fc.record({
    schema: fc.oneof(fc.constantFrom('Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Thing', 'Airplane'), oddString),
    properties: fc.dictionary(fc.oneof(fc.constantFrom('name', 'alias', 'birthDate', 'nationality', 'passportNumber', 'imoNumber', 'country', 'gender'), oddString), fc.array(oddString, { maxLength: 5 }), { maxKeys: 6 }),
  }, { requiredKeys: [] }), { maxKeys: 4 }),
}, { requiredKeys: [] });

describe('HTTP API under hostile input: no request is answered with a 5xx', () => {
  let handle: TestStore;
  let app: ReturnType<typeof createServer>;

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    await loadPaths(handle.store, [fixture('ofac-csv'), fixture('un-small.xml')]);
    const screener = new Screener(handle.store);
    await screener.refresh();
    app = createServer(handle.store, { logLevel: 'silent', screener, jobs: new ScreeningJobs(tempDir('interdict-fuzz-'), screener, 0) });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  const status = async (request: InjectOptions): Promise<number> => (await app.inject(request)).statusCode;

  it('POST /match/{dataset} with any JSON, near-valid queries and odd query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyJson, deep, nearMatch.map((v) => JSON.stringify(v))), oddString, fc.oneof(fc.constant('default'), oddString), async (body, query, dataset) => {
        const code = await status({ method: 'POST', url: `/match/${encode(dataset) || 'default'}?limit=${encode(query)}&threshold=${encode(query)}&include_dataset=${encode(query)}`, payload: body, headers: { 'content-type': 'application/json' } });
        expect(code).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('POST /match/default with near-valid queries is answered per query', async () => {
    await fc.assert(
      fc.asyncProperty(nearMatch, async (body) => {
        const response = await app.inject({ method: 'POST', url: '/match/default', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 12 },
    );
  });

  it('raw bytes, wrong content types and broken JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('application/json', 'text/csv', 'application/x-ndjson', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x'), fc.constantFrom('/match/default', '/screenings', '/search/default', '/entities/x'), async (bytes, type, url) => {
        const code = await status({ method: 'POST', url, payload: Buffer.from(bytes), headers: { 'content-type': type } });
        expect(code).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  it('GET routes with odd paths and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/search/', '/entities/', '/lists/diff?from=', '/lists/versions?dataset=', '/screenings/', '/search/default?q=', '/search/default?countries=', '/search/default?limit='), oddString, async (prefix, value) => {
        const code = await status({ method: 'GET', url: `${prefix}${encode(value)}` });
        expect(code).toBeLessThan(500);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('uploads of odd CSV and JSON lines become jobs that finish, not crashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(oddString, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (rows) => {
        const csv = ['name,birthDate', ...rows.map((r) => r.join(','))].join('\n');
        const code = await status({ method: 'POST', url: '/screenings', payload: csv, headers: { 'content-type': 'text/csv' } });
        expect(code).toBeLessThan(500);
      }),
      { numRuns: 40, seed: 15 },
    );
  });
});
