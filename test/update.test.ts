import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDatasets } from '../src/service/update.js';
import type { Store } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A publisher on this machine: each path answered by its handler, 404 otherwise. */
async function publisher(routes: Record<string, Handler>): Promise<{ url: string; hits: Map<string, number>; close: () => Promise<void> }> {
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes[path];
    if (handler) handler(request, response);
    else response.writeHead(404).end('not found');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((closed) => {
      server.closeAllConnections();
      server.close(() => closed());
    }),
  };
}

const file = (path: string): Handler => (_request, response) => {
  const body = readFileSync(path);
  response.writeHead(200, { 'content-length': body.length }).end(body);
};

const OFAC_FILES: Record<string, Handler> = {
  '/sdn.csv': file(fixture('ofac-csv/sdn.csv')),
  '/add.csv': file(fixture('ofac-csv/add.csv')),
  '/alt.csv': file(fixture('ofac-csv/alt.csv')),
};

const quick = { timeoutMs: 2000, retries: 2, backoffMs: 10 };

describe('list updates from the publishers', () => {
  let handle: TestStore;
  let store: Store;

  beforeAll(async () => {
    handle = await createEmbeddedStore();
    store = handle.store;
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('downloads and loads the UN list and the OFAC SDN set, and adds nothing when they have not changed', async () => {
    const site = await publisher({ '/consolidated.xml': file(fixture('un-small.xml')), ...OFAC_FILES });
    try {
      const first = await updateDatasets(store, { from: site.url, ...quick });
      expect(first).toMatchObject([{ dataset: 'un_sc', ok: true, load: { created: true, current: true, entities: 3 } }, { dataset: 'us_ofac_sdn', ok: true, load: { created: true, entities: 4 } }]);
      expect(site.hits.get('/sdn_comments.csv')).toBe(1); // optional: a 404 is no failure
      const again = await updateDatasets(store, { from: site.url, ...quick });
      expect(again.map((r) => r.ok && r.load.created)).toEqual([false, false]);
    } finally {
      await site.close();
    }
  });

  it('retries a publisher that fails for a while', async () => {
    let calls = 0;
    const site = await publisher({
      '/consolidated.xml': (request, response) => (++calls < 3 ? response.writeHead(503).end('busy') : file(fixture('un-small.xml'))(request, response)),
    });
    try {
      const [result] = await updateDatasets(store, { datasets: ['un_sc'], from: site.url, ...quick });
      expect(result).toMatchObject({ dataset: 'un_sc', ok: true });
      expect(calls).toBe(3);
    } finally {
      await site.close();
    }
  });

  it('keeps the current version when a download breaks off, is malformed, or never comes', async () => {
    const before = (await store.currentVersions()).find((v) => v.dataset === 'un_sc')!;
    const whole = readFileSync(fixture('un-small.xml'));
    const site = await publisher({
      // Declares the whole length, sends half, and hangs up.
      '/broken/consolidated.xml': (_request, response) => {
        response.writeHead(200, { 'content-length': whole.length });
        response.write(whole.subarray(0, whole.length >> 1));
        setTimeout(() => response.socket?.destroy(), 20);
      },
      // A complete HTTP answer whose XML stops half-way.
      '/truncated/consolidated.xml': (_request, response) => response.writeHead(200).end(whole.subarray(0, whole.length >> 1)),
      '/silent/consolidated.xml': () => undefined,
      '/gone/consolidated.xml': (_request, response) => response.writeHead(403).end('forbidden'),
    });
    try {
      const broken = await updateDatasets(store, { datasets: ['un_sc'], from: `${site.url}/broken`, ...quick });
      expect(broken[0]).toMatchObject({ ok: false, error: expect.stringMatching(/broke off|bytes arrived/) });
      expect(site.hits.get('/broken/consolidated.xml')).toBe(3);
      const truncated = await updateDatasets(store, { datasets: ['un_sc'], from: `${site.url}/truncated`, ...quick });
      expect(truncated[0]).toMatchObject({ ok: false, error: expect.stringContaining('consolidated.xml') });
      const silent = await updateDatasets(store, { datasets: ['un_sc'], from: `${site.url}/silent`, timeoutMs: 200, retries: 0, backoffMs: 10 });
      expect(silent[0]).toMatchObject({ ok: false, error: expect.stringContaining('no answer within 200 ms') });
      const gone = await updateDatasets(store, { datasets: ['un_sc'], from: `${site.url}/gone`, ...quick });
      expect(gone[0]).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 403') });
      expect(site.hits.get('/gone/consolidated.xml')).toBe(1); // a refusal is not retried
      const after = (await store.currentVersions()).find((v) => v.dataset === 'un_sc')!;
      expect(after.id).toBe(before.id);
    } finally {
      await site.close();
    }
  });

  it('reads a mirror folder, and names a dataset it has no source for', async () => {
    const results = await updateDatasets(store, { datasets: ['us_ofac_sdn'], from: fixture('ofac-csv-v2') });
    expect(results[0]).toMatchObject({ ok: true, load: { created: true, added: 1, removed: 1, changed: 1 } });
    await expect(updateDatasets(store, { datasets: ['nowhere'] })).rejects.toThrow('no publisher source for "nowhere"');
  });

  it.skipIf(!HAVE_SHARED_DATA)('loads the real UN and OFAC publications served over HTTP (interdict update --from URL)', async () => {
    const site = await publisher({
      '/consolidated.xml': file(dataPath('un_sc/2026-02-27/consolidated.xml')),
      '/sdn.csv': file(dataPath('ofac_sdn_csv/2021-07-07/sdn.csv.gz')),
      '/add.csv': file(dataPath('ofac_sdn_csv/2021-07-07/add.csv.gz')),
      '/alt.csv': file(dataPath('ofac_sdn_csv/2021-07-07/alt.csv.gz')),
    });
    try {
      const db = tempDir('interdict-update-');
      const run = await runCli(['update', '--from', site.url, '--db', db, '--json']);
      expect(run.code).toBe(0);
      const { datasets } = JSON.parse(run.stdout);
      expect(datasets.un_sc).toMatchObject({ ok: true, entities: 1003, published: '2026-02-27', created: true });
      expect(datasets.us_ofac_sdn).toMatchObject({ ok: true, entities: 8976, created: true });
      const failing = await runCli(['update', '--from', `${site.url}/missing`, '--db', db, '--retries', '0']);
      expect(failing.code).toBe(2);
      expect(failing.stderr).toContain('not updated; the current versions are unchanged');
    } finally {
      await site.close();
    }
  });
});
