import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../src/api/server.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { createKey } from '../src/service/api-keys.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import { openStore, type Store } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir, tempFile } from './helpers/fixtures.js';

// Regression tests for screenings that came back clear against nothing: a mistyped --db that
// made a new empty store, a store with no list, lists left unloaded for months, a delta applied
// to nothing, an OFAC set without its aliases.

describe('a screening says what it was screened against', () => {
  it('never creates a store for a command that only reads: a missing --db folder is an error naming it', async () => {
    const missing = join(tempDir(), 'typo');
    for (const args of [['versions'], ['entity', 'x'], ['alerts'], ['match', 'Kim Yong Chol'], ['screen', tempFile('c.csv', 'name\nKim\n')], ['export'], ['monitor']]) {
      const run = await runCli([...args, '--db', missing]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(`no store in ${missing}: the folder does not exist`);
      expect(existsSync(missing)).toBe(false);
    }
    // A folder that holds no store is not one either.
    const emptyFolder = tempDir();
    expect((await runCli(['versions', '--db', emptyFolder])).stderr).toContain(`no store in ${emptyFolder}: the folder holds no database`);
  });

  it('refuses to screen, match or monitor against a store with no list, unless told to', async () => {
    const db = join(tempDir(), 'store');
    // A command that writes creates the store: a key before any list.
    expect((await runCli(['keys', 'create', '--role', 'admin', '--db', db])).code).toBe(0);
    const customers = tempFile('customers.csv', 'name\nKim Yong Chol\n');
    const screen = await runCli(['screen', customers, '--db', db]);
    expect(screen.code).toBe(2);
    expect(screen.stderr).toContain('no list is loaded: every name would be screened as clear');
    expect(screen.stderr).toContain('--allow-empty');
    expect(existsSync(customers.replace('.csv', '.results.csv'))).toBe(false);
    expect((await runCli(['match', 'Kim Yong Chol', '--db', db])).code).toBe(2);
    expect((await runCli(['monitor', '--db', db])).code).toBe(2);
    const allowed = await runCli(['match', 'Kim Yong Chol', '--db', db, '--allow-empty']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('warning: no list is loaded');
  });

  it('refuses a dataset the store does not hold, rather than finding nothing in it', async () => {
    const db = tempDir();
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const run = await runCli(['match', 'Kim Yong Chol', '--db', db, '--dataset', 'us_ofac_snd']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('dataset us_ofac_snd not found: the store holds us_ofac_sdn');
  });

  it('warns of a list older than the configured age, and counts a list update found unchanged as fresh', async () => {
    const db = tempDir();
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
    // The UN file states its publication date (2026-02-27); the OFAC CSV set states none and counts from its load.
    const stale = await runCli(['match', 'Kim Yong Chol', '--db', db]);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toMatch(/warning: un_sc is \d+ days old .*the limit is 14 days/);
    expect(stale.stderr).not.toContain('us_ofac_sdn is');
    expect((await runCli(['match', 'Kim Yong Chol', '--db', db], { INTERDICT_MAX_LIST_AGE_DAYS: '3650' })).stderr).toBe('');
    // The publisher still serves the same file: `update` finds it unchanged and confirms it current.
    const mirror = tempDir();
    copyFileSync(fixture('un-small.xml'), join(mirror, 'consolidated.xml'));
    const update = await runCli(['update', '--dataset', 'un_sc', '--from', mirror, '--db', db, '--json']);
    expect(JSON.parse(update.stdout).datasets.un_sc).toMatchObject({ ok: true, created: false });
    expect((await runCli(['match', 'Kim Yong Chol', '--db', db])).stderr).toBe('');
    const versions = JSON.parse((await runCli(['versions', '--db', db, '--json'])).stdout) as { versions: { dataset: string; confirmedAt: string | null }[] };
    expect(versions.versions.find((v) => v.dataset === 'un_sc')!.confirmedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses an OpenSanctions delta with no base version, naming it, and stores nothing', async () => {
    const db = tempDir();
    const run = await runCli(['load', fixture('ftm-small.delta.json'), '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/an OpenSanctions delta changes the current version of \S+, and the store holds none/);
    expect(JSON.parse((await runCli(['versions', '--db', db, '--json'])).stdout)).toEqual({ versions: [] });
  });

  it('warns when an OFAC CSV set is loaded without its aliases and addresses, naming the files found', async () => {
    const folder = tempDir();
    copyFileSync(fixture('ofac-csv/sdn.csv'), join(folder, 'sdn.csv'));
    const run = await runCli(['load', join(folder, 'sdn.csv'), '--db', tempDir(), '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: us_ofac_sdn: the OFAC CSV set is incomplete: found sdn.csv; without alt.csv (aliases), add.csv (addresses and countries), sdn_comments.csv');
    expect(JSON.parse(run.stdout).datasets.us_ofac_sdn.warnings).toHaveLength(1);
    // The whole set: nothing to say.
    expect((await runCli(['load', fixture('ofac-csv'), '--db', tempDir()])).stderr).toBe('');
  });
});

describe('the API says what it screened against', () => {
  let store: Store;
  let app: FastifyInstance;
  let screener: Screener;
  let jobs: ScreeningJobs;
  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', dir: undefined });
    screener = new Screener(store);
    jobs = new ScreeningJobs(tempDir(), screener, 0);
    app = createServer(store, { logLevel: 'silent', screener, jobs });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  const match = { method: 'POST' as const, url: '/match/default', payload: { queries: { q: { schema: 'Person', properties: { name: ['Kim Yong Chol'], birthDate: ['1947-13-45'] } } } } };

  it('is not ready, and screens nothing, while no list is loaded', async () => {
    await screener.refresh();
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'empty', code: 'NO_LISTS', detail: expect.stringContaining('no list is loaded') });
    // Re-screening against nothing would mark every party screened and clear: refused too.
    await store.monitoring.upsertParties([{ id: 'p1', schema: 'Person', properties: { name: ['Kim Yong Chol'] } }], 'test');
    const rescreen = await app.inject({ method: 'POST', url: '/monitor/run' });
    expect(rescreen.statusCode).toBe(503);
    expect(rescreen.json()).toMatchObject({ code: 'NO_LISTS' });
    expect(await store.monitoring.countParties()).toBe(1);
    const answer = await app.inject(match);
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toMatchObject({ code: 'NO_LISTS' });
    const upload = await app.inject({ method: 'POST', url: '/screenings', payload: 'name\nKim\n', headers: { 'content-type': 'text/csv' } });
    expect(upload.statusCode).toBe(503);
  });

  it('gives the age of every list a result was screened against, warns of stale ones, and of dates it could not read', async () => {
    await loadPaths(store, [fixture('un-small.xml'), fixture('ofac-csv')]);
    await screener.refresh();
    const body = (await app.inject(match)).json();
    expect(body.lists.map((l: { dataset: string }) => l.dataset).sort()).toEqual(['un_sc', 'us_ofac_sdn']);
    expect(body.lists.find((l: { dataset: string }) => l.dataset === 'un_sc')).toMatchObject({ published: '2026-02-27', as_of: '2026-02-27T00:00:00.000Z', stale: true, age_days: expect.any(Number) });
    expect(body.lists.find((l: { dataset: string }) => l.dataset === 'us_ofac_sdn')).toMatchObject({ published: null, age_days: 0, stale: false });
    expect(body.warnings).toEqual([expect.stringContaining('un_sc is')]);
    expect(body.responses.q.warnings).toEqual(['queries/q: birthDate "1947-13-45" is not a date that exists; dropped']);
    // Scoped to one dataset, only its list.
    const scoped = (await app.inject({ ...match, url: '/match/us_ofac_sdn' })).json();
    expect(scoped.lists.map((l: { dataset: string }) => l.dataset)).toEqual(['us_ofac_sdn']);
    expect(scoped.warnings).toBeUndefined();
    // A re-screening says what it screened against too.
    const run = (await app.inject({ method: 'POST', url: '/monitor/run' })).json();
    expect(run).toMatchObject({ status: 'done', partiesScreenedInFull: 1, alertsRaised: 1, warnings: [expect.stringContaining('un_sc is')] });
    expect(run.lists).toHaveLength(2);
    const catalog = (await app.inject('/catalog')).json();
    expect(catalog.datasets.find((d: { name: string }) => d.name === 'un_sc')).toMatchObject({ stale: true, confirmed_at: null });
  });

  it('reports a batch job\'s lists, how its upload was read, and its rows with warnings', async () => {
    const { id } = (await app.inject({ method: 'POST', url: '/screenings', payload: Buffer.from('customer_id;name;dob\nc1;José Kim;31/12/1999\nc2;Kim Yong Chol;08/01/1947\n', 'latin1'), headers: { 'content-type': 'text/csv' } })).json();
    await jobs.idle();
    const job = (await app.inject(`/screenings/${id}`)).json();
    expect(job).toMatchObject({ status: 'done', done: 2, warned: 1, not_reached: 0, detected: { encoding: 'windows-1252', delimiter: ';' } });
    expect(job.lists.map((l: { dataset: string }) => l.dataset).sort()).toEqual(['un_sc', 'us_ofac_sdn']);
    expect(job.warnings).toEqual([expect.stringContaining('un_sc is')]);
    const results = (await app.inject(`/screenings/${id}/results`)).body;
    expect(results).toContain('José Kim');
    expect(results).toContain('could be 1947-01-08 or 1947-08-01');
    // What applies to CSV alone is refused for JSON lines, not ignored.
    const refused = await app.inject({ method: 'POST', url: '/screenings?delimiter=%3B', payload: '{"properties": {"name": ["Kim"]}}\n', headers: { 'content-type': 'application/x-ndjson' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('querystring/delimiter: applies to CSV uploads');
  });
});

describe('parties are screened as what they are', () => {
  it('imports a party without a schema as a LegalEntity, as screen does: a company raises its alert', async () => {
    const db = tempDir();
    expect((await runCli(['load', fixture('un-small.xml'), '--db', db])).code).toBe(0);
    const parties = tempFile('customers.csv', ['id,name', 'p1,Korea Mining Development Trading Corporation', 'p2,Anna Berg'].join('\n'));
    const imported = await runCli(['parties', 'import', parties, '--db', db, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 2, alertsRaised: 1 });
    const alerts = JSON.parse((await runCli(['alerts', '--db', db, '--json'])).stdout) as { partyId: string; entityId: string }[];
    expect(alerts.map((a) => `${a.partyId}~${a.entityId}`)).toEqual(['p1~un_sc-KPe.001']);
  });

  it('reports a stated schema the row\'s data contradicts, and screens the row as people and organizations alike', async () => {
    const db = tempDir();
    expect((await runCli(['load', fixture('un-small.xml'), '--db', db])).code).toBe(0);
    const parties = tempFile('customers.csv', ['id,name,type,imo', 'p1,Korea Mining Development Trading Corporation,Person,', 'p2,Ri Won Ho,Person,', 'p3,Sea Star,Person,9123456'].join('\n'));
    const imported = await runCli(['parties', 'import', parties, '--db', db, '--no-screen']);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('line 2 (id p1): warning: schema Person, but the row has "trading" in the name, "corporation" in the name: screened as LegalEntity');
    expect(imported.stderr).toContain('line 4 (id p3): warning: schema Person, but the row has imoNumber');
    expect(imported.stderr).not.toContain('id p2');
    expect(JSON.parse((await runCli(['parties', 'list', '--db', db, '--json'])).stdout).map((p: { id: string; schema: string }) => `${p.id} ${p.schema}`)).toEqual(['p1 LegalEntity', 'p2 Person', 'p3 LegalEntity']);
    expect(JSON.parse((await runCli(['monitor', '--db', db, '--json'])).stdout).alertsRaised).toBe(2);
  });
});

describe('the four-eyes rule counts people', () => {
  it('records the operating-system user, refuses --actor naming another for a decision, and takes a second analyst by key', async () => {
    const db = tempDir();
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    // Bob's key is made by another user (its maker recorded as in the trail); one the deciding user makes is theirs too.
    const store = await openStore({ kind: 'embedded', dir: db });
    const { secret: second } = await createKey(store, 'analyst', 'bob', 'cli:admin-on-duty');
    await store.close();
    const own = (await runCli(['keys', 'create', '--role', 'analyst', '--label', 'mine', '--db', db])).stdout.trim().split('\n').pop()!;
    const reader = (await runCli(['keys', 'create', '--role', 'reader', '--db', db])).stdout.trim().split('\n').pop()!;
    expect((await runCli(['settings', 'set', 'four_eyes', 'true', '--db', db])).code).toBe(0);
    expect((await runCli(['parties', 'import', tempFile('p.csv', 'id,name\np1,Kim Yong Chol\n'), '--db', db])).code).toBe(0);
    expect((await runCli(['monitor', '--db', db])).code).toBe(0);
    const [alert] = JSON.parse((await runCli(['alerts', '--db', db, '--json'])).stdout) as { id: number }[];
    const id = String(alert!.id);
    expect((await runCli(['alerts', 'resolve', id, '--decision', 'true_match', '--note', 'same person', '--db', db])).stdout).toContain('confirming');
    // One person, two names: refused.
    const other = await runCli(['alerts', 'confirm', id, '--actor', 'someone-else', '--db', db]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--actor "someone-else": a decision is recorded under who makes it');
    // The same user again: the four-eyes rule refuses.
    expect((await runCli(['alerts', 'confirm', id, '--db', db])).code).not.toBe(0);
    expect((await runCli(['alerts', 'confirm', id, '--key', reader, '--db', db])).stderr).toContain('needs the analyst role');
    const mine = await runCli(['alerts', 'confirm', id, '--key', own, '--db', db]);
    expect(mine.code).toBe(2);
    expect(mine.stderr).toMatch(/cannot be confirmed by key:key_\w+ \(mine\): the key of key:key_\w+ was made by cli:\S+, who decided it/);
    const confirmed = await runCli(['alerts', 'confirm', id, '--key', second, '--db', db]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/true_match, confirmed by key:key_\w+ \(bob\)/);
  });

  it('records loads and keys under the command line\'s user, not "system"', async () => {
    const db = tempDir();
    await runCli(['load', fixture('ofac-csv'), '--db', db]);
    await runCli(['keys', 'create', '--role', 'reader', '--db', db]);
    const out = join(tempDir(), 'audit.jsonl');
    await runCli(['audit', 'export', '--db', db, '--output', out]);
    const actors = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { action: string; actor: string }));
    expect(actors.map((a) => a.action)).toEqual(['list.load', 'key.create']);
    expect(actors.every((a) => /^cli:\S+$/.test(a.actor))).toBe(true);
  });
});
