import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { runCli } from './cli.js';
import { tempDir } from './fixtures.js';
import { INTERDICT, REPO, freePort, until } from './processes.js';
import { IN_CI } from './stores.js';

/** Debian's Chromium (apt-get install chromium; .ci/run installs it), never a downloaded browser. */
export const CHROMIUM = process.env.INTERDICT_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const CONSOLE_BUILT = existsSync(join(REPO, 'dist/console/index.html'));
/**
 * How long the console may take to show what an action leads to (a search, a diff, a chart) on a
 * loaded machine. Every read of the page waits, up to this, for its condition: the page renders
 * after answers from the server, so an immediate read (or vitest's one-second default poll) races it.
 */
export const SHOWN_WITHIN_MS = 15_000;
/** Read the page until the assertion holds (a read that throws, for want of an element, is retried). */
export const eventually = <T>(read: () => Promise<T>, timeout = SHOWN_WITHIN_MS) => expect.poll(read, { timeout, interval: 100 });
/** The test lists state old dates: allowed, so that no stale-list warning stands in the screens' way. */
export const LIST_AGE = { INTERDICT_MAX_LIST_AGE_DAYS: '3650' };

/** In CI the console tests must run: a missing Chromium or console build fails there instead of skipping. */
export function requireConsoleInCi(): void {
  if (IN_CI && (!HAVE_CHROMIUM || !CONSOLE_BUILT)) throw new Error(`the console tests need ${CHROMIUM} and a built console (dist/console) in CI`);
}

/**
 * `interdict serve` on a free port over the database `db`, once its index is ready; its output goes
 * to `output` (for assertion messages). A server that never gets ready is stopped before the throw.
 */
export async function serveConsole(db: string, output: (text: string) => void): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [INTERDICT, 'serve', '--db', db, '--port', String(port)], { env: { ...process.env, ...LIST_AGE, LOG_LEVEL: 'warn' } });
  server.stdout!.on('data', (chunk: Buffer) => output(chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => output(chunk.toString()));
  try {
    await until('the index', async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 90_000);
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }
  return { base, server };
}

/** Chromium, headless, with one desktop-sized page whose actions and reads wait for their element as long as any condition may take. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(SHOWN_WITHIN_MS);
  return { browser, page };
}

/**
 * A served console and the Chromium page on it, for the tests of one describe block. `base` is the
 * server's address (`http://127.0.0.1:40123`), `log` its output so far (for assertion messages).
 */
export interface ConsoleSession {
  base: string;
  page: Page;
  log: string;
}

/**
 * Registers, in the describe block it is called in, a console over a fresh database (a temporary
 * folder named from `prefix`): before all its tests, each of `runs` (the arguments of an `interdict`
 * command, given `--db`) is run on the database, the console served on it and Chromium opened;
 * after them, both are closed. The session's fields are set once the tests start.
 * @example const app = useConsole('interdict-travel-console-', [['load', fixture('un-small.xml')]]);
 */
export function useConsole(prefix: string, runs: string[][]): ConsoleSession {
  const session = { base: '', log: '' } as ConsoleSession;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const db = tempDir(prefix);
    for (const args of runs) {
      const run = await runCli([...args, '--db', db], LIST_AGE);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    let base: string;
    ({ base, server } = await serveConsole(db, (text) => (session.log += text)));
    session.base = base;
    ({ browser, page: session.page } = await openBrowser());
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });
  return session;
}

/** What the API of `session` answers to `body` POSTed as JSON to `path` (a 200 expected, else the server's output shown). */
export async function postJson<T>(session: ConsoleSession, path: string, body: unknown): Promise<T> {
  const answer = await fetch(`${session.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(answer.status, session.log).toBe(200);
  return (await answer.json()) as T;
}

/**
 * In a finding's row: the matched record as a link to its entity page, the matcher's explanation
 * unfolded, the entity page opened (its heading the record's caption) and left again.
 */
export async function openMatchedRecord(page: Page, row: Locator, record: { id: string; caption: string }): Promise<void> {
  const link = row.getByRole('link', { name: record.caption });
  expect(await link.getAttribute('href')).toBe(`#/entities/${record.id}`);
  await row.getByText('How the name matched').click();
  await eventually(() => row.locator('table.explanation th[scope="row"]').first().textContent()).toBe('Name');
  await link.click();
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(record.caption);
  await page.goBack();
}
