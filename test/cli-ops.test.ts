import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { RELEASE } from '../src/release.js';
import { runCli, type CliRun } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { BUILT, INTERDICT, REPO, freePort, until } from './helpers/processes.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

interface PipedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** What the reader had read when it went away. */
  read: string;
}

/**
 * Run the built CLI with its standard output read by a reader that goes away: at once, before
 * anything is written, or after the first line (`| head -1`).
 */
async function runPiped(args: string[], closes: 'at once' | 'after the first line'): Promise<PipedRun> {
  const child = spawn(process.execPath, [INTERDICT, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let read = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (closes === 'at once') child.stdout.destroy();
  else {
    child.stdout.on('data', (chunk: Buffer) => {
      read += chunk.toString();
      if (read.includes('\n')) child.stdout.destroy();
    });
  }
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stderr, read };
}

/** A stream that says it is a terminal, as standard error is in a person's shell. */
function fakeTerminal(): PassThrough & { isTTY: boolean; columns: number } {
  return Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
}

/** Run the CLI in-process with standard error (and, when asked, standard output) on a fake terminal. */
async function runOnTerminal(args: string[], options: { outIsTerminal?: boolean } = {}): Promise<CliRun> {
  const out = options.outIsTerminal ? fakeTerminal() : new PassThrough();
  const err = fakeTerminal();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await main(['node', 'interdict', ...args], { out, err }, {});
  return { code, stdout, stderr };
}

describe('a reader that goes away (interdict ... | head)', () => {
  it.skipIf(!BUILT)('ends every command writing to standard output quietly, with status 0', async () => {
    const db = tempDir('interdict-pipe-');
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
    // The reader is gone before anything is written: the first write meets a closed pipe, whatever its size.
    for (const args of [['diff', fixture('ofac-csv'), fixture('ofac-csv-v2')], ['versions', '--db', db], ['export', '--db', db], ['--help']]) {
      const run = await runPiped(args, 'at once');
      expect({ args, stderr: run.stderr, code: run.code, signal: run.signal }).toEqual({ args, stderr: '', code: 0, signal: null });
    }
  });

  it.skipIf(!BUILT || !HAVE_SHARED_DATA)('export of a real list into `head -1`: the first line, then a quiet end', async () => {
    const db = tempDir('interdict-pipe-real-');
    expect((await runCli(['load', dataPath('ofac_sdn_csv', '2021-07-07'), '--db', db])).code).toBe(0);
    // Megabytes of lines: the reader goes away while the writer is still far from done.
    const run = await runPiped(['export', '--db', db], 'after the first line');
    expect(JSON.parse(run.read.split('\n')[0]!)).toHaveProperty('id');
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The store was closed on the way out: the next command has it at once.
    expect((await runCli(['versions', '--db', db])).code).toBe(0);
  });

  it.skipIf(!BUILT || !HAVE_SHARED_DATA)('diff into `head -1`: the first line, then a quiet end', async () => {
    // Two real publications differ by a few kilobytes, which the pipe takes whole before the reader
    // goes; from the four-entity fixture to the real list, about 9,000 lines (180 kB) are written.
    const run = await runPiped(['diff', fixture('ofac-csv'), dataPath('ofac_sdn_csv', '2021-07-07')], 'after the first line');
    expect(run.read).toMatch(/^us_ofac_sdn: ofac-csv \(undated, 4 entities\) -> 2021-07-07/);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('--version and --help', () => {
  it('--version prints the release from package.json and exits 0', async () => {
    const release = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(RELEASE).toBe(release);
    for (const flag of ['--version', '-V']) {
      const run = await runCli([flag]);
      expect(run).toEqual({ code: 0, stdout: `${release}\n`, stderr: '' });
    }
  });

  it('--help, and help for a command, exit 0', async () => {
    for (const args of [['--help'], ['help'], ['diff', '--help'], ['help', 'load']]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: interdict/);
    }
  });
});

describe('usage errors exit 2 (bad input), with commander\'s message', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /error: unknown command 'frobnicate'/],
    ['an unknown option', ['diff', '--frob', 'a', 'b'], /error: unknown option '--frob'/],
    ['an unknown option of the program', ['--frob'], /error: unknown option '--frob'/],
    ['a missing required argument', ['diff', fixture('ofac-csv')], /error: missing required argument 'new'/],
    ['a missing required option', ['keys', 'create'], /error: required option '--role <role>' not specified/],
    ['an invalid option value', ['match', 'Kim', '--threshold', '7'], /error: option '--threshold <t>' argument '7' is invalid\. must be a number from 0 to 1/],
    ['an option without its value', ['diff', 'a', 'b', '--dataset'], /error: option '--dataset <name>' argument missing/],
    ['no command at all', [], /Usage: interdict/],
  ];
  it.each(cases)('%s', async (_what, args, message) => {
    const run = await runCli(args);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  });
});

describe('progress on a terminal (load, update, export)', () => {
  it('load shows the file it parses, then the commit, only when standard error is a terminal', async () => {
    const quiet = await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', tempDir('interdict-progress-'), '--json']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');

    const shown = await runOnTerminal(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', tempDir('interdict-progress-'), '--json']);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toMatch(/parsing .*\d\/2 files/);
    expect(shown.stderr).toContain(fixture('un-small.xml'));
    expect(shown.stderr).toContain(fixture('ofac-csv'));
    expect(shown.stderr).toContain('committing un_sc, us_ofac_sdn');
    // Standard output is the same as without a terminal.
    expect(Object.keys(JSON.parse(shown.stdout).datasets)).toEqual(Object.keys(JSON.parse(quiet.stdout).datasets));
  });

  it('export counts the entities written, unless its output is on the same terminal', async () => {
    const db = tempDir('interdict-progress-');
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const quiet = await runCli(['export', '--db', db]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');

    const shown = await runOnTerminal(['export', '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toMatch(/exporting 7 entities/);
    expect(shown.stdout).toBe(quiet.stdout);

    const onScreen = await runOnTerminal(['export', '--db', db], { outIsTerminal: true });
    expect(onScreen.code).toBe(0);
    expect(onScreen.stderr).toBe('');
  });

  it('update shows what it downloads and loads, only when standard error is a terminal', async () => {
    const quiet = await runCli(['update', '--dataset', 'us_ofac_sdn', '--from', fixture('ofac-csv'), '--db', tempDir('interdict-progress-')]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');

    const shown = await runOnTerminal(['update', '--dataset', 'us_ofac_sdn', '--from', fixture('ofac-csv'), '--db', tempDir('interdict-progress-')]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toContain('downloading and loading us_ofac_sdn');
    expect(shown.stdout).toMatch(/us_ofac_sdn\s+new version/);
  });

  it('update\'s messages (a retry) are written on their own lines, with or without a terminal', async () => {
    const gone = `http://127.0.0.1:${await freePort()}`;
    const args = ['update', '--dataset', 'un_sc', '--from', gone, '--retries', '1', '--db', tempDir('interdict-progress-')];
    const quiet = await runCli(args);
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toMatch(/^interdict: http:\/\/127\.0\.0\.1:\d+\/consolidated\.xml: .*; retrying$/m);
    expect(quiet.stderr).not.toContain('downloading and loading');

    const shown = await runOnTerminal(args);
    expect(shown.code).toBe(2);
    expect(shown.stderr).toContain('downloading and loading un_sc');
    // The stage's line is cleared (ESC [2K, ESC [1G) and the message starts a line of its own.
    const retry = shown.stderr.split('\u001b[2K\u001b[1G').find((part) => part.startsWith('interdict: '));
    expect(retry).toMatch(/^interdict: http:\/\/127\.0\.0\.1:\d+\/consolidated\.xml: .*; retrying\n/);
  });
});

/** The servers `npm start -- --port <port>` started: `node .../interdict.js serve ... --port <port>` processes. */
function serversOn(port: number): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && /^\S*node\s+\S*interdict\.js serve\b/.test(m[2]!) && m[2]!.includes(`--port ${port}`))
    .map((m) => Number(m[1]));
}

describe.skipIf(!BUILT)('npm start, stopped', () => {
  const started: { port: number; npm: ReturnType<typeof spawn> }[] = [];
  afterEach(() => {
    // Whatever the outcome, no server of these tests is left behind.
    for (const { port, npm } of started.splice(0)) {
      if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
      for (const pid of serversOn(port)) process.kill(pid, 'SIGKILL');
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('with %s, stops its server too', async (signal) => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--', '--port', String(port)], {
      cwd: REPO,
      env: { ...process.env, INTERDICT_DB: join(tempDir('interdict-npm-start-'), 'db'), npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push({ port, npm });
    let log = '';
    npm.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    npm.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await until(`the server started by npm start (${log})`, async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
    expect(serversOn(port)).toHaveLength(1);

    npm.kill(signal);
    await until('the server to stop', async () => {
      const refused = await fetch(`${base}/healthz`).then(() => false, () => true);
      return refused && serversOn(port).length === 0 ? true : undefined;
    }, 15_000);
    await until('npm to exit', async () => (npm.exitCode !== null || npm.signalCode !== null ? true : undefined), 15_000);
  });
});
