import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
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
