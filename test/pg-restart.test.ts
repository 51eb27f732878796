import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture } from './helpers/fixtures.js';
import { IN_CI } from './helpers/stores.js';
import { BUILT, INTERDICT, freePort, until } from './helpers/processes.js';

const ROWS = 20_000;

/** Debian's PostgreSQL binaries, to run a private server this test may restart (the shared one stays up). */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort().pop();
  const bin = version && join(root, version, 'bin');
  return bin && existsSync(join(bin, 'pg_ctl')) ? bin : undefined;
}
const BIN = postgresBin();
// initdb refuses root: run the server as the postgres user when the test runs as root.
const AS_ROOT = process.getuid?.() === 0;
const usable = Boolean(BIN) && (!AS_ROOT || existsSync('/usr/sbin/runuser'));
if (!usable) {
  if (IN_CI) throw new Error('the PostgreSQL restart test needs Debian\'s postgresql binaries (apt-get install postgresql)');
  console.warn('PostgreSQL restart test skipped: no postgresql binaries in /usr/lib/postgresql');
}

function pg(tool: string, args: string[]): void {
  const command = join(BIN!, tool);
  // No pipes: the server pg_ctl starts would hold them open, and the call would never return.
  const options = { stdio: 'ignore' as const, timeout: 60_000 };
  if (AS_ROOT) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], options);
  else execFileSync(command, args, options);
}

describe.skipIf(!BUILT || !usable)('a batch screening survives a PostgreSQL restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-pg-'));
  const data = join(dir, 'data');
  const processes: ChildProcess[] = [];
  let started = false;
  afterAll(() => {
    for (const child of processes) child.kill('SIGKILL');
    if (started) {
      try {
        pg('pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes and completes the job, every row once', async () => {
    chmodSync(dir, 0o777);
    pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
    pg('pg_ctl', ['-D', data, '-o', options, '-l', join(data, 'server.log'), '-w', 'start']);
    started = true;
    const env = { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`, INTERDICT_PG_SCHEMA: 'interdict', LOG_LEVEL: 'warn' };
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv')], env)).code).toBe(0);

    const http = await freePort();
    const base = `http://127.0.0.1:${http}`;
    let log = '';
    for (const args of [['serve', '--port', String(http)], ['worker']]) {
      const child = spawn(process.execPath, [INTERDICT, ...args], { env });
      child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      processes.push(child);
    }
    await until('the node', async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 60_000);
    const csv = ['id,name', ...Array.from({ length: ROWS }, (_, i) => `c${i},${['Kim Yong Chol', 'Mary Unlisted', 'Ri Won-ho'][i % 3]}`)].join('\n');
    const { id } = (await (await fetch(`${base}/screenings`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).json()) as { id: string };
    await until('a tenth of the rows', async () => (((await (await fetch(`${base}/screenings/${id}`)).json()) as { done: number }).done >= ROWS / 10 ? true : undefined), 120_000);

    pg('pg_ctl', ['-D', data, '-o', options, '-m', 'fast', '-w', 'restart']);
    const job = await until('the job after the restart', async () => {
      const status = (await (await fetch(`${base}/screenings/${id}`)).json()) as { status: string; done: number };
      return status.status === 'done' ? status : undefined;
    }, 180_000).catch((error: Error) => {
      throw new Error(`${error.message}; the node and worker said: ${log.slice(-3000)}`);
    });
    expect(job.done).toBe(ROWS);
    const lines = (await (await fetch(`${base}/screenings/${id}/results`)).text()).trim().split('\n').slice(1);
    expect(lines).toHaveLength(ROWS);
    expect(new Set(lines.map((l) => l.split(',')[1])).size).toBe(ROWS);
    // Both processes lived through it.
    expect(processes.every((child) => child.exitCode === null)).toBe(true);
  }, 300_000);
});
