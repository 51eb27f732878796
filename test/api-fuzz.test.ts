import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
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

  // Regressions (issue 14): each was a 500, a NUL reaching PostgreSQL text, an integer beyond
  // bigint, or a file name that is a folder.
  it('refuses with a 4xx naming the parameter what once answered 500', async () => {
    const refused: [string, string][] = [
      ['/alerts?dataset=%00', 'dataset'],
      ['/alerts?after=%00', 'after'],
      ['/parties?after=%00', 'after'],
      ['/parties?after=a%00b', 'after'],
      ['/alerts?after=99999999999999999999', 'after'],
      ['/alerts?after=Infinity', 'after'],
      ['/audit?after=1e308', 'after'],
      ['/audit?after=99999999999999999999', 'after'],
      // Ajv passes "Infinity" through minimum and maximum: a limit of it reached PostgreSQL, or read the whole trail.
      ['/parties?limit=Infinity', 'limit'],
      ['/monitor/runs?limit=Infinity', 'limit'],
      ['/audit?limit=Infinity', 'limit'],
      ['/audit?after=-Infinity', 'after'],
      ['/search/default?q=kim&limit=Infinity', 'limit'],
    ];
    for (const [url, field] of refused) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().detail).toContain(`querystring/${field}`);
    }
    for (const filename of ['.', '..', '...']) {
      const response = await app.inject({ method: 'POST', url: `/lists/load?filename=${filename}`, payload: '<x/>', headers: { 'content-type': 'application/xml' } });
      expect(response.statusCode, filename).toBe(400);
      expect(response.json().detail).toContain('querystring/filename');
    }
  });

  // Numbers at and past every edge: JavaScript's safe integers, PostgreSQL's bigint, floats' range.
  const oddNumber = fc.oneof(
    fc.constantFrom('99999999999999999999', '9223372036854775807', '9223372036854775808', '9007199254740993', '1e308', '-1e308', '1e-400', 'Infinity', '-Infinity', 'NaN', '-0', '0x10', '+1', ' 1', '1 ', '', '%00', '1%002'),
    fc.bigInt().map(String),
    fc.double().map(String),
  );
  it('GET query strings of /alerts, /parties, /audit and /monitor/runs with odd values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/alerts?after=', '/alerts?dataset=', '/alerts?status=', '/alerts?min_score=', '/alerts?limit=', '/parties?after=', '/parties?limit=', '/audit?after=', '/audit?limit=', '/monitor/runs?limit=', '/monitor/runs/', '/alerts/', '/parties/', '/search/default?limit=', '/search/default?offset='),
        fc.oneof(oddString.map(encode), oddNumber),
        async (prefix, value) => {
          const url = `${prefix}${value}`;
          expect(await status({ method: 'GET', url }), url).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 16 },
    );
  });

  // Found by fuzzing POST /parties and the review routes: a lone surrogate inside JSON, or a NUL, reached jsonb and PostgreSQL text.
  it('refuses a party id or a note PostgreSQL cannot hold, naming it', async () => {
    const party = await app.inject({ method: 'POST', url: '/parties', payload: JSON.stringify({ parties: [{ id: 'x\uD800', properties: { name: ['Kim'] } }] }), headers: { 'content-type': 'application/json' } });
    expect(party.statusCode).toBe(400);
    expect(party.json().detail).toMatch(/party id .* not storable/);
    await app.inject({ method: 'POST', url: '/parties', payload: { parties: [{ id: 'fuzz-kim', schema: 'Person', properties: { name: ['Kim Yong Chol'], birthDate: ['1947'] } }] } });
    await app.inject({ method: 'POST', url: '/monitor/run', payload: {} });
    const { alerts } = (await app.inject({ url: '/alerts?status=open' })).json() as { alerts: { id: number }[] };
    expect(alerts.length).toBeGreaterThan(0);
    for (const note of ['a\u0000b', 'a\uD800b', '\uDC00']) {
      for (const route of ['decision', 'confirm']) {
        const response = await app.inject({ method: 'POST', url: `/alerts/${alerts[0]!.id}/${route}`, payload: JSON.stringify({ decision: 'false_positive', note }).replace(route === 'confirm' ? '"decision":"false_positive",' : '', ''), headers: { 'content-type': 'application/json' } });
        expect(response.statusCode, `${route} ${JSON.stringify(note)}`).toBe(400);
        expect(response.json().detail).toContain('body/note');
      }
    }
  });

  it('POST /parties and alert decisions with odd ids and notes', async () => {
    await fc.assert(
      fc.asyncProperty(oddString, oddString, async (id, note) => {
        expect(await status({ method: 'POST', url: '/parties', payload: JSON.stringify({ parties: [{ id, properties: { name: [note] } }] }), headers: { 'content-type': 'application/json' } })).toBeLessThan(500);
        expect(await status({ method: 'DELETE', url: `/parties/${encode(id)}` })).toBeLessThan(500);
        expect(await status({ method: 'POST', url: '/alerts/1/decision', payload: JSON.stringify({ decision: 'false_positive', note }), headers: { 'content-type': 'application/json' } })).toBeLessThan(500);
        expect(await status({ method: 'POST', url: '/alerts/1/confirm', payload: JSON.stringify({ note }), headers: { 'content-type': 'application/json' } })).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 17 },
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
