import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

describe('POST /screenings: a match names every list that lists its designee', () => {
  let handle: TestStore;
  let jobs: ScreeningJobs;
  let app: ReturnType<typeof createServer>;

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    // KOMID: the UN's KPe.001 and OFAC's 9345, one designee.
    await loadPaths(handle.store, [fixture('un-small.xml'), fixture('ofac-csv')]);
    const screener = new Screener(handle.store);
    await screener.refresh();
    jobs = new ScreeningJobs(tempDir('interdict-designee-jobs-'), screener, 0);
    app = createServer(handle.store, { logLevel: 'silent', screener, jobs });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('gives the designee\'s lists and records, and the alias that scored, in CSV and JSON lines', async () => {
    const csv = 'customer_id,full_name\nk1,Changgwang Sinyong Corporation\nk2,Anna Berg\n';
    const submitted = await app.inject({ method: 'POST', url: '/screenings', payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(submitted.statusCode, submitted.body).toBe(202);
    await jobs.idle();
    const results = await app.inject(`/screenings/${submitted.json().id}/results`);
    const rows = parse(results.body, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({
      id: 'k1', match: 'true', match_id: 'us_ofac_sdn-9345', datasets: 'us_ofac_sdn', query_name: 'Changgwang Sinyong Corporation', matched_name: 'CHANGGWANG SINYONG CORPORATION',
      designee_id: 'un_sc-KPe.001', designee_datasets: 'un_sc;us_ofac_sdn', designee_members: 'un_sc-KPe.001;us_ofac_sdn-9345',
    });
    expect(rows[1]).toMatchObject({ id: 'k2', match: 'false', designee_datasets: '' });

    const lines = await app.inject({ method: 'POST', url: '/screenings?format=jsonl', payload: csv, headers: { 'content-type': 'text/csv' } });
    await jobs.idle();
    const jsonl = (await app.inject(`/screenings/${lines.json().id}/results`)).body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl[0]).toMatchObject({ matched_name: 'CHANGGWANG SINYONG CORPORATION', designee_datasets: 'un_sc;us_ofac_sdn', designee_members: 'un_sc-KPe.001;us_ofac_sdn-9345' });
  });
});
