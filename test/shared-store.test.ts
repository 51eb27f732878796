import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir, tempFile } from './helpers/fixtures.js';
import { BUILT, INTERDICT, freePort, until } from './helpers/processes.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';
import { socketPath } from '../src/store/folder-lock.js';
import { openStore } from '../src/store/index.js';

// One embedded store, many processes: while `serve` holds the store, the other commands of the
// machine work through it; without a server, commands take turns; a holder that died leaves
// nothing that blocks the next.

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function serve(db: string, ...args: string[]): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [INTERDICT, 'serve', '--db', db, '--port', String(port), ...args], { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await until('the server', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
  return { child, base };
}

describe.skipIf(!BUILT)('one embedded store, many processes', () => {
  it('lets every command work while the server holds the store, and the server follows their changes at once', async () => {
    const db = join(tempDir(), 'store');
    const { base } = await serve(db);
    expect((await fetch(`${base}/readyz`)).status).toBe(503); // nothing loaded yet

    const versions = await runCli(['versions', '--db', db]);
    expect(versions.code).toBe(0);
    expect(versions.stdout).toContain('no versions stored yet');
    const key = await runCli(['keys', 'create', '--role', 'admin', '--db', db]);
    expect(key.code).toBe(0);
    const secret = key.stdout.trim().split('\n').pop()!;
    const load = await runCli(['load', fixture('ofac-csv'), '--db', db, '--json']);
    expect(load.code).toBe(0);
    expect(JSON.parse(load.stdout).datasets.us_ofac_sdn).toMatchObject({ created: true, current: true });
    // The server hears of the commit and swaps its index now, not at its next 30-second check.
    await until('the new list served', async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 10_000);
    const answer = await fetch(`${base}/match/default`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': secret }, body: JSON.stringify({ queries: { q: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } } } }) });
    expect(((await answer.json()) as { responses: { q: { results: { id: string }[] } } }).responses.q.results[0]!.id).toBe('us_ofac_sdn-12211');

    expect((await runCli(['parties', 'import', tempFile('p.csv', 'id,name\np1,Kim Yong Chol\n'), '--db', db])).code).toBe(0);
    expect((await runCli(['monitor', '--db', db, '--json'])).code).toBe(0);
    expect(JSON.parse((await runCli(['alerts', '--db', db, '--json'])).stdout)).toHaveLength(1);
    expect((await runCli(['match', 'Kim Yong Chol', '--db', db])).stdout).toContain('us_ofac_sdn-12211');
    // A second server on the same store is refused: one holds it.
    const again = await runCli(['serve', '--db', db, '--port', String(await freePort())]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already served by process \d+ \(interdict serve\)/);
  });

  it('keeps a server on another machine\'s address closed until a key exists, and closed again once the last is revoked', async () => {
    const db = join(tempDir(), 'store');
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const { base } = await serve(db, '--host', '0.0.0.0');
    const catalog = (key?: string): Promise<Response> => fetch(`${base}/catalog`, { headers: key ? { 'x-api-key': key } : {} });
    expect(((await (await catalog()).json()) as { code: string }).code).toBe('NO_KEYS');
    const created = await runCli(['keys', 'create', '--role', 'reader', '--db', db]);
    const secret = created.stdout.trim().split('\n').pop()!;
    const id = /created (key_\w+)/.exec(created.stdout)![1]!;
    expect((await catalog(secret)).status).toBe(200);
    expect((await catalog()).status).toBe(401);
    expect((await runCli(['keys', 'revoke', id, '--db', db])).code).toBe(0);
    const after = await catalog();
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('NO_KEYS');
  });

  it('lets two loads started together take turns: one stores the publication, the other finds it stored', async () => {
    const db = tempDir();
    // The second starts once the first holds the store; a list of some size (OFAC's 9,000 records,
    // where the real files are at hand) keeps it held while the second reads its file and asks.
    const list = HAVE_SHARED_DATA ? dataPath('ofac_sdn_csv/2021-07-07') : fixture('ofac-csv');
    const first = runCli(['load', list, '--db', db, '--json']);
    await until('the first load to hold the store', async () => (existsSync(socketPath(db)) ? true : undefined), 30_000);
    const [a, b] = await Promise.all([first, runCli(['load', list, '--db', db, '--json'])]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    const created = [a, b].map((run) => JSON.parse(run.stdout).datasets.us_ofac_sdn.created as boolean).sort();
    expect(created).toEqual([false, true]);
    expect(JSON.parse((await runCli(['versions', '--db', db, '--json'])).stdout).versions).toHaveLength(1);
    // The trail records the one load that committed, and verifies.
    const out = join(tempDir(), 'audit.jsonl');
    expect((await runCli(['audit', 'export', '--db', db, '--output', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action).filter((a) => a === 'list.load')).toHaveLength(1);
    expect((await runCli(['audit', 'verify', '--db', db])).code).toBe(0);
  });

  it('says whom it waits for while another process holds the store', async () => {
    const db = tempDir();
    expect((await runCli(['load', fixture('un-small.xml'), '--db', db])).code).toBe(0);
    // This process holds the store (not sharing it) for a second, then lets go.
    const held = await openStore({ kind: 'embedded', dir: db }, { create: false, command: 'test holder' });
    const release = new Promise<void>((done) => setTimeout(() => void held.close().then(done), 1500));
    const waited = await runCli(['load', fixture('ofac-csv'), '--db', db, '--json']);
    await release;
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toContain(`interdict: the store is in use by process ${process.pid} (test holder); waiting up to`);
    expect(JSON.parse(waited.stdout).datasets.us_ofac_sdn.created).toBe(true);
  });

  it('takes over from a server that was killed, and never from a live process of an earlier release', async () => {
    const db = join(tempDir(), 'store');
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const { child } = await serve(db);
    child.kill('SIGKILL');
    await new Promise((exited) => child.once('exit', exited));
    expect(existsSync(join(db, 'interdict.sock'))).toBe(true); // left behind by the killed server
    expect((await runCli(['versions', '--db', db])).code).toBe(0);

    // A process of an earlier release locked the folder with its PID in interdict.lock.
    const earlier = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    children.push(earlier);
    writeFileSync(join(db, 'interdict.lock'), String(earlier.pid));
    const refused = await runCli(['versions', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`in use by process ${earlier.pid} (an earlier Interdict release)`);
    earlier.kill('SIGKILL');
    await new Promise((exited) => earlier.once('exit', exited));
    expect((await runCli(['versions', '--db', db])).code).toBe(0);
  });
});
