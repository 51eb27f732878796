import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/fixtures.js';
import { BUILT, INTERDICT, REPO, freePort, until } from './helpers/processes.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';
import { IN_CI } from './helpers/stores.js';

/** Debian's Chromium (apt-get install chromium; .ci/run installs it), never a downloaded browser. */
const CHROMIUM = process.env.INTERDICT_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const CONSOLE_BUILT = existsSync(join(REPO, 'dist/console/index.html'));
/** The README's screenshots, taken by these tests: into docs/screenshots with INTERDICT_SCREENSHOTS=1, else a scratch folder (a test run leaves the repository as it was). */
const SCREENSHOTS = process.env.INTERDICT_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : tempDir('interdict-screenshots-');

if (IN_CI && (!HAVE_CHROMIUM || !CONSOLE_BUILT)) throw new Error(`the console tests need ${CHROMIUM} and a built console (dist/console) in CI`);
if (!HAVE_CHROMIUM) console.warn(`console tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM || !HAVE_SHARED_DATA)('the analyst console in Chromium, on real lists (OFAC 2021-04-25 -> 2021-07-07)', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base = '';
  const keys: Record<'analyst' | 'second' | 'admin', string> = { analyst: '', second: '', admin: '' };
  let log = '';

  beforeAll(async () => {
    const db = tempDir('interdict-console-');
    expect((await runCli(['load', dataPath('ofac_sdn_csv/2021-04-25'), '--db', db])).code).toBe(0);
    // Customers, screened when the next version comes: some are listed people.
    const parties = join(db, 'parties.csv');
    writeFileSync(parties, ['id,name,birth_date', 'cust-1,Kim Jong Un,1984-01-08', 'cust-2,Pak Pong Ju,', 'cust-3,Anna Schmidt,1990-02-02', 'cust-4,Choe Ryong Hae,1950'].join('\n'));
    expect((await runCli(['parties', 'import', parties, '--db', db])).code).toBe(0);
    expect((await runCli(['load', dataPath('ofac_sdn_csv/2021-07-07'), '--db', db])).code).toBe(0);
    for (const [name, role] of [['analyst', 'analyst'], ['second', 'analyst'], ['admin', 'admin']] as const) {
      const created = await runCli(['keys', 'create', '--role', role, '--label', `${name} e2e`, '--db', db]);
      keys[name] = created.stdout.trim().split('\n').pop()!;
    }
    // A true match needs a second analyst's confirmation.
    expect((await runCli(['settings', 'set', 'four_eyes', 'true', '--db', db])).code).toBe(0);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [INTERDICT, 'serve', '--db', db, '--port', String(port)], { env: { ...process.env, LOG_LEVEL: 'warn' } });
    server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await until('the index', async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 90_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  const go = (screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen, exact: true }).click();
  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  const signIn = async (key: string) => {
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('asks for a key, refuses a wrong one, and shows what the role allows', async () => {
    await signIn('not-a-key');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('unknown or revoked API key');
    await signIn(keys.analyst);
    await expect.poll(() => page.getByTestId('role').textContent()).toContain('analyst');
    // An analyst screens in batch and reviews alerts; the audit log is the admin's.
    expect(await page.getByRole('link', { name: 'Batch screening' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
  }, 60_000);

  it('searches "Kim Jong Un" as it is typed and shows the OFAC entry, its score and its explanation', async () => {
    await page.getByLabel('Name').fill('Kim Jong Un');
    const results = page.getByRole('list', { name: 'Results' });
    const first = results.getByRole('listitem').first();
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toMatch(/KIM, Jong Un/i);
    expect(await first.textContent()).toContain('us_ofac_sdn');
    expect(await first.textContent()).toContain('match');
    await first.getByRole('button', { name: 'Explain' }).click();
    const explanation = first.locator('table.explanation');
    await expect.poll(() => explanation.textContent()).toContain('name');
    // The aligned words are highlighted.
    expect(await explanation.locator('mark.token').count()).toBeGreaterThanOrEqual(3);
    await shoot('search');
  }, 60_000);

  it('opens the entity: names, designations by authority, identifiers, and the versions that carried it', async () => {
    await page.getByRole('list', { name: 'Results' }).getByRole('link', { name: /KIM, Jong Un/i }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/KIM, Jong Un/i);
    expect(await page.getByRole('table', { name: 'Names' }).locator('tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('heading', { name: 'Designations' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Designations by/ }).first().textContent()).toMatch(/DPRK/);
    const versions = await page.getByRole('table', { name: 'Versions' }).textContent();
    expect(versions).toContain('us_ofac_sdn');
    expect(versions).toContain('current');
    await shoot('entity');
  }, 60_000);

  it('shows each list\'s versions on a timeline, the changes per version, and the diff between two versions', async () => {
    await go('Lists');
    await expect.poll(() => page.getByRole('list', { name: 'Versions' }).locator('li').count()).toBe(2);
    await expect.poll(() => page.locator('.recharts-surface').count()).toBeGreaterThan(0);
    const diff = page.getByLabel('Differences');
    await expect.poll(() => diff.textContent(), { timeout: 15_000 }).toMatch(/added \(\d+\)/);
    const added = Number(/added \((\d+)\)/.exec((await diff.textContent()) ?? '')![1]);
    expect(added).toBeGreaterThan(0);
    await shoot('lists');
    // An added entity opens from the diff.
    await diff.getByRole('link').first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'List versions carrying it' }).count()).toBe(1);
  }, 60_000);

  it('screens an uploaded CSV: its columns mapped, live progress, filterable results', async () => {
    await go('Batch screening');
    const csv = ['customer_id,full_name,dob', 'a1,Kim Jong Un,1984', 'a2,Anna Schmidt,1990', 'a3,Ri Yong Ho,', 'a4,Korea Kumryong Trading Corporation,'].join('\n');
    await page.getByLabel('Customer file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // Usual column names are mapped already.
    await expect.poll(() => page.getByLabel('column for name', { exact: true }).inputValue()).toBe('full_name');
    expect(await page.getByLabel('column for id', { exact: true }).inputValue()).toBe('customer_id');
    await page.getByRole('button', { name: /Screen customers.csv/ }).click();
    const table = page.getByRole('table', { name: 'Screening results' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(4);
    expect(await page.getByLabel('Progress').textContent()).toContain('4 of 4 rows');
    expect(await table.textContent()).toMatch(/KIM, Jong Un/i);
    await page.getByLabel('decision filter').selectOption('match');
    const matches = await table.locator('tbody tr').count();
    expect(matches).toBeGreaterThanOrEqual(1);
    expect(matches).toBeLessThan(4);
    await shoot('batch');
  }, 60_000);

  it('reviews an alert side by side, decides it with a note, a second analyst confirms it, and the admin sees both in the verified audit log', async () => {
    await go('Alerts');
    const queue = page.getByRole('table', { name: 'Alerts' });
    await expect.poll(() => queue.locator('tbody tr.openable').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await queue.locator('tbody tr.openable', { hasText: 'cust-1' }).first().click();
    const review = page.getByLabel(/^Alert \d+$/);
    await expect.poll(() => review.textContent()).toMatch(/KIM, Jong Un/i);
    expect(await review.textContent()).toContain('Kim Jong Un');
    const url = page.url();
    await shoot('alerts');
    await review.getByLabel('True match').check();
    await review.getByLabel('note').fill('Same person: name and birth date agree with the OFAC entry.');
    await review.getByRole('button', { name: 'Record decision' }).click();
    // Four eyes: it waits for another analyst, who cannot be the one who decided.
    await expect.poll(() => review.textContent()).toContain('awaits a second analyst');
    expect(await review.textContent()).toContain('analyst e2e');
    await review.getByRole('button', { name: 'Confirm true match' }).click();
    await expect.poll(() => review.getByRole('alert').textContent()).toContain('a second analyst must confirm it');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(keys.second);
    await page.goto(url);
    await expect.poll(() => review.textContent()).toContain('confirming');
    await review.getByRole('button', { name: 'Confirm true match' }).click();
    await expect.poll(() => review.textContent()).toContain('confirmed by key:');
    expect(await review.textContent()).toContain('true_match');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(keys.admin);
    await go('Audit log');
    await expect.poll(() => page.getByTestId('chain').textContent()).toMatch(/Chain verified: \d+ entries/);
    const entries = page.getByRole('table', { name: 'Audit entries' });
    await expect.poll(() => entries.locator('tbody tr', { hasText: 'alert.decide' }).count()).toBe(1);
    expect(await entries.locator('tbody tr', { hasText: 'alert.decide' }).textContent()).toContain('analyst e2e');
    const confirmed = await entries.locator('tbody tr', { hasText: 'alert.confirm' }).textContent();
    expect(confirmed).toContain('second e2e');
    expect(confirmed).toContain('true_match');
    await shoot('audit');
  }, 90_000);
});
