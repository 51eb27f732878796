import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { KeyRing, createKey } from '../src/service/api-keys.js';
import { ClusterJobs, startQueue, workChunks } from '../src/service/cluster-jobs.js';
import { ClusterShipmentJobs, SHIPMENT_CHUNK_ROWS } from '../src/service/cluster-shipment-jobs.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import type { AuditEntry } from '../src/store/audit.js';
import { UN_AND_OFAC } from './helpers/api.js';
import { TEST_DATABASE_URL, createPostgresStore, postgresAvailable, type TestStore } from './helpers/stores.js';

const reachable = await postgresAvailable();
if (!reachable) console.warn('cluster-shipment-jobs: PostgreSQL does not answer; skipped');

/** Coal out of Nampo shipped by KOMID, a bad HS code, and clean trade, repeated past one chunk. */
const HEADER = 'id,date,origin,destination,port_of_loading,shipper_name,shipper_country,consignee_name,goods1_hs,goods1_description';
const ROWS = [
  'f1,2019-03-01,KP,CN,Nampo,KOMID,KP,Dalian Ocean Trading Co Ltd,2701.12,anthracite',
  'f2,2019-03-01,DE,FR,Hamburg,Hamburg Maschinenbau GmbH,DE,Lyon Travaux SA,270,coal',
  'f3,2019-03-01,DE,FR,Hamburg,Hamburg Maschinenbau GmbH,DE,Lyon Travaux SA,8429.11,bulldozers',
];
const REPEATS = Math.ceil((SHIPMENT_CHUNK_ROWS * 2 + 1) / ROWS.length);

describe.skipIf(!reachable)('POST /shipments/screenings on a cluster: shipments stored in the shared job tables, checked in chunks by any worker', () => {
  let t: TestStore;
  let boss: PgBoss;
  let app: FastifyInstance;
  let stop: () => Promise<void>;
  let analyst: string;

  beforeAll(async () => {
    t = await createPostgresStore();
    await loadPaths(t.store, UN_AND_OFAC);
    boss = await startQueue(TEST_DATABASE_URL, t.schema!);
    // The node answering requests has no index of its own: the worker's checks every chunk.
    const serving = new Screener(t.store);
    const working = new Screener(t.store);
    await working.refresh();
    stop = await workChunks(t.store, boss, working);
    app = createServer(t.store, { logLevel: 'silent', screener: serving, keys: new KeyRing(t.store, 0), shipmentJobs: new ClusterShipmentJobs(t.store, boss), jobs: new ClusterJobs(t.store, boss) });
    analyst = (await createKey(t.store, 'analyst', 'trade desk')).secret;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await stop?.();
    await boss?.stop({ graceful: false, wait: true });
    await t?.dispose();
  });

  const submit = (payload: string, type = 'text/csv', query = '') => app.inject({ method: 'POST', url: `/shipments/screenings${query}`, payload, headers: { 'content-type': type, 'x-api-key': analyst } });
  const get = (url: string) => app.inject({ url, headers: { 'x-api-key': analyst } });
  async function finished(id: string): Promise<Record<string, unknown>> {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((wait) => setTimeout(wait, 250))) {
      const job = (await get(`/shipments/screenings/${id}`)).json();
      if (job.status === 'done' || job.status === 'failed') return job;
    }
    throw new Error(`shipment screening ${id} did not finish in 120 s`);
  }

  it(`checks ${(REPEATS * ROWS.length).toLocaleString('en')} shipments in chunks of ${SHIPMENT_CHUNK_ROWS}, every one once and in input order, and audits the job`, async () => {
    const lines = Array.from({ length: REPEATS }, (_, k) => ROWS.map((row) => row.replace(/^f(\d)/, `f${k}_$1`))).flat();
    const body = `${[HEADER, ...lines].join('\n')}\n`;
    const submitted = await submit(body);
    expect(submitted.statusCode, submitted.body).toBe(202);
    const { id } = submitted.json();
    expect(id).toMatch(/^shp_[0-9a-f]+$/);
    const job = await finished(id);
    expect(job).toMatchObject({ status: 'done', total: lines.length, done: lines.length, bad: REPEATS, verdicts: { prohibited: REPEATS, licence_required: 0, review: 0, clear: REPEATS }, detected: { encoding: 'utf-8', delimiter: ',' }, rules_version: expect.stringMatching(/^dprk /), error: null });
    const rows = parse((await get(`/shipments/screenings/${id}/results`)).body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(lines.map((l) => l.split(',')[0]));
    expect(rows.slice(0, 3).map((r) => [r.line, r.verdict])).toEqual([['2', 'prohibited'], ['3', ''], ['4', 'clear']]);
    expect(rows[0]!.matches).toContain('shipper KOMID ~ KOREA MINING DEVELOPMENT TRADING CORPORATION');
    expect(rows[1]!.error).toMatch(/^shipment f0_2 \(the upload line 3\): goods1_hs: "270" has 3 digits/);
    const entries: AuditEntry[] = [];
    for await (const entry of t.store.audit()) if (entry.subject === `shipment-screening:${id}`) entries.push(entry);
    expect(entries.map((e) => e.action)).toEqual(['shipments.screening.submit', 'shipments.screening.done']);
    expect(entries[1]!.after).toMatchObject({ status: 'done', rows: lines.length, bad: REPEATS, verdicts: { prohibited: REPEATS, clear: REPEATS }, input_sha256: (entries[0]!.after as { input_sha256: string }).input_sha256, rules_version: job.rules_version });
  }, 180_000);

  it('answers JSON lines in JSON lines, finishes a file of a header alone at once, and keeps the two kinds of jobs apart', async () => {
    const line = `${JSON.stringify({ id: 'j1', date: '2019-03-01', origin: 'CN', destination: 'KP', goods: [{ hs: '2710.19', description: 'diesel' }], parties: [{ role: 'consignee', name: 'Korea Mining Development Trading Corp' }] })}\n`;
    const { id } = (await submit(line, 'application/x-ndjson')).json();
    await finished(id);
    const [answer] = (await get(`/shipments/screenings/${id}/results`)).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(answer).toMatchObject({ line: 1, id: 'j1', verdict: 'prohibited' });
    const empty = (await submit(`${HEADER}\n`)).json();
    expect(empty).toMatchObject({ status: 'done', total: 0, done: 0 });
    // A shipment job is no customer file's, nor the other way round.
    expect((await get(`/screenings/${id}`)).statusCode).toBe(404);
    const customers = await app.inject({ method: 'POST', url: '/screenings', payload: 'customer_id,full_name\nk1,Anna Berg\n', headers: { 'content-type': 'text/csv', 'x-api-key': analyst } });
    expect(customers.statusCode, customers.body).toBe(202);
    expect((await get(`/shipments/screenings/${customers.json().id}`)).statusCode).toBe(404);
  }, 180_000);

  it('refuses an upload it cannot read before storing it', async () => {
    const header = await submit('id,date,shipper,goods1_hs\ns1,2019-03-01,X,2701\n');
    expect(header.statusCode).toBe(400);
    expect(header.json()).toMatchObject({ code: 'BAD_HEADER', detail: expect.stringMatching(/^the upload: "shipper" is not a column of a shipments file/) });
  });
});
