import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { BUILT, INTERDICT, freePort, until } from './helpers/processes.js';

describe.skipIf(!BUILT)('interdict serve, as a process (the built package)', () => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('serves a store, takes a CSV of customers as a job and returns one result row per customer', async () => {
    const db = tempDir('interdict-e2e-');
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const port = await freePort();
    let log = '';
    server = spawn(process.execPath, [INTERDICT, 'serve', '--db', db, '--port', String(port), '--host', '0.0.0.0'], { env: { ...process.env, LOG_LEVEL: 'info' } });
    server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await until('the index', async () => ((await globalThis.fetch(`${base}/readyz`)).status === 200 ? true : undefined));
    // On every address without a key: it says so, and refuses every request until a key is created (here, while it runs).
    expect(log).toContain('no API key exists: serving on 0.0.0.0 with access control on, so every request is refused until a key is created');
    expect((await globalThis.fetch(`${base}/catalog`)).status).toBe(401);
    const secret = (await runCli(['keys', 'create', '--role', 'analyst', '--db', db])).stdout.trim().split('\n').pop()!;
    const fetch = (url: string, init: RequestInit = {}): Promise<Response> => globalThis.fetch(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), 'x-api-key': secret } });

    const csv = ['id,name,dob', 'p1,Kim Yong Chol,1947', 'p2,Ri Won-ho,1964', 'p3,Mary Unlisted,1990', 'p4,'].join('\n');
    const submitted = await fetch(`${base}/screenings`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const job = await until('the job', async () => {
      const status = (await (await fetch(`${base}/screenings/${id}`)).json()) as { status: string; done: number; matches: number; bad: number };
      return status.status === 'done' || status.status === 'failed' ? status : undefined;
    });
    expect(job).toMatchObject({ status: 'done', done: 4, matches: 2, bad: 1 });
    const results = await (await fetch(`${base}/screenings/${id}/results`)).text();
    const rows = results.trim().split('\n').slice(1).map((line) => line.split(','));
    expect(rows.map((r) => r[1])).toEqual(['p1', 'p2', 'p3', 'p4']); // the row without a name keeps its id
    expect(rows[0]![4]).toBe('us_ofac_sdn-12211');
    expect(rows[1]![4]).toBe('un_sc-KPi.033');

    const match = await fetch(`${base}/match/default`, { method: 'POST', body: JSON.stringify({ queries: { q: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } } } }), headers: { 'content-type': 'application/json' } });
    expect(((await match.json()) as { responses: { q: { results: { id: string }[] } } }).responses.q.results[0]!.id).toBe('us_ofac_sdn-12211');
  });
});
