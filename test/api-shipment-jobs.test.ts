import { readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import { Screener } from '../src/service/screener.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { ShipmentJobs } from '../src/service/shipment-jobs.js';
import type { AuditEntry } from '../src/store/audit.js';
import { tempDir } from './helpers/fixtures.js';
import { UN_AND_OFAC, screenedStore } from './helpers/api.js';
import type { TestStore } from './helpers/stores.js';

/** Coal out of Nampo shipped by KOMID, a bad HS code, and clean trade, as a forwarder's CSV export. */
const CSV = [
  'id,date,origin,destination,port_of_loading,shipper_name,shipper_country,consignee_name,goods1_hs,goods1_description',
  'f1,2019-03-01,KP,CN,Nampo,KOMID,KP,Dalian Ocean Trading Co Ltd,2701.12,anthracite',
  'f2,2019-03-01,DE,FR,Hamburg,Hamburg Maschinenbau GmbH,DE,Lyon Travaux SA,270,coal',
  'f3,2019-03-01,DE,FR,Hamburg,Hamburg Maschinenbau GmbH,DE,Lyon Travaux SA,8429.11,bulldozers',
  '',
].join('\n');

describe('POST /shipments/screenings: a file of shipments as a job', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let jobs: ShipmentJobs;
  let analyst: string;
  let reader: string;
  let screener: Screener;

  beforeAll(async () => {
    ({ t, screener } = await screenedStore(UN_AND_OFAC));
    jobs = new ShipmentJobs(tempDir('interdict-shipment-jobs-'), screener);
    // With the customer files' jobs beside: both take CSV and JSON lines uploads.
    app = createServer(t.store, { logLevel: 'silent', screener, keys: new KeyRing(t.store, 0), shipmentJobs: jobs, jobs: new ScreeningJobs(tempDir('interdict-customer-jobs-'), screener, 0) });
    analyst = (await createKey(t.store, 'analyst', 'trade desk')).secret;
    reader = (await createKey(t.store, 'reader')).secret;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const submit = (payload: string, type = 'text/csv', query = '', key = analyst) => app.inject({ method: 'POST', url: `/shipments/screenings${query}`, payload, headers: { 'content-type': type, 'x-api-key': key } });
  const get = (url: string, key = analyst) => app.inject({ url, headers: { 'x-api-key': key } });

  it('checks every shipment of a CSV upload, answers a bad one with its line and column, and gives the verdicts', async () => {
    const submitted = await submit(CSV);
    expect(submitted.statusCode, submitted.body).toBe(202);
    const job = submitted.json();
    expect(job).toMatchObject({ id: expect.stringMatching(/^shp_[0-9a-f]+$/), status: 'queued', input_format: 'csv', output_format: 'csv', rules_version: expect.stringMatching(/^dprk /), links: { results: `/shipments/screenings/${job.id}/results` } });
    expect(submitted.headers.location).toBe(`/shipments/screenings/${job.id}`);
    await jobs.idle();
    const done = (await get(`/shipments/screenings/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'done', total: 3, done: 3, bad: 1, verdicts: { prohibited: 1, licence_required: 0, review: 0, clear: 1 }, detected: { encoding: 'utf-8', delimiter: ',' }, error: null });
    expect(done.lists.map((l: { dataset: string }) => l.dataset).sort()).toEqual(['un_sc', 'us_ofac_sdn']);
    const results = await get(`/shipments/screenings/${job.id}/results`);
    expect(results.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(results.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.line, r.id, r.verdict])).toEqual([['2', 'f1', 'prohibited'], ['3', 'f2', ''], ['4', 'f3', 'clear']]);
    // The upload is "the upload", never the server's file.
    expect(rows[1]!.error).toBe('shipment f2 (the upload line 3): goods1_hs: "270" has 3 digits; an HS code has 2, 4, 6, 8 or 10 (a chapter below 10 is written with its zero: 03)');
    expect(rows[0]!.matches).toContain('shipper KOMID ~ KOREA MINING DEVELOPMENT TRADING CORPORATION');
  });

  it('reads JSON lines, answers in JSON lines when asked, and records the submission and the result', async () => {
    const lines = `${JSON.stringify({ id: 'j1', date: '2019-03-01', origin: 'CN', destination: 'KP', goods: [{ hs: '2710.19', description: 'diesel' }], parties: [{ role: 'consignee', name: 'Korea Mining Development Trading Corp' }] })}\n`;
    const submitted = await submit(lines, 'application/x-ndjson', '?format=jsonl');
    expect(submitted.statusCode, submitted.body).toBe(202);
    const { id } = submitted.json();
    await jobs.idle();
    const results = await get(`/shipments/screenings/${id}/results`);
    expect(results.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const [answer] = results.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(answer).toMatchObject({ line: 1, id: 'j1', verdict: 'prohibited', rules_version: expect.stringMatching(/^dprk /) });
    expect(answer.findings.map((f: { kind: string; measure: string }) => `${f.kind} ${f.measure}`)).toEqual(expect.arrayContaining(['party asset-freeze-1718', 'goods refined-petroleum-2397']));
    const entries: AuditEntry[] = [];
    for await (const entry of t.store.audit()) if (entry.subject === `shipment-screening:${id}`) entries.push(entry);
    expect(entries.map((e) => e.action)).toEqual(['shipments.screening.submit', 'shipments.screening.done']);
    expect(entries[0]).toMatchObject({ actor: expect.stringMatching(/\(trade desk\)$/), after: { format: 'jsonl', input_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(entries[1]!.after).toMatchObject({ status: 'done', read: 1, bad: 0, verdicts: { prohibited: 1 }, input_sha256: (entries[0]!.after as { input_sha256: string }).input_sha256 });
    expect(JSON.stringify(entries)).not.toContain('Korea Mining');
  });

  it('refuses an upload it cannot read before queuing it: a JSON array, a header not of the layout, another media type', async () => {
    const array = await submit(JSON.stringify([{ id: 'a', date: '2019-03-01' }]), 'application/x-ndjson');
    expect(array.statusCode).toBe(400);
    expect(array.json()).toMatchObject({ code: 'INVALID_JSON', detail: expect.stringMatching(/^the upload: a JSON array; a batch reads one shipment a line/) });
    const header = await submit('id,date,shipper,goods1_hs\ns1,2019-03-01,X,2701\n');
    expect(header.statusCode).toBe(400);
    expect(header.json()).toMatchObject({ code: 'BAD_HEADER', detail: expect.stringMatching(/^the upload: "shipper" is not a column of a shipments file/) });
    expect((await submit('{}', 'application/json')).statusCode).toBe(415);
    expect((await submit(CSV, 'application/x-ndjson', '?delimiter=%3B')).json()).toMatchObject({ code: 'BAD_REQUEST', detail: 'querystring/delimiter: applies to CSV uploads' });
  });

  it('leaves the customer files\' jobs as they were', async () => {
    const customers = await app.inject({ method: 'POST', url: '/screenings', payload: 'customer_id,full_name\nk1,Anna Berg\n', headers: { 'content-type': 'text/csv', 'x-api-key': analyst } });
    expect(customers.statusCode, customers.body).toBe(202);
    expect(customers.json().id).toMatch(/^scr_/);
  });

  it('deletes a finished job, its upload and its results once kept their time, and says so when asked', async () => {
    let now = Date.now();
    const dir = tempDir('interdict-shipment-expiry-');
    const kept = new ShipmentJobs(dir, screener, undefined, { ms: 3_600_000, now: () => now });
    const job = await kept.submit({ body: Buffer.from(CSV), inputFormat: 'csv', outputFormat: 'csv', read: {} });
    await kept.idle();
    expect(readdirSync(dir).sort()).toEqual([`${job.id}.input.csv`, `${job.id}.results.csv`]);
    expect(await kept.expire()).toEqual([]);
    now += 2 * 3_600_000;
    expect(await kept.expire()).toEqual([job.id]);
    expect(readdirSync(dir)).toEqual([]);
    await expect(kept.get(job.id)).rejects.toThrow(/expired: a finished screening, its upload and its results are deleted 1 hour\(s\) after it finishes/);
  });

  it('needs the analyst role, and says what it does not know', async () => {
    expect((await submit(CSV, 'text/csv', '', reader)).statusCode).toBe(403);
    expect((await get('/shipments/screenings/shp_0000', reader)).statusCode).toBe(403);
    const missing = await get('/shipments/screenings/shp_0000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringContaining('shipment screening shp_0000') });
  });
});
