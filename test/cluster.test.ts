import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';
import { TEST_DATABASE_URL, postgresAvailable } from './helpers/stores.js';
import { BUILT, INTERDICT, freePort, until } from './helpers/processes.js';

// Sixteen chunks of 500 each: enough for a worker to be killed holding one, with others done and others to come.
const ROWS = 8_000;
const PARTIES = 8_000;

describe.skipIf(!BUILT)('cluster mode: two serve nodes and two workers on one PostgreSQL', () => {
  const schema = `interdict_cluster_${process.pid}`;
  const env = { ...process.env, DATABASE_URL: TEST_DATABASE_URL, INTERDICT_PG_SCHEMA: schema, LOG_LEVEL: 'warn' };
  const processes: ChildProcess[] = [];
  const logs = new Map<ChildProcess, string>();
  /**
   * Kill a worker outright the moment it logs taking a chunk (at once when its last line says it
   * holds one): sampling its log now and then misses a worker whose chunks take less time than
   * its waits for the next. False when it took none within 60 s.
   */
  const killOnTaking = (worker: ChildProcess, taking: RegExp): Promise<boolean> => new Promise((done) => {
    const stop = (killed: boolean): void => {
      worker.stdout!.off('data', watch);
      worker.stderr!.off('data', watch);
      if (killed) worker.kill('SIGKILL');
      done(killed);
    };
    const watch = (chunk: Buffer): void => {
      if (taking.test(chunk.toString())) stop(true);
    };
    if (taking.test((logs.get(worker) ?? '').trim().split('\n').pop() ?? '')) return stop(true);
    worker.stdout!.on('data', watch);
    worker.stderr!.on('data', watch);
    setTimeout(() => stop(false), 60_000).unref();
  });
  let available = false;
  let ports: number[] = [];
  // The serve nodes' addresses, once the first test has started them.
  let bases: string[] = [];
  // A worker takes chunks once its index is built: waited for, so that both share the work from the start.
  const workersReady = (workers: ChildProcess[]): Promise<true> =>
    until('the workers\' indexes', async () => (workers.every((w) => /index ready/.test(logs.get(w) ?? '')) ? true : undefined), 120_000);
  const start = (args: string[]): ChildProcess => {
    const child = spawn(process.execPath, [INTERDICT, ...args], { env: args[0] === 'worker' ? { ...env, LOG_LEVEL: 'debug' } : env });
    logs.set(child, '');
    child.stdout!.on('data', (chunk: Buffer) => logs.set(child, logs.get(child) + chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => logs.set(child, logs.get(child) + chunk.toString()));
    processes.push(child);
    return child;
  };

  beforeAll(async () => {
    available = await postgresAvailable();
  });
  afterAll(async () => {
    for (const child of processes) child.kill('SIGKILL');
    if (!available) return;
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
    await client.end();
  });

  it(`screens a ${ROWS.toLocaleString('en')}-row job with every row exactly once while a worker is killed, and every node follows a new list version`, async (context) => {
    if (!available) return context.skip();
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv')], env)).code).toBe(0);
    ports = [await freePort(), await freePort()];
    for (const port of ports) start(['serve', '--port', String(port)]);
    // Workers say which chunk they take and answer (their debug log).
    const workers = [start(['worker']), start(['worker'])];
    bases = ports.map((port) => `http://127.0.0.1:${port}`);
    for (const base of bases) {
      await until(`${base} ready`, async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 60_000).catch((error: Error) => {
        throw new Error(`${error.message}; the nodes said: ${[...logs.values()].join('\n---\n').slice(-4000)}`);
      });
    }
    await workersReady(workers);

    const names = ['Kim Yong Chol', 'Ri Won-ho', 'Mary Unlisted', 'Korea Mining Development Trading', 'Hans Gruber', 'Pak Jong Chol'];
    const csv = ['id,name', ...Array.from({ length: ROWS }, (_, i) => `c${i},${names[i % names.length]} ${i % 7 === 0 ? '' : String.fromCharCode(97 + (i % 26))}`)].join('\n');
    const submitted = await fetch(`${bases[0]}/screenings`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };

    // Partway through, while both workers hold a chunk, one is killed outright: its chunk
    // expires (30 s) and the other worker takes it again.
    const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    const active = async (): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM ${schema}_queue.job WHERE state = 'active'`)).rows[0].n);
    await until('a fifth of the rows', async () => {
      const job = (await (await fetch(`${bases[1]}/screenings/${id}`)).json()) as { done: number };
      return job.done >= ROWS / 5 ? true : undefined;
    }, 120_000);
    // Killed the moment it takes a chunk (or at once if it holds one).
    const victim = workers[0]!;
    expect(await killOnTaking(victim, /taking rows/), 'the first worker took no chunk within 60 s of a fifth of the rows').toBe(true);
    console.log(`killed a worker; active chunks then: ${await active()}; its last words: ${(logs.get(workers[0]!) ?? '').trim().split('\n').slice(-2).join(' | ')}`);
    const killedAt = ((await (await fetch(`${bases[1]}/screenings/${id}`)).json()) as { done: number }).done;
    expect(killedAt).toBeLessThan(ROWS);
    const job = await until('the job', async () => {
      const status = (await (await fetch(`${bases[1]}/screenings/${id}`)).json()) as { status: string; done: number; total: number; matches: number };
      return status.status === 'done' ? status : undefined;
    }, 180_000);
    expect(job).toMatchObject({ status: 'done', done: ROWS, total: ROWS });
    expect(job.matches).toBeGreaterThan(0);

    // The killed worker's chunk is taken again: before the job completes, or after it when the
    // worker died between writing the chunk's rows and telling the queue (it then expires, 30 s).
    await until('the killed chunk retried', async () => (Number((await db.query(`SELECT count(*) AS n FROM ${schema}_queue.job WHERE name = 'interdict-screening-chunk' AND retry_count > 0`)).rows[0].n) >= 1 ? true : undefined), 90_000);
    await db.end();

    const results = (await (await fetch(`${bases[1]}/screenings/${id}/results`)).text()).trim().split('\n').slice(1);
    expect(results).toHaveLength(ROWS);
    const ids = results.map((line) => line.split(',')[1]);
    expect(new Set(ids).size).toBe(ROWS);
    expect(ids.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);

    // A new version loaded anywhere reaches every node by notice, well before the 30 s poll.
    const loaded = Date.now();
    expect((await runCli(['load', fixture('ofac-csv-v2')], env)).code).toBe(0);
    const versions = (await runCli(['versions', '--json'], env)).stdout;
    const current = (JSON.parse(versions) as { versions: { id: string; dataset: string; current: boolean }[] }).versions.find((v) => v.dataset === 'us_ofac_sdn' && v.current)!.id;
    for (const base of bases) {
      await until(`${base} on the new version`, async () => (((await (await fetch(`${base}/readyz`)).json()) as { versions: string[] }).versions.includes(current) ? true : undefined), 25_000);
    }
    expect(Date.now() - loaded).toBeLessThan(25_000);
  }, 300_000);

  it.skipIf(!HAVE_SHARED_DATA)('a list load killed mid-transaction leaves the previous version serving, and the next load succeeds', async (context) => {
    if (!available || processes.length < 2) return context.skip();
    const base = bases[0]!;
    const before = (await (await fetch(`${base}/readyz`)).json()) as { versions: string[] };
    const loader = start(['load', dataPath('ofac_sdn_csv/2021-07-07')]);
    const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    try {
      // Killed while its transaction writes the entities.
      await until('the load writing', async () => ((await db.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE '%INSERT INTO entity_records%' AND state <> 'idle'")).rows.length ? true : undefined), 60_000);
      loader.kill('SIGKILL');
      await new Promise((exited) => loader.once('exit', exited));
      const versions = JSON.parse((await runCli(['versions', '--json'], env)).stdout) as { versions: { id: string; current: boolean }[] };
      expect(versions.versions.filter((v) => v.current).map((v) => v.id).sort()).toEqual([...before.versions].sort());
      expect(((await (await fetch(`${base}/readyz`)).json()) as { versions: string[] }).versions).toEqual(before.versions);
      const match = await fetch(`${base}/match/default`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries: { q: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } } } }) });
      expect(((await match.json()) as { responses: { q: { results: { id: string }[] } } }).responses.q.results[0]?.id).toBe('us_ofac_sdn-12211');
    } finally {
      await db.end();
    }
    const again = await runCli(['load', dataPath('ofac_sdn_csv/2021-07-07'), '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).datasets.us_ofac_sdn).toMatchObject({ created: true, current: true, entities: 8976 });
  }, 180_000);

  it(`re-screens ${PARTIES.toLocaleString('en')} parties in queued chunks while the worker holding one is killed: no alert lost or doubled`, async (context) => {
    if (!available || processes.length < 2) return context.skip();
    const base = bases[0]!;
    // Both nodes on the current versions first: a node swapping its index later would start a re-screening of its own.
    const current = (JSON.parse((await runCli(['versions', '--json'], env)).stdout) as { versions: { id: string; current: boolean }[] }).versions.filter((v) => v.current).map((v) => v.id).sort();
    for (const node of bases) {
      await until(`${node} on the current versions`, async () => (JSON.stringify((((await (await fetch(`${node}/readyz`)).json()) as { versions?: string[] }).versions ?? []).sort()) === JSON.stringify(current) ? true : undefined), 60_000);
    }
    const names = ['Kim Yong Chol', 'Ri Won Ho', 'Mary Unlisted', 'Korea Mining Development Trading Corporation', 'Hans Gruber', 'Pak Jong Chol', 'Kim Jong Un', 'Ahmad Khan'];
    const file = join(tempDir(), 'parties.csv');
    writeFileSync(file, ['id,name', ...Array.from({ length: PARTIES }, (_, i) => `p${String(i).padStart(5, '0')},${names[i % names.length]}${i % 5 === 0 ? '' : ` ${String.fromCharCode(97 + (i % 26))}`}`)].join('\n'));
    expect((await runCli(['parties', 'import', file, '--no-screen'], env)).code).toBe(0);
    const victim = start(['worker']);
    const survivor = start(['worker']);
    await workersReady([victim, survivor]);
    const post = await fetch(`${base}/monitor/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ full: true }) });
    const run = (await post.json()) as { id: string; status: string; chunks: number };
    expect(run).toMatchObject({ status: 'running', chunks: PARTIES / 500 });
    const progress = async (): Promise<{ status: string; chunksDone: number; alertsRaised: number; alertsUnchanged: number; partiesScreenedInFull: number }> => (await fetch(`${bases[1]}/monitor/runs/${run.id}`)).json() as never;

    // Killed while it holds a chunk of parties, some chunks in.
    await until('a few chunks done', async () => ((await progress()).chunksDone >= 3 ? true : undefined), 120_000);
    expect(await killOnTaking(victim, /taking parties chunk/), 'the worker took no chunk within 60 s of the third').toBe(true);
    console.log(`killed a worker during a re-screening; its last words: ${(logs.get(victim) ?? '').trim().split('\n').slice(-2).join(' | ')}`);
    expect((await progress()).chunksDone).toBeLessThan(run.chunks);
    const done = await until('the re-screening', async () => {
      const state = await progress();
      return state.status === 'done' ? state : undefined;
    }, 180_000);
    expect(done).toMatchObject({ chunksDone: run.chunks, partiesScreenedInFull: PARTIES });
    expect(done.alertsRaised).toBeGreaterThan(PARTIES / 20);

    const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    try {
      // The chunk the killed worker held is taken again (after the run completes when the worker died after committing it).
      await until('the killed chunk retried', async () => (Number((await db.query(`SELECT count(*) AS n FROM ${schema}_queue.job WHERE name = 'interdict-monitor-chunk' AND retry_count > 0`)).rows[0].n) >= 1 ? true : undefined), 90_000);
      // Not doubled: one alert per party and entity, as many as the run says it raised.
      const doubled = await db.query(`SELECT party_id, entity_id FROM ${schema}.alerts GROUP BY 1, 2 HAVING count(*) > 1`);
      expect(doubled.rows).toEqual([]);
      expect(Number((await db.query(`SELECT count(*) AS n FROM ${schema}.alerts`)).rows[0].n)).toBe(done.alertsRaised);
      expect(Number((await db.query(`SELECT count(*) AS n FROM ${schema}.parties WHERE screened_hash IS DISTINCT FROM hash`)).rows[0].n)).toBe(0);
    } finally {
      await db.end();
    }
    // Not lost: screening every party again in full finds every match alerted already, and nothing new.
    const again = await runCli(['monitor', '--full', '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'done', alertsRaised: 0, alertsUnchanged: done.alertsRaised, partiesScreenedInFull: PARTIES });
    survivor.kill('SIGTERM');
  }, 300_000);
});
